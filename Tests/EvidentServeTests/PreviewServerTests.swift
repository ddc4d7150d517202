@testable import EvidentServe
import Foundation
import Glibc
import Synchronization
import Testing

/// The parts of the server that need no socket. Serving itself is tested on the built binary
/// (EvidentCLITests/ServeCommandTests): a server in this process would answer on the same thread
/// pool that the other suites keep busy, and time out for that reason alone.
@Suite struct PreviewServerTests {

    /// A usage error of the first build makes serving pointless: thrown before listening. (Any
    /// other error is served as a page: ServeCommandTests.aFirstBuildThatFailsIsServedAsItsError.)
    @Test func theFirstBuildsUsageErrorIsThrownBeforeListening() async throws {
        let server = PreviewServer(settings: try ServeSettings(port: 0, pollInterval: 1, watched: [])) { _ in throw ServeFailure("no") }
        await #expect(throws: ServeFailure.self) {
            try await server.run { event in
                if case .listening = event { Issue.record("listened although the first build failed") }
            }
        }
    }

    /// A socket listening on 127.0.0.1 at a port the system chose, and that port: the port in use.
    static func listeningSocket() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &size) == 0 }
        }
        guard bound else {
            close(fd)
            throw ServeFailure("could not listen on 127.0.0.1")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port that cannot be bound is said in words, from the system's error number; when the port
    /// binds again, the error describes itself.
    @Test func whyListeningFailedIsSaidInWords() throws {
        struct Described: Error, CustomStringConvertible { var description: String { "no route" } }
        let (fd, port) = try Self.listeningSocket()
        var isOpen = true
        defer { if isOpen { close(fd) } }
        #expect(PreviewServer.listenFailure(Described(), port: port) == "the port is in use (another program listens on it)")
        close(fd)
        isOpen = false
        #expect(PreviewServer.listenFailure(Described(), port: port) == "no route")
        #expect(PreviewServer.reason(EACCES) == "permission denied (a port below 1024 needs privileges)")
        #expect(PreviewServer.reason(EADDRNOTAVAIL) == String(cString: strerror(EADDRNOTAVAIL)))
    }

    /// A port in use is refused before the first build: at once, and with no server set up.
    @Test func aPortInUseIsRefusedBeforeTheFirstBuild() async throws {
        let (fd, port) = try Self.listeningSocket()
        defer { close(fd) }
        let built = Mutex(false)
        let server = PreviewServer(settings: try ServeSettings(port: port, pollInterval: 1, watched: [])) { _ in
            built.withLock { $0 = true }
            throw ServeFailure("built")
        }
        let refusal = await #expect(throws: ServeFailure.self) { try await server.run { _ in } }
        #expect(refusal?.message == "Cannot listen on 127.0.0.1:\(port): the port is in use (another program listens on it). Choose another --port.")
        #expect(!built.withLock { $0 })
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
