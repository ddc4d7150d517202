import EvidentModel

/// An active objective without `approved_by` and `approved_on`.
enum EstablishedApproval: Rule {
    package static let description = RuleDescription(
        id: "established/approval", name: "Approved objective", obligation: .established, defaultSeverity: .warning,
        summary: "An active objective without `approved_by` and `approved_on`.",
        rationale: """
            An objective is established when the organisation has committed to it, not when someone wrote it \
            down. Auditors of clause 6.2.1 ask who approved each objective in force and when; `approved_by` \
            (a role) and `approved_on` (a date) answer that, and `approved_on` is also the date from which the \
            objective must have been communicated. Drafts are not yet in force, so only active objectives are \
            checked.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "approved_by: Head of Service Management\napproved_on: 2026-01-15\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "approved_on: 2026-01-15\n": "",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            // A draft is not in force yet: it is approved when it becomes active.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: draft",
                "approved_by: Head of Service Management\napproved_on: 2026-01-15\n": "",
            ])]),
            // A date that does not exist is `syntax/type`'s one finding, not also a missing approval.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-02-30"])]),
        ])

    package static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where o.isActive {
            // The list is made only for an objective that lacks one: most have both.
            guard o.approvedBy == nil || o.approvedOn == nil else { continue }
            let missing = [("approved_by", o.approvedBy == nil), ("approved_on", o.approvedOn == nil)]
                .filter { $0.1 && !model.content.unread.any($0.0, of: o) }.map { "`\($0.0)`" }
            guard !missing.isEmpty else { continue }
            findings.append(description.finding(message(o.displayID, missing: missing), at: o.location, objective: o.idText))
        }
        return findings
    }

    static func message(_ objective: String, missing: [String]) -> String {
        "\(objective) is active but has no \(missing.joined(separator: " and ")); record the role that approved this version (`approved_by`) and the date it did (`approved_on`, YYYY-MM-DD), or set `status: draft` until it is approved."
    }
}
