import EvidentModel
import Foundation

/// Where a link in a Markdown body leads on the site. A body is written beside its content file,
/// so `../policy.md` from `objectives/x.md` means the file `policy.md`, whose page is
/// `policy.html`. The site (`BodyLinks`) and `syntax/link` both read destinations here, so a link
/// `check` accepts is one the site keeps, and one it reports is one the site drops.
package enum LinkTarget: Equatable, Sendable {
    /// `http:`, `https:` or `mailto:`: kept as written.
    case web
    /// A path inside the content folder, without its `#…` or `?…`, percent-decoded; kept when the
    /// site makes a page for that file (`pageFiles`).
    case file(String)
    /// Empty, or `#…` alone: the site gives a body's headings no anchors.
    case fragment
    /// `/…`, `//…`, or a relative path that climbs out of the content folder.
    case outside
    /// Any other scheme (`javascript:`, `file:`, `ftp:`): never kept.
    case scheme(String)

    /// The target of `url`, the destination as the reader sees it (unescaped), in a body of the
    /// content file `file` (relative to the content folder).
    package static func of(_ url: String, from file: String) -> LinkTarget {
        if hasPrefixIgnoringCase(url, "http://") || hasPrefixIgnoringCase(url, "https://") || hasPrefixIgnoringCase(url, "mailto:") {
            return .web
        }
        if url.isEmpty || url.hasPrefix("#") { return .fragment }
        if url.hasPrefix("/") { return .outside }
        if let scheme = scheme(url) { return .scheme(scheme) }
        var path = url
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        // Foundation's decoding is slow and a path without `%` has nothing to decode.
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding ?? path : path
        guard let resolved = resolve(decoded, from: file) else { return .outside }
        return .file(resolved)
    }

    /// Whether the site keeps a link to this target, given which content files have a page.
    package func isKept(hasPage: (String) -> Bool) -> Bool {
        switch self {
        case .web: true
        case let .file(path): hasPage(path)
        case .fragment, .outside, .scheme: false
        }
    }

    /// `../policy.md` from `objectives/a/x.md` → `policy.md`; nil when it leaves the content folder.
    package static func resolve(_ path: String, from file: String) -> String? {
        // On UTF-8: splitting a String walks its characters, and every link of a body is
        // resolved here.
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts = Array(file.utf8.split(separator: slash).dropLast())
        for part in path.utf8.split(separator: slash) {
            if part.count == 1, part.first == dot { continue }
            if part.count == 2, part.allSatisfy({ $0 == dot }) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        guard !parts.isEmpty else { return nil }
        var joined: [UInt8] = []
        for (k, part) in parts.enumerated() {
            if k > 0 { joined.append(slash) }
            joined.append(contentsOf: part)
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// Whether an image source is shown: only an inline picture, since the site makes no request
    /// outside itself (and cmark empties any other `data:`).
    package static func isInlineImage(_ src: String) -> Bool {
        let lowered = src.lowercased()
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
    }

    /// A page of the site that a content file stands for.
    package enum Page: Equatable, Sendable {
        case policy, functions
        /// The index in `ContentSet.requirements`, `objectives`, `reviews`.
        case requirement(Int), objective(Int), review(Int)
    }

    /// The content files the site makes a page for, relative to the content folder, in the order
    /// in which a later entry for one file wins. `policy.md` and `evident.yml` always have one.
    package static func pageFiles(of content: ContentSet) -> [(file: String, page: Page)] {
        var files: [(file: String, page: Page)] = [("policy.md", .policy), ("evident.yml", .functions)]
        files.reserveCapacity(content.requirements.count + content.objectives.count + content.reviews.count + 2)
        for (i, source) in content.requirements.enumerated() { files.append((relative(source.file, root: content.root), .requirement(i))) }
        for (i, o) in content.objectives.enumerated() { files.append((relative(o.file, root: content.root), .objective(i))) }
        for (i, review) in content.reviews.enumerated() { files.append((relative(review.file, root: content.root), .review(i))) }
        return files
    }

    /// `file` (as the loader names it, under `root`) relative to the content folder.
    package static func relative(_ file: String, root: String) -> String {
        if root.isEmpty || root == "." { return file }
        return file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : file
    }

    /// Whether `text` starts with `prefix` (lowercase ASCII) in any case, without lowercasing
    /// the whole text first.
    static func hasPrefixIgnoringCase(_ text: String, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { wanted in
            var bytes = text.utf8.makeIterator()
            for expected in wanted {
                guard var byte = bytes.next() else { return false }
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != expected { return false }
            }
            return true
        }
    }

    /// The scheme of `url` (the letters before a `:` that no `/` precedes), or nil.
    private static func scheme(_ url: String) -> String? {
        let bytes = url.utf8
        guard let colonByte = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        // Most schemes are ASCII, read as bytes; any other is read as characters below.
        let asciiScheme = bytes[..<colonByte]
        if asciiScheme.allSatisfy({ $0 < 0x80 }) {
            let isScheme = !asciiScheme.isEmpty && asciiScheme.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): true
                default: false
                }
            }
            return isScheme ? String(decoding: asciiScheme, as: UTF8.self) : nil
        }
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        let isScheme = !scheme.isEmpty && !scheme.contains("/") && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
        return isScheme ? String(scheme) : nil
    }
}
