import EvidentModel
import EvidentSupport

/// A reference to a risk that risks.md does not declare.
enum RequirementsUnknownRisk: Rule {
    static let description = RuleDescription(
        id: "requirements/unknown-risk", name: "Known risk", obligation: .requirements, item: .risks, defaultSeverity: .error,
        summary: "A reference to a risk `risks.md` does not declare.",
        rationale: """
            An objective takes a risk into account only through the register entry it names. A reference \
            to a risk that does not exist (a typo, or an entry renumbered or closed in the register) is a \
            broken trace: the auditor finds no assessed risk behind the objective. Every objective is \
            checked, whatever its status and whatever standards it serves, since a broken reference is wrong \
            in any record.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1, ↓R-11]\n",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [↓R-1]\n",
            ])], removing: ["risks.md"]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1]\n",
            ])]),
            RuleExample([:], removing: ["risks.md"]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        // Listed once there is something to report.
        lazy var known = model.content.risks?.risks.map(\.id.value) ?? []
        for o in model.content.objectives {
            for ref in o.risks where !model.risksByID.keys.contains(ref.value) {
                findings.append(description.finding(message(ref.value, known: known, content: model.content),
                                                    at: ref.location, objective: o.idText))
            }
        }
        return findings
    }

    private static func message(_ ref: String, known: [String], content: ContentSet) -> String {
        guard content.risks != nil else {
            if content.couldNotRead("risks.md") {
                return "\(codeSpan(ref)) cannot be checked: risks.md could not be read. Fix the problem reported on risks.md."
            }
            if let other = content.otherName(for: "risks.md") {
                return "\(codeSpan(ref)) cannot be checked: there is no risks.md in the content folder (evident does not read \(codeSpan(other)) in its place). Rename \(codeSpan(other)) to risks.md."
            }
            return "\(codeSpan(ref)) cannot be checked: there is no risks.md in the content folder. Create risks.md with the register's `risks` (id, text and kind: risk, opportunity, aspect or hazard), including \(ref)."
        }
        guard !known.isEmpty else {
            return "\(codeSpan(ref)) is not a risk of the register: risks.md declares no `risks`. List the risks (id, text and kind) and reference them by id."
        }
        let hint = Suggest.closest(to: ref, in: known).map { " Did you mean \(codeSpan($0))?" }
            ?? " Reference one of them, or add the risk to risks.md."
        return "\(codeSpan(ref)) is not a risk of the register (\(Listing.ids(known))).\(hint)"
    }
}
