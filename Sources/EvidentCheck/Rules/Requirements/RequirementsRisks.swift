import EvidentModel
import EvidentSupport

/// An active objective, serving a standard that asks objectives to take risks into account, that
/// names no risk and does not say why none applies.
enum RequirementsRisks: Rule {
    static let description = RuleDescription(
        id: "requirements/risks", name: "Risks taken into account", obligation: .requirements, item: .risks,
        defaultSeverity: .warning,
        summary: "An active objective with no `risks` and no `risks_note` (\(Standard.names(where: { $0.has(.risks) }))).",
        rationale: """
            ISO/IEC 27001 asks that information security objectives take into account the results of risk \
            assessment and risk treatment; ISO 14001 its significant environmental aspects and its risks and \
            opportunities; ISO 45001 its risks and opportunities. An auditor of those standards follows an \
            objective back to the risk register to see that it was set with the risks in view. An active \
            objective serving one of them lists the `risks.md` entries it takes into account in `risks`; \
            when none applies, `risks_note` says why, so that the absence is a decision. Objectives that \
            serve only standards without this item (\(Standard.names(where: { !$0.has(.risks) }))) are not checked.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1]\n"]),
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks_note: The risk assessment found no risk this objective treats; it keeps a service commitment.\n",
                ]),
            ]),
            // The objective serves 20000-1 only, which does not have the item.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
            RuleExample([:]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.activeObjectives
        where o.risks.isEmpty && o.risksNote == nil && model.asks(.risks, of: o)
            && !model.content.unread.any("risks", "risks_note", of: o) {
            let asking = model.standards(of: o).filter { $0.has(.risks) }.map(\.name)
            let example = model.content.risks?.risks.first?.id.value ?? "R-1"
            let register = model.content.risks == nil ? " (declare them in a risks.md at the root of the content folder)" : ""
            findings.append(description.finding(
                "\(codeSpan(o.displayID)) takes no risk into account, which \(CheckModel.names(asking)) \(asking.count == 1 ? "asks" : "ask"); list in `risks` the risks.md entries it treats\(register), like \(codeSpan("risks: [\(example)]")), or say in `risks_note` why none applies.",
                at: o.location, objective: o.idText))
        }
        return findings
    }
}
