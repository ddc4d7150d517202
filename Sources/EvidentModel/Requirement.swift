/// One file of `requirements/`: a source of applicable requirements and its clauses.
public struct RequirementSource: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case contract
        case internalControl = "internal-control"
        case serviceCommitment = "service-commitment"
        case legal
        case standard
    }

    public var file: String
    public var title: Located<String>?
    public var kind: Located<Kind>?
    public var reference: Located<String>?
    public var owner: Located<String>?
    /// When the source last changed: objectives tracing to it must be reviewed after it (`updated/trigger`).
    public var revised: Located<Day>?
    public var clauses: [Clause]
    public var body: MarkdownBody

    package init(file: String, title: Located<String>? = nil, kind: Located<Kind>? = nil, reference: Located<String>? = nil, owner: Located<String>? = nil, revised: Located<Day>? = nil, clauses: [Clause], body: MarkdownBody) {
        self.file = file
        self.title = title
        self.kind = kind
        self.reference = reference
        self.owner = owner
        self.revised = revised
        self.clauses = clauses
        self.body = body
    }
}

public struct Clause: Sendable {
    public var id: Located<String>
    public var text: String
    /// Why no objective needs to address this clause, when one does not.
    public var addressedElsewhere: Located<String>?
    /// The title of the source file, for listings.
    public var source: String
    public var file: String

    package init(id: Located<String>, text: String, addressedElsewhere: Located<String>? = nil, source: String, file: String) {
        self.id = id
        self.text = text
        self.addressedElsewhere = addressedElsewhere
        self.source = source
        self.file = file
    }
}
