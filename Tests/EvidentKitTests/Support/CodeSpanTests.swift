import Testing
@testable import EvidentSite
@testable import EvidentSupport

/// Finding messages' code spans, read as CommonMark reads them: a value with backticks is one span.
@Suite struct CodeSpanTests {
    @Test(arguments: ["OBJ-1", "OBJ`1", "`OBJ", "OBJ`", "a``b", "```", "` x `"])
    func aFencedValueIsOneSpanHoldingTheValue(value: String) {
        let message = "The id \(codeSpan(value)) is unknown; see `policy`."
        let parts = CodeSpan.parts(message)
        #expect(parts.map(\.code) == [false, true, false, true, false], "\(message)")
        #expect(parts.count == 5 && parts[1].text == value && parts[3].text == "policy", "\(message)")
        #expect(HTMLText.message(message).contains("<code>\(HTMLText.escape(value))</code>"))
        #expect(HTMLText.message(message).components(separatedBy: "<code>").count == 3)
        let views = PageContext.messageParts(message)
        #expect(views.count == 5)
    }

    @Test func aValueWithoutBackticksIsFencedAsBefore() {
        #expect(codeSpan("OBJ-1") == "`OBJ-1`")
        #expect(codeSpan("OBJ`1") == "``OBJ`1``")
        #expect(codeSpan("`x") == "`` `x ``")
        #expect(codeSpan(3) == "`3`")
    }

    @Test func aRunThatNothingClosesIsText() {
        #expect(CodeSpan.parts("a ` b").map(\.code) == [false])
        #expect(CodeSpan.parts("a ` b").first?.text == "a ` b")
        // A run of two is not closed by a run of one.
        let parts = CodeSpan.parts("x ``y` z")
        #expect(parts.count == 1 && parts[0].text == "x ``y` z" && !parts[0].code)
        #expect(HTMLText.message("<b> `c` &") == "&lt;b&gt; <code>c</code> &amp;")
        #expect(CodeSpan.parts("").isEmpty)
    }

    /// The reading as CommonMark states it, searching ahead from each run: the reference the
    /// linear `parts` must agree with.
    static func reference(_ text: String) -> [String] {
        let bytes = Array(text.utf8), tick = UInt8(ascii: "`")
        var out: [String] = [], prose: [UInt8] = [], i = 0
        while i < bytes.count {
            guard bytes[i] == tick else { prose.append(bytes[i]); i += 1; continue }
            var end = i
            while end < bytes.count, bytes[end] == tick { end += 1 }
            var close: Int?, j = end
            while j < bytes.count {
                guard bytes[j] == tick else { j += 1; continue }
                var k = j
                while k < bytes.count, bytes[k] == tick { k += 1 }
                if k - j == end - i { close = j; break }
                j = k
            }
            guard let close else { prose += bytes[i..<end]; i = end; continue }
            if !prose.isEmpty { out.append("p:" + String(decoding: prose, as: UTF8.self)) }
            prose = []
            var content = bytes[end..<close]
            if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
                content = content.dropFirst().dropLast()
            }
            out.append("c:" + String(decoding: content, as: UTF8.self))
            i = close + (end - i)
        }
        if !prose.isEmpty { out.append("p:" + String(decoding: prose, as: UTF8.self)) }
        return out
    }

    @Test func randomTextReadsAsTheReference() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in "``` a".randomElement(using: &generator) ?? "a" })
            #expect(CodeSpan.parts(text).map { ($0.code ? "c:" : "p:") + $0.text } == Self.reference(text), "\(text)")
        }
    }

    /// Runs of every length up to 600, none closed: read in one pass, not by searching ahead from
    /// each (some 180,000 runs scanned to the end).
    @Test func aHostileValueIsReadInOnePass() {
        let text = (1...600).map { String(repeating: "`", count: $0) + "x" }.joined()
        let parts = expectQuick(within: .seconds(10), "reading the runs") { CodeSpan.parts(text) }
        #expect(parts.count == 1 && parts[0].text == text && !parts[0].code)
    }
}
