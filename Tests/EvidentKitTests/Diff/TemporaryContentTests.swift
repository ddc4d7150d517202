import Foundation
import Testing
@testable import EvidentDiff

/// The copies of revisions `diff` writes into a shared temporary folder: a copy a killed or
/// interrupted diff left behind is removed by a later one, and nothing else is.
@Suite struct TemporaryContentTests {
    /// The id of a process that has ended.
    static func endedProcess() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// Sets the last change of `path` (not following a link) `age` seconds back.
    static func age(_ path: String, by age: TimeInterval) {
        let then = Date().timeIntervalSince1970 - age
        var times = [timespec(tv_sec: Int(then), tv_nsec: 0), timespec(tv_sec: Int(then), tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
    }

    @Test func aLeftoverOfAnEndedDiffIsRemovedAndNothingElse() throws {
        let shared = try TemporaryTree(["elsewhere/keep.md": "the user's file\n"])
        defer { shared.remove() }
        let fm = FileManager.default
        let ended = try Self.endedProcess()
        let uuid = { UUID().uuidString }
        let leftover = "evident-diff-\(ended)-\(uuid())"
        let kept = [
            "evident-diff-\(getpid())-\(uuid())",  // a diff still running
            "evident-diff-\(ended)-\(uuid())-recent",  // not a name evident writes
            "evident-diff-\(uuid())",  // no process id
            "evident-diff-\(ended)-not-a-uuid",
            "evident-diff--\(uuid())",
        ]
        for name in [leftover] + kept {
            try fm.createDirectory(atPath: shared.path + "/" + name + "/content/evidence", withIntermediateDirectories: true)
        }
        // A link inside the leftover goes as a link; what it leads to stays.
        try fm.createSymbolicLink(atPath: shared.path + "/\(leftover)/content/evidence/out", withDestinationPath: shared.path + "/elsewhere")
        // Named like a leftover, but a link, a file, or too recent.
        let link = "evident-diff-\(ended)-\(uuid())"
        try fm.createSymbolicLink(atPath: shared.path + "/" + link, withDestinationPath: shared.path + "/elsewhere")
        let file = "evident-diff-\(ended)-\(uuid())"
        try Data("x".utf8).write(to: shared.url.appendingPathComponent(file))
        let recent = "evident-diff-\(ended)-\(uuid())"
        try fm.createDirectory(atPath: shared.path + "/" + recent, withIntermediateDirectories: false)
        for name in [leftover, link, file] + kept { Self.age(shared.path + "/" + name, by: 2 * TemporaryContent.leftoverAge) }

        #expect(TemporaryContent.removeLeftovers(in: shared.path) == [leftover])
        #expect(try fm.contentsOfDirectory(atPath: shared.path).sorted() == (kept + [link, file, recent, "elsewhere"]).sorted())
        #expect(try String(contentsOfFile: shared.path + "/elsewhere/keep.md", encoding: .utf8) == "the user's file\n")
        #expect(TemporaryContent.removeLeftovers(in: shared.path).isEmpty)
    }

    /// The copy is named with the process id, made private from the start, and removed after use.
    @Test func aCopyIsPrivateNamedByItsProcessAndRemoved() throws {
        let copy = try TemporaryContent.write(files: [RevisionFile(path: "evidence/a.csv", isLink: false, data: Data())])
        defer { copy.remove() }
        #expect(TemporaryContent.leftoverProcess(copy.folder.lastPathComponent) == getpid())
        var info = stat()
        #expect(lstat(copy.folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(FileManager.default.fileExists(atPath: copy.root.path + "/evidence/a.csv"))
        copy.remove()
        #expect(!FileManager.default.fileExists(atPath: copy.folder.path))
    }
}
