import EvidentModel
import EvidentSupport

/// An objective's version history that does not hold together.
enum UpdatedHistory: Rule {
    static let description = RuleDescription(
        id: "updated/history", name: "Version history", obligation: .updated, defaultSeverity: .error,
        summary: "`version` without a history entry, an entry without its version, date, change, reason or approver, a tolerance without a target, versions not increasing, dates in the future of as-of, an `approved_on` earlier than the current version's history entry, an entry that takes effect before the period in which it was approved, an objective `effective` later than its current version's entry, or history thresholds that are not the objective's own or (warning) not yet in force for values judged against them.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate, and an auditor checks that each \
            update is controlled: the version in force can be traced to a history entry that says what \
            changed, why and who approved it. A `version` with no entry for it, an entry that does not say \
            its `version`, `date`, `change`, `reason` and `approved_by`, entries whose versions go \
            backwards or repeat (a higher version dated, or applying, before a lower one), an entry for \
            a version newer than the one declared, an entry that gives a `tolerance` without the `target` \
            it bands (it would judge nothing), an entry dated after \
            the as-of date, or an `approved_on` earlier than the entry of the version it approves (the \
            approval cannot precede the change it approved) all mean the record cannot be trusted as \
            evidence of how the objective came to be what it is. The thresholds the history gives are the \
            ones values are judged against (SPEC 4.1, period-correct judgement): the latest entry that gives \
            a `target` sets them for every period from its effective date on, so its `target` and \
            `tolerance` must be the objective's own. Otherwise the register shows one target while the \
            values since that entry are judged against another, and a result can read "on target" against \
            a target the objective no longer states. For the same reason a change takes effect no earlier \
            than the start of the period (of the objective's cadence) in which it was approved: an entry \
            whose `effective` reaches back into periods that had already ended rejudges results measured \
            under the version then in force, and a relaxed target would turn past misses green. The entry \
            of the current version also says from when its thresholds judge values, so an objective whose \
            `effective` is later says otherwise about the periods between: they would be judged against \
            thresholds the objective says were not yet in force. And where \
            no entry gives the `target` in force for a value's period, the value is judged against the \
            current thresholds, which the history dates from later: a warning at the entry then in force, \
            to give it the `target` and `tolerance` of its time (the same ones if they did not change).
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
            // A tolerance without its target: the entry's thresholds would judge no value.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    tolerance: ↓\"<= 6 h\"\n---",
            ])]),
            // Version 2 applies after version 1 but is dated before it: approved before the version it follows.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "\nversion: 1": "\nversion: 2",
                "---\nRationale.": """
                      - version: 2
                        date: ↓2026-01-10
                        effective: 2026-03-01
                        change: Wording clarified.
                        reason: Feedback from the service desk.
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
            // The same past a Double's digits: a value of 4.000000000000000000005 h meets the
            // history's target and misses the objective's.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: ↓\"<= 4.00000000000000000001 h\"\n    tolerance: \"<= 6 h\"\n---",
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
            // Version 2, approved on 2026-11-05, relaxes the target from February on: the months
            // already measured against `<= 4 h` would be judged again against `<= 8 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 8 hours.",
                "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"": "target: \"<= 8 h\"\ntolerance: \"<= 10 h\"",
                "\nversion: 1": "\nversion: 2",
                "approved_on: 2026-01-15": "approved_on: 2026-11-05",
                "history:\n": """
                    history:
                      - version: 2
                        date: 2026-11-05
                        effective: ↓2026-02-01
                        change: Target relaxed from 4 h to 8 h.
                        reason: Results since February.
                        approved_by: Head of Service Management
                        target: "<= 8 h"
                        tolerance: "<= 10 h"

                    """,
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n---",
            ])]),
            // Version 2's `<= 2 h` applies from 2027-01-01, and version 1 gives no target: February
            // to October would be judged against a target not yet in force (a warning).
            RuleExample(["objectives/OBJ-INC-01.md": tightenedFrom2027(version1Thresholds: "", marking: true)]),
            // Quarterly from July, version 2's `<= 3 h` from September, version 1 with no target: the
            // third quarter's value is August's row, judged on 31 August, before version 2 applied.
            RuleExample([
                "objectives/OBJ-INC-01.md": quarterlyTightenedInSeptember,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,\n": ""]),
            ]),
            // The objective says version 2 applies from July; its entry, dated 2026-06-10, from that
            // day: June would be judged against `<= 4 h` rather than version 1's `<= 6 h`.
            RuleExample(["objectives/OBJ-INC-01.md": tightenedInJune(objectiveDates: "approved_on: 2026-06-10\neffective: ↓2026-07-01")]),
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
            // Approved in mid-January for the whole of January: the month had not ended.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: 2026-01-01",
                "    date: 2026-01-15\n": "    date: 2026-01-15\n    effective: 2026-01-01\n",
            ])]),
            // Version 1 gives the thresholds of its time, so every value has its own.
            RuleExample(["objectives/OBJ-INC-01.md": tightenedFrom2027(version1Thresholds: "\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"", marking: false)]),
            // The objective's `effective` is its first start, earlier than version 2's entry: no contradiction.
            RuleExample(["objectives/OBJ-INC-01.md": tightenedInJune(objectiveDates: "approved_on: 2026-06-10\neffective: 2026-02-01")]),
            // A change approved now may take effect later: only the history `date` must not be in the future.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: 2027-01-01",
            ])]),
        ])

    // Every objective, whatever its status: a retired objective's history is still evidence.
    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            // Made only for a finding: nearly every objective has none.
            func name() -> String { codeSpan(o.displayID) }
            let declared = o.version
            // By position, reading each entry's fields where they are: a loop over the entries
            // would copy each one whole, and the current one again per entry.
            let history = o.history
            // A history whose versions could not all be read may hold the entry (SPEC 4.1 "One cause, one finding").
            let unread = model.content.unread.any("history", of: o)
                || history.indices.contains { model.content.unread.field("version", of: history[$0].location) }
            if let declared, !unread, !history.indices.contains(where: { history[$0].version?.value == declared.value }) {
                findings.append(description.finding(
                    "\(name()) is at version \(declared.value) but its `history` has no entry for version \(declared.value); add one with `version`, `date`, `change`, `reason` and `approved_by`.",
                    at: declared.location, objective: o.idText))
            }
            let current = o.currentEntryIndex
            for index in history.indices {
                // An entry is a record of a change only with all five; the list is made only for one
                // that lacks some. A field that could not be read is `syntax/type`'s finding.
                if history[index].version.isAbsent || history[index].date.isAbsent || history[index].change.isAbsent
                    || history[index].reason.isAbsent || history[index].approvedBy.isAbsent {
                    let entry = history[index]
                    let absent = [("version", entry.version.isAbsent), ("date", entry.date.isAbsent), ("change", entry.change.isAbsent),
                                  ("reason", entry.reason.isAbsent), ("approved_by", entry.approvedBy.isAbsent)]
                        .filter { $0.1 && !model.content.unread.field($0.0, of: entry.location) }.map { "\(codeSpan($0.0))" }
                    if !absent.isEmpty {
                        let which = entry.version.map { "History entry version \($0.value)" } ?? "A history entry"
                        findings.append(description.finding(
                            "\(which) of \(name()) has no \(CheckModel.names(absent)); a change is on record when it says its version, when it was approved, what changed, why and who approved it.",
                            at: entry.location, objective: o.idText))
                    }
                }
                // A tolerance is a band beside its target: alone, it would be dropped unseen.
                if let tolerance = history[index].tolerance, history[index].target.isAbsent,
                   !model.content.unread.field("target", of: history[index].location) {
                    let which = history[index].version.map { "History entry version \($0.value)" } ?? "A history entry"
                    findings.append(description.finding(
                        "\(which) of \(name()) gives a `tolerance` but no `target`: a tolerance is judged only beside its target, so this entry's thresholds judge no value. Give it the `target` of that version too (the same one if it did not change).",
                        at: tolerance.location, objective: o.idText))
                }
                if let v = history[index].version, let declared, v.value > declared.value {
                    findings.append(description.finding(
                        "\(name()) has a history entry for version \(v.value), newer than its `version: \(declared.value)`; set `version` to the latest entry, or correct the entry's version.",
                        at: v.location, objective: o.idText))
                }
                // The current version's entry only (a future date is its own finding, below).
                if index == current, let date = history[index].date, let approved = o.approvedOn,
                   date.value <= model.asOf, approved.value < date.value {
                    findings.append(description.finding(
                        "\(name()) says it was approved on \(approved.value), before the change of its version \(declared?.value ?? 0) dated \(date.value); an approval cannot precede what it approves. Correct `approved_on` or the entry's `date`.",
                        at: approved.location, objective: o.idText))
                }
                if let date = history[index].date, date.value > model.asOf {
                    findings.append(description.finding(
                        "History entry of \(name()) is dated \(date.value), after \(model.asOf); a change is recorded on the day it was approved, so correct the date (use `effective` for a change that takes effect later).",
                        at: date.location, objective: o.idText))
                }
            }
            if let finding = thresholdsDiffer(o, model) {
                findings.append(finding)
            } else if let finding = thresholdsNotYetInForce(o, model) {
                findings.append(finding)
            }
            findings += retroactive(o, model)
            if let finding = effectiveLaterThanEntry(o, model) { findings.append(finding) }
            // Versions rise over time whatever order the file lists them in (SPEC 2.4's example
            // lists them newest first): checked in version order, file order on ties.
            let versioned = history.indices.compactMap { i in history[i].version.map { (version: $0.value, index: i) } }
                .sorted { ($0.version, $0.index) < ($1.version, $1.index) }
            for (earlier, later) in zip(versioned, versioned.dropFirst()) {
                let entry = history[later.index]
                if later.version == earlier.version {
                    findings.append(description.finding(
                        "\(name()) has two history entries for version \(later.version); give each change a version of its own, higher than the one before.",
                        at: entry.version?.location ?? entry.location, objective: o.idText))
                } else if let since = entry.since, let before = history[earlier.index].since, since < before {
                    findings.append(description.finding(
                        "History entry version \(later.version) of \(name()) applies from \(since), before version \(earlier.version) (from \(before)); a higher version cannot apply earlier, so correct the versions or the dates.",
                        at: (entry.effective ?? entry.date)?.location ?? entry.location, objective: o.idText))
                } else if let date = entry.date, let before = history[earlier.index].date?.value, date.value < before {
                    // Applying in order is not enough: a version is approved after the one it follows.
                    findings.append(description.finding(
                        "History entry version \(later.version) of \(name()) is dated \(date.value), before version \(earlier.version) (\(before)); a higher version cannot have been approved before the one it follows, so correct the versions or the dates.",
                        at: date.location, objective: o.idText))
                }
            }
        }
        return findings
    }

    /// Entries that take effect before the period in which they were approved: the periods that had
    /// ended by then were measured under the version in force, and judging them against the new
    /// thresholds (`CheckModel.judgements`) would rewrite past results. A change may take effect
    /// from the start of the period of the objective's cadence that holds its `date` (the day
    /// itself without a cadence), which has not ended yet.
    /// The base objective as version 2, approved on 2026-11-05, whose `<= 2 h` applies from
    /// 2027-01-01; version 1's entry ends with `version1Thresholds` (history lines, or none), and
    /// with `marking` its `version` is where `updated/history` must point.
    /// Version 2 (`<= 4 h`, its entry dated 2026-06-10, no `effective`) after version 1's `<= 6 h`;
    /// `objectiveDates` are the objective's own `approved_on` and `effective` lines.
    private static func tightenedInJune(objectiveDates: String) -> String {
        ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15\neffective: 2026-02-01": objectiveDates,
            "    approved_by: Head of Service Management\n---": """
                    approved_by: Head of Service Management
                    target: "<= 6 h"
                    tolerance: "<= 8 h"
                  - { version: 2, date: 2026-06-10, change: Target tightened., reason: Renewal., approved_by: Head of Service Management, target: "<= 4 h", tolerance: "<= 6 h" }
                ---
                """,
        ])
    }

    private static let quarterlyTightenedInSeptember = ExampleTree.objective(replacing: [
        "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
        "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"\ncadence: monthly": "target: \"<= 3 h\"\ntolerance: \"<= 4 h\"\ncadence: quarterly",
        "\nversion: 1": "\nversion: 2",
        "approved_on: 2026-01-15": "approved_on: 2026-07-20",
        "  - version: 1\n    date: 2026-01-15\n": "  - ↓version: 1\n    date: 2026-06-20\n    effective: 2026-07-01\n",
        "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n"
            + "  - { version: 2, date: 2026-07-20, change: Target set., reason: MSA renewal., approved_by: Head of Service Management, target: \"<= 3 h\", tolerance: \"<= 4 h\", effective: 2026-09-01 }\n---",
    ])

    private static func tightenedFrom2027(version1Thresholds: String, marking: Bool) -> String {
        let objective = ExampleTree.objective(replacing: [
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 2 hours.",
            "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"": "target: \"<= 2 h\"\ntolerance: \"<= 3 h\"",
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15": "approved_on: 2026-11-05",
            "    approved_by: Head of Service Management\n---": """
                    approved_by: Head of Service Management\(version1Thresholds)
                  - version: 2
                    date: 2026-11-05
                    effective: 2027-01-01
                    change: Target tightened from 4 h to 2 h.
                    reason: Contract renewal.
                    approved_by: Head of Service Management
                    target: "<= 2 h"
                    tolerance: "<= 3 h"
                ---
                """,
        ])
        return marking ? ExampleTree.edit(objective, ["  - version: 1\n": "  - ↓version: 1\n"]) : objective
    }

    private static func retroactive(_ o: Objective, _ model: CheckModel) -> [Finding] {
        let history = o.history
        var findings: [Finding] = []
        for index in history.indices {
            guard let effective = history[index].effective, let date = history[index].date?.value else { continue }
            let period = model.cadence(of: o).map { $0.period(containing: date) }
            let earliest = period?.start ?? date
            guard effective.value < earliest else { continue }
            let which = history[index].version.map { "History entry version \($0.value)" } ?? "A history entry"
            findings.append(description.finding(
                retroactive(which, codeSpan(o.displayID), effective: effective.value, approved: date, earliest: earliest, period: period),
                at: effective.location, objective: o.idText))
        }
        return findings
    }

    /// The objective's `effective` says its current version applies from a later day than that
    /// version's history entry does (its `effective`, default its `date`), whose day judges values
    /// (SPEC 4.1): periods ending between the two would be judged against thresholds the objective
    /// says were not yet in force. Only where the thresholds then in force differ, so the choice
    /// changes a result. An `effective` earlier than the entry may be the objective's first start,
    /// which the entry does not contradict.
    private static func effectiveLaterThanEntry(_ o: Objective, _ model: CheckModel) -> Finding? {
        guard let effective = o.effective, let index = o.currentEntryIndex, o.history.indices.contains(index) else { return nil }
        let entry = o.history[index]
        guard let since = entry.since, since < effective.value, let version = entry.version?.value,
              let text = entry.target?.value, let target = Threshold(parsing: text) else { return nil }
        let tolerance = entry.tolerance.flatMap { Threshold(parsing: $0.value) }
        let before = model.judgement(of: o, on: since.adding(days: -1))
        let same = Threshold.sameBound
        guard !before.isCurrent, !(same(before.target, target) && same(before.tolerance, tolerance)) else { return nil }
        let dayBefore = effective.value.adding(days: -1)
        let earlier = before.version.map { "version \($0)'s" } ?? "the earlier"
        let from = entry.effective == nil ? "its `date`" : "its `effective`"
        return description.finding(
            "\(codeSpan(o.displayID))'s `effective` says its version \(version) applies from \(effective.value), but that version's history entry applies from \(since) (\(from)): a period that ends from \(since) to \(dayBefore) is judged against version \(version)'s \(codeSpan(target)), not \(earlier) \(before.target.map { codeSpan($0) } ?? "thresholds") then in force. Give the entry `effective: \(effective.value)`, or correct the objective's `effective`.",
            at: effective.location, objective: o.idText)
    }

    /// Values judged against thresholds from a time the history says they did not yet apply: with
    /// no entry giving a `target` for their period, SPEC 4.1 judges them against the objective's
    /// current thresholds, which the history dates from a later day. Only due values count, as
    /// for status; the entry to complete is the one in force for the first of them. A warning:
    /// the thresholds may not have changed, which only the entry can say.
    private static func thresholdsNotYetInForce(_ o: Objective, _ model: CheckModel) -> Finding? {
        // Without an entry that gives a `target`, every value is judged against the current ones.
        guard o.history.contains(where: { $0.target != nil }) else { return nil }
        let (steps, current) = model.judgements(of: o)
        guard let first = steps.first, let since = first.since, let target = current.target else { return nil }
        // Judged on the last day of the row's own period (`CheckModel.series`).
        let misjudged = model.dueSeries(of: o).filter { $0.value != nil && $0.judgement.isCurrent && $0.measurement.periodValue.end < since }
        guard let earliest = misjudged.first, let latest = misjudged.last else { return nil }
        let history = o.history
        // The entry in force at the first such period: the latest that applied by its last day.
        let judgedOn = earliest.measurement.periodValue.end
        let inForce = history.indices.filter { history[$0].since.map { $0 <= judgedOn } ?? false }
            .max { (history[$0].since ?? since, $0) < (history[$1].since ?? since, $1) }
        let periods = earliest.period == latest.period ? "\(earliest.period)" : "\(earliest.period) to \(latest.period)"
        let which = first.version.map { "version \($0)" } ?? "an entry"
        let fix = inForce.flatMap { history[$0].version }.map { "the entry of version \($0.value)" } ?? "the entry of the version then in force"
        var finding = description.finding(
            "\(codeSpan(o.displayID))'s values for \(periods) are judged against its current \(codeSpan(target))\(current.tolerance.map { ", tolerance \(codeSpan($0))" } ?? ""), though no history entry gives a `target` before \(since) (\(which), the earliest that gives one): the thresholds of their time are not on record. Give \(fix) its `target` and `tolerance`, the same ones if they did not change, so each value is judged against the thresholds of its time.",
            at: inForce.map { history[$0].location } ?? o.location, objective: o.idText)
        finding.severity = .warning
        return finding
    }

    /// The history's latest thresholds against the objective's own: the entry that gives a `target`
    /// and applies last judges every value from its effective date on (`CheckModel.judgements`), so
    /// they must be the same, in comparator and number (units are `measurable/unit`'s). Nothing is
    /// compared when either side cannot be read (its own finding), or for an entry newer than the
    /// declared version (reported above).
    private static func thresholdsDiffer(_ o: Objective, _ model: CheckModel) -> Finding? {
        // The current judgement holds the objective's own thresholds, read once. Every entry
        // counts, those dated after the as-of date too: that date is its own finding, not this one.
        let (steps, current) = CheckModel.judgements(of: o)
        guard let target = current.target, o.tolerance == nil || current.tolerance != nil,
              let last = steps.last, let index = last.entry, let since = last.since,
              let lastTarget = last.target, o.history.indices.contains(index) else { return nil }
        let entry = o.history[index]
        if let v = entry.version?.value, let declared = o.version?.value, v > declared { return nil }
        let entryTolerance = last.tolerance
        if entry.tolerance != nil && entryTolerance == nil { return nil }
        let same = Threshold.sameBound
        let tolerance = current.tolerance
        let targetDiffers = !same(lastTarget, target)
        guard targetDiffers || !same(entryTolerance, tolerance) else { return nil }
        func text(_ t: Threshold, _ tol: Threshold?) -> String { "\(codeSpan(t))" + (tol.map { ", tolerance \(codeSpan($0))" } ?? ", no tolerance") }
        let which = entry.version.map { "version \($0.value)" } ?? "an entry"
        return description.finding(
            "The history of \(codeSpan(o.displayID)) sets \(text(lastTarget, entryTolerance)) (\(which), from \(since)), but the objective states \(text(target, tolerance)): every value from \(since) on is judged against the history's, not the thresholds the register shows. Give the entry of the version that changed them its `target` and `tolerance`, or correct the objective's.",
            at: (targetDiffers ? entry.target : entry.tolerance)?.location ?? entry.location, objective: o.idText)
    }

    // MARK: messages

    static func retroactive(_ which: String, _ name: String, effective: Day, approved: Day, earliest: Day, period: Period?) -> String {
        let from = period.map { "the start of \($0), the period in which it was approved (\(earliest))" } ?? "the day it was approved"
        return "\(which) of \(name) takes effect on \(effective), before it was approved on \(approved): periods that had already ended would be judged against thresholds that were not in force then, and a past miss could read on target. A change takes effect no earlier than \(from); correct `effective`, or the `date` if the change was approved earlier."
    }
}
