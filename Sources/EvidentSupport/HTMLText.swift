/// Text made safe for HTML, for the few values the site builds as HTML itself rather than
/// leaving to the templates (Mustache's `{{…}}` escapes the same five characters).
package enum HTMLText {
    package static func escape(_ text: String) -> String {
        // Most values (ids, dates, numbers, names) need nothing: return them as they are.
        guard needsEscaping(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return out
    }

    /// Appends `text` escaped to `out`: the rows the site writes itself (see `HTMLRows`) are built
    /// in one buffer rather than from a string per cell.
    package static func escape(_ text: String, into out: inout String) {
        if needsEscaping(text) { appendEscaped(text, to: &out) } else { out += text }
    }

    /// `escape(_:into:)` for text already in UTF-8 bytes.
    package static func escape(_ bytes: TextBuffer, into out: inout TextBuffer) {
        bytes.withUnsafeBytes { buffer in
            guard specials.matches(buffer) else { return out.append(buffer) }
            for byte in buffer { appendEscaped(byte, to: &out) }
        }
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

    /// `escape(_:into:)` for a `TextBuffer`.
    package static func escape(_ text: String, into out: inout TextBuffer) {
        guard needsEscaping(text) else { return out.append(text) }
        for byte in text.utf8 { appendEscaped(byte, to: &out) }
    }

    /// `&`, `<`, `>`, `"` and `'`.
    package static let specials = ByteScan([0x26, 0x3C, 0x3E, 0x22, 0x27])

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
