import EvidentServe
import Foundation
import Testing

/// The server in this process, on a free port: rebuilds, the last good site kept, idle clients closed.
@Suite(.serialized) struct PreviewServerTests {
    /// Events as they come, and the port once listening.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String] = []
        private var listeningPort: Int?
        func record(_ event: PreviewServer.Event) {
            lock.withLock {
                switch event {
                case let .listening(port): listeningPort = port; events.append("listening")
                case .rebuilt: events.append("rebuilt")
                case let .rebuildFailed(error): events.append("failed: \(error)")
                }
            }
        }
        var port: Int? { lock.withLock { listeningPort } }
        var all: [String] { lock.withLock { events } }
    }

    struct Broken: Error {}

    private func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Serves `index.html` with the text of `page.txt` in a temporary folder; "broken" fails the build.
    @Test(.timeLimit(.minutes(1))) func rebuildsOnChangeAndKeepsTheLastGoodSite() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page.txt")
        try Data("first".utf8).write(to: page)

        let settings = try ServeSettings(port: 0, pollInterval: 0.1, watched: [dir.path])
        let server = PreviewServer(settings: settings) {
            let text = try String(contentsOf: page, encoding: .utf8)
            if text == "broken" { throw Broken() }
            return ["index.html": Data(text.utf8)]
        }
        let log = Log()
        let task = Task { try await server.run(events: log.record) }
        defer { task.cancel() }

        #expect(waitFor(10) { log.port != nil })
        let port = try #require(log.port)
        #expect(LoopbackHTTP.get(port, "/")?.body == "first")

        try Data("second".utf8).write(to: page)
        #expect(waitFor(10) { LoopbackHTTP.get(port, "/")?.body == "second" })
        #expect(log.all.contains("rebuilt"))

        try Data("broken".utf8).write(to: page)
        #expect(waitFor(10) { log.all.contains { $0.hasPrefix("failed: ") } })
        #expect(LoopbackHTTP.get(port, "/")?.body == "second", "a failed rebuild keeps the last good site")

        task.cancel()
        _ = await task.result
    }

    @Test(.timeLimit(.minutes(1))) func closesAClientThatSendsHalfARequest() async throws {
        let settings = try ServeSettings(port: 0, pollInterval: 1, watched: [], idleTimeout: 1)
        let server = PreviewServer(settings: settings) { ["index.html": Data("home".utf8)] }
        let log = Log()
        let task = Task { try await server.run(events: log.record) }
        defer { task.cancel() }
        #expect(waitFor(10) { log.port != nil })
        let port = try #require(log.port)

        let fd = try #require(LoopbackHTTP.connect(port))
        defer { close(fd) }
        LoopbackHTTP.send(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n")
        #expect(LoopbackHTTP.get(port, "/")?.body == "home", "answered while another client is half way")
        #expect(LoopbackHTTP.isClosed(fd, within: 5), "closed after the idle timeout")
    }

    @Test(.timeLimit(.minutes(1))) func aPortInUseIsAClearFailure() async throws {
        let first = PreviewServer(settings: try ServeSettings(port: 0, pollInterval: 1, watched: [])) { [:] }
        let log = Log()
        let task = Task { try await first.run(events: log.record) }
        defer { task.cancel() }
        #expect(waitFor(10) { log.port != nil })
        let port = try #require(log.port)

        let second = PreviewServer(settings: try ServeSettings(port: port, pollInterval: 1, watched: [])) { [:] }
        await #expect {
            try await second.run { _ in }
        } throws: { error in
            (error as? ServeFailure)?.message.hasPrefix("Cannot listen on 127.0.0.1:\(port):") == true
        }
    }

    @Test func theFirstBuildsErrorIsThrown() async throws {
        let server = PreviewServer(settings: try ServeSettings(port: 0, pollInterval: 1, watched: [])) { throw Broken() }
        await #expect(throws: Broken.self) { try await server.run { _ in } }
    }
}
