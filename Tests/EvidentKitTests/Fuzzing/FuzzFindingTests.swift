import Foundation
import Testing
@testable import EvidentPack

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
    /// stream does not end within the file. ZIPFoundation's inflate loop asked for more input for
    /// ever; the verifier now inflates entries itself, bounded by their declared sizes, and reports
    /// the damaged entries.
    @Test(.timeLimit(.minutes(5)))
    func verifyingAZipWhoseDeflateStreamNeverEndsFinishes() throws {
        let data = try Data(contentsOf: Self.regressions.appendingPathComponent("zip/deflate-stream-without-end.zip"))
        let report = try PackVerifier.verify(zip: data, name: "damaged.zip")
        #expect(!report.holds)
    }
}
