import ArgumentParser
import EvidentPack
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write an Ed25519 key pair (PEM, as OpenSSL writes it) for signing evidence packs.")

    @Option(name: .customLong("private-key"), help: "Where to write the private key; keep it secret (file mode 0600).")
    var privateKey: String = "evident-private.pem"

    @Option(name: .customLong("public-key"), help: "Where to write the public key, for auditors.")
    var publicKey: String = "evident-public.pem"

    @Flag(name: .long, help: """
        Replace key files that already exist. What is at the path is replaced, never written \
        through: a link is replaced by the new file and what it pointed to is left as it was; a \
        folder is not replaced. Without --force, anything at either path (a file, a folder, a link, \
        even one to nothing) stops keygen before a key is made.
        """)
    var force = false

    func run() throws {
        let privateURL = URL(fileURLWithPath: privateKey)
        let publicURL = URL(fileURLWithPath: publicKey)
        guard privateURL.standardizedFileURL.path != publicURL.standardizedFileURL.path else {
            throw UsageFailure(message: "--private-key and --public-key name the same file.")
        }
        for path in [privateKey, publicKey] {
            if !force, KeyFile.entryExists(path) { throw UsageFailure(message: KeyFile.exists(path)) }
            if force, KeyFile.isFolder(path) {
                throw UsageFailure(message: "\(path) is a folder; --force replaces a file or a link, never a folder. Choose another path.")
            }
        }
        let key = PackSigningKey()
        try KeyFile.write(Data(key.pem.utf8), to: privateURL, mode: 0o600, replace: force)
        try KeyFile.write(Data(key.verifyingKey.pem.utf8), to: publicURL, mode: 0o644, replace: force)
        writeOut("""
        Wrote the private key to \(privateKey) (keep it secret) and the public key to \(publicKey).
        Fingerprint: \(key.verifyingKey.fingerprint)
        Sign:   evident pack --sign \(privateKey)
        Verify: evident verify PACK.zip --key \(publicKey)

        """)
    }
}

/// Reading and writing key files, shared by `pack --sign`, `verify --key` and `keygen`.
enum KeyFile {
    static func signingKey(at path: String) throws -> PackSigningKey {
        do {
            return try PackSigningKey(pem: read(path))
        } catch let failure as KeyFailure {
            throw UsageFailure(message: "\(path): \(failure.description)")
        }
    }

    static func verifyingKey(at path: String) throws -> PackVerifyingKey {
        do {
            return try PackVerifyingKey(pem: read(path))
        } catch let failure as KeyFailure {
            throw UsageFailure(message: "\(path): \(failure.description)")
        }
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), data.count < 1 << 20 else {
            throw UsageFailure(message: "Cannot read the key file \(path).")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether anything is at `path`, a link included, even one that leads nowhere: `lstat`, which
    /// unlike `FileManager.fileExists` does not follow a link to ask about its target.
    static func entryExists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Whether `path` is itself a folder (a link to a folder is not).
    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> String {
        "\(path) exists; evident does not overwrite a key. Pass --force to replace it, or choose another path."
    }

    /// Writes a key file with `mode`: created under a temporary name in the same folder with that
    /// mode from the start (so no other user can open a private key even for a moment), then
    /// moved into place. The move never follows a link at `url`: with `replace` it is a rename,
    /// which replaces the entry itself; without, a hard link, which fails on any existing entry,
    /// so that a file appearing after the check is not overwritten either.
    static func write(_ data: Data, to url: URL, mode: mode_t, replace: Bool) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else {
            throw UsageFailure(message: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { unlink(temporary.path) }
        do {
            // The umask must not change the mode.
            guard fchmod(fd, mode) == 0 else { throw UsageFailure(message: "Cannot protect \(url.path).") }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch let failure as UsageFailure {
            throw failure
        } catch {
            throw UsageFailure(message: "Cannot write \(url.path): \(error.localizedDescription)")
        }
        if !replace {
            if link(temporary.path, url.path) == 0 { return }
            guard errno == EPERM || errno == EOPNOTSUPP || errno == ENOTSUP || errno == EMLINK else {
                if errno == EEXIST { throw UsageFailure(message: exists(url.path)) }
                throw UsageFailure(message: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
            // A file system without hard links (FAT on a USB stick): checked again just before
            // the rename, which leaves only that moment for a file to appear.
            if entryExists(url.path) { throw UsageFailure(message: exists(url.path)) }
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw UsageFailure(message: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
