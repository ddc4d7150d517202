import EvidentLoad
import EvidentSupport
import Foundation

/// Makes the links of a rendered Markdown body fit the site. A body is written beside its content
/// file, so `[the policy](../policy.md)` means the file `policy.md`; on the site it must lead to
/// `policy.html`, relative to the page. Links to content files become links to their pages; any
/// other relative link or fragment, which would lead nowhere on the site, loses its `href` and
/// stays as text; images that are not inline `data:image/…` become their alt text, since the site
/// makes no request outside itself. Web and mail links are kept: following one is the reader's
/// choice, not a request the page makes.
///
/// It reads `href="…"` and `src="…"` as cmark-gfm writes them (double quotes, `"` escaped inside).
/// Raw HTML, allowed only with `allow_raw_html`, is the author's responsibility.
package enum BodyLinks {
    static func rewrite(_ html: String, from file: String, root: String, pages: [String: String]) -> String {
        String(decoding: rewrite(Array(html.utf8), from: file, root: root, pages: pages), as: UTF8.self)
    }

    /// `rewrite` on the UTF-8 of the HTML, as cmark writes it and the page takes it.
    package static func rewrite(_ bytes: [UInt8], from file: String, root: String, pages: [String: String]) -> [UInt8] {
        let href = Array(" href=\"".utf8), img = Array("<img ".utf8)
        var nextHref = ByteSearch.first(href, in: bytes, from: 0)
        var nextImg = ByteSearch.first(img, in: bytes, from: 0)
        guard nextHref != nil || nextImg != nil else { return bytes }
        // The text between links is copied in one piece, found with `ByteSearch`, not by looking
        // at every byte for the two patterns.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        // Once a search for a closing `"` or `>` has run to the end and failed, every later one
        // would too: they are not run again, so that raw HTML of many unclosed tags stays linear.
        var quoteLeft = true, bracketLeft = true
        while true {
            if let h = nextHref, h < i { nextHref = ByteSearch.first(href, in: bytes, from: i) }
            if let m = nextImg, m < i { nextImg = ByteSearch.first(img, in: bytes, from: i) }
            guard let at = [nextHref, nextImg].compactMap({ $0 }).min() else { break }
            out += bytes[i..<at]
            i = at
            if at == nextHref, quoteLeft {
                guard let close = bytes[(i + href.count)...].firstIndex(of: UInt8(ascii: "\"")) else {
                    quoteLeft = false
                    continue
                }
                let value = String(decoding: bytes[(i + href.count)..<close], as: UTF8.self)
                if let target = target(ofLink: value, from: file, root: root, pages: pages) {
                    out += href
                    out += Array(escapeAttribute(target).utf8)
                    out.append(UInt8(ascii: "\""))
                }
                i = close + 1
                continue
            }
            if at == nextImg, bracketLeft {
                guard let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else {
                    bracketLeft = false
                    continue
                }
                let tag = String(decoding: bytes[i...end], as: UTF8.self)
                if let src = attribute("src", in: tag), isInlineImage(src) {
                    out += bytes[i...end]
                } else {
                    let alt = attribute("alt", in: tag) ?? ""
                    out += Array("<span class=\"image-omitted\">[image\(alt.isEmpty ? "" : ": " + alt)]</span>".utf8)
                }
                i = end + 1
                continue
            }
            // A pattern without its closing quote or `>`: an ordinary byte.
            out.append(bytes[i])
            i += 1
        }
        out += bytes[i...]
        return out
    }

    /// The href to write for a link, or nil to drop it. `value` is as cmark wrote it (escaped).
    /// Where it leads is `LinkTarget`'s to say, which `syntax/link` reads too.
    static func target(ofLink value: String, from file: String, root: String, pages: [String: String]) -> String? {
        let url = unescapeAttribute(value)
        switch LinkTarget.of(url, from: file) {
        case .web: return url
        case let .file(path): return pages[path].map { root + $0 }
        case .fragment, .outside, .scheme: return nil
        }
    }

    /// `../policy.md` from `objectives/a/x.md` → `policy.md`; nil when it leaves the content folder.
    static func resolve(_ path: String, from file: String) -> String? { LinkTarget.resolve(path, from: file) }

    static func isInlineImage(_ src: String) -> Bool { LinkTarget.isInlineImage(unescapeAttribute(src)) }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// An attribute's value as cmark-gfm escaped it: its href escaper writes `'` as `&#x27;`.
    static func unescapeAttribute(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The same five characters as every other value the site writes.
    static func escapeAttribute(_ s: String) -> String { HTMLText.escape(s) }
}

/// Puts the headings of a rendered Markdown body under the heading of the section that holds it:
/// a body's `# Title` inside a section headed `<h2>` becomes `<h3>`, its `##` an `<h4>`, so the
/// page's outline has no jump (WCAG 1.3.1, headings in order).
package enum BodyHeadings {
    static func nest(_ html: String, under level: Int) -> String {
        var bytes = Array(html.utf8)
        nest(&bytes, under: level)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `nest` on the UTF-8 of the HTML, in place.
    package static func nest(_ bytes: inout [UInt8], under level: Int) {
        // Where each heading tag's digit is: `<h2>`, `<h2 …>`, `</h2>`.
        var digits: [Int] = []
        var i = 0
        while i + 3 < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                let h = bytes[i + 1] == UInt8(ascii: "/") ? i + 2 : i + 1
                if h + 2 < bytes.count, bytes[h] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]),
                   bytes[h + 2] == UInt8(ascii: ">") || bytes[h + 2] == UInt8(ascii: " ") {
                    digits.append(h + 1)
                    i = h + 2
                    continue
                }
            }
            i += 1
        }
        guard let top = digits.map({ Int(bytes[$0] - UInt8(ascii: "0")) }).min() else { return }
        let shift = level + 1 - top
        if shift == 0 { return }
        for d in digits {
            let n = min(6, max(1, Int(bytes[d] - UInt8(ascii: "0")) + shift))
            bytes[d] = UInt8(ascii: "0") + UInt8(n)
        }
    }
}

/// cmark-gfm writes a task list item (`- [x] done`) as a disabled checkbox without a label, which
/// screen readers announce as an unlabelled control. On a read-only page a mark and a word do.
package enum TaskItems {
    static let done = #"<input type="checkbox" checked="" disabled="" />"#
    static let open = #"<input type="checkbox" disabled="" />"#

    static func label(_ html: String) -> String {
        String(decoding: label(Array(html.utf8)), as: UTF8.self)
    }

    /// `label` on the UTF-8 of the HTML.
    package static func label(_ bytes: [UInt8]) -> [UInt8] {
        let marker = Array(#"<input type="checkbox""#.utf8)
        guard var at = ByteSearch.first(marker, in: bytes, from: 0) else { return bytes }
        // Byte by byte rather than with the standard library's generic `replacing`, or
        // Foundation's `replacingOccurrences`: every body goes through here.
        let replacements = [
            (Array(done.utf8), Array(#"<span class="task task-done" aria-hidden="true">☑</span><span class="visually-hidden">Done:</span>"#.utf8)),
            (Array(open.utf8), Array(#"<span class="task task-open" aria-hidden="true">☐</span><span class="visually-hidden">To do:</span>"#.utf8)),
        ]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        var i = 0
        while true {
            out += bytes[i..<at]
            i = at
            if let (from, to) = replacements.first(where: { ByteSearch.starts(bytes, at: at, with: $0.0) }) {
                out += to
                i += from.count
            } else {
                out += marker
                i += marker.count
            }
            guard let next = ByteSearch.first(marker, in: bytes, from: i) else { break }
            at = next
        }
        out += bytes[i...]
        return out
    }
}
