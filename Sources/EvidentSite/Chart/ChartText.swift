import EvidentSupport

/// Text helpers for the charts: XML escaping and locale-free number formatting. Hand-written
/// because a chart is drawn for every objective, and `String(format:)` is both slow and, through
/// the C locale machinery, not guaranteed to print the same bytes everywhere.
enum ChartText {
    /// Escapes the five XML specials, and drops characters XML 1.0 cannot hold at all (C0 controls
    /// other than tab, LF and CR; U+FFFE and U+FFFF), so hostile content can never break the SVG.
    static func escape(_ s: String, into out: inout TextBuffer) {
        HTMLText.escape(xmlCharacters(s), into: &out)
    }

    static func escape(_ s: String) -> String {
        HTMLText.escape(xmlCharacters(s))
    }

    /// The bytes that start a character XML cannot hold: C0 controls, and 0xEF, which leads
    /// U+FFFE and U+FFFF (and other characters, which are kept).
    private static let unholdable = ByteScan([0xEF], below: 0x20)

    /// `s` without the characters XML cannot hold. The five specials are escaped as everywhere in
    /// the site; only text with such a character needs filtering first, and most has none.
    private static func xmlCharacters(_ s: String) -> String {
        guard unholdable.matches(s) else { return s }
        var kept = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let dropped = (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            if !dropped { kept.append(scalar) }
        }
        return String(kept)
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `x` rounded to `decimals` places (0...6), trailing zeros dropped: 3.30 → "3.3", 4.0 → "4",
    /// 0.00001 → "0", -0.001 → "0" (never "-0", never an exponent). Magnitudes beyond 2^53 cannot
    /// carry decimals and are printed as whole numbers.
    static func number(_ x: Double, decimals: Int = 3) -> String {
        var out = TextBuffer(capacity: 24)
        append(x, decimals: decimals, to: &out)
        return out.text
    }

    /// `number(x, decimals:)` appended to `out`, its digits written into a small buffer and
    /// appended at once.
    static func append(_ x: Double, decimals: Int = 3, to out: inout TextBuffer) {
        guard x.isFinite else {
            out += "0"
            return
        }
        let d = min(max(decimals, 0), powersOfTen.count - 1)
        let scale = powersOfTen[d]
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9_007_199_254_740_992 else {
            out.append(wholeNumber(x))
            return
        }
        var n = UInt64(scaled)
        var digits = d
        // Drop trailing zeros of the fraction before printing, so no second pass is needed.
        while digits > 0, n % 10 == 0 {
            n /= 10
            digits -= 1
        }
        // At most 16 integer digits (below 2^53), a point, 6 decimals and a sign: 24 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var end = buffer.count
            var rest = n
            var written = 0
            // Digits from the last: the fraction (zero-padded to `digits`), then the whole part.
            repeat {
                if digits > 0, written == digits {
                    end -= 1
                    buffer[end] = UInt8(ascii: ".")
                }
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            } while rest > 0 || written <= digits
            if n != 0 && x < 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            out.append(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
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
