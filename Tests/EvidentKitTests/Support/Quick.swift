import Testing

/// Runs `body` and records an issue when it took longer than `limit`, timed from the body's own
/// start. A `.timeLimit` cannot say this: it also counts the time a test waits for a thread of the
/// shared pool, which in a full parallel run on two cores has been over a minute.
func expectQuick<T>(within limit: Duration, _ what: Comment, sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let took = start.duration(to: clock.now)
    #expect(took <= limit, "\(what) took \(took)", sourceLocation: sourceLocation)
    return result
}
