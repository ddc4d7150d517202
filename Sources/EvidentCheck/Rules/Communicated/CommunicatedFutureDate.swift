import EvidentModel

/// A communication dated after the as-of date: it has not been made yet.
enum CommunicatedFutureDate: Rule {
    static let description = RuleDescription(
        id: "communicated/future-date", name: "Communication dated in the future", obligation: .communicated,
        defaultSeverity: .warning,
        summary: "A communication dated after the as-of date (a typo in the date, or one not yet made); it counts nowhere until that day.",
        rationale: """
            A communication is evidence that the people who work towards an objective were told of it. One \
            dated after the as-of date has not been made yet, or carries a typo in its date (`2027-01-20` \
            for `2026-01-20`). Every rule reads the content as of the as-of date, so it does not count as \
            communicating the objectives it lists, and `communicated/missing` may report them; this finding \
            says why, at the date. The SPEC does not list this rule; it adds to `monitored/future-value`, \
            which does the same for measured values.
            """,
        triggering: [
            RuleExample(["communications/2026-01-20.md": ExampleTree.communication.replacingOccurrences(
                of: "date: 2026-01-20", with: "date: ↓2026-12-20")]),
        ],
        nonTriggering: [
            RuleExample(["communications/2026-01-20.md": ExampleTree.communication]),
            // Made on the as-of date itself.
            RuleExample(["communications/2026-01-20.md": ExampleTree.communication.replacingOccurrences(
                of: "date: 2026-01-20", with: "date: 2026-11-29")]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        model.content.communications.compactMap { communication in
            guard let date = communication.date, date.value > model.asOf else { return nil }
            return description.finding(message(date.value, asOf: model.asOf), at: date.location)
        }
    }

    static func message(_ date: Day, asOf: Day) -> String {
        "This communication is dated \(date), after the as-of date \(asOf): it has not been made yet, so it communicates nothing until then. Correct the date (a year typo?), or keep the file out of the content until it has been sent."
    }
}
