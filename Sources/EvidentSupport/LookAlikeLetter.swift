import Foundation

/// Cyrillic and Greek letters drawn as a Latin letter is (`І`, U+0406, and `I`; `О` and `O`), which
/// a keyboard switched to another layout types into an id, or which make one id pass for another:
/// `OBJ-ІNC-01` and `OBJ-INC-01` look the same and are two ids. The letters are those Unicode's
/// confusables (UTS #39) give a single Latin letter, and whose shapes match in common fonts.
package enum LookAlikeLetter {
    /// The Latin letter `scalar` is drawn as; nil for any other character.
    package static func latin(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard (0x0370...0x052F).contains(scalar.value) else { return nil }
        return table[scalar]
    }

    /// `text` with each such letter made the Latin one: the same for ids that look the same.
    package static func latinised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { latin(for: $0) != nil }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { latin(for: $0) ?? $0 }))
    }

    /// "`І` (U+0406), a Cyrillic letter drawn as the Latin `I`", for the first such letter of `text`
    /// that `other` does not hold at the same place; nil when there is none.
    package static func described(in text: String, against other: String) -> String? {
        let theirs = Array(other.unicodeScalars)
        for (i, scalar) in text.unicodeScalars.enumerated() {
            guard let meant = latin(for: scalar), i >= theirs.count || theirs[i] != scalar else { continue }
            let script = scalar.value < 0x0400 ? "Greek" : "Cyrillic"
            return "\(codeSpan(String(scalar))) (U+\(codePointHex(scalar.value))), a \(script) letter drawn as the Latin \(codeSpan(String(meant)))"
        }
        return nil
    }

    /// `text` as it shows: without the characters that show as nothing, compatibility forms made
    /// plain (a full-width `Ｏ`, the micro sign) and these letters made Latin. Two texts that show
    /// alike give the same.
    package static func shown(_ text: String) -> String {
        latinised(InvisibleCharacter.removed(from: text).precomposedStringWithCompatibilityMapping)
    }

    /// For a value changed from `before` to `after` that looks the same as it was (a Latin letter
    /// swapped for a Cyrillic or Greek one, a full-width form), "it looks the same as before: …"
    /// with what differs; nil when the two differ in what they show, or only in characters that
    /// show as nothing, which every report writes as escapes.
    package static func unchangedLook(before: String, after: String) -> String? {
        let (a, b) = (InvisibleCharacter.removed(from: before), InvisibleCharacter.removed(from: after))
        guard a != b, shown(a) == shown(b) else { return nil }
        let letter = described(in: b, against: a) ?? described(in: a, against: b)
        return "it looks the same as before: " + (letter.map { "one of the two has \($0)" } ?? "the two differ in a full-width or compatibility form of a character")
    }

    private static let table: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            // Cyrillic capitals and small letters.
            ("АВЕЅІЈКМНОРСТХУҮӀԚԜ", "ABESIJKMHOPCTXYYIQW"),
            ("аеѕіјорсхуһԁԛԝӏ", "aesijopcxyhdqwl"),
            // Greek capitals and the small letters drawn as Latin ones.
            ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
            ("ορ", "op"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (from, to) in pairs {
            for (f, t) in zip(from.unicodeScalars, to.unicodeScalars) { table[f] = t }
        }
        return table
    }()
}
