import Foundation
import Testing
@testable import EvidentCheck
import EvidentModel
@testable import EvidentPack
@testable import EvidentSupport

/// A failed pack leaves nothing at the output path: the zip is written beside it under a temporary
/// name and renamed only when complete.
@Suite struct PackWriteTests {
    static func listing(_ url: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.path).sorted()) ?? []
    }

    @Test func theZipIsWrittenWholeAndNothingElseIsLeft() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zip = try fixture.pack.zip()
        let target = dir.appendingPathComponent("dist").appendingPathComponent(fixture.pack.zipName)
        try AtomicWriter.writeFile(zip, to: target)
        #expect(try Data(contentsOf: target) == zip)
        #expect(Self.listing(dir.appendingPathComponent("dist")) == [fixture.pack.zipName])
    }

    /// A killed pack leaves its partial zip under a temporary name; the next pack of the same name
    /// removes it, and nothing else: not a live pack's, not a link, not another pack's, not a file
    /// that is not a zip.
    @Test func thePartialZipOfAKilledPackIsRemovedByTheNext() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = fixture.pack.zipName
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let partial = Data([0x50, 0x4B, 0x03, 0x04]) + Data(repeating: 7, count: 100)
        let leftover = ".\(name).tmp-\(dead)-12345"
        let kept: [String: Data] = [
            ".\(name).tmp-\(getpid())-12345": partial,  // a pack still running
            ".\(name).tmp-\(dead)-x": partial,
            ".other.zip.tmp-\(dead)-12345": partial,
            ".\(name).tmp-\(dead)-999": Data("the user's notes".utf8),
            "notes.txt": Data("mine".utf8),
        ]
        for (entry, data) in kept.merging([leftover: partial], uniquingKeysWith: { a, _ in a }) {
            try data.write(to: dir.appendingPathComponent(entry))
        }
        let link = ".\(name).tmp-\(dead)-777"
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(link).path,
                                                   withDestinationPath: dir.appendingPathComponent("notes.txt").path)
        let zip = try fixture.pack.write(to: dir)
        #expect(zip.lastPathComponent == name)
        #expect(Self.listing(dir) == (Array(kept.keys) + [link, name]).sorted())
        #expect(try Data(contentsOf: dir.appendingPathComponent("notes.txt")) == Data("mine".utf8))
    }

    @Test func anOutputFolderThatIsAFileLeavesNoZip() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("dist")
        try Data("not a folder".utf8).write(to: output)
        let target = output.appendingPathComponent(fixture.pack.zipName)
        #expect(throws: AtomicWriter.Failure.self) { try AtomicWriter.writeFile(try fixture.pack.zip(), to: target) }
        #expect(Self.listing(dir) == ["dist"])
        #expect(try Data(contentsOf: output) == Data("not a folder".utf8))
    }

    @Test func aTargetThatCannotBeReplacedLeavesNoPartialFile() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A non-empty folder where the zip should go: the rename fails, the temporary file goes.
        let target = dir.appendingPathComponent(fixture.pack.zipName)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: target.appendingPathComponent("keep.txt"))
        #expect(throws: AtomicWriter.Failure.self) { try AtomicWriter.writeFile(try fixture.pack.zip(), to: target) }
        #expect(Self.listing(dir) == [fixture.pack.zipName])
        #expect(Self.listing(target) == ["keep.txt"])
    }

    /// A large file of the user's under the zip's name that is not a zip is refused at once,
    /// from its last bytes, and left as it is; an earlier pack there may be replaced.
    @Test(.timeLimit(.minutes(5))) func aLargeFileThatIsNotAZipIsRefusedAtOnce() throws {
        let dir = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("evident-pack-x-2026-06-01.zip")
        #expect(FileManager.default.createFile(atPath: target.path, contents: nil))
        #expect(truncate(target.path, 1 << 30) == 0)
        let started = Date()
        #expect {
            try EvidencePack.checkReplaceable(target, folderName: "evident-pack-x-2026-06-01")
        } throws: { error in
            "\(error)".contains("it is not an evidence pack evident wrote")
        }
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(Self.listing(dir) == [target.lastPathComponent])
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let earlier = dir.appendingPathComponent(fixture.pack.zipName)
        try fixture.pack.zip().write(to: earlier)
        try EvidencePack.checkReplaceable(earlier, folderName: fixture.pack.folderName)
    }

    @Test func anUnsafeSitePathOrRegisterNameFailsBeforeAnyZipExists() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let site = EvidencePack(result: fixture.result, siteFiles: ["../escape.html": Data()], registers: [:], sources: PackSources())
        #expect(throws: EvidencePack.Failure.self) { try site.zip() }
        let register = EvidencePack(result: fixture.result, siteFiles: [:], registers: ["README.html": Data()], sources: PackSources())
        #expect(throws: EvidencePack.Failure.self) { try register.zip() }
        let nested = EvidencePack(result: fixture.result, siteFiles: [:], registers: ["a/b.csv": Data()], sources: PackSources())
        #expect(throws: EvidencePack.Failure.self) { try nested.zip() }
    }

    /// A file where a folder of the output path belongs is named, at any depth, by both writers.
    @Test func aFileInTheWayIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-in-the-way-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("afile")
        try Data("mine".utf8).write(to: file)
        let writers: [(URL) throws -> Void] = [
            { try AtomicWriter.writeFile(Data(), to: $0) },
            { try AtomicWriter.writeFile(to: $0) { _ in } },
        ]
        for target in [file.appendingPathComponent("out.zip"), file.appendingPathComponent("deeper/out.zip")] {
            for write in writers {
                do {
                    try write(target)
                    Issue.record("written through a file")
                } catch {
                    #expect(String(describing: error) == "Cannot write \(target.path): \(file.path) is a file, not a folder")
                }
            }
        }
        #expect(try Data(contentsOf: file) == Data("mine".utf8))
    }

    /// The sources a pack holds are the files its check read: one edited or removed between the
    /// check and the packing (its site and findings would be of the old text) stops the pack. A
    /// file whose text differs from its bytes only by a byte-order mark and CRLF endings, which
    /// the check reads as LF, is the same file.
    @Test func aSourceEditedOrRemovedAfterTheCheckStopsThePack() throws {
        var files = ExampleTree.base
        let policy = try #require(files["policy.md"])
        files["policy.md"] = "\u{FEFF}" + policy.replacingOccurrences(of: "\n", with: "\r\n")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let day = try #require(Day(iso: ExampleTree.asOf))
        let result = try ContentCheck.run(content: tree.path, asOf: day, published: true, digests: true)
        let root = result.model.content.rootPath
        #expect(result.model.content.digests["content/policy.md"] != nil)
        try PackSources.read(root: root).confirm(loaded: result.model.content.digests, root: root)

        let objective = tree.url.appendingPathComponent("objectives/OBJ-INC-01.md")
        let text = try Data(contentsOf: objective)
        try Data(String(decoding: text, as: UTF8.self).replacingOccurrences(of: "title: ", with: "title: Edited ").utf8).write(to: objective)
        let changed = PackSources.Failure.changed(root + "/objectives/OBJ-INC-01.md").description
        #expect(changed.hasSuffix("changed while it was being packed; run `evident pack` again."))
        #expect(throws: (any Error).self) { try PackSources.read(root: root).confirm(loaded: result.model.content.digests, root: root) }
        do {
            try PackSources.read(root: root).confirm(loaded: result.model.content.digests, root: root)
        } catch {
            #expect("\(error)" == changed)
        }
        try FileManager.default.removeItem(at: objective)
        do {
            try PackSources.read(root: root).confirm(loaded: result.model.content.digests, root: root)
            Issue.record("a removed source passed")
        } catch {
            #expect("\(error)" == changed)
        }
        // Put back as it was read, it is the same file again.
        try text.write(to: objective)
        try PackSources.read(root: root).confirm(loaded: result.model.content.digests, root: root)
    }
}
