import EvidentSupport
import Foundation

/// File names and fragment ids made from ids written in content: lowercase `a-z`, `0-9` and `-`,
/// so that they are safe in a URL, a file system and an HTML id without any escaping.
enum Slug {
    /// `OBJ-INC-01` → `obj-inc-01`, `MSA 7.2` → `msa-7-2`; runs of other characters become one `-`.
    /// Letters with accents lose them (`Qualité` → `qualite`); an id with nothing usable gives `fallback`.
    static func make(_ text: String, fallback: String = "item") -> String {
        // Most ids are ASCII, made on their bytes: folding goes through Foundation, and every
        // slug is made on one core before the pages can start.
        text.utf8.allSatisfy({ $0 < 0x80 }) ? ascii(text, fallback: fallback) : folding(text, fallback: fallback)
    }

    /// `make` for any text: accents folded away first.
    static func folding(_ text: String, fallback: String) -> String {
        var out = ""
        var pendingDash = false
        let folded = text.folding(options: .diacriticInsensitive, locale: nil)
        for scalar in folded.unicodeScalars {
            let lowered: Unicode.Scalar? = switch scalar.value {
            case 0x41...0x5A: Unicode.Scalar(scalar.value + 32)
            case 0x61...0x7A, 0x30...0x39: scalar
            default: nil
            }
            guard let c = lowered else {
                pendingDash = true
                continue
            }
            if pendingDash && !out.isEmpty { out.append("-") }
            pendingDash = false
            out.unicodeScalars.append(c)
        }
        // Very long ids would make file names some systems refuse.
        if out.count > 80 { out = String(out.prefix(80)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }

    /// `make` for ASCII text, on bytes: the same rules, nothing to fold.
    static func ascii(_ text: String, fallback: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            let lowered: UInt8? = switch byte {
            case 0x41...0x5A: byte + 32
            case 0x61...0x7A, 0x30...0x39: byte
            default: nil
            }
            guard let c = lowered else {
                pendingDash = true
                continue
            }
            if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingDash = false
            out.append(c)
        }
        if out.count > 80 { out.removeSubrange(80...) }
        while out.last == UInt8(ascii: "-") { out.removeLast() }
        return out.isEmpty ? fallback : String(decoding: out, as: UTF8.self)
    }

    /// Whether `slug` is a device name on Windows (`con`, `nul`, `com1`, `lpt9`…), which no file
    /// may be called there with any extension: `objectives/aux.html` would not extract from the pack.
    static func isWindowsDevice(_ slug: String) -> Bool {
        if case .deviceName? = PackPath.windowsProblem(slug) { return true }
        return false
    }

    /// Hands out unique slugs in one namespace (a folder or a page's ids). Two ids that give the
    /// same slug are told apart by `-2`, `-3`… in the order they are asked for, which callers keep
    /// deterministic (content order); reserved names are never handed out, nor, for the names of
    /// files (`fileNames`), a Windows device name (`AUX` gets `aux-2.html`).
    struct Allocator: Sendable {
        private var taken: Set<String>
        private let fileNames: Bool

        init(reserved: Set<String> = [], fileNames: Bool = false) {
            taken = reserved
            self.fileNames = fileNames
        }

        mutating func allocate(_ text: String, fallback: String = "item") -> String {
            let base = Slug.make(text, fallback: fallback)
            var candidate = base
            var n = 2
            while taken.contains(candidate) || (fileNames && Slug.isWindowsDevice(candidate)) {
                candidate = "\(base)-\(n)"
                n += 1
            }
            taken.insert(candidate)
            return candidate
        }
    }
}
