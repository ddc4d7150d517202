import Foundation
import Testing
@testable import EvidentKit

/// Every value from content is text on the site: hostile titles, owners, statements, notes and
/// links show as written and run nothing.
@Suite struct SiteEscapingTests {
    static let script = "<script>alert(1)</script>"
    static let breakout = "\"><img src=x onerror=alert(1)>"
    static let quote = "' onmouseover='alert(1)"

    /// The example tree with hostile text in every kind of field the site shows.
    static func hostileTree() -> [String: String] {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.edit(ExampleTree.configuration, [
            "organization: Example Services": "organization: \"Evil \(script)\"",
            "name: Incident management": "name: 'Incident \(breakout)'",
            "owner: Incident Process Owner": "owner: 'Owner \(breakout)'",
        ])
        files["policy.md"] = ExampleTree.edit(ExampleTree.policy, [
            "text: We restore disrupted services quickly and keep users informed.": "text: \"We restore \(script) quickly.\"",
            "The policy.": "The policy [click](javascript:alert(1)) and <script>alert(2)</script> and ![x](https://tracker.example/p.png).",
        ])
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: \"\(script) \(quote)\"",
            "owner: Incident Process Owner": "owner: 'Owner \(breakout)'",
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: 'javascript:alert(1) \(breakout)'",
            "name: P1 restoration time, 90th percentile": "name: \"Metric \(script)\"",
            "Rationale.": "Rationale [x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <img src=x onerror=alert(1)> <a href=\"javascript:alert(1)\">z</a> <kbd>raw</kbd>",
        ])
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, [
            "chair: Head of Service Operations": "chair: 'Chair \(breakout)'",
            "note: On target.": "note: \"\(script)\"",
            "text: Check the P1 runbook.": "text: \"\(quote) \(script)\"",
        ])
        return files
    }

    @Test func hostileValuesShowAsTextAndRunNothing() throws {
        let site = try SiteTestSupport.site(of: Self.hostileTree())
        let pages = SiteTestSupport.pages(site)
        #expect(pages.count > 10)
        for page in pages {
            // Content's `<` is written `&lt;`, so every real tag below was written by the theme or
            // by cmark; escaped text such as `&lt;img onerror=…&gt;` is harmless and not a tag.
            for tag in SiteTestSupport.tags(in: page.html) {
                let lowered = tag.lowercased()
                // Attribute names only: quoted values are text (`aria-label="… onerror=…"`).
                var names = ""
                var quoted = false
                for c in lowered {
                    if c == "\"" { quoted.toggle() } else if !quoted { names.append(c) }
                }
                #expect(!names.contains(" on"), "\(page.path): \(tag) has an event handler")
                #expect(!lowered.contains("javascript:"), "\(page.path): \(tag)")
                if lowered.hasPrefix("<script") {
                    #expect(tag.hasSuffix("assets/evident.js\" defer>"), "\(page.path): \(tag)")
                }
                if lowered.hasPrefix("<img") {
                    #expect(lowered.contains(" src=\"data:image/"), "\(page.path): \(tag) loads an image")
                }
            }
            for link in SiteTestSupport.attributes("href", in: page.html) + SiteTestSupport.attributes("src", in: page.html) {
                #expect(!link.lowercased().hasPrefix("http"), "\(page.path): \(link) leaves the site")
            }
        }
        let objective = try #require(pages.first { $0.path == "objectives/obj-inc-01.html" }).html
        #expect(objective.contains("&lt;script&gt;alert(1)&lt;/script&gt; &#39; onmouseover=&#39;alert(1)"))
        #expect(objective.contains("javascript:alert(1) &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(objective.contains("Owner &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(objective.contains("<title>OBJ-INC-01 &lt;script&gt;"), "the title element shows the title as text")
        let policy = try #require(pages.first { $0.path == "policy.html" }).html
        #expect(policy.contains("We restore &lt;script&gt;alert(1)&lt;/script&gt; quickly."))
        #expect(policy.contains("<a>click</a>"), "a javascript: link keeps its text and loses its target")
        #expect(policy.contains("<!-- raw HTML omitted -->"), "raw HTML is dropped by default")
        #expect(policy.contains("[image: x]"), "an outside image is not loaded")
        let index = try #require(pages.first { $0.path == "index.html" }).html
        #expect(index.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func rawHTMLIsKeptOnlyWhenAllowedAndDangerousLinksNeverAre() throws {
        var files = Self.hostileTree()
        files["evident.yml"] = (files["evident.yml"] ?? "") + "settings:\n  allow_raw_html: true\n"
        let site = try SiteTestSupport.site(of: files)
        let objective = try #require(SiteTestSupport.pages(site).first { $0.path == "objectives/obj-inc-01.html" }).html
        // The author chose raw HTML: it is kept (the CSP still forbids scripts), but links are
        // still checked and images still never load from elsewhere.
        #expect(objective.contains("<kbd>raw</kbd>"))
        #expect(!objective.contains("<img src=x"))
        for link in SiteTestSupport.attributes("href", in: objective) {
            #expect(!link.lowercased().contains("javascript:"), "\(link)")
        }
        #expect(objective.contains("script-src 'self'"))
    }
}
