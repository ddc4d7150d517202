/// Code spans in finding messages, as CommonMark reads them: a run of backticks opens a span that
/// only a run of the same length closes, so a value holding backticks is fenced with a longer run
/// and stays one span, in the terminal's text as on the site, in the pack and in Markdown.
package enum CodeSpan {
    /// `value` as one code span: fenced with one backtick more than its longest run of them, and
    /// padded with a space where it starts or ends with a backtick, or starts and ends with a
    /// space (CommonMark 6.1 takes one such space away at each end, as `parts` does).
    static func fenced(_ value: String) -> String {
        var longest = 0, run = 0
        for byte in value.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        // On the UTF-8 and into one buffer: every finding's message holds a few of these.
        let tick = UInt8(ascii: "`"), space = UInt8(ascii: " ")
        let first = value.utf8.first, last = value.utf8.last
        let pad = first == tick || last == tick || (first == space && last == space)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2 * longest + 4)
        out.append(contentsOf: repeatElement(tick, count: longest + 1))
        if pad { out.append(space) }
        out.append(contentsOf: value.utf8)
        if pad { out.append(space) }
        out.append(contentsOf: repeatElement(tick, count: longest + 1))
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` cut into its prose and its code spans, in order. A run of backticks that no run of
    /// the same length closes is prose, as written. A span's content loses one space at each end
    /// when it has one at both and is not all spaces (the padding `fenced` adds). Linear in the
    /// text: each run's closer is found from a table made in one pass, not by searching ahead.
    package static func parts(_ text: String) -> [(text: String, code: Bool)] {
        let bytes = Array(text.utf8)
        let tick = UInt8(ascii: "`")
        var runs: [(start: Int, length: Int)] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == tick else { i += 1; continue }
            var end = i
            while end < bytes.count, bytes[end] == tick { end += 1 }
            runs.append((i, end - i))
            i = end
        }
        // The next run of the same length after each run, found from the end.
        var closer = [Int?](repeating: nil, count: runs.count)
        var nextOfLength: [Int: Int] = [:]
        for r in runs.indices.reversed() {
            closer[r] = nextOfLength[runs[r].length]
            nextOfLength[runs[r].length] = r
        }
        var out: [(text: String, code: Bool)] = []
        var proseStart = 0
        var r = 0
        while r < runs.count {
            guard let close = closer[r] else { r += 1; continue }
            let open = runs[r], end = runs[close]
            if open.start > proseStart { out.append((String(decoding: bytes[proseStart..<open.start], as: UTF8.self), false)) }
            var content = bytes[(open.start + open.length)..<end.start]
            if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
                content = content.dropFirst().dropLast()
            }
            out.append((String(decoding: content, as: UTF8.self), true))
            proseStart = end.start + end.length
            r = close + 1
        }
        if proseStart < bytes.count { out.append((String(decoding: bytes[proseStart...], as: UTF8.self), false)) }
        return out
    }
}

/// `value`, as its text, as one code span of a finding message (`CodeSpan.fenced`).
package func codeSpan<T>(_ value: T) -> String { CodeSpan.fenced(String(describing: value)) }
