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
        // On the UTF-8 bytes: `check` reads every link of every body here.
        var url = url
        return url.withUTF8 { u -> LinkTarget in
            if isWeb(u) { return .web }
            guard let first = u.first, first != UInt8(ascii: "#") else { return .fragment }
            if first == UInt8(ascii: "/") { return .outside }
            if let scheme = scheme(u) { return .scheme(scheme) }
            let cut = u.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? u.count
            let path = UnsafeBufferPointer(rebasing: u[..<cut])
            let resolved: String?
            if path.contains(UInt8(ascii: "%")) {
                // Foundation's decoding is slow and a path without `%` has nothing to decode.
                let text = String(decoding: path, as: UTF8.self)
                resolved = resolve(text.removingPercentEncoding ?? text, from: file)
            } else {
                resolved = resolve(bytes: path, from: file)
            }
            return resolved.map { .file($0) } ?? .outside
        }
    }

    /// Whether `url` is a web or mail address (`http:`, `https:`, `mailto:`), which the site keeps.
    static func isWeb(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { isWeb($0) }
    }

    static func isWeb(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        startsIgnoringCase(u, "http://") || startsIgnoringCase(u, "https://") || startsIgnoringCase(u, "mailto:")
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
        var path = path
        return path.withUTF8 { resolve(bytes: $0, from: file) }
    }

    /// `resolve` on the UTF-8 of the path: the file's folders, then the path's parts, `.` left out
    /// and `..` taking the last folder off, joined with `/`.
    static func resolve(bytes path: UnsafeBufferPointer<UInt8>, from file: String) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(file.utf8.count + path.count)
        var parts = 0
        func append(_ part: UnsafeBufferPointer<UInt8>.SubSequence) -> Bool {
            if part.count == 1, part.first == dot { return true }
            if part.count == 2, part.first == dot, part.last == dot {
                guard parts > 0 else { return false }
                parts -= 1
                out.removeSubrange((out.lastIndex(of: slash) ?? 0)..<out.count)
                return true
            }
            if parts > 0 { out.append(slash) }
            out.append(contentsOf: part)
            parts += 1
            return true
        }
        var file = file
        file.withUTF8 { f in
            // Every non-empty part but the last, the file's name.
            var end = f.count
            while end > 0, f[end - 1] == slash { end -= 1 }
            let folder = f[..<end].lastIndex(of: slash) ?? 0
            var k = 0
            while k < folder {
                var next = k
                while next < folder, f[next] != slash { next += 1 }
                if next > k {
                    if parts > 0 { out.append(slash) }
                    out.append(contentsOf: f[k..<next])
                    parts += 1
                }
                k = next + 1
            }
        }
        var k = 0
        while k < path.count {
            var next = k
            while next < path.count, path[next] != slash { next += 1 }
            if next > k, !append(path[k..<next]) { return nil }
            k = next + 1
        }
        guard parts > 0 else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether an image source is shown: only an inline picture, since the site makes no request
    /// outside itself (and cmark empties any other `data:`).
    package static func isInlineImage(_ src: String) -> Bool {
        let lowered = src.lowercased()
        return inlineImagePrefixes.contains { lowered.hasPrefix($0) }
    }

    /// The `data:` pictures a page shows inline; cmark's renderer empties any other `data:` URL.
    static let inlineImagePrefixes = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]

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
        // On the contiguous UTF-8: the loader names each file by the root, a `/` and its path.
        var file = file, root = root
        return file.withUTF8 { f in
            root.withUTF8 { r in
                guard f.count > r.count, f[r.count] == UInt8(ascii: "/"), f.starts(with: r) else { return String(decoding: f, as: UTF8.self) }
                return String(decoding: UnsafeBufferPointer(rebasing: f[(r.count + 1)...]), as: UTF8.self)
            }
        }
    }

    /// Whether `bytes` start with `prefix` (lowercase ASCII) in any case.
    static func startsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { wanted in
            guard bytes.count >= wanted.count else { return false }
            for (k, expected) in wanted.enumerated() {
                var byte = bytes[k]
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != expected { return false }
            }
            return true
        }
    }

    /// The scheme of `url` (the letters before a `:` that no `/` precedes), or nil.
    private static func scheme(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let colonByte = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        // Most schemes are ASCII, read as bytes; any other is read as characters.
        let asciiScheme = bytes[..<colonByte]
        guard asciiScheme.allSatisfy({ $0 < 0x80 }) else { return nonASCIIScheme(String(decoding: bytes, as: UTF8.self)) }
        let isScheme = !asciiScheme.isEmpty && asciiScheme.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): true
            default: false
            }
        }
        return isScheme ? String(decoding: asciiScheme, as: UTF8.self) : nil
    }

    /// The scheme of `url` whose part before its first `:` is not all ASCII: letters and digits
    /// of any script, `+`, `-` and `.`, without a `/`; nil for any other.
    private static func nonASCIIScheme(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        let isScheme = !scheme.isEmpty && !scheme.contains("/") && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
        return isScheme ? String(scheme) : nil
    }
}
