import Foundation
import Testing
@testable import EvidentModel

/// Every value from content is text on the site: hostile titles, owners, statements, notes and
/// links show as written and run nothing.
@Suite struct SiteEscapingTests {
    static let script = "<script>alert(1)</script>"
    static let breakout = "\"><img src=x onerror=alert(1)>"
    static let quote = "' onmouseover='alert(1)"
    /// The three as they must appear once escaped.
    static let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"
    static let escapedBreakout = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    static let escapedQuote = "&#39; onmouseover=&#39;alert(1)"

    /// Builds the site of `files`, checks that nothing on it can run, and returns its pages.
    static func hostilePages(_ files: [String: String]) throws -> [(path: String, html: String)] {
        let pages = SiteTestSupport.pages(try SiteTestSupport.site(of: files))
        expectNothingRuns(pages)
        return pages
    }

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
        let pages = try Self.hostilePages(files)
        func page(_ path: String) throws -> String { try #require(pages.first { $0.path == path }).html }
        let (escapedScript, escapedBreakout, escapedQuote) = (Self.escapedScript, Self.escapedBreakout, Self.escapedQuote)
        let title = "\(escapedScript) \(escapedQuote)"
        let register = try page("register.html")
        #expect(register.contains("<td class=\"title-cell\" dir=\"auto\">\(title)</td>"))
        #expect(register.contains("data-owner=\"Owner \(escapedBreakout)\""), "an attribute value stays inside its quotes")
        #expect(register.contains("<td dir=\"auto\">Owner \(escapedBreakout)</td>"))
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
        #expect(requirements.contains("<td dir=\"auto\">Clause \(escapedScript)</td>"))
        #expect(requirements.contains("Addressed elsewhere: Elsewhere \(escapedBreakout)"))
        let policy = try page("policy.html"), owners = try page("owners.html"), reviews = try page("reviews/index.html")
        #expect(policy.contains("</a> <bdi>\(title)</bdi> "))
        #expect(owners.contains("<td dir=\"auto\">\(title)</td>"))
        #expect(reviews.contains("<td dir=\"auto\">Chair \(escapedBreakout)</td>"))
        let objective = try page("objectives/obj-inc-01.html")
        for text in ["<strong>No change</strong>: \(escapedScript)", "<td dir=\"auto\">Change \(escapedScript)</td>", "<td dir=\"auto\">Reason \(escapedBreakout)</td>",
                     " · Audience \(escapedScript)</h3>", "<bdi class=\"ref-text\">Clause \(escapedScript)</bdi>",
                     "<bdi class=\"ref-text\">We restore \(escapedScript) quickly.</bdi>", ">Incident \(escapedBreakout)</a>",
                     ">Owner \(escapedBreakout)</a>", "<td class=\"value-note\" dir=\"auto\">Note \(escapedScript)</td>"] {
            #expect(objective.contains(text), "objectives/obj-inc-01.html: \(text)")
        }
    }

    /// The fields of an objective's page that evident writes as HTML rather than the template
    /// (`targetHTML`, `metricHTML`, the `…RowHTML` rows, `due.resultHTML`, the cells of the
    /// actions table…) escape what they show, exactly as `{{…}}` does.
    @Test func objectiveFieldsWrittenBySiteEscapeHostileValues() throws {
        let script = Self.script, breakout = Self.breakout, quote = Self.quote
        var files = Self.hostileTree()
        files["evident.yml"] = ExampleTree.edit(files["evident.yml"] ?? "", [
            "name: Operational review": "name: 'Forum \(breakout)'",
        ]) + "levels:\n  - id: process\n    name: \"Level \(script)\"\n"
        files["objectives/OBJ-INC-01.md"] = ExampleTree.edit(files["objectives/OBJ-INC-01.md"] ?? "", [
            "policy: [POL-1]": "contributors: ['Contributor \(breakout)']\npolicy: [POL-1]",
            "definition: Hours from the creation of a P1 ticket to the restoration of service.": "definition: \"Definition \(script)\"",
            "counts: All P1 incidents resolved in the period.": "counts: 'Counts \(breakout)'",
            "excludes: Incidents caused by customer-side changes.": "excludes: \"Excludes \(quote)\"",
            "unit: h": "unit: \"h \(quote)\"",
            "system: ServiceNow incident table": "system: \"System \(script)\"",
            "method: 90th percentile of restoration time per month": "method: 'Method \(breakout)'\n  data_quality: \"Quality \(script)\"",
            "target: \"<= 4 h\"": "target: \"<= 4 h \(script)\"",
            "tolerance: \"<= 6 h\"": "tolerance: '<= 6 h \(breakout)'",
            "actions: Open a problem record when off target.": "actions: \"Act \(script)\"",
            "approved_by: Head of Service Management\napproved_on": "approved_by: 'Approver \(breakout)'\napproved_on",
        ])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-INC-02",
            "requirements: [MSA-7.2]": "requirements_note: 'Note \(breakout)'",
        ])
        files["reviews/2026-11-10.md"] = ExampleTree.edit(files["reviews/2026-11-10.md"] ?? "", [
            "    owner: Incident Process Owner": "    owner: 'Doer \(breakout)'",
        ])
        let pages = try Self.hostilePages(files)
        func page(_ path: String) throws -> String { try #require(pages.first { $0.path == path }).html }
        let (escapedScript, escapedBreakout, escapedQuote) = (Self.escapedScript, Self.escapedBreakout, Self.escapedQuote)
        let objective = try page("objectives/obj-inc-01.html")
        for text in [
            "<span class=\"kf-value threshold\">&lt;= 4 h \(escapedScript)</span>",
            "<span class=\"kf-value threshold\">&lt;= 6 h \(escapedBreakout)</span>",
            "<span class=\"kf-value\" dir=\"auto\">Owner \(escapedBreakout)</span>",
            "<dt>Target</dt><dd class=\"threshold\">&lt;= 4 h \(escapedScript)</dd>",
            "<dt>Tolerance</dt><dd class=\"threshold\">&lt;= 6 h \(escapedBreakout)</dd>",
            ">Owner \(escapedBreakout)</a></dd>",
            ">Incident \(escapedBreakout)</a></dd>",
            "Level \(escapedScript)</",
            "Forum \(escapedBreakout)</",
            "<dt>Contributors</dt><dd>Contributor \(escapedBreakout)</dd>",
            ">Metric \(escapedScript)</a> <span class=\"unit\">(<bdi>h \(escapedQuote)</bdi>)</span></dd>",
            "<dt>Definition</dt><dd dir=\"auto\">Definition \(escapedScript)</dd>",
            "<dt>Counts</dt><dd dir=\"auto\">Counts \(escapedBreakout)</dd>",
            "<dt>Excludes</dt><dd dir=\"auto\">Excludes \(escapedQuote)</dd>",
            "<dt>Data source</dt><dd dir=\"auto\">System \(escapedScript)</dd>",
            "<dt>Method</dt><dd dir=\"auto\">Method \(escapedBreakout)</dd>",
            "<dt>Data quality</dt><dd dir=\"auto\">Quality \(escapedScript)</dd>",
            "<dt>When off target</dt><dd dir=\"auto\">Act \(escapedScript)</dd>",
            "<dt>Approved by</dt><dd dir=\"auto\">Approver \(escapedBreakout)</dd>",
            " · 3.7 h \(escapedQuote) <span class=\"badge",
            "Doer \(escapedBreakout)</",
        ] {
            #expect(objective.contains(text), "objectives/obj-inc-01.html: \(text)")
        }
        #expect(objective.contains("<dt>Level</dt><dd>") && objective.contains("<dt>Forum</dt><dd>"))
        let other = try page("objectives/obj-inc-02.html")
        #expect(other.contains("<dd><span class=\"ref-text\">None apply</span></dd>"))
        #expect(other.contains("<dt>Requirements note</dt><dd dir=\"auto\">Note \(escapedBreakout)</dd>"))
        let review = try #require(pages.first { $0.path.hasPrefix("reviews/") && $0.path != "reviews/index.html" }).html
        #expect(review.contains("Doer \(escapedBreakout)</"), "the actions table of the review")
    }

    /// The fields of a review's page that evident writes as HTML rather than the template
    /// (`forumHTML`, `chairHTML`, `attendeesRowHTML`, `objectives.linksHTML`,
    /// `decisions.rowsHTML`) and the objective links of the actions and findings tables
    /// (`objectiveHTML`) escape what they show, exactly as `{{…}}` does; an id that no objective
    /// declares is shown as text.
    @Test func reviewFieldsWrittenBySiteEscapeHostileValues() throws {
        let script = Self.script, breakout = Self.breakout, quote = Self.quote
        var files = Self.hostileTree()
        files["evident.yml"] = ExampleTree.edit(files["evident.yml"] ?? "", [
            "name: Operational review": "name: 'Forum \(breakout)'",
        ])
        files["reviews/2026-11-10.md"] = ExampleTree.edit(files["reviews/2026-11-10.md"] ?? "", [
            "attendees: [Incident Process Owner]": "attendees: [Incident Process Owner, \"Guest \(script)\"]",
            "objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, 'Reviewed \(breakout)']",
            "decisions:\n": "decisions:\n  - objective: 'Decided \(breakout)'\n    decision: update\n    note: \"Why \(quote)\"\n",
            // Open and overdue, so that a finding about this objective is shown in the minutes too.
            "actions:\n": "actions:\n  - id: ACT-2\n    objective: 'Acted \(breakout)'\n    owner: Someone\n    due: 2026-01-15\n    status: open\n    text: Late.\n",
        ])
        let pages = try Self.hostilePages(files)
        let (escapedScript, escapedBreakout, escapedQuote) = (Self.escapedScript, Self.escapedBreakout, Self.escapedQuote)
        let review = try #require(pages.first { $0.path.hasPrefix("reviews/") && $0.path != "reviews/index.html" }).html
        for text in [
            ">Forum \(escapedBreakout)</a></dd>",
            "<dt>Chair</dt><dd dir=\"auto\">Chair \(escapedBreakout)</dd>",
            "<dt>Attendees</dt><dd>Incident Process Owner, Guest \(escapedScript)</dd>",
            "<p class=\"ref-list\"><a class=\"obj-ref\" href=\"../objectives/obj-inc-01.html\">OBJ-INC-01</a> <span class=\"unknown-ref\">Reviewed \(escapedBreakout)</span> ",
            "<th scope=\"row\"><span class=\"unknown-ref\">Decided \(escapedBreakout)</span></th>",
            "<td><span class=\"decision decision-update\">Update</span></td>\n        <td dir=\"auto\">Why \(escapedQuote)</td>",
            "<td dir=\"auto\">\(escapedScript)</td>",
            "<td><span class=\"unknown-ref\">Acted \(escapedBreakout)</span></td>",
            "<span class=\"finding-objective\">(<span class=\"unknown-ref\">Acted \(escapedBreakout)</span>)</span>",
        ] {
            #expect(review.contains(text), "the review's page: \(text)")
        }
    }

    /// An override left open in a title or an owner reorders only that value, in the page's
    /// text, its rows and its attributes: the rest of the cell reads as the theme wrote it.
    @Test func aDirectionControlInAValueStaysInsideIt() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: \"Restore \u{202E}quickly\"",
            "owner: Incident Process Owner": "owner: \"Owner \u{2067}Ops\"",
        ])
        let pages = try Self.hostilePages(files)
        let register = try #require(pages.first { $0.path == "register.html" }).html
        #expect(register.contains("<td class=\"title-cell\" dir=\"auto\">\u{2068}Restore \u{202E}quickly\u{2069}</td>"))
        #expect(register.contains("data-owner=\"\u{2068}Owner \u{2067}Ops\u{2069}\u{2069}\""))
        let objective = try #require(pages.first { $0.path == "objectives/obj-inc-01.html" }).html
        #expect(objective.contains("\u{2068}Restore \u{202E}quickly\u{2069}"))
        for page in pages {
            // Every override or isolate the content opened is inside an isolate that closes.
            for line in page.html.split(separator: "\n") where line.unicodeScalars.contains(where: { $0 == "\u{202E}" || $0 == "\u{2067}" }) {
                let opened = line.unicodeScalars.filter { (0x2066...0x2068).contains($0.value) }.count
                let closed = line.unicodeScalars.filter { $0 == "\u{2069}" }.count
                #expect(opened == closed, "\(page.path): \(line)")
            }
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
