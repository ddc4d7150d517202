import Foundation
import Testing

/// A command whose write fails (a full disk) leaves things as they were: no partial output, and no
/// folder it made on the way, while a folder that was there stays, with what it held.
@Suite struct FailedWriteTests {
    /// `arguments` with OUT replaced, run in a copy of the content with writes limited to `blocks`:
    /// a missing OUT two levels deep is not left behind, and an existing OUT keeps exactly `mine.txt`.
    private func leavesNothing(_ arguments: [String], blocks: Int = 1) throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let new = try CLI.runOutOfSpace(blocks: blocks, arguments.map { $0 == "OUT" ? "new/out" : $0 }, in: dir)
        #expect(new.status == 2, "\(new.stderr)")
        #expect(new.stderr.contains("File too large"), "\(new.stderr)")
        #expect(CLI.listing(dir) == ["content"])

        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: dir.appendingPathComponent("out/mine.txt"))
        let existing = try CLI.runOutOfSpace(blocks: blocks, arguments.map { $0 == "OUT" ? "out" : $0 }, in: dir)
        #expect(existing.status == 2, "\(existing.stderr)")
        #expect(CLI.listing(dir) == ["content", "out"])
        #expect(CLI.listing(dir.appendingPathComponent("out")) == ["mine.txt"])
    }

    @Test func pack() throws {
        try leavesNothing(["pack", "--output", "OUT"])
    }

    /// The first schemas fit and a later one does not: none is left.
    @Test func schema() throws {
        try leavesNothing(["schema", "--output", "OUT"], blocks: 16)
    }

    @Test func initProject() throws {
        try leavesNothing(["init", "OUT"])
        try leavesNothing(["init", "--templates", "OUT"], blocks: 16)
    }

    /// The site's own folder is only ever renamed into place; the folders above it are made.
    @Test func build() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.runOutOfSpace(blocks: 1, ["build", "--output", "new/deeper/site"], in: dir)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(CLI.listing(dir) == ["content"])
    }
}
