import EvidentModel
import EvidentSupport

/// YAML that does not parse. Reported while loading, at the place the parser stopped.
package enum SyntaxYAML: Sendable {
    package static let description = RuleDescription(
        id: "syntax/yaml", name: "YAML syntax", obligation: .syntax, defaultSeverity: .error,
        summary: "YAML that does not parse.",
        rationale: """
            A front-matter block or evident.yml that is not valid YAML cannot be read at all. The message gives \
            the parser's reason and the line and column where it stopped; duplicate keys are refused too, \
            because YAML would silently keep only one of them, and so is a key repeated with a tag before it \
            (`!x target`), which the parser takes for another key. A tab used for indentation, which YAML does \
            not allow, is named as such, at the tab; a quote left open, which the parser reads on to the \
            next quote lines later, at the quote that opens it; a line separator (U+2028, U+2029 or U+0085), \
            which YAML reads as a line break although editors show none, at that character.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "title: Restore priority-1 incidents quickly": "title: [Restore priority-1\nstatement2↓: x",
            ])]),
            RuleExample(["communications/2026-01-20.md": """
                ---
                date: 2026-01-20
                channel: intranet
                ↓channel: email
                objectives: [OBJ-INC-01]
                ---

                """]),
            // A tag before a repeated key hides the repeat from the parser; a reader that keeps the
            // last key would judge values against `<= 40 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"\n": "target: \"<= 4 h\"\n↓!x target: \"<= 40 h\"\n",
            ])]),
            RuleExample(["evident.yml": ExampleTree.configuration + "rules:\n  requirements/linked: error\n  ↓!x requirements/linked: off\n"]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  definition: Hours": "↓\tdefinition: Hours"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "title: Restore priority-1 incidents quickly": "title: ↓\"Restore priority-1 incidents quickly",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  definition: Hours": "  definition: Ho↓\u{2028}urs"])]),
        ],
        nonTriggering: [RuleExample([:])])

    static func message(_ problem: String) -> String {
        // libyaml's own words for this name one of its functions and advise nothing.
        if problem.hasPrefix("Maximum nesting level reached") {
            return "The YAML does not parse: its nesting goes deeper than 1,000 levels here, the most the YAML reader follows. No field of the content nests more than a few levels; flatten or remove this value."
        }
        return "The YAML does not parse: \(problem). Fix the syntax at this place (quote values that contain `: ` or start with a special character)."
    }

    /// A character the YAML reader refuses anywhere (a control character), at that character.
    static func characterMessage(_ problem: String, code: Int32) -> String {
        // `code` is a character only for this problem; for others it may be a byte of bad UTF-8.
        guard code >= 0, problem == "control characters are not allowed" else {
            return "The YAML cannot be read: \(problem). Remove the character here."
        }
        let padded = codePointHex(UInt32(code))
        return "The YAML cannot be read: \(problem) (U+\(padded) here). Remove it: no text needs one."
    }

    /// A quote opened on this line and left open, so the value ran on to `line` where the parser
    /// stopped with `problem`.
    static func unclosedQuoteMessage(closedOn line: Int, _ problem: String) -> String {
        "The YAML does not parse: the quote that opens this value is not closed on this line, so the value runs on to the next quote, on line \(line), where the parser stops (\(problem)). Close the quote on this line."
    }

    /// NEL, LS or PS (`code`), which YAML reads as a line break, before the place where the parser
    /// stopped with `problem`.
    static func separatorMessage(code: UInt32, _ problem: String) -> String {
        let name = code == 0x85 ? "next line (U+0085)" : code == 0x2028 ? "line separator (U+2028)" : "paragraph separator (U+2029)"
        return "The YAML does not parse: this \(name) character is a line break to YAML, though editors show none, so the line goes on as a new one (\(problem)). Remove the character, or quote the value with double quotes."
    }

    /// A key given again in one mapping under a tag (`!x target`), which the parser does not
    /// count as a repeat of the untagged one.
    static func repeatedKeyMessage(_ key: String) -> String {
        "The key \(codeSpan(key)) appears twice in one mapping (a tag such as `!x` before a key does not make it another key); keep one. Until then neither is read."
    }

    static let tabMessage = "YAML does not allow tabs for indentation; indent this line with spaces."
}
