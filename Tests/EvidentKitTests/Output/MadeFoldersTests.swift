import Foundation
import Testing
@testable import EvidentSite
@testable import EvidentSupport

/// A failed write takes away the folders it made on the way to its output, and only those.
@Suite struct MadeFoldersTests {
    @Test func onlyTheFoldersMadeAreRemovedAndOnlyWhileEmpty() throws {
        let work = try TemporaryTree(["there/mine.txt": "mine"])
        defer { work.remove() }
        let deep = work.url.appendingPathComponent("there/a/b/c")
        let made = try MadeFolders.make(deep, for: deep.appendingPathComponent("file"))
        #expect(made.paths == ["a", "a/b", "a/b/c"].map { work.path + "/there/" + $0 })
        made.remove()
        #expect(PackWriteTests.listing(work.url.appendingPathComponent("there")) == ["mine.txt"])

        // A folder that was there is never made, so never removed; one that is no longer empty stays.
        let again = try MadeFolders.make(deep, for: deep)
        try work.write("there/a/theirs.txt", Data("theirs".utf8))
        again.remove()
        #expect(PackWriteTests.listing(work.url.appendingPathComponent("there")) == ["a", "mine.txt"])
        #expect(PackWriteTests.listing(work.url.appendingPathComponent("there/a")) == ["theirs.txt"])
        #expect(try MadeFolders.make(work.url.appendingPathComponent("there"), for: work.url).paths.isEmpty)
    }

    /// `..` is walked as the kernel walks it: `new/../other` makes `new` and `other`.
    @Test func dotDotIsTheFolderOnDisk() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let made = try MadeFolders.make(URL(fileURLWithPath: work.path + "/new/../other"), for: work.url)
        #expect(made.paths == [work.path + "/new", work.path + "/new/../other"])
        #expect(PackWriteTests.listing(work.url) == ["new", "other"])
        made.remove()
        #expect(PackWriteTests.listing(work.url).isEmpty)
    }

    /// A write that fails leaves no folder it made: both ways a file is written, and a staged folder.
    @Test func aFailedWriteLeavesNoFolderItMade() throws {
        struct Refused: Error {}
        let work = try TemporaryTree(["kept/mine.txt": "mine"])
        defer { work.remove() }
        let writers: [(URL) throws -> Void] = [
            { try AtomicWriter.writeFile(to: $0) { _ in throw Refused() } },
            { try AtomicWriter.writeFiles([("a.json", Data("a".utf8)), ("missing/b.json", Data("b".utf8))], into: $0.deletingLastPathComponent()) },
            { target in
                let staged = try StagedDirectory(replacing: target)
                try staged.write(Data("page".utf8), at: "index.html")
                staged.discard()
                throw Refused()
            },
        ]
        for write in writers {
            for target in ["new/deeper/out.zip", "kept/new/out.zip", "kept/out.zip"] {
                #expect(throws: (any Error).self, "\(target)") { try write(work.url.appendingPathComponent(target)) }
                #expect(PackWriteTests.listing(work.url) == ["kept"], "\(target)")
                #expect(PackWriteTests.listing(work.url.appendingPathComponent("kept")) == ["mine.txt"], "\(target)")
            }
        }
    }
}
