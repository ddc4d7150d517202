import EvidentModel
import EvidentSupport

/// A policy statement that no active objective references.
enum PolicyUncovered: Rule {
    static let description = RuleDescription(
        id: "policy/uncovered", name: "Policy statement served", obligation: .policy, defaultSeverity: .warning,
        summary: "A statement that no active objective references.",
        rationale: """
            Objectives are how the policy is put into practice (clause 6.2.1 asks for objectives consistent \
            with the policy; clause 5.2 for a policy that provides a framework for setting them). A policy \
            statement that no active objective serves is a commitment nobody measures, and an auditor reading \
            the traceability matrix sees an empty row. Drafts and retired objectives do not count: they do not \
            put anything into practice yet, or any more. Either set an objective for the statement or reword \
            the policy. (A missing policy.md is reported by `policy/trace`.) Where evident.yml names several \
            standards, a statement is covered for each standard it applies to only by an active objective \
            serving that standard: the finding names the standards left without one.
            """,
        triggering: [
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
                  - id: ↓POL-2
                    text: We change services without harming their availability.
                ---
                The policy.
                """])]),
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["  - id: POL-1": "  - id: ↓POL-1"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            ]),
            // POL-1 applies to both standards; the only objective serving it serves 20000-1 alone.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["  - id: POL-1": "  - id: ↓POL-1"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
                      - id: POL-2
                        text: We change services without harming their availability.
                    ---
                    The policy.
                    """]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-2]"]),
            ]),
            RuleExample([:], removing: ["policy.md"]),
            // POL-1 applies to 20000-1 only, which the objective serves.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["    text: We restore": "    standards: [iso20000-1]\n    text: We restore"]),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        guard let policy = model.content.policy else { return [] }
        // An unread objective may be the one that serves a statement (its own finding says why).
        guard model.content.unread.objectivesComplete(for: "policy", in: model.content.objectives) else { return [] }
        // The active objectives serving each statement, in objective order, found in one pass.
        var serving: [String: [Objective]] = [:]
        for o in model.activeObjectives {
            // Each statement once, however often the objective lists it: its few ids sorted and
            // repeats skipped, which is cheaper than hashing them into a set.
            var last: String?
            for id in o.policy.map(\.value).sorted() where id != last {
                serving[id, default: []].append(o)
                last = id
            }
        }
        var findings: [Finding] = []
        for statement in policy.statements {
            let id = statement.id.value
            // A statement that names only standards evident.yml does not configure applies to none
            // (`syntax/config` reports the names).
            let applies = model.standards(of: statement)
            guard !applies.isEmpty else { continue }
            if let serving = serving[id] {
                if let finding = uncoveredForSome(statement, applies: applies, serving: serving, model) { findings.append(finding) }
                continue
            }
            let inactive = Listing.byID(model.content.objectives.filter { !model.isActive($0) && $0.policy.contains { $0.value == id } })
                .map { codeSpan($0.displayID) }
            let named = "policy statement \(codeSpan(id))\(excerpt(statement.text))"
            let why = inactive.isEmpty ? "No active objective serves \(named)"
                : "Only objectives that are not active (\(inactive.joined(separator: ", "))) serve \(named)"
            var finding = description.finding(
                "\(why); set an active objective that lists it in `policy`, or remove the statement from the policy.",
                at: statement.id.location)
            if !statement.standards.isEmpty { finding.standards = applies.map(\.id) }
            findings.append(finding)
        }
        return findings
    }

    /// A statement that active objectives serve, but none serving some standard it applies to
    /// (SPEC §8: a statement is covered per standard): one finding naming those standards.
    private static func uncoveredForSome(_ statement: PolicyStatement, applies: [Standard], serving: [Objective],
                                         _ model: CheckModel) -> Finding? {
        let id = statement.id.value
        let lacking = applies.filter { s in !serving.contains { model.standards(of: $0).contains(s) } }
        guard !lacking.isEmpty else { return nil }
        let them = lacking.count == 1 ? "it" : "them"
        var finding = description.finding(
            "No active objective serving \(CheckModel.names(lacking.map(\.name))) serves policy statement \(codeSpan(id))\(excerpt(statement.text)): those that do (\(Listing.ids(Listing.byID(serving).map(\.displayID)))) serve other standards. Set an objective serving \(them) that lists it in `policy`, or say in the statement's `standards` which standards it applies to.",
            at: statement.id.location)
        finding.standards = lacking.map(\.id)
        return finding
    }

    /// The statement's text, shortened, so the message says which commitment is unmeasured.
    private static func excerpt(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return "" }
        let short = words.count > 10 ? words.prefix(10).joined(separator: " ") + "…" : words.joined(separator: " ")
        return " (\(codeSpan(short)))"
    }
}
