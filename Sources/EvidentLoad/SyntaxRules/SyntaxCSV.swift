import EvidentModel

/// A measurements CSV that cannot be read as the format says. Most of it is reported while
/// loading; a period coarser than the objective's cadence needs the model: its `check` is in EvidentCheck.
package enum SyntaxCSV: Sendable {
    package static let description = RuleDescription(
        id: "syntax/csv", name: "Measurements CSV", obligation: .syntax, defaultSeverity: .error,
        summary: "A CSV with a bad header, a wrong column count, a value that is not a number, or a period that does not parse.",
        rationale: """
            Measured results are the evidence that objectives are monitored. A row that cannot be read is a \
            result the trend, the status and the audit pack silently lose, so every such row is reported at \
            its cell. A period coarser than the objective's cadence (a year for a monthly objective) would \
            hide which period the value belongs to. This finding is the one finding about the row: the \
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
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-W46,3.0,finer than the cadence,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "\"2026-11\",\"3.1\",\"quoted, with a comma\",\n"]),
        ])
}
