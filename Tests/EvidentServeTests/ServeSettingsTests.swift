@testable import EvidentServe
import Testing

@Suite struct ServeSettingsTests {
    @Test(arguments: [0.1, 0.2, 1, 60, 3600])
    func acceptsASanePollInterval(seconds: Double) throws {
        let settings = try ServeSettings(port: 8000, pollInterval: seconds, watched: ["content"])
        #expect(settings.pollInterval == seconds)
    }

    @Test(arguments: [0, -0.0, -1, 0.05, 0.099, 3600.5, 1e9, Double.nan, Double.infinity, -Double.infinity, Double.greatestFiniteMagnitude])
    func refusesAPollIntervalOutOfRange(seconds: Double) {
        #expect {
            _ = try ServeSettings(port: 8000, pollInterval: seconds, watched: [])
        } throws: { error in
            (error as? ServeFailure)?.message.hasPrefix("--poll-interval takes a number of seconds from 0.1 to 3600") == true
        }
    }

    @Test(arguments: [-1, 65536, Int.max, Int.min])
    func refusesAPortOutOfRange(port: Int) {
        #expect(throws: ServeFailure.self) { _ = try ServeSettings(port: port, pollInterval: 1, watched: []) }
    }

    @Test(arguments: [0, -1, Double.nan, Double.infinity, 3601])
    func refusesAnIdleTimeoutOutOfRange(seconds: Double) {
        #expect(throws: ServeFailure.self) { _ = try ServeSettings(port: 0, pollInterval: 1, watched: [], idleTimeout: seconds) }
    }

    @Test(arguments: [0, -1, Double.nan, Double.infinity, 3601])
    func refusesAWriteTimeoutOutOfRange(seconds: Double) {
        #expect(throws: ServeFailure.self) { _ = try ServeSettings(port: 0, pollInterval: 1, watched: [], writeTimeout: seconds) }
    }

    /// At least one stream, and a connection to spare beside every stream.
    @Test(arguments: [(0, 8), (-1, 8), (8, 8), (8, 4), (1, 100_001)])
    func refusesLimitsThatLeaveNoRoom(streams: Int, connections: Int) {
        #expect(throws: ServeFailure.self) {
            _ = try ServeSettings(port: 0, pollInterval: 1, watched: [], maxConnections: connections, maxStreams: streams)
        }
    }

    @Test func theDefaultLimitsAreAccepted() throws {
        let settings = try ServeSettings(port: 0, pollInterval: 1, watched: [], maxConnections: 2, maxStreams: 1)
        #expect((settings.maxConnections, settings.maxStreams) == (2, 1))
        let defaults = try ServeSettings(port: 0, pollInterval: 1, watched: [])
        #expect((defaults.maxConnections, defaults.maxStreams, defaults.writeTimeout) == (256, 32, 30))
    }
}
