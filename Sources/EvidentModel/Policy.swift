/// `policy.md`: the service management policy and its numbered statements.
package struct Policy: Sendable {
    package var file: String
    package var title: Located<String>?
    package var version: Located<Int>?
    package var approvedBy: Located<String>?
    package var approvedOn: Located<Day>?
    package var statements: [PolicyStatement]
    /// Where `statements` is written; nil when it is not.
    package var statementsLocation: SourceLocation?
    package var body: MarkdownBody

    package init(file: String, title: Located<String>? = nil, version: Located<Int>? = nil, approvedBy: Located<String>? = nil, approvedOn: Located<Day>? = nil, statements: [PolicyStatement], statementsLocation: SourceLocation? = nil, body: MarkdownBody) {
        self.file = file
        self.title = title
        self.version = version
        self.approvedBy = approvedBy
        self.approvedOn = approvedOn
        self.statements = statements
        self.statementsLocation = statementsLocation
        self.body = body
    }
}

package struct PolicyStatement: Sendable {
    package var id: Located<String>
    package var text: String
    /// The standards the statement applies to, as written; empty means every configured one.
    package var standards: [Located<String>]

    package init(id: Located<String>, text: String, standards: [Located<String>] = []) {
        self.id = id
        self.text = text
        self.standards = standards
    }
}

/// The Markdown after the front-matter, and the file line it starts on.
package struct MarkdownBody: Sendable, Hashable {
    package var text: String
    package var firstLine: Int

    package init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }

    static let empty = MarkdownBody(text: "", firstLine: 1)
}
