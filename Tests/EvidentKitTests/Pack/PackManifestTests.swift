import Foundation
import Testing
@testable import EvidentPack

@Suite struct PackManifestTests {
    @Test func oneSortedLinePerOtherFileInSha256sumFormat() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let key = try PackSigningKey(pem: PackKeyTests.opensslKey)
        let contents = try fixture.pack.contents(signingKey: key)
        let manifest = try #require(contents[PackManifest.fileName])
        let text = String(decoding: manifest, as: UTF8.self)
        #expect(!text.contains("\r"))
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let paths = lines.map { String($0.dropFirst(66)) }
        let others = contents.keys.filter { $0 != PackManifest.fileName && $0 != PackManifest.signatureFileName }
        #expect(paths == others.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for line in lines {
            let path = String(line.dropFirst(66))
            #expect(line.dropFirst(64).hasPrefix("  "))
            #expect(String(line.prefix(64)) == PackManifest.hex(contents[path] ?? Data()), "\(path)")
        }
        #expect(paths.contains("README.html") && paths.contains("site/index.html") && paths.contains("content/evident.yml"))
        #expect(contents[PackManifest.signatureFileName].map { key.verifyingKey.isValidSignature($0, for: manifest) } == true)
    }

    @Test func knownHash() {
        let manifest = PackManifest(files: ["b.txt": Data("abc".utf8), "a.txt": Data()])
        #expect(manifest.text == """
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt
            ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  b.txt

            """)
    }

    @Test func parsingReadsWhatItWritesAndFlagsTheRest() {
        let manifest = PackManifest(files: ["site/a b.html": Data("x".utf8), "content/é.md": Data("y".utf8)])
        let (parsed, problems) = PackManifest.parse(manifest.data)
        #expect(problems.isEmpty)
        #expect(parsed == manifest)

        let hash = String(repeating: "0", count: 64)
        let bad = Data("\(hash)  ok.txt\n\(hash) *binary.txt\nshort  x\n\(hash)  /abs\n\(hash)  ok.txt\n\(hash)  a/../b\n".utf8)
        let (read, flagged) = PackManifest.parse(bad)
        #expect(read.entries.map(\.path) == ["ok.txt", "binary.txt"])
        #expect(flagged.map(\.line) == [3, 4, 5, 6])
    }

    /// Foundation's UTF-8 decoding drops a leading byte order mark; `sha256sum -c` does not, and
    /// skips the first line as badly formatted, so verify checked a file the auditor's command did not.
    @Test func aByteOrderMarkIsRefused() {
        let manifest = PackManifest(files: ["a.txt": Data("x".utf8)])
        let (parsed, problems) = PackManifest.parse(Data([0xEF, 0xBB, 0xBF]) + manifest.data)
        #expect(parsed.entries.isEmpty)
        #expect(problems.map(\.message) == ["The manifest starts with a byte order mark, with which `sha256sum -c` skips its first line."])
        #expect(PackManifest.parse(manifest.data).problems.isEmpty)
    }
}
