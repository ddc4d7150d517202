import EvidentModel
import EvidentSupport

/// An objective whose metric has no name or no definition (a missing `metric` block counts).
enum MeasurableMetric: Rule {
    static let description = RuleDescription(
        id: "measurable/metric", name: "Metric defined", obligation: .measurable, defaultSeverity: .error,
        summary: "Metric name or definition missing.",
        rationale: """
            Clause 6.2.1 requires objectives to be measurable. An objective is measurable only when it says \
            what is measured: the metric's name, and a definition precise enough that two people computing it \
            from the same data get the same number. An auditor asks for that definition before looking at any \
            result. Active and draft objectives are checked; retired ones are a historical record. \
            Where every standard an objective serves asks for measurable objectives only if practicable \
            (\(Standard.names(where: \.measurableOnlyIfPracticable))), an `evaluation` saying how it is evaluated may take the \
            place of the metric; a metric that is written must still be defined. An objective that also \
            writes a `target` is measured all the same (its values are judged against the target), so it \
            must say what is measured: the `evaluation` takes the place of a target, not of the definition \
            of one.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "  definition: Hours from the creation of a P1 ticket to the restoration of service.\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                """
                metric:
                  name: P1 restoration time, 90th percentile
                  definition: Hours from the creation of a P1 ticket to the restoration of service.
                  counts: All P1 incidents resolved in the period.
                  excludes: Incidents caused by customer-side changes.
                  unit: h

                """: "",
            ])]),
            // An `evaluation` beside a `target`: the values are judged against `<= 4 h`, of nothing defined.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": "↓" + ExampleTree.edit(ExampleTree.qualitativeObjective, [
                             "cadence: monthly\n": "target: \"<= 4 h\"\ncadence: monthly\n",
                         ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  definition: Hours from the creation of a P1 ticket to the restoration of service.\n": "",
                "status: active": "status: retired",
            ])]),
            // Evaluated qualitatively under ISO/IEC 27001 alone, which asks for measurable objectives if practicable.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective]),
            // An `evaluation` that is no text (`evaluation: true`) is `syntax/type`'s one finding: it
            // may be the evaluation meant to take the metric's place.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.qualitativeObjective, [
                             "\nevaluation: The operational review judges": "\nevaluation: true\n# The operational review judges",
                         ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.status(of: o) != .retired {
            let message: String
            if let metric = o.metric {
                // The list is made only for a metric that lacks one: most have both.
                guard metric.name.isAbsent || metric.definition.isAbsent else { continue }
                let missing = [("name", metric.name.isAbsent), ("definition", metric.definition.isAbsent)]
                    .filter { $0.1 && !model.content.unread.field($0.0, of: metric.location) }.map { "\(codeSpan($0.0))" }
                guard !missing.isEmpty else { continue }
                message = "The metric of \(codeSpan(o.displayID)) has no \(missing.joined(separator: " and ")); give the metric a `name` and a `definition` precise enough that anyone computing it from the same data gets the same number."
            } else {
                if model.content.unread.any("metric", of: o) || model.measuresMayBeMissing(o) { continue }
                message = "\(codeSpan(o.displayID)) has no `metric`; add one with a `name` and a `definition` of what is measured (and its `counts`, `excludes` and `unit`).\(model.evaluationHint(o))"
            }
            findings.append(description.finding(message, at: o.location, objective: o.idText))
        }
        return findings
    }
}
