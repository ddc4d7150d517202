import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentModel

/// `evident diff` on real git repositories and folders: what it finds, and what it leaves alone.
@Suite struct ContentDiffTests {
    // MARK: two revisions

    @Test func objectivesAddedRemovedRenamedAndChanged() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")

        #expect(diff.added.map(\.id) == ["OBJ-NEW-01"])
        #expect(diff.added.first?.file == s.repo.content + "/objectives/OBJ-NEW-01.md")
        #expect(diff.removed.map(\.id) == ["OBJ-CHG-01"])
        #expect(diff.removed.first?.file == s.repo.content + "/objectives/OBJ-CHG-01.md")
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01", "OBJ-INC-02"])

        let tightened = try #require(diff.changed.first { $0.id == "OBJ-INC-01" })
        #expect(tightened.fields == [ContentDiff.FieldChange(field: "target", before: "<= 4 h", after: "<= 3 h")])
        #expect(!tightened.isRenamed)

        let moved = try #require(diff.changed.first { $0.id == "OBJ-INC-02" })
        #expect(moved.isRenamed && !moved.isChanged)
        #expect(moved.previousFile == s.repo.content + "/objectives/old/OBJ-INC-02.md")
        #expect(moved.fields == [ContentDiff.FieldChange(field: "file", before: s.repo.content + "/objectives/old/OBJ-INC-02.md",
                                                         after: s.repo.content + "/objectives/new/OBJ-INC-02.md")])
        #expect(diff.changedCount == 1 && diff.renamedCount == 1)
        // The communication of the second commit, as a record the rules read.
        #expect(diff.declarations.map(\.id) == ["communications/2026-02-01.md"] && diff.declarations.first?.change == .added)
        #expect(diff.base.source == .revision("v1", commit: s.first))
        #expect(diff.head.source == .revision("HEAD", commit: s.third))
        #expect(diff.base.label == "revision v1 (\(s.first))")
        #expect(diff.head.label == "revision HEAD (\(s.third))")
    }

    @Test func findingsIntroducedAndResolvedWithTheUnrecordedChangeFirst() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")

        let unrecorded = try #require(diff.introduced.first)
        #expect(unrecorded.rule == "updated/unrecorded-change")
        #expect(unrecorded.severity == .error)
        #expect(unrecorded.objective == "OBJ-INC-01")
        #expect(unrecorded.message.contains("(`target`)") && unrecorded.message.contains("`version: 2`"))
        let versionLine = try Self.line(of: "version: 1", in: DiffScenario.tightened)
        #expect(unrecorded.location == SourceLocation(file: s.repo.content + "/objectives/OBJ-INC-01.md", line: versionLine, column: 10))
        #expect(diff.introduced.filter { $0.rule == "updated/unrecorded-change" }.count == 1)

        // The dangling policy reference of the new objective, where it is written.
        let dangling = try #require(diff.introduced.first { $0.rule == "policy/unknown-statement" })
        #expect(dangling.objective == "OBJ-NEW-01")
        #expect(dangling.severity == .error)
        #expect(dangling.location.file == s.repo.content + "/objectives/OBJ-NEW-01.md")
        #expect(dangling.location.line == (try Self.line(of: "policy:", in: DiffScenario.objective("OBJ-NEW-01"))))
        #expect(dangling.message.contains("POL-9"))
        // The new objective's own monitoring warnings are new too.
        #expect(diff.introduced.contains { $0.rule == "monitored/no-data" && $0.objective == "OBJ-NEW-01" })

        // The deleted objective's warnings are resolved, and nothing about unchanged files moved.
        #expect(diff.resolved.contains { $0.rule == "monitored/no-data" && $0.objective == "OBJ-CHG-01" })
        #expect(diff.resolved.allSatisfy { $0.objective == "OBJ-CHG-01" }, "\(diff.resolved.map(\.message))")
        #expect(!diff.introduced.contains { $0.objective == "OBJ-INC-02" || $0.objective == "OBJ-CHG-01" })

        // Paths read as the content folder the user named, never as the temporary folder.
        for f in diff.introduced + diff.resolved {
            #expect(f.location.file.hasPrefix(s.repo.content + "/"), "\(f.location)")
            #expect(!f.location.file.contains("evident-diff-") && !f.message.contains("evident-diff-"), "\(f.location) \(f.message)")
        }
        #expect(diff.fails(at: .error))
        #expect(diff.fails(at: .warning))
        #expect(!diff.fails(at: nil))
    }

    /// A version raised with no history entry for it is said once, by `updated/history`, which
    /// stays after the merge; by the unrecorded change when that rule is set lower or off.
    @Test func aNewVersionWithoutAHistoryEntryIsOneFinding() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("Base")
        try repo.write("content/objectives/OBJ-INC-01.md", ExampleTree.edit(DiffScenario.tightened, ["\nversion: 1": "\nversion: 2"]))
        let versionLine = try Self.line(of: "version: 1", in: DiffScenario.tightened)
        func atVersion(_ diff: ContentDiff) -> [String] {
            diff.introduced.filter { $0.location.line == versionLine && $0.location.file.hasSuffix("OBJ-INC-01.md") }.map(\.rule)
        }
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(atVersion(diff) == ["updated/history"])
        #expect(diff.fails(at: .error))
        for severity in ["warning", "off"] {
            try repo.git("checkout", "-q", "--", "content/objectives/OBJ-INC-01.md")
            try repo.write("content/evident.yml", ExampleTree.base["evident.yml", default: ""] + "rules:\n  updated/history: \(severity)\n")
            try repo.commit("updated/history: \(severity)")
            try repo.write("content/objectives/OBJ-INC-01.md", ExampleTree.edit(DiffScenario.tightened, ["\nversion: 1": "\nversion: 2"]))
            let lowered = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
            #expect(atVersion(lowered) == (severity == "off" ? ["updated/unrecorded-change"] : ["updated/unrecorded-change", "updated/history"]), "\(severity)")
            #expect(lowered.fails(at: .error))
        }
    }

    /// Review minutes redated and an action's due date moved, or minutes added for a past
    /// meeting, silence `review-overdue`, `action-overdue` and `persistent-off-target` with no
    /// objective or value changed: each record shows, a changed one by what differs in it. The
    /// minutes' text is not what the rules read and is no change.
    @Test func reviewsRewrittenOrAddedShowAsRecords() throws {
        let old = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-07-10", "due: 2026-12-15": "due: 2026-10-22"])
        let redated = ExampleTree.edit(old, ["date: 2026-07-10": "date: 2026-10-25", "due: 2026-10-22": "due: 2026-12-22"])
        let backdated = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-08-20", "ACT-1": "ACT-2", "    status: open\n": "    status: done\n"])
        let pair = try FolderPair(base: ["reviews/2026-11-10.md": old],
                                  head: ["reviews/2026-11-10.md": redated, "reviews/2026-08-20.md": backdated])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.isEmpty && diff.measurements.isEmpty && diff.introduced.isEmpty)
        #expect(diff.resolved.map(\.rule).sorted() == ["monitored/action-overdue", "monitored/review-overdue"])
        let added = ContentDiff.DeclarationChange(
            kind: .review, id: "reviews/2026-08-20.md", before: nil,
            after: "2026-08-20 · forum ops-review · chair Head of Service Operations · attendees Incident Process Owner · objectives OBJ-INC-01 · decision on OBJ-INC-01: no-change (On target.) · action ACT-2, on OBJ-INC-01, Incident Process Owner, due 2026-12-15, done: Check the P1 runbook.")
        let changed = ContentDiff.DeclarationChange(
            kind: .review, id: "reviews/2026-11-10.md",
            before: "2026-07-10 · action ACT-1, on OBJ-INC-01, Incident Process Owner, due 2026-10-22, open: Check the P1 runbook.",
            after: "2026-10-25 · action ACT-1, on OBJ-INC-01, Incident Process Owner, due 2026-12-22, open: Check the P1 runbook.")
        #expect(diff.declarations == [added, changed])
        let report = DiffReport(diff: diff)
        #expect(report.summary().hasPrefix("no objective changed · 1 review added, 1 review changed · "), "\(report.summary())")
        #expect(report.render(.text).contains("\n  ~ review reviews/2026-11-10.md: 2026-07-10 · action ACT-1"))
        let json = try HistoryDiffTests.object(report)
        #expect((json["declarations"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["review", "review"])

        // The minutes' text edited, and a communication's: no record changed.
        let text = try FolderPair(base: ["reviews/2026-11-10.md": old],
                                  head: ["reviews/2026-11-10.md": old.replacingOccurrences(of: "Minutes.", with: "Minutes, typed up."),
                                         "communications/2026-01-20.md": ExampleTree.communication + "More.\n"])
        defer { text.remove() }
        #expect(try text.diff().declarations.isEmpty)
    }

    /// The day an action was done is part of its record: setting it (or writing it beside another
    /// status) is a change, as it changes what a past as-of date judges.
    @Test func anActionsDoneOnIsPartOfTheRecord() throws {
        let done = ExampleTree.edit(ExampleTree.review, ["status: open": "status: done"])
        let dated = try FolderPair(base: ["reviews/2026-11-10.md": done],
                                   head: ["reviews/2026-11-10.md": ExampleTree.edit(done, ["status: done": "status: done\n    done_on: 2026-11-20"])])
        defer { dated.remove() }
        #expect(try dated.diff().declarations.map { [$0.before ?? "", $0.after ?? ""] } == [[
            "2026-11-10 · action ACT-1, on OBJ-INC-01, Incident Process Owner, due 2026-12-15, done: Check the P1 runbook.",
            "2026-11-10 · action ACT-1, on OBJ-INC-01, Incident Process Owner, due 2026-12-15, done on 2026-11-20: Check the P1 runbook.",
        ]])
        let contradicted = try FolderPair(head: ["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: open\n    done_on: 2026-11-20"])])
        defer { contradicted.remove() }
        #expect(try contradicted.diff().declarations.first?.after?.contains("due 2026-12-15, open, done_on 2026-11-20: Check") == true)
    }

    /// A review or communication moved to another file shows as moved, with what differs, not as
    /// one removed and another added: first paired by the same record, then by the same date.
    @Test func recordsMovedToAnotherFileShowAsMoved() throws {
        let pair = try FolderPair(
            head: ["reviews/2026/2026-11-10.md": ExampleTree.review,
                   "communications/january.md": ExampleTree.edit(ExampleTree.communication, ["channel: intranet": "channel: email"])],
            removing: ["reviews/2026-11-10.md", "communications/2026-01-20.md"])
        defer { pair.remove() }
        let diff = try pair.diff()
        let moved = ContentDiff.DeclarationChange(kind: .review, id: "reviews/2026/2026-11-10.md", before: nil, after: nil,
                                                  previousID: "reviews/2026-11-10.md")
        let edited = ContentDiff.DeclarationChange(kind: .communication, id: "communications/january.md",
                                                   before: "2026-01-20 · channel intranet", after: "2026-01-20 · channel email",
                                                   previousID: "communications/2026-01-20.md")
        #expect(diff.declarations == [moved, edited], "\(diff.declarations)")
        #expect(diff.introduced.isEmpty && diff.resolved.isEmpty)
        let report = DiffReport(diff: diff)
        #expect(report.summary().hasPrefix("no objective changed · 1 review moved, 1 communication moved · "), "\(report.summary())")
        let text = report.render(.text)
        #expect(text.contains("\n  > review reviews/2026/2026-11-10.md, moved from reviews/2026-11-10.md\n"), "\(text)")
        #expect(text.contains("\n  > communication communications/january.md, moved from communications/2026-01-20.md: "
                              + "2026-01-20 · channel intranet → 2026-01-20 · channel email\n"))
        #expect(report.render(.markdown).contains("| review **reviews/2026/2026-11-10.md** | moved from reviews/2026-11-10.md | — | — |"))
        let json = try HistoryDiffTests.object(report)
        let declarations = try #require(json["declarations"] as? [[String: Any]])
        #expect(declarations.map { $0["change"] as? String } == ["moved", "moved"])
        #expect(declarations.map { $0["previous_id"] as? String } == ["reviews/2026-11-10.md", "communications/2026-01-20.md"])
    }

    /// Two records of one date moved and edited cannot be told apart: each shows removed and added.
    /// Moved unchanged, each is paired with itself, whatever the paths' order.
    @Test func recordsOfOneDateArePairedOnlyWhenTheyCanBeToldApart() throws {
        let other = ExampleTree.edit(ExampleTree.review, ["chair: Head of Service Operations": "chair: Service Owner"])
        // BASE: reviews/2026-11-10.md (the example review) and reviews/b.md.
        let base = ["reviews/b.md": other]
        let swapped = try FolderPair(base: base, head: ["reviews/x/b.md": ExampleTree.review, "reviews/x/a.md": other],
                                     removing: ["reviews/2026-11-10.md", "reviews/b.md"])
        defer { swapped.remove() }
        let moves = try swapped.diff().declarations
        #expect(moves.map(\.id) == ["reviews/x/a.md", "reviews/x/b.md"] && moves.allSatisfy { $0.change == .moved && $0.before == nil })
        #expect(moves.map(\.previousID) == ["reviews/b.md", "reviews/2026-11-10.md"])

        let edited = try FolderPair(base: base, head: ["reviews/x/a.md": ExampleTree.edit(ExampleTree.review, ["status: open": "status: done"]),
                                                       "reviews/x/b.md": ExampleTree.edit(other, ["status: open": "status: done"])],
                                    removing: ["reviews/2026-11-10.md", "reviews/b.md"])
        defer { edited.remove() }
        let changes = try edited.diff().declarations
        #expect(changes.map(\.change) == [.removed, .removed, .added, .added], "\(changes)")
    }

    /// A review's lists in another order are the same record: no rule reads their order.
    @Test func listsOfAReviewReorderedAreNoChange() throws {
        let two = ExampleTree.edit(ExampleTree.review, [
            "attendees: [Incident Process Owner]": "attendees: [Incident Process Owner, Problem Manager]",
            "    note: On target.\n": "    note: On target.\n  - objective: OBJ-INC-02\n    decision: escalate\n",
        ])
        let swapped = ExampleTree.edit(two, [
            "attendees: [Incident Process Owner, Problem Manager]": "attendees: [Problem Manager, Incident Process Owner]",
            "  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n  - objective: OBJ-INC-02\n    decision: escalate\n":
                "  - objective: OBJ-INC-02\n    decision: escalate\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n",
        ])
        #expect(swapped != two && swapped.contains("  - objective: OBJ-INC-02\n    decision: escalate\n  - objective: OBJ-INC-01"))
        let pair = try FolderPair(base: ["reviews/2026-11-10.md": two], head: ["reviews/2026-11-10.md": swapped])
        defer { pair.remove() }
        #expect(try pair.diff().declarations.isEmpty)

        // A decision changed among them still shows, by what differs.
        let changed = try FolderPair(base: ["reviews/2026-11-10.md": two],
                                     head: ["reviews/2026-11-10.md": ExampleTree.edit(swapped, ["decision: escalate": "decision: update"])])
        defer { changed.remove() }
        let declarations = try changed.diff().declarations
        #expect(declarations.map(\.before) == ["2026-11-10 · decision on OBJ-INC-02: escalate"], "\(declarations)")
        #expect(declarations.map(\.after) == ["2026-11-10 · decision on OBJ-INC-02: update"])
    }

    @Test func aRevisionWithoutObjectiveChangesIntroducesNothing() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD~1")
        #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.changed.isEmpty)
        #expect(diff.declarations.map(\.kind) == [.communication])
        #expect(diff.introduced.isEmpty && diff.resolved.isEmpty)
        #expect(!diff.fails(at: .info))
        #expect(diff.head.source == .revision("HEAD~1", commit: s.second))
        // A full commit hash and a branch name are revisions too.
        let same = try s.diff(s.first, "main")
        #expect(same.changed.map(\.id) == ["OBJ-INC-01", "OBJ-INC-02"])
    }

    @Test func headDefaultsToTheWorkingTree() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        try s.repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.recorded)

        let diff = try s.diff("v1")
        #expect(diff.head.source == .workingTree(s.repo.content))
        #expect(diff.head.label == "working tree \(s.repo.content)")
        #expect(!diff.introduced.contains { $0.rule == "updated/unrecorded-change" })
        let changed = try #require(diff.changed.first { $0.id == "OBJ-INC-01" })
        #expect(changed.fields.map(\.field) == ["target", "version"])
        #expect(changed.fields.first { $0.field == "version" } == .init(field: "version", before: "1", after: "2"))
        #expect(changed.history.map(\.kind) == [.added])
        #expect(changed.history.first.flatMap { $0.after.map(HistoryChanges.shown) } == "version 2, 2026-11-20 · Target tightened from 4 h to 3 h. · reason: MSA renewal with the customer. · approved by Head of Service Management")

        // Against HEAD, only the record of the change moved: no content change, so no finding.
        let recordOnly = try s.diff("HEAD")
        #expect(recordOnly.changed.map(\.id) == ["OBJ-INC-01"])
        #expect(recordOnly.changed.first?.fields.map(\.field) == ["version"])
        #expect(recordOnly.changed.first?.history.map(\.kind) == [.added])
        #expect(!recordOnly.introduced.contains { $0.rule == "updated/unrecorded-change" })
        // HEAD itself carried the unrecorded target change; recording it resolves nothing that
        // check reports, since the rule exists only in a diff.
        #expect(recordOnly.resolved.isEmpty)
    }

    @Test func diffingLeavesWorkingTreeIndexAndBranchesUntouched() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        try s.repo.git("branch", "feature", "v1")
        // A staged change, an unstaged change and an untracked file, as a user has mid-work.
        try s.repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.recorded)
        try s.repo.git("add", "content/objectives/OBJ-INC-01.md")
        try s.repo.write("content/objectives/OBJ-NEW-01.md", DiffScenario.objective("OBJ-NEW-01"))
        try s.repo.write("content/objectives/OBJ-WIP-01.md", DiffScenario.objective("OBJ-WIP-01"))
        let files = try ["OBJ-INC-01", "OBJ-NEW-01", "OBJ-WIP-01"].map { try s.repo.read("content/objectives/\($0).md") }
        let before = try s.repo.state()

        _ = try s.diff("v1", "HEAD")
        _ = try s.diff("feature", "HEAD~1")
        _ = try s.diff("v1")
        #expect(throws: DiffFailure.self) { try s.diff("no-such-branch") }

        let after = try s.repo.state()
        #expect(after == before)
        #expect(before.status.contains("M  content/objectives/OBJ-INC-01.md"))
        #expect(before.status.contains("?? content/objectives/OBJ-WIP-01.md"))
        #expect(before.branch == "main")
        #expect(try ["OBJ-INC-01", "OBJ-NEW-01", "OBJ-WIP-01"].map { try s.repo.read("content/objectives/\($0).md") } == files)
    }

    // MARK: bad arguments

    @Test func aBaseThatIsNotARevisionIsAClearError() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        for name in ["no-such-branch", "-x", "v1:content", ""] {
            let failure = try #require(throws: DiffFailure.self) { try s.diff(name) }
            #expect(failure.description.hasPrefix("BASE `\(name)` is not a revision of the git repository at "), "\(failure)")
            #expect(!failure.description.contains("--base-dir"), "no folder of that name: \(failure)")
        }
        let head = try #require(throws: DiffFailure.self) { try s.diff("v1", "nope") }
        #expect(head.description.hasPrefix("HEAD `nope`"))
    }

    /// A name that is not a revision but a folder's is refused, with the flag that compares the
    /// folder; it is never read as that folder.
    @Test func aFolderNamedAsARevisionIsRefusedWithTheFlagToUse() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let folder = try TemporaryTree(ExampleTree.base)
        defer { folder.remove() }
        let base = try #require(throws: DiffFailure.self) { try s.diff(folder.path) }
        #expect(base.description.hasPrefix("BASE `\(folder.path)` is not a revision"), "\(base)")
        #expect(base.description.contains("A folder named `\(folder.path)` exists, but BASE and HEAD are always revisions; to compare that folder, pass --base-dir \(folder.path)."), "\(base)")
        let head = try #require(throws: DiffFailure.self) { try s.diff("v1", folder.path) }
        #expect(head.description.contains("pass --head-dir \(folder.path)."), "\(head)")
        // Outside a repository too.
        let outside = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision(folder.path), content: folder.path, asOf: try DiffScenario.day())
        }
        #expect(outside.description.contains("not in a git repository"), "\(outside)")
        #expect(outside.description.contains("pass --base-dir \(folder.path)."), "\(outside)")
        // Named as a folder, it is one.
        let diff = try ContentDiff.compare(base: .folder(folder.path), content: s.repo.content, asOf: try DiffScenario.day())
        #expect(diff.base.source == .folder(folder.path) && diff.base.label == "folder \(folder.path)")
        #expect(diff.head.source == .workingTree(s.repo.content))
        let missing = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("v1"), head: .folder(folder.path + "/none"), content: s.repo.content, asOf: try DiffScenario.day())
        }
        #expect(missing.description == "--head-dir `\(folder.path)/none` is not a folder. Name an existing content folder.")
    }

    /// A name git finds ambiguous is refused, whatever git's precedence would pick and even with
    /// git's own warning turned off; the full refs resolve.
    @Test func aNameGitFindsAmbiguousIsAnError() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        try s.repo.git("branch", "release", s.third)
        try s.repo.git("tag", "release", s.first)
        try s.repo.git("config", "core.warnAmbiguousRefs", "false")
        for name in ["release", "release~1", "release^{commit}"] {
            let failure = try #require(throws: DiffFailure.self) { try s.diff(name) }
            #expect(failure.description.hasPrefix("BASE `\(name)` is ambiguous in the git repository at "), "\(failure)")
            #expect(failure.description.contains(" (git: refname 'release' is ambiguous). "), "\(failure)")
            #expect(failure.description.contains("a full ref (`refs/heads/…`, `refs/tags/…`, `refs/remotes/…`) or a full commit id"))
        }
        let head = try #require(throws: DiffFailure.self) { try s.diff("v1", "release") }
        #expect(head.description.hasPrefix("HEAD `release` is ambiguous"), "\(head)")
        #expect(try s.diff("refs/tags/release", "refs/heads/release").base.source == .revision("refs/tags/release", commit: s.first))
        #expect(try s.diff("refs/tags/release", "refs/heads/release").head.source == .revision("refs/heads/release", commit: s.third))

        // A branch named like the start of another commit's id.
        let short = String(s.first.prefix(8))
        try s.repo.git("branch", short, s.third)
        let abbreviated = try #require(throws: DiffFailure.self) { try s.diff(short) }
        #expect(abbreviated.description.contains("is ambiguous"), "\(abbreviated)")
        #expect(try s.diff(s.first).base.source == .revision(s.first, commit: s.first))
    }

    @Test func theCommandLineNamesEachSideOnce() throws {
        func sides(_ revisions: [String], base: String? = nil, head: String? = nil) throws -> [DiffTarget] {
            let pair = try DiffTarget.sides(revisions: revisions, baseDir: base, headDir: head)
            return [pair.base, pair.head]
        }
        #expect(try sides(["main"]) == [.revision("main"), .workingTree])
        #expect(try sides(["v1", "HEAD"]) == [.revision("v1"), .revision("HEAD")])
        #expect(try sides([], base: "old") == [.folder("old"), .workingTree])
        #expect(try sides([], base: "old", head: "new") == [.folder("old"), .folder("new")])
        #expect(try sides(["HEAD~1"], base: "old") == [.folder("old"), .revision("HEAD~1")])
        #expect(try sides(["main"], head: "new") == [.revision("main"), .folder("new")])

        let twiceBase = try #require(throws: DiffFailure.self) { try sides(["main", "HEAD"], base: "old") }
        #expect(twiceBase.description.hasPrefix("BASE is named twice: by --base-dir `old` and by the revision `main`."))
        let twiceHead = try #require(throws: DiffFailure.self) { try sides(["main", "HEAD"], head: "new") }
        #expect(twiceHead.description.hasPrefix("HEAD is named twice: by --head-dir `new` and by the revision `HEAD`."))
        let onlyHead = try #require(throws: DiffFailure.self) { try sides(["HEAD"], base: "old", head: "new") }
        #expect(onlyHead.description.hasPrefix("HEAD is named twice"))
        let none = try #require(throws: DiffFailure.self) { try sides([]) }
        #expect(none.description.contains("--base-dir DIR"))
        #expect(throws: DiffFailure.self) { try sides([], head: "new") }
        #expect(throws: DiffFailure.self) { try sides(["a", "b", "c"]) }
    }

    @Test func aRevisionOutsideARepositoryIsAClearError() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("main"), content: tree.path, asOf: try DiffScenario.day())
        }
        #expect(failure.description.contains("not in a git repository"), "\(failure)")
    }

    /// A content folder in the working tree that is a link (or lies through one) to a folder
    /// outside the repository is said to be one, not to be outside every repository.
    @Test func aContentFolderLinkedOutOfTheRepositoryIsSaidToBeALink() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        try repo.write("README.md", "Objectives live elsewhere.\n")
        try repo.commit("Start")
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try FileManager.default.createSymbolicLink(atPath: repo.content, withDestinationPath: tree.path)
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.contains("the content folder `\(repo.content)` is a link to `"), "\(failure)")
        #expect(failure.description.contains("which is outside the git repository at "), "\(failure)")
        #expect(failure.description.contains("Move the content folder into the repository (a folder, not a link to one)"), "\(failure)")
        #expect(!failure.description.contains("not in a git repository"), "\(failure)")

        let outer = repo.path + "/outer"
        try FileManager.default.createSymbolicLink(atPath: outer, withDestinationPath: tree.url.deletingLastPathComponent().path)
        let content = outer + "/" + tree.url.lastPathComponent
        let through = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("HEAD"), content: content, asOf: try DiffScenario.day())
        }
        #expect(through.description.contains("the content folder `\(content)` is reached through the link `\(outer)` to `"), "\(through)")
    }

    @Test func aRevisionWithoutTheContentFolderIsAClearError() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        try repo.write("README.md", "Objectives come later.\n")
        try repo.commit("Start")
        try repo.git("tag", "empty")
        for (path, text) in ExampleTree.base { try repo.write("content/" + path, text) }
        try repo.commit("Objectives")
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("empty"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.contains("does not exist in empty ("), "\(failure)")
    }

    // MARK: what the comparison sees

    @Test func contentAtTheTopOfTheRepository() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        for (path, text) in ExampleTree.base { try repo.write(path, text) }
        try repo.commit("Objectives at the top")
        try repo.write("objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.path, asOf: try DiffScenario.day())
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"])
        #expect(diff.introduced.map(\.rule) == ["updated/unrecorded-change"])
        #expect(diff.introduced.first?.location.file == repo.path + "/objectives/OBJ-INC-01.md")
    }

    @Test func aLinkLeavingTheTreeInARevisionIsNotFollowed() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evident-outside-\(UUID().uuidString).md")
        try Data(DiffScenario.objective("OBJ-LNK-01").utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: s.repo.url.appendingPathComponent("content/objectives/link.md").path,
                                                   withDestinationPath: outside.path)
        try s.repo.commit("Link an objective from outside")

        let diff = try s.diff("HEAD~1", "HEAD")
        #expect(!diff.added.contains { $0.id == "OBJ-LNK-01" })
        let refused = try #require(diff.introduced.first { $0.location.file.hasSuffix("/objectives/link.md") })
        #expect(refused.rule == "syntax/front-matter")
        #expect(refused.message.contains("outside the content folder"))
    }

    /// A relative link to a file of the repository outside the content folder: broken in the
    /// revision's copy, it is still refused as leading out, as `evident check` refuses it in the
    /// working tree, and both sides name it alike.
    @Test func aRelativeLinkLeavingTheTreeInARevisionIsRefusedAsInTheWorkingTree() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        try s.repo.write("shared/OBJ-LNK-01.md", DiffScenario.objective("OBJ-LNK-01"))
        try FileManager.default.createSymbolicLink(atPath: s.repo.url.appendingPathComponent("content/objectives/link.md").path,
                                                   withDestinationPath: "../../shared/OBJ-LNK-01.md")
        try s.repo.commit("Link an objective from the repository")

        let message = "This file is a link to a file outside the content folder; evident does not follow it. Copy the file into the content folder instead."
        let revision = try s.diff("HEAD~1", "HEAD")
        let refused = try #require(revision.introduced.first { $0.location.file.hasSuffix("/objectives/link.md") }, "\(revision.introduced)")
        #expect(refused.message == message)
        let workingTree = try s.diff("HEAD~1")
        #expect(workingTree.introduced.first { $0.location.file.hasSuffix("/objectives/link.md") }?.message == message)
        #expect(try s.diff("HEAD").introduced.isEmpty)

        // A broken link that stays inside is still a file that cannot be read, and says why.
        try FileManager.default.createSymbolicLink(atPath: s.repo.url.appendingPathComponent("content/objectives/gone.md").path,
                                                   withDestinationPath: "old/none.md")
        let broken = try s.diff("HEAD").introduced.first { $0.location.file.hasSuffix("/objectives/gone.md") }
        #expect(broken?.message.hasPrefix("The file is a symbolic link to `old/none.md`, which leads to no file") == true, "\(String(describing: broken))")
    }

    @Test func aMovedFindingIsNeitherIntroducedNorResolved() throws {
        // OBJ-INC-01 refers to POL-9 on both sides; HEAD adds a line above the reference.
        let base = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-9]"])
        let head = ExampleTree.edit(base, ["policy: [POL-9]": "contributors: [Service Desk Lead]\npolicy: [POL-9]"])
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": base], head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(pair.base.path != pair.head.path)
        #expect(!(diff.introduced + diff.resolved).contains { $0.rule == "policy/unknown-statement" })
        #expect(diff.introduced.map(\.rule) == ["updated/unrecorded-change"])
        #expect(diff.changed.first?.fields == [.init(field: "contributors", before: nil, after: "Service Desk Lead")])
    }

    @Test func aFindingWhoseWordingFollowsTheTreeIsTheSameFinding() throws {
        // The review names an unknown objective on both sides; the message lists the declared ids,
        // which change when HEAD adds an objective.
        let review = ExampleTree.edit(ExampleTree.review, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, OBJ-XYZ-99]"])
        let pair = try FolderPair(base: ["reviews/2026-11-10.md": review],
                                  head: ["objectives/OBJ-NEW-02.md": DiffScenario.objective("OBJ-NEW-02")])
        defer { pair.remove() }
        let diff = try pair.diff()
        let unknown = diff.base.findings.filter { $0.rule == "monitored/unknown-objective" }
        #expect(unknown.count == 1)
        #expect(!(diff.introduced + diff.resolved).contains { $0.rule == "monitored/unknown-objective" })
        #expect(diff.added.map(\.id) == ["OBJ-NEW-02"])
    }

    @Test func aFindingInAMovedFileIsTheSameFinding() throws {
        // The communication names an unknown objective on both sides; HEAD moves it to another
        // folder under another name, byte for byte.
        let communication = ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, OBJ-XYZ-99]"])
        let pair = try FolderPair(base: ["communications/2026-01-20.md": communication],
                                  head: ["communications/2026/january.md": communication],
                                  removing: ["communications/2026-01-20.md"])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.base.findings.filter { $0.rule == "monitored/unknown-objective" }.count == 1)
        #expect(diff.head.findings.filter { $0.rule == "monitored/unknown-objective" }.count == 1)
        #expect(!(diff.introduced + diff.resolved).contains { $0.rule == "monitored/unknown-objective" })
        let fails = diff.fails(at: .error)
        #expect(!fails)
    }

    @Test func aFindingCopiedIntoANewFileBesideTheOldOneIsIntroduced() throws {
        // The old file stays (fixed) and a new one makes the same mistake: that is new.
        let communication = ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, OBJ-XYZ-99]"])
        let pair = try FolderPair(base: ["communications/2026-01-20.md": communication],
                                  head: ["communications/2026-01-20.md": ExampleTree.communication,
                                         "communications/2026/january.md": communication])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.introduced.filter { $0.rule == "monitored/unknown-objective" }.map(\.location.file)
            == [pair.head.path + "/communications/2026/january.md"])
        #expect(diff.resolved.filter { $0.rule == "monitored/unknown-objective" }.map(\.location.file)
            == [pair.base.path + "/communications/2026-01-20.md"])
    }

    @Test func aCopyUnderTheSameIdIsNotTakenForTheObjective() throws {
        // A copy of OBJ-INC-01, edited but still under its id, in a file that sorts first.
        let pair = try FolderPair(head: ["objectives/A-copy.md": DiffScenario.tightened])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.isEmpty)
        #expect(!diff.introduced.contains { $0.rule == "updated/unrecorded-change" })
        #expect(diff.introduced.contains { $0.location.file == pair.head.path + "/objectives/A-copy.md" && $0.severity == .error })
    }

    @Test func aSecondCopyOfAFindingIsIntroduced() throws {
        let base = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-9]"])
        let head = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-9, POL-9]"])
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": base], head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.introduced.filter { $0.rule == "policy/unknown-statement" }.count == 1)
    }

    @Test func statementsClausesAndFunctions() throws {
        let policy = ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
              - id: POL-2
                text: We change services without harming their availability.
            ---
            The policy.
            """])
        let requirement = ExampleTree.edit(ExampleTree.requirement, ["---\nNotes.": """
              - id: MSA-7.3
                text: Monthly availability is at least 99.9 %.
                addressed_elsewhere: The continuity plan.
            ---
            Notes.
            """])
        let configuration = ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner": "    owner: Service Desk Lead"])
        let pair = try FolderPair(head: ["policy.md": policy, "requirements/msa.md": requirement, "evident.yml": configuration])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.declarations == [
            .init(kind: .statement, id: "POL-2", before: nil, after: "We change services without harming their availability."),
            .init(kind: .clause, id: "MSA-7.3", before: nil, after: "Monthly availability is at least 99.9 %. (addressed elsewhere: The continuity plan.)"),
            .init(kind: .function, id: "incident", before: "Incident management; level process; owner Incident Process Owner; forum ops-review",
                  after: "Incident management; level process; owner Service Desk Lead; forum ops-review"),
        ])
        #expect(diff.declarations.map(\.change) == [.added, .added, .changed])
        #expect(diff.introduced.contains { $0.rule == "policy/uncovered" })

        let removed = try FolderPair(base: ["policy.md": policy], head: ["policy.md": ExampleTree.policy])
        defer { removed.remove() }
        #expect(try removed.diff().declarations.map(\.change) == [.removed])
    }

    @Test func settingsOfEvidentYmlThatChangeWhatIsJudgedAreShown() throws {
        // A rule switched off makes its findings disappear: the reviewer must see why.
        let configuration = ExampleTree.edit(ExampleTree.configuration, [
            "scope: IT services for the example business units": "scope: IT services for the head office",
            "cadence: monthly }": "cadence: quarterly }",
        ]) + """
            standards: [iso20000-1, iso27001]
            settings:
              review_grace_days: 30
              stale_after_days: 365
            rules:
              monitored/no-data: off
              requirements/linked: error

            """
        let pair = try FolderPair(head: ["evident.yml": configuration])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.declarations == [
            .init(kind: .forum, id: "ops-review", before: "Operational review; cadence monthly", after: "Operational review; cadence quarterly"),
            .init(kind: .setting, id: "rules.monitored/no-data", before: nil, after: "off"),
            .init(kind: .setting, id: "rules.requirements/linked", before: nil, after: "error"),
            .init(kind: .setting, id: "scope", before: "IT services for the example business units", after: "IT services for the head office"),
            .init(kind: .setting, id: "settings.review_grace_days", before: "7", after: "30"),
            .init(kind: .setting, id: "standards", before: "iso20000-1", after: "iso20000-1, iso27001"),
        ])
        let summary = DiffReport(diff: diff).summary()
        #expect(summary.contains("1 forum changed, 2 evident.yml settings added, 3 evident.yml settings changed"))
        #expect(DiffReport(diff: diff).markdown().contains("| evident.yml setting **rules.monitored/no-data** | added | — | off |"))

        // Written out with the default values, or in another order: no change.
        let same = ExampleTree.configuration + """
            standards: [iso20000-1]
            levels:
              - { id: management, name: SMS management }
              - { id: service,    name: Service }
              - { id: process,    name: Process }
              - { id: team,       name: Operational team }
            settings:
              review_grace_days: 7

            """
        let unchanged = try FolderPair(head: ["evident.yml": same])
        defer { unchanged.remove() }
        #expect(try unchanged.diff().declarations.isEmpty)
    }

    @Test func theBodyIsShownByItsFirstDifferingLine() throws {
        let head = ExampleTree.objective(replacing: ["Rationale.": "Rationale.\n\nA second paragraph."])
        let pair = try FolderPair(head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let body = try #require(try pair.diff().changed.first?.fields.first { $0.field == "body" })
        let line = try Self.line(of: "A second paragraph.", in: head)
        #expect(body == .init(field: "body", before: nil, after: "line \(line): A second paragraph."))
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let a = DiffReport(diff: try s.diff("v1", "HEAD")), b = DiffReport(diff: try s.diff("v1", "HEAD"))
        for format in DiffFormat.allCases { #expect(a.render(format) == b.render(format)) }
    }

    // MARK: helpers

    /// The 1-based line of the first line of `text` that starts with `prefix`.
    static func line(of prefix: String, in text: String) throws -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.hasPrefix(prefix) }) + 1
    }
}
