import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

/// The register says its order to a screen reader before and after assets/evident.js sorts it
/// (WCAG 1.3.1, 4.1.2, 4.1.3): the rows come by objective, so that heading has aria-sort from the
/// start; the caption names the order in an element the script rewrites; and a status line,
/// outside the filter form that stays hidden without the script, is there for it to announce a
/// new order in. scripts/browser/access_checks.py sorts the register by keyboard in Chromium.
@Suite struct RegisterSortMarkupTests {
    private func register() throws -> String {
        let site = try SiteTestSupport.exampleSite()
        return String(decoding: try #require(site["register.html"]), as: UTF8.self)
    }

    @Test func theObjectiveHeadingIsSortedAscendingAndNoOtherIs() throws {
        let html = try register()
        let head = try #require(html.range(of: "<thead>").flatMap { start in
            html.range(of: "</thead>", range: start.upperBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] }
        })
        let sorted = SiteTestSupport.tags(in: String(head)).filter { $0.contains("aria-sort=") }
        #expect(sorted == ["<th scope=\"col\" data-sort=\"text\" aria-sort=\"ascending\">"], "\(sorted)")
        #expect(head.contains("aria-sort=\"ascending\">Objective</th>"))
    }

    @Test func theCaptionNamesTheOrderAndTheSortHintWaitsForTheScript() throws {
        let html = try register()
        #expect(html.contains("<caption id=\"register-caption\">19 objectives, <span id=\"register-order\">by objective</span>."))
        // Without the script there is nothing to select: the hint is hidden until it runs.
        #expect(html.contains("<span class=\"sort-hint\" hidden> Select a column heading to sort.</span></caption>"))
    }

    @Test func theStatusLineIsOutsideTheHiddenFilterForm() throws {
        let html = try register()
        let status = try #require(html.range(of: "<p class=\"visually-hidden\" id=\"register-sort-status\" role=\"status\"></p>"))
        let formEnd = try #require(html.range(of: "</form>"))
        let table = try #require(html.range(of: "<table class=\"register sortable\""))
        #expect(formEnd.upperBound <= status.lowerBound && status.upperBound <= table.lowerBound)
    }
}
