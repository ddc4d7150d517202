import EvidentSupport
import Hummingbird

/// What `serve` changes in an HTML page it serves, and nothing else: the page's
/// Content-Security-Policy (its `<meta http-equiv>` in the head) gets `'self'` where live reload
/// needs it, and a script element that loads `/_evident/live.js` goes before `</body>`. The built
/// site (on disk, or in the snapshot) is never changed: only the bytes of one answer.
enum LivePage {
    static let scriptPath = "/_evident/live.js"
    static let stylePath = "/_evident/live.css"
    static let eventsPath = "/_evident/events"
    static let statePath = "/_evident/state"

    /// The element that loads the script; `version` tells the script which build it is part of.
    static func scriptTag(version: String) -> String {
        "<script src=\"\(scriptPath)\" data-version=\"\(HTMLText.escape(version))\" defer></script>"
    }

    /// A page as served: its bytes, and the `Content-Security-Policy` header, the page's own policy
    /// widened (nil when it has none, which allows everything already).
    struct Served: Sendable {
        var body: ByteBuffer
        var policy: String?
    }

    /// The page with its policy widened and the script element added.
    static func inject(into page: ByteBuffer, version: String) -> Served {
        var bytes = Array(page.readableBytesView)
        var policy: String?
        if let meta = policyMeta(in: bytes) {
            let original = HTMLAttribute.decode(String(decoding: bytes[meta], as: UTF8.self))
            let widened = ServedPolicy.widen(original)
            policy = widened
            bytes.replaceSubrange(meta, with: Array(HTMLText.escape(widened).utf8))
        }
        let tag = Array(scriptTag(version: version).utf8)
        let end = ASCIISearch.last(Array("</body>".utf8), in: bytes) ?? bytes.endIndex
        bytes.insert(contentsOf: tag, at: end)
        return Served(body: ByteBuffer(bytes: bytes), policy: policy)
    }

    /// The range of the `content` value of the head's Content-Security-Policy `<meta>`, or nil.
    static func policyMeta(in bytes: [UInt8]) -> Range<Int>? {
        let head = ASCIISearch.first(Array("</head>".utf8), in: bytes) ?? bytes.endIndex
        let scope = bytes[..<head]
        guard let name = ASCIISearch.first(Array("http-equiv=\"content-security-policy\"".utf8), in: scope) else { return nil }
        guard let open = scope[..<name].lastIndex(of: UInt8(ascii: "<")),
              let close = scope[name...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let tag = scope[open..<close]
        guard let attribute = ASCIISearch.first(Array(" content=\"".utf8), in: tag) else { return nil }
        let start = attribute + 10
        guard let quote = tag[start...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return start..<quote
    }
}

/// A Content-Security-Policy widened just enough for live reload: scripts and styles from
/// `'self'` (live.js and live.css) and connections to `'self'` (the event stream and the state).
/// A directive that allows these already is left as it is; every other directive is kept unchanged.
enum ServedPolicy {
    /// Per need, the directives that govern it, most specific first; `default-src` is the fallback.
    static let needs: [[String]] = [["script-src-elem", "script-src"], ["style-src-elem", "style-src"], ["connect-src"]]

    static func widen(_ policy: String) -> String {
        var directives: [(name: String, sources: [String])] = policy.split(separator: ";").compactMap { part in
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            guard let name = words.first else { return nil }
            return (name.lowercased(), words.dropFirst().map(String.init))
        }
        func allowsSelf(_ sources: [String]) -> Bool {
            sources.contains { $0.lowercased() == "'self'" || $0 == "*" }
        }
        for chain in needs {
            if let index = directives.firstIndex(where: { chain.contains($0.name) }) {
                // The most specific directive present decides, and only it.
                let ordered = chain.compactMap { name in directives.firstIndex { $0.name == name } }
                let governing = ordered.first ?? index
                if !allowsSelf(directives[governing].sources) {
                    directives[governing].sources = directives[governing].sources.filter { $0.lowercased() != "'none'" } + ["'self'"]
                }
            } else if let fallback = directives.first(where: { $0.name == "default-src" }), !allowsSelf(fallback.sources),
                      let generic = chain.last {
                directives.append((generic, fallback.sources.filter { $0.lowercased() != "'none'" } + ["'self'"]))
            }
        }
        return directives.map { ([$0.name] + $0.sources).joined(separator: " ") }.joined(separator: "; ")
    }
}

/// The few character references a policy in an attribute may be written with.
enum HTMLAttribute {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// Case-insensitive search for ASCII needles (given in lower case) in bytes.
enum ASCIISearch {
    static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    static func matches(_ needle: [UInt8], _ bytes: ArraySlice<UInt8>, at index: Int) -> Bool {
        guard index >= bytes.startIndex, bytes.endIndex - index >= needle.count else { return false }
        for (offset, byte) in needle.enumerated() where lower(bytes[index + offset]) != byte { return false }
        return true
    }

    static func first(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if matches(needle, bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    static func first(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        first(needle, in: bytes[...])
    }

    static func last(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if matches(needle, bytes[...], at: index) { return index }
            index -= 1
        }
        return nil
    }
}
