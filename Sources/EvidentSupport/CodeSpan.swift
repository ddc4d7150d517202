/// Code spans in finding messages, as CommonMark reads them: a run of backticks opens a span that
/// only a run of the same length closes, so a value holding backticks is fenced with a longer run
/// and stays one span, in the terminal's text as on the site, in the pack and in Markdown.
package enum CodeSpan {
    /// `value` as one code span: fenced with one backtick more than its longest run of them, and
    /// padded with a space where it starts or ends with a backtick (CommonMark 6.1).
    package static func fenced(_ value: String) -> String {
        var longest = 0, run = 0
        for byte in value.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        guard longest > 0 else { return "`" + value + "`" }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = value.hasPrefix("`") || value.hasSuffix("`") ? " " : ""
        return fence + pad + value + pad + fence
    }

    /// `text` cut into its prose and its code spans, in order. A run of backticks that no run of
    /// the same length closes is prose, as written. A span's content loses one space at each end
    /// when it has one at both and is not all spaces (the padding `fenced` adds).
    package static func parts(_ text: String) -> [(text: String, code: Bool)] {
        let bytes = Array(text.utf8)
        var out: [(text: String, code: Bool)] = []
        var prose: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "`") else {
                prose.append(bytes[i])
                i += 1
                continue
            }
            var end = i
            while end < bytes.count, bytes[end] == UInt8(ascii: "`") { end += 1 }
            let length = end - i
            // The next run of exactly `length` backticks closes the span.
            var close: Int?
            var j = end
            while j < bytes.count {
                guard bytes[j] == UInt8(ascii: "`") else { j += 1; continue }
                var k = j
                while k < bytes.count, bytes[k] == UInt8(ascii: "`") { k += 1 }
                if k - j == length { close = j; break }
                j = k
            }
            guard let close else {
                prose += bytes[i..<end]
                i = end
                continue
            }
            if !prose.isEmpty { out.append((String(decoding: prose, as: UTF8.self), false)) }
            prose = []
            var content = bytes[end..<close]
            if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
                content = content.dropFirst().dropLast()
            }
            out.append((String(decoding: content, as: UTF8.self), true))
            i = close + length
        }
        if !prose.isEmpty { out.append((String(decoding: prose, as: UTF8.self), false)) }
        return out
    }
}

/// `value`, as its text, as one code span of a finding message (`CodeSpan.fenced`).
package func codeSpan<T>(_ value: T) -> String { CodeSpan.fenced(String(describing: value)) }
