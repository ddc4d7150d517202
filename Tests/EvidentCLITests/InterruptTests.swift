@testable import EvidentPack
import Foundation
import Testing

/// A `build`, `pack`, `diff`, `schema`, `keygen` or `init` stopped by SIGTERM (or SIGINT, Ctrl-C) while it writes removes what it was
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

    /// How a run stopped by `interruptOnCreation` ended: `signalled`, whether the signal was sent;
    /// `signal`, the one that ended it, or nil when it exited (with `exit`).
    struct Ended: Decodable, CustomStringConvertible {
        var signalled: Bool
        var signal: Int32?
        var exit: Int32?
        var description: String { "signalled \(signalled), signal \(signal.map(String.init) ?? "none"), exit \(exit.map(String.init) ?? "none")" }
    }

    /// Runs `arguments` in `dir` and sends SIGTERM the moment an entry whose name starts with
    /// `prefix` is made in `watched` (inotify, so that a temporary that lives for a millisecond is
    /// seen; `watched` may not exist yet, its parent is watched until it does).
    static func interruptOnCreation(_ arguments: [String], in dir: URL, when watched: URL, makes prefix: String) throws -> Ended {
        let script = """
            import ctypes, json, os, select, signal, struct, sys
            watched, prefix, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_CLOEXEC | os.O_NONBLOCK)
            def watch(path):
                return libc.inotify_add_watch(fd, path.encode(), 0x100 | 0x80 | 0x01000000)
            target = watch(watched)
            parent = watch(os.path.dirname(watched)) if target < 0 else -1
            pid = os.fork()
            if pid == 0:
                # A shell or a service manager starts a command with SIGTERM neither blocked nor ignored.
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, 1)
                os.dup2(null, 2)
                os.execv(argv[0], argv)
            sent, status = False, 0
            while True:
                if select.select([fd], [], [], 0.01)[0]:
                    try:
                        data = os.read(fd, 65536)
                    except BlockingIOError:
                        data = b""
                    names, i = [], 0
                    while i + 16 <= len(data):
                        wd, mask, cookie, length = struct.unpack_from("iIII", data, i)
                        name = data[i + 16:i + 16 + length].split(b"\\0")[0].decode()
                        i += 16 + length
                        if wd == target:
                            names.append(name)
                        elif wd == parent and target < 0 and name == os.path.basename(watched):
                            target = watch(watched)
                            try:
                                names.extend(os.listdir(watched))
                            except OSError:
                                pass
                    if not sent and any(name.startswith(prefix) for name in names):
                        os.kill(pid, signal.SIGTERM)
                        sent = True
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    break
            print(json.dumps({"signalled": sent, "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                              "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None}))
            """
        let run = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"),
                              ["python3", "-c", script, watched.path, prefix, CLI.binary.path] + arguments, in: dir)
        guard run.status == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return try JSONDecoder().decode(Ended.self, from: Data(run.stdout.utf8))
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
        var before = try Self.snapshot(site)
        // Another day: every page is made again, so the staging folder fills for a while.
        for day in ["2026-11-30", "2026-12-01", "2026-12-02"] {
            guard let ended = try Self.interrupt(["build", "--quiet", "--as-of", day], in: dir, when: dir, holds: ".site.tmp-") else { continue }
            // The run ended on its own between the file seen and the signal (a busy machine's
            // race): its site is the one the next run must leave.
            if ended.reason == .exit {
                before = try Self.snapshot(site)
                continue
            }
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
            // The run ended on its own between the file seen and the signal: a busy machine's race.
            if ended.reason == .exit { continue }
            #expect(ended.reason == .uncaughtSignal && ended.status == SIGTERM, "\(ended)")
            #expect(try Self.snapshot(dist) == before)
            return
        }
        Issue.record("every pack ended before its temporary zip was seen")
    }

    /// A pack into a folder that did not exist removes the folders it made for the zip, as well
    /// as the temporary zip: the user's tree is as it was before the run.
    @Test(.timeLimit(.minutes(5))) func anInterruptedPackIntoANewFolderRemovesTheFoldersItMade() throws {
        let dir = try CLI.scratch("interrupt")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try BenchCorpusTests.generate([dir.appendingPathComponent("content").path, "--objectives", "300"]) == 0)
        let dist = dir.appendingPathComponent("new-dist")
        for _ in 0..<5 {
            let ended = try Self.interruptOnCreation(["pack", "--quiet", "--as-of", "2026-11-29", "--output", "new-dist"],
                                                     in: dir, when: dist, makes: ".evident-pack-")
            guard ended.signalled, ended.signal == SIGTERM else {
                // The run ended first: it made the folder, which the next try must not find.
                try? FileManager.default.removeItem(at: dist)
                continue
            }
            #expect(CLI.listing(dir) == ["content"])
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
            // The run ended on its own between the file seen and the signal: a busy machine's race.
            if ended.reason == .exit { continue }
            #expect(ended.reason == .uncaughtSignal && ended.status == SIGTERM, "\(ended)")
            #expect(CLI.listing(temporary) == [])
            return
        }
        Issue.record("every diff ended before its copy was seen")
    }

    /// `schema` stopped while it writes removes its temporary files and the folder it made for
    /// them; one stopped while it renames them finishes first: the folder holds all seven or none.
    @Test(.timeLimit(.minutes(5))) func anInterruptedSchemaLeavesNoTemporaryFile() throws {
        let dir = try CLI.scratch("interrupt-schema")
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("schemas")
        var landed = 0
        for _ in 0..<40 where landed < 3 {
            let ended = try Self.interruptOnCreation(["schema", "--output", "schemas"], in: dir, when: output, makes: ".")
            #expect(ended.signal == SIGTERM || ended.exit == 0, "\(ended)")
            let written = CLI.listing(output)
            let whole = written.count == 7 && !written.contains { $0.hasPrefix(".") }
            #expect(whole || CLI.listing(dir).isEmpty, "\(ended): \(written)")
            guard whole || CLI.listing(dir).isEmpty else { return }
            if !whole && ended.signal == SIGTERM { landed += 1 }
            try? FileManager.default.removeItem(at: output)
        }
        #expect(landed > 0, "no schema run was stopped before its files were in place")
    }

    /// `keygen --force` stopped at any moment leaves the previous pair or the new one, a matching
    /// pair either way, and no temporary file.
    @Test(.timeLimit(.minutes(5))) func anInterruptedKeygenLeavesOnePairWholeAndNoTemporaryFile() throws {
        let dir = try CLI.scratch("interrupt-keygen")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["keygen"], in: dir).status == 0)
        let privateKey = dir.appendingPathComponent("evident-private.pem"), publicKey = dir.appendingPathComponent("evident-public.pem")
        var previous = try Data(contentsOf: privateKey)
        var landed = 0
        for _ in 0..<40 where landed < 3 {
            let ended = try Self.interruptOnCreation(["keygen", "--force"], in: dir, when: dir, makes: ".evident-private.pem.tmp-")
            #expect(ended.signal == SIGTERM || ended.exit == 0, "\(ended)")
            #expect(CLI.listing(dir) == ["evident-private.pem", "evident-public.pem"], "\(ended)")
            guard CLI.listing(dir) == ["evident-private.pem", "evident-public.pem"] else { return }
            let pair = (try KeyFile.signingKey(at: privateKey.path).verifyingKey.fingerprint, try KeyFile.verifyingKey(at: publicKey.path).fingerprint)
            #expect(pair.0 == pair.1, "the private key and the public key are not one pair")
            let now = try Data(contentsOf: privateKey)
            if now == previous {
                if ended.signal == SIGTERM { landed += 1 }
            } else {
                previous = now
            }
        }
        #expect(landed > 0, "no keygen was stopped before its keys were in place")
    }

    /// `init` stopped while it writes removes what it wrote, and the project folder when it made
    /// it; a folder that was there before stays, with what was in it. `--templates`: stopped after
    /// content/ is in place, which goes again.
    @Test(.timeLimit(.minutes(5)), arguments: [(false, false), (false, true), (true, false), (true, true)])
    func anInterruptedInitLeavesNoFolderOfItsOwn(existed: Bool, templates: Bool) throws {
        let dir = try CLI.scratch("interrupt-init")
        defer { try? FileManager.default.removeItem(at: dir) }
        let project = dir.appendingPathComponent("project")
        var landed = 0
        for _ in 0..<40 where landed < 3 {
            if existed {
                try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
                try Data("mine\n".utf8).write(to: project.appendingPathComponent("notes.txt"))
            }
            let ended = try Self.interruptOnCreation(["init", "project", "--as-of", "2026-12-01"] + (templates ? ["--templates"] : []),
                                                     in: dir, when: project, makes: templates ? ".templates.tmp-" : ".content.tmp-")
            #expect(ended.signal == SIGTERM || ended.exit == 0, "\(ended)")
            let left = CLI.listing(project)
            let complete = ["content", "schema"] + (templates ? ["templates"] : [])
            let finished = left.contains("content")
            let expected = finished ? (existed ? (complete + ["notes.txt"]).sorted() : complete) : (existed ? ["notes.txt"] : [])
            let whole = left == expected && CLI.listing(dir) == (existed || finished ? ["project"] : [])
            #expect(whole, "\(ended): \(CLI.listing(dir)), project: \(left)")
            guard whole else { return }
            if !finished && ended.signal == SIGTERM { landed += 1 }
            try? FileManager.default.removeItem(at: project)
        }
        #expect(landed > 0, "no init was stopped before its folders were in place")
    }
}
