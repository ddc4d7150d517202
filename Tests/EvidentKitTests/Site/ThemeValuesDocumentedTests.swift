import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

/// templates/README.md is the theme author's list of what each template receives: every name a
/// page hands its templates is in it, not only those the built-in theme reads (a value the
/// built-in theme leaves unused is one a theme author can find there alone).
@Suite struct ThemeValuesDocumentedTests {
    /// Every key of every object in `view`, lists and rows walked item by item.
    private static func keys(of view: View, into out: inout Set<String>) {
        switch view {
        case let .object(object):
            for (key, value) in zip(object.keys, object.values) {
                out.insert(key)
                keys(of: value, into: &out)
            }
        case let .list(items):
            for item in items { keys(of: item, into: &out) }
        case let .rows(rows):
            for index in 0..<rows.count { keys(of: rows.item(index), into: &out) }
        case .text, .html, .bool, .int:
            return
        }
    }

    @Test func everyNameAPageGivesIsInTheThemeReadme() throws {
        let readme = try String(contentsOf: SiteTestSupport.repository.appendingPathComponent("templates/README.md"), encoding: .utf8)
        var given: Set<String> = []
        let example = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        for result in [example, try tree.check()] {
            let site = try SiteIndex(result: result)
            for job in SiteBuilder.jobs(site) {
                guard case let .page(page) = job else { continue }
                Self.keys(of: SiteBuilder.context(of: page, site).context, into: &given)
            }
        }
        #expect(given.count > 150)
        // Named in a code span, alone or in a shape (`{ kind, label, icon }`), not merely a word
        // of the prose: the words of the code spans outside the fenced examples.
        var prose = "", fenced = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            if !fenced { prose += line + "\n" }
        }
        let spans = prose.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
        let named = Set(spans.flatMap { $0.element.split { !($0.isLetter || $0.isNumber) }.map(String.init) })
        let unlisted = given.subtracting(named)
        #expect(unlisted.isEmpty, "not in templates/README.md: \(unlisted.sorted().joined(separator: ", "))")
    }

    /// An objective with no value has no chart: `chart` is `false`, as every value that may be
    /// missing, so that `{{^chart}}…{{/chart}}` shows a text of the theme's own (an empty text
    /// is a value to Mustache, and would show `{{#chart}}`'s frame around nothing).
    @Test func anObjectiveWithoutValuesHasNoChart() throws {
        let tree = try TemporaryTree(ExampleTree.base.filter { !$0.key.hasPrefix("measurements/") })
        defer { tree.remove() }
        let site = try SiteIndex(result: try tree.check())
        let page = ObjectivePage.make(site, index: 0)
        guard case .bool(false)? = page.context["chart"] else {
            Issue.record("chart is \(String(describing: page.context["chart"]))")
            return
        }
        var theme = try Theme(files: Theme.embeddedFiles().merging(["pages/probe.mustache": Data("{{#chart}}<figure>{{{chart}}}</figure>{{/chart}}{{^chart}}No chart.{{/chart}}".utf8)]) { $1 }, origins: [:])
        #expect(try theme.render("pages/probe", page.context).text == "No chart.")
        theme.rendersCompiled = false
        #expect(try theme.render("pages/probe", page.context).text == "No chart.")
    }
}
