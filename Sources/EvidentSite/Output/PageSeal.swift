import Crypto
import EvidentSupport
import Foundation

/// The key that ties an objective page's inputs to the page's bytes in the site's manifest. The
/// manifest lies in the site folder, where whoever can change a page can change the manifest too;
/// the manifest therefore lists `HMAC-SHA256(key, inputs, page's SHA-256)`, with a key kept outside
/// the site, in the user's cache folder. A page changed there, manifest and all, no longer matches
/// and is made again, like a page whose inputs changed.
package struct PageSeal: Sendable {
    /// The key's bytes (a `SymmetricKey` is not `Sendable`).
    private let key: [UInt8]

    /// The name of the key's file in `evident/` under the cache folder.
    static let fileName = "page-inputs.key"
    static let keyBytes = 32

    init(key: [UInt8]) {
        self.key = key
    }

    /// What the manifest lists for a page made from `inputs` (hex, `PageInputs`) whose bytes
    /// have the SHA-256 `sha256` (hex): lowercase hex.
    func seal(inputs: String, sha256: String) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: key))
        mac.update(data: Data(inputs.utf8))
        mac.update(data: Data([0]))
        mac.update(data: Data(sha256.utf8))
        return Hex.lowercase(mac.finalize())
    }

    /// The key in the user's cache folder (`load`), as `evident build` uses it.
    package static func user() -> PageSeal? {
        userCacheFolder().flatMap(load(cacheFolder:))
    }

    /// What `build` notes when the user's key file is there but cannot be used (`unusable`): every
    /// page is then made, build after build, until the file is deleted; nil otherwise.
    package static func userNote() -> String? {
        guard let folder = userCacheFolder() else { return nil }
        let path = folder + "/evident/" + fileName
        return unusable(at: path).map {
            "the key \(codeSpan(path)), with which a build keeps the pages that did not change, cannot be used (\($0)), so every page was made; "
                + "delete it, and the next build makes a new one."
        }
    }

    /// Why the key file at `path` cannot be used (a version of evident that kept another key
    /// there, a copy with another mode); nil when it can be, or when there is none.
    static func unusable(at path: String) -> String? {
        if case let .failure(.unusable(why)) = read(path) { return why }
        return nil
    }

    /// The user's cache folder: `$XDG_CACHE_HOME` when it is an absolute path, else `$HOME/.cache`;
    /// nil without either.
    static func userCacheFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache" }
        return nil
    }

    /// The key in `evident/page-inputs.key` under `cacheFolder`, made (32 random bytes, readable
    /// by the user alone) when there is none. nil, and no page is then taken from the last build,
    /// when the file cannot be read or made, or is not a plain file of this user's that only they
    /// can read and write.
    package static func load(cacheFolder: String) -> PageSeal? {
        let folder = cacheFolder + "/evident"
        let path = folder + "/" + fileName
        sweepLeftovers(in: folder)
        if case let .success(key) = read(path) { return PageSeal(key: key) }
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])) != nil else { return nil }
        // Written whole under a name of its own, then linked to its name: a build running at the
        // same time finds either no key or the whole of one, and the first key made stays.
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let temporary = AtomicWriter.temporary(for: URL(fileURLWithPath: path)).path
        // Made and registered while a signal waits, so that an interruption removes it.
        let (fd, interruption) = Interruption.holdingOff { () -> (Int32, Int?) in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            return (fd, fd >= 0 ? Interruption.register { unlink(temporary) } : nil)
        }
        guard fd >= 0 else { return nil }
        defer {
            Interruption.holdingOff {
                unlink(temporary)
                interruption.map(Interruption.unregister)
            }
        }
        let written = key.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            return Foundation.write(fd, base, bytes.count) == bytes.count
        }
        close(fd)
        guard written, link(temporary, path) == 0 || errno == EEXIST else { return nil }
        return try? read(path).map(PageSeal.init(key:)).get()
    }

    /// Removes the staged keys (`.page-inputs.key.tmp-PID-N`, no longer than a key) that runs
    /// killed while making the key left in `folder`.
    static func sweepLeftovers(in folder: String) {
        AtomicWriter.removeKilledRunsFiles(in: folder, of: [fileName], reading: 0) { _, size in size <= keyBytes }
    }

    /// Why there is no key to use at `path`.
    enum Unread: Error {
        /// No file (or no folder to hold one): a key is made.
        case missing
        /// A file that is not a key this evident may use, and why.
        case unusable(String)
    }

    /// The key at `path`, when it is a plain file of this user's, of 32 bytes, that no one else
    /// may read or write.
    private static func read(_ path: String) -> Result<[UInt8], Unread> {
        // O_NONBLOCK: a FIFO in the key's place does not hold the open; it is refused below.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .failure(.missing)
            case ELOOP: return .failure(.unusable("it is a link"))
            default: return .failure(.unusable(String(cString: strerror(errno))))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unusable(String(cString: strerror(errno)))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.unusable("it is a folder"))
        default: return .failure(.unusable("it is not a plain file"))
        }
        if info.st_uid != geteuid() { return .failure(.unusable("it belongs to another user")) }
        if info.st_mode & 0o077 != 0 { return .failure(.unusable("other users may read or change it: mode " + String(info.st_mode & 0o777, radix: 8))) }
        if info.st_size != keyBytes { return .failure(.unusable("it holds \(info.st_size) bytes, not \(keyBytes)")) }
        var bytes = [UInt8](repeating: 0, count: keyBytes)
        let count = bytes.withUnsafeMutableBytes { buffer in buffer.baseAddress.map { pread(fd, $0, keyBytes, 0) } ?? -1 }
        return count == keyBytes ? .success(bytes) : .failure(.unusable("it could not be read whole"))
    }
}
