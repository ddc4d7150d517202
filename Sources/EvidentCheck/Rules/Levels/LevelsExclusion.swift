import EvidentModel

/// An excluded function without a justification.
enum LevelsExclusion: Rule {
    package static let description = RuleDescription(
        id: "levels/exclusion", name: "Justified exclusion", obligation: .levels, defaultSeverity: .error,
        summary: "An excluded function without a justification.",
        rationale: """
            Clause 6.2.1 leaves it to the organisation to decide which functions and levels are relevant, but \
            an auditor will ask why a function listed in the mapping carries no objective. `excluded: true` \
            records that decision; the `justification` is the answer the auditor reads (decommissioned, \
            outsourced, outside the SMS scope). An exclusion without one looks like a gap being hidden. The \
            finding points at the function's id.
            """,
        triggering: [
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: ↓legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: ↓legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n    justification: \"  \"\n"]),
        ],
        nonTriggering: [
            // A true/false in place of the reason is `syntax/type`'s one finding.
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n    justification: yes\n"]),
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n"
                + "    justification: Retired on 2027-03-31 under the decommissioning plan; no new commitments.\n"]),
        ])

    package static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        // A justification that could not be read (`justification: true`) is `syntax/type`'s finding.
        model.configuration.functions.filter {
            $0.excluded && $0.justification == nil && !model.content.unread.field("justification", of: $0.location)
        }.map { f in
            description.finding(message(f.id.value), at: f.id.location)
        }
    }

    static func message(_ function: String) -> String {
        "Function `\(function)` is excluded without a `justification`; say why no objective is set for it (decommissioned, outsourced, outside the SMS scope), or remove `excluded: true`."
    }
}
