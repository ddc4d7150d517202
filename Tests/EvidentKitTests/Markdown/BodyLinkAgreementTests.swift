import EvidentFuzzTargets
import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentSite

/// `syntax/link` passes most bodies by a look at their bytes and reads the others with cmark-gfm;
/// the site renders them with cmark-gfm and `BodyLinks`. On the same bodies they must agree: every
/// link the check accepts keeps its href on the site, every one it reports loses it; the same for
/// images and raw HTML. And the look passes no body that cmark's reading would report
/// (`MarkdownReferencesDifferential`).
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
        // Links to the web and to mail are kept, and the check does not read them.
        let web = count("<a href=\"http://") + count("<a href=\"https://") + count("<a href=\"mailto:")
        return Outcome(keptLinks: count("<a href=\"") - web, droppedLinks: count("<a>"), keptImages: count("<img "),
                       droppedImages: count("image-omitted"), rawHTML: html.contains("raw HTML omitted"))
    }

    /// What the check reads.
    static func check(_ body: String) -> Outcome {
        let found = MarkdownReferences.problems(in: body) { kind, destination in
            kind == .image ? LinkTarget.isInlineImage(destination)
                : LinkTarget.of(destination, from: file).isKept(hasPage: { pages[$0] != nil })
        }
        // The site keeps what the check does not report: the kept are those the site shows.
        let all = MarkdownRenderer.references(body)
        var outcome = Outcome(rawHTML: found.rawHTML != nil)
        outcome.keptLinks = all.references.filter { $0.kind == .link }.count - found.references.filter { $0.kind == .link }.count
        outcome.keptImages = all.references.filter { $0.kind == .image }.count - found.references.filter { $0.kind == .image }.count
        outcome.droppedLinks = found.references.filter { $0.kind == .link }.count
        outcome.droppedImages = found.references.filter { $0.kind == .image }.count
        return outcome
    }

    /// Each a link, image, HTML or code construct; no autolink to the web (the site keeps every
    /// one, and the check does not read them). The table is a block of its own, ending its line.
    static let snippets = [
        "[p](../../policy.md)", "[p](../../policy.md \"title\")", "[p](<../../policy.md>)", "[p](../../policy.md 'single')",
        "[p](../../policy.md (paren))", "[o](../a/OBJ-1.md#x)", "[r](../../requirements/msa.md?x)", "[f](../../evident.yml)",
        "[gone](../../requirements/MSA-7.2.md)", "[pw](../../../../etc/passwd)", "[frag](#scope)", "[empty]()", "[empty](<>)",
        "[js](javascript:alert(1))", "[web](https://example.com/a_(b))", "[mail](mailto:a@example.com)", "[abs](/etc/passwd)",
        "[net](//example.com/x)", "[pct](../../policy%2Emd)", "[esc](../../policy\\.md)",
        "[sp](<../../my file.md>)", "[nospace](../../policy.md\"title\")", "[x](../../policy.md)(extra)",
        "`[code](x.md)`", "``[a](x.md) ` ``", "\\[not](x.md)", "\\![img](../../policy.md)", "```\n[fenced](x.md)\n```",
        "~~~~\n[fenced](x.md) <b>\n~~~~", "    [indented](x.md)", "\t[indented](x.md)", "- item\n\n    [in list](nope.md)",
        "[ref][r1]\n\n[r1]: ../../policy.md", "[r2]\n\n[r2]: ../../gone.md", "[R3][]\n\n[r3]: ../../policy.md",
        "[r4]: <../a/OBJ-1.md>\n\n[text][R4]", "[undefined] [x] [ ]", "- [x] done [p](../../policy.md)",
        "![img](x.png)", "![img](data:image/png;base64,AA)", "![web](https://e.com/x.png)", "![svg](data:image/svg+xml;base64,AA)",
        "![t](x.png \"t\")", "[![img](x.png)](../../policy.md)", "[![img](data:image/gif;base64,AA)](nope.md)",
        "<b>bold</b> [x](y.md)", "<div>\n[x](y.md)\n</div>", "<!-- [x](y.md) -->", "a <!-- x --> b", "a < b and [x](../../policy.md)",
        "<span>a</span>", "text\n<span>a</span> [p](../../policy.md)", "<br/>", "</p>", "a <3 b", "<foo.md> text",
        "> quote [x](nope.md)", "# Heading [x](../../policy.md)",
        "[multi\nline](../../policy.md)", "[x](\n../../policy.md\n)", "[a [nested] b](../../policy.md)", "*[x](nope.md)*",
        "[x](../../policy.md) [y](nope.md)", "[u]: ../../unused.md", "Ünïcode [é](../../é.md) ok",
        "1. one\n2. [two](../../policy.md)\n\n   more [three](nope.md)", "***\n[x](nope.md)\n***", "Setext [x](nope.md)\n===",
        "<script>\n[x](y.md)\n\n[z](w.md)\n</script>", "[a](b.md\n\n)",
    ]

    /// Shapes the look at the bytes does not pass, so that cmark reads them.
    static let parsed = [
        "<b>bold</b> [x](y.md)", "<https://example.com>", "[ref][r1]\n\n[r1]: ../../policy.md", "[js](javascript:alert(1))",
        "![d](data:ima(png \"t\") ![e](x.png)", "![a ![b](x.png)](y.png)", "[a [b](c]()d e.md) f](g.md)",
        "[amp](../../a&amp;b.md)", "[a [b](../../policy.md) c](nope.md)", "> 1. quoted [x](nope.md)", "- ***\n[x](nope.md)",
        "\n\n| a | b |\n|---|---|\n| [x](../../policy.md) | [y](nope.md) |\n", "<ftp://example.com/x>", "See ftp://example.com/x",
        "<javascript:alert(1)>",
    ]

    @Test(arguments: snippets + parsed) func eachConstructAgrees(body: String) {
        #expect(Self.check(body) == Self.site(body), "\(body.debugDescription)")
        if let problem = MarkdownReferencesDifferential.compare(body) { Issue.record("\(body.debugDescription): \(problem)") }
    }

    /// Constructs side by side, within a paragraph and across blocks, where one may change how the
    /// next is read.
    @Test func constructsTogetherAgree() {
        var generator = SystemRandomNumberGenerator()
        let separators = ["\n\n", " ", "\n", "\n\n- ", "\n\n> ", "\n\n1. ", "\n    ", "\n\n  - "]
        var disagreements: [String] = []
        let all = Self.snippets + Self.parsed
        for _ in 0..<2_000 {
            let chosen = all.shuffled(using: &generator).prefix(Int.random(in: 2...4, using: &generator))
            var body = chosen.first ?? ""
            for snippet in chosen.dropFirst() { body += (separators.randomElement(using: &generator) ?? " ") + snippet }
            let (check, site) = (Self.check(body), Self.site(body))
            if check != site { disagreements.append("\(body.debugDescription): check \(check), site \(site)") }
            if let problem = MarkdownReferencesDifferential.compare(body) { disagreements.append("\(body.debugDescription): \(problem)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).joined(separator: "\n"))")
    }

    /// Bodies of Markdown's punctuation, markers and indents in random order, the shapes no one
    /// writes on purpose: the look passes none that cmark's reading reports. Seeded, so a failure
    /// is the same on every run; `EVIDENT_LINK_BODIES` asks for more than the 3,000, and
    /// `EVIDENT_LINK_SEED` for other bodies.
    @Test func tokenSoupAgrees() {
        let tokens = ["[", "]", "(", ")", "<", ">", "!", "`", "``", "\n", "\n\n", " ", "  ", "    ", "\t", "> ", "- ", "* ", "+ ", "1. ",
                      "2) ", "10. ", "|", "| --- |", "---", "***", "===", "# ", "~~~", "```", "\\", ":", "\"t\"", "'t'", "&amp;",
                      "x.md", "../../policy.md", "nope.md", "https://e.com", "www.e.com", "a@e.com", "ftp://e.com", "javascript:x",
                      "#s", "word", "[r]: ", "[r]", "[x]: nope.md", "<b>", "</b>", "<div>", "<!--", "-->", "<script>", "data:image/png;base64,A"]
        let environment = ProcessInfo.processInfo.environment
        var generator = SplitMix64(seed: environment["EVIDENT_LINK_SEED"].flatMap(UInt64.init) ?? 0x4C494E4B)
        let count = environment["EVIDENT_LINK_BODIES"].flatMap(Int.init) ?? 3_000
        var disagreements: [String] = [], passed = 0
        for _ in 0..<count {
            let length = Int.random(in: 1...40, using: &generator)
            let body = (0..<length).map { _ in tokens[Int.random(in: 0..<tokens.count, using: &generator)] }.joined()
            if let problem = MarkdownReferencesDifferential.compare(body) { disagreements.append("\(body.debugDescription): \(problem)") }
            var text = body
            if text.withUTF8({ MarkdownReferences.readable($0) && MarkdownReferences.allKept($0, keeps: MarkdownReferencesDifferential.keeps) }) {
                passed += 1
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(count): \(disagreements.prefix(5).joined(separator: "\n"))")
        // The look passes some: the comparison tests it, not cmark alone.
        #expect(passed > count / 20, "only \(passed) of \(count) bodies passed by the look")
    }

    @Test func placesAreTheBracketTheImageAndTheFirstTag() {
        let body = "Intro.\n\nSee [a](x.md) and ![b](y.png).\n\nUse [c](z.md), [e](https://e.com) <b>x</b> <i>y</i>.\n"
        let found = MarkdownReferences.problems(in: body) { _, _ in false }
        #expect(found.references.map(\.kind) == [.link, .image, .link])
        #expect(found.references.map(\.destination) == ["x.md", "y.png", "z.md"])
        #expect(found.references.map(\.position.description) == ["2:5", "2:19", "4:5"])
        #expect(found.rawHTML?.description == "4:35")
        // A link through a definition is at its `[`, with the definition's destination.
        let reference = "Use [c][d].\n\n[d]: z.md\n"
        #expect(MarkdownReferences.problems(in: reference) { _, _ in false }.references
            == [.init(kind: .link, destination: "z.md", position: .init(line: 0, column: 5))])
        // Columns count characters, not bytes.
        let wide = "Über [a](x.md)\n\n> Ä [b](y.md)"
        #expect(MarkdownReferences.problems(in: wide) { _, _ in false }.references.map(\.position.description) == ["0:6", "2:5"])
    }

    /// On a block's later lines, and for a link over two lines, the place is where the text is,
    /// not where cmark-gfm puts it (as if the line began in the block's first column, and at the
    /// line where the link closes).
    @Test func placesOnLaterLinesAreWhereTheTextIs() {
        let cases: [(body: String, places: [String], html: String?)] = [
            ("> quote [a](a.md)\nlazy [b](b.md)", ["0:9", "1:6"], nil),
            ("  Indented [a](a.md)\n    deeper [b](b.md)", ["0:12", "1:12"], nil),
            ("A [link over\ntwo lines](a.md) end.", ["0:3"], nil),
            ("A ![picture\nalt](a.png) end.", ["0:3"], nil),
            ("x\n  y [two\n  z][r] <b>w</b>\n\n[r]: a.md", ["1:5"], "2:9"),
            ("Setext [a](a.md)\n  more [b](b.md)\n===", ["0:8", "1:8"], nil),
            ("1. one\n   > nested [a](a.md)\n   lazy [b](b.md)", ["1:13", "2:9"], nil),
            ("Line *emph\n  [e](a.md)* and `c` [f](b.md)", ["1:3", "1:22"], nil),
            ("1. x\n é\n x é [a](a.md)", ["2:6"], nil),
            // The link closes on a line with another `[` where cmark would put the first.
            ("> a\n   delta delta [b\nmore](b.md) x [c](c.md)", ["1:16", "2:15"], nil),
            ("- item\n  \\[no] [a](a.md)", ["1:9"], nil),
            ("| a | b |\n|---|---|\n| x [a](a.md) | y [b](b.md) |", ["2:5", "2:19"], nil),
        ]
        for (body, places, html) in cases {
            let found = MarkdownReferences.problems(in: body) { _, _ in false }
            #expect(found.references.map(\.position.description) == places, "\(body.debugDescription)")
            #expect(found.rawHTML?.description == html, "\(body.debugDescription)")
        }
    }

    /// Paragraphs of random shapes (quoted, in list items, lazy lines, deeper indents, links and
    /// images over two lines) with links whose places are known as they are written: each is
    /// found there.
    @Test func placesInRandomParagraphsAreWhereTheLinksAreWritten() {
        var generator = SplitMix64(seed: 0x504C4143)
        // A block's first-line prefix, and the prefixes its later lines may take.
        let shapes: [(first: String, later: [String])] = [
            ("", ["", " ", "   ", "      "]),
            ("> ", ["> ", ">", "", "   ", ">    "]),
            ("- ", ["  ", "", "      "]),
            ("1. ", ["   ", "", " "]),
            ("> - ", ["> ", ">   ", "", ">"]),
            ("- > ", ["  > ", "", "  "]),
        ]
        let words = ["alpha", "beta", "gamma", "delta", "é", "x"]
        var failures: [String] = []
        for _ in 0..<2_000 {
            var lines: [String] = [], expected: [String: String] = [:], number = 0
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let shape = shapes[Int.random(in: 0..<shapes.count, using: &generator)]
                let count = Int.random(in: 1...4, using: &generator)
                var index = 0
                while index < count {
                    var line = index == 0 ? shape.first : shape.later[Int.random(in: 0..<shape.later.count, using: &generator)]
                    line += words[Int.random(in: 0..<words.count, using: &generator)]
                    for _ in 0..<Int.random(in: 0...2, using: &generator) {
                        line += " " + words[Int.random(in: 0..<words.count, using: &generator)] + " "
                        number += 1
                        expected["u\(number).md"] = "\(lines.count):\(line.unicodeScalars.count + 1)"
                        let opening = Int.random(in: 0..<4, using: &generator) == 0 ? "![" : "["
                        // Sometimes over two lines: the text goes on in the block's next line.
                        if index + 1 < count, Bool.random(using: &generator) {
                            lines.append(line + "\(opening)t\(number)")
                            line = shape.later[Int.random(in: 0..<shape.later.count, using: &generator)] + "more](u\(number).md)"
                            index += 1
                        } else {
                            line += "\(opening)t\(number)](u\(number).md)"
                        }
                    }
                    lines.append(line)
                    index += 1
                }
                lines.append("")
            }
            let body = lines.joined(separator: "\n")
            let found = MarkdownReferences.problems(in: body) { _, _ in false }
            var places: [String: String] = [:]
            for reference in found.references { places[reference.destination] = reference.position.description }
            if places != expected { failures.append("\(body.debugDescription): \(places) ≠ \(expected)") }
        }
        #expect(failures.isEmpty, "\(failures.count): \(failures.prefix(3).joined(separator: "\n"))")
    }

    /// The benchmark's bodies (scripts/bench/gen_corpus.py) have one link, to the policy: the look
    /// at their bytes passes them, with no parse.
    @Test func benchmarkBodyIsPassedByTheLook() {
        var body = """
            ## Rationale

            Words of a sentence here. More words. See the [policy](../../policy.md) and *the contract*.

            - A list item.
            - Another item. Uses `resolved_at - opened_at`.
            - [x] Done item.
            - [ ] Open item.

            | year | result | comment |
            | ---- | ------ | ------- |
            | 2024 | 91 % | A short comment. |

            > A quotation.

            """
        let keeps: MarkdownReferences.Keeps = { _, destination in destination == "../../policy.md" }
        #expect(body.withUTF8 { MarkdownReferences.readable($0) && MarkdownReferences.allKept($0, keeps: keeps) })
        // A link to no page is found by cmark.
        body = body.replacingOccurrences(of: "../../policy.md", with: "../policy.md")
        #expect(!body.withUTF8 { MarkdownReferences.allKept($0, keeps: keeps) })
        #expect(MarkdownReferences.problems(in: body, keeps: keeps).references.map(\.position.description) == ["2:47"])
    }

    @Test func aBodyShownAsPlainTextHasNoLinks() {
        let body = "[x](nope.md) <b>\n" + String(repeating: "word ", count: 60_000)
        #expect(MarkdownReferences.problems(in: body) { _, _ in false } == MarkdownReferences())
        #expect(MarkdownRenderer.references(body) == MarkdownReferences())
    }
}
