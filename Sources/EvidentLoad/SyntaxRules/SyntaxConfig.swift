import EvidentModel

/// `evident.yml` missing or invalid. Reported while loading.
package enum SyntaxConfig: Sendable {
    package static let description = RuleDescription(
        id: "syntax/config", name: "Project configuration", obligation: .syntax, defaultSeverity: .error,
        summary: "`evident.yml` missing or invalid.",
        rationale: """
            evident.yml names the organisation and declares the levels, forums and functions that every \
            objective is traced to. Without it, or with an invalid rule override or setting, no result of a \
            run can be trusted.
            """,
        triggering: [
            RuleExample([:], removing: ["evident.yml"]),
            RuleExample(["evident.yml": ExampleTree.configuration + "rules:\n  ↓requirements/linkd: error\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration + "settings:\n  review_grace_days: ↓-3\n"]),
        ],
        nonTriggering: [RuleExample(["evident.yml": ExampleTree.configuration + "rules:\n  requirements/linked: error\n"])])
}
