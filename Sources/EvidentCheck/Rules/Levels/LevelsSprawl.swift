import EvidentModel
import EvidentSupport

/// One owner holding more than `max_objectives_per_owner` active objectives.
enum LevelsSprawl: Rule {
    static let description = RuleDescription(
        id: "levels/sprawl", name: "Objectives per owner", obligation: .levels, defaultSeverity: .warning,
        summary: "One owner holding more than `max_objectives_per_owner` active objectives.",
        rationale: """
            Objectives are set at relevant functions and levels so that each is owned where it can be \
            achieved. When one role owns a great many objectives, they have usually been set at the wrong \
            level (everything on the head of service management) or have grown into a list of metrics \
            nobody reviews; an auditor reads it as objectives not deployed into the organisation. The owner \
            counted is the objective's own or its function's, with case and spacing ignored (`Service Desk Lead` \
            and `service desk  lead` are one role, written two ways); only active objectives count. The limit is \
            `max_objectives_per_owner` in the settings of evident.yml (default 10). The finding lists the \
            role's objectives by id and points at the owner of the first of them, wherever their files lie.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["owner: Incident Process Owner": "owner: ↓Incident Process Owner"]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"]),
            ]),
            // Inherited owners count too: the position is then the function's owner in evident.yml.
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "    owner: Incident Process Owner": "    owner: ↓Incident Process Owner",
                ]) + "settings:\n  max_objectives_per_owner: 1\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["owner: Incident Process Owner\n": ""]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                    "id: OBJ-INC-01": "id: OBJ-INC-02", "owner: Incident Process Owner\n": "",
                ]),
            ]),
            // One role written two ways is one owner.
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["owner: Incident Process Owner": "owner: ↓Incident Process Owner"]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                    "id: OBJ-INC-01": "id: OBJ-INC-02", "owner: Incident Process Owner": "owner: incident process  owner",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                    "id: OBJ-INC-01": "id: OBJ-INC-02", "owner: Incident Process Owner": "owner: Service Desk Lead",
                ]),
            ]),
            // Drafts do not count against the limit.
            RuleExample([
                "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02", "status: active": "status: draft"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let limit = model.settings.maxObjectivesPerOwner
        // Owners in order of their first objective by id, so that the finding (its list, place and
        // spelling) does not change when a file is renamed or moved, and each owner's place among
        // them: one look-up an objective.
        var owners: [(name: String, first: SourceLocation, spellings: [String], objectives: [Objective])] = []
        // Looked up by the text as written first, so that a role is folded once per spelling.
        var place: [String: Int] = [:], spelled: [String: Int] = [:]
        for o in Listing.byID(model.activeObjectives) {
            guard let owner = model.owner(of: o) else { continue }
            if let i = spelled[owner.value] {
                owners[i].objectives.append(o)
                continue
            }
            let key = role(owner.value)
            if let i = place[key] {
                owners[i].objectives.append(o)
                owners[i].spellings.append(owner.value)
                spelled[owner.value] = i
            } else {
                place[key] = owners.count
                spelled[owner.value] = owners.count
                owners.append((owner.value, owner.location, [owner.value], [o]))
            }
        }
        return owners.compactMap { owner in
            guard owner.objectives.count > limit else { return nil }
            return description.finding(message(owner.name, objectives: owner.objectives.map(\.displayID), limit: limit,
                                               otherSpellings: Array(owner.spellings.dropFirst())),
                                       at: owner.first)
        }
    }

    /// The role an owner's text names: two texts that differ only in case or spacing name one role.
    static func role(_ owner: String) -> String {
        owner.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func message(_ owner: String, objectives: [String], limit: Int, otherSpellings: [String] = []) -> String {
        let list = Listing.ids(objectives)
        let also = otherSpellings.isEmpty ? "" : " (also written \(otherSpellings.map { "\(codeSpan($0))" }.joined(separator: ", ")))"
        return "\(codeSpan(owner))\(also) owns \(objectives.count) active objectives (\(list)), more than the limit of \(limit) (`max_objectives_per_owner`); give some to the owners of the functions and levels where they are achieved, retire the ones nobody reviews, or raise the limit in evident.yml."
    }
}
