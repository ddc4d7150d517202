/// What `serve` is asked to do, checked: a port to listen on, on 127.0.0.1, and how often to look
/// for changed files.
package struct ServeSettings: Sendable {
    /// The port on 127.0.0.1; 0 asks the system for a free one (for tests).
    package let port: Int
    /// Seconds between looks for changed files, within `pollIntervals`.
    package let pollInterval: Double
    /// The folders whose files trigger a rebuild when they change.
    let watched: [String]
    /// Seconds a connection may stay silent, or take to send a request's head, before it is closed.
    let idleTimeout: Double

    /// A tenth of a second to an hour: looking more often only burns a core walking the folders,
    /// and waiting longer is no preview (a sleep that long is a typo).
    static let pollIntervals: ClosedRange<Double> = 0.1...3600

    package init(port: Int, pollInterval: Double, watched: [String], idleTimeout: Double = 10) throws(ServeFailure) {
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
        self.port = port
        self.pollInterval = pollInterval
        self.watched = watched
        self.idleTimeout = idleTimeout
    }
}

/// Why `serve` cannot start or go on: a message for the user, who can fix it (exit code 2).
package struct ServeFailure: Error, Sendable, CustomStringConvertible {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
