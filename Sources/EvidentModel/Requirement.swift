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
}

public struct Clause: Sendable {
    public var id: Located<String>
    public var text: String
    /// Why no objective needs to address this clause, when one does not.
    public var addressedElsewhere: Located<String>?
    /// The title of the source file, for listings.
    public var source: String
    public var file: String
}
