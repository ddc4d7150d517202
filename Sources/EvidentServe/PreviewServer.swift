import Dispatch
import Foundation
import Glibc
import Hummingbird

/// `evident serve`: the site built in memory, served over HTTP on 127.0.0.1 by Hummingbird, and
/// built again when a file under the watched folders changes (inotify, or polling when inotify
/// cannot watch them). A failed rebuild keeps the last good site. Open pages reload when a rebuild
/// changed them and show a failed rebuild's error (`LiveSite`, `LivePage`). Each connection is a
/// task on Hummingbird's event loops, so a slow client holds no thread; one that is silent, or
/// slow to send a request's head, is closed after the idle timeout, one that takes no bytes of
/// an answer after the write timeout, and connections and event streams are bounded in number
/// (`ConnectionGuard`, `LiveSite`).
package struct PreviewServer: Sendable {
    /// What happens while serving, for the caller to print.
    package enum Event: Sendable {
        /// Listening on 127.0.0.1 at this port; the site is up.
        case listening(port: Int)
        /// How changes are noticed: inotify, or polling because inotify failed (the reason).
        case watching(polling: WatchFailure?)
        /// A rebuild worked, in this many seconds (from the change reported to the site replaced).
        case rebuilt(seconds: Double)
        /// A rebuild failed; the previous site is still served.
        case rebuildFailed(any Error)
        /// The first build failed (a template that does not parse): every address answers a page
        /// with the error until a change makes a build work.
        case firstBuildFailed(any Error)
        /// Live reload cannot work on the page at this path (a browser's), for this reason: the
        /// page's own Content-Security-Policy cannot be read or still blocks the script. Once per
        /// page and reason.
        case liveReloadBlocked(page: String, reason: String)
    }

    package let settings: ServeSettings
    /// Builds the site; called once before serving (with `.unknown`) and after every change, with
    /// what changed. Never called twice at once.
    package let build: @Sendable (Changes) throws -> SiteBuild

    init(settings: ServeSettings, build: @escaping @Sendable (Changes) throws -> SiteBuild) {
        self.settings = settings
        self.build = build
    }

    /// Builds the site, then serves it until the task is cancelled. When the first build fails, it
    /// serves the error instead (`UnbuiltPage`), as a failed rebuild is shown over the last good
    /// site; only a `ServeFailure` from it, and a port that cannot be listened on, are thrown.
    package func run(events: @escaping @Sendable (Event) -> Void) async throws {
        // A port already taken is said at once, not after a first build that may take long; and no
        // server is set up, whose parts SwiftNIO would free on its own thread as the process exits.
        // Taken between this look and the server's bind, it is said below, from the server's error.
        if let code = Self.bindError(port: settings.port) { throw Self.cannotListen(port: settings.port, because: Self.reason(code)) }
        // Watching starts before the first build, so an edit made during it is seen: inotify
        // queues its events, and the poller's stamp is taken now.
        let watch = Watch(settings: settings)
        defer { watch.stop() }
        let site: LiveSite
        var firstFailure: (any Error)?
        do {
            let first = try build(.unknown)
            site = LiveSite(first, maxStreams: settings.maxStreams, warn: { events(.liveReloadBlocked(page: $0, reason: $1)) })
            first.served()
        } catch let failure as ServeFailure {
            throw failure
        } catch {
            firstFailure = error
            site = LiveSite(unbuilt: String(describing: error), maxStreams: settings.maxStreams,
                            warn: { events(.liveReloadBlocked(page: $0, reason: $1)) })
        }
        let listening = Flag()
        let host = HostRule(port: settings.port)
        let keepAlive = Task {
            // A page that has gone is noticed when a write to its stream fails.
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                site.keepAlive()
            }
        }
        defer { keepAlive.cancel() }
        let connections = ConnectionTable(maxConnections: settings.maxConnections)
        let writeTimeout = settings.writeTimeout
        var app = Application(
            responder: SiteResponder(site: site, host: host),
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ConnectionGuard(table: connections, writeTimeout: writeTimeout)],
                idleTimeout: .milliseconds(Int64(settings.idleTimeout * 1000)),
                // A page request is a line and a few headers; 16 KB holds any a browser sends.
                httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 16 * 1024, maxHeaderFieldCount: 100))),
            // Loopback only: a preview server is never reachable from the network.
            configuration: .init(address: .hostname("127.0.0.1", port: settings.port), serverName: nil),
            // Called once bound, before the first connection is accepted.
            onServerRunning: { [build, firstFailure] channel in
                let port = channel.localAddress?.port ?? settings.port
                host.rule = LoopbackHost(port: port)
                listening.set()
                events(.listening(port: port))
                if let firstFailure { events(.firstBuildFailed(firstFailure)) }
                let polling = watch.start { changes in
                    let start = DispatchTime.now().uptimeNanoseconds
                    do {
                        let built = try build(changes)
                        site.replace(with: built)
                        built.served()
                        events(.rebuilt(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
                    } catch {
                        site.fail(String(describing: error))
                        events(.rebuildFailed(error))
                    }
                } fellBack: { reason in
                    events(.watching(polling: reason))
                }
                events(.watching(polling: polling))
            }
        )
        // Hummingbird's own notes (listening, shutting down) are not the user's; its errors are.
        app.logger.logLevel = .error
        do {
            try await app.run()
        } catch where !listening.isSet {
            throw Self.cannotListen(port: settings.port, because: Self.listenFailure(error, port: settings.port))
        }
    }

    static func cannotListen(port: Int, because reason: String) -> ServeFailure {
        ServeFailure("Cannot listen on 127.0.0.1:\(port): \(reason). Choose another --port.")
    }

    /// Why the port could not be bound, in words. SwiftNIO's error names an internal call and no
    /// cause a user reads, so the bind is tried again here for the system's error number; when
    /// that one works (the port came free meanwhile), the error as it describes itself.
    static func listenFailure(_ error: any Error, port: Int) -> String {
        bindError(port: port).map(reason) ?? String(describing: error)
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case EADDRINUSE: "the port is in use (another program listens on it)"
        case EACCES: "permission denied (a port below 1024 needs privileges)"
        default: String(cString: strerror(code))
        }
    }

    /// The error number of binding a TCP socket to 127.0.0.1:`port` as the server does (with
    /// SO_REUSEADDR), or nil when it binds; the socket is closed again at once.
    static func bindError(port: Int) -> Int32? {
        guard let port = UInt16(exactly: port) else { return nil }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0 ? nil : errno
    }

    /// `run` for a synchronous caller: blocks the calling thread until the server stops, which
    /// SIGINT (Ctrl-C) and SIGTERM do.
    package func runBlocking(events: @escaping @Sendable (Event) -> Void) throws {
        // A parent may start us with SIGINT and SIGTERM blocked (Foundation's Process does): they
        // are unblocked before any thread of the server starts, so Ctrl-C and `kill` stop it.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await run(events: events) } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}

/// A flag set once from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// The error a task ended with, handed to the thread that waited for it.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
