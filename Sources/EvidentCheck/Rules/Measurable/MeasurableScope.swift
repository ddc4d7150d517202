import EvidentModel
import EvidentSupport

/// A metric that does not say what it counts or what it leaves out.
enum MeasurableScope: Rule {
    static let description = RuleDescription(
        id: "measurable/scope", name: "Metric scope", obligation: .measurable, defaultSeverity: .warning,
        summary: "Metric `counts` or `excludes` missing.",
        rationale: """
            A measurable objective (clause 6.2.1) needs a result that means the same every period. What the \
            metric counts, and what it deliberately leaves out, decide that: an availability figure that \
            silently excludes planned maintenance is a different objective from one that includes it. Auditors \
            ask how exclusions are decided; writing them down answers before the question. Write `excludes: \
            nothing` when nothing is left out. Active and draft objectives are checked; a missing `metric` \
            block counts as missing both. \
            Where an `evaluation` takes the place of the measures (every standard the objective serves asks for \
            measurable objectives only if practicable), the scope is not asked for.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "  excludes: Incidents caused by customer-side changes.\n": "",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  excludes: Incidents caused by customer-side changes.\n": "",
                "status: active": "status: retired",
            ])]),
            // Evaluated qualitatively under ISO/IEC 27001 alone, which asks for measurable objectives if practicable.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.status(of: o) != .retired {
            // A missing metric is `measurable/metric`'s finding; one that could not be read, `syntax/type`'s.
            if model.content.unread.any("metric", of: o) { continue }
            let metric = o.metric
            // Most metrics give both: the list is made only for one that does not.
            if let metric, metric.counts != nil, metric.excludes != nil { continue }
            // Where an `evaluation` takes the place of the measures (no target), a metric is not required, nor its scope.
            if model.measuresMayBeMissing(o) { continue }
            let missing = [("counts", metric?.counts == nil), ("excludes", metric?.excludes == nil)]
                .filter { field, missing in missing && !(metric.map { model.content.unread.field(field, of: $0.location) } ?? false) }
                .map { "\(codeSpan($0.0))" }
            guard !missing.isEmpty else { continue }
            findings.append(description.finding(
                "The metric of \(codeSpan(o.displayID)) has no \(missing.joined(separator: " and ")); say what the metric counts and what it leaves out (write `excludes: nothing` when nothing is), so every period's result means the same.",
                at: o.location, objective: o.idText))
        }
        return findings
    }
}
