/// Finds the templates a Mustache template names: partials (`{{> name}}`) and parents
/// (`{{< name}}`), with their line. swift-mustache renders a missing partial as an empty string,
/// so the theme checks these names itself before anything is rendered.
enum TemplateReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
    }

    /// Follows set-delimiter tags (`{{=<% %>=}}`) and skips comments and triple mustaches.
    /// Dynamic names (`{{>*name}}`) come from data and cannot be checked here; they are skipped.
    static func scan(_ text: String) -> [Reference] {
        let chars = Array(text)
        var open = Array("{{"), close = Array("}}")
        var out: [Reference] = []
        var i = 0
        var line = 1
        func matches(_ pattern: [Character], at index: Int) -> Bool {
            guard index + pattern.count <= chars.count else { return false }
            for (k, c) in pattern.enumerated() where chars[index + k] != c { return false }
            return true
        }
        while i < chars.count {
            if chars[i] == "\n" { line += 1 }
            guard matches(open, at: i) else {
                i += 1
                continue
            }
            let tagLine = line
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
                if chars[j] == "\n" { line += 1 }
                j += 1
            }
            let inner = String(chars[start..<min(j, chars.count)])
            i = min(j + end.count, chars.count)
            guard !triple, let first = inner.first else { continue }
            switch first {
            case "=":
                let body = inner.dropFirst().dropLast(inner.hasSuffix("=") ? 1 : 0)
                let parts = body.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            case ">", "<":
                let name = inner.dropFirst().trimmed
                if !name.isEmpty, !name.hasPrefix("*") { out.append(Reference(name: name, line: tagLine)) }
            default:
                continue
            }
        }
        return out
    }
}
