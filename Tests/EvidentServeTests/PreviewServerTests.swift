@testable import EvidentServe
import Foundation
import Testing

/// The parts of the server that need no socket. Serving itself is tested on the built binary
/// (EvidentCLITests/ServeCommandTests): a server in this process would answer on the same thread
/// pool that the other suites keep busy, and time out for that reason alone.
@Suite struct PreviewServerTests {
    struct Broken: Error {}

    @Test func theFirstBuildsErrorIsThrownBeforeListening() async throws {
        let server = PreviewServer(settings: try ServeSettings(port: 0, pollInterval: 1, watched: [])) { _ in throw Broken() }
        await #expect(throws: Broken.self) {
            try await server.run { event in
                if case .listening = event { Issue.record("listened although the first build failed") }
            }
        }
    }

    @Test func theStampChangesWithEveryEditAdditionAndRemoval() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sub/a.md")
        try Data("one".utf8).write(to: file)
        let watcher = FolderWatcher(folders: [dir.path, dir.appendingPathComponent("missing").path])

        let first = watcher.stamp()
        #expect(first.keys.contains(file.path))
        #expect(watcher.stamp() == first, "nothing changed")

        try Data("two".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1)], ofItemAtPath: file.path)
        let edited = watcher.stamp()
        #expect(edited != first, "same size, other time")

        try Data("b".utf8).write(to: dir.appendingPathComponent("b.md"))
        let added = watcher.stamp()
        #expect(added != edited)

        try FileManager.default.removeItem(at: dir.appendingPathComponent("b.md"))
        #expect(watcher.stamp() == edited)
    }

    /// Hidden names are never content nor theme: a git repository's `.git`, an editor's swap file
    /// or lock, written all the time, change nothing and are not walked.
    @Test func hiddenFilesAndFoldersAreNotInTheStamp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/objects/ab"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("one".utf8).write(to: dir.appendingPathComponent("a.md"))
        let watcher = FolderWatcher(folders: [dir.path])
        let first = watcher.stamp()
        #expect(first.keys.sorted() == [dir.path + "/a.md"])
        try Data("index".utf8).write(to: dir.appendingPathComponent(".git/index"))
        try Data("object".utf8).write(to: dir.appendingPathComponent(".git/objects/ab/cdef"))
        try Data("swap".utf8).write(to: dir.appendingPathComponent(".a.md.swp"))
        #expect(watcher.stamp() == first)
    }
}
