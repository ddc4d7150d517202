import Foundation
import Testing
@testable import EvidentKit

/// One named test for each input a fuzz target found a bug with (also in Fuzz/Regressions).
struct FuzzFindingTests {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions")

    /// A 22-byte end-of-central-directory record whose directory offset and size point past the
    /// zip's end: ZIPFoundation's in-memory archive trapped reading it (`zip` target).
    @Test func verifyingBytesWhoseDirectoryPointsPastTheEndReportsAProblem() throws {
        let data = try Data(contentsOf: Self.regressions.appendingPathComponent("zip/directory-past-the-end.zip"))
        #expect(data.count == 22)
        let report = try PackVerifier.verify(zip: data, name: "bad.zip")
        #expect(!report.holds)
        #expect(report.manifestProblems.count == 1)
        let key = try PackSigningKey().verifyingKey
        #expect(try PackVerifier.verify(zip: data, name: "bad.zip", key: key).signature == .missing)
    }

    /// A pack with two bytes of one deflated entry changed (`zip` target, a time-out): the deflate
    /// stream does not end within the file, and ZIPFoundation 0.9.20's inflate loop on Linux asks
    /// for more input for ever at the end of the file, so `evident verify` never finishes. Not
    /// fixed yet (it needs the verifier to inflate entries itself, with the entry's size as the
    /// bound); the input is kept in Fuzz/Hangs, out of the replayed corpora.
    @Test(.disabled("evident verify hangs on this zip (ZIPFoundation's inflate loop); see docs/fuzzing.md"))
    func verifyingAZipWhoseDeflateStreamNeverEndsFinishes() throws {
        let data = try Data(contentsOf: Self.regressions.deletingLastPathComponent()
            .appendingPathComponent("Hangs/zip/deflate-stream-without-end.zip"))
        let report = try PackVerifier.verify(zip: data, name: "damaged.zip")
        #expect(!report.holds)
    }
}
