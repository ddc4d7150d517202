import Foundation
import Testing

/// `evident pack`, `verify` and `keygen` as a user runs them.
@Suite struct PackCommandTests {
    static let zipName = "evident-pack-northwind-services-2026-11-29.zip"

    /// The acceptance test for determinism: two runs, the second in another time zone and locale,
    /// give the same bytes.
    @Test func samePackInAnotherTimeZoneAndLocale() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLI.run(["pack", "--as-of", "2026-11-29", "--output", "one"], in: dir,
                                environment: ["TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasSuffix("Wrote one/\(Self.zipName), as of 2026-11-29.\n"))
        let second = try CLI.run(["pack", "--as-of", "2026-11-29", "--output", "two"], in: dir,
                                 environment: ["TZ": "Pacific/Auckland", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"])
        #expect(second.status == 0, "\(second.stderr)")
        let a = try Data(contentsOf: dir.appendingPathComponent("one/\(Self.zipName)"))
        let b = try Data(contentsOf: dir.appendingPathComponent("two/\(Self.zipName)"))
        #expect(a == b)
        #expect(CLI.listing(dir.appendingPathComponent("one")) == [Self.zipName])
    }

    @Test func keygenSignVerify() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keygen = try CLI.run(["keygen"], in: dir)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let privateKey = dir.appendingPathComponent("evident-private.pem")
        let attributes = try FileManager.default.attributesOfItem(atPath: privateKey.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOf: privateKey, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        // A second keygen does not overwrite the key.
        let again = try CLI.run(["keygen"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("`evident-private.pem` exists"))

        let pack = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "evident-private.pem"], in: dir)
        #expect(pack.status == 0, "\(pack.stderr)")
        #expect(!pack.stderr.contains("other users"))
        // A private key others may read still signs, with a warning.
        #expect(chmod(privateKey.path, 0o640) == 0)
        let exposed = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "evident-private.pem", "--output", "exposed"], in: dir)
        #expect(exposed.status == 0, "\(exposed.stderr)")
        #expect(exposed.stderr.contains("evident: warning: the private key `evident-private.pem` may be read or changed by other users "
            + "(mode 0640); keep it to yourself: `chmod 600 evident-private.pem`.\n"))
        #expect(chmod(privateKey.path, 0o600) == 0)
        let zip = "dist/\(Self.zipName)"
        let verified = try CLI.run(["verify", zip, "--key", "evident-public.pem"], in: dir)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("signature: valid"))
        #expect(verified.stdout.contains(": OK, "))

        // Another key: the signature does not hold.
        #expect(try CLI.run(["keygen", "--private-key", "other.pem", "--public-key", "other.pub.pem"], in: dir).status == 0)
        let wrong = try CLI.run(["verify", zip, "--key", "other.pub.pem"], in: dir)
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("signature: INVALID"))

        // The private key given where the public one belongs, and the reverse, are usage errors.
        let swapped = try CLI.run(["verify", zip, "--key", "evident-private.pem"], in: dir)
        #expect(swapped.status == 2)
        #expect(swapped.stderr.contains("verifying takes the public key"))
        let badSign = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "evident-public.pem", "--output", "bad"], in: dir)
        #expect(badSign.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }

    /// The key that signs a pack is never one of its files: a key kept under the content's
    /// evidence/ (or a hard link to it there, or a copy of it), or a copy among the theme's assets,
    /// stops the pack before it writes, with exit 2; the same key kept outside them signs as usual.
    @Test func aSigningKeyThatWouldBePackedIsRefused() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inside = "content/evidence/audit/signing.pem"
        let keygen = try CLI.run(["keygen", "--private-key", inside], in: dir)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let pack = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", inside], in: dir)
        #expect(pack.status == 2)
        #expect(pack.stderr == "evident: Refusing to sign with \(inside): it is packed as content/\(inside.dropFirst("content/".count)) (an attachment "
            + "under the content's evidence/), so the pack would hold the private key. Move the key out of the content folder.\n", "\(pack.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("dist").path))
        // Moved out, with a hard link left behind under evidence/: still the same file, still refused.
        try FileManager.default.moveItem(at: dir.appendingPathComponent(inside), to: dir.appendingPathComponent("signing.pem"))
        try FileManager.default.linkItem(at: dir.appendingPathComponent("signing.pem"), to: dir.appendingPathComponent("content/evidence/copy.pem"))
        let linked = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "signing.pem"], in: dir)
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("it is packed as content/evidence/copy.pem"), "\(linked.stderr)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("content/evidence/copy.pem"))
        // A copy of its bytes under evidence/, or among the theme's assets (which the site carries):
        // the pack would hold the key all the same.
        try FileManager.default.copyItem(at: dir.appendingPathComponent("signing.pem"), to: dir.appendingPathComponent("content/evidence/backup.pem"))
        let copied = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "signing.pem"], in: dir)
        #expect(copied.status == 2)
        #expect(copied.stderr == "evident: Refusing to sign with signing.pem: it is packed as content/evidence/backup.pem (a copy of it under "
            + "the content's evidence/), so the pack would hold the private key. Remove the copy from the content folder.\n", "\(copied.stderr)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("content/evidence/backup.pem"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("templates/assets"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("signing.pem"), to: dir.appendingPathComponent("templates/assets/signing.pem"))
        let asset = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "templates/assets/signing.pem"], in: dir)
        #expect(asset.status == 2)
        #expect(asset.stderr == "evident: Refusing to sign with templates/assets/signing.pem: it is packed as site/assets/signing.pem (a copy of it "
            + "among the theme's assets, which the site carries), so the pack would hold the private key. Move the key out of the templates folder.\n",
            "\(asset.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("dist").path))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("templates"))
        let outside = try CLI.run(["pack", "--as-of", "2026-11-29", "--sign", "signing.pem"], in: dir)
        #expect(outside.status == 0, "\(outside.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("dist/\(Self.zipName)").path))
    }

    @Test func verifyExitCodes() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["pack", "--as-of", "2026-11-29"], in: dir).status == 0)
        let zip = dir.appendingPathComponent("dist/\(Self.zipName)")
        #expect(try CLI.run(["verify", zip.path], in: dir).status == 0)

        // A damaged copy: one byte of an entry's data flipped.
        var bytes = try Data(contentsOf: zip)
        let name = Data("evident-pack-northwind-services-2026-11-29/content/policy.md".utf8)
        let at = try #require(bytes.range(of: name))
        bytes[at.upperBound + 3] ^= 0x01
        let damaged = dir.appendingPathComponent("damaged.zip")
        try bytes.write(to: damaged)
        let run = try CLI.run(["verify", damaged.path], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("mismatch: content/policy.md\n"))

        let notZip = dir.appendingPathComponent("not.zip")
        try Data("hello".utf8).write(to: notZip)
        let unreadable = try CLI.run(["verify", notZip.path], in: dir)
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("is not a zip file"))
        #expect(try CLI.run(["verify", "missing.zip"], in: dir).status == 2)
    }

    /// What Windows and Office leave under `evidence/` is not packed: said on stderr, line by line,
    /// and reported by the check the pack is made from, at each file.
    @Test func leftoversUnderEvidenceAreSaidNotPacked() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0, 1]).write(to: dir.appendingPathComponent("content/evidence/Thumbs.db"))
        try Data([5] + Array("Alex".utf8)).write(to: dir.appendingPathComponent("content/evidence/~$board-report.docx"))
        let run = try CLI.run(["pack", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("evident: not packed: content/evidence/Thumbs.db: it is Windows Explorer's thumbnail cache, not evidence\n"), "\(run.stderr)")
        #expect(run.stderr.contains("evident: not packed: content/evidence/~$board-report.docx: it is the lock file Word, Excel or PowerPoint keeps while a document is open, not evidence\n"))
        #expect(run.stdout.contains("content/evidence/Thumbs.db:1:1: warning: `Thumbs.db` is not evidence, so `evident pack` leaves it out"), "\(run.stdout)")
        #expect(run.stdout.contains("content/evidence/~$board-report.docx:1:1: warning: `~$board-report.docx` is not evidence"))
        // With `--fail-on warning` the pack is still written, and the exit says there is something to do.
        #expect(try CLI.run(["pack", "--as-of", "2026-11-29", "--quiet", "--fail-on", "warning"], in: dir).status == 1)
    }

    @Test func aFailedPackWritesNothing() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("a file".utf8).write(to: dir.appendingPathComponent("dist"))
        let run = try CLI.run(["pack", "--as-of", "2026-11-29"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("Cannot write"))
        #expect(CLI.listing(dir) == ["content", "dist"])
        #expect(try Data(contentsOf: dir.appendingPathComponent("dist")) == Data("a file".utf8))
    }

    /// `pack` replaces an earlier pack of the same name and nothing else: not a file of the user's,
    /// not another pack renamed to that name, not a link.
    @Test func packReplacesOnlyAnEarlierPackOfTheSameName() throws {
        let dir = try CLI.scratch("pack-replace")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["init", "--as-of", "2026-06-01"], in: dir).status == 0)
        let name = "evident-pack-example-services-2026-06-01.zip"
        let zip = dir.appendingPathComponent("dist/\(name)")
        func pack(_ asOf: String = "2026-06-01") throws -> CLIRun { try CLI.run(["pack", "--as-of", asOf, "--quiet"], in: dir) }

        #expect(try pack().status == 0)
        let first = try Data(contentsOf: zip)
        #expect(try pack().status == 0, "an earlier pack of the same name is replaced")
        #expect(try Data(contentsOf: zip) == first)

        let refusal = "evident: Refusing to replace `dist/\(name)`: it is not an evidence pack evident wrote. Move it, or write the pack elsewhere with --output.\n"
        try Data("my notes".utf8).write(to: zip)
        let notes = try pack()
        #expect(notes.status == 2)
        #expect(notes.stderr == refusal)
        #expect(try Data(contentsOf: zip) == Data("my notes".utf8))

        // Another day's pack holds another folder: it is not the pack this run would replace.
        try FileManager.default.removeItem(at: zip)
        #expect(try pack("2026-06-02").status == 0)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("dist/evident-pack-example-services-2026-06-02.zip"), to: zip)
        let other = try Data(contentsOf: zip)
        #expect(try pack().stderr == refusal)
        #expect(try Data(contentsOf: zip) == other)

        try FileManager.default.removeItem(at: zip)
        try FileManager.default.createSymbolicLink(atPath: zip.path, withDestinationPath: "elsewhere.zip")
        let link = try pack()
        #expect(link.status == 2)
        #expect(link.stderr == "evident: Refusing to replace `dist/\(name)`: it is a symbolic link. Move it, or write the pack elsewhere with --output.\n")
        #expect(CLI.listing(dir.appendingPathComponent("dist")) == [name])
    }
}
