import Foundation
import ZIPFoundation

/// Writes the pack's zip so that the same files and as-of date give the same bytes on any machine,
/// in any time zone and locale: entries sorted by path, file entries only (folders are implied by
/// the paths; every extractor creates them), every timestamp the as-of date at 00:00:00, every
/// permission 0644, deflate.
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

    /// The entries' modification time: as-of at 00:00:00. ZIPFoundation turns a `Date` into DOS
    /// date and time fields with `gmtime`, so a UTC midnight gives the same fields in every zone.
    /// DOS dates cover 1980–2107; ZIPFoundation clamps years outside 1980–2099.
    public static func entryDate(asOf: Day) -> Date {
        // `Day.ordinal` counts days since 1970-01-01.
        Date(timeIntervalSince1970: TimeInterval(asOf.ordinal) * 86_400)
    }

    /// The zip of `files` (entry path → bytes).
    public static func archive(_ files: [String: Data], asOf: Day) throws -> Data {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw Failure.zip(String(describing: error))
        }
        let date = entryDate(asOf: asOf)
        for path in PackPath.sorted(files.keys) {
            guard PackPath.isSafe(path) else { throw Failure.unsafeEntry(path) }
            let data = files[path] ?? Data()
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: date, permissions: filePermissions,
                                     compressionMethod: .deflate) { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<min(start + size, data.endIndex))
                }
            } catch {
                throw Failure.zip("\(path): \(error)")
            }
        }
        guard let bytes = archive.data else { throw Failure.zip("the archive has no data") }
        return bytes
    }
}
