import EvidentModel
import EvidentSupport

/// What a spreadsheet's "Save as CSV" makes of a number or a period that evident does not read
/// (`99,5`, `1,234.5`, `99.5%`, `#DIV/0!`, `Nov-26`, `11/1/2026`), and what to write instead. Only
/// a cell already refused comes here, so none of it is on the path of a file that reads.
/// It never makes such a cell read: a number or a period guessed is a wrong pass.
enum SpreadsheetText {
    // MARK: - Values

    /// Why a value cell that is not a plain decimal was refused, when it is a form a spreadsheet
    /// writes: nil for any other text (the general message stands).
    static func valueMessage(_ text: String) -> String? {
        let text = text.trimmed
        if let invisible = InvisibleCharacter.described(in: text) {
            let rest = InvisibleCharacter.removed(from: text)
            let plain = MeasurementReader.isPlainDecimalText(rest) ? ": write \(codeSpan(rest))" : ""
            return "\(codeSpan(text)) holds \(invisible), which a copy from another program may bring; delete it\(plain)."
        }
        // A digit of another script is no unit (`٣.7` is not 0.7 in the unit `٣`).
        if LookAlikeASCII.hasOtherDigit(text) {
            let hint = LookAlikeASCII.hint(for: text, reads: MeasurementReader.isPlainDecimalText)
                ?? "it has digits other than 0 to 9; write it in those, with a `.` decimal point"
            return "\(codeSpan(text)) is not a number evident reads: \(hint)."
        }
        if let error = errorValue(text) { return error }
        if isDuration(text) {
            return "\(codeSpan(text)) is a duration or a time of day as a spreadsheet shows it; write it as a decimal number in the metric's unit (3 h 30 min is `3.5` in hours, `210` in minutes)."
        }
        switch plainNumber(text) {
        case let .number(plain, reasons, unit)?:
            // The reader does not know the metric's unit: the value written is read in it, so a
            // value in another unit must be converted, not just stripped of its unit.
            return "\(codeSpan(text)) is not a number evident reads: it has \(list(reasons)). Write \(codeSpan(plain)): "
                + "digits with a `.` decimal point, no thousands separator and no unit."
                + (unit.isEmpty ? "" : " The value is read in the metric's unit: if that is not \(codeSpan(unit)), convert it first.")
        case let .ambiguous(thousands, decimal, unit)?:
            return "\(codeSpan(text)) is not a number evident reads: its `,` may separate thousands or be a decimal comma. "
                + "Write \(codeSpan(thousands)) or \(codeSpan(decimal)), whichever it means"
                + (unit.isEmpty ? "" : ", without the unit") + "."
        case nil:
            return nil
        }
    }

    /// The hint for a row with more cells than the header because its value, written with commas
    /// and not quoted (`2026-10,99,5,`), was split at them: nil unless the value cell and the
    /// `extra` cells after it are digits that make such a number.
    static func splitValueHint(_ cells: [String]) -> String? {
        let parts = cells.map(\.trimmed)
        func digits(_ s: some StringProtocol) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        // The first part may have a sign; the last may end in a decimal part (`1,234.5` split in two).
        guard parts.count >= 2, let first = parts.first, let last = parts.last,
              digits(first.hasPrefix("-") || first.hasPrefix("+") ? first.dropFirst() : first[...]),
              parts.dropFirst().dropLast().allSatisfy({ digits($0) }),
              last.split(separator: ".", omittingEmptySubsequences: false).count <= 2,
              last.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ digits($0) })
        else { return nil }
        let joined = parts.joined(separator: ",")
        switch plainNumber(joined) {
        case let .number(plain, reasons, _)?:
            return " \(codeSpan(joined)) in the `value` column is a number with \(list(reasons)), split at its comma\(parts.count > 2 ? "s" : ""): write \(codeSpan(plain))."
        case let .ambiguous(thousands, decimal, _)?:
            return " \(codeSpan(joined)) in the `value` column is a number split at its comma, which may separate thousands or be a decimal comma: write \(codeSpan(thousands)) or \(codeSpan(decimal)), whichever it means."
        case nil:
            return nil
        }
    }

    /// A spreadsheet's error in place of a value (`#DIV/0!`, `#N/A`, `#WERT!`, LibreOffice's
    /// `Err:502`), or the `###` of a column too narrow for its value.
    static func errorValue(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 2, scalars.allSatisfy({ $0 == "#" }) {
            return "\(codeSpan(text)) is what a spreadsheet shows when a column is too narrow for its value, and it saved that in the value's place; widen the column and export again."
        }
        let isError: Bool
        if text.hasPrefix("#"), (2...20).contains(scalars.count) {
            // `#` then letters (any language's: `#VALEUR!`), `/`, `0` or `_`, then `!`, `?` or nothing.
            var body = scalars.dropFirst()
            if let last = body.last, last == "!" || last == "?" { body = body.dropLast() }
            isError = !body.isEmpty && body.allSatisfy { $0.properties.isAlphabetic || $0 == "/" || $0 == "0" || $0 == "_" }
        } else if text.hasPrefix("Err:"), text.count == 7 {
            isError = text.dropFirst(4).allSatisfy { $0.isASCII && $0.isNumber }
        } else {
            isError = false
        }
        guard isError else { return nil }
        return "\(codeSpan(text)) is a spreadsheet's error, not a value: the formula of this cell failed. Correct it and export again, or leave the value empty for a known gap and say why in `note`."
    }

    /// `h:mm` or `h:mm:ss`, as a spreadsheet shows a cell formatted as a time or a duration.
    static func isDuration(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let hours = parts.first, (1...6).contains(hours.count) else { return false }
        return hours.allSatisfy { $0.isASCII && $0.isNumber }
            && parts.dropFirst().allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// What `plainNumber` makes of a text.
    enum Reading: Equatable {
        /// The plain decimal the text writes, what it has that evident does not read, and its unit
        /// (empty when none was written).
        case number(String, reasons: [String], unit: String)
        /// A single `,` before exactly three digits: `1,234` is 1234 or 1.234, and only the author knows.
        case ambiguous(thousands: String, decimal: String, unit: String)
    }

    /// The plain decimal a number written for people stands for: a unit before or after it (`%`,
    /// `h`, `$`), a decimal comma, thousands separated by `,`, `.`, spaces or `'`, a `−` or an en
    /// dash as the minus sign, brackets for a negative number. nil when the text is a plain decimal
    /// already, or not such a number (`n/a`, `1.2.3`, `12,34,567`).
    static func plainNumber(_ text: String) -> Reading? {
        var scalars = Array(text.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        // Separators between the digits' groups, beside `,` and `.`: spaces of any width and `'`.
        func isGroupSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{A0}" || s == "\u{202F}" || s == "\u{2009}" }
        func isNumberPart(_ s: Unicode.Scalar) -> Bool {
            isDigit(s) || s == "." || s == "," || isGroupSpace(s) || s == "'" || s == "\u{2019}"
        }
        func string(_ s: some Sequence<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }
        // The unit: text before the first and after the last part of the number.
        let signs: Set<Unicode.Scalar> = ["-", "+", "\u{2212}", "\u{2013}", "("]
        let start = scalars.firstIndex { isNumberPart($0) || signs.contains($0) } ?? scalars.count
        let end = (scalars.lastIndex { isNumberPart($0) || $0 == ")" } ?? -1) + 1
        guard start < end else { return nil }
        let unit = (string(scalars[..<start]) + " " + string(scalars[end...])).trimmed
        // A unit is a word or a symbol: not more text, a number, or a bound (`<5` is not 5).
        // Nor a sign after the number (`3.3-`, as some systems write a negative one), nor a multiplier
        // (`1.5k` is not 1.5).
        guard unit.count <= 12, !unit.unicodeScalars.contains(where: { isDigit($0) || "<>≤≥~≈-+\u{2212}\u{2013}".unicodeScalars.contains($0) }),
              !multipliers.contains(unit.lowercased())
        else { return nil }
        scalars = Array(scalars[start..<end])
        while let first = scalars.first, isGroupSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isGroupSpace(last) { scalars.removeLast() }
        var negative = false, brackets = false, minus: Unicode.Scalar?
        if scalars.first == "(", scalars.last == ")" {
            negative = true
            brackets = true
            scalars = Array(scalars.dropFirst().dropLast())
        }
        if let first = scalars.first, signs.contains(first), first != "(" {
            if negative { return nil }
            negative = first != "+"
            if first == "\u{2212}" || first == "\u{2013}" { minus = first }
            scalars.removeFirst()
            while let next = scalars.first, isGroupSpace(next) { scalars.removeFirst() }
        }
        guard let head = scalars.first, isDigit(head) || head == "." || head == ",",
              scalars.allSatisfy(isNumberPart), scalars.contains(where: isDigit) else { return nil }
        let commas = scalars.filter { $0 == "," }.count, dots = scalars.filter { $0 == "." }.count
        // The decimal mark: the last of `,` and `.` when both are there; a lone `.`; a lone `,`
        // unless three digits follow it (then it may be either).
        var decimalMark: Unicode.Scalar?
        if commas > 0 && dots > 0 {
            decimalMark = scalars.last { $0 == "," || $0 == "." }
        } else if dots == 1 {
            decimalMark = "."
        } else if commas == 1 {
            let after = scalars.split(separator: ",", omittingEmptySubsequences: false).last ?? []
            if after.count != 3 || !after.allSatisfy(isDigit) { decimalMark = "," }
        }
        var whole = scalars[...], fraction: ArraySlice<Unicode.Scalar>?
        if let mark = decimalMark, let at = scalars.lastIndex(of: mark) {
            whole = scalars[..<at]
            fraction = scalars[(at + 1)...]
            guard fraction?.allSatisfy(isDigit) ?? true, scalars.filter({ $0 == mark }).count == 1 else { return nil }
        }
        // The whole part: digits, in groups of three after the first when separated.
        let separators = Set(whole.filter { !isDigit($0) })
        guard separators.count <= 1 else { return nil }
        if let separator = separators.first {
            let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let sign = negative ? "-" : ""
        let digits = string(whole.filter(isDigit))
        if decimalMark == nil, commas == 1, separators == [","] {
            // `1,234`: thousands, or a decimal comma before three digits.
            let parts = whole.split(separator: ",")
            guard parts.count == 2 else { return nil }
            return .ambiguous(thousands: sign + digits, decimal: sign + string(parts[0]) + "." + string(parts[1]), unit: unit)
        }
        var reasons: [String] = []
        if decimalMark == "," { reasons.append("a decimal comma") }
        if let separator = separators.first {
            reasons.append("\(isGroupSpace(separator) ? "spaces" : codeSpan(String(separator))) between thousands")
        }
        if let minus { reasons.append("\(codeSpan(String(minus))) for the minus sign, not `-`") }
        if brackets { reasons.append("brackets for a negative number") }
        if !unit.isEmpty { reasons.append("a unit, \(codeSpan(unit))") }
        guard !reasons.isEmpty else { return nil }
        let plain = sign + (digits.isEmpty ? "0" : digits) + (fraction.map { "." + string($0) } ?? "")
        guard DecimalText.value(plain) != nil else { return nil }
        return .number(plain, reasons: reasons, unit: unit)
    }

    /// Words after a number that multiply it rather than name its unit.
    private static let multipliers: Set<String> = ["k", "m", "mn", "mio", "mio.", "mrd", "mrd.", "bn", "b", "tsd", "tsd.", "thousand", "million", "billion"]

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    // MARK: - Periods

    /// Why a period cell was refused, when it is a form a spreadsheet writes or shows (a date it
    /// made of `2026-10`, a date in the machine's order, a date with a time, `Q3 2026`, a date's
    /// serial number): nil for any other text (the general message stands).
    static func periodMessage(_ text: String) -> String? {
        let text = text.trimmed
        let scalars = Array(text.unicodeScalars)
        if let invisible = InvisibleCharacter.described(in: text) {
            let rest = InvisibleCharacter.removed(from: text)
            let period = Period(parsing: rest) != nil ? ": write \(codeSpan(rest))" : ""
            return "\(codeSpan(text)) holds \(invisible), which a copy from another program may bring; delete it\(period)."
        }
        if let hint = LookAlikeASCII.hint(for: text, reads: { Period(parsing: $0) != nil }) {
            return "\(codeSpan(text)) is not a period evident reads: \(hint)."
        }
        if scalars.count >= 2, scalars.allSatisfy({ $0 == "#" }) {
            return "\(codeSpan(text)) is what a spreadsheet shows when a column is too narrow for its value, and it saved that in the period's place; widen the column and export again."
        }
        // A date and a time: `2026-10-31 00:00:00`, `2026-10-31T00:00:00Z`.
        if scalars.count > 10, let day = Day(iso: String(text.prefix(10))),
           let next = text.dropFirst(10).first, next == " " || next == "T",
           text.dropFirst(11).first?.isNumber == true {
            return "\(codeSpan(text)) is a date with a time; write the date alone, \(codeSpan(day)), or the period it stands for."
        }
        let tokens = text.split { $0 == "-" || $0 == "/" || $0 == "." || $0 == " " || $0 == "," || $0 == "\u{A0}" }.map(String.init)
        let numbers = tokens.map { t in t.allSatisfy { $0.isASCII && $0.isNumber } && t.count <= 4 ? Int(t) : nil }
        // `Q3 2026`, `2026 Q3`, `2026q3`, `2026-w5`, `2026-3`, `10/2026`: the period, written as evident reads it.
        if let period = reorderedPeriod(tokens), Period(parsing: period) != nil, period != text {
            return "\(codeSpan(text)) is not written as evident reads a period; write \(codeSpan(period)) (the year first, then a dash)."
        }
        // Month names: `Oct-26`, `October 2026`, `2026-Oct`; `1-Oct-26`, `Oct 1, 2026`.
        let months = tokens.map(month(named:))
        if tokens.count == 2 {
            let found: (month: Int, year: Int?)? = if let m = months[0] { (m, fullYear(numbers[1], digits: tokens[1].count)) }
                else if let m = months[1], tokens[0].count == 4 { (m, numbers[0]) } else { nil }
            if let found, let year = found.year, let period = Period(parsing: String(year) + "-" + two(found.month)) {
                return "\(codeSpan(text)) is a month as a spreadsheet shows a date (it may have turned \(codeSpan(period)) into one); write \(codeSpan(period)), and format the column as text so that it stays so."
            }
        }
        if tokens.count == 3 {
            let found: (day: Int, month: Int, year: Int, yearDigits: Int)? =
                if let d = numbers[0], let m = months[1], let y = numbers[2] { (d, m, y, tokens[2].count) }
                else if let m = months[0], let d = numbers[1], let y = numbers[2] { (d, m, y, tokens[2].count) } else { nil }
            if let found, let year = fullYear(found.year, digits: found.yearDigits),
               let day = Day(year: year, month: found.month, day: found.day) {
                return "\(codeSpan(text)) is a date as a spreadsheet shows it; write it year first, \(codeSpan(day))\(monthAlso(day))."
            }
        }
        // Digits only: `31/10/2026`, `11/1/2026`, `31.10.2026`, `2026/10/31`.
        if tokens.count == 3, numbers.allSatisfy({ $0 != nil }) {
            let n = numbers.compactMap { $0 }
            if tokens[0].count == 4, let day = Day(year: n[0], month: n[1], day: n[2]) {
                return "\(codeSpan(text)) is a date in another form than evident reads; write it year-month-day, \(codeSpan(day))\(monthAlso(day))."
            }
            guard tokens[2].count == 4 || tokens[2].count == 2, let year = fullYear(n[2], digits: tokens[2].count) else { return nil }
            let dayFirst = Day(year: year, month: n[1], day: n[0]), monthFirst = Day(year: year, month: n[0], day: n[1])
            // `.` separates day, month and year in that order wherever it is used.
            let readings = text.contains(".") ? [dayFirst].compactMap { $0 } : Array(Set([dayFirst, monthFirst].compactMap { $0 })).sorted()
            if readings.count == 1, let day = readings.first {
                return "\(codeSpan(text)) is a date in the order of the machine that saved it; write it year first, \(codeSpan(day))\(monthAlso(day))."
            }
            if let a = monthFirst, let b = dayFirst, readings.count == 2 {
                return "\(codeSpan(text)) is a date in the order of the machine that saved it, month or day first; write it year first: "
                    + "\(codeSpan(a)) if the month comes first (as in the US), \(codeSpan(b)) if the day does\(monthAlso(a.day == 1 ? a : b))."
            }
            return nil
        }
        // A date a spreadsheet wrote as its serial number (days since 1899-12-30), 2000 to 2099.
        if let serial = Int(text), (36526...73050).contains(serial), text.count == 5,
           let epoch = Day(year: 1899, month: 12, day: 30) {
            let day = epoch.adding(days: serial)
            return "\(codeSpan(text)) looks like a date a spreadsheet wrote as its serial number, \(codeSpan(day)); format the column as text (or as a date, yyyy-mm-dd) and export again, or write the period."
        }
        return nil
    }

    /// The month as well, for the first day of a month: what a spreadsheet makes of `2026-11`.
    private static func monthAlso(_ day: Day) -> String {
        guard day.day == 1, let month = Period(parsing: String(day.year) + "-" + two(day.month)) else { return "" }
        return " (or \(codeSpan(month)), if it stands for the month a spreadsheet made a date of)"
    }

    /// `Q3 2026`, `2026 Q3`, `2026q3`, `2026-w5`, `2026-3`, `10/2026` as evident writes them.
    private static func reorderedPeriod(_ tokens: [String]) -> String? {
        var parts = tokens.map { $0.uppercased() }
        // `2026Q3`, `Q3/2026`: a letter glued to the year is its own part.
        if parts.count == 1, let only = parts.first, only.count >= 6 {
            let year = String(only.prefix(4)), rest = String(only.dropFirst(4))
            parts = [year, rest]
        }
        guard parts.count == 2 else { return nil }
        let (year, other) = parts[0].count == 4 && parts[0].allSatisfy(\.isNumber) ? (parts[0], parts[1])
            : parts[1].count == 4 && parts[1].allSatisfy(\.isNumber) ? (parts[1], parts[0]) : ("", "")
        guard !year.isEmpty, let first = other.first, other.count <= 3, other.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { return nil }
        if first.isNumber {
            guard let month = Int(other), (1...12).contains(month) else { return nil }
            return year + "-" + two(month)
        }
        guard let number = Int(other.dropFirst()), "HQW".contains(first) else { return nil }
        return year + "-" + String(first) + (first == "W" ? two(number) : String(number))
    }

    /// A year of four digits, or of two as spreadsheets read them (`26` is 2026, `30` is 1930).
    private static func fullYear(_ year: Int?, digits: Int) -> Int? {
        guard let year else { return nil }
        switch digits {
        case 4: return year
        case 2: return year < 30 ? 2000 + year : 1900 + year
        default: return nil
        }
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The month a name or abbreviation stands for, in English, German or French (`Oct`, `Okt.`,
    /// `oct.`, `October`, `März`, `févr.`): a prefix of three letters or more of one month's name.
    static func month(named token: String) -> Int? {
        var word = token.lowercased()
        while word.hasSuffix(".") { word.removeLast() }
        guard word.count >= 3, word.allSatisfy(\.isLetter) else { return nil }
        var found: Int?
        for (index, names) in monthNames.enumerated() where names.contains(where: { $0.hasPrefix(word) }) {
            if let found, found != index + 1 { return nil }
            found = index + 1
        }
        return found
    }

    private static let monthNames: [[String]] = [
        ["january", "januar", "janvier"], ["february", "februar", "février", "fevrier"], ["march", "märz", "maerz", "mrz", "mars"],
        ["april", "avril"], ["may", "mai"], ["june", "juni", "juin"], ["july", "juli", "juillet"], ["august", "août", "aout"],
        ["september", "septembre"], ["october", "oktober", "octobre"], ["november", "novembre"], ["december", "dezember", "décembre", "decembre"],
    ]
}
