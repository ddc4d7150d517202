/// `policy.md`: the service management policy and its numbered statements.
public struct Policy: Sendable {
    public var file: String
    public var title: Located<String>?
    public var version: Located<Int>?
    public var approvedBy: Located<String>?
    public var approvedOn: Located<Day>?
    public var statements: [PolicyStatement]
    public var body: MarkdownBody

    package init(file: String, title: Located<String>? = nil, version: Located<Int>? = nil, approvedBy: Located<String>? = nil, approvedOn: Located<Day>? = nil, statements: [PolicyStatement], body: MarkdownBody) {
        self.file = file
        self.title = title
        self.version = version
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.statements = statements
        self.body = body
    }
}

public struct PolicyStatement: Sendable {
    public var id: Located<String>
    public var text: String

    package init(id: Located<String>, text: String) {
        self.id = id
        self.text = text
    }
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
