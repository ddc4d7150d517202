import EvidentModel
import EvidentSupport

/// An objective's version history that does not hold together.
enum UpdatedHistory: Rule {
    package static let description = RuleDescription(
        id: "updated/history", name: "Version history", obligation: .updated, defaultSeverity: .error,
        summary: "`version` without a history entry, an entry without its version, date, change, reason or approver, versions not increasing, dates in the future of as-of, an `approved_on` earlier than the current version's history entry, or history thresholds that are not the objective's own.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate, and an auditor checks that each \
            update is controlled: the version in force can be traced to a history entry that says what \
            changed, why and who approved it. A `version` with no entry for it, an entry that does not say \
            its `version`, `date`, `change`, `reason` and `approved_by`, entries whose versions go \
            backwards or repeat, an entry for a version newer than the one declared, an entry dated after \
            the as-of date, or an `approved_on` earlier than the entry of the version it approves (the \
            approval cannot precede the change it approved) all mean the record cannot be trusted as \
            evidence of how the objective came to be what it is. The thresholds the history gives are the \
            ones values are judged against (SPEC 4.1, period-correct judgement): the latest entry that gives \
            a `target` sets them for every period from its effective date on, so its `target` and \
            `tolerance` must be the objective's own. Otherwise the register shows one target while the \
            values since that entry are judged against another, and a result can read "on target" against \
            a target the objective no longer states.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
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
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
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
            // The history's latest thresholds (version 1, `<= 8 h`) are not the objective's (`<= 4 h`):
            // a value of 7.5 h would read on target against a target the objective does not state.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: ↓\"<= 8 h\"\n    tolerance: \"<= 10 h\"\n---",
            ])]),
            // Version 2 changed the target without recording it; version 1's entry still gives `<= 8 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "\nversion: 1": "\nversion: 2",
                "approved_on: 2026-01-15": "approved_on: 2026-06-01",
                "    approved_by: Head of Service Management\n---": """
                        approved_by: Head of Service Management
                        target: ↓"<= 8 h"
                        tolerance: "<= 10 h"
                      - version: 2
                        date: 2026-06-01
                        change: Wording clarified.
                        reason: Feedback from the service desk.
                        approved_by: Head of Service Management
                    ---
                    """,
            ])]),
            // An entry that does not say why the change was made, nor who approved it.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n":
                    "  - ↓version: 1\n    date: 2026-01-15\n    change: First version.\n",
            ])]),
        ],
        nonTriggering: [
            // The current version's entry gives the objective's own thresholds (`<= 4` is `<= 4 h`).
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: \"<= 4\"\n    tolerance: \"<= 6 h\"\n---",
            ])]),
            // Entries listed newest first, as in the SPEC's example: versions still rise over time.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<= 3 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
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
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
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
                // An entry is a record of a change only with all five; the list is made only for one
                // that lacks some. A field that could not be read is `syntax/type`'s finding.
                if history[index].version == nil || history[index].date == nil || history[index].change == nil
                    || history[index].reason == nil || history[index].approvedBy == nil {
                    let entry = history[index]
                    let absent = [("version", entry.version == nil), ("date", entry.date == nil), ("change", entry.change == nil),
                                  ("reason", entry.reason == nil), ("approved_by", entry.approvedBy == nil)]
                        .filter { $0.1 && !model.content.unread.field($0.0, of: entry.location) }.map { "\(codeSpan($0.0))" }
                    if !absent.isEmpty {
                        let which = entry.version.map { "History entry version \($0.value)" } ?? "A history entry"
                        findings.append(description.finding(
                            "\(which) of \(name) has no \(CheckModel.names(absent)); a change is on record when it says its version, when it was approved, what changed, why and who approved it.",
                            at: entry.location, objective: o.idText))
                    }
                }
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
            if let finding = thresholdsDiffer(o, model) { findings.append(finding) }
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

    /// The history's latest thresholds against the objective's own: the entry that gives a `target`
    /// and applies last judges every value from its effective date on (`CheckModel.judgements`), so
    /// they must be the same, in comparator and number (units are `measurable/unit`'s). Nothing is
    /// compared when either side cannot be read (its own finding), or for an entry newer than the
    /// declared version (reported above).
    private static func thresholdsDiffer(_ o: Objective, _ model: CheckModel) -> Finding? {
        guard let target = model.target(of: o), o.tolerance == nil || model.tolerance(of: o) != nil,
              let last = model.judgements(of: o).steps.last, let index = last.entry, let since = last.since,
              let lastTarget = last.target, o.history.indices.contains(index) else { return nil }
        let entry = o.history[index]
        if let v = entry.version?.value, let declared = o.version?.value, v > declared { return nil }
        let entryTolerance = last.tolerance
        if entry.tolerance != nil && entryTolerance == nil { return nil }
        func same(_ a: Threshold?, _ b: Threshold?) -> Bool {
            a?.comparator == b?.comparator && a?.number == b?.number
        }
        let tolerance = model.tolerance(of: o)
        let targetDiffers = !same(lastTarget, target)
        guard targetDiffers || !same(entryTolerance, tolerance) else { return nil }
        func text(_ t: Threshold, _ tol: Threshold?) -> String { "\(codeSpan(t))" + (tol.map { ", tolerance \(codeSpan($0))" } ?? ", no tolerance") }
        let which = entry.version.map { "version \($0.value)" } ?? "an entry"
        return description.finding(
            "The history of \(o.displayID) sets \(text(lastTarget, entryTolerance)) (\(which), from \(since)), but the objective states \(text(target, tolerance)): every value from \(since) on is judged against the history's, not the thresholds the register shows. Give the entry of the version that changed them its `target` and `tolerance`, or correct the objective's.",
            at: (targetDiffers ? entry.target : entry.tolerance)?.location ?? entry.location, objective: o.idText)
    }
}
