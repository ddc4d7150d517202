import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentModel
import EvidentSupport

/// `evident diff --each-commit`: which commits are compared, and with what.
@Suite struct CommitWalkTests {
    /// A commit that made the content folder, or removed it, has nothing to be compared with: it is
    /// listed as such, and the walk goes on. Commits that left the folder alone are not listed.
    @Test func aCommitThatMakesOrRemovesTheContentIsListedWithoutAComparison() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        try repo.write("README", "The objectives will live in content/.\n")
        let first = try repo.commit("Start")
        for (path, text) in ExampleTree.base { try repo.write("content/" + path, text) }
        let made = try repo.commit("The objectives")
        try repo.write("README", "The objectives live in content/.\n")
        try repo.commit("README")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let tightened = try repo.commit("Tighten")
        try repo.git("rm", "-q", "-r", "content")
        let removed = try repo.commit("Move the objectives out")

        var seen: [(String, Bool)] = []
        var report = CommitsReport(format: .text)
        let heard = Heard()
        let meter = ProgressMeter({ status in heard.add(status) }, interval: 0)
        let ends = try CommitWalk.walk(revisions: [first], folders: false, content: repo.content, asOf: try DiffScenario.day(),
                                       progress: meter) { change, outcome in
            if case .compared = outcome { seen.append((change.commit, true)) } else { seen.append((change.commit, false)) }
            report.add(change, outcome, failOn: .error)
        }
        #expect(ends.base == first && ends.head == removed)
        // The commits compared, counted from none to all, and the line cleared at the end.
        #expect(heard.statuses.map { $0.map { "\($0.stage) \($0.done)/\($0.total)" } ?? "end" }
            == ["Comparing commits 0/3", "Comparing commits 1/3", "Comparing commits 2/3", "Comparing commits 3/3", "end"])
        #expect(seen.map(\.0) == [made, tightened, removed])
        #expect(seen.map(\.1) == [false, true, false])
        let text = report.render(ends, asOf: try DiffScenario.day())
        #expect(text.contains("commit \(made) (") && text.contains("): The objectives\nThis commit made the content folder: there is nothing before it to compare with.\n"), "\(text)")
        #expect(text.contains("): Move the objectives out\nThis commit removed the content folder.\n"), "\(text)")
        #expect(text.contains("[updated/unrecorded-change]"), "\(text)")
        #expect(report.failed)

        // Up to a named HEAD, and nothing after BASE when they are the same commit.
        var upTo: [String] = []
        _ = try CommitWalk.walk(revisions: [first, tightened], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, _ in
            upTo.append(change.commit)
        }
        #expect(upTo == [made, tightened])
        var none = 0
        _ = try CommitWalk.walk(revisions: [removed, removed], folders: false, content: repo.content, asOf: try DiffScenario.day()) { _, _ in none += 1 }
        #expect(none == 0)
        #expect(throws: DiffFailure.self) { try CommitWalk.walk(revisions: [first, made, removed], folders: false, content: repo.content, asOf: try DiffScenario.day()) { _, _ in } }
    }

    /// A shallow clone with BASE fetched on its own (`fetch-depth` and the tag): the walk would
    /// stop where the clone's history stops and pass over the commits before it. It says so.
    @Test func aHistoryCutByAShallowCloneIsRefused() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("Base")
        try repo.git("tag", "base")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        try repo.commit("Tighten")
        try repo.write("content/evidence/notes.txt", "minutes\n")
        try repo.commit("Notes")
        let clone = try GitFixture(content: [:])
        defer { clone.remove() }
        try clone.git("fetch", "-q", "--depth", "1", "file://" + repo.path, "main:refs/remotes/origin/main")
        try clone.git("fetch", "-q", "--depth", "1", "file://" + repo.path, "refs/tags/base:refs/tags/base")
        let failure = #expect(throws: DiffFailure.self) {
            try CommitWalk.walk(revisions: ["base", "origin/main"], folders: false, content: clone.content, asOf: try DiffScenario.day()) { _, _ in }
        }
        #expect(failure?.description.contains("shallow") == true, "\(String(describing: failure))")
    }

    /// HEAD before BASE (the two named the wrong way round) has no commit after BASE: refused,
    /// rather than reported as a period without change.
    @Test func headBeforeBaseIsRefused() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        let base = try repo.commit("Base")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let head = try repo.commit("Tighten")
        #expect(throws: DiffFailure.self) {
            try CommitWalk.walk(revisions: [head, base], folders: false, content: repo.content, asOf: try DiffScenario.day()) { _, _ in }
        }
    }

    /// A root commit after BASE (a history of its own, BASE on another) made the content folder:
    /// it is listed as such, not left out.
    @Test func aRootCommitIsListedAsMakingTheContent() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        try repo.write("README", "Elsewhere.\n")
        let base = try repo.commit("Start")
        try repo.git("checkout", "-q", "--orphan", "objectives")
        for (path, text) in ExampleTree.base { try repo.write("content/" + path, text) }
        let root = try repo.commit("The objectives")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let tightened = try repo.commit("Tighten")
        var seen: [(String, String, Bool)] = []
        var report = CommitsReport(format: .json)
        let ends = try CommitWalk.walk(revisions: [base, "objectives"], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, outcome in
            if case .compared = outcome { seen.append((change.commit, change.parent, true)) } else { seen.append((change.commit, change.parent, false)) }
            report.add(change, outcome, failOn: .error)
        }
        // The histories share no commit: the walk starts at the root.
        #expect(ends.mergeBase == nil && ends.base == base && ends.head == tightened)
        #expect(seen.map(\.0) == [root, tightened])
        #expect(seen.map(\.1) == ["", root])
        #expect(seen.map(\.2) == [false, true])
        let json = report.render(ends, asOf: try DiffScenario.day())
        #expect(json.contains("\"parent\" : null") || json.contains("\"parent\": null"), "\(json)")
    }

    /// A commit whose tree cannot be read (a measurements file stored with Git LFS) is said, with
    /// why, and the walk goes on to the commits after it; the period does not pass.
    @Test func aCommitThatCannotBeComparedIsSaidAndTheWalkGoesOn() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        let first = try repo.commit("The objectives")
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "3e", count: 32))\nsize 443\n"
        try repo.write("content/measurements/OBJ-INC-01.csv", pointer)
        let lfs = try repo.commit("Measurements into LFS")
        try repo.write("content/measurements/OBJ-INC-01.csv", ExampleTree.measurements)
        let back = try repo.commit("Measurements out of LFS")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let tightened = try repo.commit("Tighten")
        var outcomes: [String: String] = [:]
        var report = CommitsReport(format: .text)
        let ends = try CommitWalk.walk(revisions: [first], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, outcome in
            switch outcome {
            case .compared: outcomes[change.commit] = "compared"
            case let .failed(failure): outcomes[change.commit] = failure.description
            case .made, .removed: outcomes[change.commit] = "made or removed"
            }
            report.add(change, outcome, failOn: nil)
        }
        // Its own comparison and the next one both read the commit with the pointer.
        #expect(outcomes[lfs]?.contains("is stored with Git LFS") == true, "\(outcomes)")
        #expect(outcomes[back]?.contains("is stored with Git LFS") == true, "\(outcomes)")
        #expect(outcomes[tightened] == "compared")
        let text = report.render(ends, asOf: try DiffScenario.day())
        #expect(text.contains(" · 2 could not be compared\n"), "\(text)")
        #expect(text.contains("This commit could not be compared: "), "\(text)")
        #expect(!report.failed, "--fail-on never")
        var strict = CommitsReport(format: .text)
        strict.add(RevisionReader.Change(commit: lfs, parent: first, committed: nil, subject: ""), .failed(DiffFailure("unreadable")), failOn: .error)
        #expect(strict.failed)
    }

    /// Each commit is read once and kept as the next one's BASE: the walk must say what comparing
    /// each commit with its parent on its own says, when commits that left the content alone come
    /// between (BASE is then the parent, with the parent's day, after which a period is past) and
    /// when a file goes back to bytes an earlier commit had.
    @Test func eachCommitComparesAsItsOwnDiffWithItsParent() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        let first = try repo.commit("The objectives", at: "2026-05-15T12:00:00Z")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        try repo.commit("Tighten", at: "2026-05-20T12:00:00Z")
        try repo.write("README", "The objectives live in content/.\n")
        try repo.commit("README", at: "2026-06-10T12:00:00Z")
        try repo.write("content/measurements/OBJ-INC-01.csv", ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,3.1,,"]))
        let rewritten = try repo.commit("May recomputed", at: "2026-06-12T12:00:00Z")
        try repo.write("content/objectives/OBJ-INC-01.md", try #require(ExampleTree.base["objectives/OBJ-INC-01.md"]))
        try repo.commit("Loosen again", at: "2026-06-15T12:00:00Z")
        try repo.write("content/measurements/OBJ-INC-01.csv", ExampleTree.measurements)
        try repo.commit("May as it was", at: "2026-06-16T12:00:00Z")
        let asOf = try DiffScenario.day()
        var walked: [(RevisionReader.Change, String)] = []
        var past: [String: Bool] = [:]
        _ = try CommitWalk.walk(revisions: [first], folders: false, content: repo.content, asOf: asOf) { change, outcome in
            guard case let .compared(diff) = outcome else { Issue.record("\(change.subject): \(outcome)"); return }
            walked.append((change, DiffReport(diff: diff).render(.json)))
            past[change.subject] = diff.measurementChanges.contains { $0.change.rewritesPast }
        }
        #expect(walked.map(\.0.subject) == ["Tighten", "May recomputed", "Loosen again", "May as it was"])
        for (change, json) in walked {
            let alone = try ContentDiff.compare(base: .revision(change.parent), head: .revision(change.commit), content: repo.content, asOf: asOf)
            #expect(json == DiffReport(diff: alone).render(.json), "\(change.subject)")
        }
        // May was over on the parent's day (2026-06-10), not on the day of the commit read before it.
        #expect(past["May recomputed"] == true && past["May as it was"] == true)
        #expect(walked.first { $0.0.commit == rewritten }?.1.contains("\"target\"") == false)
        #expect(walked.last?.1.contains("3.1") == true)
    }

    /// BASE on a branch HEAD's history left: the walk starts after the last commit they share,
    /// and says so.
    @Test func aBaseThatIsNotAnAncestorStartsTheWalkWhereTheHistoriesPart() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        let shared = try repo.commit("The objectives")
        try repo.git("checkout", "-q", "-b", "other")
        try repo.write("README", "other\n")
        let other = try repo.commit("Another branch")
        try repo.git("checkout", "-q", "main")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let tightened = try repo.commit("Tighten")
        var seen: [String] = []
        var report = CommitsReport(format: .text)
        let ends = try CommitWalk.walk(revisions: [other, "main"], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, outcome in
            seen.append(change.commit)
            report.add(change, outcome, failOn: .error)
        }
        #expect(seen == [tightened])
        #expect(ends.mergeBase == shared)
        #expect(report.render(ends, asOf: try DiffScenario.day()).contains("BASE is not an ancestor of HEAD: the walk starts after \(shared), the last commit their histories share.\n"))
    }
}

/// What a progress meter reported, in order.
private final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var heard: [ProgressMeter.Status?] = []
    var statuses: [ProgressMeter.Status?] { lock.withLock { heard } }
    func add(_ status: ProgressMeter.Status?) { lock.withLock { heard.append(status) } }
}
