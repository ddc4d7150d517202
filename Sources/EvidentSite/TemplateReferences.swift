/// Finds the templates a Mustache template names: partials (`{{> name}}`) and parents
/// (`{{< name}}`), with their line. swift-mustache renders a missing partial as an empty string,
/// so the theme checks these names itself before anything is rendered.
enum TemplateReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
        var column = 1
    }

    /// A tag other than a comment or a set-delimiter tag: its sigil (`#`, `^`, `/`, `>`, `<`,
    /// `$`, `&`, `{` for a triple mustache, or a space for a variable), its name, and the line and column
    /// (in characters, from 1) of its opening delimiter.
    struct Tag: Equatable {
        var sigil: Character
        var name: String
        var line: Int
        var column = 1
        /// The delimiters in force where it is (`{{` and `}}` unless a set-delimiter tag changed them).
        var delimiters = ("{{", "}}")

        /// The tag as a template writes it, or with another sigil (`/` for its closing tag).
        func written(_ sigil: Character? = nil) -> String {
            let mark = sigil ?? self.sigil
            if mark == "{" { return "{{{" + name + "}}}" }
            return delimiters.0 + (mark == " " ? "" : String(mark)) + name + delimiters.1
        }

        static func == (a: Tag, b: Tag) -> Bool {
            a.sigil == b.sigil && a.name == b.name && a.line == b.line && a.column == b.column && a.delimiters == b.delimiters
        }
    }

    /// The partials and parents a template names. Dynamic names (`{{>*name}}`) come from data and
    /// cannot be checked here; they are skipped.
    static func scan(_ text: String) -> [Reference] {
        tags(text).compactMap { tag in
            guard tag.sigil == ">" || tag.sigil == "<", !tag.name.isEmpty, !tag.name.hasPrefix("*") else { return nil }
            return Reference(name: tag.name, line: tag.line, column: tag.column)
        }
    }

    /// Where sections do not nest, for a parse error that names both ends: `close` is the tag that
    /// closes another section than the innermost open one, `open`; a section never closed is
    /// `open` with `close` nil; a close with nothing open is `close` with `open` nil.
    static func unbalanced(_ text: String) -> (open: Tag?, close: Tag?)? {
        var stack: [Tag] = []
        for tag in tags(text) {
            switch tag.sigil {
            case "#", "^", "$", "<":
                stack.append(tag)
            case "/":
                guard let top = stack.last else { return (nil, tag) }
                guard top.name == tag.name else { return (top, tag) }
                stack.removeLast()
            default:
                continue
            }
        }
        return stack.last.map { ($0, nil) }
    }

    /// Every tag, in order. Follows set-delimiter tags (`{{=<% %>=}}`) and skips comments.
    static func tags(_ text: String) -> [Tag] { walk(text).tags }

    /// The first opening delimiter with no closing one after it (`{{title`, `{{! note`,
    /// `{{{body}}`): where it is, as written, and the delimiter that would end it.
    struct Unterminated: Equatable {
        var opening: String
        var closing: String
        var line: Int
        var column: Int
    }

    static func unterminated(_ text: String) -> Unterminated? { walk(text).unterminated }

    /// Lines end at `\n` (a `\r\n` is one Character in Swift, and ends a line too).
    private static func walk(_ text: String) -> (tags: [Tag], unterminated: Unterminated?) {
        let chars = Array(text)
        var open = Array("{{"), close = Array("}}")
        var out: [Tag] = []
        var i = 0
        var line = 1
        var lineStart = 0
        var unterminated: Unterminated?
        func matches(_ pattern: [Character], at index: Int) -> Bool {
            guard index + pattern.count <= chars.count else { return false }
            for (k, c) in pattern.enumerated() where chars[index + k] != c { return false }
            return true
        }
        while i < chars.count {
            guard matches(open, at: i) else {
                if chars[i] == "\n" || chars[i] == "\r\n" {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
                continue
            }
            let tagLine = line
            let tagColumn = i - lineStart + 1
            var start = i + open.count
            // A triple mustache ends with one more brace than the closing delimiter.
            var end = close
            var triple = false
            if open == Array("{{"), start < chars.count, chars[start] == "{" {
                end = Array("}}}")
                start += 1
                triple = true
            }
            var j = start
            while j < chars.count, !matches(end, at: j) {
                if chars[j] == "\n" || chars[j] == "\r\n" {
                    line += 1
                    lineStart = j + 1
                }
                j += 1
            }
            if j >= chars.count, unterminated == nil {
                let opening = String(open) + (triple ? "{" : "") + String(chars[start..<min(start + 20, chars.count)]).prefix { $0 != "\n" && $0 != "\r\n" }
                unterminated = Unterminated(opening: opening, closing: String(end), line: tagLine, column: tagColumn)
            }
            let inner = String(chars[start..<min(j, chars.count)])
            i = min(j + end.count, chars.count)
            if triple {
                out.append(Tag(sigil: "{", name: inner.trimmed, line: tagLine, column: tagColumn, delimiters: (String(open), String(close))))
                continue
            }
            guard let first = inner.first else { continue }
            switch first {
            case "=":
                let body = inner.dropFirst().dropLast(inner.hasSuffix("=") ? 1 : 0)
                let parts = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            case "!":
                continue
            case "#", "^", "/", ">", "<", "$", "&":
                out.append(Tag(sigil: first, name: inner.dropFirst().trimmed, line: tagLine, column: tagColumn,
                               delimiters: (String(open), String(close))))
            default:
                out.append(Tag(sigil: " ", name: inner.trimmed, line: tagLine, column: tagColumn, delimiters: (String(open), String(close))))
            }
        }
        return (out, unterminated)
    }
}
