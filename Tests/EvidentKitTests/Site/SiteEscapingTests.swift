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

    /// No page has a tag that runs something or loads from elsewhere: every `<…>` is the theme's
    /// or cmark's, so hostile text, escaped, never becomes one.
    static func expectNothingRuns(_ pages: [(path: String, html: String)]) {
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
    }

    @Test func hostileValuesShowAsTextAndRunNothing() throws {
        let site = try SiteTestSupport.site(of: Self.hostileTree())
        let pages = SiteTestSupport.pages(site)
        #expect(pages.count > 10)
        Self.expectNothingRuns(pages)
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

    /// The rows evident writes in Swift rather than through the templates (the register, metric
    /// dictionary, change log, requirements, policy, owners and reviews tables, and an objective's
    /// values, references, reviews, history and communications) escape what they show, in text
    /// and in attributes, exactly as `{{…}}` does.
    @Test func rowsWrittenBySiteEscapeHostileValues() throws {
        let script = Self.script, breakout = Self.breakout, quote = Self.quote
        var files = Self.hostileTree()
        files["objectives/OBJ-INC-01.md"] = ExampleTree.edit(files["objectives/OBJ-INC-01.md"] ?? "", [
            "definition: Hours from the creation of a P1 ticket to the restoration of service.": "definition: \"Definition \(script)\"",
            "counts: All P1 incidents resolved in the period.": "counts: 'Counts \(breakout)'",
            "excludes: Incidents caused by customer-side changes.": "excludes: \"Excludes \(quote)\"",
            "system: ServiceNow incident table": "system: \"System \(script)\"",
            "method: 90th percentile of restoration time per month": "method: 'Method \(breakout)'\n  data_quality: \"Quality \(script)\"",
            "change: First version.": "change: \"Change \(script)\"",
            "reason: New objective set.": "reason: 'Reason \(breakout)'",
        ])
        files["requirements/msa.md"] = ExampleTree.edit(ExampleTree.requirement, [
            "    text: Priority 1 incidents are restored within 4 hours.\n":
                "    text: \"Clause \(script)\"\n  - id: MSA-9.1\n    text: Other.\n    addressed_elsewhere: 'Elsewhere \(breakout)'\n",
        ])
        files["communications/2026-01-20.md"] = ExampleTree.edit(ExampleTree.communication, [
            "audience: All service desk staff": "audience: \"Audience \(script)\"",
        ])
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, [
            "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,\"Note \(script)\",extract-2026-10.csv",
        ])
        let pages = SiteTestSupport.pages(try SiteTestSupport.site(of: files))
        Self.expectNothingRuns(pages)
        func page(_ path: String) throws -> String { try #require(pages.first { $0.path == path }).html }

        let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"
        let escapedBreakout = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        let escapedQuote = "&#39; onmouseover=&#39;alert(1)"
        let title = "\(escapedScript) \(escapedQuote)"
        let register = try page("register.html")
        #expect(register.contains("<td class=\"title-cell\">\(title)</td>"))
        #expect(register.contains("data-owner=\"Owner \(escapedBreakout)\""), "an attribute value stays inside its quotes")
        #expect(register.contains("<td>Owner \(escapedBreakout)</td>"))
        #expect(register.contains("Incident \(escapedBreakout)"))
        let metrics = try page("metrics.html")
        for text in ["Metric \(escapedScript)", title, "Definition \(escapedScript)", "Counts \(escapedBreakout)",
                     "Excludes \(escapedQuote)", "System \(escapedScript): Method \(escapedBreakout)", "Quality \(escapedScript)"] {
            #expect(metrics.contains(text), "metrics.html: \(text)")
        }
        let changes = try page("changes.html")
        for text in [title, "Change \(escapedScript)", "Reason \(escapedBreakout)"] {
            #expect(changes.contains(text), "changes.html: \(text)")
        }
        let requirements = try page("requirements.html")
        #expect(requirements.contains("<td>Clause \(escapedScript)</td>"))
        #expect(requirements.contains("Addressed elsewhere: Elsewhere \(escapedBreakout)"))
        let policy = try page("policy.html"), owners = try page("owners.html"), reviews = try page("reviews/index.html")
        #expect(policy.contains("</a> \(title) "))
        #expect(owners.contains("<td>\(title)</td>"))
        #expect(reviews.contains("<td>Chair \(escapedBreakout)</td>"))
        let objective = try page("objectives/obj-inc-01.html")
        for text in ["<strong>No change</strong>: \(escapedScript)", "<td>Change \(escapedScript)</td>", "<td>Reason \(escapedBreakout)</td>",
                     " · Audience \(escapedScript)</h3>", "<span class=\"ref-text\">Clause \(escapedScript)</span>",
                     "<span class=\"ref-text\">We restore \(escapedScript) quickly.</span>", ">Incident \(escapedBreakout)</a>",
                     ">Owner \(escapedBreakout)</a>", "<td>Note \(escapedScript)</td>"] {
            #expect(objective.contains(text), "objectives/obj-inc-01.html: \(text)")
        }
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
