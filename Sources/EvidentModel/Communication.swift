/// Evidence that objectives, or changes to them, were communicated.
public struct Communication: Sendable {
    public enum Channel: String, Sendable, CaseIterable {
        case intranet, email, meeting, portal, other
    }

    public var file: String
    public var location: SourceLocation
    public var date: Located<Day>?
    public var channel: Located<Channel>?
    public var audience: Located<String>?
    /// `objectives: all` covers every objective.
    public var coversAll: Bool
    public var objectives: [Located<String>]
    public var body: MarkdownBody

    package init(file: String, location: SourceLocation, date: Located<Day>? = nil, channel: Located<Channel>? = nil, audience: Located<String>? = nil, coversAll: Bool, objectives: [Located<String>], body: MarkdownBody) {
        self.file = file
        self.location = location
        self.date = date
        self.channel = channel
        self.audience = audience
        self.coversAll = coversAll
        self.objectives = objectives
        self.body = body
    }
}
