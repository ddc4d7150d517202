import Foundation

/// A real git repository in a fresh temporary folder, with the content tree under `content/`.
struct GitFixture {
    let url: URL
    var path: String { url.path }
    /// The content folder, as `--content` would name it.
    var content: String { url.appendingPathComponent("content").path }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(content files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("evident-git-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try git("config", "user.name", "Evident Tests")
        try git("config", "user.email", "tests@example.invalid")
        try git("config", "commit.gpgsign", "false")
        for (relative, text) in files { try write("content/" + relative, text) }
    }

    /// Writes a file, `relative` to the repository's top.
    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Commits everything and returns the commit.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
        return try git("rev-parse", "HEAD")
    }

    /// Commits everything as committed at `date` (`2026-04-15T12:00:00Z`) and returns the commit.
    @discardableResult
    func commit(_ message: String, at date: String) throws -> String {
        try git("add", "-A")
        try run(["commit", "-q", "-m", message], environment: ["GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date])
        return try git("rev-parse", "HEAD")
    }

    /// Runs git in the repository; a failing git fails the test.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try run(arguments)
    }

    /// Runs git with an argument list made at run time.
    @discardableResult
    func git(arguments: [String]) throws -> String {
        try run(arguments)
    }

    private func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        // So that the fixture's own status calls never refresh the index it compares.
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Everything a diff must leave as it was: the index file's bytes, the status, the staged and
    /// unstaged changes, HEAD, the current branch, every ref and the stash.
    struct State: Equatable {
        var index: Data
        var status: String
        var staged: String
        var unstaged: String
        var head: String
        var branch: String
        var refs: String
        var stash: String
    }

    func state() throws -> State {
        // The index is read first: nothing after it may be allowed to change it.
        let index = try Data(contentsOf: url.appendingPathComponent(".git/index"))
        return State(index: index, status: try git("status", "--porcelain=v1", "--untracked-files=all"),
                     staged: try git("diff", "--cached"), unstaged: try git("diff"),
                     head: try git("rev-parse", "HEAD"), branch: try git("rev-parse", "--abbrev-ref", "HEAD"),
                     refs: try git("for-each-ref", "--format=%(refname) %(objectname)"),
                     stash: try git("stash", "list"))
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
