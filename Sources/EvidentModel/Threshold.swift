import EvidentSupport

/// A target or tolerance: `COMPARATOR NUMBER [UNIT]` (SPEC 2.4).
package struct Threshold: Sendable, Hashable, CustomStringConvertible {
    package enum Comparator: String, Sendable, CaseIterable {
        case atLeast = ">=", above = ">", atMost = "<=", below = "<", equal = "=="

        /// Higher is better for `>=` and `>`, lower for `<=` and `<`; `==` has no direction.
        package var higherIsBetter: Bool? {
            switch self {
            case .atLeast, .above: true
            case .atMost, .below: false
            case .equal: nil
            }
        }
    }

    package var comparator: Comparator
    package var number: Double
    package var unit: String?
    /// The number as written, kept only when it has more than 15 digits: with 15 significant
    /// digits or fewer, a decimal is the shortest one that reads back as its Double, so `number`
    /// says it whole. Read as a decimal only to compare a value whose Double is the number's
    /// (`isMet(by:written:)`).
    private var numberText: String?

    package init(comparator: Comparator, number: Double, unit: String?, numberText: String? = nil) {
        self.comparator = comparator
        self.number = number
        self.unit = unit
        self.numberText = numberText
    }

    /// The number as the decimal written, else the shortest decimal that reads back as `number`.
    package var exact: ExactDecimal? {
        numberText.flatMap { ExactDecimal($0) } ?? ExactDecimal(DecimalText.plain(number))
    }

    /// Two thresholds are one when their numbers are one as written: `<= 4` and `<= 4.0` are.
    package static func == (a: Threshold, b: Threshold) -> Bool {
        a.comparator == b.comparator && a.unit == b.unit && a.number == b.number
            && (a.numberText == b.numberText || a.exact == b.exact)
    }

    /// The same comparator and number as the decimal written, the unit aside (SPEC 4.1 "Units":
    /// it may be left out): `<= 4 h` and `<= 4.0` are one bound, `<= 4.00000000000000000001` another.
    package static func sameBound(_ a: Threshold?, _ b: Threshold?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.comparator == b.comparator && a.number == b.number && a.exact == b.exact
    }

    /// The threshold with a unit left out read as `unit`, the metric's (SPEC 4.1 "Units": `<= 4`
    /// is `<= 4 h` for a metric in hours), so that leaving it out or writing it is no change.
    package func unit(default unit: String?) -> Threshold {
        var out = self
        if out.unit == nil { out.unit = unit }
        return out
    }

    /// Equal thresholds have equal Doubles, so the Double stands for the decimal.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(comparator)
        hasher.combine(number)
        hasher.combine(unit)
    }

    /// nil when the text is not of the grammar.
    package init?(parsing text: String) {
        // Rules and pages parse each objective's target and tolerance several times: ASCII text
        // (nearly all) is read on its bytes; anything else by Characters, where a digit may be
        // another script's.
        var trimmed = text.trimmed
        if let ascii = trimmed.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? Threshold.parseASCII(bytes) : nil }) {
            guard let threshold = ascii else { return nil }
            self = threshold
            return
        }
        var rest = Substring(trimmed)
        guard let (symbol, comparator) = Self.comparators.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        rest = rest.dropFirst(symbol.count).drop(while: \.isWhitespace)
        let numberText = rest.prefix(while: { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        guard !numberText.isEmpty, let number = Double(numberText), number.isFinite else { return nil }
        guard !Self.startsExponent(rest.dropFirst(numberText.count).utf8),
              !Self.startsDecimalComma(rest.dropFirst(numberText.count).utf8) else { return nil }
        let unit = rest.dropFirst(numberText.count).trimmed
        self.init(comparator: comparator, number: number, unit: unit.isEmpty ? nil : unit,
                  numberText: Self.digits(numberText.utf8) > 15 ? String(numberText) : nil)
    }

    private static func digits(_ bytes: some Sequence<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 >= 48 && $1 <= 57 ? 1 : 0) }
    }

    /// Longest first, so that `>=` is not read as `>`.
    private static let comparators: [(String, Comparator)] = [(">=", .atLeast), ("<=", .atMost), ("==", .equal),
                                                              (">", .above), ("<", .below), ("=", .equal)]

    /// The grammar on trimmed ASCII bytes: `.some(nil)` when they are not of it.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Threshold?? {
        func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        let comparator: Comparator
        var index = 2
        switch (at(0), at(1)) {
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): comparator = .atLeast
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): comparator = .atMost
        case (UInt8(ascii: "="), UInt8(ascii: "=")): comparator = .equal
        case (UInt8(ascii: ">"), _): comparator = .above; index = 1
        case (UInt8(ascii: "<"), _): comparator = .below; index = 1
        case (UInt8(ascii: "="), _): comparator = .equal; index = 1
        default: return .some(nil)
        }
        // White space between the comparator and the number is a separator, as around the unit.
        while index < bytes.count, bytes[index] == 32 || (9...13).contains(bytes[index]) { index += 1 }
        let numberStart = index
        while index < bytes.count, (48...57).contains(bytes[index]) || bytes[index] == UInt8(ascii: ".")
                || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        guard index > numberStart,
              let number = DecimalText.value(UnsafeBufferPointer(rebasing: bytes[numberStart..<index])),
              number.isFinite, !startsExponent(bytes[index...]), !startsDecimalComma(bytes[index...]) else { return .some(nil) }
        let unit = String(decoding: UnsafeBufferPointer(rebasing: bytes[index...]), as: UTF8.self).trimmed
        let written = UnsafeBufferPointer(rebasing: bytes[numberStart..<index])
        return Threshold(comparator: comparator, number: number, unit: unit.isEmpty ? nil : unit,
                         numberText: digits(written) > 15 ? String(decoding: written, as: UTF8.self) : nil)
    }

    /// Whether the bytes after a number begin an exponent (`e3`, `E-2`): `<= 1e3 h` is not the
    /// number 1 in the unit `e3 h`, but a number evident does not read (as in measurement values).
    private static func startsExponent(_ after: some Collection<UInt8>) -> Bool {
        var rest = after[...]
        guard let e = rest.popFirst(), e | 0x20 == UInt8(ascii: "e") else { return false }
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { _ = rest.popFirst() }
        return rest.first.map { (48...57).contains($0) } ?? false
    }

    /// Whether the bytes after a number begin a decimal comma (`,5`): `<= 4,5 h` is not the number 4
    /// in the unit `,5 h`, but 4.5 written with a comma, which evident does not read (nor in values).
    private static func startsDecimalComma(_ after: some Collection<UInt8>) -> Bool {
        var rest = after[...]
        guard rest.popFirst() == UInt8(ascii: ",") else { return false }
        return rest.first.map { (48...57).contains($0) } ?? false
    }

    /// For messages about threshold text whose number has a decimal comma (`<= 4,5 h`): "its
    /// number `4,5` has a decimal comma; write `<= 4.5 h`"; nil for any other text.
    package static func decimalCommaHint(_ text: String) -> String? {
        let trimmed = text.trimmed
        guard let (symbol, _) = comparators.first(where: { trimmed.hasPrefix($0.0) }) else { return nil }
        let numberStart = trimmed.dropFirst(symbol.count).drop(while: \.isWhitespace)
        let whole = numberStart.prefix(while: { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") })
        let afterWhole = numberStart.dropFirst(whole.count)
        guard !whole.isEmpty, startsDecimalComma(afterWhole.utf8) else { return nil }
        let fraction = afterWhole.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
        let prefix = String(trimmed[..<numberStart.startIndex]), rest = afterWhole.dropFirst(1 + fraction.count)
        // Three digits after the comma may be thousands (`1,000` is a thousand or 1.000): only the
        // author knows, so both are offered; a second group (`1,000,000`) is thousands.
        if fraction.count == 3 {
            var digits = whole + fraction, tail = rest
            while tail.first == "," {
                let group = tail.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
                guard group.count == 3 else { break }
                digits += group
                tail = tail.dropFirst(4)
            }
            let grouped = String(numberStart[..<tail.startIndex])
            if digits.count > whole.count + 3 {
                return "its number \(codeSpan(grouped)) has commas between thousands, which evident does not read; write it without them: \(codeSpan(prefix + digits + tail))"
            }
            return "its number \(codeSpan(grouped)) has a comma, which evident does not read; write \(codeSpan(prefix + digits + tail)) if it separates thousands, or \(codeSpan(prefix + whole + "." + fraction + tail)) if it is a decimal comma"
        }
        return "its number \(codeSpan(whole + "," + fraction)) has a decimal comma, which evident does not read (nor in measurement values); write the decimal point as `.`: \(codeSpan(prefix + whole + "." + fraction + rest))"
    }

    /// A threshold whose number is written in exponent notation (`<= 1e3 h`): the number as
    /// written, and the threshold with it written plain (`<= 1000 h`; nil when the plain number
    /// would be too long to suggest). nil when the text's number is not in exponent notation.
    static func exponentNotation(in text: String) -> (written: String, rewritten: String?)? {
        let trimmed = text.trimmed
        guard let (symbol, _) = comparators.first(where: { trimmed.hasPrefix($0.0) }) else { return nil }
        let afterComparator = trimmed.dropFirst(symbol.count)
        let numberStart = afterComparator.drop(while: \.isWhitespace)
        let mantissa = numberStart.prefix(while: { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") })
        var rest = numberStart.dropFirst(mantissa.count)
        guard !mantissa.isEmpty, DecimalText.value(String(mantissa)) != nil, startsExponent(rest.utf8) else { return nil }
        rest = rest.dropFirst()
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        let exponentDigits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        let written = numberStart[..<exponentDigits.endIndex]
        let unit = rest.dropFirst(exponentDigits.count)
        let rewritten = DecimalText.plainForm(ofExponentNotation: written).map { plain in
            String(trimmed[..<numberStart.startIndex]) + plain + String(unit)
        }
        return (String(written), rewritten)
    }

    /// For messages about threshold text whose number is in exponent notation: "its number `1e3`
    /// is in exponent notation, …; write it plain: `<= 1000 h`"; nil for any other text.
    package static func exponentHint(_ text: String) -> String? {
        guard let found = exponentNotation(in: text) else { return nil }
        let fix = found.rewritten.map { "write it plain: \(codeSpan($0))" } ?? "write it as a plain decimal with a `.` decimal point"
        return "its number \(codeSpan(found.written)) is in exponent notation, which evident does not read (nor in measurement values); \(fix)"
    }

    /// Whether a value written `written` (its Double `value`) meets the threshold, compared as the
    /// decimals written where their Doubles cannot tell them apart: `99.8999999999999999999`
    /// misses `>= 99.9` though both read as one Double, and `0.0000000001` is not `== 0`.
    package func isMet(by value: Double, written: ExactDecimal?) -> Bool {
        guard let written, let exact, comparator == .equal || value == number else { return isMet(by: value) }
        switch comparator {
        case .atLeast: return written >= exact
        case .above: return written > exact
        case .atMost: return written <= exact
        case .below: return written < exact
        case .equal: return written == exact
        }
    }

    package func isMet(by value: Double) -> Bool {
        switch comparator {
        case .atLeast: value >= number
        case .above: value > number
        case .atMost: value <= number
        case .below: value < number
        // Measured values are decimals read from text: compare equal to within rounding noise.
        case .equal: abs(value - number) <= 1e-9 * max(1, abs(number))
        }
    }

    package var description: String {
        "\(comparator.rawValue) \(numberDescription)" + (unit.map { " \($0)" } ?? "")
    }

    /// The number as written when it has more digits than a Double keeps (`0.30000000000000001`,
    /// which reads as 0.3), else the shortest decimal that reads back as `number`: never rounded
    /// further, so that `>= 99.9995` is not shown as `>= 100`.
    package var numberDescription: String {
        guard let numberText else { return DecimalText.plain(number) }
        return numberText.hasPrefix("+") ? String(numberText.dropFirst()) : numberText
    }
}

/// The status of one measured value against an objective's target and tolerance (SPEC 2.5).
package enum ValueStatus: String, Sendable, CaseIterable {
    case onTarget = "on-target"
    case withinTolerance = "within-tolerance"
    case offTarget = "off-target"
    case noData = "no-data"

    package var label: String {
        switch self {
        case .onTarget: "On target"
        case .withinTolerance: "Within tolerance"
        case .offTarget: "Off target"
        case .noData: "No data"
        }
    }

    /// `written` is the value's text (a measurements cell), read as an exact decimal only where
    /// the value's Double is a threshold's (`Threshold.isMet(by:written:)`).
    package static func of(_ value: Double?, written: @autoclosure () -> String? = nil, target: Threshold?,
                           tolerance: Threshold?) -> ValueStatus {
        guard let value, let target else { return .noData }
        func tied(_ t: Threshold) -> Bool { t.comparator == .equal || value == t.number }
        guard tied(target) || tolerance.map(tied) == true else {
            if target.isMet(by: value) { return .onTarget }
            if let tolerance, tolerance.isMet(by: value) { return .withinTolerance }
            return .offTarget
        }
        // A tie, where the Doubles cannot decide (nearly never): the decimals written do.
        let exact = written().flatMap { ExactDecimal($0.trimmed) }
        if target.isMet(by: value, written: exact) { return .onTarget }
        if let tolerance, tolerance.isMet(by: value, written: exact) { return .withinTolerance }
        return .offTarget
    }
}
