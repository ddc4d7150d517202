import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentDiff
@testable import EvidentModel

/// An objective given another id reads as one change, a rename, and not as an objective removed
/// and another added with all its values; objectives that merely look alike are not paired.
@Suite struct RenamedObjectiveTests {
    /// The example tree with OBJ-INC-01 renamed OBJ-INC-11 as an author does it: the objective and
    /// its measurements under the new name, the review and communication naming the new id.
    /// `objective` and `measurements` replace the renamed files' text.
    static func renamed(objective: String = DiffScenario.objective("OBJ-INC-11"),
                        measurements: String = ExampleTree.measurements) -> (files: [String: String], removing: [String]) {
        let files = [
            "objectives/OBJ-INC-11.md": objective,
            "measurements/OBJ-INC-11.csv": measurements,
            "reviews/2026-11-10.md": ExampleTree.review.replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-11"),
            "communications/2026-01-20.md": ExampleTree.communication.replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-11"),
        ]
        return (files, ["objectives/OBJ-INC-01.md", "measurements/OBJ-INC-01.csv"])
    }

    static func pair(base: [String: String] = [:], _ head: (files: [String: String], removing: [String])) throws -> FolderPair {
        try FolderPair(base: base, head: head.files, removing: head.removing)
    }

    /// An objective kept under its id in another file (a folder reorganised) is moved, not renamed,
    /// as a review or a communication is; its id stays, so nothing that names it changes.
    @Test func aFileMovedUnderItsIdIsMovedNotRenamed() throws {
        let pair = try Self.pair((["objectives/team/OBJ-INC-01.md": ExampleTree.objective], ["objectives/OBJ-INC-01.md"]))
        defer { pair.remove() }
        let diff = try pair.diff()
        let c = try #require(diff.changed.first)
        #expect(diff.changed.count == 1 && c.previousID == nil && c.previousFile != nil && c.isRenamed)
        let report = DiffReport(diff: diff)
        #expect(report.summary() == "1 objective moved · 0 findings introduced, 0 resolved")
        #expect(report.render(.markdown).contains("\n**1 objective moved · 0 findings introduced, 0 resolved**\n"))
    }

    @Test func aRenameAloneIsOneChangeInEveryFormat() throws {
        // In git, as an author does it: `git mv`, then the id edited where it is written.
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("Objectives")
        try repo.git("mv", "content/objectives/OBJ-INC-01.md", "content/objectives/OBJ-INC-11.md")
        try repo.git("mv", "content/measurements/OBJ-INC-01.csv", "content/measurements/OBJ-INC-11.csv")
        for (file, text) in Self.renamed().files { try repo.write("content/" + file, text) }
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())

        #expect(diff.added.isEmpty && diff.removed.isEmpty)
        #expect(diff.measurements.isEmpty)
        #expect(diff.introduced.isEmpty && diff.resolved.isEmpty, "\(diff.introduced.map(\.message)) \(diff.resolved.map(\.message))")
        let c = try #require(diff.changed.first)
        #expect(diff.changed.count == 1 && c.id == "OBJ-INC-11" && c.previousID == "OBJ-INC-01")
        let old = repo.content + "/objectives/OBJ-INC-01.md", new = repo.content + "/objectives/OBJ-INC-11.md"
        #expect(c.fields == [.init(field: "id", before: "OBJ-INC-01", after: "OBJ-INC-11"), .init(field: "file", before: old, after: new)])
        #expect(c.isRenamed && !c.isChanged && diff.renamedCount == 1 && diff.changedCount == 0)

        let report = DiffReport(diff: diff)
        #expect(report.summary() == "1 objective renamed · 0 findings introduced, 0 resolved")
        #expect(report.render(.text).contains("\nChanged objectives\n  Renamed: OBJ-INC-01 → OBJ-INC-11  \(new)\n    file: \(old) → \(new)\n"))
        #expect(!report.render(.text).contains("Added objectives") && !report.render(.text).contains("Removed objectives"))
        let markdown = report.markdown()
        #expect(markdown.contains("| Renamed: **OBJ-INC-01** → **OBJ-INC-11** | `file` |"), "\(markdown)")
        #expect(!markdown.contains("Removed objectives") && !markdown.contains("⚠️"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["objectives_renamed"] as? Int == 1 && summary["objectives_id_changed"] as? Int == 1)
        #expect(summary["objectives_added"] as? Int == 0 && summary["objectives_removed"] as? Int == 0)
        let objectives = try #require(json["objectives"] as? [String: Any])
        let changed = try #require((objectives["changed"] as? [[String: Any]])?.first)
        #expect(changed["id"] as? String == "OBJ-INC-11" && changed["previous_id"] as? String == "OBJ-INC-01")
        #expect((changed["fields"] as? [[String: Any]])?.first?["field"] as? String == "id")
    }

    @Test func anObjectiveNotRenamedHasNoPreviousID() throws {
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": DiffScenario.tightened])
        defer { pair.remove() }
        let report = DiffReport(diff: try pair.diff())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let changed = try #require(((json["objectives"] as? [String: Any])?["changed"] as? [[String: Any]])?.first)
        #expect(changed.keys.contains("previous_id") && changed["previous_id"] is NSNull)
        #expect((json["summary"] as? [String: Any])?["objectives_id_changed"] as? Int == 0)
        #expect(report.render(.text).contains("\n  OBJ-INC-01  "))
    }

    @Test func aRenameWithATitleChangeShowsTheTitleAndNeedsAVersion() throws {
        let retitled = DiffScenario.objective("OBJ-INC-11", ["title: Restore priority-1 incidents quickly": "title: Restore P1 incidents within four hours"])
        let pair = try Self.pair(Self.renamed(objective: retitled))
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.measurements.isEmpty)
        let c = try #require(diff.changed.first)
        #expect(c.previousID == "OBJ-INC-01" && c.id == "OBJ-INC-11")
        #expect(c.fields.map(\.field) == ["id", "file", "title"])
        #expect(c.fields.last?.after == "Restore P1 incidents within four hours")
        #expect(c.isChanged && diff.changedCount == 1 && diff.renamedCount == 1)
        // The title changed without a new version: that is the finding, under the new id; the rename is not.
        #expect(diff.introduced.map(\.rule) == ["updated/unrecorded-change"])
        #expect(diff.introduced.first?.objective == "OBJ-INC-11")
        #expect(diff.introduced.first?.message.contains("(`title`)") == true)
        #expect(diff.resolved.isEmpty)
        let report = DiffReport(diff: diff)
        #expect(report.summary().hasPrefix("1 objective changed, 1 renamed · 1 finding introduced"))
        #expect(report.render(.text).contains("  Renamed: OBJ-INC-01 → OBJ-INC-11  \(pair.head.path)/objectives/OBJ-INC-11.md\n    file: "))
        #expect(report.render(.text).contains("\n    title: Restore priority-1 incidents quickly → Restore P1 incidents within four hours\n"))
    }

    @Test func textNamingItsOwnIdFollowsTheRename() throws {
        // The notes name the objective's id; a rename edits them with it: no change of content.
        let base = ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["---\nRationale.": "---\nRationale for OBJ-INC-01, not OBJ-INC-010.\n\nSee the review."])]
        let same = DiffScenario.objective("OBJ-INC-11", ["---\nRationale.": "---\nRationale for OBJ-INC-11, not OBJ-INC-010.\n\nSee the review."])
        let pair = try Self.pair(base: base, Self.renamed(objective: same))
        defer { pair.remove() }
        let diff = try pair.diff()
        let c = try #require(diff.changed.first)
        #expect(c.previousID == "OBJ-INC-01" && c.fields.map(\.field) == ["id", "file"])
        #expect(diff.introduced.isEmpty, "\(diff.introduced.map(\.message))")

        // A real change to the notes still shows, at its own line rather than the id's.
        let edited = DiffScenario.objective("OBJ-INC-11", ["---\nRationale.": "---\nRationale for OBJ-INC-11, not OBJ-INC-010.\n\nSee the minutes."])
        let other = try Self.pair(base: base, Self.renamed(objective: edited))
        defer { other.remove() }
        let changed = try #require(try other.diff().changed.first)
        #expect(changed.fields.map(\.field) == ["id", "file", "body"])
        #expect(changed.fields.last?.before?.hasSuffix("See the review.") == true && changed.fields.last?.after?.hasSuffix("See the minutes.") == true)
        #expect(try other.diff().introduced.map(\.rule) == ["updated/unrecorded-change"])

        // A mention of another objective's id is content: OBJ-INC-010 became OBJ-INC-012.
        let otherID = DiffScenario.objective("OBJ-INC-11", ["---\nRationale.": "---\nRationale for OBJ-INC-11, not OBJ-INC-012.\n\nSee the review."])
        let third = try Self.pair(base: base, Self.renamed(objective: otherID))
        defer { third.remove() }
        #expect(try third.diff().changed.first?.fields.map(\.field) == ["id", "file", "body"])
    }

    @Test func aHistoryEntryNamingItsOwnIdFollowsTheRename() throws {
        let base = ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["change: First version.": "change: First version of OBJ-INC-01."])]
        // The title changed too, so only the history can pair them: it must read as kept.
        let head = DiffScenario.objective("OBJ-INC-11", ["change: First version.": "change: First version of OBJ-INC-11.",
                                                         "title: Restore priority-1 incidents quickly": "title: Restore P1 incidents"])
        let pair = try Self.pair(base: base, Self.renamed(objective: head))
        defer { pair.remove() }
        let diff = try pair.diff()
        let c = try #require(diff.changed.first)
        #expect(c.previousID == "OBJ-INC-01" && c.history.isEmpty && c.fields.map(\.field) == ["id", "file", "title"])

        // Another change to that entry is a record rewritten: no pairing on a record not kept.
        let rewritten = DiffScenario.objective("OBJ-INC-11", ["change: First version.": "change: Second version of OBJ-INC-11.",
                                                              "title: Restore priority-1 incidents quickly": "title: Restore P1 incidents"])
        let other = try Self.pair(base: base, Self.renamed(objective: rewritten))
        defer { other.remove() }
        #expect(try other.diff().added.map(\.id) == ["OBJ-INC-11"])
    }

    @Test func aRenameRecordedAsANewVersionIsNoFinding() throws {
        let recorded = DiffScenario.objective("OBJ-INC-11", [
            "title: Restore priority-1 incidents quickly": "title: Restore P1 incidents within four hours",
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15": "approved_on: 2026-11-20",
            "---\nRationale.": "  - version: 2\n    date: 2026-11-20\n    change: Renumbered and retitled.\n    reason: New numbering.\n    approved_by: Head of Service Management\n---\nRationale.",
        ])
        let pair = try Self.pair(Self.renamed(objective: recorded))
        defer { pair.remove() }
        let diff = try pair.diff()
        let c = try #require(diff.changed.first)
        #expect(c.previousID == "OBJ-INC-01" && c.history.map(\.kind) == [.added])
        // The new approval asks for a new communication; the rename itself asks for nothing.
        #expect(diff.introduced.map(\.rule) == ["communicated/missing"], "\(diff.introduced.map(\.message))")
    }

    @Test func valuesThatMovedAreNoChangeAndARewrittenOneStillIs() throws {
        let rewritten = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,4.9,,"])
        let pair = try Self.pair(Self.renamed(measurements: rewritten))
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.first?.previousID == "OBJ-INC-01")
        let m = try #require(diff.measurements.first)
        #expect(diff.measurements.count == 1 && m.objective == "OBJ-INC-11")
        #expect(m.changes.count == 1)
        let change = try #require(m.changes.first)
        #expect(change.period.description == "2026-05" && change.kind == .changed && change.rewritesPast)
        #expect(change.before?.value == "3.4" && change.after?.value == "4.9")
        #expect(change.before?.status == .onTarget && change.after?.status == .withinTolerance)
        #expect(DiffReport(diff: diff).summary() == "1 objective renamed · 1 past measurement value rewritten · 0 findings introduced, 0 resolved")
    }

    @Test func rowsLeftUnderTheOldIdAreReportedAsSuch() throws {
        // The objective renamed, its measurements file not: the renamed objective lost its values.
        var head = Self.renamed()
        head.files["measurements/OBJ-INC-11.csv"] = nil
        head.removing = ["objectives/OBJ-INC-01.md"]
        let pair = try Self.pair(head)
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.first?.previousID == "OBJ-INC-01")
        let byID = Dictionary(uniqueKeysWithValues: diff.measurements.map { ($0.objective, $0.changes) })
        #expect(byID["OBJ-INC-11"]?.count == 9 && byID["OBJ-INC-11"]?.allSatisfy { $0.kind == .removed && $0.rewritesPast } == true)
        #expect(byID["OBJ-INC-01"]?.count == 9 && byID["OBJ-INC-01"]?.allSatisfy { $0.kind == .added } == true)
        #expect(diff.introduced.contains { $0.rule == "monitored/unknown-objective" })
    }

    @Test func findingsOfARenamedObjectiveAreNeitherResolvedNorIntroduced() throws {
        // Never measured: the objective has its monitoring findings on both sides.
        let unmeasured = ["measurements/OBJ-INC-01.csv"]
        var head = Self.renamed(objective: DiffScenario.objective("OBJ-INC-11", ["title: Restore priority-1 incidents quickly": "title: Restore P1 incidents"]))
        head.files["measurements/OBJ-INC-11.csv"] = nil
        let base = try TemporaryTree(ExampleTree.base, removing: unmeasured)
        let headTree = try TemporaryTree(ExampleTree.base.merging(head.files) { $1 }, removing: head.removing)
        defer { base.remove(); headTree.remove() }
        let diff = try ContentDiff.compare(base: .folder(base.path), head: .folder(headTree.path), content: headTree.path,
                                           asOf: try DiffScenario.day())
        #expect(diff.changed.first?.previousID == "OBJ-INC-01")
        let baseFindings = diff.base.findings.filter { $0.objective == "OBJ-INC-01" }
        #expect(!baseFindings.isEmpty)
        #expect(diff.resolved.isEmpty, "\(diff.resolved.map(\.message))")
        // What really changed still shows: the title changed without a new version.
        #expect(diff.introduced.map(\.rule) == ["updated/unrecorded-change"], "\(diff.introduced.map(\.message))")
        #expect(diff.introduced.first?.objective == "OBJ-INC-11")
    }

    @Test func twoRemovedAndTwoAddedAlikeAreNotPaired() throws {
        // Two copies of one objective removed, two added: which became which cannot be told.
        let base = ["objectives/OBJ-A-01.md": DiffScenario.objective("OBJ-A-01"), "objectives/OBJ-A-02.md": DiffScenario.objective("OBJ-A-02")]
        let head = ["objectives/OBJ-B-01.md": DiffScenario.objective("OBJ-B-01"), "objectives/OBJ-B-02.md": DiffScenario.objective("OBJ-B-02")]
        let pair = try FolderPair(base: base, head: head, removing: Array(base.keys))
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.map(\.id) == ["OBJ-B-01", "OBJ-B-02"])
        #expect(diff.removed.map(\.id) == ["OBJ-A-01", "OBJ-A-02"])
        #expect(diff.changed.isEmpty)
    }

    @Test func oneOfTwoAlikePairsWhenTheOtherStays() throws {
        // OBJ-A-02 stays; OBJ-A-01 became OBJ-B-01: one candidate each way.
        let base = ["objectives/OBJ-A-01.md": DiffScenario.objective("OBJ-A-01"), "objectives/OBJ-A-02.md": DiffScenario.objective("OBJ-A-02")]
        let pair = try FolderPair(base: base, head: ["objectives/OBJ-B-01.md": DiffScenario.objective("OBJ-B-01")],
                                  removing: ["objectives/OBJ-A-01.md"])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.isEmpty && diff.removed.isEmpty)
        #expect(diff.changed.map(\.id) == ["OBJ-B-01"] && diff.changed.first?.previousID == "OBJ-A-01")
    }

    @Test func anUnrelatedObjectiveAddedIsNotARename() throws {
        let unrelated = DiffScenario.objective("OBJ-INC-11", [
            "title: Restore priority-1 incidents quickly": "title: Resolve service requests on time",
            "name: P1 restoration time, 90th percentile": "name: Service requests resolved on time",
            "definition: Hours from the creation of a P1 ticket to the restoration of service.": "definition: Share of requests resolved within their agreed time.",
        ])
        let pair = try Self.pair(Self.renamed(objective: unrelated))
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.map(\.id) == ["OBJ-INC-11"] && diff.removed.map(\.id) == ["OBJ-INC-01"])
        #expect(diff.changed.isEmpty)
    }

    @Test func theSameTitleInAnotherFunctionIsNotARename() throws {
        let configuration = ExampleTree.configuration + """
              - id: change
                name: Change management
                level: process
                owner: Change Manager
                forum: ops-review

            """
        let elsewhere = DiffScenario.objective("OBJ-CHG-01", ["function: incident": "function: change", "owner: Incident Process Owner": "owner: Change Manager"])
        let pair = try FolderPair(base: ["evident.yml": configuration], head: ["objectives/OBJ-CHG-01.md": elsewhere],
                                  removing: ["objectives/OBJ-INC-01.md"])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.map(\.id) == ["OBJ-CHG-01"] && diff.removed.map(\.id) == ["OBJ-INC-01"])
        #expect(diff.changed.isEmpty)
    }

    @Test func anObjectiveWhoseRecordWasRewrittenIsNotARename() throws {
        // The same measure, but a history of its own: a new objective in the old one's place.
        let replacement = DiffScenario.objective("OBJ-INC-11", ["date: 2026-01-15\n    change: First version.": "date: 2026-11-20\n    change: First version."])
        let pair = try Self.pair(Self.renamed(objective: replacement))
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.added.map(\.id) == ["OBJ-INC-11"] && diff.removed.map(\.id) == ["OBJ-INC-01"])
    }

    @Test func anIdInAMessageIsReplacedOnlyAsAWholeWord() {
        let text = "`OBJ-1` and OBJ-1, not OBJ-10 nor XOBJ-1 nor OBJ-1_b; OBJ-1."
        #expect(IDRenames.replacingWord("OBJ-1", with: "OBJ-2", in: text) == "`OBJ-2` and OBJ-2, not OBJ-10 nor XOBJ-1 nor OBJ-1_b; OBJ-2.")
        #expect(IDRenames.replacingWord("OBJ-1", with: "OBJ-2", in: "none") == "none")
        // Every rename at once, in one pass: only whole ids, and an id with a full stop in it too.
        let renames = IDRenames(["OBJ-1": "OBJ-2", "OBJ-3": "OBJ-4", "A.1": "A.2"])
        #expect(renames.apply(text + " OBJ-3's trend, A.1 and A.10") == "`OBJ-2` and OBJ-2, not OBJ-10 nor XOBJ-1 nor OBJ-1_b; OBJ-2. OBJ-4's trend, A.2 and A.10")
        #expect(IDRenames().apply(text) == text)
    }
}
