import EvidentModel
import EvidentSupport

/// A clause that no active objective takes into account and that is not addressed elsewhere.
enum RequirementsUnaddressed: Rule {
    static let description = RuleDescription(
        id: "requirements/unaddressed", name: "Clause addressed", obligation: .requirements,
        defaultSeverity: .warning,
        summary: "A clause that no active objective references and that has no `addressed_elsewhere`.",
        rationale: """
            Listing a requirement under `requirements/` says it applies to the services. Clause 6.2.1 asks that \
            objectives take applicable requirements into account, so an auditor looks for each one either in \
            an objective or in a stated reason why objectives are not the place for it (a continuity plan, a \
            security control). A clause with neither is a requirement the organisation may be silently missing. \
            Only active objectives count; a draft does not yet address anything.
            """,
        triggering: [
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["---\nNotes.": """
                  - id: ↓MSA-7.3
                    text: Monthly availability of the payments platform is at least 99.9 %.
                ---
                Notes.
                """])]),
            RuleExample([
                "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["  - id: MSA-7.2": "  - id: ↓MSA-7.2"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            ]),
        ],
        nonTriggering: [
            // A true/false in place of the reason is `syntax/type`'s one finding.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["---\nNotes.": """
                  - id: MSA-7.3
                    text: Monthly availability of the payments platform is at least 99.9 %.
                    addressed_elsewhere: yes
                ---
                Notes.
                """])]),
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["---\nNotes.": """
                  - id: MSA-7.3
                    text: Monthly availability of the payments platform is at least 99.9 %.
                    addressed_elsewhere: Covered by the continuity plan, not by an objective.
                ---
                Notes.
                """])]),
            RuleExample([
                "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["---\nNotes.": """
                      - id: MSA-7.3
                        text: Monthly availability of the payments platform is at least 99.9 %.
                    ---
                    Notes.
                    """]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [MSA-7.2, MSA-7.3]"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        // An unread objective may be the one that takes a clause into account (its own finding says why).
        guard model.content.unread.objectivesComplete(for: "requirements", in: model.content.objectives) else { return [] }
        let addressed = Set(model.activeObjectives.flatMap { $0.requirements.map(\.value) })
        var findings: [Finding] = []
        for source in model.content.requirements {
            for clause in source.clauses where clause.addressedElsewhere == nil && !addressed.contains(clause.id.value) {
                // A reason that could not be read (`addressed_elsewhere: yes`) is `syntax/type`'s finding.
                if let mapping = clause.location, model.content.unread.field("addressed_elsewhere", of: mapping) { continue }
                let id = clause.id.value
                let inactive = Listing.byID(model.content.objectives.filter { !model.isActive($0) && $0.requirements.contains { $0.value == id } })
                    .map { codeSpan($0.displayID) }
                let why = inactive.isEmpty ? "No active objective takes clause \(codeSpan(id)) of \(codeSpan(clause.source)) into account"
                    : "Only objectives that are not active (\(inactive.joined(separator: ", "))) take clause \(codeSpan(id)) of \(codeSpan(clause.source)) into account"
                findings.append(description.finding(
                    "\(why); reference it in the `requirements` of an active objective, or say where it is addressed in `addressed_elsewhere`.",
                    at: clause.id.location))
            }
        }
        return findings
    }
}
