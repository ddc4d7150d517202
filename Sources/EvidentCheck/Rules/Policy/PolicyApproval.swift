import EvidentModel
import EvidentSupport

/// A policy without `approved_by` or `approved_on`.
enum PolicyApproval: Rule {
    static let description = RuleDescription(
        id: "policy/approval", name: "Approved policy", obligation: .policy, defaultSeverity: .warning,
        summary: "A policy without `approved_by` or `approved_on`.",
        rationale: """
            Objectives are set consistent with the policy (clause 6.2.1), and the policy is top \
            management's (clause 5.2): an auditor asks who approved the version in force and when, as \
            for every objective (`established/approval`). A policy that does not say so is a draft, \
            and objectives traced to it trace to nothing the organisation has committed to. \
            `approved_on` is also the date `updated/trigger` compares every objective's last approval \
            and review with: without it, a policy approved anew asks no objective to be looked at \
            again. The SPEC lists the fields but no rule for them; this one holds the policy to what \
            `established/approval` asks of an objective. An `approved_on` after the as-of date is \
            `updated/trigger`'s finding, and one that is not a date `syntax/type`'s.
            """,
        triggering: [
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "---\ntitle:": "↓---\ntitle:",
                "approved_by: Chief Information Officer\napproved_on: 2026-01-05\n": "",
            ])]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "---\ntitle:": "↓---\ntitle:",
                "approved_on: 2026-01-05\n": "",
            ])]),
        ],
        nonTriggering: [
            RuleExample([:]),
            // No policy at all is `policy/trace`'s finding.
            RuleExample([:], removing: ["policy.md"]),
            // A date that does not exist is `syntax/type`'s one finding, not also a missing approval.
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, ["approved_on: 2026-01-05": "approved_on: 2026-02-30"])]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        guard let policy = model.content.policy, policy.approvedBy == nil || policy.approvedOn == nil else { return [] }
        let front = SourceLocation.wholeFile(policy.file)
        let missing = [("approved_by", policy.approvedBy == nil), ("approved_on", policy.approvedOn == nil)]
            .filter { $0.1 && !model.content.unread.field($0.0, of: front) }.map { codeSpan($0.0) }
        guard !missing.isEmpty else { return [] }
        return [description.finding(message(missing: missing), at: front)]
    }

    // MARK: messages

    static func message(missing: [String]) -> String {
        "The policy has no \(missing.joined(separator: " and ")); record the role that approved this version (`approved_by`, top management) and the date it did (`approved_on`, YYYY-MM-DD): objectives are set consistent with an approved policy."
    }
}
