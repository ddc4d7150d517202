import EvidentModel
import EvidentSupport

/// An objective without id, title or statement; and an objective set that establishes no objective
/// at all, or none for a standard it serves.
enum EstablishedRequired: Rule {
    static let description = RuleDescription(
        id: "established/required", name: "Objective identity", obligation: .established, defaultSeverity: .error,
        summary: "An objective without id, title or statement; no active objective at all, or none serving a configured standard.",
        rationale: """
            Clause 6.2.1 asks that objectives be established: written down, identifiable and stated. An \
            objective without an id cannot be referenced by measurements, reviews or communications; one \
            without a title or statement does not say what the organisation commits to. An objective set \
            with no active objective establishes none: every function excluded, no policy statement or \
            requirement left to serve, only drafts or retired objectives. Every other rule then has nothing \
            to judge and would pass it, so it is reported here, at evident.yml, and the readiness reports \
            say "not assessed" where there is nothing to judge. Likewise a standard evident.yml names in \
            `standards` that no active objective serves is reported at its id: its clause 6.2 has no \
            objective at all.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "statement: Restore service for priority-1 incidents within 4 hours.\n": "",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\n",
            ])]),
            // Only a draft: nothing is established yet. The finding is on evident.yml's first line.
            RuleExample([
                "evident.yml": "↓" + ExampleTree.configuration,
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            ]),
            // No objective file at all.
            RuleExample(["evident.yml": "↓" + ExampleTree.configuration], removing: ["objectives/OBJ-INC-01.md"]),
            // ISO/IEC 27001 is configured, but the only objective serves ISO/IEC 20000-1 alone.
            RuleExample([
                "evident.yml": ExampleTree.configuration + "standards: [iso20000-1, ↓iso27001]\n",
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]),
            ]),
        ],
        nonTriggering: [
            RuleExample([:]),
            // One active objective among drafts and retired ones establishes the set.
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                "id: OBJ-INC-01": "id: OBJ-INC-02", "status: active": "status: draft",
            ])]),
            // An objective file that cannot be read may be the active one: its own finding says why.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
                "objectives/OBJ-INC-02.md": "---\nid: OBJ-INC-02\ntitle: [unclosed\n---\n",
            ]),
        ])

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            // The list is made only for an objective that lacks one: most have all three.
            guard o.id.isAbsent || o.title.isAbsent || o.statement.isAbsent else { continue }
            let missing = [("id", o.id.isAbsent), ("title", o.title.isAbsent), ("statement", o.statement.isAbsent)]
                .filter { $0.1 && !model.content.unread.any($0.0, of: o) }.map { "\(codeSpan($0.0))" }
            guard !missing.isEmpty else { continue }
            findings.append(description.finding(
                "The objective has no \(missing.joined(separator: ", ")); every objective needs an id (like OBJ-INC-01), a title and a one-sentence statement.",
                at: o.location, objective: o.idText))
        }
        return findings + unestablished(model)
    }

    /// No active objective at all, at evident.yml's first line; else each configured standard that
    /// no active objective serves, at its id in `standards`. While an objective file, or the
    /// `status` or `standards` of one, is unread, that objective may be the one: nothing is said.
    static func unestablished(_ model: CheckModel) -> [Finding] {
        let content = model.content
        guard content.unread.objectivesComplete(for: "status", in: content.objectives) else { return [] }
        let configuration = model.configuration
        guard !model.activeObjectives.isEmpty else {
            return [description.finding(noActiveMessage(content.objectives, asOf: model.asOf), at: .wholeFile(configuration.file))]
        }
        let standards = model.standards
        guard standards.count > 1, content.unread.objectivesComplete(for: "standards", in: content.objectives) else { return [] }
        var served: Set<String> = []
        for o in model.activeObjectives {
            for s in model.standards(of: o) { served.insert(s.id) }
            if served.count == standards.count { return [] }
        }
        return standards.filter { !served.contains($0.id) }.map { s in
            var finding = description.finding(
                "No active objective serves \(s.name), which `standards` names, so its clause 6.2 has no objective to judge. Let an objective serve it (leave out the objective's `standards`, or name \(codeSpan(s.id)) in it), or take \(codeSpan(s.id)) out of `standards`.",
                at: configuration.standardLocations[s.id] ?? configuration.standardsLocation ?? .wholeFile(configuration.file))
            finding.standards = [s.id]
            return finding
        }
    }

    /// Counts the objectives by their status as of `asOf`: an active one that had not begun by
    /// then (`Objective.hasBegun(asOf:)`) is counted on its own, since it is no draft as written.
    static func noActiveMessage(_ objectives: [Objective], asOf: Day) -> String {
        let why = "Clause 6.2 asks that objectives be established, and with none in force no other rule has anything to judge."
        guard !objectives.isEmpty else {
            return "There is no objective: no file under objectives/ declares one. \(why) Add an objective file under objectives/ for each objective at the relevant functions and levels."
        }
        let later = objectives.count { $0.currentStatus == .active }
        let drafts = objectives.count { $0.currentStatus == .draft }, retired = objectives.count - drafts - later
        let counts = [(drafts, "draft"), (retired, "retired"), (later, "approved after the as-of date \(asOf)")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        return "No objective is active (\(counts)). \(why) Set `status: active` on the objectives in force once they are approved, or add an active objective under objectives/."
    }
}
