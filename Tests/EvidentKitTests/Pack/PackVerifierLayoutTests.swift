import Foundation
import Testing
import ZIPFoundation
@testable import EvidentPack

/// A zip written record by record, each field settable apart in the local header and the central
/// directory: the hostile packs an insider makes so that `verify` and unzip tools read different files.
struct RawZip {
    struct Item {
        var name: [UInt8]
        var data: [UInt8]
        var localName: [UInt8]?
        var method: UInt16 = 0
        var localMethod: UInt16?
        var crc: UInt32
        var localCRC: UInt32?
        var compressedSize: UInt32
        var size: UInt32
        var flags: UInt16 = 0
        var madeBy: UInt16 = 3 << 8 | 20
        /// The version needed to extract, in the central directory and the local header.
        var needed: UInt16 = 20
        var localNeeded: UInt16?
        /// The internal file attributes (bit 0: text).
        var internalAttributes: UInt16 = 0
        var mode: UInt32 = 0o100644
        var extra: [UInt8] = []
        /// The local header's extra fields when they differ from the central directory's.
        var localExtra: [UInt8]?
        /// The local header's sizes when they differ from the central directory's.
        var localCompressedSize: UInt32?
        var localSize: UInt32?
        /// Written after the data (a data descriptor).
        var after: [UInt8] = []

        /// A stored entry that every header describes as it is.
        init(_ name: String, _ data: [UInt8]) {
            self.name = Array(name.utf8)
            self.data = data
            crc = UInt32(Data(data).crc32(checksum: 0))
            compressedSize = UInt32(data.count)
            size = UInt32(data.count)
            if self.name.contains(where: { $0 >= 0x80 }) { flags = 1 << 11 }
        }
    }

    var items: [Item]
    var prefix: [UInt8] = []
    var comment: [UInt8] = []

    /// The pack `pack/` of `files` with its manifest, every entry stored.
    init(_ files: [(String, String)]) {
        let manifest = PackManifest(files: Dictionary(uniqueKeysWithValues: files.map { ($0.0, Data($0.1.utf8)) })).text
        items = [Item("pack/MANIFEST.sha256", Array(manifest.utf8))] + files.map { Item("pack/" + $0.0, Array($0.1.utf8)) }
    }

    static let files = [("a.txt", "the signed a\n"), ("b.txt", "the signed b\n")]

    subscript(name: String) -> Item {
        get { items.first { $0.name == Array(("pack/" + name).utf8) } ?? Item(name, []) }
        set {
            if let at = items.firstIndex(where: { $0.name == Array(("pack/" + name).utf8) }) { items[at] = newValue }
        }
    }

    var bytes: Data {
        var out = prefix, central: [UInt8] = []
        for item in items {
            let offset = out.count
            out.le32(0x0403_4B50); out.le16(item.localNeeded ?? item.needed); out.le16(item.flags); out.le16(item.localMethod ?? item.method)
            out.le16(0); out.le16(0x5B7D); out.le32(item.localCRC ?? item.crc)
            out.le32(item.localCompressedSize ?? item.compressedSize); out.le32(item.localSize ?? item.size)
            let localName = item.localName ?? item.name, localExtra = item.localExtra ?? item.extra
            out.le16(UInt16(localName.count)); out.le16(UInt16(localExtra.count))
            out += localName + localExtra + item.data + item.after
            central.le32(0x0201_4B50); central.le16(item.madeBy); central.le16(item.needed); central.le16(item.flags)
            central.le16(item.method); central.le16(0); central.le16(0x5B7D); central.le32(item.crc)
            central.le32(item.compressedSize); central.le32(item.size); central.le16(UInt16(item.name.count))
            central.le16(UInt16(item.extra.count)); central.le16(0); central.le16(0); central.le16(item.internalAttributes)
            central.le32(item.mode << 16); central.le32(UInt32(offset))
            central += item.name + item.extra
        }
        let directory = out.count
        out += central
        out.le32(0x0605_4B50); out.le16(0); out.le16(0); out.le16(UInt16(items.count)); out.le16(UInt16(items.count))
        out.le32(UInt32(central.count)); out.le32(UInt32(directory)); out.le16(UInt16(comment.count))
        return Data(out + comment)
    }

    /// A zip64 extra field (0x0001) that gives `size` as both the size and the compressed size.
    static func zip64Sizes(_ size: UInt32) -> [UInt8] {
        var sizes: [UInt8] = []
        sizes.le32(size); sizes.le32(0); sizes.le32(size); sizes.le32(0)
        return field(0x0001, sizes)
    }

    /// One extra field.
    static func field(_ id: UInt16, _ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.le16(id); out.le16(UInt16(data.count))
        return out + data
    }
}

extension [UInt8] {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { le16(UInt16(value & 0xFFFF)); le16(UInt16(value >> 16)) }
}

/// `verify` reads a zip only when every tool reads the same files from it; each case here made
/// `verify` say OK before, while unzip, Python, 7-Zip or bsdtar extracted or refused other bytes.
@Suite struct PackVerifierLayoutTests {
    static func verify(_ zip: RawZip) throws -> VerificationReport { try PackVerifier.verify(zip: zip.bytes) }

    /// The report fails on the zip's records, with a message naming what is wrong.
    static func refused(_ zip: RawZip, saying words: String) throws {
        let report = try verify(zip)
        #expect(!report.holds)
        #expect(report.layout.contains { $0.contains(words) }, "\(report.layout)")
        #expect(report.text.contains("zip: "))
        #expect(report.text.contains("FAILED"))
    }

    @Test func theHonestBuilderMakesAPackThatHolds() throws {
        let report = try Self.verify(RawZip(RawZip.files))
        #expect(report.holds, "\(report.text)")
        #expect(report.layout.isEmpty)
        #expect(report.checked == 2)
    }

    /// bsdtar reads the local names and extracts a's bytes as b and b's as a.
    @Test func localNamesThatDifferFromTheDirectoryAreRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].localName = Array("pack/b.txt".utf8)
        zip["b.txt"].localName = Array("pack/a.txt".utf8)
        try Self.refused(zip, saying: "its local header names it `pack/b.txt`")
    }

    /// unzip and Python refuse an entry whose bytes are not its CRC; verify hashed them as they were.
    @Test func aWrongCRCIsAMismatch() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].crc ^= 1
        let report = try Self.verify(zip)
        #expect(report.mismatched == ["a.txt"])
        #expect(!report.holds)
    }

    @Test func localSizesOrCRCThatDifferAreRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].localCRC = 0
        try Self.refused(zip, saying: "its local header gives another CRC or size")
    }

    /// ZIPFoundation unpacked by the local method, Python and 7-Zip by the central one.
    @Test func aLocalMethodThatDiffersIsRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].method = 8
        zip["a.txt"].localMethod = 0
        try Self.refused(zip, saying: "another compression method (0) than the central directory (8)")
    }

    /// Every tool extracts the signed bytes and the forged sentence after them (the central
    /// directory's size); the descriptor gave verify the signed bytes' size alone.
    @Test func aDataDescriptorThatDisagreesIsRefusedAndOneThatAgreesHolds() throws {
        func described(_ forged: [UInt8], descriptorSize: Int, descriptorCRC: [UInt8]) -> RawZip {
            var zip = RawZip(RawZip.files)
            var item = zip["a.txt"]
            let signed = item.data
            item.data = signed + forged
            item.flags |= 1 << 3
            item.crc = UInt32(Data(item.data).crc32(checksum: 0))
            item.size = UInt32(item.data.count)
            item.compressedSize = item.size
            var descriptor: [UInt8] = []
            descriptor.le32(0x0807_4B50)
            descriptor += descriptorCRC
            descriptor.le32(UInt32(descriptorSize)); descriptor.le32(UInt32(descriptorSize))
            item.after = descriptor
            zip["a.txt"] = item
            return zip
        }
        let signed = Array(RawZip.files[0].1.utf8)
        var crc: [UInt8] = []
        crc.le32(UInt32(Data(signed).crc32(checksum: 0)))
        try Self.refused(described(Array("Approved.\n".utf8), descriptorSize: signed.count, descriptorCRC: crc),
                         saying: "its data descriptor disagrees")
        var whole: [UInt8] = []
        whole.le32(UInt32(Data(signed).crc32(checksum: 0)))
        #expect(try Self.verify(described([], descriptorSize: signed.count, descriptorCRC: whole)).holds)
    }

    /// ZIPFoundation stopped at an encrypted entry, so the forged page after it was never seen;
    /// unzip asks for a password, then extracts the page.
    @Test func anEncryptedEntryIsRefusedAndHidesNothingAfterIt() throws {
        var zip = RawZip(RawZip.files)
        var locked = RawZip.Item("pack/locked.bin", Array(repeating: 0x55, count: 16))
        locked.flags = 1
        zip.items += [locked, RawZip.Item("pack/forged.html", Array("<h1>forged</h1>".utf8))]
        try Self.refused(zip, saying: "`pack/locked.bin` is encrypted")
        try Self.refused(zip, saying: "The central directory lists 5 entries, of which only 3 could be read")
    }

    /// A central record whose local header is not there ended ZIPFoundation's reading there.
    @Test func aRecordWithoutItsLocalHeaderIsRefused() throws {
        var zip = RawZip(RawZip.files)
        zip.items.append(RawZip.Item("pack/forged.html", Array("<h1>forged</h1>".utf8)))
        var bytes = zip.bytes
        // The first occurrence of the name is in its local header, 30 bytes after the signature.
        let name = try #require(bytes.range(of: Data("pack/forged.html".utf8)))
        bytes[name.lowerBound - 30] = UInt8(ascii: "X")
        let report = try PackVerifier.verify(zip: bytes)
        #expect(!report.holds)
        #expect(report.layout.contains { $0.contains("there is no local header where the central directory says") })
    }

    /// unzip and 7-Zip extract an entry under its Unicode path field's name: a's bytes became b.
    @Test func aUnicodePathFieldIsRefusedAndATimestampFieldIsNot() throws {
        var zip = RawZip(RawZip.files)
        var unicode: [UInt8] = [1]
        unicode.le32(UInt32(Data(zip["a.txt"].name).crc32(checksum: 0)))
        zip["a.txt"].extra = RawZip.field(0x7075, unicode + Array("pack/b.txt".utf8))
        try Self.refused(zip, saying: "a Unicode path field (0x7075)")

        var stamped = RawZip(RawZip.files)
        stamped["a.txt"].extra = RawZip.field(0x5455, [1, 0, 0, 0, 0])
        #expect(try Self.verify(stamped).holds)
    }

    @Test func aNonASCIINameNotMarkedUTF8IsRefused() throws {
        var zip = RawZip(RawZip.files)
        var item = RawZip.Item("pack/é.txt", Array("x".utf8))
        item.flags = 0
        zip.items.append(item)
        try Self.refused(zip, saying: "not ASCII and not marked UTF-8")
    }

    /// A stub before the zip (offsets shifted to suit), a second zip or bytes after it, a comment:
    /// unzip prints the comment, bsdtar reads a zip before the pack's entries, 7-Zip the first zip.
    @Test func bytesAroundTheEntriesAreRefused() throws {
        let honest = RawZip(RawZip.files)
        var stub = honest
        stub.prefix = Array("#!/bin/sh\nexit 0\n".utf8)
        try Self.refused(stub, saying: "17 bytes lie before it that no entry holds")

        var forged = RawZip([("a.txt", "forged\n")])
        forged.items.removeFirst()
        var shifted = honest
        shifted.prefix = [UInt8](forged.bytes)
        try Self.refused(shifted, saying: "bytes lie before it")

        var commented = honest
        commented.comment = Array("Verified by the certification body".utf8)
        try Self.refused(commented, saying: "does not end with its end-of-central-directory record")

        let appended = honest.bytes + forged.bytes
        #expect(!(try PackVerifier.verify(zip: appended).holds))
        let trailing = honest.bytes + Data("junk".utf8)
        let report = try PackVerifier.verify(zip: trailing)
        #expect(!report.holds)
        #expect(report.layout.contains { $0.contains("bytes were appended") })

        let end = honest.bytes.suffix(22)
        let twice = try PackVerifier.verify(zip: honest.bytes + end)
        #expect(!twice.holds)
        #expect(twice.layout.contains { $0.contains("does not end where its end record starts") })
    }

    /// unzip makes a link of a Unix mode whatever system the zip says made it.
    @Test func aLinkModeIsUnsafeWhateverMadeTheZip() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].madeBy = 20
        zip["a.txt"].mode = 0o120777
        let report = try Self.verify(zip)
        #expect(report.unsafe == ["pack/a.txt"])
        #expect(!report.holds)
    }

    @Test(arguments: [(0o104755 as UInt32, "setuid"), (0o100666, "world-writable"), (0o010644, "special file")])
    func oddModesAreRefused(mode: UInt32, words: String) throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].mode = mode
        try Self.refused(zip, saying: words)
        var plain = RawZip(RawZip.files)
        plain["a.txt"].mode = 0o100755
        #expect(try Self.verify(plain).holds)
    }

    /// The manifest lists `é` composed; the zip names it decomposed. Swift compares the two as
    /// equal, `sha256sum -c` on the unzipped folder finds no such file.
    @Test func aNameInAnotherUnicodeFormIsRefused() throws {
        let composed = "caf\u{E9}.txt", decomposed = "cafe\u{301}.txt"
        var zip = RawZip([(composed, "menu\n")])
        zip.items[1] = RawZip.Item("pack/" + decomposed, Array("menu\n".utf8))
        try Self.refused(zip, saying: "the same name in another Unicode form")
        #expect(try Self.verify(RawZip([(composed, "menu\n")])).holds)
    }

    /// An entry that says it needs a later zip version than unzip reads (6.0 reads up to 4.6):
    /// unzip skips it and Python refuses the whole zip, while verify hashed it.
    @Test func anEntryNeedingALaterZipVersionIsRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].needed = 0x94
        try Self.refused(zip, saying: "needs zip version 14.8 to be extracted")
        zip["a.txt"].needed = 20
        zip["a.txt"].localNeeded = 63
        try Self.refused(zip, saying: "its local header says it needs zip version 6.3")
        // What evident and other zip tools write (2.0, and 4.5 for zip64), whatever system made it.
        for needed: UInt16 in [10, 20, 45, 3 << 8 | 45] {
            zip["a.txt"].needed = needed
            zip["a.txt"].localNeeded = needed
            #expect(try Self.verify(zip).holds, "\(needed)")
        }
    }

    /// unzip extracts an entry whose internal attributes have bit 2 set with no permissions at
    /// all (mode 0000), which others cannot read; bit 0 (text) changes nothing without `unzip -a`.
    @Test func internalAttributesBesideTheTextBitAreRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].internalAttributes = 4
        try Self.refused(zip, saying: "has internal attributes 0x0004")
        zip["a.txt"].internalAttributes = 1
        #expect(try Self.verify(zip).holds)
    }

    /// A zip64 field that holds a size its classic field gives too: ZIPFoundation read the zip64
    /// one, unzip and Python the classic one.
    @Test func aZip64FieldBesideAClassicSizeIsRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].extra = RawZip.zip64Sizes(5)
        try Self.refused(zip, saying: "its zip64 field does not hold exactly the sizes")
    }

    /// The same in a local header: 7-Zip reads a local zip64 field even beside classic sizes, and
    /// reports a headers error when its sizes are not the central directory's.
    @Test func aLocalZip64FieldBesideClassicSizesIsRefused() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].localExtra = RawZip.zip64Sizes(99)
        try Self.refused(zip, saying: "in its local header, its zip64 field gives sizes beside its classic fields")
        // Even with the entry's true sizes: the field is only where a classic size is all ones.
        let size = UInt32(zip["a.txt"].data.count)
        zip["a.txt"].localExtra = RawZip.zip64Sizes(size)
        try Self.refused(zip, saying: "in its local header, its zip64 field gives sizes beside its classic fields")
    }

    /// A local zip64 field holds both sizes (APPNOTE 4.5.3) when either classic one is all ones;
    /// the one whose classic field is not all ones must agree with it, or tools read two sizes.
    @Test func aLocalZip64SizeThatDisagreesWithItsClassicOneIsRefused() throws {
        var zip = RawZip(RawZip.files)
        let size = UInt32(zip["a.txt"].data.count)
        zip["a.txt"].localExtra = RawZip.zip64Sizes(size)
        zip["a.txt"].localSize = 0xFFFF_FFFF
        // The compressed size is given twice, in the classic field and the zip64 one, differently.
        zip["a.txt"].localCompressedSize = size + 7
        try Self.refused(zip, saying: "its local header gives another CRC or size")
        // The same, agreeing.
        zip["a.txt"].localCompressedSize = size
        #expect(try Self.verify(zip).holds)
    }

    /// The writer's zip64 records (written here for two entries) hold; one that disagrees with the
    /// classic end record is refused.
    /// A zip64 size past what the zip holds is refused before it is added to an offset (2^64 - 1
    /// would overflow). The strict reader is asked alone: ZIPFoundation's reading stops earlier.
    @Test func aZip64SizePastTheZipIsRefusedWithoutOverflow() throws {
        var zip = RawZip(RawZip.files)
        zip["a.txt"].size = 0xFFFF_FFFF
        zip["a.txt"].compressedSize = 0xFFFF_FFFF
        zip["a.txt"].extra = RawZip.field(0x0001, [UInt8](repeating: 0xFF, count: 16))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evident-layout-\(UUID().uuidString).zip")
        try zip.bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let layout = PackZipLayout.read(file)
        #expect(layout.problems.contains { $0.contains("claims 18446744073709551615 bytes, more than the whole zip holds") }, "\(layout.problems)")
        #expect(!(try Self.verify(zip)).holds)
    }

    @Test func zip64EndRecordsMustAgreeWithTheEndRecord() throws {
        let body = Data("the signed a\n".utf8)
        let files = ["pack/a.txt": body, "pack/MANIFEST.sha256": PackManifest(files: ["a.txt": body]).data]
        let zip = try PackZip.archive(files, asOf: PackZipTests.day, limits: PackZip.Zip64Limits(entries: 1, bytes: 0xFFFF_FFFF))
        #expect(try PackVerifier.verify(zip: zip).holds)
        var bytes = [UInt8](zip)
        // The zip64 end record is 56 bytes, then the 20-byte locator, then the 22-byte end record.
        let record = bytes.count - 22 - 20 - 56
        #expect(bytes[record..<record + 4] == [0x50, 0x4B, 6, 6])
        bytes[record + 40] &+= 1 // the central directory's size
        let report = try PackVerifier.verify(zip: Data(bytes))
        #expect(!report.holds)
        #expect(report.layout.contains { $0.contains("zip64 end record and its end record disagree") })
    }

    /// Names from the zip print escaped in these messages as everywhere in the report.
    @Test func layoutMessagesPrintEscaped() throws {
        var zip = RawZip(RawZip.files)
        var item = RawZip.Item("pack/\u{1B}]0;PWNED\u{07}.txt", Array("x".utf8))
        item.mode = 0o100666
        zip.items.append(item)
        let text = try Self.verify(zip).text
        #expect(text.contains("pack/\\e]0;PWNED\\u{7}.txt"))
        #expect(!text.contains("\u{1B}"))
    }
}
