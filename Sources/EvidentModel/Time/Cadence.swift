/// How often an objective is measured and reviewed (SPEC 2.4 `cadence`).
package enum Cadence: String, CaseIterable, Sendable {
    case weekly, monthly, quarterly, semiannual, annual

    /// SPEC 4.1 "Cadence length": the longest period of the cadence, used for review windows.
    package var lengthInDays: Int {
        switch self {
        case .weekly: return 7
        case .monthly: return 31
        case .quarterly: return 92
        case .semiannual: return 183
        case .annual: return 366
        }
    }

    package var periodKind: PeriodKind {
        switch self {
        case .weekly: return .week
        case .monthly: return .month
        case .quarterly: return .quarter
        case .semiannual: return .half
        case .annual: return .year
        }
    }

    package func period(containing day: Day) -> Period {
        Period(periodKind, containing: day)
    }

    /// SPEC 4.1 "Due period": the latest period of this cadence that ended at least `graceDays` before
    /// `asOf`: a period whose last day is E (inclusive) is due when E + graceDays <= asOf, so with
    /// grace 7 October (ends 10-31) is due as of 11-07. It must also not end before `notBefore`
    /// (the objective's effective date, or approved_on; nil = no limit). nil when no period is due.
    /// A negative `graceDays` counts as 0, so a period is never due before its last day.
    package func latestDuePeriod(asOf: Day, graceDays: Int, notBefore: Day?) -> Period? {
        let latestEnd = asOf.adding(days: -max(0, graceDays))
        var candidate = period(containing: latestEnd)
        if candidate.end > latestEnd { candidate = candidate.previous }
        if let notBefore, candidate.end < notBefore { return nil }
        return candidate
    }
}
