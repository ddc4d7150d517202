import Crypto
import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

/// The content files that go into the pack's `content/` folder: every file the loader reads and
/// every attachment under `evidence/`, as they are on disk. A pack is evidence, so nothing that
/// could come from outside the content tree is ever packed: no link (to a file or through a
/// folder), nothing but regular files, no name that is unsafe in a zip or a manifest.
package struct PackSources: Sendable {
    /// Path inside the pack (`content/…`) → the file.
    var files: [String: File]
    /// Files that were left out, with why, sorted by path (`content/…`).
    package var excluded: [Excluded]

    package struct Excluded: Sendable, Hashable {
        package var path: String
        package var reason: String
    }

    /// A source file: its size and SHA-256 as read, and its bytes, deflated, when they were kept in
    /// memory; otherwise it is read again, checked the same way, when the zip is written.
    struct File: Sendable, Equatable {
        var size: UInt64
        /// Lowercase hex SHA-256.
        package var sha256: String
        /// The bytes as they go into the zip, when the file was small enough to keep (see
        /// `read(root:keeping:)`).
        var kept: PackZip.Packed?
        /// Where it is on disk.
        var location: Location

        init(size: UInt64, sha256: String, kept: PackZip.Packed?, location: Location) {
            self.size = size
            self.sha256 = sha256
            self.kept = kept
            self.location = location
        }

        /// The bytes: kept, or read again and checked against the size and hash first read.
        package func read() throws -> Data {
            if let kept { return try kept.bytes() }
            let fd = try location.open()
            defer { close(fd) }
            var out = Data()
            var hasher = SHA256()
            try PackSources.readChunks(fd, path: location.path) { chunk in
                out.append(contentsOf: chunk)
                hasher.update(bufferPointer: chunk)
            }
            guard UInt64(out.count) == size, PackManifest.hex(digest: hasher.finalize()) == sha256 else {
                throw Failure.changed(location.path)
            }
            return out
        }
    }

    /// A source file on disk: the content root, its path below it, and the file it was when first
    /// read (device and inode), so that it is never read through a link or swapped for another.
    struct Location: Sendable, Equatable {
        var root: String
        var relative: String
        var device: UInt64
        var inode: UInt64

        var path: String { root + "/" + relative }

        /// Opens the file again with the checks of the first read; the descriptor is the caller's.
        func open() throws -> Int32 {
            switch try PackSources.openRegularFile(root: root, relative: relative) {
            case let .success((fd, info)):
                guard UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode else {
                    close(fd)
                    throw Failure.changed(path)
                }
                return fd
            case .failure:
                throw Failure.changed(path)
            }
        }
    }

    init(files: [String: File] = [:], excluded: [Excluded] = []) {
        self.files = files
        self.excluded = excluded
    }

    package enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case changed(String)

        package var description: String {
            switch self {
            case let .unreadable(path, reason): "Cannot read \(codeSpan(path)) for the pack: \(reason)"
            case let .changed(path): "\(codeSpan(path)) changed while it was being packed; run `evident pack` again."
            }
        }
    }

    /// How much of the sources (before deflating) is kept in memory between the first read (for the
    /// manifest) and the zip; the rest, and every file larger than `keptFileLimit`, is read again
    /// from disk.
    static let keptBytes = 64 << 20
    static let keptFileLimit = 1 << 20

    /// Reads the content folder at `root` (the loaded `ContentSet.rootPath`): hashes every file,
    /// keeping the bytes of small files up to `keeping` bytes in all.
    package static func read(root: String, keeping budget: Int = keptBytes) throws -> PackSources {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let walker = ContentWalker(rootURL: rootURL, rootReal: rootURL.resolvingSymlinksInPath().path, displayRoot: ".")
        var sources = PackSources()
        let rootPath = rootURL.path
        let kept = Budget(budget)
        let deflaters = DeflaterPool()
        let entries = walker.walk().entries
        // A folder that cannot be listed would leave its files out of the pack unseen.
        if let folder = walker.unreadable.first { throw Failure.unreadable(rootPath + "/" + folder.path, folder.reason) }
        // Files are read on every core: a tree is many small files.
        let read = parallelMap(entries) { entry -> (String, Result<Result<File, Refusal>, Error>) in
            let packPath = ContentWalker.packPath(of: entry.relative)
            switch ContentWalker.packExclusion(entry) {
            case let .leftover(leftover):
                return (packPath, .success(.failure(Refusal(text: "it is \(leftover.what), not evidence"))))
            case .name:
                // A direction control is safe to write but shows the name as another.
                let direction = PackPath.unsafeCharacter(in: entry.relative).flatMap { PackPath.isDirectionControl($0) ? $0 : nil }
                let windows = entry.relative.split(separator: "/").lazy.compactMap { PackPath.windowsProblem($0) }.first
                let text = direction.map { "its name holds a direction control (U+\(codePointHex($0.value))), which shows it as another name" }
                    ?? windows.map { _ in "its name is one Windows cannot extract as it is" }
                    ?? (PackPath.isComposed(entry.relative) ? nil : "its name has an accent decomposed (NFD), which tar extracts under another name")
                    ?? "its name cannot be written safely in a zip or a manifest"
                return (packPath, .success(.failure(Refusal(text: text))))
            case .outsideEvidence: return (packPath, .success(.failure(Refusal(text: "it is outside content/evidence/"))))
            case .link: return (packPath, .success(.failure(Refusal(text: "it is a link"))))
            case let .twin(kept):
                let text = kept.hasSuffix("/")
                    ? "its path is the folder content/\(kept)'s but for letter case, which Windows and macOS take for one name, and a file and a folder cannot share one"
                    : "its path differs from content/\(kept) only in letter case, which Windows and macOS take for one name"
                return (packPath, .success(.failure(Refusal(text: text))))
            case nil: break
            }
            // Opened with the same refusals, so a link swapped in after the walk is left out too.
            return (packPath, Result { try readFile(root: rootPath, relative: entry.relative, kept: kept, deflaters: deflaters) })
        }
        for (packPath, outcome) in read {
            switch try outcome.get() {
            case let .success(file): sources.files[packPath] = file
            case let .failure(reason): sources.excluded.append(Excluded(path: packPath, reason: reason.text))
            }
        }
        sources.excluded.sort { PackPath.precedes($0.path, $1.path) }
        return sources
    }

    /// The files left out, with those that findings report as not read (`syntax/ignored-file`)
    /// and the pack does not hold (`files`, pack paths): an auditor who reads such a finding
    /// learns from the guide why the file is not in the pack. Sorted by path.
    package static func leftOut(_ excluded: [Excluded], unread findings: [Finding], holding files: Set<String>) -> [Excluded] {
        var out = excluded
        var listed = Set(excluded.map(\.path))
        for finding in findings where finding.rule == SyntaxIgnoredFile.description.id {
            let path = finding.location.file
            guard path.hasPrefix(ContentLoader.publishedRoot + "/"), !files.contains(path), listed.insert(path).inserted else { continue }
            out.append(Excluded(path: path, reason: "evident does not read it, so it is not evidence (see its finding, syntax/ignored-file)"))
        }
        return out.count == excluded.count ? excluded : out.sorted { PackPath.precedes($0.path, $1.path) }
    }

    /// Throws `changed` for the first file, in path order, that the check read (`digests`: the
    /// SHA-256 of each file's text, by its path under the published root, as the pack names it)
    /// and that the pack does not hold as the check read it: edited or removed since, its site and
    /// findings would not be those of its sources. `root` is the content folder on disk.
    func confirm(loaded digests: [String: FileDigest], root: String) throws {
        let left = Set(excluded.map(\.path))
        let prefix = ContentLoader.publishedRoot + "/"
        for (path, digest) in digests.sorted(by: { PackPath.precedes($0.key, $1.key) }) where !left.contains(path) {
            let onDisk = path.hasPrefix(prefix) ? root + "/" + path.dropFirst(prefix.count) : path
            guard let file = files[path] else { throw Failure.changed(onDisk) }
            let text = Hex.lowercase(digest.bytes)
            if file.sha256 == text { continue }
            // The text is the bytes without a byte-order mark, with CRLF as LF: decoded as the check did.
            guard case let .success(source) = SourceText.decode(try file.read(), path: path) else { throw Failure.changed(onDisk) }
            var decoded = source.text
            guard decoded.withUTF8({ PackManifest.hex(digest: SHA256.hash(data: UnsafeRawBufferPointer($0))) }) == text else {
                throw Failure.changed(onDisk)
            }
        }
    }

    /// The pack path of the source that is the file at `path` (the same file on disk, whether
    /// `path` is a link to it or another hard link), first in path order; nil when none is.
    func packPath(ofFileAt path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return files.keys.sorted(by: PackPath.precedes).first { key in
            files[key].map { $0.location.device == UInt64(info.st_dev) && $0.location.inode == UInt64(info.st_ino) } ?? false
        }
    }

    /// The pack path of the first source, in path order, whose bytes have this SHA-256 (lowercase hex).
    func packPath(withSHA256 digest: String) -> String? {
        files.keys.sorted(by: PackPath.precedes).first { files[$0]?.sha256 == digest }
    }

    struct Refusal: Error, Sendable {
        var text: String
    }

    /// Bytes left for keeping files in memory, taken from every core.
    private final class Budget: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int

        init(_ bytes: Int) { left = bytes }

        func take(_ bytes: Int) -> Bool {
            lock.withLock {
                guard bytes <= left else { return false }
                left -= bytes
                return true
            }
        }
    }

    /// Reads `root/relative` (see `openRegularFile`) through SHA-256, a chunk at a time, keeping its
    /// bytes, deflated, only when it is small and the budget allows.
    private static func readFile(root: String, relative: String, kept: Budget, deflaters: DeflaterPool) throws -> Result<File, Refusal> {
        let opened = try openRegularFile(root: root, relative: relative)
        guard case let .success((fd, info)) = opened else {
            if case let .failure(refusal) = opened { return .failure(refusal) }
            return .failure(Refusal(text: "it cannot be read"))
        }
        defer { close(fd) }
        let path = root + "/" + relative
        let keep = info.st_size >= 0 && Int(info.st_size) <= keptFileLimit && kept.take(Int(info.st_size))
        var data = Data()
        var hasher = SHA256()
        var size: UInt64 = 0
        try readChunks(fd, path: path) { chunk in
            if keep { data.append(contentsOf: chunk) }
            hasher.update(bufferPointer: chunk)
            size += UInt64(chunk.count)
        }
        let location = Location(root: root, relative: relative, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        // A file that grew past what was set aside for it is read again at zip time instead.
        let sha256 = PackManifest.hex(digest: hasher.finalize())
        let packed = keep && UInt64(data.count) == size && data.count <= keptFileLimit
            ? try data.withUnsafeBytes { try deflaters.pack($0, sha256: sha256) } : nil
        return .success(File(size: size, sha256: sha256, kept: packed, location: location))
    }

    /// The size of the chunks sources are read in.
    static let chunkSize = 1 << 20

    /// Calls `body` with each chunk of `fd`'s bytes from its first (`FileRead.chunks`); a read
    /// that fails is `Failure.unreadable` of `path`.
    static func readChunks(_ fd: Int32, path: String, chunkSize: Int = chunkSize, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        do {
            try FileRead.chunks(of: fd, size: chunkSize, body)
        } catch let failure as FileRead.Failure {
            throw Failure.unreadable(path, failure.reason)
        }
    }

    /// Opens `root/relative` only if no component below `root` is a link and the file is a regular
    /// file; the final open uses O_NOFOLLOW so that a link swapped in after the check is refused too.
    /// The descriptor and the file's status are the caller's.
    static func openRegularFile(root: String, relative: String) throws -> Result<(Int32, stat), Refusal> {
        var path = root
        let parts = relative.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            path += "/" + part
            var info = stat()
            guard lstat(path, &info) == 0 else {
                return .failure(Refusal(text: "it cannot be read (\(String(cString: strerror(errno))))"))
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                return .failure(Refusal(text: index == parts.count - 1 ? "it is a link" : "it lies in a linked folder"))
            }
            if index < parts.count - 1, type != S_IFDIR {
                return .failure(Refusal(text: "it cannot be read"))
            }
            if index == parts.count - 1, type != S_IFREG {
                return .failure(Refusal(text: "it is not a regular file"))
            }
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { return .failure(Refusal(text: "it is a link")) }
            throw Failure.unreadable(path, String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failure(Refusal(text: "it is not a regular file"))
        }
        return .success((fd, info))
    }
}
