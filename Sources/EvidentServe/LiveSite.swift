import Foundation
import Hummingbird

/// The site being served and the browsers that show it. A rebuild replaces the snapshot as a
/// whole; a failed rebuild keeps it and marks it failed with the error. After either, every open
/// event stream gets `change`, and each page then asks `/_evident/state` whether its own bytes
/// changed (and reloads) or the build failed (and shows why). A stream names no page: a browser
/// holds one for all its tabs on this server (live.js), not one per page.
final class LiveSite: @unchecked Sendable {
    // Guards everything below. Held to swap the snapshot and to queue events (which never
    // blocks), never while building; a stream's end is handled after it is released.
    private let lock = NSLock()
    private var snapshot: SiteSnapshot
    private var streams: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
    private var nextID = 0
    /// The pages whose state was asked for last, most recent last: the pages open in a browser.
    private var shown: [String] = []
    /// How many of them are kept: more than the windows anyone looks at at once.
    static let shownKept = 32

    /// Event streams open at once; a new one past it ends the oldest, whose browser (if any is
    /// still there) connects again.
    let maxStreams: Int

    /// Told why live reload cannot work on a page (its policy), the first time that page is
    /// served with that reason, whichever build serves it.
    private let warn: SaidOnce

    /// `warn` is told, once per page and reason, why live reload cannot work on a page.
    init(_ build: SiteBuild, maxStreams: Int = ServeSettings.defaultMaxStreams,
         warn: @escaping @Sendable (_ page: String, _ reason: String) -> Void = { _, _ in }) {
        let said = SaidOnce(warn)
        snapshot = SiteSnapshot(build, warn: said.callAsFunction)
        self.maxStreams = maxStreams
        self.warn = said
    }

    /// No build has worked yet: the first failed with `message`, which every address shows.
    init(unbuilt message: String, maxStreams: Int = ServeSettings.defaultMaxStreams,
         warn: @escaping @Sendable (_ page: String, _ reason: String) -> Void = { _, _ in }) {
        snapshot = SiteSnapshot.unbuilt(message)
        self.maxStreams = maxStreams
        self.warn = SaidOnce(warn)
    }

    var current: SiteSnapshot { lock.withLock { snapshot } }

    /// The number of open event streams.
    var openStreams: Int { lock.withLock { streams.count } }

    /// A rebuild worked: serve it, and tell the browsers.
    func replace(with build: SiteBuild) {
        let new = SiteSnapshot(build, warn: warn.callAsFunction)
        // The pages shown are rendered before the browsers are told, outside the lock (a snapshot
        // keeps what it made): their questions then cost a hash, not a render.
        for page in lock.withLock({ shown }) { _ = new.version(ofPage: page) }
        // The old site is released once the browsers have been told, and outside the lock:
        // freeing a large build's model takes a while, and nobody waits for it.
        var old: SiteSnapshot? = nil
        defer { withExtendedLifetime(old) {} }
        lock.withLock {
            old = snapshot
            snapshot = new
            for stream in streams.values { stream.yield(ServerEvent.change) }
        }
    }

    /// A rebuild failed: the last good site stays, marked with `message`, and the browsers are told.
    func fail(_ message: String) {
        lock.withLock {
            snapshot = snapshot.failing(message)
            for stream in streams.values { stream.yield(ServerEvent.change) }
        }
    }

    /// A browser asked for the state of `page`: it is shown somewhere.
    func asked(_ page: String) {
        lock.withLock {
            shown.removeAll { $0 == page }
            shown.append(page)
            if shown.count > Self.shownKept { shown.removeFirst(shown.count - Self.shownKept) }
        }
    }

    /// The pages rendered before the browsers are told of a rebuild, most recent last.
    var pagesShown: [String] { lock.withLock { shown } }

    /// Writes the events of one stream until a write fails (the browser has gone: `keepAlive`
    /// finds it within one period) or the streams are finished. The stream is forgotten when this
    /// returns, however it returns.
    func stream(write: (ByteBuffer) async throws -> Void) async throws {
        let (id, stream) = events()
        defer { forget(id) }
        for await event in stream {
            try await write(event)
        }
    }

    /// The events of a new stream: the reconnection delay, then `change` after every rebuild. The
    /// caller forgets `id` when it stops reading.
    func events() -> (id: Int, stream: AsyncStream<ByteBuffer>) {
        // Sixteen queued events are more than a browser ever needs: every one means "ask again".
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(16))
        let (id, ended): (Int, [AsyncStream<ByteBuffer>.Continuation]) = lock.withLock {
            let id = nextID
            nextID += 1
            continuation.yield(ServerEvent.retry)
            var ended: [AsyncStream<ByteBuffer>.Continuation] = []
            while streams.count >= maxStreams, let oldest = streams.keys.min() {
                streams.removeValue(forKey: oldest).map { ended.append($0) }
            }
            streams[id] = continuation
            return (id, ended)
        }
        // Outside the lock: finishing runs `onTermination`, which takes it.
        for stream in ended { stream.finish() }
        continuation.onTermination = { [weak self] _ in
            self?.forget(id)
        }
        return (id, stream)
    }

    /// A comment on every stream: a browser that has gone is found when writing to it fails.
    func keepAlive() {
        lock.withLock {
            for stream in streams.values { stream.yield(ServerEvent.keepAlive) }
        }
    }

    /// Ends every stream (for tests, and when stopping).
    func finishAll() {
        let all = lock.withLock { Array(streams.values) }
        // Outside the lock: finishing runs `onTermination`, which takes it.
        for stream in all { stream.finish() }
    }

    func forget(_ id: Int) {
        lock.withLock { _ = streams.removeValue(forKey: id) }
    }
}

/// Passes each (page, reason) on the first time only: a page is named once on the console, not at
/// every rebuild. What it keeps is bounded by the pages of the sites served.
final class SaidOnce: @unchecked Sendable {
    private let say: @Sendable (_ page: String, _ reason: String) -> Void
    // Guards `said`; not held while saying.
    private let lock = NSLock()
    private var said: Set<[String]> = []

    init(_ say: @escaping @Sendable (_ page: String, _ reason: String) -> Void) {
        self.say = say
    }

    @Sendable func callAsFunction(_ page: String, _ reason: String) {
        guard lock.withLock({ said.insert([page, reason]).inserted }) else { return }
        say(page, reason)
    }
}

/// The server-sent events (text/event-stream) that live.js understands.
enum ServerEvent {
    /// How long a browser waits before connecting again (live.js connects again by itself too).
    static let retry = ByteBuffer(string: "retry: 500\n\n")
    /// A rebuild ended, well or not: each page asks `/_evident/state` what it means for it.
    static let change = ByteBuffer(string: "event: change\ndata: \n\n")
    static let keepAlive = ByteBuffer(string: ": keep-alive\n\n")
}
