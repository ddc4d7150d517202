/// Text from content made safe to print on a terminal. A value or a file name can hold escape
/// sequences (ESC, CSI) that would recolour the screen, move the cursor, rewrite earlier lines or
/// set the window title, bidirectional overrides that make a line read differently than it is, and
/// characters that show as nothing, which make a name look like another. Every such character is shown as a visible escape (`\e`, `\u{202E}`) instead, so what prints is
/// exactly what the file holds.
package enum TerminalText {
    /// `s` with every C0 and C1 control character (tab and line end included), DEL, the Unicode
    /// bidirectional controls, the line and paragraph separators and the other characters that
    /// show as nothing (`InvisibleCharacter`) written as escapes.
    package static func escape(_ s: String) -> String {
        // Printable ASCII needs nothing: a byte test spares most messages the scalar walk.
        var contiguous = s
        if contiguous.withUTF8({ $0.printableASCIIRun() == $0.count }) { return s }
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\u{1B}": out += "\\e"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// `escape`, but `kept` (line ends or a tab, which the caller writes its own way) left as they are.
    package static func escape(_ s: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard s.unicodeScalars.contains(where: { needsEscape($0) && !kept.contains($0) }) else { return s }
        var out = ""
        var run = ""
        for scalar in s.unicodeScalars {
            if kept.contains(scalar) || !needsEscape(scalar) {
                run.unicodeScalars.append(scalar)
            } else {
                out += run + escape(String(scalar))
                run = ""
            }
        }
        return out + run
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Bidirectional embeddings, overrides and isolates, and the marks that steer them.
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        // The line and paragraph separators, which a terminal shows as nothing or as a line end.
        case 0x2028, 0x2029: true
        // The prepended concatenation marks (the Arabic number sign, U+0600): format characters
        // that show, as a sign over the digits after them.
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD: false
        // Every other format character shows as nothing (a zero-width space, a byte order mark, a
        // soft hyphen): `reg<U+200B>ister.csv` would print as `register.csv`, another name. So do
        // the other default-ignorable characters (a variation selector, a Hangul filler).
        case 0xA0...: InvisibleCharacter.isInvisible(scalar)
        default: false
        }
    }
}
