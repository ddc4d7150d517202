import EvidentModel
import EvidentSupport
import Foundation

/// What a date that is not YYYY-MM-DD was probably meant to be, for `syntax/type`'s message: the
/// forms spreadsheets, Word and people write (`2026-3-5`, `05/03/2026`, `5 March 2026`,
/// `2026-03-05T10:00:00`). Run only for a date that did not read, so never on the common path.
package enum DateHint {
    /// A sentence that ends the message (with a leading space), or "" when nothing is clear.
    package static func suggestion(for text: String) -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let hint = LookAlikeASCII.hint(for: value, reads: { Day(iso: $0) != nil }) {
            return " I" + hint.dropFirst() + "."
        }
        // A date and a time: the date alone is wanted.
        if value.count > 10, let date = Day(iso: String(value.prefix(10))),
           let next = value.dropFirst(10).first, next == "T" || next == " " {
            return " Write the date alone: \(codeSpan(date.description))."
        }
        let words = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if words.count == 3 {
            // `5 March 2026` and `March 5, 2026`.
            if let month = month(words[1]), let d = Int(words[0]), let y = Int(words[2]), let date = day(y, month, d) {
                return " Write \(codeSpan(date.description))."
            }
            if let month = month(words[0]), let d = Int(words[1]), let y = Int(words[2]), let date = day(y, month, d) {
                return " Write \(codeSpan(date.description))."
            }
            return ""
        }
        let parts = value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return "" }
        if parts[0].count == 4 {
            // Year first, with one-digit parts or another separator: one reading; none, what is wrong with it.
            return day(a, b, c).map { " Write \(codeSpan($0.description))." } ?? impossible(a, b, c)
        }
        guard parts[2].count == 4 else { return "" }
        // Day and month first, in an order the value does not say unless one reading is impossible.
        let dayFirst = day(c, b, a), monthFirst = day(c, a, b)
        switch (dayFirst, monthFirst) {
        case let (x?, y?) where x != y:
            return " Write \(codeSpan(x.description)) if the day comes first, \(codeSpan(y.description)) if the month does."
        case let (x?, _), let (nil, x?):
            return " Write \(codeSpan(x.description))."
        default:
            return ""
        }
    }

    /// Why a year-first date is no day: a month past 12 (maybe the day, `2026-13-01` for
    /// 13 January), or a day past the month's end. "" when neither says it (a day 0).
    private static func impossible(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> String {
        guard (1000...9999).contains(year) else { return "" }
        guard (1...12).contains(month) else {
            let swapped = day(year, dayOfMonth, month).map { " (\(codeSpan($0.description)) if \(month) is the day)" } ?? ""
            return " There is no month \(month)\(swapped)."
        }
        guard let length = (28...31).last(where: { day(year, month, $0) != nil }), dayOfMonth > length else { return "" }
        return " \(months[month - 1].prefix(1).uppercased() + months[month - 1].dropFirst()) \(year) has \(length) days."
    }

    private static func day(_ year: Int, _ month: Int, _ day: Int) -> Day? {
        guard (1000...9999).contains(year) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]

    /// 1–12 for an English month's name or its first three letters (`Sept` too), any case.
    private static func month(_ word: String) -> Int? {
        let w = word.lowercased().trimmingCharacters(in: .punctuationCharacters)
        guard w.count >= 3 else { return nil }
        return months.firstIndex { $0 == w || $0.hasPrefix(w) && w.count <= 4 }.map { $0 + 1 }
    }
}
