import EvidentModel
import EvidentSupport

/// An objective that does not say where its results come from or how they are computed.
enum MeasurableDataSource: Rule {
    static let description = RuleDescription(
        id: "measurable/data-source", name: "Data source", obligation: .measurable, defaultSeverity: .error,
        summary: "Data source system or method missing.",
        rationale: """
            A measurable objective (clause 6.2.1) is one whose result can be reproduced. The data source names \
            the system of record and the method that turns its data into the period's value; without them the \
            reported number cannot be checked, and an auditor who samples a result has nowhere to trace it. \
            Active and draft objectives are checked; a missing `data_source` block counts as missing both. \
            Where every standard an objective serves asks for measurable objectives only if practicable, an \
            `evaluation` may take the place of the data source; one that is written must still name both. \
            An objective that also writes a `target` is measured all the same, so its values need a source.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "  method: 90th percentile of restoration time per month\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "data_source:\n  system: ServiceNow incident table\n  method: 90th percentile of restoration time per month\n": "",
            ])]),
            // An `evaluation` beside a `target`: values are judged, so where they come from must be said.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": "↓" + ExampleTree.edit(ExampleTree.qualitativeObjective, [
                             "cadence: monthly\n": "target: \"<= 4 h\"\ncadence: monthly\n",
                         ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  method: 90th percentile of restoration time per month\n": "",
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
            let message: String
            if let source = o.dataSource {
                // The list is made only for a source that lacks one: most have both.
                guard source.system.isAbsent || source.method.isAbsent else { continue }
                let missing = [("system", source.system.isAbsent), ("method", source.method.isAbsent)]
                    .filter { $0.1 && !model.content.unread.field($0.0, of: source.location) }.map { "\(codeSpan($0.0))" }
                guard !missing.isEmpty else { continue }
                message = "The data source of \(codeSpan(o.displayID)) has no \(missing.joined(separator: " and ")); name the system the data comes from and the method that turns it into each period's value."
            } else {
                if model.content.unread.any("data_source", of: o) || model.measuresMayBeMissing(o) { continue }
                message = "\(codeSpan(o.displayID)) has no `data_source`; add one with the `system` the data comes from and the `method` that turns it into each period's value.\(model.evaluationHint(o))"
            }
            findings.append(description.finding(message, at: o.location, objective: o.idText))
        }
        return findings
    }
}
