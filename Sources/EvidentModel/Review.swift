/// Minutes of one review meeting, with its decisions and actions. A class: the model files each
/// review under every objective it names and with each of its decisions and actions, and a
/// reference is one retain where a structure of a dozen references would be a dozen.
public final class Review: Sendable {
    public let file: String
    public let location: SourceLocation
    public let date: Located<Day>?
    public let forum: Located<String>?
    public let chair: Located<String>?
    public let attendees: [Located<String>]
    public let objectives: [Located<String>]
    public let decisions: [Decision]
    public let actions: [ReviewAction]
    public let body: MarkdownBody

    public init(file: String, location: SourceLocation, date: Located<Day>?, forum: Located<String>?, chair: Located<String>?,
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
    public var slug: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".md") ? String(base.dropLast(3)) : base
    }
}

public struct Decision: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case noChange = "no-change"
        case update, retire, escalate
    }

    public var location: SourceLocation
    public var objective: Located<String>?
    public var decision: Located<Kind>?
    public var note: String?

    package init(location: SourceLocation, objective: Located<String>? = nil, decision: Located<Kind>? = nil, note: String? = nil) {
        self.location = location
        self.objective = objective
        self.decision = decision
        self.note = note
    }
}

public struct ReviewAction: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case open, done
    }

    public var location: SourceLocation
    public var id: Located<String>?
    public var objective: Located<String>?
    public var owner: Located<String>?
    public var due: Located<Day>?
    public var status: Located<Status>?
    public var text: String?

    package init(location: SourceLocation, id: Located<String>? = nil, objective: Located<String>? = nil, owner: Located<String>? = nil, due: Located<Day>? = nil, status: Located<Status>? = nil, text: String? = nil) {
        self.location = location
        self.id = id
        self.objective = objective
        self.owner = owner
        self.due = due
        self.status = status
        self.text = text
    }
}
