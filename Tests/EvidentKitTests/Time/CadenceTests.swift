import Testing
@testable import EvidentModel

private func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else {
        Issue.record("bad test date \(iso)")
        return Day(ordinal: 0)
    }
    return d
}

@Suite struct CadenceTests {
    @Test func lengthsAndKinds() {
        #expect(Cadence.allCases.map(\.lengthInDays) == [7, 31, 92, 183, 366])
        #expect(Cadence.allCases.map(\.periodKind) == [.week, .month, .quarter, .half, .year])
        #expect(Cadence(rawValue: "semiannual") == .semiannual)
        #expect(Cadence(rawValue: "yearly") == nil)
    }

    @Test func periodContaining() {
        let d = day("2026-11-29")
        #expect(Cadence.weekly.period(containing: d).description == "2026-W48")
        #expect(Cadence.monthly.period(containing: d).description == "2026-11")
        #expect(Cadence.quarterly.period(containing: d).description == "2026-Q4")
        #expect(Cadence.semiannual.period(containing: d).description == "2026-H2")
        #expect(Cadence.annual.period(containing: d).description == "2026")
    }

    @Test(arguments: [
        (Cadence.monthly, "2026-10"), (.quarterly, "2026-Q3"), (.semiannual, "2026-H1"),
        (.annual, "2025"), (.weekly, "2026-W47"),
    ])
    func dueWithGrace(_ cadence: Cadence, _ expected: String) {
        let due = cadence.latestDuePeriod(asOf: day("2026-11-29"), graceDays: 7, notBefore: nil)
        #expect(due?.description == expected)
    }

    @Test func weeklyDueIsTheWeekEndingSevenDaysBefore() {
        let due = Cadence.weekly.latestDuePeriod(asOf: day("2026-11-29"), graceDays: 7, notBefore: nil)
        #expect(due?.end == day("2026-11-22"))
        // One day earlier, that week is not yet due.
        #expect(Cadence.weekly.latestDuePeriod(asOf: day("2026-11-28"), graceDays: 7, notBefore: nil)?.description
            == "2026-W46")
    }

    @Test func monthlyBoundary() {
        #expect(Cadence.monthly.latestDuePeriod(asOf: day("2026-11-07"), graceDays: 7, notBefore: nil)?.description
            == "2026-10")
        #expect(Cadence.monthly.latestDuePeriod(asOf: day("2026-11-06"), graceDays: 7, notBefore: nil)?.description
            == "2026-09")
    }

    @Test(arguments: [
        (Cadence.monthly, "2026-11-29", "2026-10"), (.monthly, "2026-11-30", "2026-11"),
        (.quarterly, "2026-12-30", "2026-Q3"), (.quarterly, "2026-12-31", "2026-Q4"),
        (.semiannual, "2026-06-29", "2025-H2"), (.semiannual, "2026-06-30", "2026-H1"),
        (.annual, "2026-12-30", "2025"), (.annual, "2026-12-31", "2026"),
        (.weekly, "2026-11-28", "2026-W47"), (.weekly, "2026-11-29", "2026-W48"),
        (.weekly, "2026-01-04", "2026-W01"), (.weekly, "2026-01-03", "2025-W52"),
    ])
    func dueWithoutGrace(_ cadence: Cadence, _ asOf: String, _ expected: String) {
        #expect(cadence.latestDuePeriod(asOf: day(asOf), graceDays: 0, notBefore: nil)?.description == expected)
    }

    @Test func negativeGraceCountsAsZero() {
        #expect(Cadence.monthly.latestDuePeriod(asOf: day("2026-11-15"), graceDays: -30, notBefore: nil)?.description
            == "2026-10")
    }

    @Test func notBefore() {
        let asOf = day("2026-11-29")
        // Effective after October ended: October is not due, nothing is.
        #expect(Cadence.monthly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-11-01")) == nil)
        // Effective on October's last day: October ends on it, not before it, so it is due.
        #expect(Cadence.monthly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-10-31"))?.description
            == "2026-10")
        // Effective in the middle of October: October is due.
        #expect(Cadence.monthly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-10-15"))?.description
            == "2026-10")
        #expect(Cadence.quarterly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-10-01")) == nil)
        #expect(Cadence.quarterly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-09-30"))?.description
            == "2026-Q3")
        #expect(Cadence.semiannual.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-07-01")) == nil)
        #expect(Cadence.annual.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-01-15")) == nil)
        #expect(Cadence.annual.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2025-06-01"))?.description
            == "2025")
        #expect(Cadence.weekly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-11-23")) == nil)
        #expect(Cadence.weekly.latestDuePeriod(asOf: asOf, graceDays: 7, notBefore: day("2026-11-22"))?.description
            == "2026-W47")
        // A notBefore in the future of as-of never makes anything due.
        #expect(Cadence.monthly.latestDuePeriod(asOf: asOf, graceDays: 0, notBefore: day("2027-01-01")) == nil)
    }

    /// The due period always satisfies the rule, and its successor never does.
    @Test func dueIsTheLatestSatisfyingPeriod() {
        for cadence in Cadence.allCases {
            for offset in stride(from: 0, to: 800, by: 3) {
                let asOf = day("2025-01-01").adding(days: offset)
                for grace in [0, 1, 7, 30] {
                    guard let due = cadence.latestDuePeriod(asOf: asOf, graceDays: grace, notBefore: nil) else {
                        Issue.record("nothing due for \(cadence) \(asOf)")
                        return
                    }
                    #expect(due.kind == cadence.periodKind)
                    #expect(due.end.adding(days: grace) <= asOf)
                    #expect(due.next.end.adding(days: grace) > asOf)
                }
            }
        }
    }
}
