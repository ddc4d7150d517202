import EvidentModel
import EvidentSupport

/// An active objective, serving a standard that asks objectives to take consultation with workers
/// into account, that does not say where workers were consulted, or names a file that is not there
/// or records a consultation after the as-of date.
enum RequirementsConsultation: Rule {
    static let description = RuleDescription(
        id: "requirements/consultation", name: "Workers consulted", obligation: .requirements, item: .consultation,
        defaultSeverity: .warning,
        summary: "An active objective without `consultation`, or naming a file that does not exist or is dated after the as-of date (ISO 45001).",
        rationale: """
            ISO 45001 asks that occupational health and safety objectives take into account the results of \
            consultation with workers and their representatives. An auditor of that standard asks to see the \
            consultation: the safety committee's minutes, the briefing where workers commented. An active \
            objective serving ISO 45001 says in `consultation` where it happened: the review or communication \
            file, relative to the content folder (`reviews/hs-committee/2026-03-12.md`), or a sentence when no \
            record in the tree holds it. A value that looks like a path (it ends in `.md`, or has a `/` and no \
            space) must name a review or communication the tree has, or the trace leads nowhere; and one \
            dated after the as-of date records a consultation that has not taken place yet, which nothing \
            can have taken into account. Objectives that do not serve ISO 45001 are not checked.
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
            RuleExample([:]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        var records: [String: Day?]?
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
            if records == nil { records = recordDates(model.content) }
            if let date = records?[model.content.display(path)] {
                // A record dated after the as-of date has not happened yet (docs: "Periods and dates").
                if let held = date, held > model.asOf {
                    findings.append(description.finding(
                        "`consultation` of \(codeSpan(o.displayID)) names \(codeSpan(path)), dated \(held), after \(model.asOf): that consultation has not taken place yet, so the objective cannot have taken it into account. Name the record of a consultation already held, or correct the record's date.",
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
    /// has a `/` and no white space (a sentence may say "and/or"). A leading `./` is dropped.
    static func path(_ value: String) -> String? {
        let looksLikePath = value.hasSuffix(".md") || (value.contains("/") && !value.contains { $0.isWhitespace })
        guard looksLikePath else { return nil }
        return value.hasPrefix("./") ? String(value.dropFirst(2)) : value
    }

    /// The display path of every review and communication file, read or not (one that could not
    /// be read exists, and its own finding says what is wrong with it), with its date when read.
    private static func recordDates(_ content: ContentSet) -> [String: Day?] {
        var dates: [String: Day?] = [:]
        let folders = [content.display("reviews/"), content.display("communications/")]
        for file in content.loadFindings.map(\.location.file) where folders.contains(where: { file.hasPrefix($0) }) {
            dates[file] = .some(nil)
        }
        for communication in content.communications { dates[communication.file] = .some(communication.date?.value) }
        for review in content.reviews { dates[review.file] = .some(review.date?.value) }
        return dates
    }
}
