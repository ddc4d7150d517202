import EvidentModel
import EvidentSupport

/// An active objective, serving a standard that asks objectives to take risks into account, that
/// names no risk and does not say why none applies.
enum RequirementsRisks: Rule {
    static let description = RuleDescription(
        id: "requirements/risks", name: "Risks taken into account", obligation: .requirements, item: .risks,
        defaultSeverity: .warning,
        summary: "An active objective with no `risks` and no `risks_note` (or one of a single word), or whose `risks` are all of a kind a standard it serves does not take into account (\(Standard.names(where: { $0.has(.risks) }))).",
        rationale: """
            ISO/IEC 27001 asks that information security objectives take into account the results of risk \
            assessment and risk treatment; ISO 14001 its significant environmental aspects and its risks and \
            opportunities; ISO 45001 its risks and opportunities. An auditor of those standards follows an \
            objective back to the risk register to see that it was set with the risks in view. An active \
            objective serving one of them lists the `risks.md` entries it takes into account in `risks`; \
            when none applies, `risks_note` says why, in a sentence (a single word, `None.`, says no why), \
            so that the absence is a decision. An entry's `kind` \
            says what it is, and each standard counts only its own: ISO/IEC 27001 a risk (an environmental \
            aspect or a workplace hazard is no result of its information security risk assessment), \
            ISO 14001 an aspect, risk or opportunity, ISO 45001 a hazard, risk or opportunity. An objective \
            whose risks are all of other kinds is reported for the standards that do not count them, unless \
            `risks_note` says why; an entry without a `kind` is not judged. Objectives that serve only \
            standards without this item (\(Standard.names(where: { !$0.has(.risks) }))) are not checked.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks_note: ↓None.\n"]),
            ]),
            // An environmental aspect is not what ISO/IEC 27001 asks an objective to take into account.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "risks.md": ExampleTree.edit(ExampleTree.risks, ["kind: risk": "kind: aspect"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [↓R-1]\n"]),
            ]),
            // A hazard serves ISO 45001 but not ISO 14001, which the objective serves too.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso14001, iso45001"),
                "risks.md": ExampleTree.edit(ExampleTree.risks, ["kind: risk": "kind: hazard"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [↓R-1]\nconsultation: reviews/2026-11-10.md\n",
                    "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
                ]),
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
            // An aspect is what ISO 14001 asks for; the objective does not serve ISO/IEC 27001.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso27001, iso14001"),
                "risks.md": ExampleTree.edit(ExampleTree.risks, ["kind: risk": "kind: aspect"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "status: active\n": "status: active\nstandards: [iso14001]\n",
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1]\n",
                    "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
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
        for o in model.activeObjectives where model.asks(.risks, of: o) {
            guard !model.content.unread.any("risks", "risks_note", of: o) else { continue }
            if let note = o.risksNote {
                // One word (`None.`, `Yes`) says no why: the absence is not shown to be a decision.
                if OneWord.isOneWord(note.value) {
                    findings.append(description.finding(
                        "`risks_note` of \(codeSpan(o.displayID)) is one word, \(codeSpan(note.value)), which does not say why no risk of the register applies; say it in a sentence, or list in `risks` the risks.md entries it treats.",
                        at: note.location, objective: o.idText))
                }
                continue
            }
            guard let first = o.risks.first else {
                let asking = model.standards(of: o).filter { $0.has(.risks) }.map(\.name)
                let example = model.content.risks?.risks.first?.id.value ?? "R-1"
                let register = model.content.risks == nil ? " (declare them in a risks.md at the root of the content folder)" : ""
                findings.append(description.finding(
                    "\(codeSpan(o.displayID)) takes no risk into account, which \(CheckModel.names(asking)) \(asking.count == 1 ? "asks" : "ask"); list in `risks` the risks.md entries it treats\(register), like \(codeSpan("risks: [\(example)]")), or say in `risks_note` why none applies.",
                    at: o.location, objective: o.idText))
                continue
            }
            if let finding = wrongKinds(o, first: first, model) { findings.append(finding) }
        }
        return findings
    }

    /// The finding for an objective whose risks are all of kinds that some standard it serves does
    /// not take into account (only environmental aspects, for ISO/IEC 27001), bearing on those
    /// standards alone. A reference that does not resolve is `requirements/unknown-risk`'s, and an
    /// entry without a `kind` could be any: either leaves the kinds unjudged.
    private static func wrongKinds(_ o: Objective, first: Located<String>, _ model: CheckModel) -> Finding? {
        var kinds: [Risk.Kind] = []
        for ref in o.risks {
            guard let kind = model.risksByID[ref.value]?.kind?.value else { return nil }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        let unmet = model.standards(of: o).filter { s in s.has(.risks) && !kinds.contains(where: s.riskKinds.contains) }
        guard !unmet.isEmpty else { return nil }
        let asked = unmet.enumerated().map { i, s in
            "\(s.name)\(i == 0 ? " asks it to take into account" : "") \(words(s.riskKinds, joinedBy: "or"))"
        }
        var finding = description.finding(
            "\(codeSpan(o.displayID)) takes into account only \(words(kinds, joinedBy: "and")) (`risks` of kind \(CheckModel.names(kinds.map { codeSpan($0.rawValue) }))), but \(CheckModel.names(asked)); list in `risks` the risks.md entries of such a kind it treats, or say in `risks_note` why none applies.",
            at: first.location, objective: o.idText)
        finding.standards = unmet.map(\.id)
        return finding
    }

    /// The kinds in words, in the order given (`environmental aspects or hazards`).
    private static func words(_ kinds: [Risk.Kind], joinedBy conjunction: String) -> String {
        let names = kinds.map { kind in
            switch kind {
            case .risk: "risks"
            case .opportunity: "opportunities"
            case .aspect: "environmental aspects"
            case .hazard: "hazards"
            }
        }
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
