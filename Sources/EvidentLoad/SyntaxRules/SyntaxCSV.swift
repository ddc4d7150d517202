import EvidentModel

/// A measurements CSV that cannot be read as the format says. Most of it is reported while
/// loading; a period coarser than the objective's cadence needs the model: its `check` is in EvidentCheck.
package enum SyntaxCSV: Sendable {
    package static let description = RuleDescription(
        id: "syntax/csv", name: "Measurements CSV", obligation: .syntax, defaultSeverity: .error,
        summary: "A CSV with a bad header, a wrong column count, a value that is not a number (or a duration below zero), or a period that does not parse.",
        rationale: """
            Measured results are the evidence that objectives are monitored. A row that cannot be read is a \
            result the trend, the status and the audit pack silently lose, so every such row is reported at \
            its cell. A period coarser than the objective's cadence (a year for a monthly objective) would \
            hide which period the value belongs to. A value below zero for a metric measured in a unit of time \
            (`ms`, `s`, `min`, `h`, `d`, `weeks`, and their names: `hours`, `working days`…) cannot be a \
            duration: it is a sign or a subtraction gone wrong in the export, and judged against `<= 4 h` it \
            would read as on target. A unit is free text, so only units of time are known to have no value \
            below zero; a metric of a change in time, which may be, says so in its unit (`h change`) or in a \
            target or tolerance below zero. Values above 100 in `%` are not reported: growth, utilisation \
            and budget use pass 100 %, and a count's unit (`incidents`) is not known to be one. \
            This finding is the one finding about the row: the \
            period it names is not also reported without data, nor earlier values judged as the latest \
            result while it may replace them.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-11,↓4,5,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-11,4,no quotes, no care,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓Nov-26,3.1,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-11,↓n/a,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-13,3.1,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": "period,↓amount\n2026-10,3.1\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": "↓period;value;note\n2026-10;3,1;\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-H2,3.1,,\n"]),
            // Hours to restore below zero: no duration is (judged against `<= 4 h` it would be on target).
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "↓2026-10,-3.3,,"])]),
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: Working Days", "\"<= 4 h\"": "\"<= 4\"", "\"<= 6 h\"": "\"<= 6\"",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "↓2026-W38,-0.5,,\n2026-09,3.3,,"]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-W46,3.0,finer than the cadence,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "\"2026-11\",\"3.1\",\"quoted, with a comma\",\n"]),
            // Zero hours is a duration; `-0` is zero.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,0,,", "2026-10,3.7,,": "2026-10,-0,,"])]),
            // A percentage above 100 is not impossible: utilisation, growth and budget use pass 100 %.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: \"%\"", "\"<= 4 h\"": "\"<= 110 %\"", "\"<= 6 h\"": "\"<= 120 %\"",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,112.5,,"]),
            ]),
            // A unit that is not known to be time (a count, free text) may be below zero.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: h change", "\"<= 4 h\"": "\"<= 4 h change\"", "\"<= 6 h\"": "\"<= 6 h change\"",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,-0.4,,"]),
            ]),
            // A target below zero says the metric may be: a change in hours, in a unit of time.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Shorten the restoration of priority-1 incidents by half an hour a month.",
                    "\"<= 4 h\"": "\"<= -0.5 h\"", "\"<= 6 h\"": "\"<= 0 h\"",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,-0.7,,"]),
            ]),
        ])
}
