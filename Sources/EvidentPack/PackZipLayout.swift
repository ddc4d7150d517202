import Foundation
import EvidentSupport

/// A zip's records read strictly (APPNOTE 6.3), so that every zip tool reads one set of files from
/// it: the one `verify` hashes. The zip must be entries laid end to end from byte 0, then the central
/// directory, then (zip64) its end record and locator, then the end record, with nothing before,
/// between or after, and no comment; each local header must say what its central record says. Zip
/// tools read a zip that breaks this in different ways (the central directory or the local headers,
/// the first end record or the last), so such a zip is refused rather than read one way.
enum PackZipLayout {
    /// What the central directory says of one entry.
    struct Entry {
        var name: [UInt8]
        var offset: UInt64
        /// The mode in the high half of the external attributes, 0 when none is given.
        var mode: UInt32

        /// A symbolic link by its mode, whatever system the zip says made it: unzip honours the
        /// mode of a zip "made by" MS-DOS too when it is there.
        var isLink: Bool { mode & 0o170000 == 0o120000 }
    }

    /// The entries in central directory order, and the problems found, each a sentence naming the
    /// entry (names are the zip's bytes, to be escaped where they are printed).
    struct Layout {
        var entries: [Entry] = []
        var problems: [String] = []
    }

    /// The extra fields evident accepts: zip64 sizes, and the times and owners `zip` and Windows
    /// record. Others are refused: the Info-ZIP Unicode path field (0x7075), which unzip and 7-Zip
    /// extract under in place of the entry's name, is one.
    static let knownExtraFields: Set<UInt16> = [0x0001, 0x000A, 0x5455, 0x5855, 0x7855, 0x7875]

    /// General purpose flags a reader may see: 1 and 2 (deflate options), 3 (data descriptor),
    /// 11 (UTF-8 name). Bit 0 and 6 are encryption, 13 a masked directory.
    static let knownFlags: UInt16 = 0b0000_1000_0000_1110

    static func read(_ url: URL) -> Layout {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return Layout(problems: ["The zip cannot be read."]) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        var layout = Layout()
        read(Reader(handle: handle, size: size), into: &layout)
        return layout
    }

    private static func read(_ file: Reader, into layout: inout Layout) {
        func fail(_ message: String) { layout.problems.append(message) }
        guard file.size >= 22, let end = file.bytes(at: file.size - 22, count: 22), end.le32(0) == 0x0605_4B50 else {
            fail("The zip does not end with its end-of-central-directory record: it has a comment, or bytes were appended after it (a second zip, as `cat` makes one), which tools read differently.")
            return
        }
        guard end.le16(4) == 0, end.le16(6) == 0, end.le16(8) == end.le16(10) else {
            fail("The zip's end record names other disks: a split zip is not a pack.")
            return
        }
        var count = UInt64(end.le16(10)), directorySize = UInt64(end.le32(12)), directoryOffset = UInt64(end.le32(16))
        // Where the central directory must end: the zip64 end record, or the end record.
        var directoryEnd = file.size - 22
        let locatorAt = file.size >= 42 ? file.size - 42 : nil
        if let locatorAt, let locator = file.bytes(at: locatorAt, count: 20), locator.le32(0) == 0x0706_4B50 {
            let recordAt = locator.le64(8)
            guard locator.le32(4) == 0, locator.le32(16) == 1, recordAt <= locatorAt, locatorAt - recordAt == 56,
                  let record = file.bytes(at: recordAt, count: 56), record.le32(0) == 0x0606_4B50, record.le64(4) == 44,
                  record.le32(16) == 0, record.le32(20) == 0, record.le64(24) == record.le64(32) else {
                fail("The zip's zip64 end record is not where its locator says, or names other disks.")
                return
            }
            // A classic field that is not all ones must say what the zip64 record says: tools read one or the other.
            let zip64 = (count: record.le64(32), size: record.le64(40), offset: record.le64(48))
            guard count == 0xFFFF || count == zip64.count, directorySize == 0xFFFF_FFFF || directorySize == zip64.size,
                  directoryOffset == 0xFFFF_FFFF || directoryOffset == zip64.offset else {
                fail("The zip's zip64 end record and its end record disagree on the central directory.")
                return
            }
            (count, directorySize, directoryOffset) = zip64
            directoryEnd = recordAt
        } else if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            fail("The zip's end record points at a zip64 end record that is not there.")
            return
        }
        guard directoryOffset <= directoryEnd, directoryEnd - directoryOffset == directorySize else {
            fail("The zip's central directory does not end where its end record starts: there are bytes between them, or a second directory.")
            return
        }
        // At least 46 bytes a record: a count the directory cannot hold is not believed.
        guard count <= directorySize / 46, let directory = file.bytes(at: directoryOffset, count: Int(directorySize)) else {
            fail("The zip's central directory is shorter than the \(count) entries its end record counts.")
            return
        }
        var central: [Central] = []
        var at = 0
        for _ in 0..<count {
            guard let record = Central(directory, at: at) else {
                fail("The zip's central directory is damaged after \(central.count) entries.")
                return
            }
            at = record.next
            central.append(record)
        }
        guard at == directory.count else {
            fail("The zip's central directory holds more than the \(count) entries its end record counts.")
            return
        }
        layout.entries = central.map { Entry(name: $0.name, offset: $0.offset, mode: $0.external >> 16) }
        for record in central { layout.problems += record.problems() }

        // Entries laid end to end from byte 0 up to the central directory.
        var expected: UInt64 = 0
        for record in central.sorted(by: { $0.offset < $1.offset }) {
            let name = codeSpan(String(decoding: record.name, as: UTF8.self))
            if record.offset != expected {
                fail(record.offset > expected
                    ? "Entry \(name): \(record.offset - expected) bytes lie before it that no entry holds (a stub, or entries only some tools see)."
                    : "Entry \(name) starts inside the entry before it.")
            }
            guard let local = file.bytes(at: record.offset, count: 30), local.le32(0) == 0x0403_4B50,
                  let rest = file.bytes(at: record.offset + 30, count: Int(local.le16(26)) + Int(local.le16(28))) else {
                fail("Entry \(name): there is no local header where the central directory says.")
                return
            }
            // Sizes come from the file (a zip64 field holds up to 2^64 - 1): one larger than the zip
            // is refused before it is added to an offset.
            guard record.compressedSize <= file.size else {
                fail("Entry \(name) claims \(record.compressedSize) bytes, more than the whole zip holds.")
                return
            }
            let nameLength = Int(local.le16(26))
            let problems = record.compare(local: local, name: Array(rest[0..<nameLength]), extra: Array(rest[nameLength...]))
            layout.problems += problems.map { "Entry \(name): \($0)" }
            var next = record.offset + 30 + UInt64(rest.count) + record.compressedSize
            if record.flags & 1 << 3 != 0 {
                let wide = record.zip64
                let length = wide ? 20 : 12
                guard let descriptor = file.bytes(at: next, count: length + 4) else {
                    fail("Entry \(name): its data descriptor is missing.")
                    return
                }
                let signed = descriptor.le32(0) == 0x0807_4B50
                let base = signed ? 4 : 0
                let sizes = wide ? (descriptor.le64(base + 4), descriptor.le64(base + 12)) : (UInt64(descriptor.le32(base + 4)), UInt64(descriptor.le32(base + 8)))
                if descriptor.le32(base) != record.crc || sizes.0 != record.compressedSize || sizes.1 != record.size {
                    fail("Entry \(name): its data descriptor disagrees with the central directory on its CRC or sizes.")
                }
                next += UInt64(base + length)
            }
            expected = next
        }
        if expected != directoryOffset {
            fail(expected < directoryOffset
                ? "\(directoryOffset - expected) bytes lie between the last entry and the central directory that no entry holds."
                : "The last entry runs into the central directory.")
        }
    }

    /// One central directory record.
    struct Central {
        var madeBy: UInt16, needed: UInt16, flags: UInt16, method: UInt16, crc: UInt32
        var compressedSize: UInt64, size: UInt64, offset: UInt64, internalAttributes: UInt16, external: UInt32
        var name: [UInt8], extra: [UInt8], commentLength: Int, disk: UInt64
        /// Whether a zip64 field gave any value: a data descriptor then holds 8-byte sizes.
        var zip64: Bool
        var fieldProblem: String?
        var next: Int

        init?(_ bytes: [UInt8], at start: Int) {
            guard start + 46 <= bytes.count, bytes.le32(start) == 0x0201_4B50 else { return nil }
            let nameLength = Int(bytes.le16(start + 28)), extraLength = Int(bytes.le16(start + 30))
            commentLength = Int(bytes.le16(start + 32))
            next = start + 46 + nameLength + extraLength + commentLength
            guard next <= bytes.count else { return nil }
            madeBy = bytes.le16(start + 4)
            needed = bytes.le16(start + 6)
            flags = bytes.le16(start + 8)
            method = bytes.le16(start + 10)
            crc = bytes.le32(start + 16)
            compressedSize = UInt64(bytes.le32(start + 20))
            size = UInt64(bytes.le32(start + 24))
            disk = UInt64(bytes.le16(start + 34))
            internalAttributes = bytes.le16(start + 36)
            external = bytes.le32(start + 38)
            offset = UInt64(bytes.le32(start + 42))
            name = Array(bytes[(start + 46)..<(start + 46 + nameLength)])
            extra = Array(bytes[(start + 46 + nameLength)..<(start + 46 + nameLength + extraLength)])
            zip64 = false
            // The zip64 field holds, in this order, the values whose classic field is all ones, and only those.
            let fields = PackZipLayout.fields(extra)
            fieldProblem = fields.problem
            var wide = fields.zip64 ?? []
            func take(_ value: inout UInt64, allOnes: UInt64, width: Int) -> Bool {
                guard value == allOnes else { return true }
                guard wide.count >= width else { return false }
                value = width == 8 ? wide.le64(0) : UInt64(wide.le32(0))
                wide.removeFirst(width)
                zip64 = true
                return true
            }
            if !(take(&size, allOnes: 0xFFFF_FFFF, width: 8) && take(&compressedSize, allOnes: 0xFFFF_FFFF, width: 8)
                && take(&offset, allOnes: 0xFFFF_FFFF, width: 8) && take(&disk, allOnes: 0xFFFF, width: 4)) || !wide.isEmpty {
                fieldProblem = fieldProblem ?? "its zip64 field does not hold exactly the sizes its classic fields leave to it, so tools read different sizes."
            }
        }

        /// What is wrong with the record alone.
        func problems() -> [String] {
            let shown = codeSpan(String(decoding: name, as: UTF8.self))
            var out: [String] = []
            if flags & 1 != 0 || flags & 1 << 6 != 0 {
                out.append("Entry \(shown) is encrypted: verify cannot read it, and unzip asks for a password.")
            } else if flags & ~PackZipLayout.knownFlags != 0 {
                out.append("Entry \(shown) has general purpose flags \(String(format: "0x%04X", flags)) that evident does not know.")
            }
            if let version = PackZipLayout.unreadVersion(needed) {
                out.append("Entry \(shown) needs zip version \(version) to be extracted, later than unzip reads (4.6): unzip skips it and Python refuses the zip.")
            }
            if method != 0, method != 8 {
                out.append("Entry \(shown) is compressed with method \(method); a pack uses only stored (0) and deflate (8).")
            }
            if method == 0, compressedSize != size {
                out.append("Entry \(shown) is stored, but its two sizes differ: tools read one or the other.")
            }
            if flags & 1 << 11 == 0, name.contains(where: { $0 >= 0x80 }) {
                out.append("Entry \(shown) has a name that is not ASCII and not marked UTF-8: tools decode it as code page 437, as UTF-8 or as the locale's, each to another name.")
            } else if String(validating: name, as: UTF8.self) == nil {
                out.append("Entry \(shown) has a name marked UTF-8 that is not.")
            }
            if let fieldProblem { out.append("Entry \(shown): \(fieldProblem)") }
            // Bit 0 says text, which only `unzip -a` acts on; unzip extracts an entry with bit 2 with mode 0000.
            if internalAttributes & ~1 != 0 {
                out.append("Entry \(shown) has internal attributes \(String(format: "0x%04X", internalAttributes)) other than the text bit, with which unzip extracts it unreadable (mode 0000).")
            }
            if commentLength != 0 { out.append("Entry \(shown) has a file comment, which some tools show and verify does not check.") }
            if disk != 0 { out.append("Entry \(shown) is on another disk: a split zip is not a pack.") }
            let kind = external >> 16 & 0o170000
            if kind != 0, kind != 0o100000, kind != 0o040000, kind != 0o120000 {
                out.append("Entry \(shown) has the mode of a special file (a pipe, socket or device), not of a file.")
            }
            // A link's own mode is 0777 by convention; the link is refused as one (`Entry.isLink`).
            if kind == 0o120000 { return out }
            if external >> 16 & 0o7000 != 0 {
                out.append("Entry \(shown) has a setuid, setgid or sticky mode, which bsdtar run as root restores.")
            }
            if external >> 16 & 0o002 != 0 {
                out.append("Entry \(shown) is world-writable, which unzip and bsdtar restore.")
            }
            return out
        }

        /// What the local header says differently; `local` is its fixed 30 bytes.
        func compare(local: [UInt8], name localName: [UInt8], extra localExtra: [UInt8]) -> [String] {
            var out: [String] = []
            if localName != name {
                out.append("its local header names it \(codeSpan(String(decoding: localName, as: UTF8.self))): unzip and Python read the central directory's name, bsdtar the local one.")
            }
            if let version = PackZipLayout.unreadVersion(local.le16(4)) {
                out.append("its local header says it needs zip version \(version), later than unzip reads (4.6).")
            }
            if local.le16(6) != flags { out.append("its local header's flags differ from the central directory's.") }
            if local.le16(8) != method { out.append("its local header gives another compression method (\(local.le16(8))) than the central directory (\(method)): tools unpack it one way or the other.") }
            let fields = PackZipLayout.fields(localExtra)
            if let problem = fields.problem { out.append("in its local header, " + problem) }
            let classicSize = UInt64(local.le32(22)), classicCompressed = UInt64(local.le32(18))
            var localSize = classicSize, localCompressed = classicCompressed
            // Whether a size given both in its classic field and in the zip64 field differs between them.
            var twoSizes = false
            if localSize == 0xFFFF_FFFF || localCompressed == 0xFFFF_FFFF {
                // A local zip64 field holds both sizes.
                guard let wide = fields.zip64, wide.count >= 16 else {
                    out.append("its local header points at a zip64 field that is not there.")
                    return out
                }
                (localSize, localCompressed) = (wide.le64(0), wide.le64(8))
                // A size also in its classic field is read from either, by one tool or another.
                twoSizes = (classicSize != 0xFFFF_FFFF && classicSize != localSize)
                    || (classicCompressed != 0xFFFF_FFFF && classicCompressed != localCompressed)
            } else if fields.zip64 != nil {
                // 7-Zip reads a local zip64 field even beside classic sizes; unzip and Python do not.
                out.append("in its local header, its zip64 field gives sizes beside its classic fields, which tools read one or the other.")
            }
            let crc = local.le32(14)
            let descriptor = flags & 1 << 3 != 0
            // With a data descriptor the local fields may be zero, the values following the data.
            let agrees = !twoSizes && ((crc == self.crc && localSize == size && localCompressed == compressedSize)
                || (descriptor && crc == 0 && localSize == 0 && localCompressed == 0))
            if !agrees {
                out.append("its local header gives another CRC or size than the central directory: tools that read the local header extract other bytes, or refuse them.")
            }
            return out
        }
    }

    /// The version in a "version needed to extract" field (`4.6`) when it is later than unzip 6.0
    /// reads (4.6, the latest of any field a pack may use); nil when tools read the entry. Its
    /// high byte names a system, which no tool reads.
    static func unreadVersion(_ needed: UInt16) -> String? {
        let version = needed & 0xFF
        return version > 46 ? "\(version / 10).\(version % 10)" : nil
    }

    /// The extra fields: the zip64 field's data, and the first problem (a field that runs past the
    /// end, or one evident does not accept).
    static func fields(_ extra: [UInt8]) -> (zip64: [UInt8]?, problem: String?) {
        var at = 0, zip64: [UInt8]?
        while at < extra.count {
            guard at + 4 <= extra.count else { return (zip64, "its extra fields are cut short.") }
            let id = extra.le16(at), length = Int(extra.le16(at + 2))
            guard at + 4 + length <= extra.count else { return (zip64, "its extra fields are cut short.") }
            guard knownExtraFields.contains(id) else {
                let field = String(format: "0x%04X", id)
                return (zip64, id == 0x7075
                    ? "it carries a Unicode path field (\(field)), under whose name unzip and 7-Zip extract it instead of the name verify checks."
                    : "it carries an extra field \(field) that evident does not know, and some tool may act on.")
            }
            if id == 0x0001 {
                guard zip64 == nil else { return (zip64, "it carries two zip64 fields.") }
                zip64 = Array(extra[(at + 4)..<(at + 4 + length)])
            }
            at += 4 + length
        }
        return (zip64, nil)
    }

    /// Reads byte ranges of the zip file; a range past its end gives nil.
    struct Reader {
        let handle: FileHandle
        let size: UInt64

        func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
            guard count >= 0, offset <= size, UInt64(count) <= size - offset else { return nil }
            if count == 0 { return [] }
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count),
                  data.count == count else { return nil }
            return [UInt8](data)
        }
    }
}

/// Little-endian fields of zip records; the caller has checked that they lie inside the bytes.
private extension [UInt8] {
    func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}
