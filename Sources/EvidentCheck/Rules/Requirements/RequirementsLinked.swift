import EvidentModel
import EvidentSupport

/// An objective that names no requirement and does not say why none applies.
enum RequirementsLinked: Rule {
    static let description = RuleDescription(
        id: "requirements/linked", name: "Requirements taken into account", obligation: .requirements,
        defaultSeverity: .warning,
        summary: "An objective with no requirement and no `requirements_note`.",
        rationale: """
            Clause 6.2.1 asks that objectives take into account applicable requirements: contracts, service \
            commitments, internal controls, laws. An auditor checks that the objective's target was set with \
            those obligations in view. An objective lists the clauses it serves in `requirements`; when none \
            applies, `requirements_note` says why, so the absence is a decision rather than an omission. \
            Active and draft objectives are checked.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "requirements: [MSA-7.2]\n": "",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements_note: An internal improvement objective; no contract or control sets this level.\n",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "",
                "status: active": "status: retired",
            ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives
        where model.status(of: o) != .retired && o.requirements.isEmpty && o.requirementsNote == nil
            && !model.content.unread.any("requirements", "requirements_note", of: o) {
            findings.append(description.finding(
                "\(codeSpan(o.displayID)) takes no requirement into account; list the clauses it serves in `requirements` (like \(codeSpan("requirements: [\(model.content.requirements.first?.clauses.first?.id.value ?? "MSA-7.2")]"))), or say in `requirements_note` why none applies.",
                at: o.location, objective: o.idText))
        }
        return findings
    }
}
