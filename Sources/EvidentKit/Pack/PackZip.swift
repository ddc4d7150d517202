import CZlibDeflate
import Dispatch
import Foundation

/// Writes the pack's zip so that the same files and as-of date give the same bytes on any machine,
/// in any time zone and locale: entries sorted by path, file entries only (folders are implied by
/// the paths; every extractor creates them), every timestamp the as-of date at 00:00:00, every
/// permission 0644, deflate (or stored, as `zip` does, when deflate would not make an entry smaller).
///
/// The zip is written here on zlib rather than with ZIPFoundation (which still reads zips for
/// `verify` and the tests), because ZIPFoundation adds entries one by one on one thread and grows
/// its in-memory archive by copying, while here entries are deflated in parallel and appended once.
public enum PackZip {
    public enum Failure: Error, CustomStringConvertible {
        case unsafeEntry(String)
        case zip(String)

        public var description: String {
            switch self {
            case let .unsafeEntry(path): "Refusing to pack `\(path)`: zip entries must be relative and stay inside the pack folder."
            case let .zip(reason): "Cannot write the zip: \(reason)"
            }
        }
    }

    public static let filePermissions: UInt16 = 0o644

    /// The entries' modification time: as-of at 00:00:00 UTC. The zip holds it as DOS date and time
    /// fields (`dosDate(asOf:)`, time 0), which have no time zone and are computed from the `Day`
    /// itself, so every zone gives the same fields and every reader shows the as-of date at
    /// midnight. DOS dates cover 1980–2107; an as-of date outside is clamped to that range.
    public static func entryDate(asOf: Day) -> Date {
        // `Day.ordinal` counts days since 1970-01-01.
        Date(timeIntervalSince1970: TimeInterval(asOf.ordinal) * 86_400)
    }

    /// The zip of `files` (entry path → bytes).
    public static func archive(_ files: [String: Data], asOf: Day) throws -> Data {
        try archive(files, asOf: asOf, limits: .standard)
    }

    /// Where zip64 records start to be needed. The standard limits are the largest values the
    /// classic fields can hold (the all-ones value itself means "see the zip64 record"); tests
    /// lower them to write zip64 records in a small archive.
    struct Zip64Limits: Sendable {
        /// An entry count at or above this needs the zip64 end of central directory record.
        var entries: Int
        /// A size or offset at or above this needs a zip64 field.
        var bytes: UInt64

        static let standard = Zip64Limits(entries: 0xFFFF, bytes: 0xFFFF_FFFF)
    }

    /// The archive, deflated batch by batch: each batch (up to `batchEntries` entries or about
    /// `batchBytes` of input) is deflated on every core, then appended in order before the next one
    /// starts, so that only one batch's deflated copies are held at a time.
    static func archive(_ files: [String: Data], asOf: Day, limits: Zip64Limits,
                        batchBytes: Int = 32 << 20, batchEntries: Int = 512) throws -> Data {
        let paths = PackPath.sorted(files.keys)
        // Every name is checked before any work, so a bad name costs no deflate.
        for path in paths {
            guard PackPath.isSafe(path) else { throw Failure.unsafeEntry(path) }
            guard path.utf8.count <= 0xFFFF else { throw Failure.zip("\(path): the name is longer than 65,535 bytes") }
        }
        var writer = ZipWriter(limits: limits, dosDate: dosDate(asOf: asOf))
        var start = 0
        while start < paths.count {
            var end = start
            var batchSize = 0
            while end < paths.count, end - start < batchEntries, batchSize < batchBytes {
                batchSize += files[paths[end]]?.count ?? 0
                end += 1
            }
            let contents = paths[start..<end].map { files[$0] ?? Data() }
            let encoded = try Deflater.encode(contents)
            for (offset, index) in (start..<end).enumerated() {
                writer.append(name: paths[index], data: contents[offset], encoded: encoded[offset])
            }
            start = end
        }
        return writer.finish()
    }

    /// The DOS date field: (year − 1980) << 9 | month << 5 | day, computed from the `Day` so that no
    /// calendar or time zone is involved. Dates before 1980-01-01 or after 2107-12-31 (the field's
    /// range) are clamped to those days.
    static func dosDate(asOf: Day) -> UInt16 {
        let (year, month, day) = asOf.civil
        if year < 1980 { return 1 << 5 | 1 }
        if year > 2107 { return 127 << 9 | 12 << 5 | 31 }
        return UInt16((year - 1980) << 9 | month << 5 | day)
    }
}

/// One entry's CRC-32 and its raw deflate stream, or nil when it is stored as it is.
private struct Encoded: Sendable {
    var crc: UInt32
    var deflated: [UInt8]?
}

/// Deflates entries on every core with zlib.
private enum Deflater {
    /// Each entry's CRC-32 and deflated bytes, in the order given. The entries are split into
    /// contiguous chunks, several per core so that one large file does not leave a core idle; each
    /// chunk sets up one zlib stream (about 256 KB of state) and resets it between entries rather
    /// than allocating one per file. A reset stream gives the same bytes as a fresh one, so the
    /// output does not depend on how the entries were split.
    static func encode(_ entries: [Data]) throws -> [Encoded] {
        if entries.isEmpty { return [] }
        let chunks = min(entries.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        let buffer = UnsafeMutableBufferPointer<Result<Encoded, PackZip.Failure>?>.allocate(capacity: entries.count)
        buffer.initialize(repeating: nil)
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        // Each index is written by exactly one chunk, so the writes never overlap.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * entries.count / chunks)..<((chunk + 1) * entries.count / chunks)
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            defer {
                stream.deinitialize(count: 1)
                stream.deallocate()
            }
            // Raw deflate (negative window bits: no zlib header or trailer, as zip wants), level 6,
            // the default 32 KB window and memory level 8, as `zip` uses.
            let status = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                       ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                for index in range { slots[index] = .failure(.zip("zlib could not start deflating (\(status))")) }
                return
            }
            defer { deflateEnd(stream) }
            for index in range {
                slots[index] = encode(entries[index], with: stream)
            }
        }
        return try buffer.map { slot in
            guard let slot else { throw PackZip.Failure.zip("an entry was not deflated") }
            return try slot.get()
        }
    }

    /// The CRC-32 of `data` and its deflated bytes, or nil (stored) when deflating does not make it
    /// smaller, which is also the case of an empty entry.
    private static func encode(_ data: Data, with stream: UnsafeMutablePointer<z_stream>) -> Result<Encoded, PackZip.Failure> {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self), raw.count > 0 else {
                return .success(Encoded(crc: 0, deflated: nil))
            }
            let count = raw.count
            // crc32_z takes a size_t length; deflate's lengths are 32-bit `uInt`, so larger entries
            // go through it in 4 GB slices.
            let crc = crc32_z(0, base, count)
            let slice = Int(UInt32.max)
            guard deflateReset(stream) == Z_OK else { return .failure(.zip("zlib could not reset its stream")) }
            // deflateBound is enough for the whole stream in one pass with Z_FINISH.
            let bound = Int(deflateBound(stream, uLong(count)))
            var status = Z_OK
            let deflated = [UInt8](unsafeUninitializedCapacity: bound) { out, produced in
                guard let outBase = out.baseAddress else { return }
                var consumed = 0
                while status == Z_OK {
                    let input = min(count - consumed, slice)
                    let room = min(bound - produced, slice)
                    // zlib never writes through next_in; the type is mutable only for old compilers.
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: base + consumed)
                    stream.pointee.avail_in = uInt(input)
                    stream.pointee.next_out = outBase + produced
                    stream.pointee.avail_out = uInt(room)
                    status = deflate(stream, consumed + input == count ? Z_FINISH : Z_NO_FLUSH)
                    consumed += input - Int(stream.pointee.avail_in)
                    produced += room - Int(stream.pointee.avail_out)
                }
            }
            guard status == Z_STREAM_END else { return .failure(.zip("zlib could not deflate an entry (\(status))")) }
            return .success(Encoded(crc: UInt32(truncatingIfNeeded: crc), deflated: deflated.count < count ? deflated : nil))
        }
    }
}

/// Appends local file headers and data to the archive and keeps the central directory aside until
/// the end (APPNOTE 6.3: 4.3.7 local header, 4.3.12 central header, 4.3.14–4.3.16 end records,
/// 4.5.3 zip64 extended information).
private struct ZipWriter {
    let limits: PackZip.Zip64Limits
    let dosDate: UInt16
    var archive = Data()
    var central: [UInt8] = []
    var count = 0

    init(limits: PackZip.Zip64Limits, dosDate: UInt16) {
        self.limits = limits
        self.dosDate = dosDate
    }

    /// Made by UNIX (3), so that readers take the high half of the external attributes as a mode.
    static let unix: UInt16 = 3 << 8
    /// A regular file with mode 0644, in the high half of the external attributes (no DOS bits).
    static let externalAttributes = (UInt32(0o100000) | UInt32(PackZip.filePermissions)) << 16

    mutating func append(name: String, data: Data, encoded: Encoded) {
        let nameBytes = Array(name.utf8)
        // Bit 11: the name is UTF-8. Left clear for ASCII names, as `zip` does.
        let flags: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
        let method: UInt16 = encoded.deflated == nil ? 0 : 8
        let size = UInt64(data.count)
        let compressedSize = UInt64(encoded.deflated?.count ?? data.count)
        let offset = UInt64(archive.count)
        let sizesNeedZip64 = size >= limits.bytes || compressedSize >= limits.bytes
        let offsetNeedsZip64 = offset >= limits.bytes
        // 4.5 (zip64) needs version 4.5; deflate and stored need 2.0.
        let version: UInt16 = sizesNeedZip64 || offsetNeedsZip64 ? 45 : 20

        var local: [UInt8] = []
        local.reserveCapacity(30 + nameBytes.count + 20)
        local.le32(0x0403_4B50)
        local.le16(version)
        local.le16(flags)
        local.le16(method)
        local.le16(0) // time: 00:00:00
        local.le16(dosDate)
        local.le32(encoded.crc)
        // A local zip64 field holds both sizes whenever either needs it (4.5.3).
        local.le32(sizesNeedZip64 ? 0xFFFF_FFFF : UInt32(compressedSize))
        local.le32(sizesNeedZip64 ? 0xFFFF_FFFF : UInt32(size))
        local.le16(UInt16(nameBytes.count))
        local.le16(sizesNeedZip64 ? 20 : 0)
        local.append(contentsOf: nameBytes)
        if sizesNeedZip64 {
            local.le16(0x0001)
            local.le16(16)
            local.le64(size)
            local.le64(compressedSize)
        }
        archive.append(contentsOf: local)
        if let deflated = encoded.deflated {
            archive.append(contentsOf: deflated)
        } else {
            archive.append(data)
        }

        // The central zip64 field holds only the values whose classic field overflows, in this order.
        var zip64: [UInt8] = []
        if size >= limits.bytes { zip64.le64(size) }
        if compressedSize >= limits.bytes { zip64.le64(compressedSize) }
        if offsetNeedsZip64 { zip64.le64(offset) }
        central.le32(0x0201_4B50)
        // "Made by" is never older than what the entry needs.
        central.le16(Self.unix | version)
        central.le16(version)
        central.le16(flags)
        central.le16(method)
        central.le16(0)
        central.le16(dosDate)
        central.le32(encoded.crc)
        central.le32(compressedSize >= limits.bytes ? 0xFFFF_FFFF : UInt32(compressedSize))
        central.le32(size >= limits.bytes ? 0xFFFF_FFFF : UInt32(size))
        central.le16(UInt16(nameBytes.count))
        central.le16(zip64.isEmpty ? 0 : UInt16(4 + zip64.count))
        central.le16(0) // comment length
        central.le16(0) // disk number start
        central.le16(0) // internal attributes
        central.le32(Self.externalAttributes)
        central.le32(offsetNeedsZip64 ? 0xFFFF_FFFF : UInt32(offset))
        central.append(contentsOf: nameBytes)
        if !zip64.isEmpty {
            central.le16(0x0001)
            central.le16(UInt16(zip64.count))
            central.append(contentsOf: zip64)
        }
        count += 1
    }

    /// The archive with its central directory and end records.
    mutating func finish() -> Data {
        let centralOffset = UInt64(archive.count)
        let centralSize = UInt64(central.count)
        archive.append(contentsOf: central)
        let countNeedsZip64 = count >= limits.entries
        let sizeNeedsZip64 = centralSize >= limits.bytes
        let offsetNeedsZip64 = centralOffset >= limits.bytes
        var end: [UInt8] = []
        if countNeedsZip64 || sizeNeedsZip64 || offsetNeedsZip64 {
            let zip64EndOffset = UInt64(archive.count)
            // Zip64 end of central directory record (4.3.14), with no extensible data.
            end.le32(0x0606_4B50)
            end.le64(44) // the size of the rest of the record
            end.le16(Self.unix | 45)
            end.le16(45)
            end.le32(0) // this disk
            end.le32(0) // the disk where the central directory starts
            end.le64(UInt64(count)) // entries on this disk
            end.le64(UInt64(count)) // entries in all
            end.le64(centralSize)
            end.le64(centralOffset)
            // Zip64 end of central directory locator (4.3.15).
            end.le32(0x0706_4B50)
            end.le32(0) // the disk with the zip64 end record
            end.le64(zip64EndOffset)
            end.le32(1) // disks in all
        }
        // End of central directory record (4.3.16); all-ones fields point at the zip64 record.
        end.le32(0x0605_4B50)
        end.le16(0)
        end.le16(0)
        end.le16(countNeedsZip64 ? 0xFFFF : UInt16(count))
        end.le16(countNeedsZip64 ? 0xFFFF : UInt16(count))
        end.le32(sizeNeedsZip64 ? 0xFFFF_FFFF : UInt32(centralSize))
        end.le32(offsetNeedsZip64 ? 0xFFFF_FFFF : UInt32(centralOffset))
        end.le16(0) // comment length
        archive.append(contentsOf: end)
        return archive
    }
}

/// Little-endian fields, as every zip record stores them.
private extension [UInt8] {
    mutating func le16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func le32(_ value: UInt32) {
        le16(UInt16(truncatingIfNeeded: value))
        le16(UInt16(truncatingIfNeeded: value >> 16))
    }

    mutating func le64(_ value: UInt64) {
        le32(UInt32(truncatingIfNeeded: value))
        le32(UInt32(truncatingIfNeeded: value >> 32))
    }
}
