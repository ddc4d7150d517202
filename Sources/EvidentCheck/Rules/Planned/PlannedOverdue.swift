import EvidentModel
import EvidentSupport

/// A plan whose due date has passed while the objective is still not achieved: its latest result
/// is not on target or, for an objective evaluated qualitatively, no review has evaluated it since.
enum PlannedOverdue: Rule {
    static let description = RuleDescription(
        id: "planned/overdue", name: "Plan past its due date", obligation: .planned, defaultSeverity: .warning,
        summary: "A plan whose `due` date has passed while the objective's latest result is not on target.",
        rationale: """
            The plan for an objective says when it will be completed (6.2.2 d in ISO/IEC 20000-1 and its \
            counterparts). Once that date has passed, the latest result should show the objective achieved; \
            if it is still off target or only within tolerance, either the plan is late or it did not work, \
            and an auditor expects the organisation to have noticed and re-planned rather than to keep an \
            expired date on record. The latest result is the one every report shows (the last due period \
            with a value, judged against the thresholds then in force); an objective with no result yet is \
            `monitored/no-data`'s concern, and one whose row of that period or a later one could not be read \
            (`syntax/csv`) is judged once it is corrected. An objective evaluated qualitatively (an `evaluation` in place of a \
            target, where every standard it serves allows it) has no value to judge: its plan is overdue \
            when no review has named it on or after the due date. Record the outcome at the next review and \
            set a new `due`, or revise the objective.
            """,
        triggering: [
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  due: 2026-12-31": "  due: ↓2026-10-31"]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,5.5,,extract-2026-10.csv",
                ]),
            ]),
            // Qualitative: due on 2026-11-15, and the last review (2026-11-10) came before it.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.qualitativeObjective, ["  due: 2026-12-31": "  due: ↓2026-11-15"])]),
        ],
        nonTriggering: [
            RuleExample([:]),
            // Past due, and the latest result (October, 3.7 h) is on target: the plan did its work.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  due: 2026-12-31": "  due: 2026-10-31"])]),
            // October's row could not be read (`syntax/csv`): it may be the latest result, not September's.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  due: 2026-12-31": "  due: 2026-10-31"]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-09,3.3,,": "2026-09,5.5,,",
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7 h,,extract-2026-10.csv",
                ]),
            ]),
            // Off target, but the plan is not due yet.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,7.5,,extract-2026-10.csv",
            ])]),
            // Qualitative: the review of 2026-11-10 evaluated it after the plan's due date.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.qualitativeObjective, ["  due: 2026-12-31": "  due: 2026-10-31"])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.activeObjectives where model.asks(.plan, of: o) {
            guard let id = o.idText, let due = o.plan?.due, due.value < model.asOf else { continue }
            if model.evaluatedQualitatively(o) {
                let reviews = model.reviewsByObjective[id] ?? []
                if reviews.contains(where: { r in r.date.map { $0.value >= due.value && $0.value <= model.asOf } ?? false }) { continue }
                // A review whose date could not be read may be the one (its own finding says why).
                if reviews.contains(where: { model.content.unread.field("date", of: $0.location) }) { continue }
                let forum = model.forum(of: o).map { " of \(codeSpan($0.value))" } ?? ""
                findings.append(description.finding(
                    "The plan of \(codeSpan(id)) was due on \(due.value) and no review has evaluated the objective since; record at the next review\(forum) whether it was achieved, then set a new `due` or revise the objective.",
                    at: due.location, objective: id))
                continue
            }
            guard let latest = model.latestResult(of: o), latest.status == .offTarget || latest.status == .withinTolerance else { continue }
            // A row `syntax/csv` rejected, of the latest result's period or later, may be the latest result.
            if model.rejectedRowMayReplace(of: o, from: latest.period) { continue }
            let value = latest.measurement.valueText + ((o.metric?.unit).map { " \($0.value)" } ?? "")
            let target = latest.judgement.target.map { " (target \(codeSpan($0)))" } ?? ""
            let status = latest.status == .offTarget ? "off target" : "within tolerance, not on target"
            findings.append(description.finding(
                "The plan of \(codeSpan(id)) was due on \(due.value), but its latest result, \(codeSpan(value)) for \(latest.period), is \(status)\(target). Record at the next review whether the plan is late or did not work, then set a new `due` or revise the plan.",
                at: due.location, objective: id))
        }
        return findings
    }
}
