import Dispatch
import Foundation
import Testing
@testable import EvidentLoad

@Suite struct MarkdownRendererTests {
    let safe = MarkdownRenderer(allowRawHTML: false)
    let unsafe = MarkdownRenderer(allowRawHTML: true)

    @Test func tableRendersWithHeaderCells() {
        let html = safe.html("| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>a</th>"))
        #expect(html.contains("<th>b</th>"))
        #expect(html.contains("<td>1</td>"))
    }

    @Test func taskListRendersCheckboxes() {
        let html = safe.html("- [ ] todo\n- [x] done\n")
        #expect(html.contains(#"<input type="checkbox" disabled="" /> todo"#))
        #expect(html.contains(#"<input type="checkbox" checked="" disabled="" /> done"#))
    }

    @Test func strikethroughRendersDel() {
        #expect(safe.html("~~x~~") == "<p><del>x</del></p>\n")
    }

    @Test func bareURLIsAutolinked() {
        let html = safe.html("see https://example.com/a?b=1 now")
        #expect(html.contains(#"<a href="https://example.com/a?b=1">https://example.com/a?b=1</a>"#))
    }

    @Test func smartPunctuationIsOff() {
        #expect(safe.html("\"q\" -- x...") == "<p>&quot;q&quot; -- x...</p>\n")
    }

    @Test(arguments: [
        "hi <script>alert(1)</script> there",
        "<script>alert(1)</script>\n",
        "x <img src=x onerror=alert(1)> y",
        "<img src=x onerror=alert(1)>\n",
    ])
    func rawHTMLIsOmittedByDefault(_ markdown: String) {
        let html = safe.html(markdown)
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("&lt;script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror"))
    }

    @Test func rawImgIsKeptWithAllowRawHTML() {
        #expect(unsafe.html("x <img src=x onerror=alert(1)> y") == "<p>x <img src=x onerror=alert(1)> y</p>\n")
        #expect(unsafe.html("<img src=x onerror=alert(1)>\n") == "<img src=x onerror=alert(1)>\n")
    }

    /// With raw HTML allowed the script is kept, but the GFM tagfilter
    /// extension neutralises its tags (`<script` becomes `&lt;script`).
    @Test func rawScriptIsKeptButTagFilteredWithAllowRawHTML() {
        let inline = unsafe.html("hi <script>alert(1)</script> there")
        #expect(inline == "<p>hi &lt;script>alert(1)&lt;/script> there</p>\n")
        let block = unsafe.html("<script>alert(1)</script>\n")
        #expect(block == "&lt;script>alert(1)&lt;/script>\n")
        #expect(!inline.contains("raw HTML omitted") && !block.contains("raw HTML omitted"))
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "[x](vbscript:msgbox)",
        "[x](file:///etc/passwd)",
        "[x](data:text/html,<b>hi</b>)",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
    ])
    func dangerousURLsAreDroppedInBothModes(_ markdown: String) {
        for renderer in [safe, unsafe] {
            let html = renderer.html(markdown).lowercased()
            #expect(html.contains(#"href="""#) || html.contains(#"src="""#), "\(html)")
            for scheme in ["javascript:", "vbscript:", "file:", "data:", "script:"] {
                #expect(!html.contains("=\"\(scheme)"), "\(html)")
                #expect(!html.contains("%09script:"), "\(html)")
            }
        }
    }

    @Test func dataImageURLsSurvive() {
        for renderer in [safe, unsafe] {
            #expect(renderer.html("![i](data:image/png;base64,AAAA)").contains(#"src="data:image/png;base64,AAAA""#))
        }
    }

    @Test func ordinaryLinksSurvive() {
        for renderer in [safe, unsafe] {
            #expect(renderer.html("[x](https://a.example/p) [y](/rel) [z](mailto:a@b.c)")
                == #"<p><a href="https://a.example/p">x</a> <a href="/rel">y</a> <a href="mailto:a@b.c">z</a></p>"# + "\n")
        }
    }

    @Test func textIsEscaped() {
        #expect(safe.html(#"a < b & "c""#) == "<p>a &lt; b &amp; &quot;c&quot;</p>\n")
        #expect(unsafe.html(#"a < b & "c""#) == "<p>a &lt; b &amp; &quot;c&quot;</p>\n")
    }

    @Test func emptyInputGivesEmptyOutput() {
        #expect(safe.html("") == "")
        #expect(unsafe.html("") == "")
    }

    @Test func nonASCIIRoundTrips() {
        #expect(safe.html("héllo ~~wörld~~ 🎉") == "<p>héllo <del>wörld</del> 🎉</p>\n")
    }

    /// The largest body `MarkdownLimits` lets cmark render renders whole.
    @Test func largestRenderedDocumentRenders() {
        let paragraph = "Some *emphasis*, `code`, ~~struck~~ and https://example.com/x here.\n\n"
        let count = MarkdownLimits.maximumBytes / paragraph.utf8.count
        let markdown = String(repeating: paragraph, count: count)
        #expect(markdown.utf8.count > MarkdownLimits.maximumBytes - paragraph.utf8.count)
        #expect(MarkdownLimits.assess(markdown) == .render)
        let html = safe.html(markdown)
        #expect(html.hasPrefix("<p>Some <em>emphasis</em>"))
        #expect(html.components(separatedBy: "<del>struck</del>").count - 1 == count)
    }

    /// A large document, and those before and after it, render as they do alone: nothing of one
    /// parse carries over to the next.
    @Test func documentsRenderTheSameWhateverCameBefore() {
        let small = "# Title\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done https://example.com\n"
        let expected = safe.html(small)
        #expect(expected.contains("<del>2</del>") && expected.contains("checked") && expected.contains("<a href=\"https://example.com\">"))
        let large = String(repeating: "|x|y|\n|-|-|\n" + String(repeating: "|*a*|`b` ~~c~~|\n", count: 500) + "\n", count: 30)
        #expect(MarkdownLimits.assess(large) == .render)
        let first = safe.html(large)
        #expect(first.components(separatedBy: "<del>c</del>").count - 1 == 15_000)
        #expect(safe.html(small) == expected)
        #expect(safe.html(large) == first)
        #expect(unsafe.html(small) == expected)
        #expect(safe.html("") == "" && safe.html(small) == expected)
    }

    /// cmark-gfm 0.29.0.gfm.6 rewrites a global special-character table on
    /// every parse; without the renderer's process-wide lock, concurrent
    /// parses silently lose strikethrough on a good share of pages.
    @Test func concurrentRenderingKeepsStrikethrough() {
        let pages = 400
        let threads = 8
        let results = ResultBox()
        let renderer = safe
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: thread, to: pages, by: threads) {
                // Filler makes each parse long enough that, without the lock,
                // other threads' parses start and finish while this one runs.
                let filler = String(
                    repeating: "Filler *text* with `code` and a [link](https://example.com/\(index)).\n\n",
                    count: 150
                )
                let markdown = filler + """
                # Page \(index)

                Some *text* with `code`, a [link](https://example.com/\(index)) and ~~gone~~.

                | col | val |
                |-----|-----|
                | \(index) | ~~gone~~ |

                - [x] item \(index)
                - plain https://example.org/\(index)
                """
                let html = renderer.html(markdown)
                results.set(index, html)
            }
        }
        let all = results.snapshot()
        #expect(all.count == pages)
        let broken = all.values.filter { !$0.contains("<del>gone</del>") }.count
        #expect(broken == 0, "strikethrough lost on \(broken) of \(pages) pages")
    }

    // MARK: bounds (MarkdownLimits)

    /// A 20,000-column table took minutes and 800 MB inside cmark-gfm; past the bound the table
    /// extension is off and the same text renders at once, as text.
    @Test(.timeLimit(.minutes(5))) func pathologicallyWideTableRendersAsTextInSeconds() {
        let columns = 20_000
        let body = "| " + Array(repeating: "a", count: columns).joined(separator: " | ") + " |\n|"
            + String(repeating: "-|", count: columns) + "\n"
        #expect(MarkdownLimits.assess(body) != .render)
        let html = expectQuick(within: .seconds(5), "rendering the table") { safe.html(body) }
        #expect(!html.contains("<table"))
        #expect(html.hasPrefix("<p>| a | a"))
    }

    @Test func tablesWithinTheBoundStillRender() {
        let cells = (1...MarkdownLimits.maximumPipesPerLine - 1).map { "c\($0)" }
        let body = cells.joined(separator: "|") + "\n" + Array(repeating: "-", count: cells.count).joined(separator: "|") + "\n"
        #expect(MarkdownLimits.assess(body) == .render)
        #expect(safe.html(body).contains("<table>"))
    }

    @Test func tooManyCellsInAllTurnsTablesOff() {
        let row = Array(repeating: "x", count: 100).joined(separator: "|") + "\n"
        let table = row + Array(repeating: "-", count: 100).joined(separator: "|") + "\n" + String(repeating: row, count: 510)
        guard case let .withoutTables(_, line) = MarkdownLimits.assess(table) else {
            Issue.record("expected tables off")
            return
        }
        #expect(line == 0)
        #expect(!safe.html(table).contains("<table"))
    }

    /// Past the size bound the body is one preformatted block, escaped, whatever it holds (even a
    /// fence of its own).
    @Test func oversizedBodyIsPreformattedText() {
        let body = "# Title\n<script>alert(1)</script>\n````\n" + String(repeating: "word ", count: MarkdownLimits.maximumBytes / 5 + 10)
        guard case .plainText = MarkdownLimits.assess(body) else {
            Issue.record("expected plain text")
            return
        }
        let html = unsafe.html(body)
        #expect(html.hasPrefix("<pre><code># Title\n&lt;script&gt;alert(1)&lt;/script&gt;\n````\n"))
        #expect(html.hasSuffix("</code></pre>\n"))
        #expect(!html.contains("<h1>"))
    }
}

/// Thread-safe collector for the concurrency test (NSLock: builds for macOS 14).
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Int: String] = [:]

    func set(_ index: Int, _ html: String) {
        lock.withLock { storage[index] = html }
    }

    func snapshot() -> [Int: String] {
        lock.withLock { storage }
    }
}
