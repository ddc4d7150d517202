import EvidentLoad
import EvidentSite
import Foundation

/// A Markdown body as a site page shows it: rendered by cmark-gfm, links and images rewritten,
/// task items labelled, headings nested under the page's section. Without raw HTML, cmark's output
/// has no markup the author wrote, so every link, image and checkbox left is one the rewriting chose.
/// And `syntax/link` reports of the body what cmark-gfm's reading of it leaves out.
enum MarkdownFuzz {
    static let file = "objectives/service/OBJ-FUZZ-02.md"
    static let root = "../../"
    static let pages = [
        "policy.md": "policy.html",
        "objectives/service/OBJ-FUZZ-01.md": "objectives/OBJ-FUZZ-01.html",
        "requirements/msa.md": "requirements/msa.html",
    ]
    /// The page section a body sits under (`<h2>`): its headings start at `<h3>`.
    static let sectionLevel = 2

    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        // The loader refuses what is not UTF-8 text.
        guard case let .success(source) = SourceText.decode(Data(bytes), path: file) else { return }
        if let problem = MarkdownReferencesDifferential.compare(source.text) { throw FuzzViolation(problem) }
        for rawHTML in [false, true] {
            let html = MarkdownRenderer(allowRawHTML: rawHTML).htmlBytes(source.text)
            var page = TaskItems.label(BodyLinks.rewrite(html, from: file, root: root, pages: pages))
            let before = headingLevels(page)
            BodyHeadings.nest(&page, under: sectionLevel)
            guard !rawHTML else { continue }
            try require(String(validating: page, as: UTF8.self) != nil, "the page is not UTF-8")
            try checkLinks(page)
            try checkHeadings(before: before, after: headingLevels(page))
            try require(occurrences(of: Array("<input".utf8), in: page).isEmpty, "a checkbox is left")
        }
    }

    /// Every link leads to the web, to mail, or to a page of the site; every image is inline data.
    static func checkLinks(_ page: [UInt8]) throws(FuzzViolation) {
        let targets = Set(pages.values.map { root + $0 })
        for value in attributeValues(" href=\"", in: page) {
            let lowered = value.lowercased()
            try require(lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:")
                        || targets.contains(value), "a link to \(value.debugDescription)")
        }
        for value in attributeValues(" src=\"", in: page) {
            let lowered = value.lowercased()
            try require(["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) },
                        "an image from \(value.debugDescription)")
        }
    }

    /// The headings keep their order and steps, and the first level is the section's next one.
    static func checkHeadings(before: [Int], after: [Int]) throws(FuzzViolation) {
        try require(before.count == after.count, "\(before.count) heading tags became \(after.count)")
        guard let top = before.min() else { return }
        let expected = before.map { min(6, max(1, $0 + sectionLevel + 1 - top)) }
        try require(after == expected, "heading levels \(before) became \(after), not \(expected)")
    }

    /// The level of every `<hN>`, `<hN …>` and `</hN>` tag, in order.
    static func headingLevels(_ page: [UInt8]) -> [Int] {
        var levels: [Int] = []
        for at in occurrences(of: Array("<".utf8), in: page) {
            var h = at + 1
            if h < page.count, page[h] == UInt8(ascii: "/") { h += 1 }
            guard h + 2 < page.count, page[h] == UInt8(ascii: "h"), page[h + 1] >= UInt8(ascii: "1"), page[h + 1] <= UInt8(ascii: "6"),
                  page[h + 2] == UInt8(ascii: ">") || page[h + 2] == UInt8(ascii: " ") else { continue }
            levels.append(Int(page[h + 1] - UInt8(ascii: "0")))
        }
        return levels
    }

    /// The unescaped values of an attribute written `name="…"`.
    static func attributeValues(_ opening: String, in page: [UInt8]) -> [String] {
        let pattern = Array(opening.utf8)
        return occurrences(of: pattern, in: page).compactMap { at -> String? in
            let start = at + pattern.count
            guard let end = page[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            return unescaped(Array(page[start..<end]))
        }
    }

    /// HTML's five escapes undone on UTF-8 (as bytes: an entity followed by a combining mark is
    /// one `Character` with it).
    static func unescaped(_ value: [UInt8]) -> String {
        let table: [(String, Unicode.Scalar)] = [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&amp;", "&")]
        let entities = table.map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
        var out: [UInt8] = []
        var i = 0
        while i < value.count {
            if value[i] == UInt8(ascii: "&"),
               let (entity, byte) = entities.first(where: { value[i...].starts(with: $0.0) }) {
                out.append(byte)
                i += entity.count
            } else {
                out.append(value[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func occurrences(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return [] }
        return (0...(bytes.count - pattern.count)).filter { at in
            bytes[at] == pattern[0] && bytes[at..<(at + pattern.count)].elementsEqual(pattern)
        }
    }
}
