import EvidentModel
import EvidentSupport

/// An active objective not reviewed within its cadence plus grace.
package enum MonitoredReviewOverdue: Rule {
    package static let description = RuleDescription(
        id: "monitored/review-overdue", name: "Review overdue", obligation: .monitored, defaultSeverity: .warning,
        summary: "An active objective not reviewed (listed in `objectives` or a decision of a review) within its cadence plus grace.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and 9.1 that results be analysed and evaluated: \
            measuring is not enough, the responsible forum must look at the results at the objective's \
            cadence. An objective counts as reviewed when review minutes list it in `objectives` or record a \
            decision on it. It is overdue when the latest such review is older than the cadence length \
            (weekly 7, monthly 31, quarterly 92, semiannual 183, annual 366 days) plus `review_grace_days`, \
            counted back from the as-of date, and the objective became effective (or was approved) before \
            that window began, so a new objective has one full window for its first review.
            """,
        triggering: [
            RuleExample([
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-10-20"]),
            ]),
            // Never reviewed at all.
            RuleExample(["objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective], removing: ["reviews/2026-11-10.md"]),
            // 2026-11-10 is 39 days before 2026-12-19: older than 31 + 7.
            RuleExample(["objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective], asOf: "2026-12-19"),
        ],
        nonTriggering: [
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-10-22    # 38 days (31 + 7) before 2026-11-29",
                ]),
            ]),
            // A decision on the objective is a review of it, even when `objectives` leaves it out.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["objectives: [OBJ-INC-01]\n": ""])]),
            // A new objective, effective inside the window, is not yet due for review.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: 2026-11-01", "    date: 2026-01-15": "    date: 2026-01-15\n    effective: 2026-11-01",
            ])],
                        removing: ["reviews/2026-11-10.md"]),
            // Never reviewed, but `effective: 2026-02-01` (its first version's history entry gives no
            // other date): 2026-03-10 is within 38 days of the start.
            RuleExample([:], removing: ["reviews/2026-11-10.md"], asOf: "2026-03-10"),
            // Approved after the as-of date, with no earlier start: not in force yet, so not yet due
            // for review (`established/approval` reports the date).
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "approved_on: 2026-01-15": "approved_on: 2026-12-10", "effective: 2026-02-01\n": "", "    date: 2026-01-15\n": "",
            ])],
                        removing: ["reviews/2026-11-10.md"]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"])],
                        removing: ["reviews/2026-11-10.md"]),
            // The minutes of 2026-11-18 do not parse (`syntax/yaml`: a note holding `: `): they may be
            // the review that October's would otherwise be too old beside, so only their finding is shown.
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-10-20"]),
                "reviews/2026-11-18.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-11-18", "note: On target.": "note: Tighten the target: it is met.",
                    "ACT-1": "ACT-2",
                ]),
            ]),
            // Its own cadence could not be read (`syntax/type`): twice a year, October's review is
            // recent; the forum's monthly cadence is not the one meant.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: biannual"]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-10-20"]),
            ]),
        ])

    package static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        // Minutes that could not be read at all may be any objective's recent review: their finding
        // is the one finding (SPEC 4.1 "One cause, one finding").
        guard model.content.unread.reviewFiles.isEmpty else { return [] }
        var findings: [Finding] = []
        for o in model.activeObjectives {
            guard let id = o.idText, let cadence = model.cadence(of: o) else { continue }
            // A cadence of its own that could not be read (`syntax/type`) is not the forum's it falls back to.
            if model.content.unread.any("cadence", of: o) { continue }
            let window = cadence.lengthInDays + max(0, model.settings.reviewGraceDays)
            let windowStart = model.asOf.adding(days: -window)
            // The latest review dated on or before the as-of date (later ones have not happened yet
            // as of it), read in place by index: reviews are large values.
            let reviews = model.reviewsByObjective[id] ?? []
            var last: Day?
            for index in reviews.indices {
                guard let day = reviews[index].date?.value, day <= model.asOf else { continue }
                if last.map({ day > $0 }) ?? true { last = day }
            }
            if let last, last >= windowStart { continue }
            // A review whose date could not be read may be the recent one (SPEC 4.1 "One cause, one finding").
            if reviews.contains(where: { model.content.unread.field("date", of: $0.location) }) { continue }
            // Without an effective or approval date nothing says the objective is new: it is due.
            if let start = model.start(of: o), start >= windowStart { continue }
            findings.append(description.finding(
                overdue(id, last: last, cadence: cadence, window: window, since: windowStart, forum: model.forum(of: o)?.value),
                at: o.location, objective: id))
        }
        return findings
    }

    // MARK: messages

    static func overdue(_ id: String, last: Day?, cadence: Cadence, window: Int, since: Day, forum: String?) -> String {
        let when = last.map { "was last reviewed on \($0)" } ?? "has never been reviewed"
        let meeting = forum.map { "the next \(codeSpan($0)) meeting" } ?? "the next review"
        return "\(codeSpan(id)) \(when); its \(cadence.rawValue) cadence and grace days ask for a review at least every \(window) days (on or after \(since)). Review it at \(meeting) and list it in the `objectives` of the meeting's minutes, a file in reviews/."
    }
}
