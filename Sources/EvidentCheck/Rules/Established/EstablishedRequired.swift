import EvidentModel

/// An objective without id, title or statement.
enum EstablishedRequired: Rule {
    package static let description = RuleDescription(
        id: "established/required", name: "Objective identity", obligation: .established, defaultSeverity: .error,
        summary: "An objective without id, title or statement.",
        rationale: """
            Clause 6.2.1 asks that objectives be established: written down, identifiable and stated. An \
            objective without an id cannot be referenced by measurements, reviews or communications; one \
            without a title or statement does not say what the organisation commits to.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "statement: Restore service for priority-1 incidents within 4 hours.\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\n",
            ])]),
        ],
        nonTriggering: [RuleExample([:])])

    package static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            // The list is made only for an objective that lacks one: most have all three.
            guard o.id == nil || o.title == nil || o.statement == nil else { continue }
            let missing = [("id", o.id == nil), ("title", o.title == nil), ("statement", o.statement == nil)]
                .filter { $0.1 && !model.content.unread.any($0.0, of: o) }.map { "`\($0.0)`" }
            guard !missing.isEmpty else { continue }
            findings.append(description.finding(
                "The objective has no \(missing.joined(separator: ", ")); every objective needs an id (like OBJ-INC-01), a title and a one-sentence statement.",
                at: o.location, objective: o.idText))
        }
        return findings
    }
}
