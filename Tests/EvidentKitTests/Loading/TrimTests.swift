import Testing

/// `trimmed` answers from two bytes when a text starts and ends with visible ASCII; it must trim
/// as the scalar-by-scalar reading does.
@Suite struct TrimTests {
    @Test func trimsAsScalarsDo() {
        func reference(_ text: String) -> String {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.isSpace }),
                  let last = scalars.lastIndex(where: { !$0.isSpace }) else { return "" }
            return String(scalars[first...last])
        }
        let pieces = ["a", "Z", "~", "!", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{2028}", "é", "e\u{301}", "\u{7F}",
                      "\u{1}", "x y", "🎉", ""]
        var random = SplitMix64(seed: 19)
        for _ in 0..<30_000 {
            let text = (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if text.trimmed != reference(text) || text[...].trimmed != reference(text) {
                Issue.record("\(text.debugDescription) → \(text.trimmed.debugDescription)")
                return
            }
        }
        #expect("  OBJ-1 ".trimmed == "OBJ-1" && "OBJ-1".trimmed == "OBJ-1" && " \u{3000}".trimmed == "")
    }
}
