import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// History entries as a reviewer of a pull request sees them: each entry added, removed or rewritten.
@Suite struct HistoryDiffTests {
    /// The example objective with a second history entry, for version 2.
    static let twoVersions = ExampleTree.objective(replacing: [
        "\nversion: 1": "\nversion: 2",
        "---\nRationale.": """
              - version: 2
                date: 2026-11-20
                change: Actions reworded.
                reason: Annual review.
                approved_by: Head of Service Management
            ---
            Rationale.
            """,
    ])

    /// SPEC 4.1 "Units": a threshold may leave out the metric's unit, so `<= 4` is `<= 4 h` for a
    /// metric in hours. Writing or dropping the unit, in the objective or in a history entry, changes
    /// nothing it commits to and judges no value anew.
    @Test func aThresholdsUnitLeftOutIsNoChange() throws {
        func recorded(_ target: String, _ tolerance: String) -> String {
            ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"\(target)\"",
                "tolerance: \"<= 6 h\"": "tolerance: \"\(tolerance)\"",
                "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: \"\(target)\"\n    tolerance: \"\(tolerance)\"\n---",
            ])
        }
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": recorded("<= 4 h", "<= 6 h")],
                                  head: ["objectives/OBJ-INC-01.md": recorded("<= 4", "<=6h")])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.isEmpty, "\(diff.changed)")
        #expect(diff.introduced.isEmpty, "\(diff.introduced)")
        // A unit other than the metric's is another threshold (and `measurable/unit`'s finding).
        let other = try FolderPair(base: ["objectives/OBJ-INC-01.md": recorded("<= 4 h", "<= 6 h")],
                                   head: ["objectives/OBJ-INC-01.md": recorded("<= 4 min", "<= 6 h")])
        defer { other.remove() }
        #expect(try other.diff().introduced.map(\.rule).contains("updated/unrecorded-change"))
    }

    @Test func aHistoryEntryAddedShowsWithItsDateReasonAndApprover() throws {
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": Self.twoVersions])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changed = try #require(diff.changed.first)
        #expect(changed.fields.map(\.field) == ["version"])
        #expect(changed.history.count == 1)
        let added = try #require(changed.history.first)
        #expect(added.kind == .added && !added.altersRecord && added.version == 2)
        let shown = "version 2, 2026-11-20 · Actions reworded. · reason: Annual review. · approved by Head of Service Management"
        #expect(added.after.map(HistoryChanges.shown) == shown)

        let report = DiffReport(diff: diff)
        #expect(report.render(.text).contains("\n    version: 1 → 2\n    history entry added: \(shown)\n"))
        let html = MarkdownRenderer(allowRawHTML: true).html(report.markdown())
        let rows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: html).first ?? "")
        #expect(rows.map { DiffReportTests.elements("td", in: $0) } == [
            ["<strong>OBJ-INC-01</strong>", "<code>version</code>", "1", "2"],
            ["", "<code>history</code> entry added", "—", shown],
        ])
        #expect(!html.contains("⚠️"))

        let json = try Self.object(report)
        let objectives = try #require(json["objectives"] as? [String: Any])
        let entry = try #require((objectives["changed"] as? [[String: Any]])?.first)
        let history = try #require(entry["history"] as? [[String: Any]])
        #expect(history.count == 1)
        #expect(history.first?["change"] as? String == "added" && history.first?["version"] as? Int == 2)
        #expect(history.first?["before"] is NSNull)
        let after = try #require(history.first?["after"] as? [String: Any])
        #expect(after["date"] as? String == "2026-11-20" && after["reason"] as? String == "Annual review."
            && after["approved_by"] as? String == "Head of Service Management" && after["target"] is NSNull)
        #expect((entry["fields"] as? [[String: Any]])?.contains { $0["field"] as? String == "history" } == false)
    }

    /// A target moved as `updated/unrecorded-change` asks where the history recorded no threshold:
    /// version 1's entry given the thresholds that judged its values, version 2's the new ones.
    /// The first is no rewrite of a past approval, and is not marked as one; other thresholds are.
    @Test func anEntryGivenTheThresholdsInForceIsNotARewrite() throws {
        func moved(version1 thresholds: String) -> String {
            ExampleTree.objective(replacing: [
                "\nversion: 1": "\nversion: 2",
                "\ntarget: \"<= 4 h\"": "\ntarget: \"<= 3.5 h\"",
                "approved_on: 2026-01-15": "approved_on: 2026-11-20",
                "    approved_by: Head of Service Management\n---\nRationale.": """
                        approved_by: Head of Service Management
                    \(thresholds)
                      - version: 2
                        date: 2026-11-20
                        change: Target tightened to 3.5 h.
                        reason: Contract renewal.
                        approved_by: Head of Service Management
                        target: "<= 3.5 h"
                        tolerance: "<= 6 h"
                    ---
                    Rationale.
                    """,
            ])
        }
        let kept = try FolderPair(head: ["objectives/OBJ-INC-01.md": moved(version1: "    target: \"<=4h\"\n    tolerance: \"<= 6 h\"")])
        defer { kept.remove() }
        let diff = try kept.diff()
        let history = try #require(diff.changed.first).history
        #expect(history.map(\.kind) == [.completed, .added], "\(history)")
        #expect(history.allSatisfy { !$0.altersRecord })
        let rules = diff.introduced.map(\.rule)
        #expect(!rules.contains("updated/unrecorded-change") && !rules.contains("updated/history"), "\(diff.introduced)")
        let report = DiffReport(diff: diff)
        #expect(!report.markdown().contains("⚠️"), "\(report.markdown())")
        #expect(report.markdown().contains("`history` entry given the thresholds in force"))
        #expect(report.render(.text).contains("    history entry given the thresholds in force: version 1 · target: (none) · tolerance: (none) → version 1 · target: <=4h · tolerance: <= 6 h\n"))
        // Before, no step of the history's own: every value was judged against the objective's thresholds.
        let steps = try #require(diff.changed.first?.fields.first { $0.field == "history thresholds" })
        #expect(steps.before == "throughout: target <= 4 h, tolerance <= 6 h")
        #expect(steps.after == "from 2026-01-15: version 1, target <= 4 h, tolerance <= 6 h; from 2026-11-20: version 2, target <= 3.5 h, tolerance <= 6 h")
        #expect(report.markdown().contains("| `history thresholds` | throughout: target \\<= 4 h, tolerance \\<= 6 h | from 2026-01-15:"), "\(report.markdown())")

        // Thresholds other than those that judged version 1's values re-judge them: a rewrite.
        let other = try FolderPair(head: ["objectives/OBJ-INC-01.md": moved(version1: "    target: \"<= 5 h\"\n    tolerance: \"<= 6 h\"")])
        defer { other.remove() }
        let rewritten = try #require(try other.diff().changed.first).history
        #expect(rewritten.map(\.kind) == [.rewritten, .added], "\(rewritten)")
        #expect(DiffReport(diff: try other.diff()).markdown().contains("`history` entry **rewritten** ⚠️"))
    }

    /// An objective whose target changed twelve times, one entry a month in 2025.
    static func twelveSteps(ninth: String) -> String {
        let entries = (1...12).map { k in
            let month = k < 10 ? "0\(k)" : "\(k)"
            let target = k == 9 ? ninth : "\(20 - k)"
            return "  - { version: \(k), date: 2025-\(month)-05, change: Target set., reason: Results., approved_by: Head of Service Management, target: \"<= \(target) h\", tolerance: \"<= \(30 - k) h\" }\n"
        }.joined()
        return ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 12",
            "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n": entries,
        ])
    }

    /// In a long history, the rewritten step is what the `history thresholds` row shows: the steps
    /// before and after it are counted, not listed, so the change is not lost past where a table
    /// cell or a reader stops (forty steps ran to 2,500 characters a side, cut at the same place).
    @Test func aRewrittenThresholdInALongHistoryShowsOnlyTheStepsThatDiffer() throws {
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": Self.twelveSteps(ninth: "11")],
                                  head: ["objectives/OBJ-INC-01.md": Self.twelveSteps(ninth: "10.5")])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changed = try #require(diff.changed.first)
        let field = try #require(changed.fields.first { $0.field == "history thresholds" })
        #expect(field.before == "8 earlier steps unchanged; from 2025-09-05: version 9, target <= 11 h, tolerance <= 21 h; 3 later steps unchanged")
        #expect(field.after == "8 earlier steps unchanged; from 2025-09-05: version 9, target <= 10.5 h, tolerance <= 21 h; 3 later steps unchanged")
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.contains("history thresholds: 8 earlier steps unchanged; from 2025-09-05: version 9, target <= 11 h, tolerance <= 21 h; 3 later steps unchanged → 8 earlier"), "\(text)")
        #expect(!text.contains("version 1, target"), "\(text)")
    }

    /// A step added at the end or removed shows against "no step here"; a history that gains its
    /// first thresholds has nothing before it.
    @Test func aThresholdStepAddedOrRemovedShowsAgainstNoStep() {
        let a = ["from 2025-01-05: version 1, target <= 19 h", "from 2025-02-05: version 2, target <= 18 h"]
        let b = a + ["from 2025-03-05: version 3, target <= 17 h"]
        let added = ObjectiveChanges.differingSteps(a, b)
        #expect(added.0 == "2 earlier steps unchanged; no step here")
        #expect(added.1 == "2 earlier steps unchanged; from 2025-03-05: version 3, target <= 17 h")
        let removed = ObjectiveChanges.differingSteps(b, Array(b.dropFirst()))
        #expect(removed.0 == "from 2025-01-05: version 1, target <= 19 h; 2 later steps unchanged")
        #expect(removed.1 == "no step here; 2 later steps unchanged")
        #expect(ObjectiveChanges.differingSteps([], a) == (nil, a.joined(separator: "; ")))
        #expect(ObjectiveChanges.differingSteps(["x"], ["y"]) == ("x", "y"))
    }

    @Test func aHistoryEntryRemovedOrRewrittenIsMarkedAsAlteringTheRecord() throws {
        // BASE has versions 1 and 2; HEAD drops version 1's entry and rewrites version 2's reason
        // and approver, under a `|`, backticks and a line break.
        let rewritten = ExampleTree.edit(Self.twoVersions, [
            "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n": "",
            "reason: Annual review.": "reason: \"Annual | review `x`\\nby the board\"",
            "    approved_by: Head of Service Management\n---": "    approved_by: CEO\n---",
        ])
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": Self.twoVersions], head: ["objectives/OBJ-INC-01.md": rewritten])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changed = try #require(diff.changed.first)
        #expect(changed.fields.isEmpty)
        #expect(changed.history.map(\.kind) == [.removed, .rewritten])
        #expect(changed.history.map(\.version) == [1, 2])
        #expect(changed.history.allSatisfy { $0.altersRecord })
        #expect(diff.changedCount == 1)

        let report = DiffReport(diff: diff)
        let text = report.render(.text)
        #expect(text.contains("\n    history entry REMOVED (a past record): version 1, 2026-01-15 · First version. · reason: New objective set. · approved by Head of Service Management\n"))
        // A rewrite shows the values that differ, under the entry's version.
        #expect(text.contains("\n    history entry REWRITTEN (a past record): version 2 · reason: Annual review. · approved_by: Head of Service Management → version 2 · reason: Annual | review `x` by the board · approved_by: CEO\n"))

        let html = MarkdownRenderer(allowRawHTML: true).html(report.markdown())
        let rows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: html).first ?? "").map { DiffReportTests.elements("td", in: $0) }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.count == 4 }, "a | in a value must not split a cell: \(rows)")
        #expect(rows.first?[1] == "<code>history</code> entry <strong>removed</strong> ⚠️")
        #expect(rows.first?[3] == "—")
        #expect(rows.last?[1] == "<code>history</code> entry <strong>rewritten</strong> ⚠️")
        #expect(rows.last?[2] == "version 2 · reason: Annual review. · approved_by: Head of Service Management")
        #expect(rows.last?[3] == "version 2 · reason: Annual | review `x`<br>by the board · approved_by: CEO")

        let json = try Self.object(report)
        let objectives = try #require(json["objectives"] as? [String: Any])
        let history = try #require((objectives["changed"] as? [[String: Any]])?.first?["history"] as? [[String: Any]])
        #expect(history.map { $0["change"] as? String } == ["removed", "rewritten"])
        #expect(history.first?["after"] is NSNull)
        #expect((history.last?["after"] as? [String: Any])?["reason"] as? String == "Annual | review `x`\nby the board")
    }

    @Test func historyEntriesReorderedOrReformattedAreNoChange() throws {
        // Version 2's entry moved above version 1's, and a recorded threshold written another way.
        let withThresholds = ExampleTree.edit(Self.twoVersions, [
            "    reason: New objective set.\n": "    reason: New objective set.\n    target: \"<= 4 h\"\n",
        ])
        let entry1 = "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    target: \"<=4h\"\n    approved_by: Head of Service Management\n"
        let reordered = ExampleTree.edit(withThresholds, [
            "  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    target: \"<= 4 h\"\n    approved_by: Head of Service Management\n": "",
            "---\nRationale.": entry1 + "---\nRationale.",
        ])
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": withThresholds], head: ["objectives/OBJ-INC-01.md": reordered])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.isEmpty, "\(diff.changed)")
    }

    // MARK: helpers

    static func object(_ report: DiffReport) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
    }
}
