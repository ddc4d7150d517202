import Foundation
import Testing
import ZIPFoundation
@testable import EvidentPack
@testable import EvidentSite

/// `verify` inflates an entry only up to the size its header declares.
@Suite struct PackVerifierBombTests {
    /// `zip` with the uncompressed size of entry `name` changed to `size` in its local and central
    /// headers (classic fields, no zip64): a header that lies about what its data inflates to.
    static func declaring(_ size: UInt32, for name: String, in zip: Data) -> Data {
        var bytes = [UInt8](zip)
        func le32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func put(_ value: UInt32, at: Int) {
            for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        }
        var at = 0
        while at + 46 <= bytes.count {
            guard le32(at) == 0x0201_4B50 else {
                at += 1
                continue
            }
            let nameLength = le16(at + 28), extra = le16(at + 30), comment = le16(at + 32)
            if Array(bytes[(at + 46)..<(at + 46 + nameLength)]) == Array(name.utf8) {
                put(size, at: at + 24)
                put(size, at: le32(at + 42) + 22)
            }
            at += 46 + nameLength + extra + comment
        }
        return Data(bytes)
    }

    /// The data inflates to 10,000 bytes whose hash the manifest lists, but the header says 5: an
    /// entry is what its header declares, so this is a mismatch (before, the hash of everything
    /// inflated was taken and the pack held).
    @Test func anEntryInflatingPastItsDeclaredSizeIsAMismatch() throws {
        let body = Data(repeating: UInt8(ascii: "a"), count: 10_000)
        let manifest = PackManifest(files: ["a.txt": body]).data
        let honest = try PackZip.archive(["pack/a.txt": body, "pack/MANIFEST.sha256": manifest], asOf: PackZipTests.day)
        #expect(try PackVerifier.verify(zip: honest).holds)
        let lying = Self.declaring(5, for: "pack/a.txt", in: honest)
        let report = try PackVerifier.verify(zip: lying)
        #expect(report.mismatched == ["a.txt"])
        #expect(!report.holds)
        // Short of the declared size is a mismatch too.
        let short = Self.declaring(20_000, for: "pack/a.txt", in: honest)
        #expect(try PackVerifier.verify(zip: short).mismatched == ["a.txt"])
    }

    /// The manifest that inflates to 200 MB of zeros while declaring 100 bytes: read no further than
    /// one chunk past 100 bytes, and reported as unreadable.
    @Test func aManifestBombIsStoppedAtItsDeclaredSize() throws {
        let tree = try TemporaryTree([:])
        defer { tree.remove() }
        let zeros = tree.url.appendingPathComponent("zeros")
        #expect(FileManager.default.createFile(atPath: zeros.path, contents: nil))
        let handle = try FileHandle(forWritingTo: zeros)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        let info = try FileManager.default.attributesOfItem(atPath: zeros.path)
        guard case let .sha256(digest) = OutputFolder.digest(zeros.path) else {
            Issue.record("\(zeros.path) cannot be hashed")
            return
        }
        let file = PackSources.File(size: 200 << 20, sha256: digest, kept: nil,
                                    location: PackSources.Location(root: tree.path, relative: "zeros",
                                                                   device: (info[.systemNumber] as? NSNumber)?.uint64Value ?? 0,
                                                                   inode: (info[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0))
        var sink = MemorySink()
        try PackZip.write(["pack/MANIFEST.sha256": .file(file)], asOf: PackZipTests.day, to: &sink, limits: .standard,
                          batching: PackZip.Batching(streamBytes: 0))
        #expect(sink.data.count < 1 << 20)
        let bomb = Self.declaring(100, for: "pack/MANIFEST.sha256", in: sink.data)
        let archive = try Archive(data: bomb, accessMode: .read)
        let entry = try #require(archive.first { $0.path == "pack/MANIFEST.sha256" })
        #expect(entry.uncompressedSize == 100)
        var seen = 0
        let result = PackVerifier.extract(entry, from: archive) { seen += $0.count }
        #expect(throws: (any Error).self) { try result.get() }
        #expect(seen <= 100)
        let report = try PackVerifier.verify(zip: bomb)
        #expect(report.manifestProblems == ["MANIFEST.sha256 cannot be read: the zip is damaged there."])
    }

    /// A zip of one stored entry and a manifest whose central directory names the entry `count`
    /// times, every record pointing at the same bytes (overlapping entries, which unzip refuses).
    static func overlapping(_ body: Data, count: Int) -> Data {
        var zip: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int, _ out: inout [UInt8]) { for i in 0..<2 { out.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
        func le32(_ v: Int, _ out: inout [UInt8]) { for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * i))) } }
        func record(_ name: String, _ data: Data, local offset: Int?) -> Int {
            let crc = Int(data.crc32(checksum: 0)), at = offset ?? zip.count
            if offset == nil {
                le32(0x0403_4B50, &zip); le16(20, &zip); le16(0, &zip); le16(0, &zip); le16(0, &zip); le16(0x21, &zip)
                le32(crc, &zip); le32(data.count, &zip); le32(data.count, &zip); le16(name.utf8.count, &zip); le16(0, &zip)
                zip += Array(name.utf8) + Array(data)
            }
            le32(0x0201_4B50, &central); le16(0x031E, &central); le16(20, &central); le16(0, &central); le16(0, &central)
            le16(0, &central); le16(0x21, &central); le32(crc, &central); le32(data.count, &central); le32(data.count, &central)
            le16(name.utf8.count, &central); le16(0, &central); le16(0, &central); le16(0, &central); le16(0, &central)
            le32(0o100644 << 16, &central); le32(at, &central)
            central += Array(name.utf8)
            return at
        }
        let names = (0..<count).map { "f\($0 + 10_000).txt" }
        let manifest = PackManifest(files: Dictionary(uniqueKeysWithValues: names.map { ($0, body) })).data
        _ = record("pack/MANIFEST.sha256", manifest, local: nil)
        let shared = record("pack/\(names[0])", body, local: nil)
        for name in names.dropFirst() { _ = record("pack/\(name)", body, local: shared) }
        let directory = zip.count
        zip += central
        le32(0x0605_4B50, &zip); le16(0, &zip); le16(0, &zip); le16(count + 1, &zip); le16(count + 1, &zip)
        le32(central.count, &zip); le32(directory, &zip); le16(0, &zip)
        return Data(zip)
    }

    /// Entries that share one entry's bytes would each be inflated and hashed: a small zip made so
    /// can take hours. They are refused before any is hashed (before, each copy was hashed and the
    /// pack held).
    @Test func overlappingEntriesAreRefusedUnhashed() throws {
        let body = Data(repeating: UInt8(ascii: "a"), count: 10_000)
        let zip = Self.overlapping(body, count: 20)
        #expect(zip.count < 4 * body.count)
        let report = try PackVerifier.verify(zip: zip)
        #expect(report.overlapping)
        #expect(report.checked == 0)
        #expect(!report.holds)
        #expect(report.text.contains("zip: its entries claim more bytes than the file holds"))
        #expect(report.text.hasSuffix("FAILED, 1 problem\n"))
        // One entry named once is no overlap: the same builder makes a pack that holds.
        let single = try PackVerifier.verify(zip: Self.overlapping(body, count: 1))
        #expect(!single.overlapping)
        #expect(single.holds)
    }
}
