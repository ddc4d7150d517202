import EvidentModel

/// Minutes of a review dated after the as-of date: a meeting that has not happened yet.
enum MonitoredFutureReview: Rule {
    static let description = RuleDescription(
        id: "monitored/future-review", name: "Review dated in the future", obligation: .monitored, defaultSeverity: .warning,
        summary: "Review minutes dated after the as-of date (a typo in the date, or minutes written before the meeting); they count nowhere until that day.",
        rationale: """
            Minutes record a meeting that was held. Minutes dated after the as-of date are either a typo \
            in the date (`2027-11-15` for `2026-11-15`) or written before the meeting; an auditor who finds \
            them stops trusting the rest. Every rule reads the content as of the as-of date, so such a review \
            counts nowhere: it is not the latest review of the objectives it lists, its decisions do not \
            answer results off target, and its actions are not followed for their due dates. Without this \
            finding the file would only be missing from those judgements, with nothing saying why. The SPEC \
            does not list this rule; it adds to `monitored/future-value`, which does the same for measured \
            values.
            """,
        triggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.review.replacingOccurrences(of: "date: 2026-11-10", with: "date: ↓2027-11-10")]),
        ],
        nonTriggering: [
            RuleExample(["reviews/2026-11-10.md": ExampleTree.review]),
            // Held on the as-of date itself.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.review.replacingOccurrences(of: "date: 2026-11-10", with: "date: 2026-11-29")]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        model.content.reviews.compactMap { review in
            guard let date = review.date, date.value > model.asOf else { return nil }
            return description.finding(message(date.value, asOf: model.asOf), at: date.location)
        }
    }

    static func message(_ date: Day, asOf: Day) -> String {
        "This review is dated \(date), after the as-of date \(asOf): a meeting cannot have been held yet, so it counts nowhere (not as the latest review, nor its decisions and actions). Correct the date (a year typo?), or keep the file out of the content until the meeting has been held."
    }
}
