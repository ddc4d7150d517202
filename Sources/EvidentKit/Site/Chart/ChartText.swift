/// Text helpers for the charts: XML escaping and locale-free number formatting. Hand-written
/// because a chart is drawn for every objective, and `String(format:)` is both slow and, through
/// the C locale machinery, not guaranteed to print the same bytes everywhere.
enum ChartText {
    /// Escapes the five XML specials, and drops characters XML 1.0 cannot hold at all (C0 controls
    /// other than tab, LF and CR; U+FFFE and U+FFFF), so hostile content can never break the SVG.
    static func escape(_ s: String, into out: inout String) {
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        escape(s, into: &out)
        return out
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `x` rounded to `decimals` places (0...6), trailing zeros dropped: 3.30 → "3.3", 4.0 → "4",
    /// 0.00001 → "0", -0.001 → "0" (never "-0", never an exponent). Magnitudes beyond 2^53 cannot
    /// carry decimals and are printed as whole numbers.
    static func number(_ x: Double, decimals: Int = 3) -> String {
        guard x.isFinite else { return "0" }
        let d = min(max(decimals, 0), powersOfTen.count - 1)
        let scale = powersOfTen[d]
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9_007_199_254_740_992 else { return wholeNumber(x) }
        var n = UInt64(scaled)
        var digits = d
        // Drop trailing zeros of the fraction before printing, so no second pass is needed.
        while digits > 0, n % 10 == 0 {
            n /= 10
            digits -= 1
        }
        var out = n != 0 && x < 0 ? "-" : ""
        var divisor: UInt64 = 1
        for _ in 0..<digits { divisor *= 10 }
        out += String(n / divisor)
        if digits > 0 {
            out += "."
            let fraction = String(n % divisor)
            for _ in 0..<(digits - fraction.count) { out += "0" }
            out += fraction
        }
        return out
    }

    /// Digits of a huge finite double without an exponent (values this large come only from
    /// hostile input, but the output must still be a plain number).
    private static func wholeNumber(_ x: Double) -> String {
        var v = x.magnitude.rounded()
        var digits: [Character] = []
        while v >= 1, digits.count < 400 {
            let r = v.truncatingRemainder(dividingBy: 10)
            digits.append(Character(String(Int(r))))
            v = ((v - r) / 10).rounded()
        }
        if digits.isEmpty { return "0" }
        return (x < 0 ? "-" : "") + String(digits.reversed())
    }
}
