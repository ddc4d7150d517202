import EvidentModel
import EvidentSupport

/// A function, not excluded, with no active objective.
enum LevelsCoverage: Rule {
    static let description = RuleDescription(
        id: "levels/coverage", name: "Function coverage", obligation: .levels, defaultSeverity: .warning,
        summary: "A function, not excluded, with no active objective.",
        rationale: """
            Clause 6.2.1 asks for objectives at the relevant functions and levels. Every function in the \
            `functions` table of evident.yml is declared relevant unless it is excluded, so an auditor expects \
            each one to carry at least one objective in force. A function with none is either a gap in the \
            objectives or a function that should be excluded, with a justification the auditor can read. \
            Drafts and retired objectives do not count, nor, as of an earlier day, an objective whose \
            first version was approved after it.
            """,
        triggering: [
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: ↓change\n    name: Change management\n    level: process\n    owner: Change Manager\n    forum: ops-review\n"]),
            // A draft does not cover its function until it is active.
            RuleExample([
                "evident.yml": ExampleTree.configuration
                    + "  - id: ↓change\n    name: Change management\n    level: process\n    owner: Change Manager\n    forum: ops-review\n",
                "objectives/OBJ-CHG-01.md": ExampleTree.objective(replacing: [
                    "id: OBJ-INC-01": "id: OBJ-CHG-01", "status: active": "status: draft", "function: incident": "function: change",
                ]),
            ]),
            // As of a day before its one objective was first approved (2026-01-15), the function had none.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["  - id: incident": "  - id: ↓incident"])],
                        asOf: "2026-01-10"),
        ],
        nonTriggering: [
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: change\n    name: Change management\n    level: process\n    excluded: true\n"
                + "    justification: Changes are approved by the group change board, outside the scope of this SMS.\n"]),
            RuleExample([
                "evident.yml": ExampleTree.configuration
                    + "  - id: change\n    name: Change management\n    level: process\n    owner: Change Manager\n    forum: ops-review\n",
                "objectives/OBJ-CHG-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-CHG-01", "function: incident": "function: change"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        // An unread objective may be the one that covers a function (its own finding says why).
        guard model.content.unread.objectivesComplete(for: "function", in: model.content.objectives) else { return [] }
        let covered = Set(model.activeObjectives.compactMap { $0.function?.value })
        var seen: Set<String> = []
        var findings: [Finding] = []
        for f in model.configuration.functions where !f.excluded {
            // A repeated id is `syntax/duplicate-id`'s finding, not a second coverage gap.
            guard seen.insert(f.id.value).inserted, !covered.contains(f.id.value) else { continue }
            // An `excluded` that could not be read may have excluded it.
            if model.content.unread.field("excluded", of: f.location) { continue }
            findings.append(description.finding(message(f), at: f.id.location))
        }
        return findings
    }

    static func message(_ f: Function) -> String {
        let name = f.name == f.id.value ? "" : " (\(codeSpan(f.name)))"
        return "Function \(codeSpan(f.id.value))\(name) has no active objective; set one at its level, or mark it `excluded: true` with a `justification` if no objective is relevant there."
    }
}
