/// `risks.md`: the register of risks, opportunities, significant environmental aspects and hazards
/// that objectives take into account (SPEC §8), like the policy's statements.
package struct RiskRegister: Sendable {
    package var file: String
    package var title: Located<String>?
    package var risks: [Risk]
    package var body: MarkdownBody

    package init(file: String, title: Located<String>? = nil, risks: [Risk], body: MarkdownBody) {
        self.file = file
        self.title = title
        self.risks = risks
        self.body = body
    }
}

package struct Risk: Sendable {
    package enum Kind: String, Sendable, CaseIterable {
        case risk, opportunity, aspect, hazard
    }

    package var id: Located<String>
    package var text: String
    package var kind: Located<Kind>?

    package init(id: Located<String>, text: String, kind: Located<Kind>? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
    }
}
