/// Characters that show as nothing (Unicode's format characters: a byte order mark, a zero-width
/// space or joiner, a soft hyphen, a direction mark), which a copy from a web page or a
/// spreadsheet brings into an id, a header or a number, where the text then looks right and is not.
package enum InvisibleCharacter {
    /// "an invisible character, U+200B", for the first such character of `text`; nil when there is none.
    package static func described(in text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .format }) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar == "\u{FEFF}" ? "an invisible character, \(code) (a byte order mark)" : "an invisible character, \(code)"
    }

    /// `text` without the characters that show as nothing, and without the white space around it.
    package static func removed(from text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .format })).trimmed
    }
}
