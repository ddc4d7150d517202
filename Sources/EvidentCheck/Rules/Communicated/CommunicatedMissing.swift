import EvidentModel
import EvidentSupport

/// An active objective whose current version has not been communicated.
enum CommunicatedMissing: Rule {
    static let description = RuleDescription(
        id: "communicated/missing", name: "Objective not communicated", obligation: .communicated,
        defaultSeverity: .warning,
        summary: "An active objective whose current version has no communication dated on or after the version's approval (the later of `approved_on` and the date of the current version's history entry).",
        rationale: """
            Clause 6.2.1 asks that objectives be communicated: the people who work towards an objective \
            must know it, and must know it as it stands now. An auditor asks for the evidence: an intranet \
            post, an e-mail, a briefing, dated after the version in force was approved. A communication \
            made before the last approval announced an earlier version, so it does not count. The evidence \
            is a file in `communications/` that lists the objective, or says `objectives: all`, dated on \
            or after the version's approval: the later of `approved_on` and the date of the current \
            version's history entry, so that a communication sent before the current version existed \
            does not count. Nor does one that does not say to whom it was made (no `audience`, which \
            `syntax/type` asks for): it shows no one was told, and the finding names the latest such \
            communication. Drafts and retired objectives need none, nor does a version whose approval is \
            dated after the as-of date: it is not in force yet (`established/approval` reports the date). \
            When an earlier version is in force that day, that version needed communicating, from its \
            history entry's date.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": version2(approvedOn: "↓2026-06-01")]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "approved_on: 2026-01-15\n": "",
                "    date: 2026-01-15\n": "",
            ])], removing: ["communications/2026-01-20.md"]),
            // Version 2's history entry is dated after `approved_on`: the communication came before the version existed.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "\nversion: 1": "\nversion: 2",
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
                "---\nRationale.": """
                      - version: 2
                        date: ↓2026-03-01
                        change: Target tightened from 4 h to 3 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management
                    ---
                    Rationale.
                    """,
            ])]),
            RuleExample(["communications/2026-01-20.md": ExampleTree.communication.replacingOccurrences(
                of: "date: 2026-01-20", with: "date: 2026-01-10"),
                         "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                             "approved_on: 2026-01-15": "approved_on: ↓2026-01-15",
                         ])]),
            // A communication that does not say to whom it was made (`syntax/type`) shows no one was told.
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["audience: All service desk staff\n": ""]),
                         "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                             "approved_on: 2026-01-15": "approved_on: ↓2026-01-15",
                         ])]),
            // A communication dated after the as-of date is not evidence yet.
            RuleExample(["communications/2026-01-20.md": ExampleTree.communication.replacingOccurrences(
                of: "date: 2026-01-20", with: "date: 2026-12-01"),
                         "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                             "approved_on: 2026-01-15": "approved_on: ↓2026-01-15",
                         ])]),
            // Version 3 is approved after the as-of date (2026-11-29); version 2, approved on 2026-06-01,
            // is in force that day, and the communication of 2026-01-20 announced version 1.
            RuleExample(["objectives/OBJ-INC-01.md": version3(version2On: "↓2026-06-01")]),
        ],
        nonTriggering: [
            RuleExample([
                "objectives/OBJ-INC-01.md": version2(approvedOn: "2026-06-01"),
                "communications/2026-06-03.md": """
                    ---
                    date: 2026-06-03
                    channel: email
                    audience: Incident management team
                    objectives: [OBJ-INC-01]
                    ---
                    Announced version 2: P1 restoration within 3 hours.

                    """,
            ]),
            // Communicated on the day it was approved, to everyone.
            RuleExample([
                "objectives/OBJ-INC-01.md": version2(approvedOn: "2026-06-01"),
                "communications/2026-06-01.md": """
                    ---
                    date: 2026-06-01
                    channel: meeting
                    audience: All staff
                    objectives: all
                    ---
                    Town hall: the objectives for the second half year.

                    """,
            ]),
            // Version 2 is approved after the as-of date (2026-11-29): not in force yet, so nothing to
            // communicate yet (`updated/history` reports its entry's date). Version 1, in force that
            // day, was communicated on 2026-01-20.
            RuleExample(["objectives/OBJ-INC-01.md": version2(approvedOn: "2026-12-10")]),
            // Approved after the as-of date with no version before it: nothing to communicate yet;
            // `established/approval` reports the date.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-12-10"])],
                        removing: ["communications/2026-01-20.md"]),
            // An audience that is a placeholder is `syntax/type`'s one finding, at the value: the
            // communication still counts.
            RuleExample(["communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["audience: All service desk staff": "audience: TBD"])]),
            // Version 2, in force on the as-of date while version 3 is approved later, was communicated.
            RuleExample([
                "objectives/OBJ-INC-01.md": version3(version2On: "2026-06-01"),
                "communications/2026-06-03.md": ExampleTree.edit(ExampleTree.communication, ["date: 2026-01-20": "date: 2026-06-03"]),
            ]),
            // A draft is not yet in force, so there is nothing to communicate.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"])],
                        removing: ["communications/2026-01-20.md"]),
        ])

    /// The base objective as version 3, approved on 2026-12-10 (after the as-of date), with version
    /// 2's entry dated `version2On`.
    private static func version3(version2On: String) -> String {
        ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 3",
            "approved_on: 2026-01-15": "approved_on: 2026-12-10",
            "---\nRationale.": """
                  - version: 2
                    date: \(version2On)
                    change: Scope narrowed to the payments platform.
                    reason: Contract renewal.
                    approved_by: Head of Service Management
                  - version: 3
                    date: 2026-12-10
                    change: Scope widened again.
                    reason: New service.
                    approved_by: Head of Service Management
                ---
                Rationale.
                """,
        ])
    }

    /// The base objective as version 2, approved on `approvedOn`, with its history entry.
    private static func version2(approvedOn: String) -> String {
        let day = approvedOn.filter { $0 != RuleExample.marker }
        return ExampleTree.objective(replacing: [
            "target: \"<= 4 h\"": "target: \"<= 3 h\"",
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15": "approved_on: \(approvedOn)",
            "effective: 2026-02-01": "effective: \(day)",
            "---\nRationale.": """
                  - version: 2
                    date: \(day)
                    change: Target tightened from 4 h to 3 h.
                    reason: Contract renewal.
                    approved_by: Head of Service Management
                ---
                Rationale.
                """,
        ])
    }

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.activeObjectives {
            guard let id = o.idText else { continue }
            // A version approved after the as-of date is not in force yet: like a draft, it has
            // nothing to communicate (its date is the one finding, SPEC 4.1 "One cause, one finding").
            if model.approvalIsPending(o) { continue }
            // A communication dated after the as-of date has not happened yet as of it.
            let made = model.communications(of: id).filter { ($0.date?.value).map { $0 <= model.asOf } ?? true }
            // One that names no audience shows no one was told (`syntax/type` asks for the audience).
            let covering = made.filter { model.namesAudience($0) }
            // A communication whose date could not be read may be the one (SPEC 4.1 "One cause, one finding").
            if covering.contains(where: { model.content.unread.field("date", of: $0.location) }) { continue }
            if let (approved, earlier) = model.approvalInForce(of: o) {
                // Only a communication of the version in force on the as-of date counts.
                let since: (Communication) -> Bool = { ($0.date?.value).map { $0 >= approved } ?? false }
                if covering.contains(where: since) { continue }
                // At an earlier version's entry when it is the one in force; else at `approved_on`
                // when it is the later date, else at the current version's entry.
                let place = earlier?.date?.location ?? o.approvedOn.flatMap { $0.value == approved ? $0.location : nil }
                    ?? o.currentEntry?.date?.location ?? o.location
                let which = earlier.map { entry in
                    (entry.version.map { "Version \($0.value) of " } ?? "The version of ") + "\(codeSpan(id)), in force on the as-of date,"
                } ?? codeSpan(id)
                findings.append(description.finding(
                    "\(which) was approved on \(approved) and has not been communicated since; add a file in communications/ dated on or after \(approved) that lists \(codeSpan(id)) (or says `objectives: all`).\(withoutAudience(made.filter(since)))",
                    at: place, objective: id))
            } else {
                // Without an approval date (`established/approval` reports it) any communication counts.
                if !covering.isEmpty { continue }
                findings.append(description.finding(
                    "\(codeSpan(id)) has never been communicated; add a file in communications/ that lists \(codeSpan(id)) (or says `objectives: all`) with the date, channel and audience.\(withoutAudience(made))",
                    at: o.location, objective: id))
            }
        }
        return findings
    }

    /// Names the communication that would count but names no audience, which is why it does not:
    /// the latest (of one day, the first by path), wherever the files lie.
    static func withoutAudience(_ communications: [Communication]) -> String {
        let latest = communications.min { a, b in
            let (x, y) = (a.date?.value, b.date?.value)
            return x != y ? (x.map { d in y.map { d > $0 } ?? true } ?? false) : a.file < b.file
        }
        guard let latest else { return "" }
        return " \(codeSpan(latest.file)) would count, but names no `audience`: add to whom it was communicated."
    }
}
