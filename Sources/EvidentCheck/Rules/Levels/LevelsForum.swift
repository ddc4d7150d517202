import EvidentModel
import EvidentSupport

/// An unknown forum, on a function, an objective or a review; and an active objective with neither
/// a forum nor a cadence, which is never due.
enum LevelsForum: Rule {
    static let description = RuleDescription(
        id: "levels/forum", name: "Declared forum", obligation: .levels, defaultSeverity: .error,
        summary: "An unknown forum, on a function, an objective or a review; an active objective with no forum and no cadence.",
        rationale: """
            Objectives are monitored and updated in review forums (management review, operational review) \
            that evident.yml declares with their cadence. The forum decides where an objective is reviewed \
            and, by default, how often it is measured. A function, objective or review that names an \
            undeclared forum breaks that chain: the auditor cannot see which meeting is accountable for the \
            objective, and a review held in an unknown forum evidences nothing. Every objective is checked, \
            whatever its status. An active objective with no forum (its own or its function's) and no \
            `cadence` of its own has no cadence at all: none of its periods is ever due, so it is never \
            reported for missing values or an overdue review, however long it goes unmeasured. That is \
            reported too, once at the function when the objectives take their forum from a function that \
            names none. An objective with no function, or one evident.yml does not declare, is \
            `levels/unknown-function`'s finding alone: a declared function is what gives it a forum. A \
            forum declared without a cadence is `syntax/config`'s finding, at the forum.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["forum: ops-review": "forum: ↓ops-reveiw"])]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review": "    forum: ↓service-board"])]),
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["forum: ops-review": "forum: ↓mgmt-review"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired", "forum: ops-review": "forum: ↓cab",
            ])]),
            // No cadence anywhere: the objective names neither a forum nor a cadence, and its function
            // names no forum. One finding at the function, for both of its objectives.
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "  - id: incident\n": "  - id: ↓incident\n", "    forum: ops-review\n": "",
                ]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly\n": "", "forum: ops-review\n": ""]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                    "id: OBJ-INC-01": "id: OBJ-INC-02", "cadence: monthly\n": "", "forum: ops-review\n": "",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "cadence: monthly }\n": "cadence: monthly }\n  - { id: mgmt-review, name: Management review, cadence: quarterly }\n",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["forum: ops-review": "forum: mgmt-review"]),
            ]),
            // Its function names no forum, but the objective has a cadence of its own.
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["forum: ops-review\n": ""]),
            ]),
            // Neither a forum nor a cadence of its own: it takes its function's forum, and that forum's cadence.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly\n": "", "forum: ops-review\n": ""])]),
            // Without a declared function to take a forum from: levels/unknown-function's one finding,
            // whose fix gives it a forum.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "function: incident\n": "", "cadence: monthly\n": "", "forum: ops-review\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "function: incident": "function: problem", "cadence: monthly\n": "", "forum: ops-review\n": "",
            ])]),
            // A draft is never due; it is asked for a cadence once it is active.
            RuleExample([
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review\n": ""]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "status: active": "status: draft", "cadence: monthly\n": "", "forum: ops-review\n": "",
                ]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let known = model.configuration.forums.map(\.id.value)
        func isUnknown(_ forum: Located<String>?) -> Located<String>? {
            guard let forum, model.forumsByID[forum.value] == nil else { return nil }
            return forum
        }
        var findings: [Finding] = []
        for f in model.configuration.functions {
            guard let forum = isUnknown(f.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "Function \(codeSpan(f.id.value)) names", known: known),
                                                at: forum.location))
        }
        for o in model.content.objectives {
            guard let forum = isUnknown(o.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "\(codeSpan(o.displayID)) names", known: known,
                                                        unread: model.content.unread.configuration),
                                                at: forum.location, objective: o.idText))
        }
        for r in model.content.reviews {
            guard let forum = isUnknown(r.forum) else { continue }
            findings.append(description.finding(message(forum.value, on: "The review names", known: known,
                                                        unread: model.content.unread.configuration), at: forum.location))
        }
        return findings + withoutCadence(model)
    }

    /// Active objectives with no cadence at all: none of their own and no forum, their own or
    /// their function's, to take one from. A forum that is named has a cadence or a finding of its
    /// own (unknown: above; declared without one, or with an invalid one: while loading). Those whose
    /// declared function names no forum are one finding at the function (one cause, one fix); those
    /// without a declared function are levels/unknown-function's, whose fix gives them a forum.
    static func withoutCadence(_ model: CheckModel) -> [Finding] {
        let unread = model.content.unread
        // Functions and forums evident.yml may declare cannot be known.
        guard !unread.configuration else { return [] }
        var byFunction: [String: [Objective]] = [:]
        for o in model.activeObjectives where o.cadence == nil && model.forum(of: o) == nil {
            if unread.any("cadence", "forum", "function", of: o) { continue }
            guard let function = model.function(of: o) else { continue }
            if unread.field("forum", of: function.location) { continue }
            byFunction[function.id.value, default: []].append(o)
        }
        guard !byFunction.isEmpty else { return [] }
        var findings: [Finding] = []
        var seen: Set<String> = []
        for f in model.configuration.functions where seen.insert(f.id.value).inserted {
            guard let objectives = byFunction[f.id.value] else { continue }
            findings.append(description.finding(withoutCadenceMessage(f, objectives), at: f.id.location))
        }
        return findings
    }

    static func withoutCadenceMessage(_ f: Function, _ objectives: [Objective]) -> String {
        let one = objectives.count == 1
        let ids = Listing.ids(Listing.byID(objectives).map(\.displayID))
        return "Function \(codeSpan(f.id.value)) names no forum, and its active \(one ? "objective" : "objectives") \(ids) \(one ? "names" : "name") neither a `forum` nor a `cadence` of \(one ? "its" : "their") own, so none of \(one ? "its" : "their") periods is ever due and a missing value or review is never reported. Add `forum:` to the function with the forum that reviews \(one ? "it" : "them"), or give \(one ? "the objective" : "each objective") a `forum` or `cadence`."
    }

    static func message(_ forum: String, on subject: String, known: [String], unread: Bool = false) -> String {
        if unread {
            return "\(subject) the forum \(codeSpan(forum)), which cannot be checked: evident.yml could not be read. Fix the problem reported on evident.yml."
        }
        guard !known.isEmpty else {
            return "\(subject) the forum \(codeSpan(forum)), but evident.yml declares no forums; add it under `forums:` with its cadence."
        }
        let hint = Suggest.closest(to: forum, in: known).map { " Did you mean \(codeSpan($0))?" } ?? ""
        return "\(subject) the forum \(codeSpan(forum)), which evident.yml does not declare (\(list(known))).\(hint) Use one of them, or declare it under `forums:` with its cadence."
    }

    /// Known ids for a message: the first ten, then how many more.
    private static func list(_ ids: [String]) -> String { Listing.ids(ids) }
}
