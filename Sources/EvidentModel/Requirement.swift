/// One file of `requirements/`: a source of applicable requirements and its clauses.
package struct RequirementSource: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case contract
        case internalControl = "internal-control"
        case serviceCommitment = "service-commitment"
        case legal
        case standard
    }

    package var file: String
    package var title: Located<String>?
    package var kind: Located<Kind>?
    package var reference: Located<String>?
    package var owner: Located<String>?
    /// When the source last changed: objectives tracing to it must be reviewed after it (`updated/trigger`).
    package var revised: Located<Day>?
    package var clauses: [Clause]
    package var body: MarkdownBody

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

package struct Clause: Sendable {
    package var id: Located<String>
    package var text: String
    /// Why no objective needs to address this clause, when one does not.
    package var addressedElsewhere: Located<String>?
    /// The title of the source file, for listings.
    package var source: String
    package var file: String
    /// Where the clause's mapping starts, for its unread fields (`Unread.field(_:of:)`).
    package var location: SourceLocation?

    package init(id: Located<String>, text: String, addressedElsewhere: Located<String>? = nil, location: SourceLocation? = nil,
                 source: String, file: String) {
        self.location = location
        self.id = id
        self.text = text
        self.addressedElsewhere = addressedElsewhere
        self.source = source
        self.file = file
    }
}
