/// Minutes of one review meeting, with its decisions and actions.
public struct Review: Sendable {
    public var file: String
    public var location: SourceLocation
    public var date: Located<Day>?
    public var forum: Located<String>?
    public var chair: Located<String>?
    public var attendees: [Located<String>]
    public var objectives: [Located<String>]
    public var decisions: [Decision]
    public var actions: [ReviewAction]
    public var body: MarkdownBody

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
}
