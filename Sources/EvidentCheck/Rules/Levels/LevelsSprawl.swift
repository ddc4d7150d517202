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
        // Each role's active objectives: one look-up an objective, by the text as written first, so
        // that a role is folded once per spelling.
        var roles: [[Objective]] = [], place: [String: Int] = [:], spelled: [String: Int] = [:]
        for o in model.activeObjectives {
            guard let owner = model.owner(of: o) else { continue }
            if let i = spelled[owner.value] {
                roles[i].append(o)
                continue
            }
            let key = role(owner.value)
            let i = place[key] ?? roles.count
            if i == roles.count {
                place[key] = i
                roles.append([])
            }
            spelled[owner.value] = i
            roles[i].append(o)
        }
        // A role over the limit is listed, placed and spelt by its objectives in id order, so that
        // the finding does not change when a file is renamed or moved.
        let over = roles.filter { $0.count > limit }.map(Listing.byID)
        return over.sorted { ($0.first?.displayID ?? "") < ($1.first?.displayID ?? "") }.compactMap { objectives in
            let owners = objectives.compactMap { model.owner(of: $0) }
            guard let first = owners.first else { return nil }
            var spellings: [String] = []
            for owner in owners where !spellings.contains(owner.value) { spellings.append(owner.value) }
            return description.finding(message(first.value, objectives: objectives.map(\.displayID), limit: limit,
                                               otherSpellings: Array(spellings.dropFirst())),
                                       at: first.location)
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
