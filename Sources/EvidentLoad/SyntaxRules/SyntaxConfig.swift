import EvidentModel

/// `evident.yml` missing or invalid. Reported while loading.
package enum SyntaxConfig: Sendable {
    package static let description = RuleDescription(
        id: "syntax/config", name: "Project configuration", obligation: .syntax, defaultSeverity: .error,
        summary: "`evident.yml` missing or invalid; an unknown standard id, or one it does not configure, in evident.yml, an objective or a policy statement.",
        rationale: """
            evident.yml names the organisation and declares the levels, forums and functions that every \
            objective is traced to. Without it, or with an invalid rule override or setting, no result of a \
            run can be trusted. Each forum declares its cadence, the default of every objective it reviews: \
            without one, such an objective would never be due, so no missing value or overdue review of it \
            would ever be reported. Each function that is not excluded declares its level, the level of \
            every objective set for it (clause 6.2.1's "relevant functions and levels"): without one, those \
            objectives are at no level an auditor can see. It also names the standards the objectives serve: a standard id evident does \
            not know, in evident.yml, an objective or a policy statement, is reported here, and so is an \
            objective or statement that names a standard evident.yml does not configure, since the rules of \
            that standard would silently not apply to it.
            """,
        triggering: [
            RuleExample([:], removing: ["evident.yml"]),
            RuleExample(["evident.yml": ExampleTree.configuration + "rules:\n  ↓requirements/linkd: error\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration + "settings:\n  review_grace_days: ↓-3\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration + "standards: [iso20000-1, ↓iso27002]\n"]),
            // A forum without a cadence: reported once, at the forum, not at each objective it reviews.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "  - { id: ops-review, name: Operational review, cadence: monthly }": "  - { id: ↓ops-review, name: Operational review }",
            ])]),
            // A function without a level: its objectives would be set at no level.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "  - id: incident\n    name: Incident management\n    level: process\n": "  - id: ↓incident\n    name: Incident management\n",
            ])]),
            // A standard evident knows that evident.yml does not configure, on an objective and a policy statement.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1, ↓iso27001]\n"]),
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["    text: We restore": "    standards: [↓iso9001]\n    text: We restore"]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["evident.yml": ExampleTree.configuration + "rules:\n  requirements/linked: error\n"]),
            // An excluded function sets no objective, so it needs no level.
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    excluded: true\n    justification: Retired in 2025; no traffic.\n"]),
            // A cadence that is not one of the five is `syntax/type`'s finding, not a missing one.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["cadence: monthly }": "cadence: fortnightly }"])]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso27001]\n"]),
            ]),
        ])
}
