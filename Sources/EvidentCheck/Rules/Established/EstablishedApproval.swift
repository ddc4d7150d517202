import EvidentModel
import EvidentSupport

/// An active objective without `approved_by` and `approved_on`, or approved on a day after the
/// as-of date, which as of that date has not come.
enum EstablishedApproval: Rule {
    static let description = RuleDescription(
        id: "established/approval", name: "Approved objective", obligation: .established, defaultSeverity: .warning,
        summary: "An active objective without `approved_by` and `approved_on`, or whose `approved_on` is after the as-of date.",
        rationale: """
            An objective is established when the organisation has committed to it, not when someone wrote it \
            down. Auditors of clause 6.2.1 ask who approved each objective in force and when; `approved_by` \
            (a role) and `approved_on` (a date) answer that, and `approved_on` is also the date from which the \
            objective must have been communicated. Drafts are not yet in force, so only active objectives are \
            checked. An `approved_on` after the as-of date is an approval not yet given (or a mistyped date): \
            it is reported at that date, and until then the version is treated as not yet in force: it has \
            nothing to communicate or update yet, and no period is due before the objective's start. When \
            the current version's history entry is dated after the as-of date too and an earlier version \
            is in force that day, the approval is the later version's, and `updated/history` reports its entry.
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
            // Dated after the as-of date (2026-11-29): not approved yet, or a mistyped year.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: ↓2026-12-10"])]),
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
            // Approved on the as-of date itself: given.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-11-29"])]),
            // Version 2 is approved after the as-of date (`updated/history` reports its entry); version 1,
            // approved before it, is the version in force that day.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "version: 1\napproved_by": "version: 2\napproved_by", "approved_on: 2026-01-15": "approved_on: 2026-12-10",
                "    reason: New objective set.\n    approved_by: Head of Service Management\n":
                    "    reason: New objective set.\n    approved_by: Head of Service Management\n  - version: 2\n    date: 2026-12-10\n    change: Target tightened.\n    reason: Renewed agreement.\n    approved_by: Head of Service Management\n",
            ])]),
            // A draft may name the day it is to be approved.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: draft", "approved_on: 2026-01-15": "approved_on: 2026-12-10",
            ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.isActive(o) {
            // `approved_on` is the current version's. A retirement to come, or a version approved later
            // while an earlier one is in force (no approval pending), is an approval of what comes
            // next, not one missing from the objective that day (`updated/history` reports the entry).
            if let approved = o.approvedOn, approved.value > model.asOf, o.currentStatus != .retired,
               model.approvalIsPending(o) {
                findings.append(description.finding(future(o.displayID, approved: approved.value, asOf: model.asOf),
                                                    at: approved.location, objective: o.idText))
            }
            // The list is made only for an objective that lacks one: most have both.
            guard o.approvedBy == nil || o.approvedOn == nil else { continue }
            let missing = [("approved_by", o.approvedBy == nil), ("approved_on", o.approvedOn == nil)]
                .filter { $0.1 && !model.content.unread.any($0.0, of: o) }.map { "\(codeSpan($0.0))" }
            guard !missing.isEmpty else { continue }
            findings.append(description.finding(message(o.displayID, missing: missing), at: o.location, objective: o.idText))
        }
        return findings
    }

    static func message(_ objective: String, missing: [String]) -> String {
        "\(codeSpan(objective)) is active but has no \(missing.joined(separator: " and ")); record the role that approved this version (`approved_by`) and the date it did (`approved_on`, YYYY-MM-DD), or set `status: draft` until it is approved."
    }

    static func future(_ objective: String, approved: Day, asOf: Day) -> String {
        "\(codeSpan(objective)) is active, but its `approved_on` (\(approved)) is after the as-of date \(asOf): as of then it has not been approved. Correct the date if it is a mistake, or set `status: draft` until the approval is given and record that day in `approved_on`."
    }
}
