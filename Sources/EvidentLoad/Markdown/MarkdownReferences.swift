#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The link and image destinations of a Markdown body, and where its first raw HTML is, read from
/// its bytes without parsing it: `check` reads every body, and a parse would cost it more than
/// all its rules. It reads what cmark-gfm makes a link of in the bodies people write: inline links
/// and images (`[text](dest)`, `![alt](dest "title")`), reference definitions (`[ref]: dest`) and
/// the links and images that use them (`[text][ref]`, `[ref][]`, `[ref]`), skipping fenced and
/// indented code blocks, code spans, backslash escapes and HTML blocks. Autolinks (`<https://…>`)
/// and bare web addresses are always kept by the site, so they are not read.
package struct MarkdownReferences: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case link, image
        /// A reference definition that a link uses (once, however many links use it).
        case definition
    }

    package struct Reference: Sendable, Equatable {
        package var kind: Kind
        /// As the reader sees it: without `<…>`, backslash escapes and entities resolved.
        package var destination: String
        /// Of the `[` (or `!`) in the body's UTF-8.
        package var offset: Int
    }

    /// In the order of the body.
    package var references: [Reference] = []
    /// The offset of the first raw HTML (a tag, closing tag, comment or declaration), if any.
    package var rawHTML: Int?

    package init() {}

    /// A body over `MarkdownLimits.maximumBytes` is shown as plain text: it has nothing to find.
    package static func scan(_ text: String) -> MarkdownReferences {
        guard text.utf8.count <= MarkdownLimits.maximumBytes else { return MarkdownReferences() }
        var text = text
        return text.withUTF8 { bytes in
            // Nothing to find in a body without a `[` or a `<`: most are read by `memchr` alone.
            guard bytes.firstIndex(of: UInt8(ascii: "["), in: 0..<bytes.count) != nil
                || bytes.firstIndex(of: UInt8(ascii: "<"), in: 0..<bytes.count) != nil else { return MarkdownReferences() }
            var scanner = Scanner(bytes)
            scanner.run()
            return scanner.found
        }
    }

    /// The line (from 0, the body's first) and column (from 1, in Unicode scalars) of `offset`.
    package static func position(of offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 0, column = 1
        for (k, byte) in text.utf8.enumerated() {
            if k >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

private let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]"), lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">")
private let backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~"), bang = UInt8(ascii: "!")
private let openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")

/// One pass over the lines to find the blocks whose text is inline Markdown and the reference
/// definitions, then one over each such block for its links, images and HTML.
private struct Scanner {
    let b: UnsafeBufferPointer<UInt8>
    var found = MarkdownReferences()
    /// Byte ranges of inline text: the lines of one paragraph, heading, list item or table.
    var blocks: [Range<Int>] = []
    /// Normalised label → (destination, offset), the first definition of each label.
    var definitions: [String: (destination: String, offset: Int)] = [:]
    /// Labels whose definition a link uses, already reported.
    var usedDefinitions: Set<String> = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// The byte at `i`, or 0 past either end: every look-ahead goes through here.
    @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < b.count ? b[i] : 0 }

    mutating func run() {
        // The last `[` or `<`: no line after the block that holds it can change what is found.
        var last = -1
        for byte in [openBracket, lt] {
            var from = last + 1
            while let k = b.firstIndex(of: byte, in: from..<b.count) { last = max(last, k); from = k + 1 }
        }
        blocks.reserveCapacity(16)
        readLines(upTo: last)
        // Only the blocks that hold a `[` or a `<` are read again.
        var brackets = -1, lts = -1
        for block in blocks {
            if brackets < block.lowerBound { brackets = b.firstIndex(of: openBracket, in: block.lowerBound..<b.count) ?? b.count }
            if lts < block.lowerBound { lts = b.firstIndex(of: lt, in: block.lowerBound..<b.count) ?? b.count }
            if min(brackets, lts) < block.upperBound { readInline(block, insideLink: false) }
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
                while i < end, at(i) != space, at(i) != tab { i += 1; column += 1 }
                let markerEnd = column
                let after = spaces()
                if !p.listItem { p.quotesBeforeList = p.quotes }
                p.listItem = true
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
        // An HTML block: the text that ends it (`-->`), or nil when a blank line does.
        var html: (end: [UInt8]?, in: Container)?
        var previousBlank = true, previousQuotes = 0, inTable = false, afterDefinition = false
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
            // Past the last `[` or `<`, once its block and any code or HTML block have ended.
            if start > last, blockStart == nil, fence == nil, html == nil { break }
            let end = b.firstIndex(of: lf, in: start..<b.count) ?? b.count
            defer { start = end + 1 }
            if start == end, fence == nil, html == nil {
                endBlock(at: start, &blocks, &blockStart)
                previousBlank = true
                inTable = false
                afterDefinition = false
                continue
            }
            // Most lines begin with a letter: paragraph text, which nothing above closes or reads
            // otherwise (a blank line is read below).
            if fence == nil, html == nil, start < end, isASCIILetter(at(start)) || at(start) >= 0x80 {
                if blockStart == nil { listColumn = 0 }
                afterDefinition = false
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
            if let open = html {
                if open.in.isLeft(by: quoted, blank: blank) {
                    html = nil
                } else if let marker = open.end {
                    if contains(marker, in: start..<end) { html = nil }
                    continue
                } else if blank {
                    html = nil
                } else {
                    continue
                }
            }
            if blank {
                endBlock(at: start, &blocks, &blockStart)
                previousBlank = true
                inTable = false
                afterDefinition = false
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
                afterDefinition = false
                continue
            }
            let first = at(quoted.text)
            var line = first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") || isDigit(first)
                ? prefix(from: start, to: end, markers: true) : quoted
            // A numbered list interrupts a paragraph only when it starts at 1.
            if line.listItem, blockStart != nil, isDigit(at(quoted.text)) {
                var k = quoted.text, number = 0
                while isDigit(at(k)), number < 1_000_000_000 { number = number * 10 + Int(at(k) - UInt8(ascii: "0")); k += 1 }
                if number != 1 { line = quoted }
            }
            // The lines after a reference definition continue its paragraph.
            let continuesDefinition = afterDefinition
            afterDefinition = false
            // A line left of a list's items ends it, unless it continues a paragraph lazily.
            if !line.listItem, blockStart == nil, line.indent < listColumn || (previousBlank && line.quotes < listQuotes) { listColumn = 0 }
            // An indented code block: never inside a paragraph, nor as a list item's lines.
            if line.codeInItem || (!line.listItem && line.innerIndent >= 4 && (blockStart == nil || inTable) && !continuesDefinition
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
            // A line left of the list or quote of the paragraph above is outside it, unless nothing else
            // starts there: then it continues the paragraph lazily. A lone tag does start a block there.
            let outside = endsList || (blockStart != nil && line.quotes < blockQuotes)
            if at(i) == lt, let block = htmlBlock(at: i, lineEnd: end), (blockStart == nil && !continuesDefinition) || block.interrupts || outside {
                // An HTML block: its lines are HTML, not Markdown, up to a blank line or its end marker.
                endBlock(at: start, &blocks, &blockStart)
                inTable = false
                if endsList { listColumn = 0 }
                if found.rawHTML == nil { found.rawHTML = i }
                if let marker = block.end {
                    if !contains(marker, in: i..<end) { html = (marker, container) }
                } else {
                    html = (nil, container)
                }
                continue
            }
            // A table's rows are a line each; its delimiter row (`|---|:--|`) follows the header.
            if inTable {
                blocks.append(start..<end)
                continue
            }
            if blockStart == nil, at(i) == openBracket, readDefinition(at: i, lineEnd: end) {
                afterDefinition = true
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
            if blockStart != nil, line.quotes == blockQuotes, isDelimiterRow(from: i, to: end) {
                endBlock(at: start, &blocks, &blockStart)
                inTable = true
                continue
            }
            if blockStart == nil {
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

    /// An HTML block's start: the text that ends it (nil: a blank line), and whether it may
    /// interrupt a paragraph (every kind but a lone tag of any name).
    struct HTMLBlock {
        var end: [UInt8]?
        var interrupts: Bool
    }

    /// The HTML block that starts at the `<` at `i`, if one does (CommonMark's seven kinds).
    func htmlBlock(at i: Int, lineEnd: Int) -> HTMLBlock? {
        if starts(at: i, with: "<!--") { return HTMLBlock(end: Array("-->".utf8), interrupts: true) }
        if starts(at: i, with: "<?") { return HTMLBlock(end: Array("?>".utf8), interrupts: true) }
        if starts(at: i, with: "<![CDATA[") { return HTMLBlock(end: Array("]]>".utf8), interrupts: true) }
        if at(i + 1) == bang, isASCIILetter(at(i + 2)) { return HTMLBlock(end: Array(">".utf8), interrupts: true) }
        let closing = at(i + 1) == UInt8(ascii: "/")
        var k = closing ? i + 2 : i + 1
        let nameStart = k
        while isASCIILetter(at(k)) || isDigit(at(k)) || at(k) == UInt8(ascii: "-") { k += 1 }
        guard k > nameStart else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<k]), as: UTF8.self).lowercased()
        let after = at(k)
        let ends = after == gt || after == space || after == tab || after == cr || after == lf || k >= b.count
        if !closing, ["script", "pre", "style", "textarea"].contains(name), ends {
            return HTMLBlock(end: Array("</\(name)>".utf8), interrupts: true)
        }
        if Self.blockNames.contains(name), ends || (after == UInt8(ascii: "/") && at(k + 1) == gt) {
            return HTMLBlock(end: nil, interrupts: true)
        }
        // Any other whole tag alone on its line.
        guard isRawHTML(at: i), let close = b.firstIndex(of: gt, in: i..<lineEnd) else { return nil }
        var rest = close + 1
        while rest < lineEnd, at(rest) == space || at(rest) == tab || at(rest) == cr { rest += 1 }
        return rest >= lineEnd ? HTMLBlock(end: nil, interrupts: false) : nil
    }

    /// The tags that start an HTML block wherever they are (CommonMark's sixth kind).
    static let blockNames: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
        "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
        "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    func starts(at i: Int, with text: StaticString) -> Bool {
        text.withUTF8Buffer { wanted in
            for (k, byte) in wanted.enumerated() where at(i + k) != byte { return false }
            return true
        }
    }

    /// Whether `marker` occurs in `range` (ASCII letters in any case).
    func contains(_ marker: [UInt8], in range: Range<Int>) -> Bool {
        guard let first = marker.first, marker.count <= range.count else { return false }
        var k = range.lowerBound
        while k + marker.count <= range.upperBound {
            if at(k) | 0x20 == first | 0x20, marker.indices.allSatisfy({ at(k + $0) | 0x20 == marker[$0] | 0x20 }) { return true }
            k += 1
        }
        return false
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

    /// `[label]: destination` at `i`, recorded when it is the first definition of its label.
    mutating func readDefinition(at i: Int, lineEnd: Int) -> Bool {
        guard let close = closingBracket(of: i, limit: lineEnd), close > i + 1, at(close + 1) == UInt8(ascii: ":") else { return false }
        var k = close + 2
        while k < lineEnd, at(k) == space || at(k) == tab { k += 1 }
        guard let (destination, after) = destination(at: k, limit: lineEnd, inParentheses: false), !destination.isEmpty || at(k) == lt else {
            return false
        }
        // Then nothing, or a title that ends the line.
        var rest = after
        while rest < lineEnd, at(rest) == space || at(rest) == tab { rest += 1 }
        if rest < lineEnd, at(rest) != cr {
            let open = at(rest)
            guard rest > after, open == UInt8(ascii: "\"") || open == UInt8(ascii: "'") || open == openParen else { return false }
            let close = open == openParen ? closeParen : open
            var k = lineEnd - 1
            while k > rest, at(k) == space || at(k) == tab || at(k) == cr { k -= 1 }
            guard k > rest, at(k) == close else { return false }
        }
        let label = normalisedLabel(i + 1..<close)
        if definitions[label] == nil { definitions[label] = (destination, i) }
        return true
    }

    // MARK: inline

    mutating func readInline(_ block: Range<Int>, insideLink: Bool) {
        var i = block.lowerBound
        // Where the next `[`, `<` and backtick are (`limit` for none), each looked for again by
        // `memchr` only once passed.
        let limit = block.upperBound
        var brackets = -1, lts = -1, ticks = -1
        while i < limit {
            if brackets < i { brackets = b.firstIndex(of: openBracket, in: i..<limit) ?? limit }
            if lts < i { lts = b.firstIndex(of: lt, in: i..<limit) ?? limit }
            if ticks < i { ticks = b.firstIndex(of: backtick, in: i..<limit) ?? limit }
            i = min(brackets, lts, ticks)
            guard i < limit else { return }
            if isEscaped(i, from: block.lowerBound) {
                i += 1
                continue
            }
            switch at(i) {
            case backtick:
                i = endOfCodeSpan(at: i, limit: block.upperBound)
            case lt:
                if let end = autolinkEnd(at: i, limit: block.upperBound) {
                    i = end
                } else if isRawHTML(at: i) {
                    if found.rawHTML == nil { found.rawHTML = i }
                    // A comment's text is neither shown nor read as Markdown.
                    i = starts(at: i, with: "<!--") ? endOfComment(from: i + 4, limit: block.upperBound) : i + 1
                } else {
                    i += 1
                }
            default:
                let image = i > block.lowerBound && at(i - 1) == bang && !isEscaped(i - 1, from: block.lowerBound)
                i = readBracket(at: i, image: image, block: block, insideLink: insideLink)
            }
        }
    }

    /// Past the `-->` at or after `i`, or `limit`.
    func endOfComment(from i: Int, limit: Int) -> Int {
        var k = i
        while let dash = b.firstIndex(of: UInt8(ascii: "-"), in: k..<limit) {
            if at(dash + 1) == UInt8(ascii: "-"), at(dash + 2) == gt { return dash + 3 }
            k = dash + 1
        }
        return limit
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
            // A link inside a link's text is text; an image there is an image.
            if image || !insideLink {
                found.references.append(.init(kind: image ? .image : .link, destination: end.destination, offset: start))
            }
            if !image { readInline(i + 1..<close, insideLink: true) }
            return end.after
        }
        // Full and collapsed references: `[text][ref]`, `[ref][]`; then a shortcut `[ref]`.
        guard !definitions.isEmpty else { return i + 1 }
        var label = normalisedLabel(i + 1..<close), after = close + 1
        if at(close + 1) == openBracket, let second = closingBracket(of: close + 1, limit: block.upperBound) {
            if second > close + 2 { label = normalisedLabel(close + 2..<second) }
            after = second + 1
        }
        guard let definition = definitions[label] else { return i + 1 }
        if image {
            found.references.append(.init(kind: .image, destination: definition.destination, offset: start))
        } else {
            if !insideLink, !usedDefinitions.contains(label) {
                usedDefinitions.insert(label)
                found.references.append(.init(kind: .definition, destination: definition.destination, offset: definition.offset))
            }
            readInline(i + 1..<close, insideLink: true)
        }
        return after
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
    func inlineDestination(after open: Int, limit: Int) -> (destination: String, after: Int)? {
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
    func destination(at i: Int, limit: Int, inParentheses: Bool) -> (String, Int)? {
        var k = i
        if at(k) == lt {
            k += 1
            while k < limit, at(k) != gt {
                if at(k) == lf || at(k) == lt { return nil }
                k += at(k) == backslash ? 2 : 1
            }
            guard k < limit else { return nil }
            return (unescaped(i + 1..<k), k + 1)
        }
        var depth = 0
        while k < limit {
            let c = at(k)
            if c <= space || c == 0x7F { break }
            if c == backslash { k += 2; continue }
            if c == openParen { depth += 1 }
            if c == closeParen {
                if depth == 0 { break }
                depth -= 1
            }
            k += 1
        }
        guard depth == 0, inParentheses || k > i else { return nil }
        return (unescaped(i..<min(k, limit)), min(k, limit))
    }

    /// The text of `range` with backslash escapes and the common entities resolved.
    func unescaped(_ range: Range<Int>) -> String {
        let raw = UnsafeBufferPointer(rebasing: b[range])
        guard raw.contains(backslash) || raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
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
        return String(decoding: out, as: UTF8.self).replacingEntities()
    }

    /// A label as cmark matches it: case-folded, inner white space one space, trimmed.
    func normalisedLabel(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ").lowercased()
    }

    // MARK: HTML

    /// `<scheme:…>` or `<name@host>` at `i`: an autolink, which the site keeps. Past its `>`.
    func autolinkEnd(at i: Int, limit: Int) -> Int? {
        var k = i + 1
        while k < limit, at(k) > space, at(k) != lt, at(k) != gt { k += 1 }
        guard at(k) == gt, k > i + 1 else { return nil }
        let inner = UnsafeBufferPointer(rebasing: b[(i + 1)..<k])
        if let colon = inner.firstIndex(of: UInt8(ascii: ":")), colon >= 2, colon <= 32, isASCIILetter(inner[0]),
           inner[..<colon].allSatisfy({ isASCIILetter($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }) {
            return k + 1
        }
        if inner.contains(UInt8(ascii: "@")), !inner.contains(backslash) { return k + 1 }
        return nil
    }

    /// Raw HTML at the `<` at `i`: `<name` then a space, `>` or `/>`; `</name>`; `<!--`; `<!X`; `<?`.
    func isRawHTML(at i: Int) -> Bool {
        var k = i + 1
        switch at(k) {
        case UInt8(ascii: "!"):
            return isASCIILetter(at(k + 1)) || (at(k + 1) == UInt8(ascii: "-") && at(k + 2) == UInt8(ascii: "-"))
                || (at(k + 1) == openBracket && at(k + 2) == UInt8(ascii: "C"))
        case UInt8(ascii: "?"):
            return true
        case UInt8(ascii: "/"):
            k += 1
            guard isASCIILetter(at(k)) else { return false }
            while isASCIILetter(at(k)) || isDigit(at(k)) || at(k) == UInt8(ascii: "-") { k += 1 }
            while at(k) == space || at(k) == tab || at(k) == lf { k += 1 }
            return at(k) == gt
        default:
            guard isASCIILetter(at(k)) else { return false }
            while isASCIILetter(at(k)) || isDigit(at(k)) || at(k) == UInt8(ascii: "-") { k += 1 }
            let c = at(k)
            return c == gt || c == space || c == tab || c == lf || c == cr || (c == UInt8(ascii: "/") && at(k + 1) == gt)
        }
    }
}

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
@inline(__always) private func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
private func isASCIIPunctuation(_ c: UInt8) -> Bool {
    (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c) || (0x7B...0x7E).contains(c)
}

private extension String {
    /// `&amp;` and the other four entities a destination may hold, and numeric ones.
    func replacingEntities() -> String {
        guard utf8.contains(UInt8(ascii: "&")) else { return self }
        var out = ""
        var rest = Substring(self)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else { out += "&"; rest = after.dropFirst(); continue }
            let name = after[after.index(after: amp)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"][String(name)]
            var numeric: String?
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                numeric = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let replacement = named ?? numeric {
                out += replacement
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after.dropFirst()
            }
        }
        return out + rest
    }
}
