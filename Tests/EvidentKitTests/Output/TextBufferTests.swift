import Testing
@testable import EvidentSupport

/// `TextBuffer` manages its own memory; it must still behave as a value.
@Suite struct TextBufferTests {
    @Test func growsAndKeepsEveryByte() {
        var buffer = TextBuffer(capacity: 1)
        var expected = ""
        for i in 0..<2_000 {
            let piece = i % 3 == 0 ? "é\(i)" : i % 3 == 1 ? "<\(i)>" : String(repeating: "x", count: i % 50)
            buffer.append(piece)
            buffer.append(ascii: UInt8(ascii: ";"))
            expected += piece + ";"
        }
        // Literals: of several characters, of one ASCII or non-ASCII character (held as a
        // scalar, not as bytes), and empty.
        buffer += "<tr>"
        buffer += ","
        buffer += "é"
        buffer += "→"
        buffer += ""
        expected += "<tr>,é→"
        #expect(buffer.text == expected && buffer.count == expected.utf8.count && buffer.bytes == Array(expected.utf8))
    }

    @Test func copiesAreIndependent() {
        var a = TextBuffer()
        a += "shared"
        var b = a
        b.append(" and " + "b")
        a += " and a"
        #expect(a.text == "shared and a" && b.text == "shared and b")
        var c = a
        c.append(b)
        #expect(c.text == "shared and ashared and b" && a.text == "shared and a")
        var empty = TextBuffer()
        empty.append([])
        empty += ""
        empty.append(String())
        #expect(empty.text == "" && empty.bytes.isEmpty)
    }

    /// `insert` shifts what follows, overlapping itself, in memory of the buffer's own.
    @Test func insertPutsTextInFrontOfTheRest() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let length = Int(random.next() % 300)
            let original = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(97 + random.next() % 26))) })
            let offset = length == 0 ? 0 : Int(random.next() % UInt64(length + 1))
            let text = String(repeating: "é-", count: Int(random.next() % 40))
            var buffer = TextBuffer(original)
            let shared = buffer
            buffer.insert(text, at: offset)
            let utf8 = Array(original.utf8)
            #expect(buffer.bytes == Array(utf8[..<offset]) + Array(text.utf8) + Array(utf8[offset...]))
            #expect(shared.text == original)
        }
    }
}
