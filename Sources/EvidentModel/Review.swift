/// Minutes of one review meeting, with its decisions and actions. A class: the model files each
/// review under every objective it names and with each of its decisions and actions, and a
/// reference is one retain where a structure of a dozen references would be a dozen.
package final class Review: Sendable {
    package let file: String
    package let location: SourceLocation
    package let date: Located<Day>?
    package let forum: Located<String>?
    package let chair: Located<String>?
    package let attendees: [Located<String>]
    package let objectives: [Located<String>]
    package let decisions: [Decision]
    package let actions: [ReviewAction]
    package let body: MarkdownBody

    package init(file: String, location: SourceLocation, date: Located<Day>?, forum: Located<String>?, chair: Located<String>?,
                attendees: [Located<String>], objectives: [Located<String>], decisions: [Decision], actions: [ReviewAction],
                body: MarkdownBody) {
        self.file = file
        self.location = location
        self.date = date
        self.forum = forum
        self.chair = chair
        self.attendees = attendees
        self.objectives = objectives
        self.decisions = decisions
        self.actions = actions
        self.body = body
    }

    /// The file name without `.md`, which names the review's page.
    package var slug: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".md") ? String(base.dropLast(3)) : base
    }
}

package struct Decision: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case noChange = "no-change"
        case update, retire, escalate
    }

    package var location: SourceLocation
    package var objective: Located<String>?
    package var decision: Located<Kind>?
    package var note: String?

    package init(location: SourceLocation, objective: Located<String>? = nil, decision: Located<Kind>? = nil, note: String? = nil) {
        self.location = location
        self.objective = objective
        self.decision = decision
        self.note = note
    }
}

package struct ReviewAction: Sendable {
    package enum Status: String, Sendable, CaseIterable {
        case open, done
    }

    package var location: SourceLocation
    package var id: Located<String>?
    package var objective: Located<String>?
    package var owner: Located<String>?
    package var due: Located<Day>?
    package var status: Located<Status>?
    /// The day it was done (`done_on`), as written: beside a status other than `done` it is a
    /// contradiction (`monitored/action-overdue`), and the action is open.
    package var doneOn: Located<Day>?
    package var text: String?

    package init(location: SourceLocation, id: Located<String>? = nil, objective: Located<String>? = nil, owner: Located<String>? = nil, due: Located<Day>? = nil, status: Located<Status>? = nil,
                 doneOn: Located<Day>? = nil, text: String? = nil) {
        self.location = location
        self.id = id
        self.objective = objective
        self.owner = owner
        self.due = due
        self.status = status
        self.doneOn = doneOn
        self.text = text
    }

    /// Whether the action is open as of `day`: its status is not `done`, or it was done after that
    /// day (`done_on`). Done without a `done_on`, it is done on every day.
    package func isOpen(asOf day: Day) -> Bool {
        guard status?.value == .done else { return true }
        return doneOn.map { $0.value > day } ?? false
    }

    /// Whether the action is open as of `day` and its due date is before it (due on `day` is not
    /// yet late): `monitored/action-overdue`'s judgement, and the pages'.
    package func isOverdue(asOf day: Day) -> Bool {
        guard isOpen(asOf: day), let due = due?.value else { return false }
        return due < day
    }
}
