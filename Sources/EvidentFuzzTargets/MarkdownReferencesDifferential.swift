import EvidentLoad

/// The comparison of `MarkdownReferences.scan` with cmark-gfm (`MarkdownRenderer.references`): on
/// every body the scan reads, cmark must find the same links and images in the same order, with
/// the same destinations, and raw HTML when the scan does. Not their positions: cmark's are off
/// for a link over two lines and in a paragraph's lazy lines, where the scan's are right
/// (`BodyLinkAgreementTests` holds them). Used by the `markdown` fuzz target and
/// by `BodyLinkAgreementTests`.
package enum MarkdownReferencesDifferential {
    package enum Outcome: Equatable, Sendable {
        /// The scan gave up: cmark reads the body.
        case leftToCmark
        case agreed
        case differs(scan: String, cmark: String)
    }

    package static func compare(_ body: String) -> Outcome {
        guard let scan = MarkdownReferences.scan(body) else { return .leftToCmark }
        let cmark = MarkdownRenderer.references(body)
        func same(_ a: MarkdownReferences, _ b: MarkdownReferences) -> Bool {
            a.references.map(\.kind) == b.references.map(\.kind) && a.references.map(\.destination) == b.references.map(\.destination)
                && (a.rawHTML == nil) == (b.rawHTML == nil)
        }
        return same(scan, cmark) ? .agreed : .differs(scan: describe(scan), cmark: describe(cmark))
    }

    /// What `MarkdownReferences.problems` reports, with its look at the inline links first,
    /// against cmark's links and images that a site of two pages does not keep: nil when the same.
    package static func compareProblems(_ body: String) -> String? {
        let pages: Set<String> = ["policy.md", "objectives/a/x.md"]
        let keeps: MarkdownReferences.Keeps = { kind, destination in
            kind == .image ? LinkTarget.isInlineImage(destination)
                : LinkTarget.of(destination, from: "objectives/a/y.md").isKept(hasPage: { pages.contains($0) })
        }
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
