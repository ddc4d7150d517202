import EvidentSupport
import Hummingbird

/// What `serve` changes in an HTML page it serves, and nothing else: each Content-Security-Policy
/// `<meta>` of the page's head (`PolicyMeta`) gets `'self'` where live reload needs it, and a script element that loads `/_evident/live.js` goes before `</body>`. The built
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

    /// A page as served: its bytes; the `Content-Security-Policy` header, the page's policies
    /// widened (nil when it has none, which allows everything already); and why a policy of the page
    /// could not be widened, one line each, for the console.
    struct Served: Sendable {
        var body: ByteBuffer
        var policy: String?
        var unreadable: [String]
    }

    /// The page with every Content-Security-Policy `<meta>` of its head widened (`PolicyMeta`) and
    /// the script element added. A policy that cannot be read is left as it is, and said.
    static func inject(into page: ByteBuffer, version: String) -> Served {
        var bytes = Array(page.readableBytesView)
        var policies: [String] = []
        var unreadable: [String] = []
        // From the last to the first, so that each range found still points where it did.
        for meta in PolicyMeta.all(in: bytes).reversed() {
            guard let original = meta.policy else {
                unreadable.insert("its Content-Security-Policy <meta> holds \(meta.problem ?? "what cannot be read")", at: 0)
                continue
            }
            let widened = ServedPolicy.widen(original)
            if let reason = ServedPolicy.stillBlocks(widened) { unreadable.insert(reason, at: 0) }
            policies.insert(widened, at: 0)
            // In double quotes whatever quotes it had, escaped for them.
            bytes.replaceSubrange(meta.value, with: Array("\"\(HTMLText.escape(widened))\"".utf8))
        }
        let tag = Array(scriptTag(version: version).utf8)
        let end = ASCIISearch.last(Array("</body>".utf8), in: bytes) ?? bytes.endIndex
        bytes.insert(contentsOf: tag, at: end)
        // A header separates policies with commas: one holding a comma is enforced by its <meta> alone.
        let header = policies.filter { !$0.contains(",") }
        return Served(body: ByteBuffer(bytes: bytes), policy: header.isEmpty ? nil : header.joined(separator: ", "), unreadable: unreadable)
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

    /// Why a widened policy still blocks live.js, or nil: under `'strict-dynamic'` a browser
    /// ignores `'self'` (and every host source) in the directive that governs scripts.
    static func stillBlocks(_ policy: String) -> String? {
        let directives = policy.split(separator: ";").map { $0.split(whereSeparator: \.isWhitespace).map { $0.lowercased() } }
        for name in ["script-src-elem", "script-src", "default-src"] {
            guard let directive = directives.first(where: { $0.first == name }) else { continue }
            return directive.contains("'strict-dynamic'") ? "its Content-Security-Policy has 'strict-dynamic' in \(name), under which 'self' loads no script" : nil
        }
        return nil
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
