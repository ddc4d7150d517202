import EvidentModel
import EvidentSupport

/// An unknown forum, on a function, an objective or a review.
enum LevelsForum: Rule {
    package static let description = RuleDescription(
        id: "levels/forum", name: "Declared forum", obligation: .levels, defaultSeverity: .error,
        summary: "An unknown forum, on a function, an objective or a review.",
        rationale: """
            Objectives are monitored and updated in review forums (management review, operational review) \
            that evident.yml declares with their cadence. The forum decides where an objective is reviewed \
            and, by default, how often it is measured. A function, objective or review that names an \
            undeclared forum breaks that chain: the auditor cannot see which meeting is accountable for the \
            objective, and a review held in an unknown forum evidences nothing. Every objective is checked, \
            whatever its status.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["forum: ops-review": "forum: ↓ops-reveiw"])]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review": "    forum: ↓service-board"])]),
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["forum: ops-review": "forum: ↓mgmt-review"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired", "forum: ops-review": "forum: ↓cab",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "cadence: monthly }\n": "cadence: monthly }\n  - { id: mgmt-review, name: Management review, cadence: quarterly }\n",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["forum: ops-review": "forum: mgmt-review"]),
            ]),
        ])

    package static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let known = model.configuration.forums.map(\.id.value)
        func isUnknown(_ forum: Located<String>?) -> Located<String>? {
            guard let forum, model.forumsByID[forum.value] == nil else { return nil }
            return forum
        }
        var findings: [Finding] = []
        for f in model.configuration.functions {
            guard let forum = isUnknown(f.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "Function `\(f.id.value)` names", known: known),
                                                at: forum.location))
        }
        for o in model.content.objectives {
            guard let forum = isUnknown(o.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "\(o.displayID) names", known: known,
                                                        unread: model.content.unread.configuration),
                                                at: forum.location, objective: o.idText))
        }
        for r in model.content.reviews {
            guard let forum = isUnknown(r.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "The review names", known: known,
                                                        unread: model.content.unread.configuration), at: forum.location))
        }
        return findings
    }

    static func message(_ forum: String, on subject: String, known: [String], unread: Bool = false) -> String {
        if unread {
            return "\(subject) the forum `\(forum)`, which cannot be checked: evident.yml could not be read. Fix the problem reported on evident.yml."
        }
        guard !known.isEmpty else {
            return "\(subject) the forum `\(forum)`, but evident.yml declares no forums; add it under `forums:` with its cadence."
        }
        let hint = Suggest.closest(to: forum, in: known).map { " Did you mean `\($0)`?" } ?? ""
        return "\(subject) the forum `\(forum)`, which evident.yml does not declare (\(list(known))).\(hint) Use one of them, or declare it under `forums:` with its cadence."
    }

    /// Known ids for a message: the first ten, then how many more.
    private static func list(_ ids: [String]) -> String { Listing.ids(ids) }
}
