import EvidentLoad

/// The comparison of `MarkdownReferences.problems`, which passes most bodies by a look at their
/// bytes, with cmark-gfm's reading of every body (`MarkdownRenderer.references`): on every body,
/// the same links and images left out, in the same order, to the same destinations, and raw HTML
/// when cmark finds it. Used by the `markdown` fuzz target and by `BodyLinkAgreementTests`.
package enum MarkdownReferencesDifferential {
    /// What a site of two pages keeps, from `objectives/a/y.md`: a link to the policy or to
    /// `objectives/a/x.md`, to the web or to mail, and an inline picture.
    package static func keeps(_ kind: MarkdownReferences.Kind, _ destination: String) -> Bool {
        kind == .image ? LinkTarget.isInlineImage(destination)
            : LinkTarget.of(destination, from: "objectives/a/y.md").isKept(hasPage: { $0 == "policy.md" || $0 == "objectives/a/x.md" })
    }

    /// Nil when both ways report the same; else what each reported.
    package static func compare(_ body: String) -> String? {
        let reported = MarkdownReferences.problems(in: body, keeps: keeps)
        var expected = MarkdownRenderer.references(body)
        expected.references.removeAll { keeps($0.kind, $0.destination) }
        func list(_ found: MarkdownReferences) -> [String] { found.references.map { "\($0.kind) \($0.destination.debugDescription)" } }
        guard list(reported) != list(expected) || (reported.rawHTML == nil) != (expected.rawHTML == nil) else { return nil }
        return "reported \(describe(reported)), cmark \(describe(expected))"
    }

    static func describe(_ found: MarkdownReferences) -> String {
        let references = found.references.map { "\($0.kind) \($0.destination.debugDescription) at \($0.position)" }
        return "[\(references.joined(separator: ", "))] raw HTML at \(found.rawHTML.map(\.description) ?? "none")"
    }
}
