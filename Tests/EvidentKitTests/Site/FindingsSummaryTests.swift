import Foundation
import Testing
@testable import EvidentSupport
@testable import EvidentModel
@testable import EvidentLoad
@testable import EvidentCheck
@testable import EvidentSite

/// The summary at the top of an objective's page: its errors, then its warnings, each a line
/// with its rule that links to the finding's row further down.
@Suite struct FindingsSummaryTests {
    @Test func anObjectivePageSummarisesItsErrorsThenWarningsWithLinksToTheirRows() throws {
        var files = ExampleTree.base
        // An unknown forum: an error; an unknown field: a warning; no policy statement: more.
        files["objectives/OBJ-INC-01.md"] = ExampleTree.edit(files["objectives/OBJ-INC-01.md"] ?? "", [
            "owner: Incident Process Owner\n": "owner: Incident Process Owner\nbogus_field: x\n",
            "forum: ops-review": "forum: no-such-forum",
            "policy: [POL-1]": "policy: []",
        ])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let site = try SiteBuilder.build(result: result, theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let index = try SiteIndex(result: result)
        let findings = try #require(index.summary(id: "OBJ-INC-01")).findings
        let errors = findings.filter { $0.severity == .error }, warnings = findings.filter { $0.severity == .warning }
        try #require(!errors.isEmpty && !warnings.isEmpty, "\(findings.map(\.rule))")

        let start = try #require(page.range(of: "<nav class=\"findings-summary\""))
        let end = try #require(page.range(of: "</nav>", range: start.upperBound..<page.endIndex))
        let summary = String(page[start.lowerBound..<end.upperBound])
        // Above the objective's fields.
        #expect(start.lowerBound < (page.range(of: "<div class=\"facts\">")?.lowerBound ?? page.startIndex))
        #expect(summary.contains("Findings: \(FindingsReport.plural(errors.count, "error")), \(FindingsReport.plural(warnings.count, "warning"))</h2>"))
        // One line per error, then per warning, in that order, each linking to its row.
        let lines = summary.components(separatedBy: "<li>").dropFirst()
        #expect(lines.count == errors.count + warnings.count)
        for (line, finding) in zip(lines, errors + warnings) {
            #expect(line.contains("badge-\(finding.severity.rawValue)"), "\(line)")
            #expect(line.contains("<code>\(finding.rule)</code>"), "\(line)")
            let number = try #require(findings.firstIndex { $0 == finding }) + 1
            #expect(line.contains("<a href=\"#finding-\(number)\">"), "\(line)")
            #expect(page.contains("<tr id=\"finding-\(number)\">"))
        }
        // Every id of every page once, the readiness report's findings tables (one per obligation) too.
        #expect(String(decoding: try #require(site["readiness.html"]), as: UTF8.self).contains("<tr id=\"finding-"))
        for (path, data) in site where path.hasSuffix(".html") {
            let ids = SiteTestSupport.attributes("id", in: String(decoding: data, as: UTF8.self))
            #expect(Set(ids).count == ids.count, "\(path): \(Set(ids.filter { id in ids.filter { $0 == id }.count > 1 }))")
        }
    }

    /// The summary lists errors and warnings only; its heading said "Findings: 1 error" above a
    /// findings table of two rows when the other was info. It now names the info findings too.
    @Test func theSummarysHeadingCountsTheInfoFindingsItLeavesToTheTable() throws {
        var files = ExampleTree.base
        files["evident.yml"] = (files["evident.yml"] ?? "") + "rules:\n  syntax/unknown-field: info\n"
        files["objectives/OBJ-INC-01.md"] = ExampleTree.edit(files["objectives/OBJ-INC-01.md"] ?? "", [
            "owner: Incident Process Owner\n": "owner: Incident Process Owner\nbogus_field: x\n",
            "forum: ops-review": "forum: no-such-forum",
        ])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let findings = try #require(try SiteIndex(result: result).summary(id: "OBJ-INC-01")).findings
        let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
        try #require(counts[.info] == 1 && (counts[.error] ?? 0) > 0, "\(findings.map(\.rule))")
        let site = try SiteBuilder.build(result: result, theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        var heading = "Findings: \(FindingsReport.plural(counts[.error] ?? 0, "error"))"
        if let warnings = counts[.warning] { heading += ", \(FindingsReport.plural(warnings, "warning"))" }
        #expect(page.contains(heading + " (and 1 info, in the table below)</h2>"), "\(heading)")
    }

    @Test func anObjectiveWithoutErrorsOrWarningsHasNoSummary() throws {
        let site = try SiteTestSupport.exampleSite()
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(!page.contains("findings-summary"))
    }

    /// A finding's message as the theme's parts: code spans as CommonMark reads them (a run of
    /// backticks closed by a run of the same length), a run nothing closes kept as text, text
    /// beside non-ASCII characters kept whole.
    @Test func aMessageIsCutIntoTextAndCodeAtItsBackticks() {
        func parts(_ message: String) -> [String] {
            PageContext.messageParts(message).map { part in
                guard case let .text(text)? = part["text"], case let .bool(code)? = part["code"] else { return "?" }
                return code ? "<\(text)>" : text
            }
        }
        #expect(parts("no backtick") == ["no backtick"])
        #expect(parts("`a` is `b`.") == ["<a>", " is ", "<b>", "."])
        #expect(parts("empty `` span") == ["empty `` span"])
        #expect(parts("unpaired `tail") == ["unpaired `tail"])
        #expect(parts("ends `x``") == ["ends `x``"])
        #expect(parts("id ``OBJ`1`` and `f`") == ["id ", "<OBJ`1>", " and ", "<f>"])
        #expect(parts("café `≤ 4 h` naïve") == ["café ", "<≤ 4 h>", " naïve"])
        #expect(parts("") == [])
    }
}
