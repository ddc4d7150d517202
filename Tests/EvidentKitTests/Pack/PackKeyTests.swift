import Foundation
import Testing
@testable import EvidentPack

@Suite struct PackKeyTests {
    /// Made once with `openssl genpkey -algorithm ed25519`; its public key with `openssl pkey -pubout`.
    static let opensslKey = """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEIBF5xQjKnfFuzJxix+EZKUZ7NGKPryDz2DsHyQtzpK3h
    -----END PRIVATE KEY-----

    """
    static let opensslPublicKey = """
    -----BEGIN PUBLIC KEY-----
    MCowBQYDK2VwAyEA92YC6rZdgRIO0QETjUgyDuRyijLzrjrvv249I0v/BeM=
    -----END PUBLIC KEY-----

    """

    @Test func readsOpenSSLKeysAndWritesThemBackTheSameWay() throws {
        let key = try PackSigningKey(pem: Self.opensslKey)
        #expect(key.pem == Self.opensslKey)
        #expect(key.verifyingKey.pem == Self.opensslPublicKey)
        let publicKey = try PackVerifyingKey(pem: Self.opensslPublicKey)
        #expect(publicKey.pem == Self.opensslPublicKey)
        let message = Data("abc\n".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(!publicKey.isValidSignature(signature, for: Data("abd\n".utf8)))
        #expect(!publicKey.isValidSignature(ZipTestTools.flipByte(signature), for: message))
        #expect(!PackSigningKey().verifyingKey.isValidSignature(signature, for: message))
    }

    @Test func freshKeysRoundTripThroughPEM() throws {
        let key = PackSigningKey()
        let again = try PackSigningKey(pem: key.pem)
        #expect(again.pem == key.pem)
        #expect(again.verifyingKey.fingerprint == key.verifyingKey.fingerprint)
        #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(key.verifyingKey.fingerprint.hasPrefix("SHA256:") && key.verifyingKey.fingerprint.count == 71)
    }

    /// The same keys as saved by other editors, which `openssl pkey` reads too: with a byte order
    /// mark (Windows Notepad), CRLF line ends, the base64 in other line lengths or with spaces
    /// in a line (a copy from an e-mail).
    @Test func readsTheKeyFilesOpenSSLReads() throws {
        let body = "MCowBQYDK2VwAyEA92YC6rZdgRIO0QETjUgyDuRyijLzrjrvv249I0v/BeM="
        let fingerprint = try PackVerifyingKey(pem: Self.opensslPublicKey).fingerprint
        for text in [
            "\u{FEFF}" + Self.opensslPublicKey,
            Self.opensslPublicKey.replacingOccurrences(of: "\n", with: "\r\n"),
            "-----BEGIN PUBLIC KEY-----\n\(body.prefix(20))\n\(body.dropFirst(20))\n-----END PUBLIC KEY-----\n",
            "-----BEGIN PUBLIC KEY-----\n\(body.prefix(20)) \(body.dropFirst(20))\t\n-----END PUBLIC KEY-----\n",
        ] {
            #expect(try PackVerifyingKey(pem: text).fingerprint == fingerprint, "\(text.debugDescription)")
        }
        let signing = try PackSigningKey(pem: "\u{FEFF}" + Self.opensslKey.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(signing.pem == Self.opensslKey)
    }

    @Test func wrongKeyFilesSayWhatIsWrong() {
        #expect(throws: KeyFailure.wrongKind(expected: "PRIVATE KEY", found: "PUBLIC KEY")) {
            try PackSigningKey(pem: Self.opensslPublicKey)
        }
        #expect(throws: KeyFailure.wrongKind(expected: "PUBLIC KEY", found: "PRIVATE KEY")) {
            try PackVerifyingKey(pem: Self.opensslKey)
        }
        #expect(throws: KeyFailure.notPEM("PRIVATE KEY")) { try PackSigningKey(pem: "not a key") }
        // An RSA-sized body in the right armour is not an Ed25519 key.
        let other = "-----BEGIN PRIVATE KEY-----\n" + Data(repeating: 7, count: 60).base64EncodedString() + "\n-----END PRIVATE KEY-----\n"
        #expect(throws: KeyFailure.notEd25519("PRIVATE KEY")) { try PackSigningKey(pem: other) }
        #expect(throws: KeyFailure.notPEM("PUBLIC KEY")) {
            try PackVerifyingKey(pem: "-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----\n")
        }
    }

    /// A key file that cannot be read says why, in the system's words where it has them; a FIFO
    /// is refused without being opened (which would wait for a writer). A key file that is there reads.
    @Test func aKeyFileThatCannotBeReadSaysWhy() throws {
        let work = try TemporaryTree(["keys/private.pem": Self.opensslKey])
        defer { work.remove() }
        #expect(mkfifo(work.path + "/fifo.pem", 0o600) == 0)
        for (path, why) in [("missing.pem", "No such file or directory"), ("keys", "it is a folder"), ("fifo.pem", "it is not a regular file")] {
            let full = work.path + "/" + path
            #expect(throws: (any Error).self) { try KeyFile.signingKey(at: full) }
            do {
                _ = try KeyFile.signingKey(at: full)
            } catch {
                #expect(error.description == "Cannot read the key file `\(full)`: \(why).")
            }
        }
        #expect(try KeyFile.signingKey(at: work.path + "/keys/private.pem").pem == Self.opensslKey)
    }

    /// A private key that others may read or change is warned of (as OpenSSH does), whatever
    /// its owner's own bits; one only its owner may read is not.
    @Test func aPrivateKeyOthersMayReadIsWarnedOf() throws {
        let work = try TemporaryTree(["private.pem": Self.opensslKey])
        defer { work.remove() }
        let path = work.path + "/private.pem"
        for mode: mode_t in [0o600, 0o400] {
            #expect(chmod(path, mode) == 0)
            #expect(KeyFile.exposure(ofPrivateKey: path) == nil)
        }
        for (mode, shown) in [(0o644 as mode_t, "0644"), (0o620, "0620"), (0o604, "0604")] {
            #expect(chmod(path, mode) == 0)
            let warning = KeyFile.exposure(ofPrivateKey: path)
            #expect(warning?.contains("may be read or changed by other users (mode \(shown))") == true)
            #expect(warning?.hasSuffix("`chmod 600 \(path)`") == true)
        }
    }

    // MARK: OpenSSL, both ways

    @Test(.enabled(if: ExternalTool.has("openssl"), "openssl is not installed; skipping the OpenSSL interoperability test"))
    func openSSLKeySignsAndOpenSSLVerifies() throws {
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try ExternalTool.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", "key.pem"], in: dir).status == 0)
        #expect(try ExternalTool.run("openssl", ["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: dir).status == 0)
        let key = try PackSigningKey(pem: String(contentsOf: dir.appendingPathComponent("key.pem"), encoding: .utf8))
        // The public key evident derives is the one OpenSSL derives, byte for byte.
        #expect(key.verifyingKey.pem == (try String(contentsOf: dir.appendingPathComponent("pub.pem"), encoding: .utf8)))

        let message = Data("0123  content/evident.yml\n".utf8)
        try message.write(to: dir.appendingPathComponent("msg"))
        try key.signature(for: message).write(to: dir.appendingPathComponent("msg.sig"))
        let verified = try ExternalTool.run("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                                                        "-in", "msg", "-sigfile", "msg.sig"], in: dir)
        #expect(verified.status == 0, "\(verified.output)")

        // And a signature OpenSSL makes is the same bytes (Ed25519 is deterministic) and verifies here.
        #expect(try ExternalTool.run("openssl", ["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg", "-out", "openssl.sig"], in: dir).status == 0)
        let opensslSignature = try Data(contentsOf: dir.appendingPathComponent("openssl.sig"))
        #expect(opensslSignature == (try key.signature(for: message)))
        #expect(try PackVerifyingKey(pem: String(contentsOf: dir.appendingPathComponent("pub.pem"), encoding: .utf8))
            .isValidSignature(opensslSignature, for: message))
    }

    @Test(.enabled(if: ExternalTool.has("openssl"), "openssl is not installed; skipping the OpenSSL interoperability test"))
    func evidentKeysWorkWithOpenSSL() throws {
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = PackSigningKey()
        try Data(key.pem.utf8).write(to: dir.appendingPathComponent("key.pem"))
        try Data(key.verifyingKey.pem.utf8).write(to: dir.appendingPathComponent("pub.pem"))
        let derived = try ExternalTool.run("openssl", ["pkey", "-in", "key.pem", "-pubout"], in: dir)
        #expect(derived.status == 0)
        #expect(derived.output == key.verifyingKey.pem)

        let message = Data("manifest\n".utf8)
        try message.write(to: dir.appendingPathComponent("msg"))
        #expect(try ExternalTool.run("openssl", ["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg", "-out", "msg.sig"], in: dir).status == 0)
        #expect(key.verifyingKey.isValidSignature(try Data(contentsOf: dir.appendingPathComponent("msg.sig")), for: message))
        try key.signature(for: message).write(to: dir.appendingPathComponent("evident.sig"))
        let verified = try ExternalTool.run("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                                                        "-in", "msg", "-sigfile", "evident.sig"], in: dir)
        #expect(verified.status == 0, "\(verified.output)")
    }

    /// On a full disk `keygen` stops with the system's own words and leaves neither half of the
    /// key, nor a temporary file. Needs a small tmpfs, which only root can mount: skipped otherwise.
    @Test func aFullDiskStopsKeygenAndLeavesNothing() throws {
        guard geteuid() == 0 else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard SiteSwapTests.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path]) else { return }
        defer { _ = SiteSwapTests.run("/bin/umount", [folder.path]) }
        // Filled to the last byte: the key's temporary file can be made, but not written.
        let filler = folder.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        while (try? handle.write(contentsOf: Data(count: 4096))) != nil {}
        try? handle.close()
        let privateKey = folder.appendingPathComponent("evident-private.pem").path
        let publicKey = folder.appendingPathComponent("evident-public.pem").path
        let failure = #expect(throws: KeyFile.Failure.self) {
            try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: false)
        }
        #expect(failure?.description == "Cannot write \(privateKey): No space left on device")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["filler"])
    }

    /// What is at the key paths before `keygen` runs.
    enum Before: CaseIterable { case nothing, pair, links }

    /// keygen puts its two keys in place one after the other. When the second cannot be placed
    /// (a disk error, injected here), each path holds again what it held before: the previous
    /// pair, links as they were, or nothing; never a new private key beside an old public one.
    @Test(arguments: [(false, Before.nothing), (true, .nothing), (true, .pair), (true, .links)])
    func aSecondKeyThatCannotBePlacedLeavesWhatWasThere(force: Bool, before: Before) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-keypair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let privateKey = folder.appendingPathComponent("evident-private.pem").path
        let publicKey = folder.appendingPathComponent("evident-public.pem").path
        switch before {
        case .nothing: break
        case .pair: _ = try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: false)
        case .links:
            try FileManager.default.createSymbolicLink(atPath: privateKey, withDestinationPath: "elsewhere/private.pem")
            try FileManager.default.createSymbolicLink(atPath: publicKey, withDestinationPath: "elsewhere/public.pem")
        }
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let bytes = [privateKey, publicKey].map { FileManager.default.contents(atPath: $0) }
        var placed: [String] = []
        let failure = #expect(throws: KeyFile.Failure.self) {
            try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: force) { staged, url, replace throws(KeyFile.Failure) in
                guard placed.isEmpty else { throw KeyFile.Failure(description: "Cannot write \(url.path): Input/output error") }
                try KeyFile.place(staged, at: url, replace: replace)
                placed.append(url.path)
            }
        }
        #expect(failure?.description == "Cannot write \(publicKey): Input/output error")
        #expect(placed == [privateKey], "the private key was put in place before the public key failed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == listing)
        #expect([privateKey, publicKey].map { FileManager.default.contents(atPath: $0) } == bytes)
        if before == .links {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: privateKey) == "elsewhere/private.pem")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: publicKey) == "elsewhere/public.pem")
        }
    }

    /// With --force, the pair that replaces the previous one is whole, and nothing set aside stays.
    @Test func forceReplacesThePairWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-keypair-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let privateKey = folder.appendingPathComponent("evident-private.pem").path
        let publicKey = folder.appendingPathComponent("evident-public.pem").path
        let old = try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: false)
        let new = try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: true)
        #expect(old.verifyingKey.fingerprint != new.verifyingKey.fingerprint)
        #expect(try KeyFile.signingKey(at: privateKey).verifyingKey.fingerprint == new.verifyingKey.fingerprint)
        #expect(try KeyFile.verifyingKey(at: publicKey).fingerprint == new.verifyingKey.fingerprint)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["evident-private.pem", "evident-public.pem"])
    }

    /// A keygen killed (kill -9) leaves its staged key (`.NAME.tmp-PID-N`) or a key it set aside
    /// (`.NAME.old-PID-N`). The next keygen removes the staged one, a copy of a secret, and names
    /// the one set aside, which may be the only copy of the previous key. What a live keygen is
    /// writing, what is not a key, a link, and any other name are left as they are.
    @Test func aKilledKeygensLeftoversAreClearedOrNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evident-keyleft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ended = try TemporaryContentTests.endedProcess()
        let pem = Data(PackSigningKey().pem.utf8)
        let files: [String: Data] = [
            ".evident-private.pem.tmp-\(ended)-1": pem,
            ".evident-public.pem.tmp-\(ended)-2": Data(PackSigningKey().verifyingKey.pem.utf8),
            ".evident-private.pem.old-\(ended)-3": pem,
            ".evident-private.pem.tmp-\(getpid())-4": pem,
            ".evident-private.pem.tmp-\(ended)-5": Data("notes".utf8),
            ".evident-private.pem.tmp-\(ended)-x": pem,
            ".other.pem.tmp-\(ended)-6": pem,
        ]
        for (name, data) in files { try data.write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(".evident-public.pem.tmp-\(ended)-7").path,
                                                   withDestinationPath: ".evident-private.pem.old-\(ended)-3")
        let privateKey = folder.appendingPathComponent("evident-private.pem").path
        let publicKey = folder.appendingPathComponent("evident-public.pem").path
        let notes = KeyFile.sweepLeftovers(beside: [privateKey, publicKey])
        #expect(notes.count == 3, "\(notes)")
        #expect(notes.filter { $0.hasPrefix("removed ") }.count == 2)
        #expect(notes.contains { $0.contains(".evident-private.pem.old-\(ended)-3` holds the key that was at `\(privateKey)`") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
            ".evident-private.pem.old-\(ended)-3", ".evident-private.pem.tmp-\(ended)-5", ".evident-private.pem.tmp-\(ended)-x",
            ".evident-private.pem.tmp-\(getpid())-4", ".evident-public.pem.tmp-\(ended)-7", ".other.pem.tmp-\(ended)-6",
        ].sorted())
    }
}
