import EvidentModel

/// A policy statement that no active objective references.
enum PolicyUncovered: Rule {
    package static let description = RuleDescription(
        id: "policy/uncovered", name: "Policy statement served", obligation: .policy, defaultSeverity: .warning,
        summary: "A statement that no active objective references.",
        rationale: """
            Objectives are how the policy is put into practice (clause 6.2.1 asks for objectives consistent \
            with the policy; clause 5.2 for a policy that provides a framework for setting them). A policy \
            statement that no active objective serves is a commitment nobody measures, and an auditor reading \
            the traceability matrix sees an empty row. Drafts and retired objectives do not count: they do not \
            put anything into practice yet, or any more. Either set an objective for the statement or reword \
            the policy. (A missing policy.md is reported by `policy/trace`.)
            """,
        triggering: [
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
                  - id: ↓POL-2
                    text: We change services without harming their availability.
                ---
                The policy.
                """])]),
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["  - id: POL-1": "  - id: ↓POL-1"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
                      - id: POL-2
                        text: We change services without harming their availability.
                    ---
                    The policy.
                    """]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-2]"]),
            ]),
            RuleExample([:], removing: ["policy.md"]),
        ])

    package static func check(_ model: CheckModel) -> [Finding] {
        guard let policy = model.content.policy else { return [] }
        // An unread objective may be the one that serves a statement (its own finding says why).
        guard model.content.unread.objectivesComplete(for: "policy", in: model.content.objectives) else { return [] }
        let served = Set(model.activeObjectives.flatMap { $0.policy.map(\.value) })
        var findings: [Finding] = []
        for statement in policy.statements where !served.contains(statement.id.value) {
            let id = statement.id.value
            let inactive = model.content.objectives
                .filter { !$0.isActive && $0.policy.contains { $0.value == id } }
                .map(\.displayID)
            let named = "policy statement \(id)\(excerpt(statement.text))"
            let why = inactive.isEmpty ? "No active objective serves \(named)"
                : "Only objectives that are not active (\(inactive.joined(separator: ", "))) serve \(named)"
            findings.append(description.finding(
                "\(why); set an active objective that lists it in `policy`, or remove the statement from the policy.",
                at: statement.id.location))
        }
        return findings
    }

    /// The statement's text, shortened, so the message says which commitment is unmeasured.
    private static func excerpt(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return "" }
        let short = words.count > 10 ? words.prefix(10).joined(separator: " ") + "…" : words.joined(separator: " ")
        return " (“\(short)”)"
    }
}
