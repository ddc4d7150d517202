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
}
