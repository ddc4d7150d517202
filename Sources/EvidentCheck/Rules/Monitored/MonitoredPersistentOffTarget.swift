import EvidentModel
import EvidentSupport

/// The last `persistent_off_target_periods` values are all off target, and no review responded.
enum MonitoredPersistentOffTarget: Rule {
    static let description = RuleDescription(
        id: "monitored/persistent-off-target", name: "Persistently off target", obligation: .monitored,
        defaultSeverity: .warning,
        summary: "The last `persistent_off_target_periods` values are all off target and no review decision or action on the objective is dated on or after the first day of the first of them.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored and updated as appropriate. One bad period can be \
            noise; several in a row (`persistent_off_target_periods`, 3 by default, counting only periods \
            that have a value) are a trend that the forum must answer, with a decision (no change, update, \
            retire, escalate) or an action naming the objective. An auditor who sees months of red and no \
            recorded response concludes that the results are measured but not used. The finding clears as \
            soon as a review dated on or after the first day of the first of those periods records a \
            decision or an action on the objective; listing it in `objectives` alone is not a response, nor is \
            a decision item without its `decision` or an action without its `owner`, `due` or `text` \
            (`syntax/type`: no auditor takes an action no one is to do by any date for an answer). A row \
            of one of those periods, or a later one, that could not be read (`syntax/csv`) may break the run, \
            so nothing is said until it is corrected.
            """,
        triggering: [
            RuleExample([
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(),
                "reviews/2026-11-10.md": reviewWithoutResponse,
            ]),
            // A known gap does not break the run: July, August and October are the last three values.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-07,3.1,,": "2026-07,6.5,,",
                    "2026-08,3.6,,": "2026-08,7.5,,",
                    "2026-09,3.3,,": "2026-09,,ServiceNow export failed,",
                    "2026-10,3.7,,extract-2026-10.csv": "↓2026-10,9.0,,extract-2026-10.csv",
                ]),
                "reviews/2026-11-10.md": reviewWithoutResponse,
            ]),
            // The minutes name the objective in a decision item that does not say what was decided
            // (`syntax/type`): no decision answers the run.
            RuleExample([
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(),
                "reviews/2026-11-10.md": ExampleTree.edit(reviewWithoutResponse, [
                    "objectives: [OBJ-INC-01]\n": "objectives: [OBJ-INC-01]\ndecisions:\n  - objective: OBJ-INC-01\n    note: Off target since August.\n",
                ]),
            ]),
            // The minutes agree an action on it with no owner and no due date (`syntax/type`): no one
            // is to do it by any date, so it answers nothing.
            RuleExample([
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(),
                "reviews/2026-11-10.md": ExampleTree.edit(reviewWithoutResponse, [
                    "objectives: [OBJ-INC-01]\n": "objectives: [OBJ-INC-01]\nactions:\n  - id: ACT-1\n    objective: OBJ-INC-01\n    text: Look into the P1 restoration times.\n",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(marked: false),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "decision: no-change\n    note: On target.": "decision: escalate\n    note: Off target since August; problem record opened.",
                ]),
            ]),
            // The objective started in October: August and September were never due, so one value counts.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "reason: New objective set.\n": "reason: New objective set.\n    effective: 2026-10-01\n",
                ]),
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(marked: false),
                "reviews/2026-11-10.md": reviewWithoutResponse,
            ]),
            // October's row could not be read (`syntax/csv`): it may break the run of July to September.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-07,3.1,,": "2026-07,6.5,,",
                    "2026-08,3.6,,": "2026-08,7.5,,",
                    "2026-09,3.3,,": "2026-09,8.1,,",
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,n/a,,extract-2026-10.csv",
                ]),
                "reviews/2026-11-10.md": reviewWithoutResponse,
            ]),
            // An action whose owner is a placeholder is that one finding (`syntax/type`, at the value):
            // it still answers the run.
            RuleExample([
                "measurements/OBJ-INC-01.csv": offTargetSinceAugust(marked: false),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": "",
                    "    owner: Incident Process Owner": "    owner: TBD",
                ]),
            ]),
            // September within tolerance (<= 6 h) breaks the run.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-08,3.6,,": "2026-08,7.5,,",
                    "2026-09,3.3,,": "2026-09,5.5,,",
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,9.0,,extract-2026-10.csv",
                ]),
                "reviews/2026-11-10.md": reviewWithoutResponse,
            ]),
        ])

    /// The base review with the objective listed but no decision or action on it.
    static let reviewWithoutResponse = ExampleTree.edit(ExampleTree.review, [
        "decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": "",
        "actions:\n  - id: ACT-1\n    objective: OBJ-INC-01\n    owner: Incident Process Owner\n    due: 2026-12-15\n    status: open\n    text: Check the P1 runbook.\n": "",
    ])

    static let judgesEachObjectiveAlone = true

    /// The example's measurements with August to October off target (7.5, 8.1 and 9.0 h against
    /// `<= 4 h`), October marked where the finding points unless `marked` is false.
    static func offTargetSinceAugust(marked: Bool = true) -> String {
        ExampleTree.edit(ExampleTree.measurements, [
            "2026-08,3.6,,": "2026-08,7.5,,",
            "2026-09,3.3,,": "2026-09,8.1,,",
            "2026-10,3.7,,extract-2026-10.csv": (marked ? "↓" : "") + "2026-10,9.0,,extract-2026-10.csv",
        ])
    }

    package static func check(_ model: CheckModel) -> [Finding] {
        let count = model.settings.persistentOffTargetPeriods
        guard count >= 1 else { return [] }
        var findings: [Finding] = []
        for o in model.activeObjectives {
            guard let id = o.idText else { continue }
            // The last `count` periods with a value, newest first, read back from the end: most
            // objectives are settled by their latest value, without copying their series.
            // Only due periods count (SPEC 4.1), each judged against its own thresholds.
            let series = model.dueSeries(of: o)
            var newestFirst: [CheckModel.PeriodValue] = []
            for entry in series.reversed() where entry.value != nil {
                guard entry.status == .offTarget else { break }
                newestFirst.append(entry)
                if newestFirst.count == count { break }
            }
            let run = newestFirst.reversed()
            guard run.count == count, let first = run.first?.period, let latest = run.last else { continue }
            // A row `syntax/csv` rejected, from the first of those periods on, may break the run.
            if model.rejectedRowMayReplace(of: o, from: first) { continue }
            // SPEC 4.1: a response dated on or after the first day of the first period clears it.
            // Reviews dated after the as-of date have not happened yet as of it.
            let responded = (model.decisionsByObjective[id] ?? []).contains { isResponse($0.date, first.start, model.asOf) && model.decides($0) }
                || (model.actionsByObjective[id] ?? []).contains { isResponse($0.date, first.start, model.asOf) && model.answers($0) }
            guard !responded else { continue }
            findings.append(description.finding(
                persistent(id, periods: run.map(\.period), since: first.start, forum: model.forum(of: o)?.value),
                at: latest.measurement.period.location, objective: id))
        }
        return findings
    }

    private static func isResponse(_ date: Day?, _ since: Day, _ asOf: Day) -> Bool {
        guard let date else { return false }
        return date >= since && date <= asOf
    }

    // MARK: messages

    static func persistent(_ id: String, periods: [Period], since: Day, forum: String?) -> String {
        let list = periods.map(\.description).joined(separator: ", ")
        let meeting = forum.map { "at \(codeSpan($0))" } ?? "at a review"
        return "\(codeSpan(id)) has been off target for the last \(periods.count) periods with a value (\(list)), and no review decision or action on it is dated on or after \(since). Discuss it \(meeting) and record a decision (update, escalate, …) or an action naming \(codeSpan(id))."
    }
}
