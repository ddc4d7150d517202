import EvidentModel
import EvidentSupport

/// A measurement, review, decision, action or communication naming an undeclared objective.
enum MonitoredUnknownObjective: Rule {
    static let description = RuleDescription(
        id: "monitored/unknown-objective", name: "Unknown objective", obligation: .monitored, defaultSeverity: .error,
        summary: "A measurement, review, decision, action or communication naming an undeclared objective.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored and communicated. The evidence of that is the \
            measurements, review minutes and communications that name each objective by its id. A record \
            that names an id no objective declares (a typo, or an objective renamed or never written down) \
            counts for nothing: the objective it meant shows no data or no review, and an auditor tracing \
            the record finds no objective behind it. A measurements file without an `objective` column \
            belongs to the objective it is named after, so its name must be an objective id.
            """,
        triggering: [
            RuleExample(["measurements/incidents.csv": """
                objective,period,value,note,evidence
                ↓OBJ-INC-1,2026-11,3.4,,

                """]),
            // Rows of several objectives in one file: each run of rows is looked up on its own.
            RuleExample(["measurements/mixed.csv": """
                objective,period,value,note,evidence
                OBJ-INC-01,2026-10,3.4,,
                ↓OBJ-X-1,2026-10,3.4,,
                ↓OBJ-X-1,2026-11,3.5,,
                OBJ-INC-01,2026-11,3.4,,
                ↓OBJ-X-2,2026-11,3.5,,

                """]),
            RuleExample(["measurements/OBJ-INC-1.csv": "↓period,value\n2026-11,3.4\n"]),
            RuleExample(["reviews/2026-11-20.md": ExampleTree.edit(ExampleTree.review, [
                "date: 2026-11-10": "date: 2026-11-20",
                "objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, ↓OBJ-CHG-02]",
                "  - objective: OBJ-INC-01\n    decision": "  - objective: ↓OBJ-INC-1\n    decision",
                "    objective: OBJ-INC-01\n    owner": "    objective: ↓OBJ-INC-1\n    owner",
                "id: ACT-1": "id: ACT-2",
            ])]),
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                "objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, ↓OBJ-CHG-02]",
            ])]),
            // `all` in brackets is an id, not "every objective": the message says to drop them.
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                "objectives: [OBJ-INC-01]": "objectives: [↓all]",
            ])]),
            // The id in the objective's file was changed, not the records that name it: the
            // message names that file and the id it declares.
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-2"]),
                         "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                             "objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, ↓OBJ-INC-02]",
                         ])]),
        ],
        nonTriggering: [
            RuleExample(["measurements/incidents.csv": """
                objective,period,value,note,evidence
                OBJ-INC-01,2026-11,3.4,,

                """]),
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                "objectives: [OBJ-INC-01]": "objectives: all",
            ])]),
            // A retired objective is still declared: records about it are not unknown.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: retired"])]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        // Sorted only when there is something to report: every objective's id is in it.
        var sortedKnown: [String]?
        func known() -> [String] {
            if let sortedKnown { return sortedKnown }
            let sorted = model.objectivesByID.keys.sorted()
            sortedKnown = sorted
            return sorted
        }
        // Objective files that could not be read: what they declare is unknown, not missing.
        lazy var unread = unreadObjectiveFiles(model.content)
        // Objective files named after an id other than the one they declare, by that name.
        lazy var misnamed = misnamedObjectiveFiles(model.content.objectives)
        var findings: [Finding] = []
        func check(_ reference: Located<String>, _ what: String, mayMeanAll: Bool = false) {
            guard model.objectivesByID[reference.value] == nil else { return }
            let message = unreadReference(reference.value, unread) ?? misnamedReference(reference.value, misnamed)
                ?? (mayMeanAll && reference.value.lowercased() == "all" ? allInAList(what, reference.value) : nil)
                ?? unknownReference(what, reference.value, known: known())
            findings.append(description.finding(message, at: reference.location))
        }

        // A file without an `objective` column is one finding on the file, not one per row.
        for file in model.content.measurementFiles {
            guard let stem = file.namedObjective, model.objectivesByID[stem] == nil else { continue }
            let message = unreadReference(stem, unread) ?? misnamedReference(stem, misnamed) ?? unknownFileName(stem, known: known())
            findings.append(description.finding(message, at: .wholeFile(file.file)))
        }
        // The files named after an objective, gathered only once a row names an unknown one.
        var namedFiles: Set<String>?
        for run in model.measurementRuns where model.objectivesByID[run.objectiveID] == nil {
            let named = namedFiles ?? Set(model.content.measurementFiles.compactMap { $0.namedObjective == nil ? nil : $0.file })
            namedFiles = named
            guard !named.contains(run.file) else { continue }
            for m in model.rows(of: run) { check(m.objective, "This measurement row") }
        }
        for review in model.content.reviews {
            for item in review.objectives { check(item, "The review's `objectives` list") }
            for d in review.decisions { if let o = d.objective { check(o, "This decision") } }
            for a in review.actions { if let o = a.objective { check(o, "This action") } }
        }
        for c in model.content.communications where !c.coversAll {
            for item in c.objectives { check(item, "This communication", mayMeanAll: true) }
        }
        return findings
    }

    /// The objective files that could not be read (the loader's list: those that do not parse and
    /// objectives saved with another ending), sorted.
    static func unreadObjectiveFiles(_ content: ContentSet) -> [String] {
        Set(content.unread.objectiveFiles).sorted()
    }

    /// The objectives whose file is named after an id other than theirs (`OBJ-OPS-01.md` declaring
    /// `1e3`), by the file's name without `.md`; the first in file order for each name.
    static func misnamedObjectiveFiles(_ objectives: [Objective]) -> [String: Objective] {
        var byName: [String: Objective] = [:]
        for o in objectives {
            guard let id = o.idText, let name = o.file.split(separator: "/").last, name.lowercased().hasSuffix(".md") else { continue }
            let stem = String(name.dropLast(3))
            if stem != id, byName[stem] == nil { byName[stem] = o }
        }
        return byName
    }

    // MARK: messages

    /// The message for `id` when the objective file named after it declares another id: the id
    /// there was changed (or mistyped), not the reference.
    static func misnamedReference(_ id: String, _ misnamed: [String: Objective]) -> String? {
        guard let o = misnamed[id], let declared = o.idText else { return nil }
        // An id that shows as the reference and is not: the character that makes it another.
        if let invisible = InvisibleCharacter.described(in: declared), InvisibleCharacter.removed(from: declared) == id {
            return "\(codeSpan(id)) is not declared: \(codeSpan(o.file)), the file named after it, declares the id with \(invisible), which a copy from another program may bring: the two look alike and differ. Delete the character from the `id` there."
        }
        if LookAlikeLetter.latinised(declared) == LookAlikeLetter.latinised(id), let letter = LookAlikeLetter.described(in: declared, against: id) {
            return "\(codeSpan(id)) is not declared: \(codeSpan(o.file)), the file named after it, declares the id with \(letter): the two look the same and differ. Retype the letter in the `id` there."
        }
        return "\(codeSpan(id)) is not declared: \(codeSpan(o.file)), the file named after it, declares \(codeSpan(declared)). Correct the `id` there, or name \(codeSpan(declared)) here (and rename the file after it)."
    }

    /// The message for `id` while objective files are unread: that file, when one is named after
    /// the id, or the unread files, any of which may declare it; nil when every file was read.
    static func unreadReference(_ id: String, _ unread: [String]) -> String? {
        guard let first = unread.first else { return nil }
        if let named = unread.first(where: { ($0.split(separator: "/").last ?? "") == "\(id).md" }) {
            return "\(codeSpan(id)) cannot be checked: \(codeSpan(named)) could not be read. Fix the problem reported on it."
        }
        let files = unread.count == 1 ? "\(codeSpan(first)) could not be read. Fix the problem reported on it"
            : "\(codeSpan(first)) and \(unread.count - 1) more objective files could not be read. Fix the problems reported on them"
        return "\(codeSpan(id)) cannot be checked: no objective that could be read declares it, and \(files) first."
    }

    /// `objectives: [all]`: a list whose one id is `all`, where `objectives: all` covers every objective.
    static func allInAList(_ what: String, _ id: String) -> String {
        "\(what) names \(codeSpan(id)) in a list, where it is an objective id, and no objective declares it. To cover every objective, write `objectives: all`, without brackets."
    }

    static func unknownReference(_ what: String, _ id: String, known: [String]) -> String {
        "\(what) names \(codeSpan(id)), which no objective declares\(listing(known)).\(hint(id, known)) Correct the id, or add the objective's file under objectives/."
    }

    static func unknownFileName(_ stem: String, known: [String]) -> String {
        "This file has no `objective` column, so its rows belong to the objective it is named after, \(codeSpan(stem)), which no objective declares\(listing(known)).\(hint(stem, known)) Rename the file after an objective id, or add an `objective` column."
    }

    private static func hint(_ id: String, _ known: [String]) -> String {
        // An id that looks right and is not: what it holds that shows as nothing, before a near id.
        if let invisible = InvisibleCharacter.described(in: id) {
            let meant = InvisibleCharacter.removed(from: id)
            return " It holds \(invisible), which a copy from another program may bring; delete it"
                + (known.contains(meant) ? ", and it names \(codeSpan(meant))." : ".")
        }
        if let hint = lookAlikeHint(id, known) { return hint }
        return Suggest.closest(to: id, in: known).map { " Did you mean \(codeSpan($0))?" } ?? ""
    }

    /// For an id that looks the same as a declared one and differs in a Cyrillic or Greek letter
    /// (`LookAlikeLetter`): which letter, and in which of the two. A "did you mean" would name an
    /// id that reads exactly as this one.
    private static func lookAlikeHint(_ id: String, _ known: [String]) -> String? {
        let shape = LookAlikeLetter.latinised(id)
        guard let twin = known.first(where: { $0 != id && LookAlikeLetter.latinised($0) == shape }) else { return nil }
        if let letter = LookAlikeLetter.described(in: id, against: twin) {
            return " It has \(letter): with that letter it names \(codeSpan(twin)), which looks the same."
        }
        guard let letter = LookAlikeLetter.described(in: twin, against: id) else { return nil }
        return " The objective declared as \(codeSpan(twin)) looks the same and has \(letter), so the two ids differ: retype the `id` there, or this one."
    }

    /// " (A, B, C and 4 more)", or a note that there are none.
    private static func listing(_ known: [String]) -> String {
        guard !known.isEmpty else { return " (no objective is declared yet)" }
        return " (\(Listing.ids(known)))"
    }
}
