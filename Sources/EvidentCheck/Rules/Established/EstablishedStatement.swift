import EvidentModel

/// A statement of more than one sentence or more than 40 words.
enum EstablishedStatement: Rule {
    static let description = RuleDescription(
        id: "established/statement", name: "One-sentence statement", obligation: .established, defaultSeverity: .warning,
        summary: "A statement of more than one sentence or more than 40 words.",
        rationale: """
            Clause 6.2.1 asks for objectives that are established, which an auditor reads as: each one is a \
            clear commitment that the people who deliver it can repeat. A statement that runs to several \
            sentences usually mixes the commitment with how it is measured, reported or explained, and a \
            reader can no longer tell which part is the objective. Keep the statement to one sentence of at \
            most 40 words; the metric, data source, actions and the Markdown body hold the rest. A sentence \
            ends with `.`, `!` or `?` followed by white space, so a decimal point (99.5) does not end one.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "statement: Restore service for priority-1 incidents within 4 hours.":
                    "statement: ↓Restore service for priority-1 incidents within 4 hours. Report the restoration time to the service desk every month.",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: draft",
                "statement: Restore service for priority-1 incidents within 4 hours.":
                    "statement: ↓Restore service for every priority-1 incident raised by any business unit, partner or automated monitoring system within 4 hours of the ticket being opened, including incidents that are reopened after a failed fix, incidents raised outside business hours and incidents that need a supplier to attend on site.",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "statement: Restore service for priority-1 incidents within 4 hours.":
                    "statement: ↓Keep P1 restoration within 4.5 hours! Tighten it next year.",
                "target: \"<= 4 h\"": "target: \"<= 4.5 h\"",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "Rationale.": "Rationale. The restoration time is reported to the service desk every month.",
            ])]),
            // A decimal point is not the end of a sentence.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "statement: Restore service for priority-1 incidents within 4 hours.":
                    "statement: Restore service for 90 % of priority-1 incidents within 4.5 hours.",
                "target: \"<= 4 h\"": "target: \"<= 4.5 h\"",
            ])]),
            // A retired objective is a historical record: its wording is not reworked.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired",
                "statement: Restore service for priority-1 incidents within 4 hours.":
                    "statement: Restore service for priority-1 incidents within 4 hours. Report it monthly.",
            ])]),
        ])

    static let maximumWords = 40

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.status(of: o) != .retired {
            guard let statement = o.statement else { continue }
            let sentences = sentenceCount(statement.value)
            let words = wordCount(statement.value)
            guard sentences > 1 || words > maximumWords else { continue }
            findings.append(description.finding(message(sentences: sentences, words: words),
                                                at: statement.location, objective: o.idText))
        }
        return findings
    }

    /// SPEC 4.1: a sentence ends with `.`, `!` or `?` followed by white space. Trailing punctuation
    /// closes the last sentence without starting another, and `99.5` has no white space after its point.
    static func sentenceCount(_ text: String) -> Int {
        // Over the UTF-8 bytes: `.`, `!` and `?` are single bytes that no longer character
        // contains, and only the character after one is decoded (Unicode scalars, not Characters:
        // the same answer for this test, without breaking the text into grapheme clusters).
        var trimmed = text.trimmed
        guard !trimmed.isEmpty else { return 0 }
        let text = trimmed
        return trimmed.withUTF8 { bytes in
            var count = 1
            for offset in bytes.indices.dropLast() where bytes[offset] == 46 || bytes[offset] == 33 || bytes[offset] == 63 {
                let next = bytes[offset + 1]
                let isSpace = next < 0x80
                    ? next == 32 || (9...13).contains(next)
                    : text.unicodeScalars[text.utf8.index(text.utf8.startIndex, offsetBy: offset + 1)...].first?.isSpace == true
                if isSpace { count += 1 }
            }
            return count
        }
    }

    /// Words are runs between white space that hold a letter or digit, so a lone `-` or `%` is not one.
    /// Words: runs of non-space with at least one letter or digit (`-` or `&` alone is not a word).
    /// Over Unicode scalars, not Characters, for the same reason as `sentenceCount`.
    static func wordCount(_ text: String) -> Int {
        if let ascii = asciiWordCount(text) { return ascii }
        var count = 0
        var inWord = false
        var hasLetter = false
        for scalar in text.unicodeScalars {
            // ASCII by hand: most statements are ASCII, and need no look-up in Unicode's property tables.
            let isSpace = scalar.isASCII ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if isSpace {
                if inWord && hasLetter { count += 1 }
                inWord = false
                hasLetter = false
            } else {
                inWord = true
                if !hasLetter {
                    if scalar.isASCII {
                        let v = scalar.value
                        hasLetter = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                    } else {
                        let p = scalar.properties
                        hasLetter = p.isAlphabetic || p.numericType != nil
                    }
                }
            }
        }
        if inWord && hasLetter { count += 1 }
        return count
    }

    /// `wordCount` of ASCII text, over its bytes; nil for any other text.
    private static func asciiWordCount(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var count = 0
            var inWord = false, hasLetter = false
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                if byte == 32 || (0x09...0x0D).contains(byte) {
                    if inWord && hasLetter { count += 1 }
                    inWord = false
                    hasLetter = false
                } else {
                    inWord = true
                    if !hasLetter { hasLetter = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
                }
            }
            if inWord && hasLetter { count += 1 }
            return count
        }
    }

    static func message(sentences: Int, words: Int) -> String {
        var problems: [String] = []
        if sentences > 1 { problems.append("\(sentences) sentences") }
        if words > maximumWords { problems.append("\(words) words") }
        return "The statement has \(problems.joined(separator: " and ")); state the commitment in one sentence of at most \(maximumWords) words, and move measurement, reporting and explanation to `metric`, `actions` or the body."
    }
}
