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
}
