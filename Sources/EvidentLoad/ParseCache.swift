import Crypto
import EvidentModel
import Foundation

/// Parsed content files by kind, display path and git blob id. `evident diff` loads two trees that
/// share almost every file; with the same display root on both sides, the second load parses only
/// the files that differ. Parsing a file reads nothing but its kind, path and bytes, so equal
/// keys give equal results.
///
/// A revision's file comes with git's id and is found without reading its bytes; a folder's file
/// gets the id git would give its bytes (`format`). No text is kept as a key, and a revision whose
/// files the cache holds can let go of their bytes before it loads (`DiffLoader.detached`).
package final class ParseCache: @unchecked Sendable {
    /// How git names a blob: the hash of `blob <size>\0` and the bytes, in a repository's object format.
    package enum ObjectFormat: Sendable {
        case sha1, sha256

        /// The format of the repository whose commit id this is (40 or 64 hex digits); nil for any other text.
        package init?(commitID: String) {
            switch commitID.utf8.count {
            case 40: self = .sha1
            case 64: self = .sha256
            default: return nil
            }
        }

        /// The id `git hash-object` gives `bytes`, in lowercase hex.
        package func blobID(_ bytes: UnsafeRawBufferPointer) -> String {
            let header = Data("blob \(bytes.count)\0".utf8)
            switch self {
            case .sha1:
                var hasher = Insecure.SHA1()
                hasher.update(data: header)
                hasher.update(bufferPointer: bytes)
                return Self.hex(hasher.finalize())
            case .sha256:
                var hasher = SHA256()
                hasher.update(data: header)
                hasher.update(bufferPointer: bytes)
                return Self.hex(hasher.finalize())
            }
        }

        package func blobID(_ data: Data) -> String { data.withUnsafeBytes { blobID($0) } }

        private static let digits = Array("0123456789abcdef".utf8)

        private static func hex(_ digest: some Sequence<UInt8>) -> String {
            var out: [UInt8] = []
            for byte in digest {
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private struct Key: Hashable {
        var kind: ContentWalker.Kind
        var path: String
        var object: String
    }

    /// The ids folders' files get: those of the repository whose revisions are compared. Two folders
    /// compare by SHA-256, which no one can make two texts share.
    package let format: ObjectFormat
    private var files: [Key: ContentLoader.ParsedFile] = [:]
    private var reused: Set<String> = []
    /// Set once no later load will look anything up: the last load's parses are not kept.
    private var closed = false
    // Loading parses files on every core at once.
    private let lock = NSLock()

    package init(format: ObjectFormat = .sha256) {
        self.format = format
    }

    func parsed(_ kind: ContentWalker.Kind, path: String, object: String) -> ContentLoader.ParsedFile? {
        lock.withLock {
            guard let parsed = files[Key(kind: kind, path: path, object: object)] else { return nil }
            reused.insert(path)
            return parsed
        }
    }

    /// Whether a file is held by its object id: a load that finds it there reads none of its bytes.
    package func holds(_ kind: ContentWalker.Kind, path: String, object: String) -> Bool {
        lock.withLock { files[Key(kind: kind, path: path, object: object)] != nil }
    }

    /// Keeps no further parse: called before the last load, whose parses no one looks up.
    package func close() {
        lock.withLock { closed = true }
    }

    /// Lets go of every parse held, once the last load is over: its tables would otherwise be held
    /// beside both sides' checks. The paths reused stay.
    package func release() {
        lock.withLock {
            closed = true
            files = [:]
        }
    }

    /// The paths whose parse was reused: files that two loads found identical.
    package func reusedPaths() -> Set<String> { lock.withLock { reused } }

    func store(_ parsed: ContentLoader.ParsedFile, _ kind: ContentWalker.Kind, path: String, object: String) {
        lock.withLock {
            if !closed { files[Key(kind: kind, path: path, object: object)] = parsed }
        }
    }
}
