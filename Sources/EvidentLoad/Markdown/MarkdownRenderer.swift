import CCmarkGFM
import Foundation

/// Renders GitHub-flavoured Markdown to HTML with cmark-gfm.
///
/// Extensions: table, strikethrough, autolink, tasklist, tagfilter. Smart
/// punctuation is off. Unless `allowRawHTML` is set, raw HTML (block and
/// inline) is replaced by `<!-- raw HTML omitted -->`. Link and image URLs
/// with a dangerous scheme (`javascript:`, `vbscript:`, `file:`, and `data:`
/// except `data:image/{png,gif,jpeg,webp}`) are always emptied, whatever
/// `allowRawHTML` says.
///
/// Thread safety: cmark-gfm 0.29.0.gfm.6 keeps mutable global state (the
/// inline parser's special-character table is rewritten on every parse, and
/// the extension registry is a plain global list), so concurrent parses
/// corrupt each other. Every cmark call in this process made through this
/// type is serialised by one process-wide lock.
package struct MarkdownRenderer: Sendable {
    let allowRawHTML: Bool

    package init(allowRawHTML: Bool) {
        self.allowRawHTML = allowRawHTML
    }

    /// Renders `markdown` to an HTML fragment. Empty input gives "".
    func html(_ markdown: String) -> String {
        String(decoding: htmlBytes(markdown), as: UTF8.self)
    }

    /// `html(_:)` as UTF-8 bytes, as cmark writes them (UTF-8 in, UTF-8 out).
    /// A body past `MarkdownLimits` is rendered without tables, or as one preformatted block (a
    /// code fence longer than any backtick run inside, which cmark escapes in linear time).
    package func htmlBytes(_ markdown: String) -> [UInt8] {
        var options = CMARK_OPT_DEFAULT
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        switch MarkdownLimits.assess(markdown) {
        case .render:
            return Self.render(markdown, options: options, extensions: Self.extensionNames)
        case .withoutTables:
            return Self.render(markdown, options: options, extensions: Self.extensionNames.filter { $0 != "table" })
        case .plainText:
            var longest = 0, run = 0
            for byte in markdown.utf8 {
                run = byte == UInt8(ascii: "`") ? run + 1 : 0
                longest = max(longest, run)
            }
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return Self.render(fence + "\n" + markdown + "\n" + fence + "\n", options: options, extensions: [])
        }
    }

    /// The links (but those to the web or to mail) and images of `markdown` as the site's parse
    /// finds them (under the same limits and extensions), before any URL is scrubbed, and its
    /// first raw HTML: `syntax/link` reads here a body that `MarkdownReferences` does not pass at a
    /// look. What an image's description holds is its alt text on the page, and is left out.
    package static func references(_ markdown: String) -> MarkdownReferences {
        let extensions: [String]
        switch MarkdownLimits.assess(markdown) {
        case .render: extensions = extensionNames
        case .withoutTables: extensions = extensionNames.filter { $0 != "table" }
        case .plainText: return MarkdownReferences()
        }
        // `block` is where the paragraph or heading that holds the node starts (cmark places blocks
        // exactly), or nil in a table cell, whose one line cmark places right.
        typealias Found = (kind: MarkdownReferences.Kind?, url: String, line: Int, column: Int, end: Int,
                           block: (line: Int, column: Int)?)
        let found: [Found] = parse(markdown, options: CMARK_OPT_DEFAULT, extensions: extensions) { document, _ in
            guard let iter = cmark_iter_new(document) else { return [] }
            defer { cmark_iter_free(iter) }
            var found: [Found] = []
            var sawHTML = false
            // Inside an image, what its description holds is its alt text, not a link or image.
            var inImage = 0
            while true {
                let event = cmark_iter_next(iter)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iter) else { continue }
                let type = cmark_node_get_type(node)
                if event == CMARK_EVENT_EXIT, type == CMARK_NODE_IMAGE { inImage -= 1 }
                guard event == CMARK_EVENT_ENTER else { continue }
                if type == CMARK_NODE_IMAGE { inImage += 1 }
                if inImage > (type == CMARK_NODE_IMAGE ? 1 : 0) { continue }
                let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
                let end = Int(cmark_node_get_end_column(node))
                if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                    let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                    // The site keeps every link to the web or to mail, autolinks among them.
                    if type == CMARK_NODE_LINK, LinkTarget.isWeb(url) { continue }
                    found.append((type == CMARK_NODE_IMAGE ? .image : .link, url, line, column, end, enclosingBlock(of: node)))
                } else if !sawHTML, type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                    sawHTML = true
                    found.append((nil, "", line, column, end, type == CMARK_NODE_HTML_INLINE ? enclosingBlock(of: node) : nil))
                }
            }
            return found
        }
        // cmark counts lines from 1 and columns in bytes from 1.
        var text = markdown
        return text.withUTF8 { bytes in
            var lineStarts = [0]
            var k = 0
            while let lf = bytes.firstIndex(of: UInt8(ascii: "\n"), in: k..<bytes.count) {
                lineStarts.append(lf + 1)
                k = lf + 1
            }
            var result = MarkdownReferences()
            for f in found {
                let marker = f.kind == nil ? UInt8(ascii: "<") : f.kind == .image ? UInt8(ascii: "!") : UInt8(ascii: "[")
                let placed = f.block.flatMap {
                    InlinePlace.find(marker: marker, line: f.line - 1, column: f.column - 1, end: f.kind == nil ? nil : f.end - 1,
                                     block: (line: $0.line - 1, column: $0.column - 1), bytes: bytes, lineStarts: lineStarts)
                }
                let line = min(max(placed?.line ?? (f.line - 1), 0), lineStarts.count - 1)
                let start = lineStarts[line]
                let at = min(start + max(placed?.offset ?? (f.column - 1), 0), bytes.count)
                var column = 1
                for i in start..<max(start, at) where bytes[i] & 0xC0 != 0x80 { column += 1 }
                let position = MarkdownReferences.Position(line: line, column: column)
                guard let kind = f.kind else {
                    result.rawHTML = position
                    continue
                }
                result.references.append(.init(kind: kind, destination: f.url, position: position))
            }
            return result
        }
    }

    // MARK: - cmark plumbing (everything below runs under `cmarkLock`)

    /// The one lock guarding all cmark calls.
    private static let cmarkLock = NSLock()

    /// Registers the core extensions exactly once (Swift static initialisers
    /// run once, thread-safely); only ever touched while holding `cmarkLock`.
    private static let coreExtensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    private static func render(_ markdown: String, options: Int32, extensions: [String]) -> [UInt8] {
        parse(markdown, options: options, extensions: extensions) { document, parser in
            scrubDangerousURLs(in: document)

            guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
                return []
            }
            // cmark allocates the HTML with its default allocator, which frees it too.
            defer { cmark_get_default_mem_allocator().pointee.free(rendered) }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self), count: strlen(rendered))
            // cmark keeps UTF-8 valid; text with non-ASCII bytes is still repaired as
            // `String(cString:)` would, so that no page ever holds a broken character.
            guard bytes.contains(where: { $0 >= 0x80 }) else { return Array(bytes) }
            return Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
    }

    /// `body` on the document cmark parses from `markdown`, under the lock; empty when cmark fails.
    private static func parse<T>(_ markdown: String, options: Int32, extensions: [String],
                                 _ body: (_ document: OpaquePointer, _ parser: OpaquePointer) -> [T]) -> [T] {
        cmarkLock.withLock { () -> [T] in
            _ = coreExtensionsRegistered

            guard let parser = cmark_parser_new(options) else { return [] }
            defer { cmark_parser_free(parser) }

            for name in extensions {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }

            var text = markdown
            text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, bytes.count > 0 else { return }
                UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                    cmark_parser_feed(parser, chars, bytes.count)
                }
            }

            guard let document = cmark_parser_finish(parser) else { return [] }
            defer { cmark_node_free(document) }
            return body(document, parser)
        }
    }

    /// Where the paragraph or heading holding `node` starts, as cmark gives it (from 1); nil when
    /// the node is in neither (a table cell). Neither holds another block, so the first found is it.
    private static func enclosingBlock(of node: OpaquePointer) -> (line: Int, column: Int)? {
        var parent = cmark_node_parent(node)
        while let block = parent {
            let type = cmark_node_get_type(block)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                return (Int(cmark_node_get_start_line(block)), Int(cmark_node_get_start_column(block)))
            }
            parent = cmark_node_parent(block)
        }
        return nil
    }

    /// Empties the URL of every link and image whose scheme is dangerous.
    /// cmark does this itself only without CMARK_OPT_UNSAFE, and its check is
    /// fooled by tabs/newlines inside the scheme and leading control
    /// characters, which browsers strip; this check is applied in both modes.
    private static func scrubDangerousURLs(in document: OpaquePointer) {
        guard let iter = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                  let url = cmark_node_get_url(node) else { continue }
            if isDangerousURL(String(cString: url)) {
                cmark_node_set_url(node, "")
            }
        }
    }

    /// Mirrors cmark's `_scan_dangerous_url`, after the normalisation a
    /// browser applies (leading C0 controls and spaces dropped, ASCII tab,
    /// LF and CR removed anywhere), compared case-insensitively.
    static func isDangerousURL(_ url: String) -> Bool {
        var bytes = Array(url.utf8.drop(while: { $0 <= 0x20 }))
        bytes.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let lowered = String(decoding: bytes.prefix(32), as: UTF8.self).lowercased()
        for safe in LinkTarget.inlineImagePrefixes where lowered.hasPrefix(safe) {
            return false
        }
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
            return true
        }
        return false
    }
}
