import EvidentModel
import EvidentPack
import EvidentSupport
import Foundation
import ZIPFoundation

/// The pack's own zip writer (`PackZip`) against ZIPFoundation's writer, on the same entries: both
/// archives, read back by ZIPFoundation, hold the same paths in the same (byte) order, with the
/// same bytes, CRC-32, size, date and permissions; ours deflates an entry only when that makes it
/// smaller; and a name `PackPath` refuses makes ours refuse the whole set. Used by the `zipwrite`
/// fuzz target and by `PackZipDifferentialTests`.
package enum ZipWriterDifferential {
    package static let asOf = Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0)

    /// An entry set and how to cut it into work, as decoded from fuzz input.
    package struct Input: Sendable {
        package var files: [String: Data]
        /// Zip64 limits low enough for a small archive to need zip64 records.
        package var smallZip64Limits: Bool
        package var batchEntries: Int
        package var batchBytes: Int

        package init(files: [String: Data], smallZip64Limits: Bool = false, batchEntries: Int = 512, batchBytes: Int = 32 << 20) {
            self.files = files
            self.smallZip64Limits = smallZip64Limits
            self.batchEntries = batchEntries
            self.batchBytes = batchBytes
        }
    }

    /// The first byte chooses the limits and the batching; the rest, split at zero bytes, is
    /// name, content, name, content… A content's first byte says how many times the rest of it is
    /// repeated (1 to 64), so that short inputs make entries deflate shrinks.
    package static func decode(_ bytes: [UInt8]) -> Input {
        guard let options = bytes.first else { return Input(files: [:]) }
        let fields = bytes.dropFirst().split(separator: 0, omittingEmptySubsequences: false)
        var files: [String: Data] = [:]
        var index = fields.startIndex
        while index < fields.endIndex, files.count < 64 {
            let name = String(decoding: fields[index], as: UTF8.self)
            let next = fields.index(after: index)
            var content = Data()
            if next < fields.endIndex, let times = fields[next].first {
                let unit = fields[next].dropFirst()
                for _ in 0...(Int(times) % 64) { content.append(contentsOf: unit) }
            }
            files[name] = content
            index = next < fields.endIndex ? fields.index(after: next) : next
        }
        return Input(files: files, smallZip64Limits: options & 1 == 1,
                     batchEntries: 1 + Int(options >> 1 & 7), batchBytes: options & 16 == 0 ? 32 << 20 : 64)
    }

    package static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        try compare(decode(bytes))
    }

    package static func compare(_ input: Input) throws(FuzzViolation) {
        let ours: Data
        do {
            ours = try PackZip.archive(input.files, asOf: asOf, limits: input.smallZip64Limits ? PackZip.Zip64Limits(entries: 3, bytes: 1_000) : .standard,
                                       batchBytes: input.batchBytes, batchEntries: input.batchEntries)
        } catch let PackZip.Failure.unsafeEntry(name) {
            try require(!PackPath.isSafe(name), "refused the safe name \(name.debugDescription)")
            return
        } catch {
            throw FuzzViolation("could not write the zip: \(error)")
        }
        let unsafe = input.files.keys.filter { !PackPath.isSafe($0) }
        try require(unsafe.isEmpty, "wrote the unsafe names \(unsafe.map(\.debugDescription))")
        try check(ours, against: input.files, theirs: zipFoundationArchive(input.files))
    }

    /// Compares `ours`, a zip written for `files`, with ZIPFoundation's zip of the same files.
    package static func check(_ ours: Data, against files: [String: Data], theirs: Data) throws(FuzzViolation) {
        let order = PackPath.sorted(files.keys)
        let ourEntries = try readBack(ours, label: "ours")
        let theirEntries = try readBack(theirs, label: "ZIPFoundation's")
        try require(ourEntries.map(\.path) == order, "our entries are \(ourEntries.map(\.path)), not \(order)")
        try require(theirEntries.map(\.path) == order, "ZIPFoundation's entries are \(theirEntries.map(\.path)), not \(order)")
        for (mine, other) in zip(ourEntries, theirEntries) {
            let path = mine.path
            try require(mine.bytes == files[path], "\(path): our entry reads back as other bytes")
            try require(other.bytes == files[path], "\(path): ZIPFoundation's entry reads back as other bytes")
            try require(mine.crc == other.crc, "\(path): CRC-32 \(mine.crc) against ZIPFoundation's \(other.crc)")
            try require(mine.size == other.size, "\(path): size \(mine.size) against ZIPFoundation's \(other.size)")
            try require(mine.date == other.date, "\(path): date \(String(describing: mine.date)) against \(String(describing: other.date))")
            try require(mine.permissions == 0o644 && other.permissions == 0o644,
                        "\(path): permissions \(String(describing: mine.permissions)), ZIPFoundation's \(String(describing: other.permissions))")
            try require(!mine.compressed || mine.compressedSize < mine.size,
                        "\(path): deflated to \(mine.compressedSize) bytes, no smaller than its \(mine.size)")
            try require(mine.compressed || mine.compressedSize == mine.size, "\(path): stored with another size")
        }
    }

    /// What one archive says of one entry, read through ZIPFoundation.
    struct ReadEntry {
        var path: String
        var bytes: Data
        var crc: UInt32
        var size: UInt64
        var compressedSize: UInt64
        var compressed: Bool
        var date: Date?
        var permissions: Int?
    }

    static func readBack(_ zip: Data, label: String) throws(FuzzViolation) -> [ReadEntry] {
        do {
            let archive = try Archive(data: zip, accessMode: .read)
            return try archive.map { entry in
                try require(entry.type == .file, "\(label) \(entry.path) is not a file entry")
                var bytes = Data()
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
                return ReadEntry(path: entry.path, bytes: bytes, crc: entry.checksum, size: entry.uncompressedSize,
                                 compressedSize: entry.compressedSize, compressed: entry.isCompressed,
                                 date: entry.fileAttributes[.modificationDate] as? Date,
                                 permissions: (entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue)
            }
        } catch let violation as FuzzViolation {
            throw violation
        } catch {
            throw FuzzViolation("ZIPFoundation cannot read \(label) zip back: \(error)")
        }
    }

    /// The same entries written by ZIPFoundation: byte order, the as-of date at midnight, 0644, deflate.
    package static func zipFoundationArchive(_ files: [String: Data]) throws(FuzzViolation) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for path in PackPath.sorted(files.keys) {
                let data = files[path] ?? Data()
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: PackZip.entryDate(asOf: asOf), permissions: PackZip.filePermissions,
                                     compressionMethod: .deflate) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<min(start + size, data.endIndex))
                }
            }
            guard let data = archive.data else { throw FuzzViolation("ZIPFoundation wrote no archive") }
            return data
        } catch let violation as FuzzViolation {
            throw violation
        } catch {
            throw FuzzViolation("ZIPFoundation could not write the entries: \(error)")
        }
    }
}
