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

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 1e7, 1e8, 1e9,
                                                1e10, 1e11, 1e12]

    /// `x` in full: the shortest plain decimal that reads back as `x` (`99.9995`, `0.0000034`,
    /// `0.000…01` for 1e-300), never rounded to a number that would misstate a value against its
    /// threshold. Nearly every measured value has at most three decimals, which `append(_:)` writes
    /// without an allocation; only the others take `DecimalText.plain`.
    static func appendExact(_ x: Double, to out: inout TextBuffer) {
        let scaled = (x.magnitude * 1_000).rounded()
        // `scaled / 1000` is correctly rounded, so it equals x exactly when x's three-decimal form
        // reads back as x.
        if scaled < 9_007_199_254_740_992, scaled / 1_000 == x.magnitude {
            append(x, decimals: 3, to: &out)
        } else {
            out.append(x.isFinite ? DecimalText.plain(x) : "0")
        }
    }

    static func exact(_ x: Double) -> String {
        var out = TextBuffer(capacity: 24)
        appendExact(x, to: &out)
        return out.text
    }

    /// A measured value as the values table shows it (`PageContext.value`): `x` in full, or its
    /// cell's text where that is another decimal than x's shortest form (`0.30000000000000001`,
    /// which reads back as 0.3). A cell of at most 15 bytes holds at most 15 digits, and two such
    /// decimals are never one Double: then x's form is the cell's number.
    static func appendValue(_ x: Double, written: String?, to out: inout TextBuffer) {
        if let written, written.utf8.count > 15 {
            let trimmed = written.trimmed
            if let cell = ExactDecimal(trimmed), ExactDecimal(exact(x)) != cell {
                out.append(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed)
                return
            }
        }
        appendExact(x, to: &out)
    }

    static func value(_ x: Double, written: String?) -> String {
        var out = TextBuffer(capacity: 24)
        appendValue(x, written: written, to: &out)
        return out.text
    }

    /// `x` rounded to `decimals` places (0...12), trailing zeros dropped: 3.30 → "3.3", 4.0 → "4",
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

    /// A huge finite double as a whole number without an exponent: its shortest digits, then
    /// zeros (`1.7976931348623157e308` is 17976931348623157 and 292 zeros), as the values table
    /// writes it; dividing by ten digit by digit would print digits the value never had.
    private static func wholeNumber(_ x: Double) -> String {
        DecimalText.plain(x.rounded())
    }
}
