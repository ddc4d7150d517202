import Foundation
import Testing
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
}
