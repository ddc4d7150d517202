import Testing
@testable import EvidentKit

/// `TextBuffer` manages its own memory; it must still behave as a value. And the path check of
/// the files written from it.
@Suite struct TextBufferTests {
    @Test func growsAndKeepsEveryByte() {
        var buffer = TextBuffer(capacity: 1)
        var expected = ""
        for i in 0..<2_000 {
            let piece = i % 3 == 0 ? "é\(i)" : i % 3 == 1 ? "<\(i)>" : String(repeating: "x", count: i % 50)
            buffer += piece
            buffer.append(ascii: UInt8(ascii: ";"))
            expected += piece + ";"
        }
        #expect(buffer.text == expected && buffer.count == expected.utf8.count && buffer.bytes == Array(expected.utf8))
    }

    @Test func copiesAreIndependent() {
        var a = TextBuffer()
        a += "shared"
        var b = a
        b += " and b"
        a += " and a"
        #expect(a.text == "shared and a" && b.text == "shared and b")
        var c = a
        c.append(b)
        #expect(c.text == "shared and ashared and b" && a.text == "shared and a")
        var empty = TextBuffer()
        empty.append([])
        empty += ""
        #expect(empty.text == "" && empty.bytes.isEmpty)
    }

    /// The check that a site path stays inside the site, on bytes, refuses what splitting the path
    /// refused: empty, absolute, `.` and `..` components, backslashes and NUL.
    @Test func relativePathsAreCheckedAsBefore() {
        func refusedBefore(_ path: String) -> Bool {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return path.isEmpty || path.hasPrefix("/") || parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
                || path.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 })
        }
        let pieces = ["a", "b.html", ".", "..", "...", ".x", "x.", "/", "/", "\\", "\u{0}", "é", ""]
        var random = SplitMix64(seed: 17)
        for _ in 0..<30_000 {
            let path = (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let refused = (try? AtomicWriter.checkRelative(path)) == nil
            if refused != refusedBefore(path) {
                Issue.record("\(path.debugDescription): refused \(refused)")
                return
            }
        }
    }
}
