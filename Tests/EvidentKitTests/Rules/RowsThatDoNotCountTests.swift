import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// SPEC 4.1 "A value for a period": of a period's rows the latest counts. The others are kept
/// beside it (`PeriodValue.notCounted`) and named under its period in the values table, so that a
/// restated value is seen with the one it replaced.
@Suite struct RowsThatDoNotCountTests {
    /// September restated at the end of the file; August measured weekly, a week's known gap among
    /// them, then as a month, then on its last day.
    static let rows = ExampleTree.measurements + """
        2026-09,5.1,restated,
        2026-08-10,3.0,,
        2026-08-24,,export failed,
        2026-08-31,3.2,,
        2026-08-25,3.3,,

        """

    @Test func thePeriodKeepsItsOtherRowsTheLatestLast() throws {
        let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": Self.rows]) { $1 })
        defer { tree.remove() }
        let result = try tree.check()
        let o = try #require(result.model.content.objectives.first)
        let series = result.model.series(of: o)
        func period(_ name: String) throws -> CheckModel.PeriodValue { try #require(series.first { $0.period.description == name }) }
        let september = try period("2026-09")
        #expect(september.value == 5.1 && september.measurement.location.line == 11)
        #expect(september.notCounted.map(\.valueText) == ["3.3"])
        #expect(september.notCounted.map(\.location.line) == [9])
        // The day 2026-08-31 ends with the month and starts later: it counts over the month's row.
        let august = try period("2026-08")
        #expect(august.measurement.periodValue.description == "2026-08-31")
        #expect(august.notCounted.map(\.periodValue.description) == ["2026-08-10", "2026-08-24", "2026-08-25", "2026-08"])
        #expect(try period("2026-07").notCounted.isEmpty)
    }

    /// A known gap of a week does not replace the month's value: it is a row that does not count.
    @Test func aWeeksGapUnderAMonthsValueDoesNotCount() throws {
        let rows = ExampleTree.measurements + "2026-W44,,export failed,\n"
        let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": rows]) { $1 })
        defer { tree.remove() }
        let result = try tree.check()
        let o = try #require(result.model.content.objectives.first)
        let october = try #require(result.model.series(of: o).last)
        #expect(october.value == 3.7)
        #expect(october.notCounted.map(\.periodValue.description) == ["2026-W44"])
    }

    @Test func theValuesTableNamesThemUnderThePeriod() throws {
        let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": Self.rows]) { $1 })
        defer { tree.remove() }
        let site = try SiteBuilder.build(result: try tree.check(), theme: Theme.embedded())
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let note = #"<span class="cell-note not-counted">Other rows, not counted: "#
        #expect(page.contains(#"<th scope="row">2026-09"# + note + #"3.3 h (<code>measurements/OBJ-INC-01.csv:9</code>)</span></th><td class="num">5.1 h</td>"#), "\(page)")
        // The latest three, the latest first, and a count of the rest.
        #expect(page.contains(#"<span class="cell-note">Row for 2026-08-31</span>"# + note
            + #"3.6 h (<code>measurements/OBJ-INC-01.csv:8</code>), 3.3 h for 2026-08-25 (<code>measurements/OBJ-INC-01.csv:15</code>), "#
            + #"no value for 2026-08-24 (<code>measurements/OBJ-INC-01.csv:13</code>), and 1 earlier</span></th>"#))
        #expect(page.contains(#"<th scope="row">2026-07</th>"#))
        #expect(page.components(separatedBy: "not-counted").count == 3)
    }
}

/// The units of time below which no value can be (`syntax/csv`): as the list writes them, or with
/// capitals and spaces around; nothing else.
@Suite struct DurationUnitTests {
    @Test func aUnitOfTimeIsKnownHoweverItIsCasedOrSpaced() {
        for unit in ["h", "min", "business days", " H ", "Hours", "Working Hours", "\tms", "WK"] {
            #expect(DurationUnits.isDuration(unit), "\(unit)")
        }
        for unit in ["%", "", "h change", "incidents", "hh", "x", "Stunden", "é"] {
            #expect(!DurationUnits.isDuration(unit), "\(unit)")
        }
    }
}
