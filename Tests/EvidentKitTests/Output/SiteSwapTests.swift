import Foundation
import Testing
@testable import EvidentSite
@testable import EvidentSupport

/// What happens to the output folder while a build makes the pages, and at the swap: anything put
/// there meanwhile, another run's folder in its place, a folder the swap could not empty.
@Suite struct SiteSwapTests {
    static let pages = OutputFolderTests.pages

    /// A build of `files` into `site`, with `meanwhile` run after the folder is checked and before
    /// the swap, as a build does it (`SitePublication.build`).
    static func build(_ files: [String: String], into site: URL, meanwhile: () throws -> Void = {}) throws {
        let previous = try OutputFolder(site.path).prepare(guarding: [])
        let staged = try StagedDirectory(replacing: site, recordingSite: true, previousSite: previous)
        do {
            for (path, text) in files { try staged.write(Data(text.utf8), at: path) }
            try meanwhile()
            try staged.commit()
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Every file under `folder` by relative path, with its bytes; links are not followed.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let root = folder.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = walker.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: root + "/" + relative), OutputFolder.isRegularFile(root + "/" + relative) {
                files[relative] = data
            }
        }
        return files
    }

    /// The names beside `site` in its parent.
    static func siblings(_ site: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path).sorted()
    }

    /// A file or a folder put into the site folder while the pages are made is not the previous
    /// build's: the swap is refused, naming it, and the folder is left as it was, the new entry
    /// included. Without one, the same build replaces the folder.
    @Test func anEntryAddedWhileThePagesAreMadeStopsTheSwap() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        var next = Self.pages
        next["index.html"] = "<!DOCTYPE html><p>next"
        for (added, isFolder) in [("CNAME", false), ("downloads", true), ("objectives/notes.txt", false)] {
            try OutputFolderTests.writeSite(Self.pages, to: site)
            let entry = site.appendingPathComponent(added)
            #expect(throws: OutputFolder.Refusal.foreign(output: site.path, entry: entry.path, reason: .unknown)) {
                try Self.build(next, into: site) {
                    if isFolder {
                        try FileManager.default.createDirectory(at: entry, withIntermediateDirectories: false)
                        try Data("keep".utf8).write(to: entry.appendingPathComponent("file.pdf"))
                    } else {
                        try Data("keep".utf8).write(to: entry)
                    }
                }
            }
            var expected = Self.pages.mapValues { Data($0.utf8) }
            expected[isFolder ? added + "/file.pdf" : added] = Data("keep".utf8)
            #expect(Self.snapshot(site).filter { $0.key != SiteManifest.fileName } == expected)
            #expect(try Self.siblings(site) == ["site"])
            try FileManager.default.removeItem(at: entry)
        }
        try Self.build(next, into: site)
        #expect(Self.snapshot(site)["index.html"] == Data("<!DOCTYPE html><p>next".utf8))
        #expect(try Self.siblings(site) == ["site"])
    }

    /// A file added after the folder was checked a last time, between that and the swap, is seen
    /// where the folder is set aside (the staging folder's path, after an exchange; `.site.old-PID-N`
    /// between two renames): the folder is put back with it, and the staging folder stays for the
    /// caller to discard.
    @Test(arguments: [true, false]) func theSwapPutsTheFolderBackWhenTheSetAsideFolderIsRefused(exchanging: Bool) throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try OutputFolderTests.writeSite(Self.pages, to: site)
        let previous = try OutputFolder(site.path).prepare(guarding: [])
        try Data("keep".utf8).write(to: site.appendingPathComponent("CNAME"))
        let before = Self.snapshot(site)
        let staging = work.url.appendingPathComponent(".site.tmp-1-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: staging.appendingPathComponent("index.html"))
        var vetted: String?
        #expect(throws: OutputFolder.Refusal.foreign(output: site.path, entry: site.path + "/CNAME", reason: .unknown)) {
            try AtomicWriter.swapIn(staging, at: site, exchanging: exchanging) { aside in
                vetted = aside
                try previous.vet(setAside: aside)
            }
        }
        #expect(exchanging ? vetted == staging.path : vetted?.hasPrefix(work.path + "/.site.old-") == true)
        #expect(Self.snapshot(site) == before)
        #expect(Self.snapshot(staging) == ["index.html": Data("mine".utf8)])
        #expect(try Self.siblings(site) == [".site.tmp-1-1", "site"])
        // Without the file, the same folder passes where it is set aside.
        try FileManager.default.removeItem(at: site.appendingPathComponent("CNAME"))
        try AtomicWriter.swapIn(staging, at: site, exchanging: exchanging) { try previous.vet(setAside: $0) }
        #expect(Self.snapshot(site) == ["index.html": Data("mine".utf8)])
        #expect(try Self.siblings(site) == ["site"])
    }

    /// A reader of the site while it is swapped (a web server, a browser on `file://`) always finds
    /// a whole site at its path: while the previous one is vetted, the new one is already in place,
    /// and only then is the previous one removed. A build killed meanwhile leaves one of them there.
    @Test func thePathHoldsAWholeSiteThroughoutTheSwap() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try OutputFolderTests.writeSite(Self.pages, to: site)
        let previous = try OutputFolder(site.path).prepare(guarding: [])
        let staging = work.url.appendingPathComponent(".site.tmp-1-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: staging.appendingPathComponent("index.html"))
        var during: [String: Data] = [:]
        try AtomicWriter.swapIn(staging, at: site) { aside in
            during = Self.snapshot(site)
            try previous.vet(setAside: aside)
        }
        #expect(during == ["index.html": Data("mine".utf8)])
        #expect(Self.snapshot(site) == ["index.html": Data("mine".utf8)])
        #expect(try Self.siblings(site) == ["site"])
    }

    /// When the vet refuses the previous site (a file of the user's appeared in it) after another
    /// run exchanged its own site into the path, the previous one cannot go back and is not left at
    /// the staging folder's path, which the caller removes: it is moved to `.site.old-PID-N`, untouched,
    /// and the message names it. The other run's site stays in place.
    @Test func aRefusedOldFolderIsMovedOutOfTheStagingPathWhenAnotherRunTookThePlace() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        var other = Self.pages
        other["index.html"] = "<!DOCTYPE html><p>other run"
        let (site, previous, otherStaging, staging) = try Self.twoRuns(in: work, other: other)
        var reason = ""
        do {
            try AtomicWriter.swapIn(staging, at: site) { aside in
                try Data("my notes".utf8).write(to: URL(fileURLWithPath: aside).appendingPathComponent("notes.txt"))
                try AtomicWriter.swapIn(otherStaging, at: site)
                try previous.vet(setAside: aside)
            }
            Issue.record("the swap went through")
        } catch let AtomicWriter.Failure.io(path, message) {
            #expect(path == site.path)
            reason = message
        }
        let aside = try Self.siblings(site).first { $0.hasPrefix(".site.old-") } ?? ""
        #expect(reason.contains("notes.txt") && reason.contains("could not be put back: it is at `\(work.path)/\(aside)`"), "\(reason)")
        var expected = Self.pages.mapValues { Data($0.utf8) }
        expected["notes.txt"] = Data("my notes".utf8)
        #expect(Self.snapshot(work.url.appendingPathComponent(aside)).filter { $0.key != SiteManifest.fileName } == expected)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(Self.snapshot(site)["index.html"] == Data("<!DOCTYPE html><p>other run".utf8))
    }

    /// Another run that replaces the folder, or makes it where there was none, while this build
    /// makes its pages: this build is refused as such (not as if the user had changed a file), and
    /// the other run's site is left whole. An empty folder made meanwhile holds nothing to lose.
    @Test func aFolderAnotherRunPutInPlaceMeanwhileIsLeftAlone() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        var other = Self.pages
        other["index.html"] = "<!DOCTYPE html><p>other run"
        for existed in [true, false] {
            if existed { try OutputFolderTests.writeSite(Self.pages, to: site) }
            #expect(throws: OutputFolder.Refusal.replacedMeanwhile(site.path)) {
                try Self.build(Self.pages, into: site) { try OutputFolderTests.writeSite(other, to: site) }
            }
            #expect(Self.snapshot(site)["index.html"] == Data("<!DOCTYPE html><p>other run".utf8))
            try OutputFolder(site.path).check(guarding: [])
            #expect(try Self.siblings(site) == ["site"])
            try FileManager.default.removeItem(at: site)
        }
        try Self.build(Self.pages, into: site) { try FileManager.default.createDirectory(at: site, withIntermediateDirectories: false) }
        #expect(Self.snapshot(site).filter { $0.key != SiteManifest.fileName } == Self.pages.mapValues { Data($0.utf8) })
        #expect(try Self.siblings(site) == ["site"])
    }

    /// Another run that swaps its site in while this build reads the previous site's files to
    /// confirm them: they differ because they are that run's, and the build says so instead of
    /// blaming an edit. The same file edited in place is an edit; a file removed since holds nothing
    /// to lose.
    @Test func filesAnotherRunSwappedInWhileTheyAreConfirmedAreNotAnEdit() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try OutputFolderTests.writeSite(Self.pages, to: site)
        let previous = try OutputFolder(site.path).prepare(guarding: [])
        var other = Self.pages
        other["index.html"] = "<!DOCTYPE html><p>other run"
        try OutputFolderTests.writeSite(other, to: site)
        #expect(throws: OutputFolder.Refusal.replacedMeanwhile(site.path)) { try previous.confirm(except: []) }

        let index = site.appendingPathComponent("index.html")
        let again = try OutputFolder(site.path).prepare(guarding: [])
        try Data("<!DOCTYPE html><p>edited run".utf8).write(to: index)
        #expect(throws: OutputFolder.Refusal.foreign(output: site.path, entry: index.path, reason: .changed)) { try again.confirm(except: []) }
        try FileManager.default.removeItem(at: index)
        try again.confirm(except: [])
        #expect(Self.snapshot(site)["objectives/a.html"] == Data("a".utf8))
    }

    /// Two builds of one folder: `site` holding the previous site (checked: `previous`), another
    /// run's finished site `other` in `otherStaging`, and this run's staging folder with its page.
    static func twoRuns(in work: TemporaryTree, other: [String: String]) throws
        -> (site: URL, previous: PreviousSite, otherStaging: URL, staging: URL) {
        let site = work.url.appendingPathComponent("site")
        try OutputFolderTests.writeSite(Self.pages, to: site)
        let previous = try OutputFolder(site.path).prepare(guarding: [])
        let otherStaging = work.url.appendingPathComponent("other")
        try OutputFolderTests.writeSite(other, to: otherStaging)
        let staging = work.url.appendingPathComponent(".site.tmp-1-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: staging.appendingPathComponent("index.html"))
        return (site, previous, otherStaging, staging)
    }

    /// Where the swap takes two renames (no exchange in one step), another run that swaps its site
    /// in between this build's setting the old folder aside and renaming its own into place: that run's site stays whole, this build fails saying so, and
    /// the old folder (vetted, superseded) is not left beside it as `.site.old-PID-N`. Without the
    /// other run, the same swap goes through.
    @Test func anotherRunsSwapBetweenTheTwoRenamesLeavesItsSiteAndNoOldFolder() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        var other = Self.pages
        other["index.html"] = "<!DOCTYPE html><p>other run"
        let (site, previous, otherStaging, staging) = try Self.twoRuns(in: work, other: other)
        do {
            try AtomicWriter.swapIn(staging, at: site, exchanging: false) { aside in
                try previous.vet(setAside: aside)
                #expect(rename(otherStaging.path, site.path) == 0)
            }
            Issue.record("the swap went through")
        } catch let AtomicWriter.Failure.io(path, reason) {
            #expect(path == site.path)
            #expect(reason.hasPrefix("another process put a folder there while this run wrote it"))
        }
        #expect(Self.snapshot(site)["index.html"] == Data("<!DOCTYPE html><p>other run".utf8))
        #expect(try Self.siblings(site) == [".site.tmp-1-1", "site"])
        let others = try OutputFolder(site.path).prepare(guarding: [])
        try AtomicWriter.swapIn(staging, at: site) { try others.vet(setAside: $0) }
        #expect(Self.snapshot(site) == ["index.html": Data("mine".utf8)])
        #expect(try Self.siblings(site) == ["site"])
    }

    /// Between two renames: when the vet refuses the set-aside folder (a file of the user's appeared
    /// in it) and another run's folder has meanwhile taken the place, the old folder cannot go back: it stays set aside,
    /// untouched, and the message names it, rather than saying the folder was left as it was.
    @Test func aRefusedOldFolderThatCannotGoBackIsNamedWhereItIs() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let (site, previous, otherStaging, staging) = try Self.twoRuns(in: work, other: Self.pages)
        var setAside = ""
        do {
            try AtomicWriter.swapIn(staging, at: site, exchanging: false) { aside in
                setAside = aside
                try Data("my notes".utf8).write(to: URL(fileURLWithPath: aside).appendingPathComponent("notes.txt"))
                #expect(rename(otherStaging.path, site.path) == 0)
                try previous.vet(setAside: aside)
            }
            Issue.record("the swap went through")
        } catch let AtomicWriter.Failure.io(path, reason) {
            #expect(path == site.path)
            #expect(reason.contains("notes.txt"), "\(reason)")
            #expect(reason.contains("could not be put back: it is at `\(setAside)`"), "\(reason)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: setAside).appendingPathComponent("notes.txt")) == Data("my notes".utf8))
        #expect(Self.snapshot(site)["index.html"] == Data(Self.pages["index.html"]?.utf8 ?? "".utf8))
    }

    /// A folder of the previous site that this user may not change (its files could not be removed
    /// after the swap, and its set-aside copy would stay beside the site) stops the build before
    /// any work. As root, who may change any folder, a read-only mount stands in for it; the test
    /// is skipped when the mount cannot be made.
    @Test func aFolderThatCannotBeChangedIsRefusedBeforeAnyWork() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try OutputFolderTests.writeSite(Self.pages, to: site)
        let assets = site.appendingPathComponent("assets")
        #expect(OutputFolder.readOnly(assets.path) == nil)
        guard let undo = Self.makeReadOnly(assets) else { return }
        defer { undo() }
        guard let reason = OutputFolder.readOnly(assets.path) else {
            Issue.record("\(assets.path) is still writable")
            return
        }
        let before = Self.snapshot(site)
        #expect(throws: OutputFolder.Refusal.foreign(output: site.path, entry: assets.path, reason: .readOnly(reason))) {
            try OutputFolder(site.path).prepare(guarding: [])
        }
        #expect(Self.snapshot(site) == before)
        #expect(try Self.siblings(site) == ["site"])
        let message = OutputFolder.Refusal.foreign(output: site.path, entry: assets.path, reason: .readOnly(reason)).description
        #expect(message.contains("chmod -R u+rwX \(site.path)"))
    }

    /// A folder removal that cannot remove everything (a writer still adding files, a folder it
    /// may not change) keeps the manifest at the top, so that the next build still knows the
    /// folder for evident's; one that can removes it all.
    @Test func aRemovalCutShortKeepsTheMarker() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let staging = work.url.appendingPathComponent(".site.tmp-2147483646-1")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("objectives"), withIntermediateDirectories: true)
        try SiteManifest(complete: false).data.write(to: staging.appendingPathComponent(SiteManifest.fileName))
        try Data("a".utf8).write(to: staging.appendingPathComponent("objectives/a.html"))
        try Data("b".utf8).write(to: staging.appendingPathComponent("index.html"))
        guard let undo = Self.makeReadOnly(staging.appendingPathComponent("objectives")) else { return }
        #expect(AtomicWriter.removeTree(staging.path) == false)
        #expect((try FileManager.default.contentsOfDirectory(atPath: staging.path).sorted()) == [SiteManifest.fileName, "objectives"])
        undo()
        #expect(AtomicWriter.removeTree(staging.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == [])
    }

    /// Makes `folder` read-only for this process: by its mode, or, as root, by a read-only bind
    /// mount over it. Returns what undoes it; nil when it cannot be done.
    static func makeReadOnly(_ folder: URL) -> (() -> Void)? {
        if geteuid() != 0 {
            guard chmod(folder.path, 0o555) == 0 else { return nil }
            return { chmod(folder.path, 0o755) }
        }
        guard run("/bin/mount", ["--bind", folder.path, folder.path]) else { return nil }
        guard run("/bin/mount", ["-o", "remount,ro,bind", folder.path]) else {
            _ = run("/bin/umount", [folder.path])
            return nil
        }
        return { _ = run("/bin/umount", [folder.path]) }
    }

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A page that cannot be written is named where it goes in the site, not in the hidden staging
    /// folder the user never sees.
    @Test func aFailedWriteNamesTheFileInTheSite() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        let long = String(repeating: "a", count: 300) + ".html"
        var message = ""
        do {
            try Self.build(["index.html": "<!DOCTYPE html>", long: "x"], into: site)
        } catch {
            message = "\(error)"
        }
        #expect(message == "Cannot write \(site.path)/\(long): \(String(cString: strerror(ENAMETOOLONG)))")
        #expect(!FileManager.default.fileExists(atPath: site.path))
        #expect(try Self.siblings(site) == [])
    }
}
