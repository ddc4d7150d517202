import Foundation
import Testing
@testable import EvidentPack
@testable import EvidentSupport

@Suite struct PackVerifierTests {
    static let folder = "evident-pack-example-services-2026-11-29/"

    struct Signed {
        let fixture: PackFixture
        let key: PackSigningKey
        let zip: Data

        init() throws {
            fixture = try PackFixture()
            key = try PackSigningKey(pem: PackKeyTests.opensslKey)
            zip = try fixture.pack.zip(signingKey: key)
        }
    }

    @Test func anIntactSignedPackHolds() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let report = try PackVerifier.verify(zip: signed.zip, key: signed.key.verifyingKey)
        #expect(report.holds)
        #expect(report.folder == "evident-pack-example-services-2026-11-29")
        #expect(report.checked == (try ZipTestTools.entries(signed.zip).count) - 2)
        #expect(report.signature == .valid(signed.key.verifyingKey.fingerprint))
        #expect(report.text.hasSuffix("pack.zip: OK, \(report.checked) files match MANIFEST.sha256\n"))

        let unchecked = try PackVerifier.verify(zip: signed.zip)
        #expect(unchecked.holds)
        #expect(unchecked.signature == .notChecked(present: true))
    }

    /// One flipped byte in a file of each kind: the guide, a site page, a register, a source, an
    /// evidence attachment.
    @Test(arguments: ["README.html", "site/index.html", "register.csv", "findings.sarif", "content/policy.md",
                      "content/objectives/OBJ-INC-01.md", "content/evidence/extract-2026-10.csv"])
    func aFlippedByteIsAMismatch(path: String) throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let tampered = try ZipTestTools.rezip(signed.zip) { files in
            let name = Self.folder + path
            files[name] = files[name].map { ZipTestTools.flipByte($0) }
        }
        let report = try PackVerifier.verify(zip: tampered, key: signed.key.verifyingKey)
        #expect(!report.holds)
        #expect(report.mismatched == [path])
        #expect(report.missing.isEmpty && report.extra.isEmpty)
        #expect(report.signature == .valid(signed.key.verifyingKey.fingerprint))
        #expect(report.text.contains("mismatch: \(path)\n"))
        #expect(report.text.contains("FAILED, 1 problem\n"))
    }

    /// A byte flipped in the zip itself, inside an entry's compressed data.
    @Test func aDamagedEntryIsAMismatch() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let name = Data((Self.folder + "content/policy.md").utf8)
        let at = try #require(signed.zip.range(of: name))
        // Local headers carry no extra field, so the data follows the name.
        let damaged = ZipTestTools.flipByte(signed.zip, at: at.upperBound - signed.zip.startIndex + 3)
        let report = try PackVerifier.verify(zip: damaged)
        #expect(!report.holds)
        #expect(report.mismatched == ["content/policy.md"])
    }

    @Test func aRemovedFileIsMissing() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let tampered = try ZipTestTools.rezip(signed.zip) { $0[Self.folder + "content/reviews/2026-11-10.md"] = nil }
        let report = try PackVerifier.verify(zip: tampered)
        #expect(!report.holds)
        #expect(report.missing == ["content/reviews/2026-11-10.md"])
        #expect(report.mismatched.isEmpty && report.extra.isEmpty)
        #expect(report.text.contains("missing: content/reviews/2026-11-10.md\n"))
    }

    @Test func anAddedFileIsExtra() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let tampered = try ZipTestTools.rezip(signed.zip) {
            $0[Self.folder + "content/evidence/late.csv"] = Data("a,b\n".utf8)
            $0["outside.txt"] = Data("x".utf8)
        }
        let report = try PackVerifier.verify(zip: tampered)
        #expect(!report.holds)
        #expect(report.extra == ["content/evidence/late.csv", "outside.txt"])
        #expect(report.mismatched.isEmpty && report.missing.isEmpty)
    }

    /// Entries named without a trailing `/` but with a folder's mode, which unzip extracts as files:
    /// one replaces the guide, one adds a page. Both are checked as files.
    @Test func anEntryMarkedAsAFolderWithoutASlashIsAFile() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        var files = try ZipTestTools.entries(signed.zip).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        files.append((Self.folder + "README.html", Data("<h1>forged</h1>".utf8)))
        files.append((Self.folder + "site/forged.html", Data("<h1>forged</h1>".utf8)))
        var tampered = try ZipTestTools.zip(files)
        tampered = try ZipTestTools.markAsFolder(tampered, entry: Self.folder + "site/forged.html")
        tampered = try ZipTestTools.markAsFolder(tampered, entry: Self.folder + "README.html")
        let report = try PackVerifier.verify(zip: tampered, key: signed.key.verifyingKey)
        #expect(!report.holds)
        #expect(report.duplicates == [Self.folder + "README.html"])
        #expect(report.extra == ["site/forged.html"])
        #expect(report.text.contains("FAILED"))
    }

    /// A name ending in `/` that carries data is not a plain folder; it is reported, never skipped.
    @Test func aFolderEntryWithDataIsUnsafe() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        var files = try ZipTestTools.entries(signed.zip).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        files.append((Self.folder + "site/", Data("hidden".utf8)))
        let report = try PackVerifier.verify(zip: try ZipTestTools.zip(files), key: signed.key.verifyingKey)
        #expect(!report.holds)
        #expect(report.unsafe == [Self.folder + "site/"])
    }

    @Test func aTamperedManifestIsCaught() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let manifestName = Self.folder + PackManifest.fileName
        let original = try #require(try ZipTestTools.entries(signed.zip)[manifestName])
        let text = String(decoding: original, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        let target = try #require(lines.firstIndex { $0.hasSuffix("  content/policy.md") })

        // A changed hash: the file no longer matches, and the signature no longer holds.
        var changed = lines
        changed[target] = (changed[target].hasPrefix("0") ? "1" : "0") + changed[target].dropFirst()
        let edited = try ZipTestTools.rezip(signed.zip) { $0[manifestName] = Data((changed.joined(separator: "\n") + "\n").utf8) }
        let report = try PackVerifier.verify(zip: edited, key: signed.key.verifyingKey)
        #expect(report.mismatched == ["content/policy.md"])
        #expect(report.signature == .invalid)
        #expect(report.text.contains("signature: INVALID"))

        // A dropped line: the file becomes extra.
        var dropped = lines
        dropped.remove(at: target)
        let shorter = try ZipTestTools.rezip(signed.zip) { $0[manifestName] = Data((dropped.joined(separator: "\n") + "\n").utf8) }
        let report2 = try PackVerifier.verify(zip: shorter)
        #expect(!report2.holds)
        #expect(report2.extra == ["content/policy.md"])

        // A line that is not a manifest line, and a path that climbs out.
        let garbled = try ZipTestTools.rezip(signed.zip) {
            $0[manifestName] = Data((text + "not a line\n" + String(repeating: "a", count: 64) + "  ../../etc/passwd\n").utf8)
        }
        let report3 = try PackVerifier.verify(zip: garbled)
        #expect(!report3.holds)
        #expect(report3.manifestProblems.count == 2)
        #expect(report3.manifestProblems.contains { $0.contains("../../etc/passwd") })

        // No manifest at all.
        let without = try ZipTestTools.rezip(signed.zip) { $0[manifestName] = nil }
        let report4 = try PackVerifier.verify(zip: without)
        #expect(!report4.holds)
        #expect(report4.manifestProblems == ["There is no MANIFEST.sha256 at the top of the zip or of a folder in it."])
    }

    @Test func signatureProblemsFailWhenAKeyIsGiven() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let sigName = Self.folder + PackManifest.signatureFileName

        let flipped = try ZipTestTools.rezip(signed.zip) { $0[sigName] = $0[sigName].map { ZipTestTools.flipByte($0, at: 10) } }
        let bad = try PackVerifier.verify(zip: flipped, key: signed.key.verifyingKey)
        #expect(!bad.holds)
        #expect(bad.signature == .invalid)
        #expect(bad.mismatched.isEmpty && bad.missing.isEmpty && bad.extra.isEmpty)

        let otherKey = try PackVerifier.verify(zip: signed.zip, key: PackSigningKey().verifyingKey)
        #expect(!otherKey.holds)
        #expect(otherKey.signature == .invalid)

        let unsigned = try signed.fixture.pack.zip()
        let missing = try PackVerifier.verify(zip: unsigned, key: signed.key.verifyingKey)
        #expect(!missing.holds)
        #expect(missing.signature == .missing)
        #expect(try PackVerifier.verify(zip: unsigned).holds)
    }

    @Test func unsafeEntryNamesAreReportedNeverTrusted() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        var files = try ZipTestTools.entries(signed.zip).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        files.append(("../evil.sh", Data("rm -rf ~".utf8)))
        files.append(("/etc/cron.d/evil", Data("x".utf8)))
        files.append((Self.folder + "site/../../up.txt", Data("x".utf8)))
        let report = try PackVerifier.verify(zip: try ZipTestTools.zip(files))
        #expect(!report.holds)
        #expect(Set(report.unsafe) == ["../evil.sh", "/etc/cron.d/evil", Self.folder + "site/../../up.txt"])
        #expect(report.text.contains("unsafe entry: ../evil.sh"))
    }

    /// Names from a hostile zip and its manifest print with their control and bidi characters escaped.
    @Test func namesFromTheZipPrintEscaped() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let manifestName = Self.folder + PackManifest.fileName
        var files = try ZipTestTools.entries(signed.zip).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        files = files.map { name, data in
            name == manifestName ? (name, data + Data((String(repeating: "0", count: 64) + "  ../\u{1B}]0;PWNED\u{07}file\n").utf8)) : (name, data)
        }
        files.append((Self.folder + "content/evidence/report\u{202E}fdp.exe", Data("x".utf8)))
        files.append((Self.folder + "content/evidence/c1\u{9B}2J.txt", Data("x".utf8)))
        // A listed name with a zero-width space in it, which would print as the listed name.
        files.append((Self.folder + "reg\u{200B}ister.csv", Data("x".utf8)))
        // A listed name with a space at its end, which would print as the listed name.
        files.append((Self.folder + "register.csv ", Data("x".utf8)))
        let report = try PackVerifier.verify(zip: try ZipTestTools.zip(files))
        #expect(!report.holds)
        let text = report.text
        #expect(!text.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }, "\(text)")
        #expect(text.contains("extra: content/evidence/report\\u{202E}fdp.exe\n"))
        #expect(text.contains("extra: content/evidence/c1\\u{9B}2J.txt\n"))
        #expect(text.contains("extra: reg\\u{200B}ister.csv\n"))
        #expect(text.contains("extra: \"register.csv \"\n"))
        #expect(text.contains("../\\e]0;PWNED\\u{7}file"))
    }

    @Test func aZipOfTheFolderContentsAloneIsAccepted() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let flat = try ZipTestTools.rezip(signed.zip) { files in
            files = Dictionary(uniqueKeysWithValues: files.map { (String($0.key.dropFirst(Self.folder.count)), $0.value) })
        }
        let report = try PackVerifier.verify(zip: flat, key: signed.key.verifyingKey)
        #expect(report.holds)
        #expect(report.folder == nil)
        #expect(report.checked > 20)
    }

    @Test func somethingThatIsNotAZipCannotBeRead() throws {
        #expect(throws: PackVerifier.Failure.self) { try PackVerifier.verify(zip: Data("hello".utf8)) }
        let missing = URL(fileURLWithPath: "/nonexistent/pack.zip")
        #expect(throws: PackVerifier.Failure.self) { try PackVerifier.verify(zipAt: missing) }
    }

    /// What is at the path, when it cannot be a pack, is said as it is: nothing, a folder, a FIFO
    /// (refused without being opened, which would wait for a writer for ever), a file this user
    /// may not read (with the system's reason), and only then a file that is not a zip.
    @Test(.timeLimit(.minutes(5))) func whatCannotBeVerifiedSaysWhatItIs() throws {
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func reason(_ name: String) -> String? {
            do {
                _ = try PackVerifier.verify(zipAt: dir.appendingPathComponent(name))
                return nil
            } catch let PackVerifier.Failure.unreadable(path, reason) {
                #expect(path == dir.appendingPathComponent(name).path)
                return reason
            } catch {
                return "\(error)"
            }
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dist"), withIntermediateDirectories: false)
        #expect(mkfifo(dir.appendingPathComponent("fifo.zip").path, 0o600) == 0)
        try Data("hello".utf8).write(to: dir.appendingPathComponent("hello.zip"))
        #expect(reason("missing.zip") == "there is no such file")
        #expect(reason("dist") == "it is a folder, not a zip file")
        #expect(reason("fifo.zip") == "it is not a regular file; save the pack to a file and verify that")
        #expect(reason("hello.zip") == "it is not a zip file")
        // A large file that is not a zip is told at once, from its end: no record there.
        let large = dir.appendingPathComponent("large.zip")
        #expect(FileManager.default.createFile(atPath: large.path, contents: nil))
        #expect(truncate(large.path, 1 << 30) == 0)
        let started = Date()
        #expect(reason("large.zip") == "it is not a zip file")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect {
            try PackVerifier.verify(zip: Data(repeating: 0x79, count: 8 << 20), name: "big.zip")
        } throws: { error in
            "\(error)" == "Cannot read `big.zip`: it is not a zip file"
        }
        if geteuid() != 0 {
            #expect(chmod(dir.appendingPathComponent("hello.zip").path, 0) == 0)
            #expect(reason("hello.zip") == "Permission denied")
        }
    }

    @Test func verifyingAFileOnDiskMatchesVerifyingItsBytes() throws {
        let signed = try Signed()
        defer { signed.fixture.remove() }
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("p.zip")
        try signed.zip.write(to: url)
        let report = try PackVerifier.verify(zipAt: url, key: signed.key.verifyingKey)
        #expect(report.holds)
        #expect(report.pack == "p.zip")
    }
}
