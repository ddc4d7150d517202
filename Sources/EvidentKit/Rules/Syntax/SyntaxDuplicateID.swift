/// Two objectives, policy statements, clauses, functions, forums or actions with one id.
public enum SyntaxDuplicateID: Rule {
    public static let description = RuleDescription(
        id: "syntax/duplicate-id", name: "Duplicate id", obligation: .syntax, defaultSeverity: .error,
        summary: "Two objectives, statements, clauses, functions, forums or actions with one id.",
        rationale: """
            Ids are how the content refers to itself: measurements, reviews and communications name \
            objectives, objectives name policy statements, clauses, functions and forums, and minutes name \
            actions. When two entries share an id, every reference to it is ambiguous, so an auditor cannot \
            tell which objective a result, a decision or a communication evidences. evident keeps the first \
            entry (in file order) and reports every later one at its id, naming where the first is. Ids only \
            need to be unique within their kind: a forum may share a name with a function.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"])]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "---\nThe policy.": "  - id: ↓POL-1\n    text: We change services without harming their availability.\n---\nThe policy.",
            ])]),
            RuleExample(["requirements/sla.md": ExampleTree.edit(ExampleTree.requirement, ["id: MSA-7.2": "id: ↓MSA-7.2"])]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "cadence: monthly }\n": "cadence: monthly }\n  - { id: ↓ops-review, name: Operations board, cadence: monthly }\n",
            ]) + "  - id: ↓incident\n    name: Major incident management\n    level: process\n    owner: Major Incident Manager\n"]),
            RuleExample(["reviews/2026-11-20.md": ExampleTree.edit(ExampleTree.review, [
                "date: 2026-11-10": "date: 2026-11-20", "id: ACT-1": "id: ↓ACT-1",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            // A forum and a function may share a name: ids are unique per kind.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "cadence: monthly }\n": "cadence: monthly }\n  - { id: incident, name: Incident review, cadence: monthly }\n",
            ])]),
        ])

    public static func check(_ model: CheckModel) -> [Finding] {
        let content = model.content
        // Clauses and actions are referenced without their file, so they must be unique across files.
        let kinds: [(kind: String, ids: [Located<String>])] = [
            ("objective", content.objectives.compactMap(\.id)),
            ("policy statement", (content.policy?.statements ?? []).map(\.id)),
            ("clause", content.requirements.flatMap(\.clauses).map(\.id)),
            ("function", content.configuration.functions.map(\.id)),
            ("forum", content.configuration.forums.map(\.id)),
            ("action", content.reviews.flatMap(\.actions).compactMap(\.id)),
        ]
        var findings: [Finding] = []
        for (kind, ids) in kinds {
            // Content is in file order, so "first" is the same entry `CheckModel`'s indexes keep.
            var first: [String: SourceLocation] = [:]
            for id in ids {
                guard let earlier = first[id.value] else {
                    first[id.value] = id.location
                    continue
                }
                findings.append(description.finding(message(id.value, kind: kind, first: earlier),
                                                    at: id.location, objective: kind == "objective" ? id.value : nil))
            }
        }
        return findings
    }

    static func message(_ id: String, kind: String, first: SourceLocation) -> String {
        "`\(id)` is already the id of the \(kind) at \(first); give this \(kind) an id of its own, or remove it if it repeats the first."
    }
}
