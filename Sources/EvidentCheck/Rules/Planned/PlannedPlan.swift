import EvidentModel
import EvidentSupport

/// An active objective without a plan for achieving it, or with a plan that does not say what,
/// with what resources, who, by when and how the result is evaluated (and, for the standards whose
/// table sets `planNeedsIntegration`, how it is integrated into the business processes).
enum PlannedPlan: Rule {
    /// Where each standard asks for the plan, grouped by clause (`6.2.2 a–e in ISO/IEC 20000-1 and
    /// ISO 9001; 6.2 h–l in ISO/IEC 27001`), from the standards' tables.
    static let planClauses: String = {
        var clauses: [String] = []
        for s in Standard.all { if let c = s.item(.plan)?.clause, !clauses.contains(c) { clauses.append(c) } }
        return clauses.map { c in "\(c) in \(Standard.names(where: { $0.item(.plan)?.clause == c }))" }.joined(separator: "; ")
    }()

    static let description = RuleDescription(
        id: "planned/plan", name: "Plan for achieving the objective", obligation: .planned, defaultSeverity: .warning,
        summary: "An active objective without a `plan`, or a plan missing `what`, `resources`, `responsible`, `due` or `evaluation` (`integration` too for \(Standard.names(where: \.planNeedsIntegration))).",
        rationale: """
            Every one of the standards asks the organisation to plan how it will achieve each objective \
            (\(planClauses)): what will be done, with what resources, who is responsible, when it will \
            be completed, and how the results will be evaluated. An auditor asks the owner of a sampled \
            objective "how will you get there?" and expects the answer on record, not improvised. The `plan` \
            of an active objective gives all five; where the objective serves \(Standard.names(where: \.planNeedsIntegration, joinedBy: "or")) it also \
            says in `integration` how the actions become part of the business processes. Drafts are not yet \
            committed to and retired objectives are a record, so only active ones are checked. Every missing \
            part is named in one finding, on the plan. A plan that lacks only `integration` gives what the \
            other standards ask, so the finding bears only on \(Standard.names(where: \.planNeedsIntegration)): \
            the readiness of the other standards does not warn for it.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                ExampleTree.plan: "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "plan:\n  what:": "plan:\n  ↓what:",
                "  resources: Two days of the ITSM administrator; no spend.\n": "",
                "  due: 2026-12-31\n": "",
            ])]),
            // ISO 45001 asks the plan to say how it is integrated into the business processes.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["plan:\n  what:": "plan:\n  ↓what:"]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
                ]),
            ]),
            // Integration is asked only of objectives that serve ISO 14001 or ISO 45001.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [ExampleTree.plan: "", "status: active": "status: draft"])]),
        ])

    /// The parts every standard asks of a plan, with what each says and whether a plan gives it, in
    /// the order they are named.
    static let parts: [(field: String, says: String, isGiven: @Sendable (Plan) -> Bool)] = [
        ("what", "what will be done", { $0.what != nil }), ("resources", "with what resources", { $0.resources != nil }),
        ("responsible", "who is responsible", { $0.responsible != nil }), ("due", "by when", { $0.due != nil }),
        ("evaluation", "how the result will be evaluated", { $0.evaluation != nil }),
    ]

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        // What a missing plan should say depends only on the standards asking for `integration`:
        // worded once for each such set, not for each objective.
        var askedOf: [[String]: String] = [:]
        // What `integration` says, for the standards that ask for it (nil when none does).
        func integration(_ integrating: [String]) -> String? {
            integrating.isEmpty ? nil
                : "how the actions are integrated into the business processes (`integration`, which \(CheckModel.names(integrating)) \(integrating.count == 1 ? "asks" : "ask"))"
        }
        for o in model.activeObjectives where model.asks(.plan, of: o) {
            let integratingStandards = model.standards(of: o).filter(\.planNeedsIntegration)
            let integrating = integratingStandards.map(\.name)
            guard let plan = o.plan else {
                if model.content.unread.any("plan", of: o) { continue }
                let asked: String
                if let known = askedOf[integrating] {
                    asked = known
                } else {
                    asked = CheckModel.names(parts.map { $0.field == "due" ? "by when (`due`, YYYY-MM-DD)" : "\($0.says) (\(codeSpan($0.field)))" }
                        + [integration(integrating)].compactMap { $0 })
                    askedOf[integrating] = asked
                }
                findings.append(description.finding(
                    "\(codeSpan(o.displayID)) has no `plan` for achieving it; add one that says \(asked).",
                    at: o.location, objective: o.idText))
                continue
            }
            // Nothing is made for a plan that gives every part (most do): an empty list takes no memory.
            var missing = parts.filter { !$0.isGiven(plan) }.map { (field: $0.field, says: $0.says) }
            if plan.integration == nil, let integration = integration(integrating) { missing.append(("integration", integration)) }
            // A part written but unreadable (a `due` that is not a date) is `syntax/type`'s finding.
            missing.removeAll { model.content.unread.field($0.field, of: plan.location) }
            guard !missing.isEmpty else { continue }
            let fields = CheckModel.names(missing.map { "\(codeSpan($0.field))" })
            let says = CheckModel.names(missing.map(\.says))
            // An objective evaluated without numbers has an `evaluation` of its own, which is not the plan's.
            let own = o.evaluation != nil && missing.contains { $0.field == "evaluation" }
                ? " The objective's own `evaluation` says how the objective is judged; the plan's, under `plan:`, says how the plan's results will be, and may say the same."
                : ""
            var finding = description.finding(
                "The plan of \(codeSpan(o.displayID)) has no \(fields); add \(missing.count == 1 ? "it" : "them") so the plan says \(says).\(own)",
                at: plan.location, objective: o.idText)
            // A plan short of `integration` alone meets 6.2.2 a–e: only the standards asking for it fail.
            if missing.allSatisfy({ $0.field == "integration" }) { finding.standards = integratingStandards.map(\.id) }
            findings.append(finding)
        }
        return findings
    }
}
