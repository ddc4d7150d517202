/// A plain decimal as written (`-4.50`, `+99.9`, `.5`), compared exactly: a Double holds about 17
/// significant digits, so `99.8999999999999999999` and `99.9` are one Double but not one number,
/// and a value must not be judged to meet `>= 99.9` by the rounding of its text.
package struct ExactDecimal: Hashable, Comparable, Sendable {
    /// -1, 0 or 1.
    private let sign: Int
    /// The significant digits (0...9), without leading or trailing zeros; empty for zero.
    private let digits: [UInt8]
    /// The value is 0.d1d2…dn × 10^exponent; 0 for zero.
    private let exponent: Int

    /// nil unless the text is an optional sign and digits with at most one `.` (at least one digit).
    package init?(_ text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var all: [UInt8] = []
        var integerDigits: Int?
        for byte in bytes {
            if byte >= 48 && byte <= 57 {
                all.append(byte - 48)
            } else if byte == UInt8(ascii: "."), integerDigits == nil {
                integerDigits = all.count
            } else {
                return nil
            }
        }
        guard !all.isEmpty else { return nil }
        let pointAt = integerDigits ?? all.count
        guard let first = all.firstIndex(where: { $0 != 0 }), let last = all.lastIndex(where: { $0 != 0 }) else {
            (sign, digits, exponent) = (0, [], 0)
            return
        }
        sign = negative ? -1 : 1
        digits = Array(all[first...last])
        exponent = pointAt - first
    }

    /// The number in JSON's grammar, every digit kept: `-0.05`, `99.5010000000000000001`, `1200`.
    package var jsonNumber: String {
        guard sign != 0 else { return "0" }
        let text = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        let body: String
        if exponent <= 0 {
            body = "0." + String(repeating: "0", count: -exponent) + text
        } else if exponent >= digits.count {
            body = text + String(repeating: "0", count: exponent - digits.count)
        } else {
            let point = text.index(text.startIndex, offsetBy: exponent)
            body = text[..<point] + "." + text[point...]
        }
        return sign < 0 ? "-" + body : body
    }

    package static func < (a: ExactDecimal, b: ExactDecimal) -> Bool {
        if a.sign != b.sign { return a.sign < b.sign }
        let magnitude = compareMagnitude(a, b)
        return a.sign < 0 ? magnitude > 0 : magnitude < 0
    }

    /// -1, 0 or 1 as |a| is less than, equal to or greater than |b|, for two of the same sign.
    private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.sign == 0 { return 0 }
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        for (x, y) in zip(a.digits, b.digits) where x != y { return x < y ? -1 : 1 }
        return a.digits.count == b.digits.count ? 0 : (a.digits.count < b.digits.count ? -1 : 1)
    }
}
