import Foundation

/// Escaping for GitHub-flavoured Markdown, for every Markdown evident writes (the pull-request
/// comment of `diff`, the pack's `readiness.md`), so that values from content (a target `<= 4 h`, a
/// note with `|` or a backtick, a link or an image, an owner written `@someone`) print as text:
/// never as markup, a live link, a remote image, a broken table, raw HTML or, where `mentions` is
/// set, a notification to a GitHub user.
package enum GFM {
    /// Content text: every character that could start markup is backslash-escaped, and the `:` of
    /// `://` and the `.` of a leading `www.` too, so that the autolink extension makes no link of a
    /// URL from content.
    package static func text(_ s: String, mentions: Bool = true) -> String {
        var out = ""
        let chars = Array(s)
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "#", "$":
                out += "\\" + String(ch)
            case ":" where chars[(i + 1)...].starts(with: ["/", "/"]):
                out += "\\:"
            case "." where i >= 3 && chars[(i - 3)..<i].map { $0.lowercased() }.joined() == "www"
                && (i == 3 || !(chars[i - 4].isLetter || chars[i - 4].isNumber)):
                out += "\\."
            case "\r":
                break
            case "\n":
                out += "<br>"
            case "\r\n":
                out += "<br>"
            case _ where ch.unicodeScalars.contains(where: { $0 != "\t" && TerminalText.needsEscape($0) }):
                // Control and bidirectional characters as visible escapes: they could reorder or hide text.
                out += TerminalText.escape(String(ch), keeping: ["\t"])
            case "@" where mentions:
                // GitHub links `@name` to a user and notifies them; an empty comment breaks the link.
                out += "@<!-- -->"
            default:
                out.append(ch)
            }
        }
        return out
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
        if inTable { value = value.replacingOccurrences(of: "|", with: "\\|") }
        return value.isEmpty ? "` `" : CodeSpan.fenced(value)
    }

    /// A table cell's value: escaped, shortened to `limit` characters, `—` when absent.
    package static func cell(_ s: String?, limit: Int = 200) -> String {
        guard let s = s?.trimmed, !s.isEmpty else { return "—" }
        return text(s.count > limit ? String(s.prefix(limit)) + "…" : s)
    }

    /// Text for inside raw HTML (a `<summary>`).
    package static func html(_ s: String) -> String {
        TerminalText.escape(s, keeping: ["\t", "\n", "\r"]).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
