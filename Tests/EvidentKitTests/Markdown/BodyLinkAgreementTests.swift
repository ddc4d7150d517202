import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentSite

/// `syntax/link` reads a body's links from its bytes; the site renders it with cmark-gfm and
/// `BodyLinks`. On the same bodies they must agree: every link the check accepts keeps its href
/// on the site, every one it reports loses it; the same for images and raw HTML.
@Suite struct BodyLinkAgreementTests {
    static let file = "objectives/b/OBJ-2.md"
    static let pages = ["policy.md": "policy.html", "evident.yml": "functions.html", "objectives/a/OBJ-1.md": "objectives/obj-1.html",
                        "requirements/msa.md": "requirements.html#source-msa"]

    struct Outcome: Equatable, CustomStringConvertible {
        var keptLinks = 0, droppedLinks = 0, keptImages = 0, droppedImages = 0, rawHTML = false
        var description: String { "links \(keptLinks) kept, \(droppedLinks) dropped; images \(keptImages) kept, \(droppedImages) dropped; raw HTML \(rawHTML)" }
    }

    /// What the page shows.
    static func site(_ body: String) -> Outcome {
        let html = String(decoding: BodyLinks.rewrite(MarkdownRenderer(allowRawHTML: false).htmlBytes(body), from: file, root: "../", pages: pages),
                          as: UTF8.self)
        func count(_ s: String) -> Int { html.components(separatedBy: s).count - 1 }
        return Outcome(keptLinks: count("<a href=\""), droppedLinks: count("<a>"), keptImages: count("<img "),
                       droppedImages: count("image-omitted"), rawHTML: html.contains("raw HTML omitted"))
    }

    /// What the check reads.
    static func check(_ body: String) -> Outcome {
        let scan = MarkdownReferences.scan(body)
        var outcome = Outcome(rawHTML: scan.rawHTML != nil)
        for reference in scan.references {
            if reference.kind == .image {
                if LinkTarget.isInlineImage(reference.destination) { outcome.keptImages += 1 } else { outcome.droppedImages += 1 }
            } else if LinkTarget.of(reference.destination, from: file).isKept(hasPage: { pages[$0] != nil }) {
                outcome.keptLinks += 1
            } else {
                outcome.droppedLinks += 1
            }
        }
        return outcome
    }

    /// Each a link, image, HTML or code construct; no autolink (the site keeps every one, and the
    /// check does not read them). A reference definition is used once, as `check` reports it once.
    /// The table is a block of its own, ending its line: the check does not tell apart text after
    /// a row's last cell (a cell the table leaves out), nor a definition just above the header
    /// (which the table takes as text).
    static let snippets = [
        "[p](../../policy.md)", "[p](../../policy.md \"title\")", "[p](<../../policy.md>)", "[p](../../policy.md 'single')",
        "[p](../../policy.md (paren))", "[o](../a/OBJ-1.md#x)", "[r](../../requirements/msa.md?x)", "[f](../../evident.yml)",
        "[gone](../../requirements/MSA-7.2.md)", "[pw](../../../../etc/passwd)", "[frag](#scope)", "[empty]()", "[empty](<>)",
        "[js](javascript:alert(1))", "[web](https://example.com/a_(b))", "[mail](mailto:a@example.com)", "[abs](/etc/passwd)",
        "[net](//example.com/x)", "[pct](../../policy%2Emd)", "[esc](../../policy\\.md)", "[amp](../../a&amp;b.md)",
        "[sp](<../../my file.md>)", "[nospace](../../policy.md\"title\")", "[x](../../policy.md)(extra)",
        "`[code](x.md)`", "``[a](x.md) ` ``", "\\[not](x.md)", "\\![img](../../policy.md)", "```\n[fenced](x.md)\n```",
        "~~~~\n[fenced](x.md) <b>\n~~~~", "    [indented](x.md)", "\t[indented](x.md)", "- item\n\n    [in list](nope.md)",
        "[ref][r1]\n\n[r1]: ../../policy.md", "[r2]\n\n[r2]: ../../gone.md", "[R3][]\n\n[r3]: ../../policy.md",
        "[r4]: <../a/OBJ-1.md>\n\n[text][R4]", "[undefined] [x] [ ]", "- [x] done [p](../../policy.md)",
        "![img](x.png)", "![img](data:image/png;base64,AA)", "![web](https://e.com/x.png)", "![svg](data:image/svg+xml;base64,AA)",
        "![t](x.png \"t\")", "[![img](x.png)](../../policy.md)", "[![img](data:image/gif;base64,AA)](nope.md)",
        "<b>bold</b> [x](y.md)", "<div>\n[x](y.md)\n</div>", "<!-- [x](y.md) -->", "a <!-- x --> b", "a < b and [x](../../policy.md)",
        "<span>a</span>", "text\n<span>a</span> [p](../../policy.md)", "<br/>", "</p>", "a <3 b", "<foo.md> text",
        "\n\n| a | b |\n|---|---|\n| [x](../../policy.md) | [y](nope.md) |\n", "> quote [x](nope.md)", "# Heading [x](../../policy.md)",
        "[multi\nline](../../policy.md)", "[x](\n../../policy.md\n)", "[a [nested] b](../../policy.md)", "*[x](nope.md)*",
        "[x](../../policy.md) [y](nope.md)", "[u]: ../../unused.md", "Ünïcode [é](../../é.md) ok",
        "1. one\n2. [two](../../policy.md)\n\n   more [three](nope.md)", "***\n[x](nope.md)\n***", "Setext [x](nope.md)\n===",
        "<script>\n[x](y.md)\n\n[z](w.md)\n</script>", "[a](b.md\n\n)",
    ]

    @Test(arguments: snippets) func eachConstructAgrees(body: String) {
        #expect(Self.check(body) == Self.site(body), "\(body.debugDescription)")
    }

    /// Constructs side by side, within a paragraph and across blocks, where one may change how the
    /// next is read.
    @Test func constructsTogetherAgree() {
        var generator = SystemRandomNumberGenerator()
        let separators = ["\n\n", " ", "\n", "\n\n- ", "\n\n> "]
        var disagreements: [String] = []
        for _ in 0..<2_000 {
            // Distinct snippets: each reference definition is used once. A numbered list put inside a
            // quote or an item, or a rule as an item's only content, with lines outside them, is read
            // apart from cmark (docs/content-format.md).
            let chosen = Self.snippets.filter { !$0.hasPrefix("1. one") && !$0.hasPrefix("***") }.shuffled(using: &generator).prefix(Int.random(in: 2...4, using: &generator))
            var body = chosen.first ?? ""
            for snippet in chosen.dropFirst() { body += (separators.randomElement(using: &generator) ?? " ") + snippet }
            let (check, site) = (Self.check(body), Self.site(body))
            if check != site { disagreements.append("\(body.debugDescription): check \(check), site \(site)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).joined(separator: "\n"))")
    }

    @Test func placesAreTheBracketTheImageAndTheFirstTag() {
        let body = "Intro.\n\nSee [a](x.md) and ![b](y.png).\n\nUse [c][d] <b>x</b> <i>y</i>.\n\n[d]: z.md\n"
        let scan = MarkdownReferences.scan(body)
        #expect(scan.references.map(\.kind) == [.link, .image, .definition])
        #expect(scan.references.map(\.destination) == ["x.md", "y.png", "z.md"])
        #expect(scan.references.map { MarkdownReferences.position(of: $0.offset, in: body) }.map { "\($0.line):\($0.column)" }
            == ["2:5", "2:19", "6:1"])
        #expect(scan.rawHTML.map { MarkdownReferences.position(of: $0, in: body) }.map { "\($0.line):\($0.column)" } == "4:12")
        // Columns count characters, not bytes.
        let wide = "Über [a](x.md)"
        #expect(MarkdownReferences.scan(wide).references.map { MarkdownReferences.position(of: $0.offset, in: wide).column } == [6])
    }

    /// The benchmark's bodies (scripts/bench/gen_corpus.py) have one link, to a file with a page.
    @Test func benchmarkBodyHasOneLinkAndNoHTML() {
        let body = """
            ## Rationale

            Words of a sentence here. More words. See the [policy](../policy.md) and *the contract*.

            - A list item.
            - Another item. Uses `resolved_at - opened_at`.
            - [x] Done item.
            - [ ] Open item.

            | year | result | comment |
            | ---- | ------ | ------- |
            | 2024 | 91 % | A short comment. |

            > A quotation.

            """
        let scan = MarkdownReferences.scan(body)
        #expect(scan.references == [.init(kind: .link, destination: "../policy.md", offset: 60)])
        #expect(scan.rawHTML == nil)
        #expect(MarkdownReferences.scan("No link at all, 3 > 2.").references.isEmpty)
    }

    @Test func aBodyShownAsPlainTextHasNoLinks() {
        let body = "[x](nope.md) <b>\n" + String(repeating: "word ", count: 60_000)
        #expect(MarkdownReferences.scan(body) == MarkdownReferences())
    }
}
