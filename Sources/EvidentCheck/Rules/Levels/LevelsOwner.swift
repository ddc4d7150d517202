import EvidentModel
import EvidentSupport

/// An objective with no owner, its own or its function's.
enum LevelsOwner: Rule {
    static let description = RuleDescription(
        id: "levels/owner", name: "Owned objective", obligation: .levels, defaultSeverity: .error,
        summary: "An objective with no owner, its own or its function's.",
        rationale: """
            An objective set at a function and level is someone's to achieve, monitor and update; clause \
            6.2.1 and the auditor both expect a named role to answer for it. The owner is the objective's \
            own `owner`, or else the owner of its function in evident.yml. With neither, nobody is \
            accountable for the result. Active and draft objectives are checked; a retired one is a record. \
            An objective with no function, or one evident.yml does not declare, is \
            `levels/unknown-function`'s finding alone: naming a declared function is what gives it an owner.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                    "owner: Incident Process Owner\n": "",
                ]),
            ]),
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                    "status: active": "status: draft",
                    "owner: Incident Process Owner\n": "",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective,
            ]),
            // Without its own owner, the objective is owned by its function's owner.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["owner: Incident Process Owner\n": ""])]),
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "status: active": "status: retired", "owner: Incident Process Owner\n": "",
                ]),
            ]),
            // A function evident.yml does not declare is levels/unknown-function's one finding: declaring
            // it with its owner, or naming a declared one, is the fix.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "function: incident": "function: problem", "owner: Incident Process Owner\n": "",
            ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        let unread = model.content.unread
        for o in model.content.objectives where model.status(of: o) != .retired && model.owner(of: o) == nil {
            // An owner that could not be read, here or on the function it would come from, is
            // reported where it is. Without a declared function (none named, one evident.yml does
            // not declare, or evident.yml unread), levels/unknown-function's finding is the one cause.
            if unread.any("owner", "function", of: o) { continue }
            guard let function = model.function(of: o) else { continue }
            if unread.field("owner", of: function.location) { continue }
            findings.append(description.finding(message(o, function: function), at: o.location, objective: o.idText))
        }
        return findings
    }

    static func message(_ o: Objective, function: Function) -> String {
        "\(codeSpan(o.displayID)) has no owner and its function \(codeSpan(function.id.value)) has none either; add `owner:` with the accountable role (not a person's name) to the objective, or to the function in evident.yml."
    }
}
