import Crypto
import Foundation
import Testing
@testable import EvidentPack

/// The zip's bytes are pinned: the SHA-256 of the sample archives as the writer made them before
/// `pack` streamed its sources (that writer, compiled alone, gave these). A changed byte fails here.
@Suite struct PackZipGoldenTests {
    static func hex(_ data: Data) -> String { PackManifest.hex(digest: SHA256.hash(data: data)) }

    @Test func theSampleArchiveKeepsItsBytes() throws {
        let zip = try PackZip.archive(PackZipTests.sampleFiles(), asOf: PackZipTests.day)
        #expect(Self.hex(zip) == "0c6c5734f25db53ed98bf5855bf601d7e6235577559a9a29133e2f1f2c01f0d1" && zip.count == 40_698)
        let zip64 = try PackZip.archive(PackZipTests.sampleFiles(), asOf: PackZipTests.day, limits: PackZip.Zip64Limits(entries: 3, bytes: 1_000))
        #expect(Self.hex(zip64) == "a728e9719fad722dbb84b356e99bb3396e41a47f1300620aa7b7350e85512476" && zip64.count == 40_854)
    }
}
