import EvidentModel
import EvidentSupport

/// A reference to a statement the policy does not declare.
enum PolicyUnknownStatement: Rule {
    static let description = RuleDescription(
        id: "policy/unknown-statement", name: "Known policy statement", obligation: .policy, defaultSeverity: .error,
        summary: "A reference to a statement the policy does not declare.",
        rationale: """
            An objective is consistent with the policy (clause 6.2.1) only through the statements it names. A \
            reference to a statement that does not exist (a typo, or a statement renumbered or removed in a \
            new policy version) is a broken trace: the auditor finds no policy text behind the objective. \
            Every objective is checked, whatever its status, since a broken reference is wrong even in a \
            draft or a retired record.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]": "policy: [↓POL-7]",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]": "policy:\n  - POL-1\n  - ↓pol-1\n  - ↓POL-2",
                "status: active": "status: retired",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]": "policy: [↓POL-1]",
            ])], removing: ["policy.md"]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
                      - id: POL-2
                        text: We change services without harming their availability.
                    ---
                    The policy.
                    """]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-2]"]),
            ]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        // Listed once there is something to report.
        lazy var known = model.content.policy?.statements.map(\.id.value) ?? []
        for o in model.content.objectives {
            for ref in o.policy where !model.statementsByID.keys.contains(ref.value) {
                findings.append(description.finding(message(ref.value, known: known, content: model.content),
                                                    at: ref.location, objective: o.idText))
            }
        }
        return findings
    }

    private static func message(_ ref: String, known: [String], content: ContentSet) -> String {
        guard content.policy != nil else {
            if PolicyTrace.policyUnreadable(content) {
                return "\(codeSpan(ref)) cannot be checked: policy.md could not be read. Fix the problem reported on policy.md."
            }
            if let other = content.otherName(for: "policy.md") {
                return "\(codeSpan(ref)) cannot be checked: there is no policy.md in the content folder (evident does not read \(codeSpan(other)) in its place). Rename \(codeSpan(other)) to policy.md."
            }
            return "\(codeSpan(ref)) cannot be checked: there is no policy.md in the content folder. Add policy.md with its numbered `statements`, including \(codeSpan(ref))."
        }
        guard !known.isEmpty else {
            return "\(codeSpan(ref)) is not a statement of the policy: policy.md declares no `statements`. Number the policy's statements (id and text) and reference them by id."
        }
        let shown = Listing.ids(known)
        let hint = Suggest.closest(to: ref, in: known).map { " Did you mean \(codeSpan($0))?" }
            ?? " Reference one of them, or add the statement to policy.md."
        return "\(codeSpan(ref)) is not a statement of the policy (\(shown)).\(hint)"
    }
}
