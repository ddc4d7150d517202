/// Text whose explicit direction controls end where the text ends. An embedding, override or
/// isolate (U+202A–U+202E, U+2066–U+2068) left open in a title or a name would otherwise reorder
/// whatever follows it in the same paragraph: the rest of a table cell, a badge, a link.
package enum BidiText {
    /// `s` as HTML's `<bdi>` would show it: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL
    /// ISOLATE when it holds an explicit direction control, its own isolates closed first and a
    /// stray POP DIRECTIONAL ISOLATE (one that would close the wrapper) dropped. A closing isolate
    /// ends every embedding and override opened inside it (UAX #9, X6a), so nothing leaks past the
    /// text. Text with no such control, the usual case, is returned as it is.
    static func isolated(_ s: String) -> String {
        guard holdsExplicitControl(s) else { return s }
        var out = String.UnicodeScalarView()
        out.append("\u{2068}")
        var openIsolates = 0
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x2066...0x2068:
                openIsolates += 1
                out.append(scalar)
            case 0x2069:
                guard openIsolates > 0 else { continue }
                openIsolates -= 1
                out.append(scalar)
            default:
                out.append(scalar)
            }
        }
        for _ in 0..<openIsolates { out.append("\u{2069}") }
        out.append("\u{2069}")
        return String(out)
    }

    /// `s` wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it holds a letter written
    /// right to left: an author's name or unit set among the theme's words (`3.3 ساعة (2026-10)`,
    /// `مراجعة العمليات of 2026-11-18`) keeps its own order and leaves the words and numbers after
    /// it in theirs. Text with no such letter, the usual case, is returned as it is.
    package static func isolatedName(_ s: String) -> String {
        holdsRightToLeft(s) ? "\u{2068}" + s + "\u{2069}" : s
    }

    /// Whether `s` holds a character of a script written right to left (Hebrew, Arabic, Syriac,
    /// Thaana, N'Ko and the historic ones) or a RIGHT-TO-LEFT MARK, by block.
    package static func holdsRightToLeft(_ s: String) -> Bool {
        s.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0590...0x08FF, 0x200F, 0xFB1D...0xFDFF, 0xFE70...0xFEFE, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
            default: false
            }
        }
    }

    /// Whether `s` holds an embedding or override (LRE, RLE, PDF, LRO, RLO: U+202A–U+202E, in UTF-8
    /// E2 80 AA–AE) or an isolate (LRI, RLI, FSI, PDI: U+2066–U+2069, E2 81 A6–A9), found in the
    /// bytes: most text has none, and much has other characters that start with E2. The marks
    /// (LRM, RLM, ALM) steer only their neighbours and stay as they are.
    static func holdsExplicitControl(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var i = 0
            while i + 2 < bytes.count {
                if bytes[i] == 0xE2 {
                    let (second, third) = (bytes[i + 1], bytes[i + 2])
                    if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                        return true
                    }
                }
                i += 1
            }
            return false
        }
    }
}
