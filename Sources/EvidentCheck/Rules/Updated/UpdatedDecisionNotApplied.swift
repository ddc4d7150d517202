import EvidentModel
import EvidentSupport

/// A review decided to update or retire an objective, and the objective does not show it.
enum UpdatedDecisionNotApplied: Rule {
    static let description = RuleDescription(
        id: "updated/decision-not-applied", name: "Review decision not applied", obligation: .updated,
        defaultSeverity: .warning,
        summary: "A review decided `update` or `retire` and no history entry or status change is dated after it.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate, and the review is where the \
            organisation decides what is appropriate. An auditor follows a decision from the minutes to the \
            objective: a decision to `update` should be followed by a history entry dated on or after the \
            meeting (changes are often approved in the meeting itself), and a decision to `retire` by the \
            objective's `status: retired` (or a history entry recording what was done instead). A decision \
            that a later review replaced with another decision on the same objective is not reported.
            """,
        triggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "decision: no-change\n    note: On target.": "decision: ↓update\n    note: Tighten the target to 3 h.",
            ])]),
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "decision: no-change\n    note: On target.": "decision: ↓retire\n    note: Replaced by the new MSA objective.",
            ])]),
            // The later review's item on the objective does not say what was decided (`syntax/type`):
            // it replaces nothing, and the update decided in October is still not applied.
            RuleExample([
                "reviews/2026-10-12.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-10-12",
                    "decision: no-change\n    note: On target.": "decision: ↓update\n    note: Consider 3 h.",
                    "  - id: ACT-1": "  - id: ACT-0",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["    decision: no-change\n": ""]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "decision: no-change\n    note: On target.": "decision: update\n    note: Tighten the target to 3 h.",
                ]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                    "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
                    "\nversion: 1": "\nversion: 2",
                    "approved_on: 2026-01-15": "approved_on: 2026-11-10",
                    "---\nRationale.": """
                          - version: 2
                            date: 2026-11-10
                            change: Target tightened from 4 h to 3 h.
                            reason: Decided at the operational review of 2026-11-10.
                            approved_by: Head of Service Management
                        ---
                        Rationale.
                        """,
                ]),
            ]),
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "decision: no-change\n    note: On target.": "decision: retire\n    note: Replaced by the new MSA objective.",
                ]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: retired"]),
            ]),
            // A later review reconsidered: its decision replaces the earlier one.
            RuleExample([
                "reviews/2026-10-12.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-10-12",
                    "decision: no-change\n    note: On target.": "decision: update\n    note: Consider 3 h.",
                    "  - id: ACT-1": "  - id: ACT-0",
                ]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for id in model.decisionsByObjective.keys.sorted() {
            // An unknown objective is `monitored/unknown-objective`'s; a retired one has had its last change.
            guard let o = model.objectivesByID[id], model.status(of: o) != .retired,
                  let decisions = model.decisionsByObjective[id] else { continue }
            // An item that does not say what was decided replaces no decision.
            let latest = decisions.filter { model.decides($0) }.compactMap(\.date).filter { $0 <= model.asOf }.max()
            for d in decisions {
                guard let kind = d.decision.decision, kind.value == .update || kind.value == .retire,
                      let date = d.date, date <= model.asOf else { continue }
                // Superseded by a later review's decision on the same objective.
                if let latest, latest > date { continue }
                // Applied by an entry dated from the review to the as-of date: a later one has not
                // been made yet as of that date (SPEC 3; `updated/history` reports its date).
                let later = o.history.compactMap { $0.date?.value }.filter { $0 >= date }
                if later.contains(where: { $0 <= model.asOf }) { continue }
                let asOf = later.isEmpty ? "" : " as of \(model.asOf) (the entry dated \(later.min() ?? date) has not been made yet)"
                let message = kind.value == .update
                    ? "The review of \(date) decided to update \(codeSpan(id)), but its history has no entry dated on or after \(date)\(asOf); apply the change with a new `version` and a history entry, or record a new decision at the next review."
                    : "The review of \(date) decided to retire \(codeSpan(id)), but it is still \(model.status(of: o).rawValue); set `status: retired`, or record a new decision at the next review."
                findings.append(description.finding(message, at: kind.location, objective: id))
            }
        }
        return findings
    }
}
