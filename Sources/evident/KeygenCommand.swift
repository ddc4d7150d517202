import ArgumentParser
import EvidentKit
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write an Ed25519 key pair (PEM, as OpenSSL writes it) for signing evidence packs.")

    @Option(name: .customLong("private-key"), help: "Where to write the private key; keep it secret (file mode 0600).")
    var privateKey: String = "evident-private.pem"

    @Option(name: .customLong("public-key"), help: "Where to write the public key, for auditors.")
    var publicKey: String = "evident-public.pem"

    @Flag(name: .long, help: "Replace key files that already exist.")
    var force = false

    func run() throws {
        let privateURL = URL(fileURLWithPath: privateKey)
        let publicURL = URL(fileURLWithPath: publicKey)
        guard privateURL.standardizedFileURL.path != publicURL.standardizedFileURL.path else {
            throw UsageFailure(message: "--private-key and --public-key name the same file.")
        }
        if !force {
            for path in [privateKey, publicKey] where FileManager.default.fileExists(atPath: path) {
                throw UsageFailure(message: "\(path) exists; evident does not overwrite a key. Pass --force to replace it, or choose another path.")
            }
        }
        let key = PackSigningKey()
        do {
            try KeyFile.writePrivate(key.pem, to: privateURL)
            try AtomicWriter.writeFile(Data(key.verifyingKey.pem.utf8), to: publicURL)
        } catch let failure as CustomStringConvertible & Error {
            throw UsageFailure(message: failure.description)
        }
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

    /// Writes a private key readable by its owner only: created 0600 under a temporary name in the
    /// same folder, then renamed, so no other user can open it even for a moment.
    static func writePrivate(_ pem: String, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw UsageFailure(message: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            guard fchmod(fd, 0o600) == 0 else { throw UsageFailure(message: "Cannot protect \(url.path).") }
            try handle.write(contentsOf: Data(pem.utf8))
            try handle.synchronize()
            guard rename(temporary.path, url.path) == 0 else {
                throw UsageFailure(message: "Cannot write \(url.path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            if let failure = error as? UsageFailure { throw failure }
            throw UsageFailure(message: "Cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
