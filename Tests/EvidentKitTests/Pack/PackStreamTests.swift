import Foundation
import Testing
import ZIPFoundation
@testable import EvidentCheck
@testable import EvidentPack
@testable import EvidentSite
@testable import EvidentSupport

/// `pack` writes its zip to a file and reads large sources a chunk at a time; the bytes are the
/// ones the in-memory writer gives for the same files.
@Suite struct PackStreamTests {
    /// The files of `files` written to a temporary tree and read back as sources not kept in memory.
    static func onDisk(_ files: [String: Data]) throws -> (TemporaryTree, [String: PackZip.Entry]) {
        let tree = try TemporaryTree([:])
        var entries: [String: PackZip.Entry] = [:]
        for (path, data) in files {
            try tree.write("f/" + path, data)
        }
        for (path, data) in files {
            let info = try FileManager.default.attributesOfItem(atPath: tree.path + "/f/" + path)
            let location = PackSources.Location(root: tree.path, relative: "f/" + path,
                                                device: (info[.systemNumber] as? NSNumber)?.uint64Value ?? 0,
                                                inode: (info[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
            entries[path] = .file(PackSources.File(size: UInt64(data.count), sha256: PackManifest.hex(data), kept: nil, location: location))
        }
        return (tree, entries)
    }

    static func streamed(_ entries: [String: PackZip.Entry], limits: PackZip.Zip64Limits = .standard, chunk: Int) throws -> Data {
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.zip")
        try AtomicWriter.writeFile(to: target) { fd in
            try PackZip.write(entries, asOf: PackZipTests.day, toFile: fd, path: target.path, limits: limits,
                              batching: PackZip.Batching(streamBytes: 0, chunkBytes: chunk))
        }
        return try Data(contentsOf: target)
    }

    static func compressibleAndNot() -> [String: Data] {
        var random = SplitMix64(seed: 11)
        var files = PackZipTests.sampleFiles()
        files["large/text.txt"] = Data((0..<600_000).map { (index: Int) -> UInt8 in UInt8(97 + (index * 7 + index / 13) % 26) })
        files["large/noise.bin"] = Data((0..<300_000).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        // Deflates to about its own size: stopped part way and stored.
        files["large/mostly-noise.bin"] = Data((0..<200_000).map { (index: Int) -> UInt8 in
            index % 50 == 0 ? 0 : UInt8(truncatingIfNeeded: random.next())
        })
        return files
    }

    /// Every entry streamed from disk, in chunks of several sizes, with and without zip64 fields:
    /// the same bytes as the in-memory writer.
    @Test(arguments: [1_000, 65_536, 1 << 20])
    func streamedEntriesHaveTheInMemoryBytes(chunk: Int) throws {
        let files = Self.compressibleAndNot()
        let (tree, entries) = try Self.onDisk(files)
        defer { tree.remove() }
        #expect(try Self.streamed(entries, chunk: chunk) == PackZip.archive(files, asOf: PackZipTests.day))
        let limits = PackZip.Zip64Limits(entries: 3, bytes: 1_000)
        #expect(try Self.streamed(entries, limits: limits, chunk: chunk) == PackZip.archive(files, asOf: PackZipTests.day, limits: limits))
    }

    /// The example pack written by `write(to:)`, its sources read back from disk (none kept), is
    /// the zip the in-memory writer makes of the same contents.
    @Test func theWrittenPackIsTheInMemoryZip() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/large.csv", Data(String(repeating: "2026-10,99.1,ok\n", count: 400_000).utf8))
        }
        defer { fixture.remove() }
        let sources = try PackSources.read(root: fixture.result.model.content.rootPath, keeping: 0)
        #expect(sources.files.values.allSatisfy { $0.kept == nil })
        // The fixture's own sources are kept, deflated: the two zips below come by both ways.
        #expect(fixture.pack.sources.files.values.contains { $0.kept != nil })
        let pack = EvidencePack(result: fixture.result, site: fixture.pack.siteFiles, registers: fixture.pack.registers,
                                sources: sources, objectivePages: fixture.pack.objectivePages)
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try Data(contentsOf: pack.write(to: folder))
        var prefixed: [String: Data] = [:]
        for (path, data) in try pack.contents() { prefixed[pack.folderName + "/" + path] = data }
        #expect(written == (try PackZip.archive(prefixed, asOf: pack.asOf)))
        #expect(written == (try fixture.pack.zip()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [pack.zipName])
        #expect(try PackVerifier.verify(zip: written).holds)
    }

    /// A folder of the tree that cannot be listed when the pack reads its sources (here a file put
    /// where it was after the load; as root no mode stops a listing) stops the pack, naming it,
    /// rather than leaving its files out of the pack unseen.
    @Test func aFolderThatCannotBeListedStopsThePack() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let reviews = fixture.tree.url.appendingPathComponent("reviews")
        try FileManager.default.removeItem(at: reviews)
        try Data("not a folder".utf8).write(to: reviews)
        #expect {
            try PackSources.read(root: fixture.result.model.content.rootPath)
        } throws: { error in
            "\(error)" == "Cannot read `\(fixture.result.model.content.rootPath)/reviews` for the pack: Not a directory"
        }
    }

    /// A source that changes between its hash and the zip stops the pack: the zip would not match
    /// its manifest. Nothing is left in the output folder.
    @Test(arguments: [0, 100_000_000])
    func aSourceChangedWhilePackingStopsThePack(streamBytes: Int) throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/log.txt", Data(String(repeating: "line\n", count: 10_000).utf8))
        }
        defer { fixture.remove() }
        let sources = try PackSources.read(root: fixture.result.model.content.rootPath, keeping: 0)
        try fixture.tree.write("evidence/log.txt", Data(String(repeating: "LINE\n", count: 10_000).utf8))
        var entries: [String: PackZip.Entry] = [:]
        for (path, file) in sources.files { entries[path] = .file(file) }
        let folder = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("x.zip")
        #expect(throws: PackSources.Failure.self) {
            try AtomicWriter.writeFile(to: target) { fd in
                try PackZip.write(entries, asOf: PackZipTests.day, toFile: fd, path: target.path,
                                  batching: PackZip.Batching(streamBytes: UInt64(streamBytes)))
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
    /// A site deflated file by file as it is made (as `pack` makes it) gives the zip, the manifest
    /// and the files of the same site held as bytes: deflated pages, a file deflate cannot shrink
    /// (stored, its bytes kept) and an empty one.
    @Test func aSitePackedAsItIsMadeIsTheSameZip() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        var generator = SplitMix64(seed: 7)
        var site = PackFixture.site.mapValues { Data($0.utf8) }
        site["assets/noise.bin"] = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        site["assets/empty.txt"] = Data()
        site["objectives/long.html"] = Data(String(repeating: "<tr><td>2026-10</td><td>99.1</td></tr>\n", count: 2000).utf8)
        let deflaters = DeflaterPool()
        let packed = try site.mapValues { data in try data.withUnsafeBytes { PackZip.Entry.packed(try deflaters.pack($0)) } }
        guard case let .packed(noise) = packed["assets/noise.bin"], case let .packed(long) = packed["objectives/long.html"] else {
            Issue.record("the site was not packed")
            return
        }
        #expect(noise.encoded.deflated == nil && noise.stored == site["assets/noise.bin"])
        #expect(long.stored == nil && (long.encoded.deflated?.count ?? .max) < 1000)
        let asBytes = EvidencePack(result: fixture.result, siteFiles: site, registers: try fixture.pack.registers.mapValues { try $0.bytes() },
                                   sources: fixture.pack.sources, objectivePages: fixture.pack.objectivePages)
        let asPacked = EvidencePack(result: fixture.result, site: packed, registers: fixture.pack.registers,
                                    sources: fixture.pack.sources, objectivePages: fixture.pack.objectivePages)
        let zip = try asPacked.zip()
        #expect(zip == (try asBytes.zip()))
        #expect(try asPacked.contents() == asBytes.contents())
        #expect(try ZipTestTools.entries(zip)[asPacked.folderName + "/site/objectives/long.html"] == site["objectives/long.html"])
        #expect(try PackVerifier.verify(zip: zip).holds)
    }

    /// The real site and registers of the example tree, packed as `pack` makes them (`PackInputs`),
    /// give the zip of the same files as bytes.
    @Test func theRenderedSitePackedAsItIsMadeIsTheSameZip() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let theme = try Theme.embedded()
        let inputs = try PackInputs.build(fixture.result, theme: theme)
        #expect(inputs.siteFiles.values.allSatisfy { if case .packed = $0 { true } else { false } })
        #expect(inputs.registers.values.allSatisfy { if case .packed = $0 { true } else { false } })
        var site = try SiteBuilder.build(result: fixture.result, theme: theme)
        site["README.md"] = Data(PackInputs.siteReadme.utf8)
        let asBytes = EvidencePack(result: fixture.result, siteFiles: site,
                                   registers: try inputs.registers.mapValues { try $0.bytes() }, sources: fixture.pack.sources,
                                   objectivePages: inputs.objectivePages)
        let asPacked = EvidencePack(result: fixture.result, site: inputs.siteFiles, registers: inputs.registers,
                                    sources: fixture.pack.sources, objectivePages: inputs.objectivePages)
        #expect(try asPacked.zip() == asBytes.zip())
    }

    /// The site's README in the pack speaks of the pack: a build's README names `.evident-site.json`,
    /// which the pack leaves out, and an auditor would ask where it went.
    @Test func theSitesReadmeInThePackSpeaksOfThePack() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let inputs = try PackInputs.build(fixture.result, theme: try Theme.embedded())
        let readme = String(decoding: try #require(inputs.siteFiles["README.md"]).bytes(), as: UTF8.self)
        #expect(readme == PackInputs.siteReadme)
        #expect(readme.contains("the pack leaves it out") && !readme.contains("Do not edit it"), "\(readme)")
    }

    /// The pack's SARIF says what its relative URIs are relative to: the folder unzipping the pack
    /// makes, which holds `content/` (not the folder `evident check` ran in, as on its own).
    @Test func thePacksSarifNamesThePackFolderAsItsBase() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let inputs = try PackInputs.build(fixture.result, theme: try Theme.embedded())
        let entry = try #require(inputs.registers["findings.sarif"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: try entry.bytes()) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let base = (((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["description"] as? [String: Any])?["text"] as? String
        #expect(base == "The folder that holds this file, which unzipping the evidence pack makes: each uri names a file of the pack (content/…).")
        let alone = try #require(try JSONSerialization.jsonObject(with: Data(FindingsReport(result: fixture.result).render(.sarif).utf8)) as? [String: Any])
        #expect(String(describing: alone).contains("The folder evident ran in"))
    }

    /// A deflated entry is read back only when it holds exactly its size: a stream cut short, or
    /// one with more bytes than its entry says, is a failure, not a wrong file.
    @Test func aPackedFileInflatesOnlyToItsOwnSize() throws {
        let text = Data(String(repeating: "evident ", count: 500).utf8)
        let packed = try text.withUnsafeBytes { try DeflaterPool().pack($0) }
        #expect(try packed.bytes() == text)
        guard let deflated = packed.encoded.deflated else {
            Issue.record("repeated text was not deflated")
            return
        }
        var longer = packed
        longer.size -= 1
        #expect(throws: PackZip.Failure.self) { try longer.bytes() }
        var shorter = packed
        shorter.size += 1
        #expect(throws: PackZip.Failure.self) { try shorter.bytes() }
        var cut = packed
        cut.encoded.deflated = Array(deflated.dropLast(4))
        #expect(throws: PackZip.Failure.self) { try cut.bytes() }
    }
}
