import EvidentSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing key files: `pack --sign`, `verify --key` and `keygen`.
package enum KeyFile {
    /// A key file that cannot be read, written or used; the message names the path.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    static func signingKey(at path: String) throws(Failure) -> PackSigningKey {
        try parse(path, PackSigningKey.init(pem:))
    }

    package static func verifyingKey(at path: String) throws(Failure) -> PackVerifyingKey {
        try parse(path, PackVerifyingKey.init(pem:))
    }

    /// The key in the file at `path`; any failure names the path.
    private static func parse<Key>(_ path: String, _ make: (String) throws -> Key) throws(Failure) -> Key {
        do {
            return try make(read(path))
        } catch let failure as Failure {
            throw failure
        } catch let failure as KeyFailure {
            throw Failure(description: "\(path): \(failure.description)")
        } catch {
            throw Failure(description: "\(path): \(error)")
        }
    }

    /// Makes a key pair and writes it: the private key with mode 0600, the public key 0644.
    /// Without `force`, anything at either path (a file, a folder, a link, even one to nothing)
    /// stops it before a key is made; with `force` a file or a link is replaced, never written
    /// through, and a folder never replaced. Each path ends with the new key or what was there
    /// before, both paths alike: a failure or an interruption leaves the previous pair (or none).
    package static func generate(privateKey: String, publicKey: String, force: Bool) throws(Failure) -> PackSigningKey {
        try generate(privateKey: privateKey, publicKey: publicKey, force: force) { staged, url, replace throws(Failure) in
            try place(staged, at: url, replace: replace)
        }
    }

    /// `generate`, with `placing` moving each staged key into place (`place(_:at:replace:)`).
    static func generate(privateKey: String, publicKey: String, force: Bool,
                         placing: (URL, URL, Bool) throws(Failure) -> Void) throws(Failure) -> PackSigningKey {
        let privateURL = URL(fileURLWithPath: privateKey)
        let publicURL = URL(fileURLWithPath: publicKey)
        guard privateURL.standardizedFileURL.path != publicURL.standardizedFileURL.path else {
            throw Failure(description: "--private-key and --public-key name the same file.")
        }
        for path in [privateKey, publicKey] {
            if !force, entryExists(path) { throw Failure(description: exists(path)) }
            if force, isFolder(path) {
                throw Failure(description: "\(codeSpan(path)) is a folder; --force replaces a file or a link, never a folder. Choose another path.")
            }
        }
        let key = PackSigningKey()
        // Both files are written under temporary names before either is put in place, so that a
        // folder that is missing, not writable or full stops keygen with neither half written.
        let privateFile = sibling(of: privateURL, "tmp"), publicFile = sibling(of: publicURL, "tmp")
        let (privatePath, publicPath) = (privateFile.path, publicFile.path)
        // Registered before the files are made: an interruption removes them, and waits for a
        // pair being put in place.
        let interruption = Interruption.register {
            unlink(privatePath)
            unlink(publicPath)
        }
        defer {
            Interruption.unregister(interruption)
            unlink(privatePath)
            unlink(publicPath)
        }
        try stage(Data(key.pem.utf8), at: privateFile, for: privateURL, mode: 0o600)
        try stage(Data(key.verifyingKey.pem.utf8), at: publicFile, for: publicURL, mode: FileModes.newFile)
        let failure: Failure? = Interruption.holdingOff {
            do throws(Failure) {
                try placePair([(privateFile, privateURL), (publicFile, publicURL)], replace: force, placing: placing)
            } catch {
                return error
            }
            // A staged file hard-linked into place is a second name of the key: it goes first.
            unlink(privatePath)
            unlink(publicPath)
            Interruption.unregister(interruption)
            return nil
        }
        if let failure { throw failure }
        return key
    }

    /// Clears what killed runs of keygen left beside `paths`: only regular files (not links) of
    /// this user named `.NAME.tmp-PID-N` or `.NAME.old-PID-N`, whose process has ended, holding
    /// a PEM key. A staged key (`tmp`) was never put in place, or is a second name of the key in
    /// place: it is removed, as no copy of a secret should lie about. A key set aside (`old`) may
    /// be the one copy of the key that was at the path before: it is kept, and named. Returns
    /// what to tell the user.
    package static func sweepLeftovers(beside paths: [String]) -> [String] {
        var notes: [String] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path, name = url.lastPathComponent
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() {
                guard let pid = AtomicWriter.leftoverProcess(entry, of: name), processHasEnded(pid),
                      isOwnKeyFile(folder + "/" + entry) else { continue }
                let leftover = (folder as NSString).appendingPathComponent(entry)
                if entry.hasPrefix("." + name + ".tmp-") {
                    if unlink(leftover) == 0 { notes.append("removed \(codeSpan(leftover)), a key file an interrupted keygen left") }
                } else {
                    notes.append("\(codeSpan(leftover)) holds the key that was at \(codeSpan(path)) before an interrupted keygen --force; "
                        + "keep it until you know \(codeSpan(path)) is the key you sign with, then remove it")
                }
            }
        }
        return notes
    }

    /// A regular file of this user (not a link) that starts as a PEM key does.
    private static func isOwnKeyFile(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        let begin = Array("-----BEGIN ".utf8)
        var start = [UInt8](repeating: 0, count: begin.count)
        return fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid()
            && Glibc.read(fd, &start, begin.count) == begin.count && start == begin
    }

    /// Puts each staged key in place, all or none. With `replace`, what is at each path is first
    /// linked aside (or moved aside, where the file system has no hard links) as `.NAME.old-PID-N`;
    /// if a key cannot be placed, every path gets back what it held before, or nothing.
    private static func placePair(_ pair: [(staged: URL, url: URL)], replace: Bool,
                                  placing: (URL, URL, Bool) throws(Failure) -> Void) throws(Failure) {
        var asides: [(aside: URL, url: URL)] = []
        var placed: [URL] = []
        do throws(Failure) {
            if replace {
                for (_, url) in pair where entryExists(url.path) {
                    let aside = sibling(of: url, "old")
                    // `linkat` without AT_SYMLINK_FOLLOW: a link is set aside itself, not what it points to.
                    guard linkat(AT_FDCWD, url.path, AT_FDCWD, aside.path, 0) == 0 || rename(url.path, aside.path) == 0 else {
                        throw cannotWrite(url)
                    }
                    asides.append((aside, url))
                }
            }
            for (staged, url) in pair {
                try placing(staged, url, replace)
                placed.append(url)
            }
        } catch {
            var kept: [String] = []
            for url in placed where !asides.contains(where: { $0.url == url }) { unlink(url.path) }
            for (aside, url) in asides {
                // A rename between two names of one file does nothing: the aside name is then removed.
                if rename(aside.path, url.path) == 0 {
                    unlink(aside.path)
                } else {
                    kept.append(aside.path)
                }
            }
            guard kept.isEmpty else {
                throw Failure(description: error.description + "; the previous key could not be put back and is kept as "
                              + kept.joined(separator: " and "))
            }
            throw error
        }
        for (aside, _) in asides { unlink(aside.path) }
    }

    /// The text of the key file at `path`; a failure says why, in the system's words where it has them.
    private static func read(_ path: String) throws(Failure) -> String {
        func failure(_ why: String) -> Failure { Failure(description: "Cannot read the key file \(codeSpan(path)): \(why).") }
        // Looked at before it is opened: a FIFO or a device would hold the read.
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure("it is a folder")
        default: throw failure("it is not a regular file")
        }
        guard info.st_size < 1 << 20 else { throw failure("it is \(info.st_size) bytes, too large for a key file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw failure(String(cString: strerror(errno))) }
        defer { close(fd) }
        do {
            return String(decoding: try FileRead.bytes(of: fd, limit: 1 << 20), as: UTF8.self)
        } catch {
            throw failure(error.reason)
        }
    }

    /// A warning when the private key at `path` may be read or changed by users other than its
    /// owner (mode bits 0077), as OpenSSH warns of an unprotected key; nil otherwise.
    package static func exposure(ofPrivateKey path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o077 != 0 else { return nil }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        return "the private key \(codeSpan(path)) may be read or changed by other users (mode \(String(repeating: "0", count: max(0, 4 - mode.count)) + mode)); "
            + "keep it to yourself: `chmod 600 \(ShellWord.path(path))`"
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
        "\(codeSpan(path)) exists; evident does not overwrite a key. Pass --force to replace it, or choose another path."
    }

    private static func cannotWrite(_ url: URL) -> Failure {
        Failure(description: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
    }

    /// `.NAME.KIND-PID-N` beside `url`: `tmp` for a key being written, `old` for a key set aside.
    static func sibling(of url: URL, _ kind: String) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Writes a key file's bytes with `mode` at `temporary`, beside `url`, created with that mode
    /// from the start (so no other user can open a private key even for a moment); `place` moves
    /// it into place, and the caller removes it if it is not.
    static func stage(_ data: Data, at temporary: URL, for url: URL, mode: mode_t) throws(Failure) {
        // Made while a signal waits: an interruption's cleanup (`generate`) never runs between its
        // unlink of this path and the file's creation, which would leave a key behind.
        let fd = Interruption.holdingOff { open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode) }
        guard fd >= 0 else { throw cannotWrite(url) }
        defer { close(fd) }
        do {
            // The umask must not change the mode.
            guard fchmod(fd, mode) == 0 else { throw Failure(description: "Cannot protect \(url.path).") }
            try data.withUnsafeBytes { try AtomicWriter.writeAll([$0], to: fd, path: url.path) }
            guard fsync(fd) == 0 else { throw cannotWrite(url) }
        } catch {
            unlink(temporary.path)
            if let failure = error as? Failure { throw failure }
            // The system's own words ("No space left on device"), as every other command gives them.
            throw Failure(description: (error as? AtomicWriter.Failure)?.description ?? "Cannot write \(url.path): \(error)")
        }
    }

    /// Moves a staged key file to `url`. The move never follows a link at `url`: with `replace`
    /// it is a rename, which replaces the entry itself; without, a hard link, which fails on any
    /// existing entry, so that a file appearing after the check is not overwritten either.
    static func place(_ temporary: URL, at url: URL, replace: Bool) throws(Failure) {
        if !replace {
            if link(temporary.path, url.path) == 0 { return }
            guard errno == EPERM || errno == EOPNOTSUPP || errno == ENOTSUP || errno == EMLINK else {
                if errno == EEXIST { throw Failure(description: exists(url.path)) }
                throw cannotWrite(url)
            }
            // A file system without hard links (FAT on a USB stick): checked again just before
            // the rename, which leaves only that moment for a file to appear.
            if entryExists(url.path) { throw Failure(description: exists(url.path)) }
        }
        guard rename(temporary.path, url.path) == 0 else { throw cannotWrite(url) }
    }
}
