import Foundation

/// How a request target names a file of the site: the site is a dictionary of relative paths
/// (`index.html`, `reviews/index.html`, `assets/site.css`), and nothing outside it is reachable.
enum SitePath {
    /// What a request target comes to.
    enum Resolution: Equatable, Sendable {
        /// A relative path inside the site, without leading or trailing slash ("" for the root).
        case inside(String)
        /// The target climbs above the site's root (`..` after decoding).
        case outside
        /// The target's percent-encoding is malformed, or it is not a path.
        case malformed
    }

    /// The site path of a request target (`/reviews/?sort=id` → `reviews`). The target is decoded
    /// once, and `..` is refused after decoding, so no encoding of it leaves the site.
    package static func resolve(_ target: String) -> Resolution {
        guard target.hasPrefix("/") else { return .malformed }
        // The query and fragment name no file.
        let path = target.prefix { $0 != "?" && $0 != "#" }
        guard let decoded = path.removingPercentEncoding else { return .malformed }
        var parts: [Substring] = []
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return .outside }
            parts.append(part)
        }
        return .inside(parts.joined(separator: "/"))
    }

    /// The files that may answer a site path, in order: the file itself, then the folder's index.
    static func candidates(for path: String) -> [String] {
        path.isEmpty ? ["index.html"] : [path, path + "/index.html"]
    }

    /// The media type of a site file, from its extension.
    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        switch name[name.index(after: dot)...].lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/vnd.microsoft.icon"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "md", "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
