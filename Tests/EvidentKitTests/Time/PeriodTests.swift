import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

private func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else {
        Issue.record("bad test date \(iso)")
        return Day(ordinal: 0)
    }
    return d
}

private func period(_ text: String) -> Period? { Period(parsing: text) }

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2026", PeriodKind.year, "2026-01-01", "2026-12-31"),
        ("2026-H1", .half, "2026-01-01", "2026-06-30"),
        ("2026-H2", .half, "2026-07-01", "2026-12-31"),
        ("2026-Q1", .quarter, "2026-01-01", "2026-03-31"),
        ("2026-Q3", .quarter, "2026-07-01", "2026-09-30"),
        ("2026-Q4", .quarter, "2026-10-01", "2026-12-31"),
        ("2026-10", .month, "2026-10-01", "2026-10-31"),
        ("2024-02", .month, "2024-02-01", "2024-02-29"),
        ("2026-02", .month, "2026-02-01", "2026-02-28"),
        ("2026-W42", .week, "2026-10-12", "2026-10-18"),
        ("2026-W01", .week, "2025-12-29", "2026-01-04"),
        ("2026-W07", .week, "2026-02-09", "2026-02-15"),
        ("2026-10-31", .day, "2026-10-31", "2026-10-31"),
    ])
    func parsesEveryForm(_ text: String, _ kind: PeriodKind, _ start: String, _ end: String) throws {
        let p = try #require(period(text))
        #expect(p.kind == kind)
        #expect(p.start == day(start))
        #expect(p.end == day(end))
        #expect(p.description == text)
        #expect(Period(parsing: p.description) == p)
    }

    @Test func trimsSurroundingWhitespace() {
        #expect(period("  2026-10 ")?.description == "2026-10")
        #expect(period("\t2026-W42\n")?.description == "2026-W42")
        #expect(period("\u{00A0}2026\u{2003}")?.description == "2026")
    }

    @Test(arguments: [
        "", " ", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-H3", "2026-H0", "2026-W54", "2026-W00",
        "2025-W53", "26-10", "2026-1", "2026-W7", "2026-w42", "2026-q3", "2026-h2", "2026-Q12", "20261",
        "2026-", "2026-10-", "2026-02-30", "2026-10-31x", "2026 -10", "2026-1O", "２０２６", "02026",
        "-2026", "2026-W4a", "2026-Wx2", "2026_10",
    ])
    func rejections(_ text: String) {
        #expect(period(text) == nil, "\(text)")
    }

    @Test func isoWeekEdges() throws {
        // 2026 starts on a Thursday, so it has 53 ISO weeks (W53 = 2026-12-28 ... 2027-01-03).
        #expect(Period.weeksInISOYear(2026) == 53)
        let w53 = try #require(period("2026-W53"))
        #expect(w53.start == day("2026-12-28"))
        #expect(w53.end == day("2027-01-03"))
        // 2020 is a leap year starting on a Wednesday: 53 weeks.
        let w2020 = try #require(period("2020-W53"))
        #expect(w2020.start == day("2020-12-28"))
        #expect(w2020.end == day("2021-01-03"))
        // 2025 and 2027 have 52.
        #expect(period("2025-W53") == nil)
        #expect(period("2027-W53") == nil)
        #expect(period("2027-W52")?.end == day("2028-01-02"))
        // A leap year starting on Thursday (2004) has 53; a common year starting on Wednesday (2025) not.
        #expect(Period.weeksInISOYear(2004) == 53)
        #expect(Period.weeksInISOYear(2015) == 53)
        #expect(Period.weeksInISOYear(2019) == 52)
        #expect(Period(.week, containing: day("2021-01-03")).description == "2020-W53")
        #expect(Period(.week, containing: day("2025-12-29")).description == "2026-W01")
        #expect(Period(.week, containing: day("2027-01-01")).description == "2026-W53")
    }

    /// ISO weeks agree with Foundation's ISO 8601 calendar every day of 2000-2040.
    @Test func isoWeeksAgreeWithFoundation() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = day("2000-01-01"), last = day("2040-12-31")
        for ordinal in stride(from: first.ordinal, through: last.ordinal, by: 1) {
            let date = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
            let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            let w = Day(ordinal: ordinal).isoWeek
            #expect(w.year == c.yearForWeekOfYear && w.week == c.weekOfYear)
            if w.year != c.yearForWeekOfYear || w.week != c.weekOfYear { return }
        }
        for year in 2000...2040 {
            let dec28 = try #require(calendar.date(from: DateComponents(year: year, month: 12, day: 28)))
            #expect(Period.weeksInISOYear(year) == calendar.component(.weekOfYear, from: dec28), "\(year)")
        }
    }

    @Test func containsAcrossKinds() throws {
        let year = try #require(period("2026"))
        let h2 = try #require(period("2026-H2"))
        let q3 = try #require(period("2026-Q3"))
        let oct = try #require(period("2026-10"))
        let w42 = try #require(period("2026-W42"))
        let d = try #require(period("2026-10-31"))
        #expect(year.contains(h2) && year.contains(q3) && year.contains(oct) && year.contains(w42) && year.contains(d))
        #expect(h2.contains(q3) && h2.contains(oct) && h2.contains(w42))
        #expect(!q3.contains(oct))
        #expect(oct.contains(w42) && oct.contains(d))
        #expect(w42.contains(w42) && oct.contains(oct) && d.contains(d))
        // Coarser is never inside.
        #expect(!oct.contains(year))
        #expect(!w42.contains(oct))
        #expect(!d.contains(w42))
        // Same kind, different period.
        #expect(!oct.contains(try #require(period("2026-09"))))
        #expect(!w42.contains(try #require(period("2026-W43"))))
    }

    @Test func weekStraddlingTwoMonths() throws {
        // 2026-W44 runs Mon 2026-10-26 to Sun 2026-11-01; its Thursday (10-29) puts it in October.
        let w44 = try #require(period("2026-W44"))
        #expect(w44.start == day("2026-10-26") && w44.end == day("2026-11-01"))
        #expect(w44.anchorDay == day("2026-10-29"))
        #expect(try #require(period("2026-10")).contains(w44))
        #expect(!(try #require(period("2026-11"))).contains(w44))
        #expect(w44.contains(try #require(period("2026-11-01"))))
        // 2026-W49 runs 11-30 to 12-06: Thursday 12-03, so December, Q4, H2.
        let w49 = try #require(period("2026-W49"))
        #expect(try #require(period("2026-12")).contains(w49))
        #expect(!(try #require(period("2026-11"))).contains(w49))
        // 2026-W01 starts in 2025 but belongs to 2026, not 2025; 2026-W53 belongs to 2026, not 2027.
        #expect(try #require(period("2026")).contains(try #require(period("2026-W01"))))
        #expect(!(try #require(period("2025"))).contains(try #require(period("2026-W01"))))
        #expect(try #require(period("2026-12")).contains(try #require(period("2026-W53"))))
        #expect(!(try #require(period("2027"))).contains(try #require(period("2026-W53"))))
        // A week straddling quarters: 2026-W27 is 06-29 .. 07-05, Thursday 07-02, so Q3.
        let w27 = try #require(period("2026-W27"))
        #expect(try #require(period("2026-Q3")).contains(w27))
        #expect(try #require(period("2026-H2")).contains(w27))
    }

    @Test(arguments: [
        ("2026", "2027", "2025"),
        ("2026-H2", "2027-H1", "2026-H1"),
        ("2026-H1", "2026-H2", "2025-H2"),
        ("2026-Q4", "2027-Q1", "2026-Q3"),
        ("2026-Q1", "2026-Q2", "2025-Q4"),
        ("2026-12", "2027-01", "2026-11"),
        ("2026-01", "2026-02", "2025-12"),
        ("2026-W53", "2027-W01", "2026-W52"),
        ("2026-W01", "2026-W02", "2025-W52"),
        ("2021-W01", "2021-W02", "2020-W53"),
        ("2026-12-31", "2027-01-01", "2026-12-30"),
        ("2024-03-01", "2024-03-02", "2024-02-29"),
    ])
    func nextAndPrevious(_ text: String, _ next: String, _ previous: String) throws {
        let p = try #require(period(text))
        #expect(p.next.description == next)
        #expect(p.previous.description == previous)
        #expect(p.next.previous == p)
        #expect(p.previous.next == p)
        #expect(p.next.kind == p.kind)
    }

    @Test func stepsTileTheTimeline() {
        for kind in PeriodKind.allCases {
            var p = Period(kind, containing: day("1999-06-15"))
            for _ in 0..<400 {
                let n = p.next
                #expect(n.start == p.end.adding(days: 1))
                #expect(n.start <= n.end)
                #expect(Period(parsing: n.description) == n)
                // A period of a kind is the one of that kind holding its anchor day: a series
                // takes a row of its cadence's kind as it is (`CheckModel.computeSeries`).
                #expect(Period(kind, containing: n.anchorDay) == n)
                p = n
            }
        }
    }

    @Test func ordering() throws {
        let sorted = try ["2026", "2026-H1", "2026-Q1", "2026-01", "2026-01-01", "2026-W01", "2026-W02", "2026-02"]
            .map { try #require(period($0)) }
            .sorted()
            .map(\.description)
        // 2026-W01 starts 2025-12-29, so it sorts first.
        #expect(sorted == ["2026-W01", "2026-01-01", "2026-01", "2026-Q1", "2026-H1", "2026", "2026-W02", "2026-02"])
        #expect(PeriodKind.day < .week && PeriodKind.week < .month && PeriodKind.half < .year)
    }

    @Test func factories() {
        #expect(Period.week(isoYear: 2026, week: 1)?.start == day("2025-12-29"))
        #expect(Period.week(isoYear: 2026, week: 54) == nil)
        #expect(Period.week(isoYear: 2026, week: 0) == nil)
        #expect(Period.month(year: 2026, month: 13) == nil)
        #expect(Period.quarter(year: 2026, quarter: 5) == nil)
        #expect(Period.half(year: 2026, half: 3) == nil)
        #expect(Period.year(Int.max) == nil)
        #expect(Period.week(isoYear: Int.max, week: 1) == nil)
        #expect(Period.day(day("2026-10-31")).description == "2026-10-31")
    }
}
