import Foundation
import Testing
@testable import EvidentSite
@testable import EvidentSupport

/// `ByteScan` reads eight bytes at a time; it must answer as a test of each byte does.
@Suite struct ByteScanTests {
    /// `ByteSearch.first` looks for a pattern by its rarest byte; it must find what a search
    /// from each position in turn finds, overlapping and at the very ends included.
    @Test func byteSearchFindsWhatANaiveSearchFinds() {
        func naive(_ pattern: [UInt8], _ bytes: [UInt8], _ start: Int) -> Int? {
            guard start >= 0 else { return nil }
            var i = start
            while i + pattern.count <= bytes.count {
                if Array(bytes[i..<(i + pattern.count)]) == pattern { return i }
                i += 1
            }
            return nil
        }
        let patterns = [" href=\"", "<img ", "{{", "\u{E000}&", "aa", "a", "<input type=\"checkbox\"", "=\"=", ";"].map { Array($0.utf8) }
        let alphabet = Array(" a=\"<>{};h&".utf8) + [0xEE, 0x80]
        var random = SplitMix64(seed: 29)
        for _ in 0..<20_000 {
            let pattern = patterns[Int(random.next() % UInt64(patterns.count))]
            var bytes = (0..<Int(random.next() % 48)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if random.next() % 2 == 0, !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                bytes.replaceSubrange(at..<min(bytes.count, at + pattern.count), with: pattern)
            }
            let start = Int(random.next() % UInt64(bytes.count + 3))
            let expected = naive(pattern, bytes, start), actual = ByteSearch.first(pattern, in: bytes, from: start)
            if actual != expected {
                Issue.record("\(pattern) in \(bytes) from \(start): \(String(describing: actual)), not \(String(describing: expected))")
                return
            }
            if (bytes + pattern).allSatisfy({ $0 < 0x80 }),
               ByteSearch.contains(String(decoding: bytes, as: UTF8.self), String(decoding: pattern, as: UTF8.self)) != (naive(pattern, bytes, 0) != nil) {
                Issue.record("contains: \(pattern) in \(bytes)")
                return
            }
        }
    }

    /// A path is found in a message by its bytes: the same characters in other bytes are another name.
    @Test func containsComparesBytesNotCharacters() {
        #expect(ByteSearch.contains("see content/objectives/a.md", "content/"))
        #expect(!ByteSearch.contains("see contents", "content/"))
        #expect(ByteSearch.contains("x", ""))
        #expect(!ByteSearch.contains("", "a"))
        #expect(!ByteSearch.contains("caf\u{E9}/a", "cafe\u{301}/"))
        #expect(ByteSearch.contains("a caf\u{E9}/b", "caf\u{E9}/"))
        #expect(ByteSearch.contains("ends with/", "with/"))
    }

    @Test func answersAsAByteByByteTest() {
        let scans: [(ByteScan, (UInt8) -> Bool)] = [
            (HTMLText.specials, { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 }),
            (JSON.specials, { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }),
            (ByteScan([0xEF], below: 0x20), { $0 < 0x20 || $0 == 0xEF }),
            (ByteScan([], below: 0x80), { $0 < 0x80 }),
        ]
        var random = SplitMix64(seed: 11)
        // Mostly bytes near the targets and the limits, where a word test could go wrong.
        let near: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x3B, 0x3C, 0x3D, 0x3E, 0x5C,
                             0x61, 0x7F, 0x80, 0x81, 0xA2, 0xE1, 0xE2, 0xE3, 0xEE, 0xEF, 0xFF]
        for _ in 0..<40_000 {
            let count = Int(random.next() % 40)
            var bytes = (0..<count).map { _ in random.next() % 3 == 0 ? UInt8(truncatingIfNeeded: random.next()) : near[Int(random.next() % UInt64(near.count))] }
            // Most texts hold no target at all, or one byte of it.
            if random.next() % 2 == 0 { bytes = bytes.map { _ in UInt8(ascii: "a") + UInt8(random.next() % 26) } }
            if random.next() % 3 == 0, !bytes.isEmpty { bytes[Int(random.next() % UInt64(bytes.count))] = near[Int(random.next() % UInt64(near.count))] }
            for (scan, test) in scans {
                let expected = bytes.contains(where: test)
                let actual = bytes.withUnsafeBufferPointer { scan.matches($0) }
                if actual != expected {
                    Issue.record("\(bytes) gives \(actual)")
                    return
                }
            }
        }
        #expect(HTMLText.specials.matches("plain text") == false && HTMLText.specials.matches("a <b>") == true)
        #expect(HTMLText.specials.matches("\u{E9}t\u{E9} \u{1F600}") == false)
    }

    /// JSON strings are escaped on bytes; they must read as the escape of each character did.
    @Test func jsonEscapesAsEachCharacterDid() {
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }
        let pieces = ["a", "\"", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "€", "—",
                      "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "🎉", " ", "'"]
        var random = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var out = TextBuffer()
            JSON.escape(text, into: &out)
            if out.text != reference(text) {
                Issue.record("\(text.debugDescription): \(out.text) instead of \(reference(text))")
                return
            }
        }
    }

    /// `printableASCIIRun` reads eight bytes at a time; it must stop where a test of each byte does,
    /// from any start, at a control character, DEL or any byte of a non-ASCII character.
    @Test func printableRunStopsWhereAByteByByteTestDoes() {
        let alphabet: [UInt8] = Array(" ~aZ09#:-".utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        var random = SplitMix64(seed: 31)
        for _ in 0..<20_000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in
                random.next() % 4 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : UInt8(ascii: "a")
            }
            let start = Int(random.next() % UInt64(bytes.count + 1))
            var expected = start
            while expected < bytes.count, bytes[expected] >= 0x20, bytes[expected] < 0x7F { expected += 1 }
            let run = bytes.withUnsafeBufferPointer { $0.printableASCIIRun(from: start) }
            if start + run != expected {
                Issue.record("\(bytes) from \(start): \(run), not \(expected - start)")
                return
            }
        }
    }
}
