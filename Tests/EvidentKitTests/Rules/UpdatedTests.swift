import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// Positions (`path:line:column` inside the tree) of one rule's findings on the base tree with
/// `files` laid over it.
private func positions(_ rule: String, _ files: [String: String], removing: [String] = [],
                       asOf: String = ExampleTree.asOf) throws -> Set<String> {
    try marked(rule, files, removing: removing, asOf: asOf).got
}

/// The `↓` markers of `files` and the positions of the rule's findings.
private func marked(_ rule: String, _ files: [String: String], removing: [String] = [],
                    asOf: String = ExampleTree.asOf) throws -> (expected: Set<String>, got: Set<String>) {
    let prepared = PreparedExample(RuleExample(files, removing: removing, asOf: asOf))
    let tree = try TemporaryTree(prepared.files, removing: removing)
    defer { tree.remove() }
    let root = ContentLoader.displayPath(tree.path) + "/"
    let got = Set(try tree.check(asOf: asOf).findings.filter { $0.rule == rule }.map { f in
        "\(f.location.file.dropFirst(root.count)):\(f.location.line ?? 0):\(f.location.column ?? 0)"
    })
    return (prepared.expected, got)
}

/// The base objective with `history` entries appended and its edits applied.
private func objective(_ edits: KeyValuePairs<String, String> = [:], appending entries: String = "") -> String {
    let text = edits.isEmpty ? ExampleTree.objective : ExampleTree.objective(replacing: edits)
    return entries.isEmpty ? text : ExampleTree.edit(text, ["---\nRationale.": entries + "---\nRationale."])
}

private func entry(_ version: String, date: String = "2026-03-01", reason: Bool = true, approver: Bool = true) -> String {
    "  - version: \(version)\n    date: \(date)\n    change: Changed.\n"
        + (reason ? "    reason: Because.\n" : "") + (approver ? "    approved_by: Head of Service Management\n" : "")
}

@Suite struct UpdatedHistoryTests {
    /// In version order, version 3 applies from before version 2: its date is the one reported.
    @Test func onlyTheEntryThatGoesBackIsReported() throws {
        let text = objective(["\nversion: 1": "\nversion: 4", "approved_on: 2026-01-15": "approved_on: 2026-05-01"],
                             appending: entry("3", date: "↓2026-03-01") + entry("2", date: "2026-04-01") + entry("4", date: "2026-05-01"))
        let (expected, got) = try marked("updated/history", ["objectives/OBJ-INC-01.md": text])
        #expect(expected.count == 1)
        #expect(got == expected)
    }

    @Test func aDateOnTheAsOfDayIsNotInTheFuture() throws {
        let text = objective(["    date: 2026-01-15": "    date: 2026-11-29", "approved_on: 2026-01-15": "approved_on: 2026-11-29"])
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": text]).isEmpty)
    }

    @Test func anObjectiveWithoutVersionOrHistoryIsNotReported() throws {
        let text = ExampleTree.objective(replacing: ["\nversion: 1": "", "history:\n": "", "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n": ""])
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": text]).isEmpty)
    }

    /// A change takes effect no earlier than the start of the period of the objective's cadence
    /// in which it was approved: for a quarterly objective approved on 2026-11-05, 2026-10-01.
    @Test func aChangeMayReachBackToTheStartOfItsOwnPeriodOnly() throws {
        func approved(effective: String) -> String {
            objective(["cadence: monthly": "cadence: quarterly", "\nversion: 1": "\nversion: 2", "approved_on: 2026-01-15": "approved_on: 2026-11-05"],
                      appending: entry("2", date: "2026-11-05") + "    effective: \(effective)\n")
        }
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": approved(effective: "2026-10-01")]).isEmpty)
        let (expected, got) = try marked("updated/history", ["objectives/OBJ-INC-01.md": approved(effective: "↓2026-09-30")])
        #expect(expected.count == 1)
        #expect(got == expected)
    }

    /// The warning names the values judged against thresholds the history dates later, and the
    /// entry that should carry those of their time.
    @Test func valuesBeforeTheEarliestTargetAreNamedWithTheEntryToComplete() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = objective(
            ["\nversion: 1": "\nversion: 2", "approved_on: 2026-01-15": "approved_on: 2026-06-01"],
            appending: entry("2", date: "2026-06-01") + "    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let findings = try tree.check().findings.filter { $0.rule == "updated/history" }
        try #require(findings.count == 1, "\(findings.map(\.message))")
        #expect(findings[0].severity == .warning)
        #expect(findings[0].message.contains("values for 2026-02 to 2026-05 are judged against its current `<= 4 h`, tolerance `<= 6 h`"), "\(findings[0].message)")
        #expect(findings[0].message.contains("before 2026-06-01 (version 2, the earliest that gives one)"), "\(findings[0].message)")
        #expect(findings[0].message.contains("Give the entry of version 1 its `target` and `tolerance`"), "\(findings[0].message)")
    }

    @Test func retiredObjectivesAreChecked() throws {
        let text = objective(["status: active": "status: retired", "\nversion: 1": "\nversion: ↓2"])
        let (expected, got) = try marked("updated/history", ["objectives/OBJ-INC-01.md": text])
        #expect(got == expected)
    }
}

@Suite struct UpdatedTriggerTests {
    private static func requirement(revised: String) -> [String: String] {
        ["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: \(revised)\n"])]
    }

    private static func policy(approved: String) -> [String: String] {
        ["policy.md": ExampleTree.edit(ExampleTree.policy, ["version: 1": "version: 2", "approved_on: 2026-01-05": "approved_on: \(approved)"])]
    }

    /// A date after the as-of date is one finding about its file (no objective), the day after the
    /// as-of date being the first such day; the objective tracing to it is not reported.
    @Test func aDateAfterTheAsOfDateIsReportedAtIt() throws {
        let tree = try TemporaryTree(ExampleTree.base.merging(Self.requirement(revised: "2026-11-30")) { $1 }
            .merging(Self.policy(approved: "2027-03-01")) { $1 })
        defer { tree.remove() }
        let found = try tree.check().findings.filter { $0.rule == "updated/trigger" }
        #expect(found.allSatisfy { $0.objective == nil && $0.severity == .warning })
        #expect(found.map(\.message).sorted() == [
            "Version 2 of the policy says it was approved on 2027-03-01 (`approved_on`), after the as-of date 2026-11-29: as of then it has not been approved, so no objective can be checked against it. Write the day the approval was given, or correct a mistyped date; until the approval, keep the version in force in `policy.md`.",
            "`Master services agreement` says it was `revised` on 2026-11-30, after the as-of date 2026-11-29: as of then it has not changed, so the objectives tracing to it cannot be asked to answer the change. Write the day the source changed (not the day a change takes effect), or correct a mistyped date.",
        ])
    }

    @Test func positionsAreTheDates() throws {
        let files = Self.requirement(revised: "↓2026-11-30").merging(Self.policy(approved: "↓2027-03-01")) { $1 }
        let (expected, got) = try marked("updated/trigger", files)
        #expect(expected.count == 2)
        #expect(got == expected)
    }

    /// On the as-of date the revision and the approval have happened: they are triggers, answered
    /// here by nothing after them (the review of 2026-11-10 is older), and reported at the references.
    @Test func onTheAsOfDateTheyAreTriggers() throws {
        let objective = ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [↓MSA-7.2]", "policy: [POL-1]": "policy: [↓POL-1]"])
        let files = Self.requirement(revised: "2026-11-29").merging(Self.policy(approved: "2026-11-29")) { $1 }
            .merging(["objectives/OBJ-INC-01.md": objective]) { $1 }
        let (expected, got) = try marked("updated/trigger", files)
        #expect(expected.count == 2)
        #expect(got == expected)
    }
}

@Suite struct UpdatedStaleTests {
    @Test func aDecisionExactlyStaleAfterDaysAgoStillCounts() throws {
        // Review of 2026-11-10 + 365 days = 2027-11-10; the history entry (2026-01-15) is older.
        #expect(try positions("updated/stale", [:], asOf: "2027-11-10").isEmpty)
        #expect(try positions("updated/stale", [:], asOf: "2027-11-11") == ["objectives/OBJ-INC-01.md:1:1"])
    }

    @Test func aFutureHistoryDateDoesNotKeepAnObjectiveFresh() throws {
        let text = objective(appending: entry("2", date: "2028-06-01"))
        #expect(try positions("updated/stale", ["objectives/OBJ-INC-01.md": text], asOf: "2027-12-01").count == 1)
    }

    @Test func listingWithoutADecisionIsNotEnough() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2027-11-20",
                                                           "decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": ""])
        #expect(try positions("updated/stale", ["reviews/2026-11-10.md": review], asOf: "2027-12-01").count == 1)
    }

    @Test func aRecentHistoryEntryIsEnough() throws {
        let text = objective(["\nversion: 1": "\nversion: 2"], appending: entry("2", date: "2027-06-01"))
        #expect(try positions("updated/stale", ["objectives/OBJ-INC-01.md": text], asOf: "2027-12-01").isEmpty)
    }
}

@Suite struct UpdatedDecisionNotAppliedTests {
    private static func review(_ decision: String, date: String = "2026-11-10") -> String {
        ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: \(date)",
                                              "decision: no-change": "decision: \(decision)"])
    }

    @Test func aHistoryEntryBeforeTheReviewDoesNotApplyIt() throws {
        let text = objective(["\nversion: 1": "\nversion: 2"], appending: entry("2", date: "2026-11-09"))
        let (expected, got) = try marked("updated/decision-not-applied",
                                         ["reviews/2026-11-10.md": Self.review("↓update"), "objectives/OBJ-INC-01.md": text])
        #expect(expected.count == 1)
        #expect(got == expected)
    }

    @Test func aHistoryEntryAfterARetireDecisionCounts() throws {
        let text = objective(["\nversion: 1": "\nversion: 2"], appending: entry("2", date: "2026-11-20"))
        #expect(try positions("updated/decision-not-applied",
                              ["reviews/2026-11-10.md": Self.review("retire"), "objectives/OBJ-INC-01.md": text]).isEmpty)
    }

    /// As of 2026-11-29 the entry dated 2026-12-05 has not been made (SPEC 3), so the update decided
    /// on 2026-11-10 is not applied yet; as of 2026-12-05 it is.
    @Test func aHistoryEntryAfterTheAsOfDateDoesNotApplyItYet() throws {
        let text = objective(["\nversion: 1": "\nversion: 2"], appending: entry("2", date: "2026-12-05"))
        let files = ["reviews/2026-11-10.md": Self.review("↓update"), "objectives/OBJ-INC-01.md": text]
        let (expected, got) = try marked("updated/decision-not-applied", files)
        #expect(expected.count == 1)
        #expect(got == expected)
        #expect(try positions("updated/decision-not-applied", files, asOf: "2026-12-05").isEmpty)
    }

    @Test func aReviewAfterAsOfIsNotReportedYet() throws {
        #expect(try positions("updated/decision-not-applied", ["reviews/2026-11-10.md": Self.review("update", date: "2026-12-05")]).isEmpty)
    }

    @Test func aDecisionOnAnUnknownObjectiveIsLeftToUnknownObjective() throws {
        let review = ExampleTree.edit(Self.review("update"), ["  - objective: OBJ-INC-01": "  - objective: OBJ-XYZ-99"])
        #expect(try positions("updated/decision-not-applied", ["reviews/2026-11-10.md": review]).isEmpty)
    }

    @Test func escalateAndNoChangeNeedNothing() throws {
        #expect(try positions("updated/decision-not-applied", ["reviews/2026-11-10.md": Self.review("escalate")]).isEmpty)
    }
}

@Suite struct UnrecordedChangeTests {
    /// Findings of the comparison between the base tree and the base tree with `files` over it, as
    /// positions inside HEAD.
    private static func diff(_ files: [String: String]) throws -> (expected: Set<String>, got: Set<String>, findings: [Finding]) {
        let prepared = PreparedExample(RuleExample(files))
        let base = try TemporaryTree(ExampleTree.base)
        let head = try TemporaryTree(prepared.files)
        defer { base.remove(); head.remove() }
        let findings = UnrecordedChange.findings(base: try base.check().model, head: try head.check().model)
        let root = ContentLoader.displayPath(head.path) + "/"
        let got = Set(findings.map { f in
            "\(f.location.file.dropFirst(root.count)):\(f.location.line ?? 0):\(f.location.column ?? 0)"
        })
        return (prepared.expected, got, findings)
    }

    /// The checked model of the base tree with `files` over it.
    private static func model(_ files: [String: String]) throws -> CheckModel {
        let tree = try TemporaryTree(ExampleTree.base.merging(files) { $1 })
        defer { tree.remove() }
        return try tree.check().model
    }

    @Test func triggeringExamples() throws {
        let examples = UpdatedUnrecordedChange.description.triggering
        #expect(!examples.isEmpty)
        for example in examples {
            let (expected, got, findings) = try Self.diff(example.files)
            #expect(!expected.isEmpty)
            #expect(got == expected, "\(findings.map(\.message))")
            for f in findings {
                #expect(f.rule == "updated/unrecorded-change")
                #expect(f.severity == .error)
                #expect(f.obligation == .updated)
                #expect(f.objective == "OBJ-INC-01")
            }
        }
    }

    @Test func nonTriggeringExamples() throws {
        #expect(!UpdatedUnrecordedChange.description.nonTriggering.isEmpty)
        for example in UpdatedUnrecordedChange.description.nonTriggering {
            #expect(try Self.diff(example.files).got.isEmpty)
        }
    }

    @Test func checkAloneReportsNothing() throws {
        #expect(UpdatedUnrecordedChange.description.onlyInDiff)
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        #expect(UpdatedUnrecordedChange.check(try tree.check().model).isEmpty)
    }

    @Test func theSameTreeHasNoChange() throws {
        #expect(try Self.diff([:]).got.isEmpty)
    }

    @Test func theMessageNamesTheChangedFieldsAndTheNextVersion() throws {
        let head = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\"", "Rationale.": "Rationale, revised."])
        let findings = try Self.diff(["objectives/OBJ-INC-01.md": head]).findings
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("(`body`, `target`)") == true)
        #expect(findings.first?.message.contains("`version: 2`") == true)
    }

    /// The advice names every field a new version needs: with `version` and a history entry alone,
    /// the old `approved_on` would precede the change it approves (`updated/history`).
    @Test func theAdviceFollowedLeavesNoUpdatedFinding() throws {
        let changed = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\""])
        let message = try #require(try Self.diff(["objectives/OBJ-INC-01.md": changed]).findings.first).message
        #expect(message.contains("`approved_on`"), "\(message)")
        let withoutApproval = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\"", "\nversion: 1": "\nversion: 2"],
                                        appending: entry("2", date: "2026-11-20"))
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": withoutApproval]).count == 1)
        let followed = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\"", "\nversion: 1": "\nversion: 2",
                                  "approved_on: 2026-01-15": "approved_on: 2026-11-20"],
                                 appending: entry("2", date: "2026-11-20"))
        #expect(try Self.diff(["objectives/OBJ-INC-01.md": followed]).findings.isEmpty)
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": followed]).isEmpty)
    }

    /// Where the history records thresholds, a new target goes in the new entry too: otherwise the
    /// history's older target still judges the values (`updated/history`).
    @Test func aHistoryWithThresholdsIsToldTheNewOnes() throws {
        let recorded = "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n"
            + "    approved_by: Head of Service Management\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n"
        let first = "history:\n  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n"
            + "    approved_by: Head of Service Management\n"
        let base = objective([first: "history:\n" + recorded])
        let changed = objective([first: "history:\n" + recorded, "\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3 h\""])
        let message = try #require(UnrecordedChange.findings(base: try Self.model(["objectives/OBJ-INC-01.md": base]),
                                                               head: try Self.model(["objectives/OBJ-INC-01.md": changed])).first).message
        #expect(message.contains("the new `target` and `tolerance`"), "\(message)")
        let withTarget = entry("2", date: "2026-11-20") + "    target: \"<= 3 h\"\n    tolerance: \"<= 6 h\"\n"
        let followed = objective([first: "history:\n" + recorded, "\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3 h\"", "\nversion: 1": "\nversion: 2",
                                  "approved_on: 2026-01-15": "approved_on: 2026-11-20"], appending: withTarget)
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": followed]).isEmpty)
        let withoutTarget = objective([first: "history:\n" + recorded, "\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3 h\"", "\nversion: 1": "\nversion: 2",
                                       "approved_on: 2026-01-15": "approved_on: 2026-11-20"], appending: entry("2", date: "2026-11-20"))
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": withoutTarget]).count == 1)
        // The history records thresholds already: the old ones are not asked for again.
        #expect(!message.contains(" it had"), "\(message)")
    }

    /// Where the history records no thresholds, every value is judged against the objective's
    /// current ones (SPEC 4.1): a new version with only a reason and an approver would turn past
    /// misses into passes. The advice asks for the new thresholds in the new entry and the old
    /// ones, as written, in the old entry; followed, it leaves no finding and no value re-judged.
    @Test func aHistoryWithoutThresholdsIsToldToKeepTheOldOnes() throws {
        let looser = objective(["\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3.5 h\"", "within 4 hours": "within 3.5 hours"])
        let message = try #require(try Self.diff(["objectives/OBJ-INC-01.md": looser]).findings.first).message
        #expect(message.contains("with `date`, `change`, `reason`, `approved_by` and the new `target` and `tolerance`"), "\(message)")
        #expect(message.hasSuffix("Give the history entry of version 1 the thresholds it had, `target: \"<= 4 h\"` and `tolerance: \"<= 6 h\"`: without them, the values measured before are judged against the new ones."), "\(message)")

        let first = "    approved_by: Head of Service Management\n---"
        let raised: KeyValuePairs<String, String> = ["\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3.5 h\"", "within 4 hours": "within 3.5 hours",
                                                     "\nversion: 1": "\nversion: 2", "approved_on: 2026-01-15": "approved_on: 2026-11-20"]
        let v2 = entry("2", date: "2026-11-20") + "    target: \"<= 3.5 h\"\n    tolerance: \"<= 6 h\"\n"
        let followed = ExampleTree.edit(ExampleTree.edit(objective(raised),
                                                         [first: "    approved_by: Head of Service Management\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n---"]),
                                        ["---\nRationale.": v2 + "---\nRationale."])
        let onlyRecorded = objective(raised, appending: entry("2", date: "2026-11-20"))
        #expect(try Self.diff(["objectives/OBJ-INC-01.md": followed]).findings.isEmpty)
        #expect(try positions("updated/history", ["objectives/OBJ-INC-01.md": followed]).isEmpty)
        // March's 3.9 h met `<= 4 h` when it was measured: followed, it still does; with the old
        // advice (a reason and an approver only) it is judged against `<= 3.5 h` and misses.
        func march(_ text: String) throws -> ValueStatus? {
            let model = try Self.model(["objectives/OBJ-INC-01.md": text])
            let o = try #require(model.objectivesByID["OBJ-INC-01"])
            return model.dueSeries(of: o).first { $0.period.description == "2026-03" }?.status
        }
        #expect(try march(ExampleTree.objective) == .onTarget)
        #expect(try march(followed) == .onTarget)
        #expect(try march(onlyRecorded) == .withinTolerance)

        // Without a tolerance, the target alone; an objective that had no target has nothing to keep.
        let noTolerance = ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"\n": ""])
        let told = try #require(UnrecordedChange.findings(
            base: try Self.model(["objectives/OBJ-INC-01.md": noTolerance]),
            head: try Self.model(["objectives/OBJ-INC-01.md": ExampleTree.edit(noTolerance, ["\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3.5 h\""])])).first).message
        #expect(told.hasSuffix("Give the history entry of version 1 the threshold it had, `target: \"<= 4 h\"`: without it, the values measured before are judged against the new ones."), "\(told)")
        let noTarget = ExampleTree.objective(replacing: ["target: \"<= 4 h\"\n": ""])
        let added = try #require(UnrecordedChange.findings(
            base: try Self.model(["objectives/OBJ-INC-01.md": noTarget]),
            head: try Self.model(["objectives/OBJ-INC-01.md": ExampleTree.objective])).first).message
        #expect(!added.contains(" it had"), "\(added)")
    }

    /// The history's thresholds judge the values of their time: rewriting, re-dating or removing
    /// them re-judges past results, so it is a change; the rest of an entry is the record.
    @Test func rewritingThePastThresholdsIsAChange() throws {
        let v1 = "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n"
            + "    approved_by: Head of Service Management\n"
        func tree(_ v1Lines: String, _ v2Lines: String?) -> [String: String] {
            let v2 = v2Lines.map { "  - version: 2\n    date: 2026-06-01\n    change: Target tightened.\n    reason: Renewal.\n"
                + "    approved_by: Head of Service Management\n" + $0 } ?? ""
            return ["objectives/OBJ-INC-01.md": objective(["history:\n" + v1: "history:\n" + v2 + v1 + v1Lines,
                                                           "\nversion: 1": "\nversion: 2",
                                                           "approved_on: 2026-01-15": "approved_on: 2026-06-01"])]
        }
        let current = "    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n"
        let base = try Self.model(tree("    target: \"<= 6 h\"\n", current))
        func found(_ head: [String: String]) throws -> [Finding] { UnrecordedChange.findings(base: base, head: try Self.model(head)) }
        // Version 1's target loosened, its `effective` moved, or its thresholds dropped.
        let loosened = try found(tree("    target: \"<= 8 h\"\n", current))
        #expect(loosened.count == 1)
        #expect(loosened.first?.message.contains("(`history thresholds`) but `version` is still 2") == true, "\(loosened.map(\.message))")
        #expect(loosened.first?.message.contains("re-judges past results") == true)
        #expect(try found(tree("    target: \"<= 6 h\"\n    effective: 2026-05-01\n", current)).count == 1)
        #expect(try found(tree("", current)).count == 1)
        // Its wording, reformatted thresholds, or a step that keeps what was in force: no change.
        let reworded = ExampleTree.edit(tree("    target: \"<=6h\"\n", current)["objectives/OBJ-INC-01.md"] ?? "",
                                        ["reason: New objective set.": "reason: New objective set for 2026."])
        #expect(try found(["objectives/OBJ-INC-01.md": reworded]).isEmpty)
        #expect(try found(tree("    target: \"<= 6 h\"\n", current + "    effective: 2026-06-01\n")).isEmpty)
        // Recorded as a new version with a reason and an approver, the correction is no finding.
        let corrected = tree("    target: \"<= 8 h\"\n", current)["objectives/OBJ-INC-01.md"].map {
            ExampleTree.edit($0, ["\nversion: 2": "\nversion: 3", "approved_on: 2026-06-01": "approved_on: 2026-11-20",
                                  "history:\n": "history:\n" + entry("3", date: "2026-11-20") + current])
        } ?? ""
        #expect(try found(["objectives/OBJ-INC-01.md": corrected]).isEmpty)
    }

    @Test func aBodyChangeAloneIsAChange() throws {
        let head = objective(["\nversion: 1": "\nversion: ↓1", "Rationale.": "Rationale, revised."])
        let (expected, got, findings) = try Self.diff(["objectives/OBJ-INC-01.md": head])
        #expect(got == expected)
        #expect(findings.first?.message.contains("(`body`)") == true)
    }

    @Test func retiringWithoutANewVersionIsAChange() throws {
        let head = objective(["status: active": "status: retired", "\nversion: 1": "\nversion: ↓1"])
        let (expected, got, _) = try Self.diff(["objectives/OBJ-INC-01.md": head])
        #expect(got == expected)
    }

    @Test func droppingTheVersionPointsAtTheObjective() throws {
        let head = objective(["---\nid:": "↓---\nid:", "target: \"<= 4 h\"": "target: \"<= 3 h\"", "\nversion: 1": ""])
        let (expected, got, _) = try Self.diff(["objectives/OBJ-INC-01.md": head])
        #expect(got == expected)
    }

    @Test func aRaisedVersionWithoutAReasonIsReported() throws {
        let head = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\"", "\nversion: 1": "\nversion: ↓2"],
                             appending: entry("2", reason: false))
        let (expected, got, _) = try Self.diff(["objectives/OBJ-INC-01.md": head])
        #expect(got == expected)
    }

    @Test func aLowerVersionIsNotRaised() throws {
        let head = objective(["target: \"<= 4 h\"": "target: \"<= 3 h\"", "\nversion: 1": "\nversion: ↓0"],
                             appending: entry("0"))
        let (expected, got, _) = try Self.diff(["objectives/OBJ-INC-01.md": head])
        #expect(got == expected)
    }

    @Test func reorderingAListOrStatingTheDefaultStatusIsNoChange() throws {
        let base = ExampleTree.edit(ExampleTree.objective, ["policy: [POL-1]": "policy: [POL-1, POL-2]"])
        let head = ExampleTree.edit(ExampleTree.objective, ["policy: [POL-1]": "policy: [POL-2, POL-1]", "status: active\n": ""])
        let a = try TemporaryTree(ExampleTree.base.merging(["objectives/OBJ-INC-01.md": base]) { $1 })
        let b = try TemporaryTree(ExampleTree.base.merging(["objectives/OBJ-INC-01.md": head]) { $1 })
        defer { a.remove(); b.remove() }
        #expect(UnrecordedChange.findings(base: try a.check().model, head: try b.check().model).isEmpty)
    }

    @Test func objectivesAddedOrRemovedAreNotThisRules() throws {
        let other = ExampleTree.edit(ExampleTree.objective, ["id: OBJ-INC-01": "id: OBJ-INC-02"])
        #expect(try Self.diff(["objectives/OBJ-INC-02.md": other]).got.isEmpty)
    }
}
