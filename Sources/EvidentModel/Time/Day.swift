import EvidentSupport
import Foundation

/// A civil date (UTC, proleptic Gregorian), stored as days since 1970-01-01.
/// Fast pure arithmetic (Howard Hinnant's days_from_civil / civil_from_days): no Calendar,
/// no time zones, so results never depend on the machine running the tool.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Four bytes, not eight: every row and series holds days. Every day of `supportedYears`
    /// fits; a day further out (only arithmetic could make one) is clamped.
    private let stored: Int32

    package var ordinal: Int { Int(stored) }

    package init(ordinal: Int) {
        stored = Int32(clamping: ordinal)
    }

    /// Years outside this range are refused, so arithmetic on hostile input can never overflow.
    static let supportedYears = -1_000_000...1_000_000

    /// nil for an impossible date (2026-02-30) or a year outside `supportedYears`.
    package init?(year: Int, month: Int, day: Int) {
        guard Day.supportedYears.contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        self.init(ordinal: Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Strict "YYYY-MM-DD" (ASCII digits, 4-digit year); anything else is nil.
    package init?(iso: String) {
        var iso = iso
        guard let day = iso.withUTF8({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// `init(iso:)` on UTF-8 bytes.
    init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == TimeText.dash, b[7] == TimeText.dash,
              let y = TimeText.number(b, 0, 4), let m = TimeText.number(b, 5, 7), let d = TimeText.number(b, 8, 10)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day at once, for callers that need more than one field.
    package var civil: (year: Int, month: Int, day: Int) { Day.civilFromDays(ordinal) }
    package var year: Int { civil.year }
    package var month: Int { civil.month }
    package var day: Int { civil.day }

    /// ISO: 1 = Monday ... 7 = Sunday. 1970-01-01 (ordinal 0) was a Thursday.
    var weekday: Int { Day.floorMod(ordinal + 3, 7) + 1 }

    /// The ISO 8601 week-numbering year and week of this day (decided by the week's Thursday).
    var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - weekday)
        let isoYear = thursday.year
        let jan1 = Day.daysFromCivil(year: isoYear, month: 1, day: 1)
        return (isoYear, (thursday.ordinal - jan1) / 7 + 1)
    }

    package func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Days between: `b.adding(days: a - b) == a`.
    package static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }

    package static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    // Each comparison of its own: the protocol's defaults for these are reached from the other
    // modules through the conformance's table, a call and a look-up for every comparison of a day.
    package static func <= (a: Day, b: Day) -> Bool { a.ordinal <= b.ordinal }
    package static func > (a: Day, b: Day) -> Bool { a.ordinal > b.ordinal }
    package static func >= (a: Day, b: Day) -> Bool { a.ordinal >= b.ordinal }

    /// Today in UTC; the only impure entry point, used for the default `--as-of`.
    package static func today() -> Day {
        Day(ordinal: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// "YYYY-MM-DD".
    package var description: String {
        let c = civil
        return Day.text((c.year, 4, ""), (c.month, 2, "-"), (c.day, 2, "-"))
    }

    /// `description` appended to `out`.
    package func write(into out: inout TextBuffer) {
        let c = civil
        Day.write((c.year, 4, ""), (c.month, 2, "-"), (c.day, 2, "-"), into: &out)
    }

    // MARK: - Calendar arithmetic

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// 0 for a month outside 1...12, so callers comparing against it simply fail.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// Hinnant's days_from_civil; the year is shifted to start in March so February's length comes last.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Hinnant's civil_from_days, the inverse of `daysFromCivil`.
    static func civilFromDays(_ ordinal: Int) -> (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func floorMod(_ a: Int, _ n: Int) -> Int {
        let r = a % n
        return r < 0 ? r + n : r
    }

    /// A number zero-padded to a width, after a separator of up to two ASCII characters.
    typealias TextPart = (value: Int, width: Int, separator: StaticString)

    /// Numbers zero-padded to their widths (a `-` before the padding of a negative one), each after its
    /// separator: `2026-W07`, `2026-11-29`. Written into a buffer on the stack, and short enough
    /// to be a string without a heap allocation.
    static func text(_ a: TextPart, _ b: TextPart? = nil, _ c: TextPart? = nil) -> String {
        withText(a, b, c) { String(decoding: $0, as: UTF8.self) }
    }

    /// `text(…)` appended to `out`, without a string between: a chart writes a period per marker.
    static func write(_ a: TextPart, _ b: TextPart? = nil, _ c: TextPart? = nil, into out: inout TextBuffer) {
        withText(a, b, c) { out.append($0) }
    }

    private static func withText<R>(_ a: TextPart, _ b: TextPart?, _ c: TextPart?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Each part is at most 2 + 1 + 20 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 72) { buffer in
            var end = 0
            func write(_ part: TextPart) {
                // Separators are ASCII literals of a character or two.
                for k in 0..<min(part.separator.utf8CodeUnitCount, 2) {
                    buffer[end] = part.separator.utf8Start[k]
                    end += 1
                }
                if part.value < 0 {
                    buffer[end] = UInt8(ascii: "-")
                    end += 1
                }
                var digits = 1
                var rest = part.value.magnitude
                while rest >= 10 {
                    rest /= 10
                    digits += 1
                }
                for _ in 0..<max(0, min(part.width, 20) - digits) {
                    buffer[end] = UInt8(ascii: "0")
                    end += 1
                }
                rest = part.value.magnitude
                for k in stride(from: digits - 1, through: 0, by: -1) {
                    buffer[end + k] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                end += digits
            }
            write(a)
            if let b { write(b) }
            if let c { write(c) }
            return body(UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }
}

/// Byte-level helpers for the strict parsers: faster than Scanner/regex and rejects non-ASCII digits.
enum TimeText {
    static let dash = UInt8(ascii: "-")

    /// The value of the ASCII digits `bytes[from..<to]`, one to nine of them; nil for anything else.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
        guard from >= 0, from < to, to <= bytes.count, to - from <= 9 else { return nil }
        var value = 0
        for i in from..<to {
            // A byte below `0` wraps to 246 or more.
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
