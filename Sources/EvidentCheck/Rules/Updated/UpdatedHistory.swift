import EvidentModel

/// An objective's version history that does not hold together.
enum UpdatedHistory: Rule {
    package static let description = RuleDescription(
        id: "updated/history", name: "Version history", obligation: .updated, defaultSeverity: .error,
        summary: "`version` without a history entry, versions not increasing, dates in the future of as-of, or an `approved_on` earlier than the current version's history entry.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate, and an auditor checks that each \
            update is controlled: the version in force can be traced to a history entry that says what \
            changed, why and who approved it. A `version` with no entry for it, entries whose versions go \
            backwards or repeat, an entry for a version newer than the one declared, an entry dated after \
            the as-of date, or an `approved_on` earlier than the entry of the version it approves (the \
            approval cannot precede the change it approved) all mean the record cannot be trusted as \
            evidence of how the objective came to be what it is.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "\nversion: 1": "\nversion: ↓2",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nRationale.": """
                      - version: ↓1
                        date: 2026-03-01
                        change: Wording clarified.
                        reason: Feedback from the service desk.
                        approved_by: Head of Service Management
                    ---
                    Rationale.
                    """,
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    date: 2026-01-15": "    date: ↓2027-01-15",
            ])]),
            // The current version's entry is dated after the approval of that version.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "approved_on: 2026-01-15": "approved_on: ↓2026-01-10",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nRationale.": """
                      - version: ↓2
                        date: 2026-03-01
                        change: Target tightened from 4 h to 3 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management
                    ---
                    Rationale.
                    """,
            ])]),
            // Version 2 applies from a day before version 1 did.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "\nversion: 1": "\nversion: 2",
                "---\nRationale.": """
                      - version: 2
                        date: ↓2026-01-10
                        change: Target tightened from 4 h to 3 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management
                    ---
                    Rationale.
                    """,
            ])]),
        ],
        nonTriggering: [
            // Entries listed newest first, as in the SPEC's example: versions still rise over time.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "\nversion: 1": "\nversion: 2",
                "approved_on: 2026-01-15": "approved_on: 2026-03-01",
                "history:\n": """
                    history:
                      - version: 2
                        date: 2026-03-01
                        change: Target tightened from 4 h to 3 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management

                    """,
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "\nversion: 1": "\nversion: 2",
                "approved_on: 2026-01-15": "approved_on: 2026-03-01",
                "---\nRationale.": """
                      - version: 2
                        date: 2026-03-01
                        change: Target tightened from 4 h to 3 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management
                    ---
                    Rationale.
                    """,
            ])]),
            // Approved on the day of the change, or later.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-01-20"])]),
            // A change approved now may take effect later: only the history `date` must not be in the future.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: 2027-01-01",
            ])]),
        ])

    // Every objective, whatever its status: a retired objective's history is still evidence.
    package static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            let name = o.displayID
            let declared = o.version
            // By position, reading each entry's fields where they are: a loop over the entries
            // would copy each one whole, and the current one again per entry.
            let history = o.history
            // A history whose versions could not all be read may hold the entry (SPEC 4.1 "One cause, one finding").
            let unread = model.content.unread.any("history", of: o)
                || history.indices.contains { model.content.unread.field("version", of: history[$0].location) }
            if let declared, !unread, !history.indices.contains(where: { history[$0].version?.value == declared.value }) {
                findings.append(description.finding(
                    "\(name) is at version \(declared.value) but its `history` has no entry for version \(declared.value); add one with `version`, `date`, `change`, `reason` and `approved_by`.",
                    at: declared.location, objective: o.idText))
            }
            let current = o.currentEntryIndex
            for index in history.indices {
                if let v = history[index].version, let declared, v.value > declared.value {
                    findings.append(description.finding(
                        "\(name) has a history entry for version \(v.value), newer than its `version: \(declared.value)`; set `version` to the latest entry, or correct the entry's version.",
                        at: v.location, objective: o.idText))
                }
                // The current version's entry only (a future date is its own finding, below).
                if index == current, let date = history[index].date, let approved = o.approvedOn,
                   date.value <= model.asOf, approved.value < date.value {
                    findings.append(description.finding(
                        "\(name) says it was approved on \(approved.value), before the change of its version \(declared?.value ?? 0) dated \(date.value); an approval cannot precede what it approves. Correct `approved_on` or the entry's `date`.",
                        at: approved.location, objective: o.idText))
                }
                if let date = history[index].date, date.value > model.asOf {
                    findings.append(description.finding(
                        "History entry of \(name) is dated \(date.value), after \(model.asOf); a change is recorded on the day it was approved, so correct the date (use `effective` for a change that takes effect later).",
                        at: date.location, objective: o.idText))
                }
            }
            // Versions rise over time whatever order the file lists them in (SPEC 2.4's example
            // lists them newest first): checked in version order, file order on ties.
            let versioned = history.indices.compactMap { i in history[i].version.map { (version: $0.value, index: i) } }
                .sorted { ($0.version, $0.index) < ($1.version, $1.index) }
            for (earlier, later) in zip(versioned, versioned.dropFirst()) {
                let entry = history[later.index]
                if later.version == earlier.version {
                    findings.append(description.finding(
                        "\(name) has two history entries for version \(later.version); give each change a version of its own, higher than the one before.",
                        at: entry.version?.location ?? entry.location, objective: o.idText))
                } else if let since = entry.since, let before = history[earlier.index].since, since < before {
                    findings.append(description.finding(
                        "History entry version \(later.version) of \(name) applies from \(since), before version \(earlier.version) (from \(before)); a higher version cannot apply earlier, so correct the versions or the dates.",
                        at: (entry.effective ?? entry.date)?.location ?? entry.location, objective: o.idText))
                }
            }
        }
        return findings
    }
}
