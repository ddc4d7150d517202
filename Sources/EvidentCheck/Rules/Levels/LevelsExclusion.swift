import EvidentModel
import EvidentSupport

/// An excluded function without a justification, or (a warning) one that an active objective is set for.
enum LevelsExclusion: Rule {
    static let description = RuleDescription(
        id: "levels/exclusion", name: "Justified exclusion", obligation: .levels, defaultSeverity: .error,
        summary: "An excluded function without a justification, or (warning) with an active objective.",
        rationale: """
            Clause 6.2.1 leaves it to the organisation to decide which functions and levels are relevant, but \
            an auditor will ask why a function listed in the mapping carries no objective. `excluded: true` \
            records that decision; the `justification` is the answer the auditor reads (decommissioned, \
            outsourced, outside the SMS scope). An exclusion without one looks like a gap being hidden. An \
            excluded function that an active objective is set for says two things at once: the mapping \
            tells the auditor no objective is relevant there while the register shows one, so either the \
            exclusion or the objective is out of date (a warning: the objective itself is sound). The \
            finding points at the function's id and lists the objectives by id.
            """,
        triggering: [
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: ↓legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: ↓legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n    justification: \"  \"\n"]),
            // Excluded, with a justification, yet the example objective is set for it.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "  - id: incident\n": "  - id: ↓incident\n    excluded: true\n    justification: Outsourced to the group service desk.\n",
            ])]),
        ],
        nonTriggering: [
            // A true/false in place of the reason is `syntax/type`'s one finding.
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n    justification: yes\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n"
                + "    justification: Retired on 2027-03-31 under the decommissioning plan; no new commitments.\n"]),
            // Only a draft or a retired objective is set for the excluded function.
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "  - id: incident\n": "  - id: incident\n    excluded: true\n    justification: Outsourced to the group service desk.\n",
                ]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: retired"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for f in model.configuration.functions where f.excluded {
            // A justification that could not be read (`justification: true`) is `syntax/type`'s finding.
            if f.justification == nil && !model.content.unread.field("justification", of: f.location) {
                findings.append(description.finding(message(f.id.value), at: f.id.location))
            }
            let set = Listing.byID(model.activeObjectives.filter { $0.function?.value == f.id.value }).compactMap(\.idText)
            guard !set.isEmpty else { continue }
            var finding = description.finding(
                "Function \(codeSpan(f.id.value)) is excluded, yet the active \(set.count == 1 ? "objective" : "objectives") \(Listing.ids(set)) \(set.count == 1 ? "is" : "are") set for it: the mapping says no objective is relevant there. Remove `excluded: true` and its `justification`, or retire the \(set.count == 1 ? "objective" : "objectives") or set \(set.count == 1 ? "it" : "them") for another function.",
                at: f.id.location)
            finding.severity = .warning
            findings.append(finding)
        }
        return findings
    }

    static func message(_ function: String) -> String {
        "Function \(codeSpan(function)) is excluded without a `justification`; say why no objective is set for it (decommissioned, outsourced, outside the SMS scope), or remove `excluded: true`."
    }
}
