/// Characters that look like the ASCII ones of a number, a date or a period and are not read as
/// them: digits of other scripts and full-width ones (`３`, `٣`), full-width `．`, `，`, `：`, `＋`
/// and `－`, and the minus sign and hyphens (`−`, `‐`, `‑`) that a word processor, a locale or an
/// input method writes. A text that holds one is refused where it is read; this says why.
package enum LookAlikeASCII {
    /// `text` with each such character made the ASCII one it stands for, and the first one made
    /// so; nil when it has none.
    package static func replaced(in text: String) -> (ascii: String, first: Unicode.Scalar)? {
        var out = String.UnicodeScalarView()
        var first: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            guard !scalar.isASCII, let ascii = ascii(for: scalar) else {
                out.append(scalar)
                continue
            }
            out.append(ascii)
            if first == nil { first = scalar }
        }
        return first.map { (String(out), $0) }
    }

    /// Whether `text` holds a decimal digit other than `0` to `9`.
    package static func hasOtherDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.isASCII && $0.properties.numericType == .decimal }
    }

    /// For a message about `text`, refused: "it has `‑` (U+2011), which looks like `-` but is
    /// not the character evident reads: write `2026-02-12`", when `text` made ASCII is what
    /// `reads` accepts; nil otherwise.
    package static func hint(for text: String, reads: (String) -> Bool) -> String? {
        guard let (ascii, first) = replaced(in: text), reads(ascii), let meant = Self.ascii(for: first) else { return nil }
        return "it has \(codeSpan(String(first))) (U+\(codePointHex(first.value))), which looks like \(codeSpan(String(meant))) but is not the character evident reads: write \(codeSpan(ascii))"
    }

    private static func ascii(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
           let digit = Unicode.Scalar(0x30 + UInt32(value)) {
            return digit
        }
        switch scalar {
        case "\u{FF0E}": return "."
        case "\u{FF0C}": return ","
        case "\u{FF1A}": return ":"
        case "\u{FF0B}": return "+"
        case "\u{FF0D}", "\u{2212}", "\u{2010}", "\u{2011}": return "-"
        default: return nil
        }
    }
}
