import EvidentModel
import EvidentSupport

/// An active objective, serving a standard that asks objectives to take consultation with workers
/// into account, that does not say where workers were consulted, or names a file that is not there
/// or records a consultation after the as-of date.
enum RequirementsConsultation: Rule {
    static let description = RuleDescription(
        id: "requirements/consultation", name: "Workers consulted", obligation: .requirements, item: .consultation,
        defaultSeverity: .warning,
        summary: "An active objective without `consultation`, or naming a file that does not exist, is dated after the as-of date or does not name the objective (ISO 45001).",
        rationale: """
            ISO 45001 asks that occupational health and safety objectives take into account the results of \
            consultation with workers and their representatives. An auditor of that standard asks to see the \
            consultation: the safety committee's minutes, the briefing where workers commented. An active \
            objective serving ISO 45001 says in `consultation` where it happened: the review or communication \
            file, relative to the content folder (`reviews/hs-committee/2026-03-12.md`), or a sentence when no \
            record in the tree holds it. A value that looks like a path (it ends in `.md`, or is one word: \
            `reviews`, `Yes.` describe no consultation) must name a review or communication the tree has, \
            or the trace leads nowhere; one dated after the as-of date records a consultation that has not \
            taken place yet, which nothing can have taken into account; and one that does not name the \
            objective (in its `objectives`, or a review's decisions or actions; a communication to `all` \
            names every one) records a consultation on other objectives, which is not this one's. \
            Objectives that do not serve ISO 45001 are not checked.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: ↓reviews/2026-11-01.md\n",
                ]),
            ]),
            // The review named is dated 2027-01-12, after the as-of date: the consultation has not happened.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: ↓reviews/2027-01-12.md\n",
                ]),
                "reviews/2027-01-12.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2027-01-12", "id: ACT-1": "id: ACT-2"]),
            ]),
            // The review named is about another objective only: the consultation it records is not on this one.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: ↓reviews/2026-11-03.md\n",
                ]),
                "reviews/2026-11-03.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-11-03", "OBJ-INC-01": "OBJ-CHG-02", "id: ACT-1": "id: ACT-2",
                ]),
            ]),
            // One word describes no consultation.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: ↓Consulted.\n",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: reviews/2026-11-10.md\n",
                ]),
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: The on-call engineers and their representative agreed the rota change at the staff forum of 2026-01-12.\n",
                ]),
            ]),
            // A sentence in a script written without spaces is a sentence, not a path.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso45001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: 当番の技術者とその代表が2026年1月12日の職場会議で当番表の変更に合意した。\n",
                ]),
            ]),
            RuleExample([:]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        var records: [String: Record?]?
        for o in model.activeObjectives where model.asks(.consultation, of: o) {
            guard let consultation = o.consultation else {
                if model.content.unread.any("consultation", of: o) { continue }
                // Named from the tables, as the other rules of SPEC §8 name the standards that ask.
                let asking = model.standards(of: o).filter { $0.has(.consultation) }.map(\.name)
                findings.append(description.finding(
                    "\(codeSpan(o.displayID)) does not say where workers were consulted on it, which \(CheckModel.names(asking)) \(asking.count == 1 ? "asks" : "ask"); name in `consultation` the review or communication file where they were (like `reviews/hs-committee/2026-03-12.md`), or describe the consultation in a sentence.",
                    at: o.location, objective: o.idText))
                continue
            }
            guard let path = path(consultation.value) else { continue }
            if records == nil { records = self.records(model.content) }
            if let record = records?[model.content.display(path)] {
                // A record dated after the as-of date has not happened yet (docs: "Periods and dates").
                if let held = record?.date, held > model.asOf {
                    findings.append(description.finding(
                        "`consultation` of \(codeSpan(o.displayID)) names \(codeSpan(path)), dated \(held), after \(model.asOf): that consultation has not taken place yet, so the objective cannot have taken it into account. Name the record of a consultation already held, or correct the record's date.",
                        at: consultation.location, objective: o.idText))
                } else if let record = record, let id = o.id?.value, !record.names(id) {
                    findings.append(description.finding(
                        "`consultation` of \(codeSpan(o.displayID)) names \(codeSpan(path)), which does not name \(codeSpan(o.displayID)) (in its `objectives`\(record.isReview ? ", decisions or actions" : "")): the consultation it records is on other objectives. Name the record of the consultation on this objective, or list \(codeSpan(o.displayID)) in that record's `objectives`.",
                        at: consultation.location, objective: o.idText))
                }
                continue
            }
            let inside = path.hasPrefix("reviews/") || path.hasPrefix("communications/")
            let why = inside ? "no such review or communication is in the content folder"
                : "it is not a review (reviews/…) or communication (communications/…) of the content folder"
            findings.append(description.finding(
                "`consultation` of \(codeSpan(o.displayID)) names \(codeSpan(path)), but \(why); name the file, relative to the content folder, where workers were consulted, or describe the consultation in a sentence.",
                at: consultation.location, objective: o.idText))
        }
        return findings
    }

    /// The value as a path inside the content folder, when it looks like one: it ends in `.md`, or
    /// is one word (a sentence describing a consultation has more than one, and may say
    /// "and/or"; `OneWord`). A leading `./` is dropped.
    static func path(_ value: String) -> String? {
        let looksLikePath = value.hasSuffix(".md") || OneWord.isOneWord(value)
        guard looksLikePath else { return nil }
        return value.hasPrefix("./") ? String(value.dropFirst(2)) : value
    }

    /// A review or communication as a record of consultation: its date, and whether it names an
    /// objective (nil for a file that could not be read, or whose `objectives` could not be).
    private struct Record {
        var date: Day?
        var isReview: Bool
        var named: Set<String>?
        var coversAll: Bool

        func names(_ id: String) -> Bool { coversAll || named?.contains(id) ?? true }
    }

    /// The display path of every review and communication file, read or not (one that could not
    /// be read exists, and its own finding says what is wrong with it: nil), with what it says.
    private static func records(_ content: ContentSet) -> [String: Record?] {
        var records: [String: Record?] = [:]
        let folders = [content.display("reviews/"), content.display("communications/")]
        for file in content.loadFindings.map(\.location.file) where folders.contains(where: { file.hasPrefix($0) }) {
            records[file] = .some(nil)
        }
        for c in content.communications {
            let unread = content.unread.field("objectives", of: c.location)
            records[c.file] = Record(date: c.date?.value, isReview: false,
                                     named: unread ? nil : Set(c.objectives.map(\.value)), coversAll: c.coversAll)
        }
        for r in content.reviews {
            let unread = ["objectives", "decisions", "actions"].contains { content.unread.field($0, of: r.location) }
            let named = r.objectives.map(\.value) + r.decisions.compactMap(\.objective?.value) + r.actions.compactMap(\.objective?.value)
            records[r.file] = Record(date: r.date?.value, isReview: true, named: unread ? nil : Set(named), coversAll: false)
        }
        return records
    }
}
