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
}
