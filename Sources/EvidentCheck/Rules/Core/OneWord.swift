/// Whether an answer written in prose is a single word (`Yes.`, `None.`, `Customers`), which the
/// rules asking for a sentence refuse. Scripts written without spaces between words (Chinese,
/// Japanese, Thai, Lao, Khmer, Myanmar, Tibetan) say a whole sentence with no space, so text with
/// any of their letters is never taken for one word.
enum OneWord {
    static func isOneWord(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.properties.isWhitespace || writtenWithoutSpaces($0) }
    }

    /// The blocks of the scripts written without spaces between words.
    static func writtenWithoutSpaces(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0EFF, // Thai, Lao
             0x0F00...0x0FFF, // Tibetan
             0x1000...0x109F, // Myanmar
             0x1780...0x17FF, // Khmer
             0x3040...0x30FF, // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, // CJK ideographs
             0xFF66...0xFF9F, // half-width Katakana
             0x20000...0x3134F: // CJK ideographs beyond the first plane
            true
        default:
            false
        }
    }
}
