import EvidentModel
import EvidentSupport

/// An action open as of the as-of date past its due date, or a `done_on` that contradicts the
/// action's status or the date of the review that agreed it.
enum MonitoredActionOverdue: Rule {
    static let description = RuleDescription(
        id: "monitored/action-overdue", name: "Action overdue", obligation: .monitored, defaultSeverity: .warning,
        summary: "An action open past its due date (as of the as-of date: one done later, by its `done_on`, was open then), or a `done_on` on an action not marked done or before the review that agreed it.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and monitoring that leads nowhere is not \
            monitoring: the actions a review agrees are how results off target are corrected. An action \
            still open after its due date shows that follow-up is not tracked, which an auditor reads as a \
            weakness of the review process. Close the action (`status: done`) when it is done, and say \
            when (`done_on`). When a later \
            review agrees a new due date, write it in the action's `due` and name that review in its \
            `text`: an action is declared once, in the minutes that raised it (a second declaration of its \
            id is `syntax/duplicate-id`). An action is open unless its status says `done`. An action \
            without a `due` date can never be late: it is `syntax/type`'s finding, which asks for it. \
            An auditor judging a past period asks whether the action was late then, not whether it is \
            closed now: as of a day before its `done_on`, an action is open, and past its due date it \
            is reported as it was (one marked done without a `done_on` is done on every day). A \
            `done_on` on an action whose status is not `done` contradicts it; the action is judged \
            open, as its status says, and the finding stands at the `done_on`. So does a `done_on` \
            before the date of the review that agreed the action: an action is done after it is \
            agreed, so one of the two dates is wrong.
            """,
        triggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["due: 2026-12-15": "due: ↓2026-11-15"])]),
            // Done after the as-of date: as of then it was open, and late.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "due: 2026-12-15": "due: ↓2026-11-15", "status: open": "status: done\n    done_on: 2026-12-20",
            ])]),
            // Done, says `done_on`; open, says the status.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: open\n    done_on: ↓2026-11-20"])]),
            // Done before the meeting that agreed it.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: done\n    done_on: ↓2026-11-01"])]),
        ],
        nonTriggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done",
            ])]),
            // Done late, but by the as-of date.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done\n    done_on: 2026-11-20",
            ])]),
            // Done after the as-of date and not due by then: the view of a past day, no contradiction.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: done\n    done_on: 2026-12-20"])]),
            // Done at the meeting that agreed it.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: done\n    done_on: 2026-11-10"])]),
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
        for review in model.content.reviews {
            // A review dated after the as-of date, and so its actions, has not happened yet as of it.
            let held = (review.date?.value).map { $0 <= model.asOf } ?? true
            for action in review.actions {
                // A contradiction is in the minutes as written, whatever the as-of date.
                if let finding = contradiction(action, in: review, model) { findings.append(finding) }
                // Without a due date there is nothing to be late against (`syntax/type` asks for one).
                guard held, action.isOverdue(asOf: model.asOf), let due = action.due else { continue }
                findings.append(description.finding(overdue(action, due: due.value, asOf: model.asOf),
                                                    at: due.location, objective: action.objective?.value))
            }
        }
        return findings
    }

    /// The finding at an action's `done_on` that its status is not `done` (unless the status could
    /// not be read, which is `syntax/type`'s finding), or that it is before the review's date.
    static func contradiction(_ action: ReviewAction, in review: Review, _ model: CheckModel) -> Finding? {
        guard let doneOn = action.doneOn else { return nil }
        let message: String
        if action.status?.value != .done {
            guard !model.content.unread.field("status", of: action.location) else { return nil }
            message = notDone(action, doneOn: doneOn.value)
        } else if let date = review.date?.value, doneOn.value < date {
            message = doneBeforeAgreed(action, doneOn: doneOn.value, reviewDate: date)
        } else {
            return nil
        }
        return description.finding(message, at: doneOn.location, objective: action.objective?.value)
    }

    // MARK: messages

    /// "Action `ACT-112`", or "This action" for one without an id.
    static func name(of action: ReviewAction) -> String {
        action.id.map { "Action \(codeSpan($0.value))" } ?? "This action"
    }

    static func overdue(_ action: ReviewAction, due: Day, asOf: Day) -> String {
        let name = name(of: action)
        let owner = action.owner.map { " (\(codeSpan($0.value)))" } ?? ""
        let days = asOf - due
        if action.status?.value == .done, let doneOn = action.doneOn?.value {
            return "\(name)\(owner) was due on \(due) and was still open on the as-of date \(asOf), \(days) day\(days == 1 ? "" : "s") later: its `done_on` (\(doneOn)) is after the as-of date, so as of then it was not done. Correct the date if it is a mistake."
        }
        return "\(name)\(owner) was due on \(due) and is still open \(days) day\(days == 1 ? "" : "s") later. Mark it `status: done` when it is done; if a later review agreed a new due date, write it in `due` here and name that review in the action's `text`."
    }

    static func notDone(_ action: ReviewAction, doneOn: Day) -> String {
        let name = name(of: action)
        let status = action.status == nil ? "has no `status`, so it is open" : "is `status: open`"
        return "\(name) says it was done on \(doneOn) (`done_on`) but \(status), and it is judged open. Mark it `status: done` if it is done, or remove `done_on` if it is not."
    }

    static func doneBeforeAgreed(_ action: ReviewAction, doneOn: Day, reviewDate: Day) -> String {
        let name = name(of: action)
        return "\(name) was done on \(doneOn) (`done_on`), before the review of \(reviewDate) that agreed it: an action is done after it is agreed. Correct `done_on` or the review's `date` (a typo?)."
    }
}
