#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding byte patterns in UTF-8 text: in rendered HTML (whose patterns are ASCII, so a match
/// never splits a character), and paths in messages.
package enum ByteSearch {
    /// The first index at or after `start` where `pattern` begins, or nil.
    package static func first(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        pattern.withUnsafeBufferPointer { p in bytes.withUnsafeBufferPointer { b in first(p, in: b, from: start) } }
    }

    /// Whether `text` holds the bytes of `part`, compared as bytes, never as characters: as a path
    /// was written into a message.
    package static func contains(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return part.isEmpty || text.withUTF8 { t in part.withUTF8 { p in first(p, in: t, from: 0) != nil } }
    }

    private static func first(_ pattern: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard !pattern.isEmpty, start >= 0, start <= buffer.count - pattern.count,
              let base = buffer.baseAddress, let patternBase = pattern.baseAddress else { return nil }
        // Looked for by its rarest byte, with memchr: the first byte of ` href="` is a space,
        // and a body has one between nearly every two words.
        let anchor = anchorIndex(pattern)
        let anchorByte = Int32(pattern[anchor])
        var i = start + anchor
        let last = buffer.count - pattern.count + anchor
        while i <= last {
            guard let found = memchr(base + i, anchorByte, last - i + 1) else { return nil }
            let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base - anchor
            if memcmp(base + at, patternBase, pattern.count) == 0 { return at }
            i = at + anchor + 1
        }
        return nil
    }

    /// The position in `pattern` of the byte least likely in text: markup punctuation before
    /// anything else, and a letter or a space last.
    static func anchorIndex(_ pattern: UnsafeBufferPointer<UInt8>) -> Int {
        func rarity(_ byte: UInt8) -> Int {
            switch byte {
            case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "{"), 0x80...: 3
            case UInt8(ascii: "\""), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: ";"), UInt8(ascii: "}"): 2
            case UInt8(ascii: " "), UInt8(ascii: "a")...UInt8(ascii: "z"): 0
            default: 1
            }
        }
        var best = 0
        for (k, byte) in pattern.enumerated() where rarity(byte) > rarity(pattern[best]) { best = k }
        return best
    }

    package static func starts(_ bytes: [UInt8], at i: Int, with prefix: [UInt8]) -> Bool {
        guard i >= 0, i <= bytes.count - prefix.count else { return false }
        for k in 0..<prefix.count where bytes[i + k] != prefix[k] { return false }
        return true
    }
}
