import EvidentModel
import EvidentSupport

/// A target or tolerance in a unit other than the metric's.
enum MeasurableUnit: Rule {
    static let description = RuleDescription(
        id: "measurable/unit", name: "Unit", obligation: .measurable, defaultSeverity: .error,
        summary: "A unit in target or tolerance that differs from the metric's.",
        rationale: """
            Results are recorded as plain numbers in the metric's unit, and the target and tolerance are compared \
            with them as numbers. A target written in minutes for a metric measured in hours would turn every \
            result into a wrong status, and an auditor reading `<= 240 min` beside values like 3.5 cannot tell \
            what was promised. The unit of a target or tolerance is optional (`>= 99.5` is fine); when given, it \
            must equal `metric.unit` exactly (after trimming spaces: `>=99.5%` and `>= 99.5 %` are the same). \
            Every objective is checked, whatever its status. \
            Where an `evaluation` takes the place of the measures, a metric without a unit is not reported.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: ↓\"<= 240 min\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  unit: h\n": "",
                "target: \"<= 4 h\"": "target: ↓\"<= 4 h\"",
                "tolerance: \"<= 6 h\"": "tolerance: ↓\"<= 6 h\"",
                "status: active": "status: retired",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "reason: New objective set.\n": "reason: New objective set.\n    target: ↓\"<= 6 hours\"\n    tolerance: ↓\"<= 480 min\"\n",
            ])]),
            // A unit that shows as the metric's and is not: a zero-width space after the `h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: ↓\"<= 4 h\\u200B\"",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<=4h\"",
                "tolerance: \"<= 6 h\"": "tolerance: \"<= 6\"",
            ])]),
            // `<= 4e0 h` is a number in exponent notation, `measurable/target`'s finding, not the
            // number 4 in the unit `e0 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 4e0 h\"",
                "tolerance: \"<= 6 h\"": "tolerance: \"<= 6E0h\"",
            ])]),
            // `<= 4,5 h` is a number with a decimal comma, `measurable/target`'s finding, not the
            // number 4 in the unit `,5 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 4,5 h\"",
            ])]),
            // Under ISO/IEC 27001 alone, with an `evaluation`, a target in hours beside no metric is
            // `measurable/metric`'s one finding (the metric is missing), not a unit mismatch as well.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.qualitativeObjective, [
                             "cadence: monthly\n": "target: \"<= 4 h\"\ncadence: monthly\n",
                         ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            // A metric or unit that could not be read has its own finding; nothing to compare with.
            if model.content.unread.any("metric", of: o) { continue }
            let metric = o.metric
            if let metric, model.content.unread.field("unit", of: metric.location) { continue }
            let metricUnit = metric?.unit?.value
            // Where an `evaluation` takes the place of the measures, the metric's unit is not required.
            if metricUnit == nil && model.evaluationMayTakePlace(o) { continue }
            // Each of the two looked at in turn, not from a list made for every objective.
            // The field's name is made only for a finding.
            func compare(_ field: @autoclosure () -> String, _ text: Located<String>?, _ threshold: Threshold?) {
                // An unparsable value is reported by `measurable/target` or `measurable/tolerance`.
                guard let text, let threshold, let unit = threshold.unit, unit != metricUnit else { return }
                let field = field()
                let message = if let metricUnit {
                    "The \(field) \(codeSpan(text.value)) is in \(codeSpan(unit)) but the metric of \(codeSpan(o.displayID)) is measured in \(codeSpan(metricUnit)); write the \(field) in \(codeSpan(metricUnit)) (results are compared as plain numbers), or change `metric.unit`." + lookAlike(unit, metricUnit)
                } else {
                    "The \(field) \(codeSpan(text.value)) is in \(codeSpan(unit)) but the metric of \(codeSpan(o.displayID)) has no `unit`; add \(codeSpan("unit: \(unit)")) to the metric, or leave the unit out of the \(field)."
                }
                findings.append(description.finding(message, at: text.location, objective: o.idText))
            }
            compare("target", o.target, model.target(of: o))
            compare("tolerance", o.tolerance, model.tolerance(of: o))
            // A history entry's thresholds judge the values of its time (SPEC 4.1).
            let history = o.history
            for index in history.indices {
                func entry() -> String { history[index].version.map { " of version \($0.value)" } ?? " of a history entry" }
                compare("target\(entry())", history[index].target, history[index].target.flatMap { Threshold(parsing: $0.value) })
                compare("tolerance\(entry())", history[index].tolerance, history[index].tolerance.flatMap { Threshold(parsing: $0.value) })
            }
        }
        return findings
    }

    /// For two units that differ and show the same (`h` and `h` with a zero-width space, the
    /// micro sign `µ` and the Greek `μ`), a sentence that says in what; "" for units that differ
    /// in what they show.
    static func lookAlike(_ unit: String, _ metricUnit: String) -> String {
        guard LookAlikeLetter.shown(unit) == LookAlikeLetter.shown(metricUnit) else { return "" }
        if let invisible = InvisibleCharacter.described(in: unit) ?? InvisibleCharacter.described(in: metricUnit) {
            return " The two look the same and differ in \(invisible), which shows as nothing: delete it."
        }
        if let letter = LookAlikeLetter.described(in: unit, against: metricUnit) ?? LookAlikeLetter.described(in: metricUnit, against: unit) {
            return " The two look the same and differ in \(letter)."
        }
        return " The two differ only in how a character is encoded (the micro sign `µ` or the Greek `μ`, a full-width letter, a superscript digit): write both alike."
    }
}
