/// Characters that show as nothing (Unicode's format characters and its other default-ignorable
/// code points: a byte order mark, a zero-width space or joiner, a soft hyphen, a direction mark,
/// a variation selector, the combining grapheme joiner, a Hangul filler), which a copy from a web
/// page or a spreadsheet brings into an id, a header or a number, where the text then looks right
/// and is not.
package enum InvisibleCharacter {
    /// Whether `scalar` is one of them.
    package static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && (scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint)
    }

    /// "an invisible character, U+200B", for the first such character of `text`; nil when there is none.
    package static func described(in text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: isInvisible) else { return nil }
        let code = "U+" + codePointHex(scalar.value)
        return scalar == "\u{FEFF}" ? "an invisible character, \(code) (a byte order mark)" : "an invisible character, \(code)"
    }

    /// `text` without the characters that show as nothing, and without the white space around it.
    package static func removed(from text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !isInvisible($0) })).trimmed
    }
}
