import Foundation
import Hummingbird

/// The site being served and the pages open in browsers. A rebuild replaces the snapshot as a
/// whole; each open page (an event stream) is told to reload when the new build gives its path
/// other bytes than the version it showed, and only then. A failed rebuild keeps the snapshot and
/// tells every page, which shows the error until a rebuild works again.
final class LiveSite: @unchecked Sendable {
    /// An open page: the path it shows and the version of it that it has.
    private struct Watcher {
        var page: String
        var version: String
        let stream: AsyncStream<ByteBuffer>.Continuation
    }

    // Guards everything below. Held to swap the snapshot and to queue events (which never
    // blocks), never while building; a stream's end is handled after it is released.
    private let lock = NSLock()
    private var snapshot: SiteSnapshot
    private var failure: String?
    private var watchers: [Int: Watcher] = [:]
    private var nextID = 0

    init(_ build: SiteBuild) {
        snapshot = SiteSnapshot(build)
    }

    var current: SiteSnapshot { lock.withLock { snapshot } }

    /// The number of open event streams.
    var openStreams: Int { lock.withLock { watchers.count } }

    /// A rebuild worked: serve it, tell the pages whose bytes changed to reload, and the others,
    /// when the previous rebuild had failed, that it works again.
    func replace(with build: SiteBuild) {
        let new = SiteSnapshot(build)
        // The open pages are rendered before the lock is taken (a snapshot keeps what it made), so
        // requests are not held up while they render; under the lock their bytes are only hashed.
        for page in lock.withLock({ Set(watchers.values.map(\.page)) }) { _ = new.version(ofPage: page) }
        // The old site is released once the pages have been told, and outside the lock: freeing a
        // large build's model takes a while, and nobody waits for it.
        var old: SiteSnapshot? = nil
        defer { withExtendedLifetime(old) {} }
        lock.withLock {
            old = snapshot
            snapshot = new
            let recovered = failure != nil
            failure = nil
            for (id, watcher) in watchers {
                let version = new.version(ofPage: watcher.page)
                if version != watcher.version {
                    watchers[id]?.version = version
                    watcher.stream.yield(ServerEvent.reload)
                } else if recovered {
                    watcher.stream.yield(ServerEvent.ok)
                }
            }
        }
    }

    /// A rebuild failed: the last good site stays, and every page shows `message`.
    func fail(_ message: String) {
        lock.withLock {
            failure = message
            for watcher in watchers.values { watcher.stream.yield(ServerEvent.failed(message)) }
        }
    }

    /// Writes the events of a page that has `version` of `page` until a write fails (the page has
    /// gone: `keepAlive` finds it within one period) or the streams are finished. The page is
    /// forgotten when this returns, however it returns.
    func stream(page: String, version: String, write: (ByteBuffer) async throws -> Void) async throws {
        let (id, stream) = events(page: page, version: version)
        defer { forget(id) }
        for await event in stream {
            try await write(event)
        }
    }

    /// The events for a page that has `version` of `page`: first the reconnection delay, then what
    /// the page must know already (a failed rebuild; a version that is no longer current), then
    /// what every later rebuild brings. The caller forgets `id` when it stops reading.
    func events(page: String, version: String) -> (id: Int, stream: AsyncStream<ByteBuffer>) {
        // Sixteen queued events are more than a page ever needs: it reloads on the first.
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(16))
        let id: Int = lock.withLock {
            let id = nextID
            nextID += 1
            continuation.yield(ServerEvent.retry)
            if let failure { continuation.yield(ServerEvent.failed(failure)) }
            let current = snapshot.version(ofPage: page)
            // A page that could not say its version (no `data-version`) is not reloaded at once:
            // it would reload again on every connection.
            if !version.isEmpty, current != version { continuation.yield(ServerEvent.reload) }
            watchers[id] = Watcher(page: page, version: current, stream: continuation)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.forget(id)
        }
        return (id, stream)
    }

    /// A comment on every stream: a page that has gone is found when writing to it fails.
    func keepAlive() {
        lock.withLock {
            for watcher in watchers.values { watcher.stream.yield(ServerEvent.keepAlive) }
        }
    }

    /// Ends every stream (for tests, and when stopping).
    func finishAll() {
        let streams = lock.withLock { watchers.values.map(\.stream) }
        // Outside the lock: finishing runs `onTermination`, which takes it.
        for stream in streams { stream.finish() }
    }

    func forget(_ id: Int) {
        lock.withLock { _ = watchers.removeValue(forKey: id) }
    }
}

/// The server-sent events (text/event-stream) that live.js understands.
enum ServerEvent {
    /// How long a browser waits before connecting again (live.js connects again by itself too).
    static let retry = ByteBuffer(string: "retry: 500\n\n")
    static let reload = ByteBuffer(string: "event: reload\ndata: \n\n")
    static let ok = ByteBuffer(string: "event: ok\ndata: \n\n")
    static let keepAlive = ByteBuffer(string: ": keep-alive\n\n")

    /// A message of any number of lines, one `data:` line each (a line break cannot be in one);
    /// the browser joins them with line feeds.
    static func failed(_ message: String) -> ByteBuffer {
        var text = "event: failed\n"
        let lines = message.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            text += "data: " + line.replacingOccurrences(of: "\r", with: " ") + "\n"
        }
        return ByteBuffer(string: text + "\n")
    }
}
