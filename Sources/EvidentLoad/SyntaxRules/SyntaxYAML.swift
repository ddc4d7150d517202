import EvidentModel

/// YAML that does not parse. Reported while loading, at the place the parser stopped.
package enum SyntaxYAML: Sendable {
    package static let description = RuleDescription(
        id: "syntax/yaml", name: "YAML syntax", obligation: .syntax, defaultSeverity: .error,
        summary: "YAML that does not parse.",
        rationale: """
            A front-matter block or evident.yml that is not valid YAML cannot be read at all. The message gives \
            the parser's reason and the line and column where it stopped; duplicate keys are refused too, \
            because YAML would silently keep only one of them. A tab used for indentation, which YAML does \
            not allow, is named as such, at the tab.
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
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  definition: Hours": "↓\tdefinition: Hours"])]),
        ],
        nonTriggering: [RuleExample([:])])

    static func message(_ problem: String) -> String {
        "The YAML does not parse: \(problem). Fix the syntax at this place (quote values that contain `: ` or start with a special character)."
    }

    static let tabMessage = "YAML does not allow tabs for indentation; indent this line with spaces."
}
