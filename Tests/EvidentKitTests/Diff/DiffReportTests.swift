import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// The diff as printed: Markdown rendered by cmark-gfm as GitHub would, JSON parsed back, text.
@Suite struct DiffReportTests {
    // MARK: Markdown

    @Test func markdownRendersASummaryATableAndTheFindings() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")
        let markdown = DiffReport(diff: diff).markdown()
        let summary = "**1 objective changed, 1 moved, 1 added, 1 removed · 1 communication added · 9 past measurement values rewritten · \(diff.introduced.count) findings introduced ("
        #expect(markdown.contains(summary), "\(markdown)")

        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        let tables = Self.elements("table", in: html)
        // First the past values the tightened target judges anew (no history entry records the
        // old one), then the objectives' fields, then the communication added.
        #expect(tables.count == 3)
        let past = Self.elements("tr", in: Self.elements("tbody", in: tables.first ?? "").first ?? "")
        #expect(past.map { Self.elements("td", in: $0).dropFirst(4).first } == Array(repeating: "on target → within tolerance", count: past.count))
        #expect(past.count == 9)
        let table = try #require(tables.dropFirst().first)
        #expect(Self.elements("th", in: table) == ["Objective", "Field", "Before", "After"])
        let rows = Self.elements("tr", in: Self.elements("tbody", in: table).first ?? "")
        #expect(rows.count == 2)
        for row in rows { #expect(Self.elements("td", in: row).count == 4, "\(row)") }
        #expect(Self.elements("td", in: rows[0]) == ["<strong>OBJ-INC-01</strong>", "<code>target</code>", "&lt;= 4 h", "&lt;= 3 h"])
        #expect(Self.elements("td", in: rows[1]) == ["<strong>OBJ-INC-02</strong>", "<code>file</code>",
                                                    s.repo.content + "/objectives/old/OBJ-INC-02.md",
                                                    s.repo.content + "/objectives/new/OBJ-INC-02.md"])
        // Findings introduced come first, with the unrecorded change at their head.
        let headings = Self.elements("h4", in: html)
        #expect(headings == ["Findings introduced", "⚠️ Past measurement values rewritten", "Changed objectives", "Added objectives", "Removed objectives",
                             "Policy statements, requirement clauses, functions, forums, settings, reviews and communications", "Findings resolved"])
        let firstList = try #require(Self.elements("ul", in: html).first)
        let firstItem = try #require(Self.elements("li", in: firstList).first)
        #expect(firstItem.hasPrefix("<strong>error</strong> <code>updated/unrecorded-change</code> at <code>\(s.repo.content)/objectives/OBJ-INC-01.md:"))
        #expect(firstItem.contains("<code>version: 2</code>"))
        #expect(!html.contains("<details>"), "nothing is long enough to fold")
        #expect(markdown.hasPrefix(DiffReport.commentMarker + "\n"))
    }

    @Test func longListsFoldIntoDetailsWithTheFirstItemsInView() throws {
        var base: [String: String] = [:], head: [String: String] = [:]
        for n in 1...12 {
            let id = String(format: "OBJ-T-%02d", n)
            base["objectives/\(id).md"] = DiffScenario.objective(id)
            head["objectives/\(id).md"] = DiffScenario.objective(id, ["title: Restore": "title: Quickly restore"])
            head["objectives/added/\(id)-NEW.md"] = DiffScenario.objective(id + "-NEW")
        }
        let pair = try FolderPair(base: base, head: head)
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.count == 12 && diff.added.count == 12)
        let html = MarkdownRenderer(allowRawHTML: true).html(DiffReport(diff: diff).markdown())

        let summaries = Self.elements("summary", in: html)
        #expect(summaries.contains("2 more changed objectives"))
        #expect(summaries.contains("2 more added objectives"))
        #expect(summaries.contains { $0.hasSuffix("more findings introduced") })
        let details = Self.elements("details", in: html)
        #expect(details.count == summaries.count)
        // The folded part of the table is a table of its own, with the same header.
        let foldedTable = try #require(details.first { $0.contains("more changed objectives") })
        let table = try #require(Self.elements("table", in: foldedTable).first)
        #expect(Self.elements("th", in: table) == ["Objective", "Field", "Before", "After"])
        #expect(Self.elements("tr", in: Self.elements("tbody", in: table).first ?? "").count == 2)
        let foldedAdded = try #require(details.first { $0.contains("more added objectives") })
        #expect(Self.elements("li", in: foldedAdded).count == 2)
        // Ten objectives and ten findings stay in view, unrecorded changes first.
        let visibleTable = try #require(Self.elements("table", in: html).first)
        #expect(Self.elements("tr", in: Self.elements("tbody", in: visibleTable).first ?? "").count == 10)
        let firstList = try #require(Self.elements("ul", in: html).first)
        let items = Self.elements("li", in: firstList)
        #expect(items.count == 10)
        #expect(items.allSatisfy { $0.contains("updated/unrecorded-change") })
    }

    @Test func veryLongListsAreCutSoThatTheCommentCanBePosted() throws {
        var head: [String: String] = [:]
        for n in 1...61 {
            let id = String(format: "OBJ-N-%02d", n)
            head["objectives/\(id).md"] = DiffScenario.objective(id, ["policy: [POL-1]": "policy: [POL-9]"])
        }
        let pair = try FolderPair(head: head)
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.count == 61)
        let markdown = DiffReport(diff: diff).markdown()
        #expect(markdown.utf16.count <= DiffReport.commentLimit)
        #expect(markdown.contains("_11 more not shown: a pull-request comment holds at most 65,536 characters."))
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        #expect(Self.elements("summary", in: html).contains("40 more added objectives"))
        // Errors come before warnings among the findings introduced.
        let severities = diff.introduced.map(\.severity)
        #expect(severities == severities.sorted(by: >))
        #expect(severities.first == .error)
    }

    @Test func valuesFromContentAreEscapedForTheTable() throws {
        let title = #"Restore | quickly <script>alert(1)</script> `x` *y* @ceo [l](x) $m$"#
        let head = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: '\(title)'",
            "actions: Open a problem record when off target.": "actions: |\n  Line one.\n  - line two",
        ])
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.first?.fields.map(\.field) == ["title", "actions"])
        let markdown = DiffReport(diff: diff).markdown()
        #expect(!markdown.contains("@ceo"), "a mention would notify a GitHub user")
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        #expect(!html.contains("<script>") && !html.contains("<em>") && !html.contains("<a href"))
        let table = try #require(Self.elements("table", in: html).first)
        let rows = Self.elements("tr", in: Self.elements("tbody", in: table).first ?? "")
        #expect(rows.count == 2)
        let titleRow = Self.elements("td", in: rows[0])
        #expect(titleRow.count == 4)
        #expect(titleRow.last == #"Restore | quickly &lt;script&gt;alert(1)&lt;/script&gt; `x` *y* @<!-- -->ceo [l](x) $m$"#)
        let actionsRow = Self.elements("td", in: rows[1])
        #expect(actionsRow.last == "Line one.<br>- line two")
    }

    /// A value changed into one that looks the same (a Latin letter swapped for a Cyrillic one)
    /// says so, in the text and in the comment: the two would otherwise read as no change. A
    /// change in a character that shows as nothing is already shown as its escape.
    @Test func aChangeThatLooksLikeNoneSaysWhatDiffers() throws {
        let head = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: \"OBJ-\\u0406NC-01\"",
            "title: Restore priority-1 incidents quickly": "title: \"R\\u0435store priority-1 incidents quickly\"",
            "owner: Incident Process Owner": "owner: \"Incident Process Owner\\u200B\"",
        ])
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.contains("Renamed: OBJ-INC-01 → OBJ-\u{0406}NC-01 (it looks the same as before: one of the two has `\u{0406}` (U+0406), a Cyrillic letter drawn as the Latin `I`)"), "\(text)")
        #expect(text.contains("    title: Restore priority-1 incidents quickly → R\u{0435}store priority-1 incidents quickly (it looks the same as before: one of the two has `\u{0435}` (U+0435), a Cyrillic letter drawn as the Latin `e`)\n"), "\(text)")
        #expect(text.contains("    owner: Incident Process Owner → Incident Process Owner\\u{200B}\n"), "\(text)")
        let html = MarkdownRenderer(allowRawHTML: true).html(DiffReport(diff: diff).markdown())
        let rows = Self.elements("table", in: html).flatMap { Self.elements("tr", in: Self.elements("tbody", in: $0).first ?? "") }
        let title = try #require(rows.first { $0.contains("<code>title</code>") }, "\(html)")
        #expect(Self.elements("td", in: title).last == "R\u{0435}store priority-1 incidents quickly (it looks the same as before: one of the two has <code>\u{0435}</code> (U+0435), a Cyrillic letter drawn as the Latin <code>e</code>)", "\(title)")
    }

    /// cmark-gfm reads bytes: a `[`, `|` or `@` that a prepended mark (U+0600) precedes, or a
    /// combining mark follows, is markup to GitHub even though Swift reads it as one `Character`
    /// with the mark. A title built so makes no link, image, HTML, mention or extra cell.
    @Test func markupJoinedToAMarkIsEscapedToo() throws {
        let p = "\u{600}"
        let title = "Evil \(p)[click\(p)](https://evil.example/x) \(p)!\u{301}[\u{301}px](https://evil.example/t.png) "
            + "\(p)@octocat \(p)<img src=x onerror=alert(1)> \(p)| cell |\u{301} cell \(p)`code\(p)` www\u{301}.evil.example"
        let head = ExampleTree.objective(replacing: ["title: Restore priority-1 incidents quickly": "title: \"\(title)\""])
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.first?.fields.map(\.field) == ["title"])
        let markdown = DiffReport(diff: diff).markdown()
        #expect(!markdown.contains("@octocat"), "a mention would notify a GitHub user")
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        #expect(!html.contains("<a href") && !html.contains("<img") && !html.contains("<code>code"), "\(html)")
        let table = try #require(Self.elements("table", in: html).first)
        let rows = Self.elements("tr", in: Self.elements("tbody", in: table).first ?? "")
        #expect(rows.count == 1)
        #expect(Self.elements("td", in: rows.first ?? "").count == 4, "\(rows)")
        // Text still reads as written, marks and all.
        #expect(GFM.text("\(p)[x\(p)](y)") == "\(p)\\[x\(p)\\](y)")
        #expect(GFM.text("|\u{301}") == "\\|\u{301}")
        // A character that shows as nothing prints escaped: a title changed by one alone reads as changed.
        #expect(GFM.text("Restore\u{200B} P1") == "Restore\\u{200B} P1")
        #expect(GFM.code("OBJ-\u{FEFF}1") == "`OBJ-\\u{FEFF}1`")
        #expect(GFM.code("a|\u{301}b", inTable: true) == "`a\\|\u{301}b`")
        #expect(GFM.html("<\u{301}b \"\u{301}") == "&lt;\u{301}b &quot;\u{301}")
    }

    /// Ids, titles and file names built as markup, in the table, the lists and the findings'
    /// messages and places, rendered by cmark-gfm with GitHub's extensions: outside code spans
    /// nothing is a link, an image, HTML, emphasis, a strikethrough, a mention or a table cell.
    @Test func hostileIDsTitlesAndPathsStayTextInTheComment() throws {
        let id = "OBJ-[x](https://evil.example/a)|@octocat<b>*e*_u_~~s~~![i](https://evil.example/i.png)`t"
        let unknown = "OBJ-[y](https://evil.example/b)|@octocat<i>x</i>"
        let title = "Restore *fast* [now](https://evil.example/c) @octocat <script>x</script> | cell"
        let communication = "communications/2026-01-21 [c](javascript:alert(1)) @octocat <b>.md"
        let head = [
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["title: Restore priority-1 incidents quickly": "title: '\(title)'"]),
            "objectives/hostile.md": DiffScenario.objective("'\(id)'", ["title: Restore priority-1 incidents quickly": "title: '\(title)'"]),
            communication: ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: ['\(unknown)']"]),
        ]
        let pair = try FolderPair(head: head)
        defer { pair.remove() }
        let diff = try pair.diff()
        let markdown = DiffReport(diff: diff).markdown()
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        // The message quotes the unknown id as code, and the finding's place is code too.
        let named = try #require(diff.introduced.first { $0.message.contains(unknown) }, "\(diff.introduced.map(\.message))")
        #expect(named.rule == "monitored/unknown-objective")
        #expect(html.contains("<code>\(GFM.html(unknown))</code>"), "\(html)")
        #expect(html.contains("/communications/2026-01-21 [c](javascript:alert(1)) @octocat &lt;b&gt;.md:5:14</code>"), "\(html)")
        // Outside code spans: no markup from content.
        let prose = html.replacingOccurrences(of: "<code>[^<]*</code>", with: "", options: .regularExpression)
        for markup in ["<a ", "<img", "<b>", "<i>", "<em>", "<del>", "<script", "@octocat"] {
            #expect(!prose.contains(markup), "\(markup) in \(prose)")
        }
        for table in Self.elements("table", in: html) {
            for row in Self.elements("tr", in: Self.elements("tbody", in: table).first ?? "") {
                #expect(Self.elements("td", in: row).count == Self.elements("th", in: table).count, "\(row)")
            }
        }
    }

    @Test func codeSpansHoldAnyText() {
        #expect(GFM.code("a`b") == "``a`b``")
        #expect(GFM.code("`x`") == "`` `x` ``")
        #expect(GFM.code("a|b", inTable: true) == #"`a\|b`"#)
        let html = MarkdownRenderer(allowRawHTML: false).html("| h |\n| --- |\n| \(GFM.code("a|b`c", inTable: true)) |\n")
        #expect(Self.elements("td", in: html) == ["<code>a|b`c</code>"])
        #expect(GFM.message("`POL-9` is <not> a statement") == #"`POL-9` is \<not\> a statement"#)
        #expect(GFM.message("unbalanced ` tick") == #"unbalanced \` tick"#)
    }

    // MARK: JSON and text

    @Test func jsonCarriesEveryPart() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")
        let json = DiffReport(diff: diff).render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == DiffScenario.asOf)
        let base = try #require(object["base"] as? [String: Any])
        #expect(base["kind"] as? String == "revision" && base["name"] as? String == "v1" && base["commit"] as? String == s.first)
        #expect(base["path"] as? String == s.repo.content && base["label"] as? String == "revision v1 (\(s.first))")
        let head = try #require(object["head"] as? [String: Any])
        #expect(head["kind"] as? String == "revision" && head["name"] as? String == "HEAD" && head["commit"] as? String == s.third)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["objectives_changed"] as? Int == 1)
        #expect(summary["objectives_renamed"] as? Int == 1)
        #expect(summary["objectives_added"] as? Int == 1)
        #expect(summary["objectives_removed"] as? Int == 1)
        let bySeverity = try #require(summary["findings_introduced"] as? [String: Int])
        #expect(bySeverity["error"] == diff.introduced.filter { $0.severity == .error }.count)
        let objectives = try #require(object["objectives"] as? [String: Any])
        let changed = try #require(objectives["changed"] as? [[String: Any]])
        let moved = try #require(changed.first { $0["id"] as? String == "OBJ-INC-02" })
        #expect(moved["previous_file"] as? String == s.repo.content + "/objectives/old/OBJ-INC-02.md")
        let findings = try #require(object["findings"] as? [String: Any])
        let introduced = try #require(findings["introduced"] as? [[String: Any]])
        #expect(introduced.first?["rule"] as? String == "updated/unrecorded-change")
        #expect(introduced.first?["objective"] as? String == "OBJ-INC-01")
        #expect((findings["resolved"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func textListsEverythingAndQuietOnlyTheNewFindings() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.hasPrefix("evident diff revision v1 (\(s.first)) → revision HEAD (\(s.third)), as of 2026-11-29\n1 objective changed, 1 moved, 1 added, 1 removed · "))
        #expect(text.contains("\n  OBJ-INC-01  \(s.repo.content)/objectives/OBJ-INC-01.md\n    target: <= 4 h → <= 3 h\n"))
        #expect(text.contains("\n  + OBJ-NEW-01  Restore priority-1 incidents quickly  (active, \(s.repo.content)/objectives/OBJ-NEW-01.md)\n"))
        #expect(text.contains("\n  - OBJ-CHG-01  "))
        #expect(text.contains("\nFindings introduced\n  \(s.repo.content)/objectives/OBJ-INC-01.md:"))
        let quiet = DiffReport(diff: diff).render(.text, quiet: true)
        let lines = quiet.split(separator: "\n")
        #expect(lines.count == diff.introduced.count)
        #expect(lines.first?.hasSuffix("[updated/unrecorded-change]") == true)
    }

    /// Every format's header names exactly what was compared: a revision with its full commit id,
    /// a folder as a folder, the working tree as the working tree.
    @Test func theHeaderNamesWhatWasCompared() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let revisions = DiffReport(diff: try s.diff("v1", "HEAD"))
        #expect(revisions.render(.text).hasPrefix("evident diff revision v1 (\(s.first)) → revision HEAD (\(s.third)), as of 2026-11-29\n"))
        #expect(revisions.render(.markdown).hasPrefix("<!-- evident-diff -->\n### evident diff: revision `v1` (`\(s.first)`) → revision `HEAD` (`\(s.third)`)\n\n"))

        // Named by their full commit ids, as a script that walks the history names them: each once.
        let ids = DiffReport(diff: try s.diff(s.first, s.third))
        #expect(ids.render(.text).hasPrefix("evident diff revision \(s.first) → revision \(s.third), as of 2026-11-29\n"))
        #expect(ids.render(.markdown).hasPrefix("<!-- evident-diff -->\n### evident diff: revision `\(s.first)` → revision `\(s.third)`\n\n"))

        let workingTree = DiffReport(diff: try s.diff("main"))
        #expect(workingTree.render(.text).hasPrefix("evident diff revision main (\(s.third)) → working tree \(s.repo.content), as of "))
        #expect(workingTree.render(.markdown).contains("### evident diff: revision `main` (`\(s.third)`) → working tree `\(s.repo.content)`\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(workingTree.render(.json).utf8)) as? [String: Any])
        let head = try #require(json["head"] as? [String: Any])
        #expect(head["kind"] as? String == "working-tree" && head["path"] as? String == s.repo.content)
        #expect(head["name"] is NSNull && head["commit"] is NSNull)
        #expect(head["label"] as? String == "working tree \(s.repo.content)")

        let pair = try FolderPair(head: [:])
        defer { pair.remove() }
        let folders = DiffReport(diff: try pair.diff())
        #expect(folders.render(.text).hasPrefix("evident diff folder \(pair.base.path) → folder \(pair.head.path), as of "))
        #expect(folders.render(.markdown).contains("### evident diff: folder `\(pair.base.path)` → folder `\(pair.head.path)`\n"))
        let folderJSON = try #require(try JSONSerialization.jsonObject(with: Data(folders.render(.json).utf8)) as? [String: Any])
        let base = try #require(folderJSON["base"] as? [String: Any])
        #expect(base["kind"] as? String == "folder" && base["path"] as? String == pair.base.path)
        #expect(base["name"] is NSNull && base["commit"] is NSNull)
    }

    @Test func anUnchangedTreeSaysSo() throws {
        let pair = try FolderPair(head: [:])
        defer { pair.remove() }
        let report = DiffReport(diff: try pair.diff())
        #expect(report.summary() == "no objective changed · 0 findings introduced, 0 resolved")
        #expect(report.render(.markdown).contains("**no objective changed · 0 findings introduced, 0 resolved**"))
    }

    // MARK: helpers

    /// The inner HTML of every `<tag>` element, in order (the output has no element nested in one of
    /// its own kind), trimmed.
    static func elements(_ tag: String, in html: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: "<\(tag)(?:\\s[^>]*)?>(.*?)</\(tag)>", options: [.dotMatchesLineSeparators]) else { return [] }
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
    }
}
