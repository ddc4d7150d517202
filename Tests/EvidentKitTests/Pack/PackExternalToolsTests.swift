import Foundation
import Testing
@testable import EvidentPack

/// The SPEC's promise that a pack opens with standard tools, tested with the tools themselves.
/// Each test is skipped, with the reason, when its tool is missing (.ci installs them).
@Suite struct PackExternalToolsTests {
    /// A signed pack written to a fresh folder, with the public key beside it.
    struct Written {
        let fixture: PackFixture
        let folder: URL
        let zip: URL
        let data: Data

        init() throws {
            fixture = try PackFixture()
            folder = try ExternalTool.temporaryFolder()
            let key = try PackSigningKey(pem: PackKeyTests.opensslKey)
            data = try fixture.pack.zip(signingKey: key)
            zip = folder.appendingPathComponent(fixture.pack.zipName)
            try data.write(to: zip)
            try Data(PackKeyTests.opensslPublicKey.utf8).write(to: folder.appendingPathComponent("public.pem"))
        }

        func remove() {
            fixture.remove()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test(.enabled(if: ExternalTool.has("unzip"), "unzip is not installed; skipping `unzip -t`"))
    func unzipTestsThePack() throws {
        let written = try Written()
        defer { written.remove() }
        let run = try ExternalTool.run("unzip", ["-t", written.zip.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("No errors detected"))
    }

    @Test(.enabled(if: ExternalTool.has("python3"), "python3 is not installed; skipping the zipfile test"))
    func pythonZipfileReadsThePack() throws {
        let written = try Written()
        defer { written.remove() }
        let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None, z.testzip()
        for i in z.infolist():
            assert i.date_time == (2026, 11, 29, 0, 0, 0), (i.filename, i.date_time)
            assert i.external_attr >> 16 == 0o100644, (i.filename, oct(i.external_attr >> 16))
            # Deflated, or stored when deflate would not make the entry smaller.
            assert i.compress_type in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED), i.filename
            assert i.compress_type == zipfile.ZIP_STORED or i.compress_size < i.file_size, i.filename
            assert i.compress_type == zipfile.ZIP_DEFLATED or not i.filename.endswith('/README.html'), i.filename
            assert not i.filename.startswith('/') and '..' not in i.filename.split('/'), i.filename
        print(len(z.infolist()))
        """
        let run = try ExternalTool.run("python3", ["-c", script, written.zip.path])
        #expect(run.status == 0, "\(run.output)")
        let expected = try ZipTestTools.entries(written.data).count
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(expected)")
    }

    @Test(.enabled(if: ExternalTool.has("7z"), "7z is not installed (Debian: p7zip-full); skipping `7z t`"))
    func sevenZipTestsThePack() throws {
        let written = try Written()
        defer { written.remove() }
        let run = try ExternalTool.run("7z", ["t", written.zip.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("Everything is Ok"))
    }

    /// A reader that streams (bsdtar from a pipe, as in `curl … | bsdtar -xf -`) sees only the
    /// local headers, never the central directory: each must carry its sizes and name in full.
    @Test(.enabled(if: ExternalTool.has("bsdtar") && ExternalTool.has("bash") && ExternalTool.has("sha256sum"),
                   "bsdtar, bash or sha256sum is not installed (Debian: libarchive-tools); skipping the streamed read"))
    func bsdtarReadsThePackFromAPipe() throws {
        let written = try Written()
        defer { written.remove() }
        let run = try ExternalTool.run("bash", ["-c", "mkdir out && bsdtar -xf - -C out < \"$1\"", "bash", written.zip.path], in: written.folder)
        #expect(run.status == 0, "\(run.output)")
        let packFolder = written.folder.appendingPathComponent("out").appendingPathComponent(written.fixture.pack.folderName)
        let check = try ExternalTool.run("sha256sum", ["-c", "--strict", PackManifest.fileName], in: packFolder)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.split(separator: "\n").count == (try ZipTestTools.entries(written.data).count) - 2)
    }

    @Test(.enabled(if: ExternalTool.has("unzip") && ExternalTool.has("sha256sum"), "unzip or sha256sum is not installed; skipping `sha256sum -c`"))
    func sha256sumChecksTheUnzippedPack() throws {
        let written = try Written()
        defer { written.remove() }
        #expect(try ExternalTool.run("unzip", ["-q", written.zip.path, "-d", "out"], in: written.folder).status == 0)
        let packFolder = written.folder.appendingPathComponent("out").appendingPathComponent(written.fixture.pack.folderName)
        let run = try ExternalTool.run("sha256sum", ["-c", "--strict", PackManifest.fileName], in: packFolder)
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.output.contains("FAILED"))
        // Every file but the manifest and its signature is listed.
        let listed = run.output.split(separator: "\n").count
        #expect(listed == (try ZipTestTools.entries(written.data).count) - 2)

        // And it notices a change.
        try Data("changed".utf8).write(to: packFolder.appendingPathComponent("content/policy.md"))
        let broken = try ExternalTool.run("sha256sum", ["-c", "--quiet", PackManifest.fileName], in: packFolder)
        #expect(broken.status != 0)
        #expect(broken.output.contains("content/policy.md: FAILED"))
    }

    @Test(.enabled(if: ExternalTool.has("unzip") && ExternalTool.has("openssl"), "unzip or openssl is not installed; skipping the signature check with OpenSSL"))
    func openSSLVerifiesTheSignedManifest() throws {
        let written = try Written()
        defer { written.remove() }
        #expect(try ExternalTool.run("unzip", ["-q", written.zip.path, "-d", "out"], in: written.folder).status == 0)
        let packFolder = written.folder.appendingPathComponent("out").appendingPathComponent(written.fixture.pack.folderName)
        let arguments = ["pkeyutl", "-verify", "-pubin", "-inkey", written.folder.appendingPathComponent("public.pem").path,
                         "-rawin", "-in", PackManifest.fileName, "-sigfile", PackManifest.signatureFileName]
        let run = try ExternalTool.run("openssl", arguments, in: packFolder)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("Signature Verified Successfully"))

        // A manifest changed after signing no longer verifies.
        let manifest = packFolder.appendingPathComponent(PackManifest.fileName)
        try ZipTestTools.flipByte(try Data(contentsOf: manifest), at: 3).write(to: manifest)
        #expect(try ExternalTool.run("openssl", arguments, in: packFolder).status != 0)
    }
}
