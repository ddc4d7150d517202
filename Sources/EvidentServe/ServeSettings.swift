/// What `serve` is asked to do, checked: a port to listen on, on 127.0.0.1, and how often to look
/// for changed files.
package struct ServeSettings: Sendable {
    /// The port on 127.0.0.1; 0 asks the system for a free one (for tests).
    let port: Int
    /// Seconds between looks for changed files, within `pollIntervals`.
    let pollInterval: Double
    /// The folders whose files trigger a rebuild when they change.
    let watched: [String]
    /// Seconds a connection may stay silent, or take to send a request's head, before it is closed.
    let idleTimeout: Double
    /// Connections open at once; past it a new one displaces the one idle longest (`ConnectionTable`).
    let maxConnections: Int
    /// Live-reload event streams open at once; past it a new one ends the oldest (`LiveSite`).
    let maxStreams: Int
    /// Seconds an answer may wait on a client that takes none of its bytes before it is closed.
    let writeTimeout: Double

    /// The limits' defaults: far above what browsers open (six connections to a server, one event
    /// stream per browser), and far below the descriptors a process may open (1,024 by default).
    static let defaultMaxConnections = 256
    static let defaultMaxStreams = 32

    /// A tenth of a second to an hour: looking more often only burns a core walking the folders,
    /// and waiting longer is no preview (a sleep that long is a typo).
    static let pollIntervals: ClosedRange<Double> = 0.1...3600

    init(port: Int, pollInterval: Double, watched: [String], idleTimeout: Double = 10,
                 maxConnections: Int = defaultMaxConnections, maxStreams: Int = defaultMaxStreams,
                 writeTimeout: Double = 30) throws(ServeFailure) {
        guard (0...65535).contains(port) else {
            throw ServeFailure("The port must be between 1 and 65535 (0 for any free port); \(port) is not.")
        }
        // NaN fails `contains`, and so do the infinities.
        guard Self.pollIntervals.contains(pollInterval) else {
            throw ServeFailure("--poll-interval takes a number of seconds from 0.1 to 3600, like 0.5; \(pollInterval) is not one.")
        }
        guard idleTimeout > 0, idleTimeout <= 3600 else {
            throw ServeFailure("The idle timeout must be a number of seconds above 0 and at most 3600; \(idleTimeout) is not one.")
        }
        guard writeTimeout > 0, writeTimeout <= 3600 else {
            throw ServeFailure("The write timeout must be a number of seconds above 0 and at most 3600; \(writeTimeout) is not one.")
        }
        guard (1...100_000).contains(maxStreams), (maxStreams + 1...100_000).contains(maxConnections) else {
            throw ServeFailure("The limits must be 1 to 100000 event streams and more connections than streams; \(maxStreams) and \(maxConnections) are not.")
        }
        self.port = port
        self.pollInterval = pollInterval
        self.watched = watched
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxStreams = maxStreams
        self.writeTimeout = writeTimeout
    }
}

/// Why `serve` cannot start or go on: a message for the user, who can fix it (exit code 2).
package struct ServeFailure: Error, Sendable, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
