/// Evidence that objectives, or changes to them, were communicated.
package struct Communication: Sendable {
    package enum Channel: String, Sendable, CaseIterable {
        case intranet, email, meeting, portal, other
    }

    package var file: String
    package var location: SourceLocation
    package var date: Located<Day>?
    package var channel: Located<Channel>?
    package var audience: Located<String>?
    /// `objectives: all` covers every objective.
    package var coversAll: Bool
    package var objectives: [Located<String>]
    package var body: MarkdownBody

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
