import EvidentModel
import EvidentSupport

/// An open review action past its due date.
enum MonitoredActionOverdue: Rule {
    static let description = RuleDescription(
        id: "monitored/action-overdue", name: "Action overdue", obligation: .monitored, defaultSeverity: .warning,
        summary: "An open action past its due date.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and monitoring that leads nowhere is not \
            monitoring: the actions a review agrees are how results off target are corrected. An action \
            still open after its due date shows that follow-up is not tracked, which an auditor reads as a \
            weakness of the review process. Close the action (`status: done`) when it is done. When a later \
            review agrees a new due date, write it in the action's `due` and name that review in its \
            `text`: an action is declared once, in the minutes that raised it (a second declaration of its \
            id is `syntax/duplicate-id`). An action is open unless its status says `done`. An action \
            without a `due` date can never be late: it is `syntax/type`'s finding, which asks for it.
            """,
        triggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["due: 2026-12-15": "due: ↓2026-11-15"])]),
        ],
        nonTriggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done",
            ])]),
            // Due on the as-of date is not yet past due.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["due: 2026-12-15": "due: 2026-11-29"])]),
            // The review that agreed it is dated after the as-of date: as of then, the action does not exist yet.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "date: 2026-11-10": "date: 2026-12-21", "due: 2026-12-15": "due: 2026-12-19",
            ])], asOf: "2026-12-20"),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        // A review dated after the as-of date, and so its actions, has not happened yet as of it.
        for review in model.content.reviews where (review.date?.value).map({ $0 <= model.asOf }) ?? true {
            for action in review.actions where action.status?.value != .done {
                // Without a due date there is nothing to be late against (`syntax/type` asks for one).
                guard let due = action.due, due.value < model.asOf else { continue }
                findings.append(description.finding(overdue(action, due: due.value, asOf: model.asOf),
                                                    at: due.location, objective: action.objective?.value))
            }
        }
        return findings
    }

    // MARK: messages

    static func overdue(_ action: ReviewAction, due: Day, asOf: Day) -> String {
        let name = action.id.map { "Action \(codeSpan($0.value))" } ?? "This action"
        let owner = action.owner.map { " (\(codeSpan($0.value)))" } ?? ""
        let days = asOf - due
        return "\(name)\(owner) was due on \(due) and is still open \(days) day\(days == 1 ? "" : "s") later. Mark it `status: done` when it is done; if a later review agreed a new due date, write it in `due` here and name that review in the action's `text`."
    }
}
