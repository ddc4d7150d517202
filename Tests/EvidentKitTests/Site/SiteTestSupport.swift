import Foundation
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite

/// Builds sites for the tests and reads back what a browser would follow in them.
enum SiteTestSupport {
    /// The repository root, for `content/` and `templates/`.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func check(_ directory: String, asOf: String = ExampleTree.asOf) throws -> CheckResult {
        let content = try ContentLoader.load(directory: directory)
        guard let day = Day(iso: asOf) else { throw CocoaError(.formatting) }
        return Checker.check(content, asOf: day)
    }

    /// The site of the bundled example content, as of the date the README names.
    static func exampleSite() throws -> [String: Data] {
        let result = try check(repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        return try SiteBuilder.build(result: result, theme: Theme.embedded())
    }

    static func site(of files: [String: String], asOf: String = ExampleTree.asOf) throws -> [String: Data] {
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        return try SiteBuilder.build(result: tree.check(asOf: asOf), theme: Theme.embedded())
    }

    static func pages(_ site: [String: Data]) -> [(path: String, html: String)] {
        site.keys.sorted().filter { $0.hasSuffix(".html") }.compactMap { path in
            site[path].map { (path, String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// The value of every `name="…"` attribute in a page (the theme and cmark always quote with `"`).
    static func attributes(_ name: String, in html: String) -> [String] {
        var out: [String] = []
        let marker = " \(name)=\""
        var rest = html[...]
        while let start = rest.range(of: marker) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            out.append(BodyLinks.unescapeAttribute(String(after[..<end])))
            rest = after[end...]
        }
        return out
    }

    /// Every tag of a page, `<` to `>`, comments left out.
    static func tags(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ">") else { break }
            if let c = after.first, c.isLetter || c == "/" { out.append(String(rest[open...close])) }
            rest = after[after.index(after: close)...]
        }
        return out
    }

    /// `../policy.html` from `objectives/x.html` → `policy.html`; nil when it leaves the site.
    static func resolve(_ link: String, from page: String) -> String? {
        var parts = page.split(separator: "/").map(String.init).dropLast()
        for part in link.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
