import EvidentSupport

/// Reads the small part of YAML that front-matter is written in, and gives up (nil) on anything
/// else, which Yams then reads: Yams stays the reference, this reader only saves its cost on the
/// common case.
///
/// What it saves, and why it stays, is in docs/performance.md.
///
/// What it reads: block mappings of plain keys; block sequences (indented, or at the key's
/// indentation); `- key: value` entries; plain one-line scalars; one-line single- and
/// double-quoted scalars (double-quoted without `\` escapes); one-line flow sequences of such
/// scalars; comments; empty values. It gives up on everything else: tabs, carriage returns,
/// control and other characters libyaml rejects or reads as line breaks, anchors, aliases, tags,
/// block scalars (`|`, `>`), flow mappings, multi-line scalars or flow sequences, complex or quoted
/// keys, duplicate keys, document markers and directives, a root that is not a mapping, nesting
/// deeper than 64 levels, and any indentation it does not expect. `YAMLSubsetReaderTests` checks
/// that on every document it reads it gives what Yams gives (the same values, kinds, styles and
/// marks), and that it gives up wherever Yams reports an error.
package struct YAMLSubsetReader {
    /// The text is outside the subset: read it with Yams.
    private struct Unsupported: Error {}

    /// The outcome of a read: the root mapping, or no document at all (only blanks and comments).
    package enum Document {
        case empty
        case root(YAMLNode)
    }

    /// One line with content (blank and comment lines are skipped), as byte offsets.
    private struct Line {
        var start: Int
        var end: Int
        var indent: Int
        /// The line number in the YAML text, from 1.
        var number: Int
        var ascii: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var lines: [Line] = []
    private var index = 0
    /// How many mappings and sequences enclose the one being read. Deeper documents go to Yams:
    /// libyaml refuses more than 1,000 levels, and this reader's recursion must stay well inside
    /// the stack of a worker thread.
    private var depth = 0
    private static let maximumDepth = 64
    /// A mapping's first keys are compared with one another where they are; from this many on, they
    /// go into a set, so that a mapping of many keys stays linear.
    private static let keysComparedInPlace = 32

    /// The document in `yaml`, or nil when it uses anything outside the subset.
    package static func read(_ yaml: String) -> Document? {
        var text = yaml
        return text.withUTF8 { buffer in
            var reader = YAMLSubsetReader(bytes: buffer)
            return try? reader.document()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: lines

    private mutating func document() throws -> Document {
        try scanLines()
        guard let first = lines.first else { return .empty }
        guard !isDash(first, at: first.start + first.indent) else { throw Unsupported() }
        let root = try mapping(indent: first.indent, keyAt: first.start + first.indent)
        guard index == lines.count else { throw Unsupported() }
        return .root(root)
    }

    /// Splits the text into content lines and gives up on any character that libyaml rejects or
    /// reads differently (tabs are allowed by YAML in places and not in others; NEL, LS and PS are
    /// line breaks to libyaml; BOMs and other non-printables are errors).
    private mutating func scanLines() throws {
        var position = 0
        var number = 0
        let count = bytes.count
        // Room for every line at once: there is at most one more than there are line feeds.
        var lineFeeds = 0
        while let found = bytes.firstIndex(of: 10, in: position..<count) {
            lineFeeds += 1
            position = found + 1
        }
        lines.reserveCapacity(lineFeeds + 1)
        position = 0
        while position < count {
            number += 1
            let start = position
            var ascii = true
            var end = start
            // Printable ASCII (neither the line end, another control, DEL nor non-ASCII) eight
            // bytes at a time; the byte loop below then looks at the byte that is not.
            end += bytes.printableASCIIRun(from: end)
            while end < count {
                let byte = bytes[end]
                if byte == 10 { break }
                if byte < 0x20 || byte == 0x7F { throw Unsupported() }
                if byte >= 0x80 {
                    ascii = false
                    try checkNonASCII(at: end)
                }
                end += 1
            }
            position = end + 1
            var indent = 0
            while start + indent < end, bytes[start + indent] == 32 { indent += 1 }
            let first = start + indent
            // Blank and comment lines.
            if first == end || bytes[first] == 35 { continue }
            if indent == 0 {
                // Directives and document markers.
                if bytes[first] == 37 { throw Unsupported() }
                if end - start >= 3, (bytes[start] == 45 || bytes[start] == 46),
                   bytes[start + 1] == bytes[start], bytes[start + 2] == bytes[start],
                   end - start == 3 || bytes[start + 3] == 32 {
                    throw Unsupported()
                }
            }
            lines.append(Line(start: start, end: end, indent: indent, number: number, ascii: ascii))
        }
    }

    /// C1 controls (U+0080–U+009F, NEL among them), LS and PS (U+2028, U+2029), BOMs inside the
    /// text (U+FEFF) and the non-characters U+FFFE and U+FFFF.
    private func checkNonASCII(at position: Int) throws {
        func byte(_ offset: Int) -> UInt8 { position + offset < bytes.count ? bytes[position + offset] : 0 }
        switch byte(0) {
        case 0xC2:
            if byte(1) >= 0x80 && byte(1) <= 0x9F { throw Unsupported() }
        case 0xE2:
            if byte(1) == 0x80 && (byte(2) == 0xA8 || byte(2) == 0xA9) { throw Unsupported() }
        case 0xEF:
            if byte(1) == 0xBB && byte(2) == 0xBF { throw Unsupported() }
            if byte(1) == 0xBF && (byte(2) == 0xBE || byte(2) == 0xBF) { throw Unsupported() }
        default:
            break
        }
    }

    private func mark(_ line: Line, _ position: Int) -> YAMLMark {
        if line.ascii { return YAMLMark(line: line.number, column: position - line.start + 1) }
        var column = 1
        for offset in line.start..<position where bytes[offset] & 0xC0 != 0x80 { column += 1 }
        return YAMLMark(line: line.number, column: column)
    }

    private func isDash(_ line: Line, at position: Int) -> Bool {
        position < line.end && bytes[position] == 45 && (position + 1 == line.end || bytes[position + 1] == 32)
    }

    private func skipSpaces(_ position: Int, _ line: Line) -> Int {
        var p = position
        while p < line.end, bytes[p] == 32 { p += 1 }
        return p
    }

    /// The next line, when it is indented deeper than `indent`: the value just read would go on
    /// there (a multi-line scalar) or the indentation is wrong.
    private func expectNoContinuation(deeperThan indent: Int) throws {
        if index < lines.count, lines[index].indent > indent { throw Unsupported() }
    }

    // MARK: block structure

    /// A block mapping whose keys are at `indent`; its first key starts at `keyAt` on the current
    /// line (after `- ` when the mapping is an entry of a sequence).
    private mutating func mapping(indent: Int, keyAt start: Int) throws -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Unsupported() }
        // Room for every key at once, so that the array is not grown key by key.
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(entryLines(indent: indent, dashed: false))
        // The keys past the first `keysComparedInPlace`, for the duplicate check.
        var keySet: Set<String> = []
        // A bit for the (length, first byte) of each key so far: a key whose bit is clear repeats
        // none of them, so only a key whose bit is set is compared with the others.
        var seen: UInt64 = 0
        var keyStart = start
        let mappingMark = mark(lines[index], start)
        while true {
            let line = lines[index]
            guard let colon = keyEnd(line, keyStart) else { throw Unsupported() }
            let keyText = string(keyStart, colon)
            if pairs.count < Self.keysComparedInPlace {
                let length = colon - keyStart
                let bit: UInt64 = 1 << UInt64((length &* 31 &+ Int(bytes[keyStart])) & 63)
                if seen & bit != 0, Self.holds(pairs, key: keyText, length: length) { throw Unsupported() }
                seen |= bit
            } else {
                if pairs.count == Self.keysComparedInPlace { keySet = Set(pairs.lazy.compactMap(\.key.text)) }
                guard keySet.insert(keyText).inserted else { throw Unsupported() }
            }
            let keyMark = mark(line, keyStart)
            let valueStart = skipSpaces(colon + 1, line)
            // Each pair is made where it is appended: made from two nodes held in locals, it would
            // be made from copies of both.
            if valueStart == line.end || bytes[valueStart] == 35 {
                pairs.append(YAMLPair(key: .scalar(keyText, plain: true, at: keyMark),
                                  value: try blockValue(parentIndent: indent, emptyAt: mark(line, colon + 1), indentless: true)))
            } else {
                pairs.append(YAMLPair(key: .scalar(keyText, plain: true, at: keyMark), value: try inline(line, valueStart)))
                index += 1
                try expectNoContinuation(deeperThan: indent)
            }
            guard index < lines.count, lines[index].indent >= indent else { break }
            let next = lines[index]
            guard next.indent == indent, !isDash(next, at: next.start + indent) else { throw Unsupported() }
            keyStart = next.start + indent
        }
        return .mapping(pairs, at: mappingMark)
    }

    /// Whether one of `pairs` has the key `key`, of `length` bytes. The keys are read where they
    /// are (each pair copied out of the array would copy both of its nodes).
    private static func holds(_ pairs: [YAMLPair], key: String, length: Int) -> Bool {
        pairs.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].key.isScalar(key, length: length) { return true }
            return false
        }
    }

    /// The lines at `indent` of a mapping's keys or a sequence's entries (`dashed`: up to the first
    /// such line without a `- `), from the current line (the first, which may follow a `- `) to
    /// the first line indented less: how many it has, when it is well formed. Only room is made
    /// from it.
    private func entryLines(indent: Int, dashed: Bool) -> Int {
        var count = 1
        var i = index + 1
        while i < lines.count, lines[i].indent >= indent {
            if lines[i].indent == indent {
                if dashed, !isDash(lines[i], at: lines[i].start + indent) { break }
                count += 1
            }
            i += 1
        }
        return count
    }

    /// The value after a `key:` or `-` that ends its line: a block on the lines indented deeper,
    /// a sequence at the key's own indentation (`indentless`), or an empty scalar placed right
    /// after the indicator (as libyaml places it).
    private mutating func blockValue(parentIndent: Int, emptyAt empty: YAMLMark, indentless: Bool) throws -> YAMLNode {
        index += 1
        guard index < lines.count else { return .scalar("", plain: true, at: empty) }
        let next = lines[index]
        let first = next.start + next.indent
        if next.indent > parentIndent {
            return isDash(next, at: first) ? try sequence(indent: next.indent) : try mapping(indent: next.indent, keyAt: first)
        }
        if indentless, next.indent == parentIndent, isDash(next, at: first) {
            return try sequence(indent: parentIndent)
        }
        return .scalar("", plain: true, at: empty)
    }

    /// A block sequence whose `-` are at `indent`, starting on the current line.
    private mutating func sequence(indent: Int) throws -> YAMLNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw Unsupported() }
        var items: [YAMLNode] = []
        items.reserveCapacity(entryLines(indent: indent, dashed: true))
        let sequenceMark = mark(lines[index], lines[index].start + indent)
        while true {
            let line = lines[index]
            let dash = line.start + indent
            guard isDash(line, at: dash) else { throw Unsupported() }
            let start = skipSpaces(dash + 1, line)
            if start == line.end || bytes[start] == 35 {
                items.append(try blockValue(parentIndent: indent, emptyAt: mark(line, dash + 1), indentless: false))
            } else if isDash(line, at: start) {
                throw Unsupported()
            } else if keyEnd(line, start) != nil {
                items.append(try mapping(indent: start - line.start, keyAt: start))
            } else {
                items.append(try inline(line, start))
                index += 1
                try expectNoContinuation(deeperThan: indent)
            }
            guard index < lines.count, lines[index].indent >= indent else { break }
            let next = lines[index]
            guard next.indent == indent else { throw Unsupported() }
            // A line at the dashes' indentation that is not an entry ends a sequence written at its
            // key's indentation; the mapping around it goes on (or gives up if it cannot).
            guard isDash(next, at: next.start + indent) else { break }
        }
        return .sequence(items, at: sequenceMark)
    }

    /// Where the `:` of a plain key starting at `start` is, when the line is `key:` or `key: …`.
    /// Keys are ASCII names without spaces or YAML indicators, shorter than libyaml's limit.
    private func keyEnd(_ line: Line, _ start: Int) -> Int? {
        guard start < line.end, !Self.keyStartForbidden(bytes[start]) else { return nil }
        var p = start
        while p < line.end, p - start < 1000 {
            let byte = bytes[p]
            if byte == 58 {
                return p > start && (p + 1 == line.end || bytes[p + 1] == 32) ? p : nil
            }
            guard Self.isKeyByte(byte) else { return nil }
            p += 1
        }
        return nil
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        guard byte > 32 && byte < 127 else { return false }
        switch byte {
        case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "*"),
             UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"),
             UInt8(ascii: "`"), UInt8(ascii: "?"), UInt8(ascii: "\\"):
            return false
        default:
            return true
        }
    }

    private static func keyStartForbidden(_ byte: UInt8) -> Bool {
        !isKeyByte(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }

    // MARK: values on one line

    /// A value that starts at `start` and ends on this line: a quoted or plain scalar or a flow
    /// sequence, followed by nothing but spaces and a comment.
    private func inline(_ line: Line, _ start: Int) throws -> YAMLNode {
        let node: YAMLNode
        let end: Int
        switch bytes[start] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            (node, end) = try quoted(line, start)
        case UInt8(ascii: "["):
            (node, end) = try flowSequence(line, start)
        default:
            return try plainToEndOfLine(line, start)
        }
        try expectEndOfLine(line, end)
        return node
    }

    /// Only spaces and a comment (after a space) may follow a value.
    private func expectEndOfLine(_ line: Line, _ position: Int) throws {
        let p = skipSpaces(position, line)
        guard p == line.end || (bytes[p] == 35 && p > position) else { throw Unsupported() }
    }

    /// A plain scalar that runs to the end of the line or to a comment. `: ` inside (a nested
    /// mapping, an error in YAML) and a trailing `:` give up.
    private func plainToEndOfLine(_ line: Line, _ start: Int) throws -> YAMLNode {
        try checkPlainStart(line, start)
        // The scalar runs to a ` #` or the line's end; a `:` before that, followed by a space or
        // ending the line, gives up. Both are looked for with memchr, not byte by byte: nearly every
        // value has neither. (`start` holds no `#`, as `checkPlainStart` says, so a `#` found has a
        // byte before it.)
        var stop = line.end
        var from = start
        while let hash = bytes.firstIndex(of: 35, in: from..<stop) {
            if bytes[hash - 1] == 32 {
                stop = hash
                break
            }
            from = hash + 1
        }
        from = start
        while let colon = bytes.firstIndex(of: 58, in: from..<stop) {
            if colon + 1 == line.end || bytes[colon + 1] == 32 { throw Unsupported() }
            from = colon + 1
        }
        var end = stop
        while end > start, bytes[end - 1] == 32 { end -= 1 }
        return .scalar(string(start, end), plain: true, at: mark(line, start))
    }

    /// What a plain scalar may not start with: YAML's indicators, and `-`, `?`, `:` unless a
    /// digit follows the `-` (a negative number).
    private func checkPlainStart(_ line: Line, _ start: Int) throws {
        let byte = bytes[start]
        switch byte {
        case UInt8(ascii: "-"):
            guard start + 1 < line.end, bytes[start + 1] >= 48 && bytes[start + 1] <= 57 else { throw Unsupported() }
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
             UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Unsupported()
        default:
            break
        }
    }

    /// A quoted scalar closed on this line, and the position after its closing quote.
    private func quoted(_ line: Line, _ start: Int) throws -> (YAMLNode, Int) {
        let quote = bytes[start]
        var p = start + 1
        var text: [UInt8] = []
        var copied = false
        while p < line.end {
            let byte = bytes[p]
            if quote == 34 && byte == 92 { throw Unsupported() }
            if byte == quote {
                if quote == 39, p + 1 < line.end, bytes[p + 1] == 39 {
                    // '' is one quote inside single quotes.
                    if !copied { text = Array(bytes[(start + 1)..<p]); copied = true }
                    text.append(39)
                    p += 2
                    continue
                }
                let value = copied ? String(decoding: text, as: UTF8.self) : string(start + 1, p)
                return (.scalar(value, plain: false, at: mark(line, start)), p + 1)
            }
            if copied { text.append(byte) }
            p += 1
        }
        throw Unsupported()
    }

    /// A flow sequence `[a, "b", c]` closed on this line, of scalars without `:` or `#`, and the
    /// position after its `]`.
    private func flowSequence(_ line: Line, _ start: Int) throws -> (YAMLNode, Int) {
        var p = skipSpaces(start + 1, line)
        if p < line.end, bytes[p] == UInt8(ascii: "]") {
            return (.sequence([], at: mark(line, start)), p + 1)
        }
        // Room for every item at once: there is at most one more than there are commas on the line.
        var items: [YAMLNode] = []
        items.reserveCapacity(1 + bytes[p..<line.end].count { $0 == UInt8(ascii: ",") })
        while true {
            guard p < line.end else { throw Unsupported() }
            switch bytes[p] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let (item, end) = try quoted(line, p)
                items.append(item)
                p = end
            default:
                try checkPlainStart(line, p)
                var end = p
                var q = p
                while q < line.end {
                    let byte = bytes[q]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                    switch byte {
                    case UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"):
                        throw Unsupported()
                    default:
                        break
                    }
                    if byte != 32 { end = q + 1 }
                    q += 1
                }
                items.append(.scalar(string(p, end), plain: true, at: mark(line, p)))
                p = q
            }
            p = skipSpaces(p, line)
            guard p < line.end else { throw Unsupported() }
            if bytes[p] == UInt8(ascii: "]") { return (.sequence(items, at: mark(line, start)), p + 1) }
            guard bytes[p] == UInt8(ascii: ",") else { throw Unsupported() }
            p = skipSpaces(p + 1, line)
            if p < line.end, bytes[p] == UInt8(ascii: "]") || bytes[p] == UInt8(ascii: ",") { throw Unsupported() }
        }
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
