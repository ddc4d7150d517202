import EvidentModel
import EvidentSupport

/// The latest value of an active objective is off target.
enum MonitoredOffTarget: Rule {
    static let description = RuleDescription(
        id: "monitored/off-target", name: "Latest value off target", obligation: .monitored, defaultSeverity: .info,
        summary: "The latest value is off target.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and monitoring is comparing results with the \
            target so that the organisation can act. A latest value that misses both the target and the \
            tolerance is not a defect in the content, so this is information, not a warning: it points \
            reviewers to the objective's `actions` and to the next review, where an auditor expects to see \
            the result discussed. The latest value is that of the latest period that has one; a finer row \
            (a week in a monthly objective) counts for its period when it is the latest inside it. A row of \
            that period or a later one that could not be read (`syntax/csv`) may be the latest value, so \
            nothing is said until it is corrected.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "↓2026-10,7.5,,extract-2026-10.csv",
            ])]),
            // Quarterly, with a target tightened from September: September's 3.6 h misses `<= 3 h`.
            RuleExample([
                "objectives/OBJ-INC-01.md": Self.tightenedInSeptember,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "↓2026-09,3.6,,"]),
            ]),
            // The week ending on 2026-11-01 belongs to October and is later than the monthly row.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-W44,7.5,,\n"]),
            // Above the tolerance `<= 6 h`, though past 17 digits it reads as the Double 6: values are
            // compared with thresholds as the decimals written.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "↓2026-10,6.0000000000000000001,,extract-2026-10.csv",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements]),
            // Quarterly, with a target tightened from September: 2026-Q3's value is August's row, judged
            // against August's `<= 6 h`, not the `<= 3 h` in force on the quarter's last day.
            RuleExample([
                "objectives/OBJ-INC-01.md": Self.tightenedInSeptember,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,\n": ""]),
            ]),
            // Within tolerance (<= 6 h) is not off target.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,5.5,,extract-2026-10.csv",
            ])]),
            // Below the tolerance `< 6 h`, though it reads as the Double 6.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"": "tolerance: \"< 6 h\""]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,5.99999999999999999999,,extract-2026-10.csv",
                ]),
            ]),
            // An earlier off-target value no longer counts once a later period is on target.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-09,3.3,,": "2026-09,7.5,,",
            ])]),
            // The objective started in October: September was never due, so it is no result.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "reason: New objective set.\n": "reason: New objective set.\n    effective: 2026-10-01\n",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-09,3.3,,": "2026-09,7.5,,",
                    "2026-10,3.7,,extract-2026-10.csv\n": "",
                ]),
            ]),
            // October's row could not be read (`syntax/csv`): it may be the latest value, so September's is
            // not judged as the latest.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-09,3.3,,": "2026-09,7.5,,",
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,n/a,,extract-2026-10.csv",
            ])]),
            // A known gap has no value: the latest value is September's.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-11,,export pending,\n"]),
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: retired"]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "2026-10,7.5,,extract-2026-10.csv",
                ]),
            ]),
        ])

    /// The example objective made quarterly, its version 2 (approved 2026-07-20) tightening the
    /// target from `<= 6 h` to `<= 3 h` from 2026-09-01, in the middle of 2026-Q3.
    static let tightenedInSeptember = ExampleTree.objective(replacing: [
        "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"\ncadence: monthly": "target: \"<= 3 h\"\ntolerance: \"<= 3.5 h\"\ncadence: quarterly",
        "within 4 hours": "within 3 hours",
        "\nversion: 1": "\nversion: 2",
        "approved_on: 2026-01-15": "approved_on: 2026-07-20",
        "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: \"<= 6 h\"\n    tolerance: \"<= 8 h\"\n"
            + "  - { version: 2, date: 2026-07-20, change: Target tightened., reason: MSA renewal., approved_by: Head of Service Management, target: \"<= 3 h\", tolerance: \"<= 3.5 h\", effective: 2026-09-01 }\n---",
    ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.activeObjectives {
            guard let id = o.idText, let latest = model.latestResult(of: o), latest.status == .offTarget else { continue }
            // A row `syntax/csv` rejected, of the latest result's period or later, may be the latest value.
            if model.rejectedRowMayReplace(of: o, from: latest.period) { continue }
            // A decision or action on it from the latest period's first day to the as-of date may answer the
            // result already (SPEC 4.1 counts the same for `monitored/persistent-off-target`): the message
            // names that review instead of asking for one.
            let since = latest.period.start
            let answered = ((model.decisionsByObjective[id] ?? []).filter { model.decides($0) }.compactMap(\.date)
                + (model.actionsByObjective[id] ?? []).filter { model.answers($0) }.compactMap(\.date)).filter { $0 >= since && $0 <= model.asOf }.max()
            findings.append(description.finding(
                offTarget(id, latest, unit: o.metric?.unit?.value, target: latest.judgement.target, tolerance: latest.judgement.tolerance,
                          hasActions: o.actions != nil, answeredOn: answered),
                at: latest.measurement.period.location, objective: id))
        }
        return findings
    }

    // MARK: messages

    static func offTarget(_ id: String, _ latest: CheckModel.PeriodValue, unit: String?, target: Threshold?,
                          tolerance: Threshold?, hasActions: Bool, answeredOn: Day? = nil) -> String {
        let value = latest.measurement.valueText + (unit.map { " \($0)" } ?? "")
        let misses = [target.map { "the target \(codeSpan($0))" }, tolerance.map { "the tolerance \(codeSpan($0))" }].compactMap { $0 }
        let missed = misses.isEmpty ? "" : " misses " + misses.joined(separator: " and ")
        let fraction = fractionHint(latest.measurement, unit: unit, thresholds: [target, tolerance].compactMap { $0 })
        // A review that answered the result is named; else the objective's `actions` say what to do, and
        // without them the next review decides.
        let respond = if let answeredOn {
            "A decision or an action on \(codeSpan(id)) is recorded since the period began (the review of \(answeredOn)): follow it up at the next review."
        } else if hasActions {
            "Apply the objective's `actions` and record the response at its next review."
        } else {
            "Agree the response at its next review and record it there as a decision or an action (the objective has no `actions` saying what to do when off target)."
        }
        return "The latest value of \(codeSpan(id)), \(codeSpan(value)) for \(latest.period),\(missed.isEmpty ? " is off target" : missed).\(fraction) \(respond)"
    }

    /// A percentage written as a fraction (`0.95` for 95 %) misses a target it would meet a hundred
    /// times larger: said, since the fix is the value, not a response to a result.
    static func fractionHint(_ m: Measurement, unit: String?, thresholds: [Threshold]) -> String {
        // `hundredfold` moves the point of a plain decimal, the only form `syntax/csv` lets through.
        let plain = m.valueText.trimmed.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "+" }
        guard plain, unit?.trimmed == "%", let v = m.value, v > 0, v <= 1, thresholds.contains(where: { $0.isMet(by: v * 100) }) else { return "" }
        return " If it is a share written as a fraction, write it in percent: \(codeSpan(hundredfold(m.valueText))), not \(codeSpan(m.valueText))."
    }

    /// A plain decimal (`0.95`, `.5`, `1`) a hundred times larger, written as exactly: the point
    /// moved two places (`95`, `50`, `100`).
    static func hundredfold(_ text: String) -> String {
        let plain = text.trimmed.hasPrefix("+") ? String(text.trimmed.dropFirst()) : text.trimmed
        let parts = plain.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? Array(parts[1]) : []
        let padded = fraction + Array(repeating: Character("0"), count: max(0, 2 - fraction.count))
        let whole = String(String((parts.first ?? "") + String(padded.prefix(2))).drop { $0 == "0" })
        let rest = String(String(padded.dropFirst(2)).reversed().drop { $0 == "0" }.reversed())
        return (whole.isEmpty ? "0" : whole) + (rest.isEmpty ? "" : "." + rest)
    }
}
