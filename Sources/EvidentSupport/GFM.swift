import Foundation

/// Escaping for GitHub-flavoured Markdown, for every Markdown evident writes (the pull-request
/// comment of `diff`, the pack's `readiness.md`), so that values from content (a target `<= 4 h`, a
/// note with `|` or a backtick, a link or an image, an owner written `@someone`) print as text:
/// never as markup, a live link, a remote image, a broken table, raw HTML or, where `mentions` is
/// set, a notification to a GitHub user.
package enum GFM {
    /// Content text: every character that could start markup is backslash-escaped, and the `:` of
    /// `://` and the `.` of a leading `www.` too, so that the autolink extension makes no link of a
    /// URL from content. Read scalar by scalar, as cmark-gfm reads bytes: a `[` or `|` that a
    /// combining mark follows, or a prepended mark (U+0600) precedes, is one `Character` with it,
    /// but still markup to GitHub.
    package static func text(_ s: String, mentions: Bool = true) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "#", "$":
                out.append("\\")
                out.append(c)
            case ":" where scalars[(i + 1)...].starts(with: ["/", "/"]):
                out.append(contentsOf: "\\:".unicodeScalars)
            case "." where i >= 3 && scalars[(i - 3)..<i].allSatisfy({ $0 == "w" || $0 == "W" })
                && (i == 3 || !isWordScalar(scalars[i - 4])):
                out.append(contentsOf: "\\.".unicodeScalars)
            case "\r":
                break
            case "\n":
                out.append(contentsOf: "<br>".unicodeScalars)
            case _ where c != "\t" && TerminalText.needsEscape(c):
                // Control and bidirectional characters as visible escapes: they could reorder or hide text.
                out.append(contentsOf: TerminalText.escape(String(c)).unicodeScalars)
            case "@" where mentions:
                // GitHub links `@name` to a user and notifies them; an empty comment breaks the link.
                out.append(contentsOf: "@<!-- -->".unicodeScalars)
            default:
                out.append(c)
            }
        }
        return String(out)
    }

    /// A letter or a digit, before which `www.` starts no autolink.
    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// A finding message: its code spans (`CodeSpan.parts`: a value holding backticks is fenced
    /// with a longer run, so it stays one span) are written as code, everything else is escaped as
    /// text, so content never escapes into markup.
    package static func message(_ s: String, inTable: Bool = false, mentions: Bool = true) -> String {
        var out = ""
        for part in CodeSpan.parts(s) {
            out += part.code ? code(part.text, inTable: inTable) : text(part.text, mentions: mentions)
        }
        return out
    }

    /// A code span that holds `s` literally, whatever backticks it contains.
    package static func code(_ s: String, inTable: Bool = false) -> String {
        // A code span cannot hold a line end: one shows as `\n`, as on a terminal, so that a name
        // with one reads as it is stored.
        var value = TerminalText.escape(s, keeping: ["\t"])
        // Inside a table a pipe ends the cell even in a code span, unless escaped (GFM 4.10).
        // On scalars: a `|` that a combining mark follows is one `Character`, but still a pipe.
        if inTable { value = replacing(value, ["|": "\\|"]) }
        return value.isEmpty ? "` `" : CodeSpan.fenced(value)
    }

    /// A table cell's value: escaped, shortened to `limit` characters, `—` when absent. With
    /// `keepingEnd` (a measured value) it is shortened in the middle, so that two long numbers
    /// that differ in their last digits (`0.000…0001` and `0.000…0002`) still read as different.
    package static func cell(_ s: String?, limit: Int = 200, keepingEnd: Bool = false) -> String {
        guard let s = s?.trimmed, !s.isEmpty else { return "—" }
        guard s.count > limit else { return text(s) }
        guard keepingEnd else { return text(String(s.prefix(limit)) + "…") }
        let head = limit / 2
        return text(String(s.prefix(head)) + "…" + String(s.suffix(limit - head - 1)))
    }

    /// A measured value's cell (`cell` keeping its end).
    package static func numberCell(_ s: String?) -> String { cell(s, keepingEnd: true) }

    /// Text for inside raw HTML (a `<summary>`).
    package static func html(_ s: String) -> String {
        replacing(TerminalText.escape(s, keeping: ["\t", "\n", "\r"]), ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])
    }

    /// `s` with each scalar that `map` holds replaced by its text. Not `replacingOccurrences`, which
    /// matches whole `Character`s and so passes over a `<` or `|` that a combining mark follows.
    package static func replacing(_ s: String, _ map: [Unicode.Scalar: String]) -> String {
        guard s.unicodeScalars.contains(where: { map[$0] != nil }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if let replacement = map[c] { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(c) }
        }
        return String(out)
    }
}
