import Crypto
import EvidentSupport
import Foundation
import ZIPFoundation

/// `evident verify`: reads a pack's zip without extracting it, recomputes the SHA-256 of every file,
/// and compares them with `MANIFEST.sha256`; with a public key, checks the manifest's signature.
package enum PackVerifier {
    package enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)

        package var description: String {
            switch self {
            case let .unreadable(path, reason): "Cannot read \(codeSpan(path)): \(reason)"
            }
        }
    }

    /// `verify --key FILE`: the public key is read first, so a wrong key file stops before the zip is opened.
    package static func verify(zipAt url: URL, keyFile: String?) throws -> VerificationReport {
        let key = try keyFile.map { path throws(KeyFile.Failure) in try KeyFile.verifyingKey(at: path) }
        return try verify(zipAt: url, key: key)
    }

    package static func verify(zipAt url: URL, key: PackVerifyingKey? = nil) throws -> VerificationReport {
        // Looked at before it is opened: a FIFO (`verify <(curl …)`) would hold the open for ever.
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw Failure.unreadable(url.path, errno == ENOENT ? "there is no such file" : String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure.unreadable(url.path, "it is a folder, not a zip file")
        default: throw Failure.unreadable(url.path, "it is not a regular file; save the pack to a file and verify that")
        }
        // The system's reason ("Permission denied"), not "not a zip file", for one that cannot be opened.
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.unreadable(url.path, String(cString: strerror(errno))) }
        let tail = Self.tail(of: fd)
        close(fd)
        guard let tail, Self.endsLikeAZip(tail) else { throw Failure.unreadable(url.path, "it is not a zip file") }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure.unreadable(url.path, "it is not a zip file")
        }
        return verify(archive, at: url, name: url.lastPathComponent, size: fileSize(url), key: key)
    }

    /// The bytes are read from a temporary file, as `verify(zipAt:)` reads a pack: ZIPFoundation's
    /// in-memory archive traps on a zip whose directory points past its end (a fuzzer found it),
    /// where its file-backed archive reports a damaged zip.
    package static func verify(zip data: Data, name: String = "pack.zip", key: PackVerifyingKey? = nil) throws -> VerificationReport {
        guard endsLikeAZip(data.suffix(endRecordReach)) else { throw Failure.unreadable(name, "it is not a zip file") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("evident-verify-\(UUID().uuidString).zip")
        do {
            try data.write(to: file)
        } catch {
            throw Failure.unreadable(name, "it cannot be copied to a temporary file (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let archive: Archive
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw Failure.unreadable(name, "it is not a zip file")
        }
        return verify(archive, at: file, name: name, size: UInt64(data.count), key: key)
    }

    /// How far from its end a zip's end-of-central-directory record starts, at most: the record's
    /// 22 bytes and a comment of up to 65,535.
    static let endRecordReach = 22 + 65_535

    /// Whether `tail`, a file's last `endRecordReach` bytes (all of a shorter file), holds the
    /// end-of-central-directory record's signature, as every zip's does. Looked for before
    /// ZIPFoundation opens the file: it seeks for the record a byte at a time back to the file's
    /// start, minutes for a large file that is not a zip.
    static func endsLikeAZip(_ tail: some Collection<UInt8>) -> Bool {
        let bytes = Array(tail)
        guard bytes.count >= 22 else { return false }
        return (0...(bytes.count - 22)).contains { i in
            bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x05 && bytes[i + 3] == 0x06
        }
    }

    /// `endsLikeAZip` for the file at `path`; false when it cannot be read.
    static func endsLikeAZip(fileAt path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return tail(of: fd).map(endsLikeAZip) ?? false
    }

    /// The last `endRecordReach` bytes of the open file `fd` (all of a shorter one); nil when they cannot be read.
    private static func tail(of fd: Int32) -> [UInt8]? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let count = Int(min(Int64(info.st_size), Int64(endRecordReach)))
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(Int64(info.st_size) - Int64(count) + Int64(done)))
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    /// The most bytes an entry with nothing in it takes: deflate writes two for an empty stream.
    static let emptyDeflateSize: UInt64 = 2

    /// A manifest or signature larger than this is not one evident made; reading stops there.
    static let smallEntryLimit: UInt64 = 256 << 20

    /// The size of the zip file; the largest size when it cannot be read (nothing is then refused for it).
    private static func fileSize(_ url: URL) -> UInt64 {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber
        return size?.uint64Value ?? .max
    }

    /// The fewest bytes of the zip an entry's local record takes: its fixed header and its data.
    static let localHeaderSize: UInt64 = 30

    /// `size` is the zip file's: entries whose records add up to more than it share bytes. `url` is
    /// where the archive is read from, whose records `PackZipLayout` reads again strictly.
    static func verify(_ archive: Archive, at url: URL, name: String, size: UInt64, key: PackVerifyingKey?) -> VerificationReport {
        var report = VerificationReport(pack: name)
        // Entries of a zip hold disjoint bytes. Entries that share them (overlapping entries, which
        // unzip refuses) could make one small zip inflate to terabytes, each copy hashed in turn.
        var recorded: UInt64 = 0
        for entry in archive {
            let (sum, over) = recorded.addingReportingOverflow(localHeaderSize)
            let (total, overAgain) = sum.addingReportingOverflow(entry.compressedSize)
            recorded = over || overAgain ? .max : total
            guard recorded <= size else {
                report.overlapping = true
                report.signature = key == nil ? .notChecked(present: false) : .missing
                return report
            }
        }
        // A zip that tools could read as other files than the ones hashed here fails, whatever they hold.
        let layout = PackZipLayout.read(url)
        report.layout = layout.problems

        // Entries by name. A folder entry is one whose name ends in `/` (as unzip decides) and that
        // carries no data; every other entry is a file, whatever its mode says, so it is hashed,
        // listed or extra. A name that could escape the extraction folder, a link, or a name given
        // twice is a problem whatever else holds.
        var entries: [String: Entry] = [:]
        var index = 0
        for entry in archive {
            let path = entry.path
            let described = index < layout.entries.count ? layout.entries[index] : nil
            index += 1
            if let described, described.name != Array(path.utf8) {
                report.layout.append("Entry \(codeSpan(path)) is read under another name than its bytes say.")
            }
            let isFolder = path.hasSuffix("/") && entry.type != .symlink
                && entry.uncompressedSize == 0 && entry.compressedSize <= emptyDeflateSize
            let checked = isFolder ? String(path.dropLast()) : path
            if !PackPath.isSafe(checked) {
                report.unsafe.append(path)
                continue
            }
            if isFolder { continue }
            if entry.type == .symlink || described?.isLink == true {
                report.unsafe.append(path)
                continue
            }
            if entries[path] != nil {
                report.duplicates.append(path)
                continue
            }
            entries[path] = entry
        }
        if index < layout.entries.count {
            report.layout.append("The central directory lists \(layout.entries.count) entries, of which only \(index) could be read: what follows is hidden from verify, not from unzip.")
        }
        report.unsafe = PackPath.sorted(report.unsafe)
        report.duplicates = PackPath.sorted(Set(report.duplicates))

        // The pack folder is the one that holds the manifest at its top. A zip of the folder's
        // contents alone (the manifest at the root) is accepted too: the hashes say the same.
        let manifests = entries.keys.filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count <= 2 && parts.last == Substring(PackManifest.fileName)
        }
        guard manifests.count == 1, let manifestPath = manifests.first, let manifestEntry = entries[manifestPath] else {
            report.manifestProblems.append(manifests.isEmpty
                ? "There is no \(PackManifest.fileName) at the top of the zip or of a folder in it."
                : "There is more than one \(PackManifest.fileName) at the top of the zip.")
            report.extra = PackPath.sorted(entries.keys)
            report.signature = key == nil ? .notChecked(present: false) : .missing
            return report
        }
        let root = String(manifestPath.dropLast(PackManifest.fileName.count))
        report.folder = root.isEmpty ? nil : String(root.dropLast())

        let manifestData: Data
        switch read(manifestEntry, from: archive) {
        case let .success(data): manifestData = data
        case .failure:
            report.manifestProblems.append("\(PackManifest.fileName) cannot be read: the zip is damaged there.")
            report.signature = key == nil ? .notChecked(present: false) : .missing
            return report
        }
        let (manifest, problems) = PackManifest.parse(manifestData)
        report.manifestProblems += problems.map(\.message)

        var listed: Set<String> = []
        for item in manifest.entries {
            listed.insert(item.path)
            guard let entry = entries[root + item.path] else {
                report.missing.append(item.path)
                continue
            }
            report.checked += 1
            // Names match as bytes: a name in another Unicode form is another file to sha256sum -c.
            if Array(entry.path.utf8) != Array((root + item.path).utf8) {
                report.layout.append("Entry \(codeSpan(entry.path)) is listed in the manifest as \(codeSpan(item.path)), the same name in another Unicode form: unzip extracts it under the zip's name, which `sha256sum -c` does not find.")
            }
            switch hash(entry, in: archive) {
            case let .success(hex) where hex == item.hash: break
            case .success: report.mismatched.append(item.path)
            case .failure: report.mismatched.append(item.path)
            }
        }
        let own: Set<String> = [root + PackManifest.fileName, root + PackManifest.signatureFileName]
        report.extra = PackPath.sorted(entries.keys.filter { path in
            !own.contains(path) && !(path.hasPrefix(root) && listed.contains(String(path.dropFirst(root.count))))
        }.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 })
        report.missing = PackPath.sorted(report.missing)
        report.mismatched = PackPath.sorted(report.mismatched)

        let signatureEntry = entries[root + PackManifest.signatureFileName]
        if let key {
            if let signatureEntry {
                switch read(signatureEntry, from: archive) {
                case let .success(signature):
                    report.signature = key.isValidSignature(signature, for: manifestData) ? .valid(key.fingerprint) : .invalid
                case .failure:
                    report.signature = .invalid
                }
            } else {
                report.signature = .missing
            }
        } else {
            report.signature = .notChecked(present: signatureEntry != nil)
        }
        return report
    }

    struct Unreadable: Error {}

    private static func read(_ entry: Entry, from archive: Archive) -> Result<Data, Unreadable> {
        guard entry.uncompressedSize <= smallEntryLimit else { return .failure(Unreadable()) }
        var data = Data()
        return extract(entry, from: archive) { data.append(contentsOf: $0) }.map { data }
    }

    /// Streams the entry through SHA-256, so a large attachment is never held in memory. A damaged
    /// entry (bad CRC, broken deflate stream, not the size its header declares) cannot match any hash.
    private static func hash(_ entry: Entry, in archive: Archive) -> Result<String, Unreadable> {
        var hasher = SHA256()
        return extract(entry, from: archive) { hasher.update(bufferPointer: $0) }.map { PackManifest.hex(digest: hasher.finalize()) }
    }

    /// Hands `body` the entry's bytes as they are inflated, and fails once they pass the size the
    /// central directory declares (so a zip bomb with a lying header is stopped after one chunk
    /// past that size, and `body` never sees a byte more than declared), when they end short of it,
    /// or when their CRC-32 is not the one declared (which unzip and Python refuse).
    static func extract(_ entry: Entry, from archive: Archive, _ body: (UnsafeRawBufferPointer) -> Void) -> Result<Void, Unreadable> {
        let declared = entry.uncompressedSize
        var seen: UInt64 = 0
        let crc: CRC32
        do {
            crc = try archive.extract(entry, bufferSize: inflateChunk) { chunk in
                seen += UInt64(chunk.count)
                guard seen <= declared else { throw Unreadable() }
                chunk.withUnsafeBytes { body($0) }
            }
        } catch {
            return .failure(Unreadable())
        }
        return seen == declared && crc == entry.checksum ? .success(()) : .failure(Unreadable())
    }

    /// How much is read and inflated at a time.
    static let inflateChunk = 64 << 10
}
