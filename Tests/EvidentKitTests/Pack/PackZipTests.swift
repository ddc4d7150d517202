import Foundation
import Testing
import ZIPFoundation
@testable import EvidentModel
@testable import EvidentPack
@testable import EvidentSupport

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
        #expect(entries.allSatisfy { $0.type == .file })
        // Deflated, except where deflate would not make the entry smaller (as `zip` does).
        #expect(entries.filter(\.isCompressed).allSatisfy { $0.compressedSize < $0.uncompressedSize })
        #expect(entries.first { $0.path.hasSuffix("/README.html") }?.isCompressed == true)
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

    // MARK: The writer itself, read back by ZIPFoundation, Python's zipfile, unzip and 7z.

    static let day = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)

    /// Text, an incompressible entry, an empty file, a non-ASCII name and a nested path.
    static func sampleFiles() -> [String: Data] {
        var random = SplitMix64(seed: 42)
        let noise = Data((0..<40_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        let text = Data(String(repeating: "Objective OBJ-INC-01 is on target. ", count: 400).utf8)
        return [
            "pack/text.txt": text,
            "pack/noise.bin": noise,
            "pack/empty.txt": Data(),
            "pack/café/Zürich ≤ 4 h.md": Data("# Zürich\n".utf8),
            "pack/a/b/c/deep.csv": Data("a,b\r\n1,2\r\n".utf8),
        ]
    }

    /// The byte order with `memcmp` is the generic one, for prefixes, empty and non-ASCII paths.
    @Test func pathsAreOrderedByTheirUTF8Bytes() {
        var random = SplitMix64(seed: 7)
        let pieces = ["", "a", "b", "/", "a/", "é", "e\u{301}", "Z", "ü", "\u{10FFFF}", "ab", "a-b", "~"]
        for _ in 0..<2_000 {
            let a = (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let b = (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(PackPath.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
        }
        #expect(PackPath.sorted(["b", "é", "a/b", "a", "Z", ""]) == ["", "Z", "a", "a/b", "b", "é"])
    }

    @Test func theArchiveReadsBackWithZIPFoundation() throws {
        let files = Self.sampleFiles()
        let zip = try PackZip.archive(files, asOf: Self.day)
        #expect(try ZipTestTools.entries(zip) == files)
        let archive = try Archive(data: zip, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == PackPath.sorted(files.keys))
        let midnight = try #require(ISO8601DateFormatter().date(from: "2026-11-29T00:00:00Z"))
        for entry in entries {
            #expect(entry.type == .file)
            #expect(entry.fileAttributes[.modificationDate] as? Date == midnight, "\(entry.path)")
            #expect((entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o644, "\(entry.path)")
        }
        // Deflated when that makes the entry smaller, stored otherwise (random bytes, an empty file).
        let compressed = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0.isCompressed) })
        #expect(compressed["pack/text.txt"] == true)
        #expect(compressed["pack/noise.bin"] == false)
        #expect(compressed["pack/empty.txt"] == false)
        #expect(compressed["pack/a/b/c/deep.csv"] == false)
    }

    @Test(.enabled(if: ExternalTool.has("python3"), "python3 is not installed; skipping the zipfile round trip"))
    func theArchiveReadsBackWithPythonZipfile() throws {
        let files = Self.sampleFiles()
        let entries = try Self.pythonEntries(PackZip.archive(files, asOf: Self.day))
        #expect(entries.map(\.name) == PackPath.sorted(files.keys))
        for entry in entries {
            #expect(Data(base64Encoded: entry.data) == files[entry.name], "\(entry.name)")
            #expect(entry.mode == 0o100644, "\(entry.name)")
            #expect(entry.dateTime == [2026, 11, 29, 0, 0, 0], "\(entry.name)")
        }
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(byName["pack/text.txt"]?.method == 8)
        #expect(byName["pack/noise.bin"]?.method == 0)
        #expect(byName["pack/empty.txt"]?.method == 0)
        // Bit 11 (UTF-8) only on the non-ASCII name; Python decodes the others as CP437.
        #expect(byName["pack/café/Zürich ≤ 4 h.md"]?.flags == 0x800)
        #expect(byName["pack/text.txt"]?.flags == 0)
    }

    /// The UTF-8 flag and the name's bytes, read straight from the local header.
    @Test func aNonASCIINameIsMarkedUTF8() throws {
        let name = "évidence/報告.txt"
        let bytes = [UInt8](try PackZip.archive([name: Data("x".utf8)], asOf: Self.day))
        let flags = UInt16(bytes[6]) | UInt16(bytes[7]) << 8
        #expect(flags & 0x800 != 0)
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8
        #expect(Array(bytes[30..<(30 + nameLength)]) == Array(name.utf8))
        let ascii = [UInt8](try PackZip.archive(["evidence/report.txt": Data("x".utf8)], asOf: Self.day))
        #expect(ascii[6] == 0 && ascii[7] == 0)
    }

    @Test func anEmptyArchiveIsTheBareEndRecord() throws {
        let zip = try PackZip.archive([:], asOf: Self.day)
        #expect([UInt8](zip) == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect(try ZipTestTools.entries(zip).isEmpty)
    }

    @Test(.enabled(if: ExternalTool.has("python3") && ExternalTool.has("7z"), "python3 or 7z is not installed; skipping"))
    func anEmptyArchiveAndAnEmptyEntryAreValid() throws {
        #expect(try Self.pythonEntries(PackZip.archive([:], asOf: Self.day)).isEmpty)
        let zip = try PackZip.archive(["empty": Data()], asOf: Self.day)
        let entries = try Self.pythonEntries(zip)
        #expect(entries.map(\.name) == ["empty"])
        #expect(entries.first?.data == "")
        #expect(entries.first?.method == 0)
        try Self.withFile(zip) { url in
            let run = try ExternalTool.run("7z", ["t", url.path])
            #expect(run.status == 0 && run.output.contains("Everything is Ok"), "\(run.output)")
        }
    }

    /// Zip64 forced on a small archive: everywhere (every size and offset, even zero ones, and the
    /// entry count), on every non-zero value, and part way (sizes and offsets from 1,000 bytes).
    @Test(.enabled(if: ExternalTool.has("python3") && ExternalTool.has("unzip") && ExternalTool.has("7z"),
                   "python3, unzip or 7z is not installed; skipping the zip64 round trip"),
          arguments: [PackZip.Zip64Limits(entries: 0, bytes: 0), PackZip.Zip64Limits(entries: 0, bytes: 1),
                      PackZip.Zip64Limits(entries: 3, bytes: 1_000)])
    func forcedZip64ReadsBackEverywhere(limits: PackZip.Zip64Limits) throws {
        let files = Self.sampleFiles()
        let zip = try PackZip.archive(files, asOf: Self.day, limits: limits)
        #expect(zip != (try PackZip.archive(files, asOf: Self.day)))
        // The zip64 end record and its locator are there.
        let bytes = [UInt8](zip)
        let locator = bytes.count - 22 - 20
        #expect(Array(bytes[locator..<(locator + 4)]) == [0x50, 0x4B, 0x06, 0x07])
        #expect(Array(bytes[(locator - 56)..<(locator - 52)]) == [0x50, 0x4B, 0x06, 0x06])

        let entries = try Self.pythonEntries(zip)
        #expect(entries.map(\.name) == PackPath.sorted(files.keys))
        for entry in entries {
            #expect(Data(base64Encoded: entry.data) == files[entry.name], "\(entry.name)")
        }
        // ZIPFoundation (which `verify` reads packs with) takes a zip64 value of 0 for "absent"; real
        // zip64 values are never 0, as they are only written from 4 GB up.
        if limits.bytes > 0 {
            #expect(try ZipTestTools.entries(zip) == files)
        }
        try Self.withFile(zip) { url in
            let unzip = try ExternalTool.run("unzip", ["-t", url.path])
            #expect(unzip.status == 0 && unzip.output.contains("No errors detected"), "\(unzip.output)")
            let sevenZip = try ExternalTool.run("7z", ["t", url.path])
            #expect(sevenZip.status == 0 && sevenZip.output.contains("Everything is Ok"), "\(sevenZip.output)")
        }
    }

    @Test func theBytesDoNotDependOnBatchingOrOrder() throws {
        var random = SplitMix64(seed: 7)
        var files: [String: Data] = [:]
        for index in 0..<300 {
            let length = Int(random.next() % 5_000)
            // Half text-like (deflated), half noise (stored).
            let bytes = (0..<length).map { index.isMultiple(of: 2) ? UInt8(97 + $0 % 7) : UInt8(truncatingIfNeeded: random.next()) }
            files["f/\(index * 7_919 % 300).bin"] = Data(bytes)
        }
        let standard = try PackZip.archive(files, asOf: Self.day)
        #expect(try PackZip.archive(files, asOf: Self.day) == standard)
        #expect(try PackZip.archive(files, asOf: Self.day, limits: .standard, batchEntries: 1) == standard)
        #expect(try PackZip.archive(files, asOf: Self.day, limits: .standard, batchBytes: 10_000, batchEntries: 37) == standard)
        var reordered: [String: Data] = [:]
        for key in files.keys.sorted().reversed() { reordered[key] = files[key] }
        #expect(try PackZip.archive(reordered, asOf: Self.day) == standard)
        #expect(try ZipTestTools.entries(standard) == files)
    }

    @Test func dosDatesAreClampedToTheirRange() throws {
        #expect(PackZip.dosDate(asOf: Self.day) == UInt16((2026 - 1980) << 9 | 11 << 5 | 29))
        #expect(PackZip.dosDate(asOf: try #require(Day(iso: "1980-01-01"))) == 1 << 5 | 1)
        #expect(PackZip.dosDate(asOf: try #require(Day(iso: "1970-06-15"))) == 1 << 5 | 1)
        #expect(PackZip.dosDate(asOf: try #require(Day(iso: "2107-12-31"))) == 127 << 9 | 12 << 5 | 31)
        #expect(PackZip.dosDate(asOf: try #require(Day(iso: "2200-02-01"))) == 127 << 9 | 12 << 5 | 31)
    }

    struct PythonEntry: Decodable {
        var name: String
        var data: String
        var mode: Int
        var dateTime: [Int]
        var method: Int
        var flags: Int
    }

    /// Every entry as Python's zipfile reads it, after `testzip()` found no bad CRC.
    static func pythonEntries(_ zip: Data) throws -> [PythonEntry] {
        let script = """
        import base64, json, sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        bad = z.testzip()
        assert bad is None, bad
        print(json.dumps([{"name": i.filename, "data": base64.b64encode(z.read(i)).decode(),
                           "mode": i.external_attr >> 16, "dateTime": list(i.date_time),
                           "method": i.compress_type, "flags": i.flag_bits} for i in z.infolist()]))
        """
        let run = try withFile(zip) { try ExternalTool.run("python3", ["-c", script, $0.path]) }
        guard run.status == 0 else {
            Issue.record("python3 could not read the zip: \(run.output)")
            return []
        }
        return try JSONDecoder().decode([PythonEntry].self, from: Data(run.output.utf8))
    }

    static func withFile<T>(_ zip: Data, _ body: (URL) throws -> T) throws -> T {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("test.zip")
        try zip.write(to: url)
        return try body(url)
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

/// A small seeded generator, so that "random" test data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
