import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentModel

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
        let ends = try CommitWalk.walk(revisions: [first], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, diff in
            seen.append((change.commit, diff != nil))
            report.add(change, diff, failOn: .error)
        }
        #expect(ends.base == first && ends.head == removed)
        #expect(seen.map(\.0) == [made, tightened, removed])
        #expect(seen.map(\.1) == [false, true, false])
        let text = report.render(base: ends.base, head: ends.head, asOf: try DiffScenario.day())
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
        _ = try CommitWalk.walk(revisions: [base, "objectives"], folders: false, content: repo.content, asOf: try DiffScenario.day()) { change, diff in
            seen.append((change.commit, change.parent, diff != nil))
            report.add(change, diff, failOn: .error)
        }
        #expect(seen.map(\.0) == [root, tightened])
        #expect(seen.map(\.1) == ["", root])
        #expect(seen.map(\.2) == [false, true])
        let json = report.render(base: base, head: tightened, asOf: try DiffScenario.day())
        #expect(json.contains("\"parent\" : null") || json.contains("\"parent\": null"), "\(json)")
    }
}
