import Foundation
import Testing

/// A `build`, `pack` or `diff` stopped by SIGTERM (or SIGINT, Ctrl-C) while it writes removes what it was
/// writing, leaves the previous output as it was, and ends by the signal (exit status 128 + N).
@Suite struct InterruptTests {
    /// Runs `arguments` in `dir`, sends SIGTERM as soon as an entry whose name starts with `prefix`
    /// appears in `watched` (the run's temporary), and returns whether the signal came in time
    /// (nil: the run ended first) with how the run ended.
    static func interrupt(_ arguments: [String], in dir: URL, when watched: URL, holds prefix: String,
                          environment extra: [String: String] = [:]) throws
        -> (reason: Process.TerminationReason, status: Int32)? {
        let process = Process()
        // Foundation starts a child with SIGTERM blocked; a shell or a service manager does not.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
            + "signal.signal(signal.SIGTERM, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])", CLI.binary.path] + arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = CLI.testCache.path
        for (name, value) in extra { environment[name] = value }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var signalled = false
        let end = Date().addingTimeInterval(120)
        while process.isRunning, Date() < end {
            if CLI.listing(watched).contains(where: { $0.hasPrefix(prefix) }) {
                kill(process.processIdentifier, SIGTERM)
                signalled = true
                break
            }
            usleep(2_000)
        }
        let stopped = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopped { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return signalled ? (process.terminationReason, process.terminationStatus) : nil
    }

    /// Every file under `folder` with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        try BenchCorpusTests.files(under: folder)
    }

    @Test(.timeLimit(.minutes(5))) func anInterruptedBuildLeavesThePreviousSiteAndNoStaging() throws {
        let dir = try CLI.scratch("interrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BenchCorpusTests.generate([dir.appendingPathComponent("content").path, "--objectives", "300"]) == 0)
        let first = try CLI.run(["build", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(first.status == 0 || first.status == 1, "\(first.stderr)")
        let site = dir.appendingPathComponent("site")
        let before = try Self.snapshot(site)
        // Another day: every page is made again, so the staging folder fills for a while.
        for day in ["2026-11-30", "2026-12-01", "2026-12-02"] {
            guard let ended = try Self.interrupt(["build", "--quiet", "--as-of", day], in: dir, when: dir, holds: ".site.tmp-") else { continue }
            #expect(ended.reason == .uncaughtSignal && ended.status == SIGTERM, "\(ended)")
            #expect(CLI.listing(dir) == ["content", "site"])
            #expect(try Self.snapshot(site) == before)
            // The next run works.
            let next = try CLI.run(["build", "--quiet", "--as-of", day], in: dir)
            #expect(next.status == 0 || next.status == 1, "\(next.stderr)")
            #expect(CLI.listing(dir) == ["content", "site"])
            return
        }
        Issue.record("every build ended before its staging folder was seen")
    }

    @Test(.timeLimit(.minutes(5))) func anInterruptedPackLeavesThePreviousZipAndNoPartOfTheNew() throws {
        let dir = try CLI.scratch("interrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BenchCorpusTests.generate([dir.appendingPathComponent("content").path, "--objectives", "300"]) == 0)
        let dist = dir.appendingPathComponent("dist")
        let first = try CLI.run(["pack", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(first.status == 0 || first.status == 1, "\(first.stderr)")
        let before = try Self.snapshot(dist)
        #expect(before.count == 1)
        for _ in 0..<3 {
            guard let ended = try Self.interrupt(["pack", "--quiet", "--as-of", "2026-11-29"], in: dir, when: dist, holds: ".evident-pack-")
            else { continue }
            #expect(ended.reason == .uncaughtSignal && ended.status == SIGTERM, "\(ended)")
            #expect(try Self.snapshot(dist) == before)
            return
        }
        Issue.record("every pack ended before its temporary zip was seen")
    }

    /// The copy of a revision a diff writes (`evident-diff-PID-UUID`, in TMPDIR here) goes with it:
    /// it holds the content, which may be confidential, and may be in memory (/dev/shm).
    @Test(.timeLimit(.minutes(5))) func anInterruptedDiffRemovesItsCopyOfTheRevision() throws {
        let repository = try DiffCommandTests.Repository()
        defer { try? FileManager.default.removeItem(at: repository.url) }
        // A link in the revision makes the diff write it out whole and read it from there.
        try FileManager.default.createSymbolicLink(atPath: repository.url.path + "/content/objectives/linked.md",
                                                   withDestinationPath: "process/incident/OBJ-INC-01.md")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "A link")
        let temporary = try CLI.scratch("interrupt-tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        for _ in 0..<5 {
            guard let ended = try Self.interrupt(["diff", "HEAD", "--quiet"], in: repository.url, when: temporary, holds: "evident-diff-",
                                                 environment: ["TMPDIR": temporary.path]) else { continue }
            #expect(ended.reason == .uncaughtSignal && ended.status == SIGTERM, "\(ended)")
            #expect(CLI.listing(temporary) == [])
            return
        }
        Issue.record("every diff ended before its copy was seen")
    }
}
