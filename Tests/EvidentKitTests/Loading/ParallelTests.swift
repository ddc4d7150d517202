import Testing
@testable import EvidentKit

@Suite struct ParallelTests {
    struct Failure: Error, Equatable { var name: String }

    @Test func concurrentlyReturnsBothAndTheFirstErrorWins() throws {
        let (a, b) = try concurrently({ (1...1_000).reduce(0, +) }, { String(repeating: "x", count: 3) })
        #expect(a == 500_500 && b == "xxx")
        #expect(throws: Failure(name: "first")) {
            _ = try concurrently({ () throws -> Int in throw Failure(name: "first") }, { () throws -> Int in throw Failure(name: "second") })
        }
        #expect(throws: Failure(name: "second")) {
            _ = try concurrently({ 1 }, { () throws -> Int in throw Failure(name: "second") })
        }
    }
}
