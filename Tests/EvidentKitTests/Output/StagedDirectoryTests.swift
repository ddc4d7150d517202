import Foundation
import Testing
@testable import EvidentSite
@testable import EvidentSupport

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

    /// Any staging folder (init's too, not only a site's) holds evident's marker from the start, so
    /// that one a killed run left is removed by the next write of the same folder; the folder swapped
    /// in holds no marker.
    @Test func aKilledRunsStagingFolderIsRemovedByTheNextWrite() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let content = work.url.appendingPathComponent("content")
        let staged = try StagedDirectory(replacing: content)
        try staged.write(Data("half".utf8), at: "objectives/a.md")
        #expect(throws: AtomicWriter.Failure.self) { try staged.write(Data(), at: SiteManifest.fileName) }
        // As if the run were killed: the staging folder under a dead process's name.
        let leftover = work.url.appendingPathComponent(".content.tmp-2147483646-9")
        try FileManager.default.moveItem(at: staged.staging, to: leftover)
        try AtomicWriter.writeDirectory(["evident.yml": Data("organization: X\n".utf8)], to: content)
        #expect(PackWriteTests.listing(work.url) == ["content"])
        #expect(PackWriteTests.listing(content) == ["evident.yml"])
    }

    /// The folder a scaffold is written to (init's `content/`, `templates/`) is checked to be
    /// missing or empty before, and is again where it is set aside at the swap: one filled
    /// meanwhile, or a link put in its place, is put back as it was and the write fails.
    @Test func aScaffoldNeverReplacesAFolderFilledMeanwhile() throws {
        let work = try TemporaryTree(["outside/keep.txt": "keep"])
        defer { work.remove() }
        let content = work.url.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: content.appendingPathComponent("notes.md"))
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter.writeDirectory(["evident.yml": Data("organization: X\n".utf8)], to: content)
        }
        #expect(listing(content) == ["notes.md": "mine"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["content", "outside"])

        try FileManager.default.removeItem(at: content)
        try FileManager.default.createSymbolicLink(atPath: content.path, withDestinationPath: work.path + "/outside")
        #expect(throws: AtomicWriter.Failure.self) {
            try AtomicWriter.writeDirectory(["evident.yml": Data("organization: X\n".utf8)], to: content)
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: content.path) == work.path + "/outside")
        #expect(listing(work.url.appendingPathComponent("outside")) == ["keep.txt": "keep"])

        // Missing, or an empty folder: written.
        try FileManager.default.removeItem(at: content)
        for makeEmpty in [false, true] {
            if makeEmpty { try FileManager.default.createDirectory(at: content, withIntermediateDirectories: false) }
            try AtomicWriter.writeDirectory(["evident.yml": Data("organization: X\n".utf8)], to: content)
            #expect(listing(content) == ["evident.yml": "organization: X\n"])
            try FileManager.default.removeItem(at: content)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["outside"])
    }

    @Test func unsafeAndRepeatedPathsAreRefused() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let staged = try StagedDirectory(replacing: work.url.appendingPathComponent("site"))
        defer { staged.discard() }
        for path in ["../x.html", "/etc/x", "a/../../x", "a//b", "", "a\\..\\x.html", "a\u{0}.html"] {
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
        let staged = try StagedDirectory(replacing: site)
        try staged.write(Data("new".utf8), at: "index.html")
        try staged.commit()
        #expect(listing(site) == ["index.html": "new"])
        #expect(listing(work.url.appendingPathComponent("outside")) == ["keep.txt": "keep", "deep/keep.txt": "keep"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["outside", "site"])
    }

    /// The check that a site path stays inside the site, on bytes, refuses what splitting the path
    /// refused: empty, absolute, `.` and `..` components, backslashes and NUL.
    @Test func relativePathsAreCheckedAsBefore() {
        func refusedBefore(_ path: String) -> Bool {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return path.isEmpty || path.hasPrefix("/") || parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
                || path.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 })
        }
        let pieces = ["a", "b.html", ".", "..", "...", ".x", "x.", "/", "/", "\\", "\u{0}", "é", ""]
        var random = SplitMix64(seed: 17)
        for _ in 0..<30_000 {
            let path = (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let refused = (try? AtomicWriter.checkRelative(path)) == nil
            if refused != refusedBefore(path) {
                Issue.record("\(path.debugDescription): refused \(refused)")
                return
            }
        }
    }
}

/// A file the previous folder holds with the same bytes is linked, not written again; anything else
/// is written new, and the previous folder is never written into.
@Suite struct StagedDirectoryReuseTests {
    private func info(_ path: String) -> stat? {
        var s = stat()
        return lstat(path, &s) == 0 ? s : nil
    }

    private func build(_ site: URL, _ files: [String: String]) throws {
        let staged = try StagedDirectory(replacing: site)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try staged.write(Data(text.utf8), at: path) }
        try staged.commit()
    }

    @Test func unchangedFilesKeepTheirInodeAndChangedOnesAreNew() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try build(site, ["same.html": "same", "a/same.html": "same too", "changed.html": "old", "gone.html": "gone"])
        let before = try #require(info(site.path + "/a/same.html"))
        let changedBefore = try #require(info(site.path + "/changed.html"))
        try build(site, ["same.html": "same", "a/same.html": "same too", "changed.html": "new!"])
        let after = try #require(info(site.path + "/a/same.html"))
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_nlink == 1, "the previous folder's link is gone with it")
        #expect(try #require(info(site.path + "/changed.html")).st_ino != changedBefore.st_ino)
        #expect(folderSnapshot(site).mapValues { String(decoding: $0, as: UTF8.self) }
            == ["same.html": "same", "a/same.html": "same too", "changed.html": "new!"])
    }

    @Test func aFailedBuildLeavesThePreviousFilesAlone() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try build(site, ["page.html": "page"])
        let staged = try StagedDirectory(replacing: site)
        try staged.write(Data("page".utf8), at: "page.html")
        staged.discard()
        #expect(try #require(info(site.path + "/page.html")).st_nlink == 1)
        #expect(try String(contentsOf: site.appendingPathComponent("page.html"), encoding: .utf8) == "page")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["site"])
    }

    /// A link in the old site, to a file or a folder, never brings a file from elsewhere into the
    /// new one, even with the same bytes; a file with another mode is written with the usual one.
    @Test func linksAndOtherModesAreWrittenNew() throws {
        let work = try TemporaryTree(["outside/page.html": "page", "outside/deep/page.html": "page", "site/odd.html": "odd"])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.path + "/page.html", withDestinationPath: work.path + "/outside/page.html")
        try fm.createSymbolicLink(atPath: site.path + "/deep", withDestinationPath: work.path + "/outside/deep")
        chmod(site.path + "/odd.html", 0o600)
        let outside = try #require(info(work.path + "/outside/page.html"))
        let outsideDeep = try #require(info(work.path + "/outside/deep/page.html"))
        let odd = try #require(info(site.path + "/odd.html"))
        try build(site, ["page.html": "page", "deep/page.html": "page", "odd.html": "odd"])
        let page = try #require(info(site.path + "/page.html"))
        #expect(page.st_mode & S_IFMT == S_IFREG)
        #expect(page.st_ino != outside.st_ino)
        #expect(try #require(info(site.path + "/deep/page.html")).st_ino != outsideDeep.st_ino)
        let newOdd = try #require(info(site.path + "/odd.html"))
        #expect(newOdd.st_ino != odd.st_ino)
        #expect(newOdd.st_mode & 0o777 == 0o644)
        #expect(try #require(info(work.path + "/outside/page.html")).st_nlink == 1)
    }
}

/// `parallelMap` keeps the order and releases what it made (it once kept a copy of every result);
/// `concurrently` returns both results, and the first job's error when both fail.
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

    struct Failure: Error, Equatable { var name: String }

    @Test func concurrentlyReturnsBothAndTheFirstErrorWins() throws {
        let (a, b) = try concurrently({ (1...1_000).reduce(0, +) }, { String(repeating: "x", count: 3) })
        #expect(a == 500_500 && b == "xxx")
        #expect(throws: Failure(name: "first")) {
            _ = try concurrently({ () throws -> Int in throw Failure(name: "first") }, { () throws -> Int in throw Failure(name: "second") })
        }
        #expect(throws: Failure(name: "second")) {
            _ = try concurrently({ 1 }, { () throws -> Int in throw Failure(name: "second") })
        }
    }

    final class Made: Sendable {}

    /// What the thread made is the caller's alone once `concurrently` returns or throws: dropped,
    /// it is freed at once, not later by the thread's last release of its job (a `build` refused
    /// its output folder, and the theme was still being freed on that thread as the process
    /// exited: LeakSanitizer reported its assets).
    @Test func theThreadKeepsNothingOfWhatItMade() throws {
        for _ in 0..<20 {
            weak var kept: Made?
            #expect(throws: Failure(name: "second")) {
                _ = try concurrently({ () -> Made in
                    let made = Made()
                    kept = made
                    return made
                }, { () throws -> Int in throw Failure(name: "second") })
            }
            #expect(kept == nil)
            do {
                let (made, _) = try concurrently({ Made() }, { 1 })
                kept = made
            }
            #expect(kept == nil)
        }
    }
}
