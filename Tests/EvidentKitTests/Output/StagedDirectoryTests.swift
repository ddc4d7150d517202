import Foundation
import Testing
@testable import EvidentKit

/// The site is written page by page while it renders, into a staging folder swapped in at the end.
@Suite struct StagedDirectoryTests {
    private func listing(_ url: URL) -> [String: String] {
        folderSnapshot(url).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func filesWrittenFromManyThreadsAppearOnlyAtCommit() throws {
        let work = try TemporaryTree(["site/old.html": "old", "site/a/old.txt": "old"])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        let staged = try StagedDirectory(replacing: site)
        let paths = (0..<500).map { "p\($0 % 7)/q\($0 % 3)/page-\($0).html" }
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            try? staged.write(Data("page \(i)".utf8), at: paths[i])
        }
        #expect(listing(site) == ["old.html": "old", "a/old.txt": "old"])
        try staged.commit()
        let written = listing(site)
        #expect(written.count == 500)
        #expect(written["p3/q1/page-10.html"] == "page 10")
        #expect(staged.paths == Set(paths))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func discardLeavesThePreviousFolderAndNoStaging() throws {
        let work = try TemporaryTree(["site/old.html": "old"])
        defer { work.remove() }
        let staged = try StagedDirectory(replacing: work.url.appendingPathComponent("site"))
        try staged.write(Data("new".utf8), at: "new.html")
        staged.discard()
        #expect(listing(work.url.appendingPathComponent("site")) == ["old.html": "old"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["site"])
        #expect(throws: AtomicWriter.Failure.self) { try staged.commit() }
        #expect(throws: AtomicWriter.Failure.self) { try staged.write(Data(), at: "late.html") }
    }

    @Test func unsafeAndRepeatedPathsAreRefused() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let staged = try StagedDirectory(replacing: work.url.appendingPathComponent("site"))
        defer { staged.discard() }
        for path in ["../x.html", "/etc/x", "a/../../x", "a//b", ""] {
            #expect(throws: AtomicWriter.Failure.self, "\(path)") { try staged.write(Data(), at: path) }
        }
        try staged.write(Data("one".utf8), at: "a.html")
        #expect(throws: AtomicWriter.Failure.self) { try staged.write(Data("two".utf8), at: "a.html") }
    }

    /// The previous folder is removed after the swap without following links out of it.
    @Test func removingThePreviousFolderNeverFollowsLinks() throws {
        let work = try TemporaryTree(["outside/keep.txt": "keep", "outside/deep/keep.txt": "keep", "site/old.html": "old"])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/linked-folder", withDestinationPath: work.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/linked-file", withDestinationPath: work.path + "/outside/keep.txt")
        try AtomicWriter.writeDirectory(["index.html": Data("new".utf8)], to: site)
        #expect(listing(site) == ["index.html": "new"])
        #expect(listing(work.url.appendingPathComponent("outside")) == ["keep.txt": "keep", "deep/keep.txt": "keep"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["outside", "site"])
    }
}

/// `parallelMap` keeps the order and releases what it made: it once kept a copy of every result.
@Suite struct ParallelMapTests {
    final class Counted: Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.lock.withLock { Self.alive += 1 }
        }
        deinit { Self.lock.withLock { Self.alive -= 1 } }
    }

    @Test func keepsOrderAndLeaksNothing() {
        let before = Counted.lock.withLock { Counted.alive }
        do {
            let results = parallelMap(Array(0..<1000)) { Counted($0 * 2) }
            #expect(results.map(\.value) == (0..<1000).map { $0 * 2 })
            #expect(Counted.lock.withLock { Counted.alive } == before + 1000)
        }
        #expect(Counted.lock.withLock { Counted.alive } == before)
    }
}
