import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// A run of periods with no row in the measurements file, between two with one, is a row of the
/// values table of its own, where the chart breaks its line: the table does not close up over it.
@Suite struct UnrecordedPeriodsTests {
    func page(_ measurements: String) throws -> String {
        let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": measurements]) { $1 })
        defer { tree.remove() }
        let site = try SiteBuilder.build(result: try tree.check(), theme: Theme.embedded())
        return String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
    }

    static let row = #"<tr class="no-row"><th scope="row">"#

    @Test func oneMissingMonthIsARowBetweenItsNeighbours() throws {
        let page = try page(ExampleTree.measurements.replacingOccurrences(of: "2026-05,3.4,,\n", with: ""))
        let gap = Self.row + #"2026-05</th><td colspan="5"><span class="cell-note">No row in the measurements file</span></td></tr>"#
        #expect(page.components(separatedBy: Self.row).count == 2, "\(page)")
        let at = try #require(page.range(of: gap))
        let june = try #require(page.range(of: #"<th scope="row">2026-06</th>"#))
        let april = try #require(page.range(of: #"<th scope="row">2026-04</th>"#))
        #expect(june.upperBound < at.lowerBound && at.upperBound < april.lowerBound)
    }

    @Test func aRunOfMonthsIsOneRowThatCountsThem() throws {
        let rows = ExampleTree.measurements.replacingOccurrences(of: "2026-04,3.2,,\n2026-05,3.4,,\n2026-06,3.8,,\n", with: "")
        let page = try page(rows)
        #expect(page.contains(Self.row + #"2026-04 to 2026-06</th><td colspan="5"><span class="cell-note">No row in the measurements file for these 3 periods</span></td></tr>"#), "\(page)")
        #expect(page.components(separatedBy: Self.row).count == 2)
    }

    /// Every period has its row, a known gap (a row without a value) included: no row is added.
    @Test func aFullSeriesAndAKnownGapAddNone() throws {
        #expect(try !page(ExampleTree.measurements).contains("no-row"))
        let knownGap = ExampleTree.measurements.replacingOccurrences(of: "2026-05,3.4,,", with: "2026-05,,export failed,")
        #expect(try !page(knownGap).contains("no-row"))
    }
}
