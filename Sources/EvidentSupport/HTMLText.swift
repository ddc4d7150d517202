/// Text made safe for HTML: the five specials as entities, and the text isolated when it holds a
/// direction control (`BidiText.isolated`), so that it cannot reorder what follows it. The
/// templates' `{{…}}` escapes through it too (`Theme.EscapedHTML`).
package enum HTMLText {
    package static func escape(_ text: String) -> String {
        // Most values (ids, dates, numbers, names) need nothing: return them as they are.
        guard needsEscaping(text) else { return text }
        let text = BidiText.isolated(text)
        guard markup.matches(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return out
    }

    /// `escape(_:into:)` for markup already in UTF-8 bytes (whole characters), written as text.
    package static func escape(_ bytes: TextBuffer, into out: inout TextBuffer) {
        let plain = bytes.withUnsafeBytes { !specials.matches($0) }
        if plain { out.append(bytes) } else { escape(bytes.text, into: &out) }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout TextBuffer) {
        switch byte {
        case 0x26: out += "&amp;"
        case 0x3C: out += "&lt;"
        case 0x3E: out += "&gt;"
        case 0x22: out += "&quot;"
        case 0x27: out += "&#39;"
        default: out.append(ascii: byte)
        }
    }

    /// `escape(_:)` appended to a page being written.
    package static func escape(_ text: String, into out: inout TextBuffer) {
        // Most text needs nothing: its bytes are read in place once, scanned and appended.
        // A bridged string, which has no such storage, is scanned through its view instead.
        switch text.utf8.withContiguousStorageIfAvailable({ bytes in
            guard !specials.matches(bytes) else { return false }
            out.append(bytes)
            return true
        }) {
        case true?: return
        case false?: break
        case nil: guard needsEscaping(text) else { return out.append(text) }
        }
        let text = BidiText.isolated(text)
        guard markup.matches(text) else { return out.append(text) }
        for byte in text.utf8 { appendEscaped(byte, to: &out) }
    }

    /// `&`, `<`, `>`, `"` and `'`, and 0xE2, which leads every direction control (and many other
    /// characters, which then take the slower path).
    static let specials = ByteScan([0x26, 0x3C, 0x3E, 0x22, 0x27, 0xE2])

    /// The five characters written as entities.
    private static let markup = ByteScan([0x26, 0x3C, 0x3E, 0x22, 0x27])

    private static func needsEscaping(_ text: String) -> Bool {
        specials.matches(text)
    }

    private static func appendEscaped(_ text: String, to out: inout String) {
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
    }

    /// A finding's message, escaped, with its `code spans` (rule ids, field names, thresholds) set
    /// in `<code>`, as CommonMark reads them (`CodeSpan.parts`). An unpaired backtick stays as it is.
    package static func message(_ text: String) -> String {
        var out = ""
        for part in CodeSpan.parts(text) {
            out += part.code ? "<code>\(escape(part.text))</code>" : escape(part.text)
        }
        return out
    }
}
