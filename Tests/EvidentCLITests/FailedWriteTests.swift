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

/// Few file descriptors (`ulimit -n`): below a few dozen, a build failed part-way or the runtime
/// trapped. A low soft limit is raised and the run is whole; a hard limit below evident's minimum
/// is refused before anything starts, and the previous site stays as it was with nothing beside it.
@Suite struct FewDescriptorsTests {
    @Test func aLowSoftLimitIsRaised() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let raised = try CLI.shell("ulimit -Sn 8;", ["build", "--as-of", "2026-11-29", "--output", "raised"], in: dir)
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(try CLI.run(["build", "--as-of", "2026-11-29", "--output", "plain"], in: dir).status == 0)
        #expect(try CLI.files(of: dir.appendingPathComponent("raised")) == CLI.files(of: dir.appendingPathComponent("plain")))
    }

    @Test func aLowHardLimitIsRefused() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLI.run(["build", "--output", "site", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try CLI.files(of: dir.appendingPathComponent("site"))
        for arguments in [["build", "--output", "site", "--as-of", "2026-11-30", "--quiet"], ["check"], ["serve"], ["pack", "--output", "packs"]] {
            let run = try CLI.shell("ulimit -n 63;", arguments, in: dir)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "evident: The process may open only 63 files at once (`ulimit -n`), and evident needs at least 64. Raise the limit, for example with `ulimit -n 1024`, and run evident again.\n", "\(run.stderr)")
        }
        #expect(CLI.listing(dir) == ["content", "site"])
        #expect(try CLI.files(of: dir.appendingPathComponent("site")) == before)
    }
}

/// A report written through stdout into a file that cannot take it all (a full disk) is an I/O
/// error, exit 2 with the reason, never a crash nor a pass with the report cut short.
@Suite struct FailedOutputTests {
    /// `arguments` with stdout sent to `out.txt` in `dir`, which takes at most `blocks` of 512 bytes.
    private func run(_ arguments: [String], blocks: Int, in dir: URL) throws -> CLIRun {
        try CLI.run(URL(fileURLWithPath: "/bin/sh"),
                    ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\" > out.txt", CLI.binary.path] + arguments, in: dir)
    }

    @Test(arguments: [["check", "--as-of", "2026-11-29"], ["check", "--format", "sarif", "--as-of", "2026-11-29"],
                      ["rules", "--format", "markdown"], ["explain", "syntax/front-matter"]])
    func aCutShortReportExits2(arguments: [String]) throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try run(arguments, blocks: 100_000, in: dir)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stderr.isEmpty, "\(whole.stderr)")
        let cut = try run(arguments, blocks: 1, in: dir)
        #expect(cut.status == 2, "\(cut.stderr)")
        #expect(cut.stderr == "evident: cannot write to standard output: File too large.\n", "\(cut.stderr)")
    }
}
