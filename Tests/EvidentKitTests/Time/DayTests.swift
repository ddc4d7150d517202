import Foundation
import Testing
@testable import EvidentModel

@Suite struct DayTests {
    @Test func epochIsOrdinalZero() {
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day(ordinal: -1).description == "1969-12-31")
        #expect(Day(year: 2000, month: 3, day: 1)?.ordinal == 11_017)
    }

    /// Every day from year -400 to 2800 maps back to itself and the civil fields advance one day at a time.
    @Test func roundTripOverWideRange() throws {
        let first = try #require(Day(year: -400, month: 1, day: 1))
        let last = try #require(Day(year: 2800, month: 12, day: 31))
        var previous = Day.civilFromDays(first.ordinal - 1)
        for ordinal in first.ordinal...last.ordinal {
            let c = Day.civilFromDays(ordinal)
            let back = Day(year: c.year, month: c.month, day: c.day)
            #expect(back?.ordinal == ordinal)
            if back?.ordinal != ordinal { return }
            // The next day is either day+1 in the same month or the first of the next month.
            let advancesByOne = (c.year == previous.year && c.month == previous.month && c.day == previous.day + 1)
                || (c.day == 1 && previous.day == Day.daysInMonth(year: previous.year, month: previous.month)
                    && (c.month == previous.month + 1 && c.year == previous.year
                        || c.month == 1 && previous.month == 12 && c.year == previous.year + 1))
            #expect(advancesByOne, "\(previous) -> \(c)")
            if !advancesByOne { return }
            previous = c
        }
    }

    /// Cross-check against Foundation's Gregorian calendar on the first of every month, 1600-2400.
    @Test func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for year in stride(from: 1600, through: 2400, by: 1) {
            for month in 1...12 {
                let date = try #require(calendar.date(from: DateComponents(year: year, month: month, day: 1)))
                let expected = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
                #expect(Day(year: year, month: month, day: 1)?.ordinal == expected, "\(year)-\(month)")
            }
        }
    }

    @Test func leapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "1900-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(Day(iso: "2026-02-28")?.adding(days: 1).description == "2026-03-01")
    }

    @Test func impossibleDates() {
        #expect(Day(year: 2026, month: 2, day: 30) == nil)
        #expect(Day(year: 2026, month: 4, day: 31) == nil)
        #expect(Day(year: 2026, month: 13, day: 1) == nil)
        #expect(Day(year: 2026, month: 0, day: 1) == nil)
        #expect(Day(year: 2026, month: 1, day: 0) == nil)
        #expect(Day(year: Int.max, month: 1, day: 1) == nil)
        #expect(Day(year: Int.min, month: 1, day: 1) == nil)
    }

    @Test(arguments: ["2026-1-01", "26-01-01", "02026-01-01", "2026/01/01", "2026-01-01 ", " 2026-01-01",
                      "2026-01-01T00:00", "", "2026-0a-01", "+026-01-01", "2026-01-+1", "２０２６-01-01",
                      "2026-02-30", "2026-00-10", "2026-12-32"])
    func strictISORejects(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func isoParsesAndPrints() throws {
        let c = try #require(Day(iso: "2026-10-31")).civil
        #expect(c.year == 2026 && c.month == 10 && c.day == 31)
        #expect(Day(iso: "0001-01-01")?.description == "0001-01-01")
        #expect(Day(iso: "9999-12-31")?.description == "9999-12-31")
        #expect(Day(year: 5, month: 3, day: 7)?.description == "0005-03-07")
    }

    @Test(arguments: [
        ("1970-01-01", 4), ("2000-01-01", 6), ("2024-02-29", 4), ("2025-12-29", 1),
        ("2026-01-01", 4), ("2026-11-22", 7), ("2026-11-29", 7), ("1969-12-31", 3), ("1900-01-01", 1),
    ])
    func weekdays(_ iso: String, _ weekday: Int) {
        #expect(Day(iso: iso)?.weekday == weekday)
    }

    @Test func weekdayAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for ordinal in stride(from: -20_000, through: 40_000, by: 97) {
            let date = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
            let foundation = calendar.component(.weekday, from: date)  // 1 = Sunday
            #expect(Day(ordinal: ordinal).weekday == (foundation + 5) % 7 + 1)
        }
    }

    @Test func arithmeticAndOrder() throws {
        let a = try #require(Day(iso: "2026-11-29"))
        let b = try #require(Day(iso: "2026-10-31"))
        #expect(a - b == 29)
        #expect(b - a == -29)
        #expect(b.adding(days: 29) == a)
        #expect(b < a)
        #expect(try #require(Day(iso: "2025-12-31")) < #require(Day(iso: "2026-01-01")))
    }

    @Test func todayIsPlausible() {
        let today = Day.today()
        #expect(today.year >= 2025)
        #expect(today.year < 2200)
    }

    /// Dates and periods are written into one buffer (`Day.text`); they read as the string
    /// joins they replaced, for years of any width and sign.
    @Test func descriptionsMatchTheirPartsJoined() {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        #expect(Day.text((Int.min, 4, "")) == pad(Int.min, 4) && Day.text((Int.max, 2, "")) == pad(Int.max, 2) && Day.text((0, 0, "")) == "0")
        var random = SplitMix64(seed: 7)
        for i in 0..<20_000 {
            let ordinal = i < 10_000 ? Int(random.next() % 2_000_000) - 1_000_000 : Int(random.next() % 8_000_000) - 4_000_000
            let day = Day(ordinal: ordinal)
            let c = day.civil
            #expect(day.description == pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2))
            let w = day.isoWeek
            #expect(Period(.week, containing: day).description == pad(w.year, 4) + "-W" + pad(w.week, 2))
            #expect(Period(.month, containing: day).description == pad(c.year, 4) + "-" + pad(c.month, 2))
            #expect(Period(.quarter, containing: day).description == pad(c.year, 4) + "-Q" + String((c.month - 1) / 3 + 1))
            #expect(Period(.half, containing: day).description == pad(c.year, 4) + "-H" + String((c.month - 1) / 6 + 1))
            #expect(Period(.year, containing: day).description == pad(c.year, 4))
            #expect(Period(.day, containing: day).description == day.description)
        }
    }
}
