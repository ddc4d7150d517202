/// Objective ids renamed between two trees, old to new, as text reads them: an id names an
/// objective where it stands as a whole word (not next to a letter, digit, `-` or `_`).
package struct IDRenames: Sendable {
    package let map: [String: String]
    /// Ids with a character that does not split words there, replaced one by one.
    private let unusual: [(String, String)]

    package init(_ map: [String: String] = [:]) {
        self.map = map
        unusual = map.filter { !$0.key.allSatisfy(Self.isIDCharacter) }.sorted { $0.key < $1.key }
    }

    var isEmpty: Bool { map.isEmpty }

    static func isIDCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "-" || c == "_" }

    /// `text` with each renamed id it names made the new one: one pass over its words, so that
    /// many renames cost no more than few.
    package func apply(_ text: String) -> String {
        guard !map.isEmpty else { return text }
        var out = "", changed = false, word = ""
        func flush() {
            if let new = map[word] { out += new; changed = true } else { out += word }
            word = ""
        }
        for c in text {
            if Self.isIDCharacter(c) { word.append(c) } else { flush(); out.append(c) }
        }
        flush()
        var result = changed ? out : text
        for (old, new) in unusual { result = Self.replacingWord(old, with: new, in: result) }
        return result
    }

    /// `text` with each `word` that is not part of a longer id (next to a letter, digit, `-` or
    /// `_`) made `replacement`.
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        guard !word.isEmpty, text.contains(word) else { return text }
        var out = "", copied = text.startIndex, from = text.startIndex
        while let range = text.range(of: word, range: from..<text.endIndex) {
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            if !(before.map(isIDCharacter) ?? false), !(after.map(isIDCharacter) ?? false) {
                out += text[copied..<range.lowerBound] + replacement
                copied = range.upperBound
            }
            from = range.upperBound
        }
        return out + text[copied...]
    }
}
