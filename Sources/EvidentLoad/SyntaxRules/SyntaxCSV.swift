/// A measurements CSV that cannot be read as the format says. Most of it is reported while
/// loading; a period coarser than the objective's cadence needs the model and is found here.
public enum SyntaxCSV: Rule {
    public static let description = RuleDescription(
        id: "syntax/csv", name: "Measurements CSV", obligation: .syntax, defaultSeverity: .error,
        summary: "A CSV with a bad header, a wrong column count, a value that is not a number, or a period that does not parse.",
        rationale: """
            Measured results are the evidence that objectives are monitored. A row that cannot be read is a \
            result the trend, the status and the audit pack silently lose, so every such row is reported at \
            its cell. A period coarser than the objective's cadence (a year for a monthly objective) would \
            hide which period the value belongs to.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-11,4,5,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-11,↓n/a,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-13,3.1,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": "period,↓amount\n2026-10,3.1\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-H2,3.1,,\n"]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-W46,3.0,finer than the cadence,\n"]),
        ])

    public static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for run in model.measurementRuns {
            guard let o = model.objectivesByID[run.objectiveID], let cadence = model.cadence(of: o) else { continue }
            for m in model.content.measurements[run.rows] where m.periodValue.kind > cadence.periodKind {
                findings.append(description.finding(
                    "`\(m.period.value)` is coarser than the \(cadence.rawValue) cadence of \(m.objective.value); record one value per \(cadence.periodKind) period or finer.",
                    at: m.period.location, objective: m.objective.value))
            }
        }
        return findings
    }
}
