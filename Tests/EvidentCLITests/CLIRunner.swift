import Foundation

/// Runs the `evident` binary built next to the test bundle and captures what a user would see.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The products folder: the test bundle sits in it, beside the `evident` binary.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // The runner may be inside a bundle folder (`*.xctest/...`); climb out of it.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("evident").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("evident")
    }

    /// The cache folder every run of these tests is given: beside the binary, so that runs share it
    /// and none leaves a folder in the system's temporary directory.
    static let testCache = binary.deletingLastPathComponent().appendingPathComponent("evident-cli-tests-cache")

    /// The repository root, for the bundled `content/`.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> CLIRun {
        try run(binary, arguments, in: directory, environment: environment)
    }

    /// `executable` with `arguments`, its output and exit status.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> CLIRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repository
        var env = ProcessInfo.processInfo.environment
        // `build` keeps a key in the user's cache folder (PageSeal): the tests' own, not the user's.
        env["XDG_CACHE_HOME"] = testCache.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A new empty temporary folder, its name starting `evident-LABEL-`; the caller removes it.
    static func scratch(_ label: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The names in a folder, sorted; empty when it cannot be read.
    static func listing(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// A copy of the bundled content in a temporary folder.
    static func copyOfContent() throws -> URL {
        let dir = try scratch("cli")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("content"), to: dir.appendingPathComponent("content"))
        return dir
    }
}

extension CLI {
    /// `arguments` run with every file the command writes limited to `blocks` of 512 bytes (`ulimit -f`,
    /// with SIGXFSZ ignored): a write past it fails (EFBIG) as one on a full disk does. The output
    /// goes to pipes, which the limit does not touch.
    static func runOutOfSpace(blocks: Int, _ arguments: [String], in directory: URL) throws -> CLIRun {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\"", binary.path] + arguments,
                in: directory)
    }
}
