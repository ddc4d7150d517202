import EvidentSupport

/// The links and images of a Markdown body that the site leaves out, and where its first raw HTML
/// is, as cmark-gfm reads the body for the site (`MarkdownRenderer.references`). `check` reads
/// every body, and a cmark parse of each would cost it more than all its rules, so most bodies are
/// passed by a look at their bytes first (`allKept`): one that holds no shape cmark could make a
/// link, image or HTML of but `[text](destination)`, and whose every such destination the site
/// keeps, has nothing to report, wherever its links are. Any other body is parsed.
/// `MarkdownReferencesDifferential` compares the two ways, in the tests and the `markdown` fuzz
/// target.
package struct MarkdownReferences: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case link, image
    }

    /// A line from 0 (the body's first) and a column from 1, in Unicode scalars.
    package struct Position: Sendable, Equatable, Comparable, CustomStringConvertible {
        package var line: Int
        package var column: Int

        init(line: Int, column: Int) {
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

        init(kind: Kind, destination: String, position: Position) {
            self.kind = kind
            self.destination = destination
            self.position = position
        }
    }

    /// In the order of the body.
    package var references: [Reference] = []
    /// The first raw HTML (a tag, closing tag, comment or declaration), if any.
    package var rawHTML: Position?

    init(references: [Reference] = [], rawHTML: Position? = nil) {
        self.references = references
        self.rawHTML = rawHTML
    }

    /// Whether the site keeps a link or an image to this destination.
    package typealias Keeps = (_ kind: Kind, _ destination: String) -> Bool

    /// The links and images of the body that the site does not keep (`keeps`), and its first raw
    /// HTML. A body over `MarkdownLimits.maximumBytes` is shown as plain text: it has none.
    package static func problems(in text: String, keeps: Keeps) -> MarkdownReferences {
        guard text.utf8.count <= MarkdownLimits.maximumBytes else { return MarkdownReferences() }
        var text = text
        let passed = text.withUTF8 { bytes in readable(bytes) && allKept(bytes, keeps: keeps) }
        if passed { return MarkdownReferences() }
        var found = MarkdownRenderer.references(text)
        found.references.removeAll { keeps($0.kind, $0.destination) }
        return found
    }

    /// Whether the body holds no shape, but `[text](destination)`, that cmark-gfm may make a link or
    /// raw HTML of: `allKept` may pass it.
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
        // A reference definition (`[ref]: destination`) makes links of `[ref]`.
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
    /// A destination it cannot read so (`<…>`, an escape, an entity, a parenthesis, a control
    /// character, two line ends before it) fails the look.
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
}
