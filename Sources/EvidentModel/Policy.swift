/// `policy.md`: the service management policy and its numbered statements.
public struct Policy: Sendable {
    public var file: String
    public var title: Located<String>?
    public var version: Located<Int>?
    public var approvedBy: Located<String>?
    public var approvedOn: Located<Day>?
    public var statements: [PolicyStatement]
    public var body: MarkdownBody
}

public struct PolicyStatement: Sendable {
    public var id: Located<String>
    public var text: String
}

/// The Markdown after the front-matter, and the file line it starts on.
public struct MarkdownBody: Sendable, Hashable {
    public var text: String
    public var firstLine: Int

    public init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }

    public static let empty = MarkdownBody(text: "", firstLine: 1)
}
