import EvidentSupport

/// The kinds of period in SPEC 2.5. Finer kinds compare lower.
package enum PeriodKind: Int, Comparable, Sendable, CaseIterable {
    case day, week, month, quarter, half, year

    package static func < (a: PeriodKind, b: PeriodKind) -> Bool { a.rawValue < b.rawValue }
    // As `Day`'s: reached directly, not through the conformance's table.
    package static func <= (a: PeriodKind, b: PeriodKind) -> Bool { a.rawValue <= b.rawValue }
    package static func > (a: PeriodKind, b: PeriodKind) -> Bool { a.rawValue > b.rawValue }
    package static func >= (a: PeriodKind, b: PeriodKind) -> Bool { a.rawValue >= b.rawValue }

    /// Months per period for the kinds aligned on months; nil for day and week.
    package var months: Int? {
        switch self {
        case .day, .week: return nil
        case .month: return 1
        case .quarter: return 3
        case .half: return 6
        case .year: return 12
        }
    }
}

/// A calendar period of one kind, as named in measurement files (SPEC 2.5).
package struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let kind: PeriodKind
    /// First day.
    package let start: Day
    /// Last day, inclusive.
    package let end: Day

    /// Private so every Period is a real calendar period of its kind.
    private init(kind: PeriodKind, start: Day, end: Day) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The period of `kind` that contains `day` (a week runs Monday to Sunday).
    package init(_ kind: PeriodKind, containing day: Day) {
        switch kind {
        case .day:
            self.init(kind: .day, start: day, end: day)
        case .week:
            let monday = day.adding(days: 1 - day.weekday)
            self.init(kind: .week, start: monday, end: monday.adding(days: 6))
        case .month, .quarter, .half, .year:
            let n = kind.months ?? 12
            let c = day.civil
            let first = (c.month - 1) / n * n + 1
            let last = first + n - 1
            self.init(
                kind: kind,
                start: Day(ordinal: Day.daysFromCivil(year: c.year, month: first, day: 1)),
                end: Day(ordinal: Day.daysFromCivil(
                    year: c.year, month: last, day: Day.daysInMonth(year: c.year, month: last))))
        }
    }

    // MARK: - Factories (nil for a number out of range)

    package static func year(_ year: Int) -> Period? {
        months(.year, year: year, first: 1)
    }

    /// `half` is 1 or 2.
    static func half(year: Int, half: Int) -> Period? {
        guard (1...2).contains(half) else { return nil }
        return months(.half, year: year, first: half * 6 - 5)
    }

    /// `quarter` is 1...4.
    static func quarter(year: Int, quarter: Int) -> Period? {
        guard (1...4).contains(quarter) else { return nil }
        return months(.quarter, year: year, first: quarter * 3 - 2)
    }

    package static func month(year: Int, month: Int) -> Period? {
        months(.month, year: year, first: month)
    }

    /// The period of `kind` (a whole number of months) that starts with month `first` of `year`:
    /// what `Period(kind, containing:)` its first day gives, without the round trip through the
    /// day's calendar date (a measurements row is parsed into one; a test holds the two equal).
    private static func months(_ kind: PeriodKind, year: Int, first: Int) -> Period? {
        guard let start = Day(year: year, month: first, day: 1) else { return nil }
        // A month (most rows) ends its length after its first day; longer periods, on the last
        // day of their last month.
        if kind == .month {
            return Period(kind: kind, start: start, end: start.adding(days: Day.daysInMonth(year: year, month: first) - 1))
        }
        let last = first + (kind.months ?? 12) - 1
        let end = Day(ordinal: Day.daysFromCivil(year: year, month: last, day: Day.daysInMonth(year: year, month: last)))
        return Period(kind: kind, start: start, end: end)
    }

    /// ISO 8601 week: week 1 is the one holding January 4; W53 only in years that have it.
    static func week(isoYear: Int, week: Int) -> Period? {
        guard week >= 1, week <= weeksInISOYear(isoYear),
              let jan4 = Day(year: isoYear, month: 1, day: 4)
        else { return nil }
        let monday = jan4.adding(days: 1 - jan4.weekday + (week - 1) * 7)
        return Period(kind: .week, start: monday, end: monday.adding(days: 6))
    }

    package static func day(_ day: Day) -> Period { Period(.day, containing: day) }

    /// 53 when the year starts on a Thursday, or is a leap year starting on a Wednesday; else 52.
    static func weeksInISOYear(_ isoYear: Int) -> Int {
        guard let jan1 = Day(year: isoYear, month: 1, day: 1) else { return 0 }
        let w = jan1.weekday
        return w == 4 || (w == 3 && Day.isLeapYear(isoYear)) ? 53 : 52
    }

    // MARK: - Parsing and labels

    /// Parses every form of SPEC 2.5: "2026", "2026-H2", "2026-Q3", "2026-10", "2026-W42" (ISO week;
    /// W53 only in years that have it), "2026-10-31" (kind .day). Surrounding whitespace is trimmed;
    /// anything else (2026-13, 2026-Q5, 2026-W54, 26-10, lower-case letters, "") is nil.
    package init?(parsing text: String) {
        var text = text
        guard let period = text.withUTF8({ Period(parsingUTF8: $0) }) else { return nil }
        self = period
    }

    /// `init(parsing:)` of the text whose UTF-8 is `bytes`: once per CSV row, read in place. Text
    /// with other characters than ASCII, which may be Unicode white space around the period, is
    /// decoded and trimmed first.
    package init?(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.contains(where: { $0 >= 0x80 }) {
            let trimmed = Array(Period.trimmed(String(decoding: bytes, as: UTF8.self)).utf8)
            guard let period = trimmed.withUnsafeBufferPointer({ Period.parse($0) }) else { return nil }
            self = period
            return
        }
        guard let period = Period.parse(bytes.trimmingASCIISpaces()) else { return nil }
        self = period
    }

    /// A period from its trimmed UTF-8 bytes.
    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Period? {
        guard let year = TimeText.number(b, 0, 4) else { return nil }
        switch b.count {
        case 4:
            return .year(year)
        case 7 where b[4] == TimeText.dash:
            switch b[5] {
            case UInt8(ascii: "H"): return TimeText.number(b, 6, 7).flatMap { .half(year: year, half: $0) }
            case UInt8(ascii: "Q"): return TimeText.number(b, 6, 7).flatMap { .quarter(year: year, quarter: $0) }
            default: return TimeText.number(b, 5, 7).flatMap { .month(year: year, month: $0) }
            }
        case 8 where b[4] == TimeText.dash && b[5] == UInt8(ascii: "W"):
            return TimeText.number(b, 6, 8).flatMap { .week(isoYear: year, week: $0) }
        case 10:
            return Day(isoBytes: b).map { .day($0) }
        default:
            return nil
        }
    }

    /// Trims Unicode white space without Foundation, since this runs once per CSV row.
    private static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }),
              let last = scalars.lastIndex(where: { !$0.isSpace })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// The canonical label: "2026", "2026-H2", "2026-Q3", "2026-03", "2026-W07", "2026-10-31".
    package var description: String {
        let (a, b, c) = parts
        return Day.text(a, b, c)
    }

    /// `description` appended to `out`, without a string between.
    package func write(into out: inout TextBuffer) {
        let (a, b, c) = parts
        Day.write(a, b, c, into: &out)
    }

    /// The label's numbers, each with its width and the separator before it.
    private var parts: (Day.TextPart, Day.TextPart?, Day.TextPart?) {
        let c = start.civil
        switch kind {
        case .day: return ((c.year, 4, ""), (c.month, 2, "-"), (c.day, 2, "-"))
        case .week:
            let w = start.isoWeek
            return ((w.year, 4, ""), (w.week, 2, "-W"), nil)
        case .month: return ((c.year, 4, ""), (c.month, 2, "-"), nil)
        case .quarter: return ((c.year, 4, ""), ((c.month - 1) / 3 + 1, 1, "-Q"), nil)
        case .half: return ((c.year, 4, ""), ((c.month - 1) / 6 + 1, 1, "-H"), nil)
        case .year: return ((c.year, 4, ""), nil, nil)
        }
    }

    // MARK: - Navigation and containment

    /// The following period of the same kind.
    package var next: Period { Period(kind, containing: end.adding(days: 1)) }

    /// The preceding period of the same kind.
    package var previous: Period { Period(kind, containing: start.adding(days: -1)) }

    /// The day that decides which coarser period this one belongs to: the Thursday of an ISO week
    /// (weeks straddle months, and ISO assigns a week to the year of its Thursday), the start otherwise.
    package var anchorDay: Day { kind == .week ? start.adding(days: 3) : start }

    /// The period's place on a uniform axis of its kind (days and weeks since a fixed Monday,
    /// months since year 0 in steps of the kind's length): two periods of one kind are the
    /// difference of their slots apart.
    package var slot: Int {
        switch kind {
        case .day: return start.ordinal
        case .week: return Self.floorDiv(start.ordinal + 3, 7)
        case .month, .quarter, .half, .year:
            let c = start.civil
            return Self.floorDiv(c.year * 12 + c.month - 1, kind.months ?? 12)
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Whether `day` falls within this period.
    func contains(day: Day) -> Bool { start <= day && day <= end }

    /// Whether `other` is this period or a finer one inside it (by other's anchor day).
    /// A coarser `other` is never inside.
    func contains(_ other: Period) -> Bool {
        other.kind <= kind && contains(day: other.anchorDay)
    }

    /// By start, then by kind (finer first); start and kind identify a period, so this is a total order.
    package static func < (a: Period, b: Period) -> Bool {
        a.start != b.start ? a.start < b.start : a.kind < b.kind
    }
}
