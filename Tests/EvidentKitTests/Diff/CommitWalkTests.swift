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
}
