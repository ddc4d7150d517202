import EvidentModel
import EvidentSupport

/// An active objective that nobody has looked at for `stale_after_days`.
enum UpdatedStale: Rule {
    static let description = RuleDescription(
        id: "updated/stale", name: "Stale objective", obligation: .updated, defaultSeverity: .warning,
        summary: "An active objective with no history entry, no approval and no review decision within `stale_after_days`.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate. Updating does not mean changing \
            every year, but it does mean deciding: an auditor looks for evidence that someone considered \
            whether each objective is still right, either a new version in its history (or the \
            `approved_on` of the version in force) or a review decision about it (`no-change` counts). \
            An active objective with neither within \
            `stale_after_days` (365 by default) before the as-of date has been left to run unattended. \
            Listing an objective in a review's `objectives` without a decision is not enough: the decision \
            is the record. A version whose approval is dated after the as-of date is not in force yet: it \
            is the update, and is judged once approved. While an earlier version is in force that day, \
            the objective is judged by what was recorded by then.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
            ])], asOf: "2027-12-01"),
            // The decision item does not say what was decided (`syntax/type`): no decision is on record.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                ]),
                "reviews/2027-11-09.md": ExampleTree.edit(annualReview, ["    decision: no-change\n": ""]),
            ], asOf: "2027-12-01"),
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  stale_after_days: 10\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                ]),
            ]),
            // Version 2 is approved after the as-of date; version 1, in force that day, was left
            // unattended since its approval (2026-01-15) and the review of 2026-11-10.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "\nversion: 1": "\nversion: 2", "approved_on: 2026-01-15": "approved_on: 2027-12-20",
                "---\nRationale.": "  - version: 2\n    date: 2027-12-20\n    change: Target tightened.\n    reason: Renewed agreement.\n    approved_by: Head of Service Management\n---\nRationale.",
            ])], asOf: "2027-12-01"),
        ],
        nonTriggering: [
            RuleExample(["reviews/2027-11-09.md": annualReview], asOf: "2027-12-01"),
            // Version 1, approved and recorded after the as-of date (2026-11-29), is not in force yet:
            // `established/approval` and `updated/history` report the dates.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "approved_on: 2026-01-15": "approved_on: 2026-12-10", "    date: 2026-01-15": "    date: 2026-12-10",
            ])],
                        removing: ["reviews/2026-11-10.md"]),
            // No history, but approved 4 days before the as-of date: the approval is the decision.
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  stale_after_days: 10\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "\nversion: 1\n": "\n", "approved_on: 2026-01-15": "approved_on: 2026-11-25",
                    "history:\n  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n": "",
                ]),
            ]),
            // A retired objective is a historical record: nobody needs to revisit it.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: retired"])],
                        asOf: "2027-12-01"),
        ])

    /// Minutes of a review a year on that decide on OBJ-INC-01.
    static let annualReview = ExampleTree.edit(ExampleTree.review, [
        "date: 2026-11-10": "date: 2027-11-09",
        "note: On target.": "note: Still the right target after the annual review.",
        "actions:\n  - id: ACT-1\n    objective: OBJ-INC-01\n    owner: Incident Process Owner\n    due: 2026-12-15\n    status: open\n    text: Check the P1 runbook.\n": "",
    ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        let days = model.settings.staleAfterDays
        let since = model.asOf.adding(days: -days)
        // Dates after as-of have not happened yet (`updated/history` reports future history dates).
        let window = since...model.asOf
        var findings: [Finding] = []
        for o in model.activeObjectives {
            guard let id = o.idText else { continue }
            // A version approved after the as-of date is not in force yet: it is the update (its
            // date is the one finding, SPEC 4.1).
            if model.approvalIsPending(o) { continue }
            // A change or a decision in the window, looked for by position (entries and decisions
            // are large values): most objectives have one, and need nothing more.
            // The approval of the version in force is a decision on the objective too.
            let history = o.history, decided = model.decisionsByObjective[id] ?? [], approved = o.approvedOn?.value
            if approved.map(window.contains) ?? false { continue }
            if history.indices.contains(where: { history[$0].date.map { window.contains($0.value) } ?? false })
                || decided.indices.contains(where: { (decided[$0].date.map(window.contains) ?? false) && model.decides(decided[$0]) }) { continue }
            // A date that could not be read may be the recent one (SPEC 4.1 "One cause, one finding").
            if model.content.unread.any("history", of: o) || history.contains(where: { model.content.unread.field("date", of: $0.location) })
                || decided.contains(where: { model.content.unread.field("date", of: $0.review.location) }) { continue }
            let last = (history.compactMap { $0.date?.value } + decided.filter { model.decides($0) }.compactMap(\.date) + [approved].compactMap { $0 })
                .filter { $0 <= model.asOf }.max()
            let lastText = last.map { "was last changed, approved or decided on \($0)" } ?? "has no dated history entry, approval or review decision"
            findings.append(description.finding(
                "\(codeSpan(id)) \(lastText), more than \(days) days before \(model.asOf); review it and record the decision (`no-change`, `update` or `retire`) in the minutes, or add a history entry for a new version.",
                at: o.location, objective: id))
        }
        return findings
    }
}
