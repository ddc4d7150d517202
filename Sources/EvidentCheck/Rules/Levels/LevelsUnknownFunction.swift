import EvidentModel
import EvidentSupport

/// An objective whose function is not declared in `evident.yml`, or that names no function.
enum LevelsUnknownFunction: Rule {
    static let description = RuleDescription(
        id: "levels/unknown-function", name: "Declared function", obligation: .levels, defaultSeverity: .error,
        summary: "An objective whose function is not declared.",
        rationale: """
            Clause 6.2.1 asks for objectives at relevant functions and levels. The `functions` table of \
            evident.yml is that mapping: each function has a level, an owner and a forum, and an objective \
            is placed on it through `function`. An objective that names an undeclared function, or none, has \
            no level, so an auditor cannot see where in the organisation it applies, and coverage of the \
            functions cannot be shown. An unknown name is reported for every objective whatever its status; \
            a missing `function` only for active and draft objectives, as a retired one is a record.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["function: incident": "function: ↓incidnet"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "function: incident\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired",
                "function: incident": "function: ↓fax-gateway",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired",
                "function: incident\n": "",
            ])]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        // Listed once there is something to report.
        lazy var known = model.configuration.functions.map(\.id.value)
        var findings: [Finding] = []
        for o in model.content.objectives {
            if let function = o.function {
                guard !model.functionsByID.keys.contains(function.value) else { continue }
                let message = model.content.unread.configuration ? unreadable(function.value) : unknown(function.value, known: known)
                findings.append(description.finding(message, at: function.location, objective: o.idText))
            } else if model.status(of: o) != .retired, !model.content.unread.any("function", of: o) {
                findings.append(description.finding(missing(o.displayID, known: known), at: o.location, objective: o.idText))
            }
        }
        return findings
    }

    static func unknown(_ name: String, known: [String]) -> String {
        guard !known.isEmpty else {
            return "\(codeSpan(name)) is not a function: evident.yml declares none. Add it under `functions:` with its level, owner and forum."
        }
        let hint = Suggest.closest(to: name, in: known).map { " Did you mean \(codeSpan($0))?" } ?? ""
        return "\(codeSpan(name)) is not a function declared in evident.yml (\(list(known))).\(hint) Use one of them, or declare it under `functions:` with its level, owner and forum."
    }

    static func unreadable(_ name: String) -> String {
        "\(codeSpan(name)) cannot be checked: evident.yml could not be read. Fix the problem reported on evident.yml."
    }

    static func missing(_ objective: String, known: [String]) -> String {
        let choices = known.isEmpty ? "declare one under `functions:` in evident.yml" : "one of \(list(known))"
        return "\(codeSpan(objective)) has no `function`; name the function it is set for (\(choices)), which gives it a level, a default owner and a forum."
    }

    /// Known ids for a message: the first ten, then how many more.
    private static func list(_ ids: [String]) -> String { Listing.ids(ids) }
}
