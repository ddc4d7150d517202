import CEvidentSystem
import Foundation

/// Runs the `git` command line in one folder. `evident diff` reads revisions with git's plumbing
/// commands (`rev-parse`, `ls-tree`, `cat-file`), which never touch the working tree, the index or
/// the branches, and compares evidence files with `git diff`, which reads them and writes nothing.
struct Git: Sendable {
    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .newlines) }
    }

    /// The folder git runs in (`git -C`).
    let directory: String

    /// The variables that tell git which repository, work tree, index or object store to use
    /// instead of finding them from the folder it runs in (the location part of
    /// `git rev-parse --local-env-vars`). Settings passed as `GIT_CONFIG_*` are kept.
    static let locationVariables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE",
                                    "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX",
                                    "GIT_SHALLOW_FILE", "GIT_GRAFT_FILE"]

    /// Runs `git ARGUMENTS`, feeding `input` to its standard input. A git that cannot be started is
    /// an error; a git that fails returns its status and message.
    func run(_ arguments: [String], input: Data? = nil) throws(DiffFailure) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        var environment = ProcessInfo.processInfo.environment
        // The repository is the one that holds `directory`, never one the environment names: a
        // git hook, an alias or a `rebase --exec` sets these for its own repository (GIT_DIR
        // relative to where it ran), and with them git would read another repository's revisions.
        for name in Self.locationVariables { environment[name] = nil }
        // Read-only by construction, and never waiting for a password or an editor.
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        // The objects as committed: a replacement (`git replace`, a fetched `refs/replace/*`) would
        // show other content under a commit's own ids.
        environment["GIT_NO_REPLACE_OBJECTS"] = "1"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe: Pipe? = input == nil ? nil : Pipe()
        // A 1 MB pipe: `cat-file` sends a whole tree at once. A refusal (an older kernel, a lower
        // limit) only leaves the default size.
        _ = fcntl(out.fileHandleForReading.fileDescriptor, evident_f_setpipe_sz(), 1 << 20)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe ?? FileHandle.nullDevice
        // Waited for with a semaphore, not `waitUntilExit`, which on Linux polls a run loop and
        // so returns up to a polling interval after git has exited.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw DiffFailure("git could not be started (\(error.localizedDescription)); `evident diff` needs git on the PATH to read revisions.")
        }
        // stdin is written and stderr read on threads of their own while stdout is read here, so
        // that no full pipe can block git (cat-file answers while it still reads its input). Not
        // on Dispatch's queues: two gits run at once from `parallelMap`, whose threads block here
        // reading their output, and a writer queued behind them would leave its git waiting.
        let done = DispatchGroup()
        if let input, let writer = inPipe?.fileHandleForWriting {
            done.enter()
            Thread.detachNewThread {
                try? writer.write(contentsOf: input)
                try? writer.close()
                done.leave()
            }
        }
        let errorBox = DataBox()
        let errorReader = err.fileHandleForReading
        done.enter()
        Thread.detachNewThread {
            errorBox.data = errorReader.readDataToEndOfFile()
            done.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        exited.wait()
        // Closed here: Foundation's `Process` keeps its pipes, and so their read ends, past the run.
        try? out.fileHandleForReading.close()
        try? errorReader.close()
        let stderr = String(decoding: errorBox.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationStatus == 127, stderr.contains("git") && stderr.contains("No such file") {
            throw DiffFailure("git was not found on the PATH; `evident diff` needs it to read revisions.")
        }
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Holds what a reader thread read until the group it belongs to is waited on.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
