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
}
