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
    package let allowRawHTML: Bool

    package init(allowRawHTML: Bool) {
        self.allowRawHTML = allowRawHTML
    }

    /// Renders `markdown` to an HTML fragment. Empty input gives "".
    package func html(_ markdown: String) -> String {
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
        cmarkLock.withLock { () -> [UInt8] in
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
        for safe in ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
        where lowered.hasPrefix(safe) {
            return false
        }
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] where lowered.hasPrefix(scheme) {
            return true
        }
        return false
    }
}
