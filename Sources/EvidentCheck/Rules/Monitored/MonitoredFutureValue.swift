import EvidentModel
import EvidentSupport

/// A measurement for a period that has not begun yet (SPEC 4.1 "Future values").
enum MonitoredFutureValue: Rule {
    static let description = RuleDescription(
        id: "monitored/future-value", name: "Value for a future period", obligation: .monitored, defaultSeverity: .error,
        summary: "A measurement for a period that begins after the as-of date (a typo, or a result reported before it exists).",
        rationale: """
            A result can only be measured once its period has begun. A row for a later period is nearly \
            always a typo in the year (`2027-03` for `2026-03`); taken at face value it would become the \
            objective's latest result and hide the real one, and an auditor who finds a result dated in the \
            future stops trusting the rest. Such rows are left out of every status, trend and register until \
            they are corrected. A period that has begun but is not yet due is shown in the values table, but \
            is not the latest result.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2027-03,3.1,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-12-01,3.1,,\n"]),
        ],
        nonTriggering: [
            // November has begun as of 2026-11-29: shown, not yet a result, not a future value.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-11,3.1,,\n"]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-W48,3.1,,\n"]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for file in model.content.measurementFiles {
            let rows = file.rows
            // By position: a row is copied only when it has a finding.
            for i in rows.indices where rows[i].periodValue.start > model.asOf {
                let m = rows[i]
                findings.append(description.finding(message(m, asOf: model.asOf), at: m.period.location, objective: m.objective.value))
            }
        }
        return findings
    }

    static func message(_ m: Measurement, asOf: Day) -> String {
        "\(codeSpan(m.period.value)) begins on \(m.periodValue.start), after the as-of date \(asOf): a result cannot exist yet. Correct the period (a year typo?), or remove the row until the period has begun; until then it counts nowhere."
    }
}
