#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The links and images of a Markdown body and where its first raw HTML is, as cmark-gfm reads
/// them for the site. `check` reads every body, and a cmark parse of each would cost it more than
/// all its rules, so `scan` reads them from the bytes first, the way `YAMLSubsetReader` reads
/// front-matter before Yams: it reads the shapes people write (inline links and images in
/// paragraphs, headings, lists, quotes and tables, code blocks and spans, escapes), and gives up,
/// leaving the body to cmark (`MarkdownRenderer.references`), on any shape it does not read as
/// cmark does: raw HTML, reference definitions and some nestings among them.
/// `MarkdownReferencesDifferential` compares the two, in the tests and the `markdown` fuzz target.
/// Links to the web or to mail (autolinks among them) are always kept by the site: neither lists
/// them.
package struct MarkdownReferences: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case link, image
    }

    /// A line from 0 (the body's first) and a column from 1, in Unicode scalars.
    package struct Position: Sendable, Equatable, Comparable, CustomStringConvertible {
        package var line: Int
        package var column: Int

        package init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        package static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
        package var description: String { "\(line):\(column)" }
    }

    package struct Reference: Sendable, Equatable {
        package var kind: Kind
        /// As the reader sees it: without `<…>`, backslash escapes and entities resolved. A link
        /// that uses a reference definition has the definition's.
        package var destination: String
        /// Of the `[` (an image's `!`); a link inside another's text is text, as in cmark.
        package var position: Position

        package init(kind: Kind, destination: String, position: Position) {
            self.kind = kind
            self.destination = destination
            self.position = position
        }
    }

    /// In the order of the body; a link to the web or to mail, which the site keeps, is left out.
    package var references: [Reference] = []
    /// The first raw HTML (a tag, closing tag, comment or declaration), if any.
    package var rawHTML: Position?

    package init(references: [Reference] = [], rawHTML: Position? = nil) {
        self.references = references
        self.rawHTML = rawHTML
    }

    /// Whether the site keeps a link or an image to this destination.
    package typealias Keeps = (_ kind: Kind, _ destination: String) -> Bool

    /// The links and images of the body that the site does not keep (`keeps`), and its first raw
    /// HTML: read from its bytes when `scan` can, else by cmark-gfm. Most bodies are read by a
    /// look at their inline links alone (`allKept`); only what is reported is given a position.
    package static func problems(in text: String, keeps: Keeps) -> MarkdownReferences {
        guard text.utf8.count <= MarkdownLimits.maximumBytes else { return MarkdownReferences() }
        var text = text
        let scanned = text.withUTF8 { bytes -> MarkdownReferences? in
            guard readable(bytes) else { return nil }
            if allKept(bytes, keeps: keeps) { return MarkdownReferences() }
            var scanner = Scanner(bytes)
            scanner.run()
            guard !scanner.unsure else { return nil }
            return scanner.result { !keeps($0, $1) }
        }
        if let scanned { return scanned }
        var found = MarkdownRenderer.references(text)
        found.references.removeAll { keeps($0.kind, $0.destination) }
        return found
    }

    /// Every link and image of the body (but links to the web or to mail), read from its bytes.
    /// A body over `MarkdownLimits.maximumBytes` is shown as plain text: it has nothing to find.
    /// Nil: a shape the scan does not read as cmark does, left to `MarkdownRenderer.references`.
    package static func scan(_ text: String) -> MarkdownReferences? {
        guard text.utf8.count <= MarkdownLimits.maximumBytes else { return MarkdownReferences() }
        var text = text
        return text.withUTF8 { bytes -> MarkdownReferences? in
            guard readable(bytes) else { return nil }
            var scanner = Scanner(bytes)
            scanner.run()
            guard !scanner.unsure else { return nil }
            return scanner.result { _, _ in true }
        }
    }

    /// Whether the scan may read the body: none of the shapes it leaves to cmark at a glance.
    static func readable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The autolink extension makes links of bare `ftp://…` and `xmpp:…`, which the site drops.
        var colon = 0
        while let at = bytes.firstIndex(of: UInt8(ascii: ":"), in: colon..<bytes.count) {
            func endsWith(_ word: StaticString) -> Bool {
                let n = word.utf8CodeUnitCount
                guard at >= n else { return false }
                return LinkTarget.startsIgnoringCase(UnsafeBufferPointer(rebasing: bytes[(at - n)..<at]), word)
            }
            if endsWith("ftp") || endsWith("xmpp") { return false }
            colon = at + 1
        }
        // A tag, comment or autolink (`<` then a letter, `/`, `!` or `?`): raw HTML and HTML
        // blocks are cmark's to tell.
        var lt = 0
        while let at = bytes.firstIndex(of: UInt8(ascii: "<"), in: lt..<bytes.count) {
            let next = at + 1 < bytes.count ? bytes[at + 1] : 0
            if (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z") || next == UInt8(ascii: "/")
                || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") { return false }
            lt = at + 1
        }
        // A reference definition (`[ref]: destination`) may take lines and titles in ways the
        // scan does not follow.
        var bracket = 0
        while let at = bytes.firstIndex(of: UInt8(ascii: "]"), in: bracket..<bytes.count) {
            if at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: ":") { return false }
            bracket = at + 1
        }
        return true
    }

    /// Whether every link the body can hold is kept, without reading its blocks: in a `readable`
    /// body cmark makes a link only of `[text](destination)`, whose `](` the look below finds
    /// wherever it is (in code too); when each destination, read as cmark reads a plain one, is
    /// kept, and no `![` makes an image, nothing is left out, whatever is a link and whatever not.
    static func allKept(_ bytes: UnsafeBufferPointer<UInt8>, keeps: Keeps) -> Bool {
        var from = 0
        while let bang = bytes.firstIndex(of: UInt8(ascii: "!"), in: from..<bytes.count) {
            if bang + 1 < bytes.count, bytes[bang + 1] == UInt8(ascii: "[") { return false }
            from = bang + 1
        }
        from = 0
        while let close = bytes.firstIndex(of: UInt8(ascii: "]"), in: from..<bytes.count) {
            from = close + 1
            guard from < bytes.count, bytes[from] == UInt8(ascii: "(") else { continue }
            // Spaces, tabs and at most one line end, then the destination up to a space or `)`.
            var k = from + 1, lines = 0
            while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") || bytes[k] == UInt8(ascii: "\n") {
                if bytes[k] == UInt8(ascii: "\n") { lines += 1 }
                k += 1
            }
            let start = k
            while k < bytes.count, bytes[k] > UInt8(ascii: " "), bytes[k] != UInt8(ascii: ")") {
                // What cmark reads otherwise than as it stands: `<…>`, escapes, entities,
                // parentheses, control characters.
                switch bytes[k] {
                case UInt8(ascii: "<"), UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "("), 0x7F: return false
                default: k += 1
                }
            }
            // Ended by `)` or white space; not by the body's end or a control character.
            guard lines <= 1, k < bytes.count else { return false }
            switch bytes[k] {
            case UInt8(ascii: ")"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            default: return false
            }
            if !keeps(.link, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self)) { return false }
        }
        return true
    }

    /// The positions of byte offsets into `bytes`, given in increasing order, in one pass.
    static func positions(of offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> [Position] {
        var out: [Position] = []
        out.reserveCapacity(offsets.count)
        var line = 0, lineStart = 0, k = 0
        for offset in offsets {
            // Whole lines by `memchr`, then the scalars of the last.
            while let lf = bytes.firstIndex(of: UInt8(ascii: "\n"), in: k..<min(offset, bytes.count)) {
                line += 1
                lineStart = lf + 1
                k = lf + 1
            }
            k = max(k, lineStart)
            var column = 1
            for i in lineStart..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
            out.append(Position(line: line, column: column))
        }
        return out
    }
}

private let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]"), lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
private let backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~"), bang = UInt8(ascii: "!")
private let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")

/// One pass over the lines to find the blocks whose text is inline Markdown, then one over each
/// such block that holds a `[` for its links and images.
private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    /// What was found, at byte offsets.
    var references: [(kind: MarkdownReferences.Kind, destination: String, offset: Int)] = []
    /// A shape read otherwise than cmark may read it: the body is left to cmark.
    var unsure = false
    /// Byte ranges of inline text: the lines of one paragraph, heading, list item or table.
    var blocks: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// The byte at `i`, or 0 past either end: every look-ahead goes through here.
    @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < b.count ? b[i] : 0 }

    /// The references `wanted` (kind, destination), at their lines and columns.
    func result(_ wanted: (MarkdownReferences.Kind, String) -> Bool) -> MarkdownReferences {
        let kept = references.filter { r in
            // The site keeps every link to the web or to mail.
            !(r.kind == .link && LinkTarget.isWeb(r.destination)) && wanted(r.kind, r.destination)
        }
        let sorted = Array(Set(kept.map(\.offset))).sorted()
        let positions = MarkdownReferences.positions(of: sorted, in: b)
        var at: [Int: MarkdownReferences.Position] = [:]
        for (offset, position) in zip(sorted, positions) { at[offset] = position }
        return MarkdownReferences(references: kept.compactMap { r in at[r.offset].map { .init(kind: r.kind, destination: r.destination, position: $0) } })
    }

    mutating func run() {
        // The last `[`: no line after the block that holds it can change what is found.
        var last = -1, from = 0
        while let k = b.firstIndex(of: openBracket, in: from..<b.count) { last = k; from = k + 1 }
        blocks.reserveCapacity(16)
        readLines(upTo: last)
        // Only the blocks that hold a `[` are read again.
        var brackets = -1
        for block in blocks {
            if brackets < block.lowerBound { brackets = b.firstIndex(of: openBracket, in: block.lowerBound..<b.count) ?? b.count }
            if brackets < block.upperBound { readInline(block, insideLink: false) }
        }
    }

    // MARK: blocks

    /// A line's container markers (block quotes, a list item's marker) and where its text begins.
    struct LinePrefix {
        /// Columns of white space before the first marker or the text.
        var indent = 0
        /// Columns of white space after the last marker, before the text (all of them when none).
        var innerIndent = 0
        var quotes = 0
        /// Of those, the quotes before a list item's marker (the quotes the list is in).
        var quotesBeforeList = 0
        var listItem = false
        /// A numbered item's marker among them, and how many markers.
        var ordered = false
        var markers = 0
        /// The column of a list item's text.
        var column = 0
        /// A list item whose text begins 5 or more columns after its marker: indented code.
        var codeInItem = false
        /// The byte offset of the text, and its column.
        var text = 0
        var textColumn = 0
    }

    /// The prefix of the line `start..<end`; list markers are read only when `markers`.
    func prefix(from start: Int, to end: Int, markers: Bool) -> LinePrefix {
        var p = LinePrefix()
        var i = start, column = 0
        func spaces() -> Int {
            let from = column
            while i < end, at(i) == space || at(i) == tab {
                column += at(i) == tab ? 4 - column % 4 : 1
                i += 1
            }
            return column - from
        }
        p.indent = spaces()
        p.innerIndent = p.indent
        while i < end {
            if at(i) == gt, p.innerIndent < 4 {
                p.quotes += 1
                i += 1
                column += 1
                if at(i) == space { i += 1; column += 1 }
                p.innerIndent = spaces()
                continue
            }
            if markers, p.innerIndent < 4, isListMarker(at: i) {
                if isDigit(at(i)) { p.ordered = true }
                while i < end, at(i) != space, at(i) != tab { i += 1; column += 1 }
                let markerEnd = column
                let after = spaces()
                if !p.listItem { p.quotesBeforeList = p.quotes }
                p.listItem = true
                p.markers += 1
                if after >= 5, i < end, at(i) != cr {
                    p.codeInItem = true
                    p.column = markerEnd + 1
                    break
                }
                p.column = column
                p.innerIndent = 0
                continue
            }
            break
        }
        p.text = i
        p.textColumn = column
        return p
    }

    /// Where a block that cannot hold lazy lines (code, HTML) was opened: the block quotes around
    /// it and the column of the list item's text it is in (0 when none). A line outside them closes it.
    struct Container: Equatable {
        var quotes: Int
        var column: Int

        func isLeft(by line: LinePrefix, blank: Bool) -> Bool {
            !blank && (line.quotes < quotes || (column > 0 && (line.quotes == quotes ? line.textColumn : line.indent) < column))
        }
    }

    mutating func readLines(upTo last: Int) {
        var start = 0
        var fence: (byte: UInt8, length: Int, in: Container)?
        var previousBlank = true, previousQuotes = 0, inTable = false
        // The quotes around the list the lines are in, and around the paragraph being read.
        var listQuotes = 0, blockQuotes = 0
        // The column of the text of the list item the lines are in, 0 outside lists.
        var listColumn = 0
        var blockStart: Int?
        func endBlock(at end: Int, _ blocks: inout [Range<Int>], _ blockStart: inout Int?) {
            if let s = blockStart, s < end { blocks.append(s..<end) }
            blockStart = nil
        }
        while start < b.count {
            // Past the last `[`, once its block and any code block have ended.
            if start > last, blockStart == nil, fence == nil { break }
            let end = b.firstIndex(of: lf, in: start..<b.count) ?? b.count
            defer { start = end + 1 }
            if start == end, fence == nil {
                endBlock(at: start, &blocks, &blockStart)
                previousBlank = true
                inTable = false
                continue
            }
            // Most lines begin with a letter: paragraph text, which nothing above closes or reads
            // otherwise (a blank line is read below).
            if fence == nil, start < end, isASCIILetter(at(start)) || at(start) >= 0x80 {
                if blockStart == nil { listColumn = 0 }
                previousBlank = false
                previousQuotes = 0
                if inTable {
                    blocks.append(start..<end)
                } else if blockStart == nil {
                    blockStart = start
                    blockQuotes = 0
                }
                continue
            }
            let quoted = prefix(from: start, to: end, markers: false)
            let blank = quoted.text >= end || (at(quoted.text) == cr && quoted.text + 1 >= end)
            if let open = fence {
                if open.in.isLeft(by: quoted, blank: blank) {
                    fence = nil
                } else {
                    if quoted.innerIndent < open.in.column + 4, isFence(from: quoted.text, to: end, closing: (open.byte, open.length)) { fence = nil }
                    continue
                }
            }
            if blank {
                endBlock(at: start, &blocks, &blockStart)
                previousBlank = true
                inTable = false
                continue
            }
            defer { previousBlank = false }
            // A thematic break or a heading's underline (`***`, `---`, `===`) ends what is above it.
            // An underline outside the paragraph's quote or list is text of it (a lazy line).
            let underline = at(quoted.text) == UInt8(ascii: "=")
            if quoted.innerIndent < 4, isBreakOrUnderline(from: quoted.text, to: end),
               !(underline && (blockStart == nil || quoted.quotes < blockQuotes || quoted.indent < listColumn)) {
                endBlock(at: start, &blocks, &blockStart)
                if quoted.indent < listColumn, !underline { listColumn = 0 }
                inTable = false
                continue
            }
            let first = at(quoted.text)
            var line = first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || isDigit(first)
                ? prefix(from: start, to: end, markers: true) : quoted
            // A numbered list interrupts a paragraph only when it starts at 1; a line outside the
            // paragraph's quote or list item does not continue it, and starts the list whatever its number.
            if line.listItem, blockStart != nil, isDigit(at(quoted.text)) {
                var k = quoted.text, number = 0
                while isDigit(at(k)), number < 1_000_000_000 { number = number * 10 + Int(at(k) - UInt8(ascii: "0")); k += 1 }
                let outside = quoted.quotes != blockQuotes || (listColumn > 0 && quoted.indent < listColumn)
                if number != 1, !outside { line = quoted }
            }
            // A numbered list in a quote or in another list, and an item holding only a rule, are
            // read otherwise by cmark in some cases: left to it.
            if line.listItem, line.markers > 1 || (line.ordered && (line.quotes > 0 || (listColumn > 0 && line.indent >= listColumn))) {
                unsure = true
            }
            if line.listItem, isBreakOrUnderline(from: line.text, to: end) { unsure = true }
            // A line left of a list's items ends it, unless it continues a paragraph lazily.
            if !line.listItem, blockStart == nil, line.indent < listColumn || (previousBlank && line.quotes < listQuotes) { listColumn = 0 }
            // An indented code block: never inside a paragraph, nor as a list item's lines.
            if line.codeInItem || (!line.listItem && line.innerIndent >= 4 && (blockStart == nil || inTable)
                && (listColumn == 0 || line.indent >= listColumn + 4)) {
                endBlock(at: start, &blocks, &blockStart)
                inTable = false
                if line.listItem { (listColumn, listQuotes) = (line.column, line.quotesBeforeList) }
                previousQuotes = line.quotes
                continue
            }
            // A list item, or a deeper block quote, begins a block of its own.
            if line.listItem || line.quotes > previousQuotes {
                endBlock(at: start, &blocks, &blockStart)
                inTable = false
                if !line.listItem, line.indent < listColumn { listColumn = 0 }
            }
            if line.listItem { (listColumn, listQuotes) = (line.column, line.quotesBeforeList) }
            previousQuotes = line.quotes
            // A block that starts left of a list's items ends the list.
            let endsList = !line.listItem && line.indent < listColumn
            let i = line.text
            let container = Container(quotes: line.quotes, column: line.listItem ? line.column : (line.indent >= listColumn ? listColumn : 0))
            // Indented 4 columns past its container, a line that is not code continues a paragraph.
            let ownIndent = line.quotes > 0 || line.listItem ? line.innerIndent : line.indent - container.column
            if ownIndent >= 4 {
                if blockStart == nil { blockStart = start }
                continue
            }
            if let open = openingFence(from: i, to: end) {
                endBlock(at: start, &blocks, &blockStart)
                if endsList { listColumn = 0 }
                inTable = false
                fence = (open.byte, open.length, container)
                continue
            }
            // A table's rows are a line each; its delimiter row (`|---|:--|`) follows the header.
            if inTable {
                // A table's cells are read by the table extension, which leaves out text past the
                // header's cells: a row with a link is left to cmark.
                if b.firstIndex(of: openBracket, in: start..<end) != nil { unsure = true }
                blocks.append(start..<end)
                continue
            }
            // An ATX heading is a block of one line.
            if at(i) == UInt8(ascii: "#") {
                var k = i
                while at(k) == UInt8(ascii: "#"), k - i < 7 { k += 1 }
                if k - i <= 6, k >= end || at(k) == space || at(k) == tab || at(k) == cr {
                    endBlock(at: start, &blocks, &blockStart)
                    inTable = false
                    if endsList { listColumn = 0 }
                    blocks.append(start..<end)
                    continue
                }
            }
            if let header = blockStart, line.quotes == blockQuotes, isDelimiterRow(from: i, to: end) {
                // The header is the paragraph's last line alone.
                if b.firstIndex(of: openBracket, in: header..<start) != nil { unsure = true }
                endBlock(at: start, &blocks, &blockStart)
                inTable = true
                continue
            }
            // An empty list item holds no paragraph for the next line to continue.
            if blockStart == nil, i < end, at(i) != cr {
                blockStart = start
                blockQuotes = line.quotes
            }
        }
        endBlock(at: b.count, &blocks, &blockStart)
    }

    /// Three or more `*`, `-` or `_` (spaces between), or `=` or `-` alone: a thematic break or the
    /// underline of a heading.
    func isBreakOrUnderline(from i: Int, to end: Int) -> Bool {
        let c = at(i)
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "=") else { return false }
        var count = 0, k = i, spaced = false
        while k < end {
            if at(k) == c { count += 1 } else if at(k) == space || at(k) == tab || at(k) == cr { spaced = true } else { return false }
            k += 1
        }
        // `=` and `-` underline a paragraph at any length; a break has three; `==` with spaces is text.
        return count >= 3 || ((c == UInt8(ascii: "=") || c == UInt8(ascii: "-")) && !spaced)
    }

    /// `| --- | :-: |`: only pipes, dashes, colons and spaces, with a dash and a pipe.
    func isDelimiterRow(from i: Int, to end: Int) -> Bool {
        var dash = false, pipe = false, k = i
        while k < end {
            switch at(k) {
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: "|"): pipe = true
            case UInt8(ascii: ":"), space, tab, cr: break
            default: return false
            }
            k += 1
        }
        return dash && pipe
    }

    /// A list item's marker at `i`: `-`, `*`, `+` or up to nine digits and `.` or `)`, then a space.
    func isListMarker(at i: Int) -> Bool {
        let c = at(i)
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") {
            return at(i + 1) == space || at(i + 1) == tab
        }
        var k = i
        while k - i < 9, isDigit(at(k)) { k += 1 }
        return k > i && (at(k) == UInt8(ascii: ".") || at(k) == closeParen) && (at(k + 1) == space || at(k + 1) == tab)
    }

    func openingFence(from i: Int, to end: Int) -> (byte: UInt8, length: Int)? {
        let c = at(i)
        guard c == backtick || c == tilde else { return nil }
        var k = i
        while k < end, at(k) == c { k += 1 }
        guard k - i >= 3 else { return nil }
        // A backtick fence's info string has no backtick (else it is a code span).
        if c == backtick, b.firstIndex(of: backtick, in: k..<end) != nil { return nil }
        return (c, k - i)
    }

    func isFence(from i: Int, to end: Int, closing open: (byte: UInt8, length: Int)) -> Bool {
        var k = i
        while k < end, at(k) == open.byte { k += 1 }
        guard k - i >= open.length else { return false }
        while k < end, at(k) == space || at(k) == tab || at(k) == cr { k += 1 }
        return k >= end
    }

    // MARK: inline

    mutating func readInline(_ block: Range<Int>, insideLink: Bool) {
        var i = block.lowerBound
        // Where the next `[` and backtick are (`limit` for none), each looked for again by
        // `memchr` only once passed.
        let limit = block.upperBound
        var brackets = -1, ticks = -1
        while i < limit {
            if brackets < i { brackets = b.firstIndex(of: openBracket, in: i..<limit) ?? limit }
            if ticks < i { ticks = b.firstIndex(of: backtick, in: i..<limit) ?? limit }
            i = min(brackets, ticks)
            guard i < limit else { return }
            if isEscaped(i, from: block.lowerBound) {
                i += 1
                continue
            }
            switch at(i) {
            case backtick:
                i = endOfCodeSpan(at: i, limit: block.upperBound)
            default:
                // The autolink extension takes a bare address up to the next space, brackets and all.
                var k = i - 1
                while k >= block.lowerBound, at(k) > space {
                    if at(k) == UInt8(ascii: "@") || (at(k) == UInt8(ascii: ":") && at(k + 1) == UInt8(ascii: "/"))
                        || (at(k) == UInt8(ascii: ".") && k >= 3 && at(k - 1) | 0x20 == UInt8(ascii: "w")) { unsure = true }
                    k -= 1
                }
                let image = i > block.lowerBound && at(i - 1) == bang && !isEscaped(i - 1, from: block.lowerBound)
                i = readBracket(at: i, image: image, block: block, insideLink: insideLink)
            }
        }
    }

    /// Whether the byte at `i` follows an odd number of backslashes.
    func isEscaped(_ i: Int, from start: Int) -> Bool {
        var k = i - 1, count = 0
        while k >= start, at(k) == backslash { count += 1; k -= 1 }
        return count % 2 == 1
    }

    /// Past the code span that a run of backticks at `i` opens, or past the run when none closes it.
    func endOfCodeSpan(at i: Int, limit: Int) -> Int {
        var k = i
        while k < limit, at(k) == backtick { k += 1 }
        let length = k - i
        while let open = b.firstIndex(of: backtick, in: k..<limit) {
            var close = open
            while close < limit, at(close) == backtick { close += 1 }
            if close - open == length { return close }
            k = close
        }
        return i + length
    }

    /// `[` at `i` (after a `!` for an image): a link, an image or plain text. Returns where to go on.
    mutating func readBracket(at i: Int, image: Bool, block: Range<Int>, insideLink: Bool) -> Int {
        guard let close = closingBracket(of: i, limit: block.upperBound) else { return i + 1 }
        let start = image ? i - 1 : i
        // Inline: `[text](destination "title")`.
        if at(close + 1) == openParen, let end = inlineDestination(after: close + 1, limit: block.upperBound) {
            // In cmark a link inside a link's text is the link, and the outer brackets are text;
            // an image there is an image. What an image's description holds is cmark's to read.
            if !image, insideLink { unsure = true }
            if image, b.firstIndex(of: openBracket, in: i + 1..<close) != nil { unsure = true }
            // A `](` inside the text may close an inner link first, as cmark reads brackets.
            var k = i + 1
            while let inner = b.firstIndex(of: closeBracket, in: k..<close) {
                if at(inner + 1) == openParen { unsure = true }
                k = inner + 1
            }
            if image || !insideLink {
                references.append((image ? .image : .link, end.destination, start))
            }
            if !image { readInline(i + 1..<close, insideLink: true) }
            return end.after
        }
        // Without a definition in the body (`scan` leaves those to cmark), `[text][ref]` and
        // `[ref]` are text.
        return i + 1
    }

    /// The `]` that closes the `[` at `i`, with brackets inside balanced, skipping escapes and
    /// code spans; nil when none does before `limit`.
    func closingBracket(of i: Int, limit: Int) -> Int? {
        var depth = 0, k = i
        while k < limit {
            switch at(k) {
            case backslash: k += 2; continue
            case backtick: k = endOfCodeSpan(at: k, limit: limit); continue
            case openBracket: depth += 1
            case closeBracket:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// `(destination "title")` from the `(` at `open`: the destination and the position after `)`.
    mutating func inlineDestination(after open: Int, limit: Int) -> (destination: String, after: Int)? {
        var k = open + 1
        k = skipSpaces(k, limit: limit)
        if at(k) == closeParen { return ("", k + 1) }
        guard let (destination, end) = destination(at: k, limit: limit, inParentheses: true) else { return nil }
        k = skipSpaces(end, limit: limit)
        if at(k) == UInt8(ascii: "\"") || at(k) == UInt8(ascii: "'") || at(k) == openParen, k > end {
            let quote = at(k) == openParen ? closeParen : at(k)
            k += 1
            while k < limit, at(k) != quote { k += at(k) == backslash ? 2 : 1 }
            guard k < limit else { return nil }
            k = skipSpaces(k + 1, limit: limit)
        }
        return at(k) == closeParen ? (destination, k + 1) : nil
    }

    /// Spaces, tabs and at most one line end.
    func skipSpaces(_ i: Int, limit: Int) -> Int {
        var k = i, lines = 0
        while k < limit {
            let c = at(k)
            if c == lf { lines += 1; if lines > 1 { break } } else if c != space, c != tab, c != cr { break }
            k += 1
        }
        return k
    }

    /// A link destination at `i`: `<…>` or a run without spaces or control characters (with
    /// balanced parentheses inside a link's).
    mutating func destination(at i: Int, limit: Int, inParentheses: Bool) -> (String, Int)? {
        var k = i
        if at(k) == lt {
            k += 1
            while k < limit, at(k) != gt {
                if at(k) == lf || at(k) == lt { return nil }
                k += at(k) == backslash && isASCIIPunctuation(at(k + 1)) ? 2 : 1
            }
            guard k < limit else { return nil }
            return (unescaped(i + 1..<k), k + 1)
        }
        var depth = 0
        while k < limit {
            let c = at(k)
            if c == space || c == tab || c == lf || c == cr { break }
            // Other control characters end a destination for CommonMark, not for cmark-gfm.
            if c < space || c == 0x7F {
                unsure = true
                break
            }
            // A backslash escapes punctuation only; before anything else it is itself.
            if c == backslash, isASCIIPunctuation(at(k + 1)) { k += 2; continue }
            if c == openParen { depth += 1 }
            if c == closeParen {
                if depth == 0 { break }
                depth -= 1
            }
            k += 1
        }
        // cmark counts parentheses in a destination its own way, balanced or not.
        if b[i..<min(k, limit)].contains(openParen) { unsure = true }
        guard depth == 0, inParentheses || k > i else { return nil }
        return (unescaped(i..<min(k, limit)), min(k, limit))
    }

    /// The text of `range` with backslash escapes resolved.
    mutating func unescaped(_ range: Range<Int>) -> String {
        let raw = UnsafeBufferPointer(rebasing: b[range])
        // An entity (`&amp;`, `&eacute;`): cmark knows them all, the scan none.
        if raw.contains(UInt8(ascii: "&")) { unsure = true }
        guard raw.contains(backslash) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            let c = raw[k]
            if c == backslash, k + 1 < raw.count, isASCIIPunctuation(raw[k + 1]) {
                out.append(raw[k + 1])
                k += 2
                continue
            }
            out.append(c)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
@inline(__always) private func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
private func isASCIIPunctuation(_ c: UInt8) -> Bool {
    (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
}
