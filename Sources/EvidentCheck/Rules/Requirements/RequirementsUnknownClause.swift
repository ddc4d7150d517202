import EvidentModel
import EvidentSupport

/// A reference to a clause that no requirements file declares.
enum RequirementsUnknownClause: Rule {
    static let description = RuleDescription(
        id: "requirements/unknown-clause", name: "Known clause", obligation: .requirements, defaultSeverity: .error,
        summary: "A reference to a clause no requirements file declares.",
        rationale: """
            An objective takes requirements into account (clause 6.2.1) through the clauses it names. A clause \
            id that no file under `requirements/` declares (a typo, a renumbered contract, a source document \
            never added) is a trace that leads nowhere: the auditor cannot read the obligation the objective \
            claims to serve. Every objective is checked, whatever its status.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]": "requirements: [↓MSA-72]",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]": "requirements:\n  - MSA-7.2\n  - ↓ISO-8.1",
                "status: active": "status: draft",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]": "requirements: [↓MSA-7.2]",
            ])], removing: ["requirements/msa.md"]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample([
                "requirements/controls.md": """
                    ---
                    title: Internal controls
                    kind: internal-control
                    clauses:
                      - id: CTL-4
                        text: Major incidents are reviewed within 5 working days.
                    ---

                    """,
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]": "requirements: [MSA-7.2, CTL-4]",
                ]),
            ]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        // Listed only once there is something to report: the list of every clause can be long.
        lazy var known = model.content.requirements.flatMap { $0.clauses.map(\.id.value) }
        var findings: [Finding] = []
        for o in model.content.objectives {
            for ref in o.requirements where !model.clausesByID.keys.contains(ref.value) {
                findings.append(description.finding(message(ref.value, known: known), at: ref.location, objective: o.idText))
            }
        }
        return findings
    }

    private static func message(_ ref: String, known: [String]) -> String {
        guard !known.isEmpty else {
            return "\(codeSpan(ref)) is not a clause of any requirements file: no file under requirements/ declares `clauses`. Add the source document (contract, control set, commitment) with its clauses, or use `requirements_note` when none applies."
        }
        let shown = Listing.ids(known)
        let hint = Suggest.closest(to: ref, in: known).map { " Did you mean \(codeSpan($0))?" }
            ?? " Reference one of them, or add the clause to its requirements file."
        return "\(codeSpan(ref)) is not a clause of any requirements file (\(shown)).\(hint)"
    }
}
