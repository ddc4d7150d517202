import Foundation
import Testing
import ZIPFoundation
@testable import EvidentKit

@Suite struct PackZipTests {
    @Test func samePackTwiceGivesTheSameBytes() throws {
        let first = try PackFixture()
        defer { first.remove() }
        // A second tree with the same content, loaded and checked separately.
        let second = try PackFixture()
        defer { second.remove() }
        let a = try first.pack.zip()
        let b = try second.pack.zip()
        #expect(a == b)
        #expect(try first.pack.zip() == a)
        let key = try PackSigningKey(pem: PackKeyTests.opensslKey)
        #expect(try first.pack.zip(signingKey: key) == second.pack.zip(signingKey: key))
    }

    @Test func theOrderFilesAreGivenInDoesNotMatter() throws {
        let files = (0..<50).map { ("f/\($0 * 7919 % 50).txt", Data("\($0)".utf8)) }
        var forward: [String: Data] = [:]
        for (k, v) in files { forward[k] = v }
        var backward: [String: Data] = [:]
        for (k, v) in files.reversed() { backward[k] = v }
        let day = try #require(Day(iso: "2026-11-29"))
        #expect(try PackZip.archive(forward, asOf: day) == PackZip.archive(backward, asOf: day))
    }

    @Test func entriesAreSortedFilesWithFixedDateAndPermissions() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let archive = try Archive(data: fixture.pack.zip(), accessMode: .read)
        let entries = Array(archive)
        let names = entries.map(\.path)
        #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(names.allSatisfy { $0.hasPrefix("evident-pack-example-services-2026-11-29/") })
        #expect(names.contains("evident-pack-example-services-2026-11-29/README.html"))
        #expect(entries.allSatisfy { $0.type == .file && $0.isCompressed })
        let expected = try #require(ISO8601DateFormatter().date(from: "2026-11-29T00:00:00Z"))
        for entry in entries {
            #expect(entry.fileAttributes[.modificationDate] as? Date == expected, "\(entry.path)")
            #expect((entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o644, "\(entry.path)")
        }
    }

    /// The DOS date and time fields are read straight from the bytes: 2026-11-29 00:00:00.
    @Test func dosTimestampFieldsAreTheAsOfDateAtMidnight() throws {
        let day = try #require(Day(iso: "2026-11-29"))
        let zip = try PackZip.archive(["a.txt": Data("a".utf8)], asOf: day)
        let bytes = [UInt8](zip)
        // Local file header: signature PK\u{3}\u{4}; time at offset 10, date at 12 (little endian).
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        let time = UInt16(bytes[10]) | UInt16(bytes[11]) << 8
        let date = UInt16(bytes[12]) | UInt16(bytes[13]) << 8
        #expect(time == 0)
        #expect(date == UInt16((2026 - 1980) << 9 | 11 << 5 | 29))
    }

    @Test func unsafeEntryNamesAreRefused() throws {
        let day = try #require(Day(iso: "2026-11-29"))
        for name in ["/etc/passwd", "../up.txt", "a/../../b", "a\\b", "a//b", "./a", "C:/x", "a\nb", ""] {
            #expect(throws: PackZip.Failure.self, "\(name)") { try PackZip.archive([name: Data()], asOf: day) }
        }
    }

    @Test func slugsAreLowerCaseASCIIWords() {
        #expect(EvidencePack.slug("Northwind Services") == "northwind-services")
        #expect(EvidencePack.slug("  Café Ünïcode & Co. ") == "cafe-unicode-co")
        #expect(EvidencePack.slug("../../etc") == "etc")
        #expect(EvidencePack.slug("株式会社") == "organization")
        #expect(EvidencePack.slug(String(repeating: "ab ", count: 100)).count <= 80)
    }

    @Test func folderAndZipAreNamedAfterOrganisationAndDate() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        #expect(fixture.pack.folderName == "evident-pack-example-services-2026-11-29")
        #expect(fixture.pack.zipName == "evident-pack-example-services-2026-11-29.zip")
    }
}
