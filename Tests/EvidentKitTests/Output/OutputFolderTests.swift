import Foundation
import Testing
@testable import EvidentPack
@testable import EvidentSite
@testable import EvidentSupport

/// Which output folders a build may replace (`OutputFolder`), and the manifest that says so.
@Suite struct OutputFolderTests {
    /// A site as evident writes it: through a staging folder that records the manifest.
    static func writeSite(_ files: [String: String], to folder: URL) throws {
        let staged = try StagedDirectory(replacing: folder, recordingSite: true)
        for (path, text) in files { try staged.write(Data(text.utf8), at: path) }
        try staged.commit()
    }

    static let pages = ["index.html": "<!DOCTYPE html>", "objectives/a.html": "a", "assets/style.css": "body{}",
                        "README.md": SiteBuilder.readme]

    func refusal(_ folder: OutputFolder, guarding: [String] = []) -> OutputFolder.Refusal? {
        do {
            try folder.check(guarding: guarding)
            return nil
        } catch let refusal as OutputFolder.Refusal {
            return refusal
        } catch {
            return .unreadable(folder.path, "\(error)")
        }
    }

    @Test func theManifestListsEveryFolderAndFileWithSizeAndHash() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        let data = try Data(contentsOf: site.appendingPathComponent(SiteManifest.fileName))
        let manifest = try SiteManifest.parse(data).get()
        #expect(manifest.complete)
        #expect(manifest.folders == ["objectives", "assets"])
        #expect(Set(manifest.files.keys) == Set(Self.pages.keys))
        #expect(manifest.files["index.html"] == SiteManifest.File(size: 15, sha256: PackManifest.hex(Data("<!DOCTYPE html>".utf8))))
        // Deterministic, and the written bytes are those `data` makes.
        #expect(manifest.data == data)
        #expect(String(decoding: data, as: UTF8.self).contains("\"folders\": [\n    \"assets\",\n    \"objectives\"\n  ]"))
        #expect(refusal(OutputFolder(site.path)) == nil)
    }

    @Test func missingEmptyAndTrackedReadmeFoldersAreFine() throws {
        let work = try TemporaryTree(["fresh/README.md": SiteBuilder.readme])
        defer { work.remove() }
        try FileManager.default.createDirectory(at: work.url.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(refusal(OutputFolder(work.path + "/missing")) == nil)
        #expect(refusal(OutputFolder(work.path + "/empty")) == nil)
        #expect(refusal(OutputFolder(work.path + "/fresh")) == nil)
    }

    /// Entries not accounted for are named in path order: `.git` before `CNAME` before the pages.
    @Test func theFirstUnknownEntryInPathOrderIsNamed() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        try Data("x".utf8).write(to: site.appendingPathComponent("CNAME"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent(".git/objects"), withIntermediateDirectories: true)
        let output = OutputFolder(site.path)
        #expect(refusal(output) == .foreign(output: site.path, entry: site.path + "/.git", reason: .unknown))
        try FileManager.default.removeItem(at: site.appendingPathComponent(".git"))
        #expect(refusal(output) == .foreign(output: site.path, entry: site.path + "/CNAME", reason: .unknown))
        let unaccounted = try OutputFolder.unaccounted(in: site.path, by: try SiteManifest.parse(
            Data(contentsOf: site.appendingPathComponent(SiteManifest.fileName))).get(), display: "site")
        #expect(unaccounted.map(\.0) == ["CNAME"])
    }

    /// A link is never followed and never evident's, even where the manifest lists a file or folder.
    @Test func linksAreRefusedAndNotFollowed() throws {
        let work = try TemporaryTree(["outside/secret.txt": "s"])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        let fm = FileManager.default
        try fm.removeItem(at: site.appendingPathComponent("objectives"))
        try fm.createSymbolicLink(atPath: site.path + "/objectives", withDestinationPath: work.path + "/outside")
        #expect(refusal(OutputFolder(site.path)) == .foreign(output: site.path, entry: site.path + "/objectives", reason: .link))
        // The output folder itself as a link is refused too: the swap would replace the link.
        try fm.createSymbolicLink(atPath: work.path + "/linked-site", withDestinationPath: site.path)
        #expect(refusal(OutputFolder(work.path + "/linked-site")) == .link(work.path + "/linked-site"))
        #expect(fm.fileExists(atPath: work.path + "/outside/secret.txt"))
    }

    @Test func anEditedFileAndAFileInAListedFoldersPlaceAreChanged() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        try Data("<!DOCTYPE HTML>".utf8).write(to: site.appendingPathComponent("index.html"))
        #expect(refusal(OutputFolder(site.path)) == .foreign(output: site.path, entry: site.path + "/index.html", reason: .changed))
        try Self.writeSite(Self.pages, to: work.url.appendingPathComponent("other"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("index.html"))
        // A file removed from the site is no reason to refuse.
        #expect(refusal(OutputFolder(site.path)) == nil)
    }

    @Test func aSiteWithoutManifestOrOfAnotherVersionIsRefused() throws {
        let work = try TemporaryTree(["old/README.md": SiteBuilder.readme, "old/index.html": "x", "other/b.html": "b"])
        defer { work.remove() }
        #expect(refusal(OutputFolder(work.path + "/old")) == .foreign(output: work.path + "/old", entry: work.path + "/old/README.md", reason: .noManifest))
        try Data(#"{"generator": "evident", "kind": "site", "version": 2, "complete": true, "folders": [], "files": []}"#.utf8)
            .write(to: work.url.appendingPathComponent("other/.evident-site.json"))
        #expect(refusal(OutputFolder(work.path + "/other")) == .foreign(output: work.path + "/other", entry: work.path + "/other/.evident-site.json", reason: .otherVersion(2)))
        // A manifest that would vouch for a path outside the folder is not read at all.
        let escaping = #"{"generator": "evident", "kind": "site", "version": 1, "complete": true, "folders": [], "files": [{"path": "../b.html", "size": 1, "sha256": "\#(String(repeating: "0", count: 64))"}]}"#
        #expect(throws: SiteManifest.Unreadable.notJSON) { try SiteManifest.parse(Data(escaping.utf8)).get() }
    }

    /// A site folder written by a newer evident, whose manifest format has a later version, is refused
    /// by its version, whatever else that version changed in the manifest, with advice that fits a
    /// newer writer; nothing in it is removed. A manifest of this version with fields this evident
    /// does not know (as a later evident may add) is read as version 1.
    @Test func aNewerEvidentsSiteIsRefusedByItsVersionAndLeftAsItIs() throws {
        let work = try TemporaryTree(["newer/index.html": "n"])
        defer { work.remove() }
        let folder = work.path + "/newer"
        let manifest = work.url.appendingPathComponent("newer/" + SiteManifest.fileName)
        let entry = folder + "/" + SiteManifest.fileName
        // Version 2 here lists files another way and has no `kind`, `complete` or `folders`.
        let newer = #"{"generator": "evident", "version": 2, "entries": {"index.html": {"bytes": 1, "blake3": "00"}}}"#
        try Data(newer.utf8).write(to: manifest)
        let refused = OutputFolder.Refusal.foreign(output: folder, entry: entry, reason: .otherVersion(2))
        #expect(refusal(OutputFolder(folder)) == refused)
        #expect(refused.description.contains("`\(entry)`, the record of what evident wrote, is of version 2, written by a newer evident than this one"))
        #expect(refused.description.contains("Build with that evident or a later one, or choose another --output"))
        #expect(!refused.description.contains("Remove the folder"))
        #expect(throws: OutputFolder.Refusal.self) { try OutputFolder(folder).prepare(guarding: []) }
        #expect(try Data(contentsOf: manifest) == Data(newer.utf8))
        #expect(try String(contentsOfFile: folder + "/index.html", encoding: .utf8) == "n")
        // A version no evident wrote is not taken for a newer one.
        try Data(#"{"generator": "evident", "kind": "site", "version": 0, "complete": true, "folders": [], "files": []}"#.utf8).write(to: manifest)
        let older = OutputFolder.Refusal.foreign(output: folder, entry: entry, reason: .otherVersion(0))
        #expect(refusal(OutputFolder(folder)) == older)
        #expect(older.description.contains("is of version 0, which this evident (\(Evident.version)) does not read"))
        // Not evident's at all: still damaged, whatever its version says.
        try Data(#"{"generator": "other", "version": 2}"#.utf8).write(to: manifest)
        #expect(refusal(OutputFolder(folder)) == .foreign(output: folder, entry: entry, reason: .unusableManifest(SiteManifest.Unreadable.notJSON.why)))

        // Fields added to version 1 (at the top and in an entry) are ignored.
        let digest = PackManifest.hex(Data("n".utf8))
        let added = #"{"generator": "evident", "kind": "site", "version": 1, "complete": true, "evident": "9.9.9", "folders": [], "#
            + #""files": [{"path": "index.html", "size": 1, "sha256": "\#(digest)", "mode": "0644"}]}"#
        try Data(added.utf8).write(to: manifest)
        #expect(SiteManifest.parse(Data(added.utf8)) == .success(SiteManifest(files: ["index.html": SiteManifest.File(size: 1, sha256: digest)])))
        #expect(refusal(OutputFolder(folder)) == nil)
    }

    /// A manifest that is there but damaged, or still an unfinished build's marker, is named as
    /// such, not as if the folder had none; the folder is left as it is. With the manifest back, it
    /// is evident's again; without one, it is a folder with no record.
    @Test func aDamagedOrUnfinishedManifestIsNamedAsSuch() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        let file = site.appendingPathComponent(SiteManifest.fileName)
        let manifest = try Data(contentsOf: file)
        let entry = site.path + "/" + SiteManifest.fileName
        try Data("{\"generator\": \"evident\", \"kind\": \"si".utf8).write(to: file)
        let damaged = OutputFolder.Refusal.foreign(output: site.path, entry: entry, reason: .unusableManifest(SiteManifest.Unreadable.notJSON.why))
        #expect(refusal(OutputFolder(site.path)) == damaged)
        #expect(damaged.description.contains("`\(entry)`, the record of what evident wrote, is damaged or was edited, so nothing"))
        try SiteManifest(complete: false).data.write(to: file)
        #expect(refusal(OutputFolder(site.path)) == .foreign(output: site.path, entry: entry, reason: .unusableManifest(SiteManifest.Unreadable.incomplete)))
        #expect(FileManager.default.fileExists(atPath: site.path + "/index.html"))
        try manifest.write(to: file)
        #expect(refusal(OutputFolder(site.path)) == nil)
        try FileManager.default.removeItem(at: file)
        #expect(refusal(OutputFolder(site.path)) == .foreign(output: site.path, entry: site.path + "/README.md", reason: .noManifest))
    }

    @Test func theOutputMayNotHoldTheContentOrTheCurrentFolder() throws {
        let work = try TemporaryTree(["content/evident.yml": "x"])
        defer { work.remove() }
        #expect(refusal(OutputFolder(work.path), guarding: [work.path + "/content"]) == .holds(output: work.path, guarded: work.path + "/content"))
        #expect(refusal(OutputFolder(work.path + "/content/evident.yml"), guarding: []) == .notAFolder(work.path + "/content/evident.yml"))
    }

    /// A folder inside the content or the theme is refused too: the site's README.md would be
    /// read as an objective, its pages as content files. The folder the work happens in is not
    /// read, so a site inside it is fine.
    @Test func theOutputMayNotBeInsideTheContentOrTheTemplates() throws {
        let work = try TemporaryTree(["content/evident.yml": "x", "templates/layout.mustache": "x"])
        defer { work.remove() }
        let reading = [work.path + "/content", work.path + "/templates"]
        func refusal(_ output: String) -> OutputFolder.Refusal? {
            do {
                try OutputFolder(work.path + "/" + output).check(guarding: [work.path] + reading, reading: reading)
                return nil
            } catch let refusal as OutputFolder.Refusal {
                return refusal
            } catch {
                return .unreadable(output, "\(error)")
            }
        }
        let real = OutputFolder.realPath(work.path)
        #expect(refusal("content/objectives/site") == .inside(output: work.path + "/content/objectives/site", read: real + "/content", what: "site"))
        #expect(refusal("content/site") == .inside(output: work.path + "/content/site", read: real + "/content", what: "site"))
        #expect(refusal("templates/site") == .inside(output: work.path + "/templates/site", read: real + "/templates", what: "site"))
        #expect(refusal("site") == nil)
        #expect(refusal("contents") == nil)
        #expect(throws: OutputFolder.Refusal.inside(output: work.path + "/content", read: real + "/content", what: "pack")) {
            try OutputFolder.refuseInside(work.path + "/content", reading: reading, what: "pack")
        }
    }

    /// A folder not made yet is judged where it will be made: under a link to the content (or to a
    /// folder above it), `link/site` is inside the content although no `link/site` exists to resolve.
    @Test func aMissingOutputUnderALinkIsJudgedWhereItWillBeMade() throws {
        let work = try TemporaryTree(["content/evident.yml": "x", "elsewhere/keep": "x"])
        defer { work.remove() }
        try FileManager.default.createSymbolicLink(atPath: work.path + "/to-content", withDestinationPath: "content")
        try FileManager.default.createSymbolicLink(atPath: work.path + "/to-work", withDestinationPath: work.path)
        try FileManager.default.createSymbolicLink(atPath: work.path + "/to-elsewhere", withDestinationPath: "elsewhere")
        let real = OutputFolder.realPath(work.path)
        let reading = [work.path + "/content"]
        for output in ["to-content/site", "to-content/new/deeper/site", "to-work/content/site", "to-elsewhere/../content/site"] {
            #expect(throws: OutputFolder.Refusal.inside(output: work.path + "/" + output, read: real + "/content", what: "pack")) {
                try OutputFolder.refuseInside(work.path + "/" + output, reading: reading, what: "pack")
            }
        }
        #expect(OutputFolder.realPath(work.path + "/to-content/new/site") == real + "/content/new/site")
        #expect(OutputFolder.realPath(work.path + "/to-elsewhere/site") == real + "/elsewhere/site")
        #expect(OutputFolder.realPath("/") == "/")
        // A link to a folder outside the content is fine: the site is made there.
        try OutputFolder.refuseInside(work.path + "/to-elsewhere/site", reading: reading, what: "pack")
    }

    /// A staging folder holds evident's marker from the start, and a discarded or killed one is
    /// recognised by the next build; the marker is replaced by the manifest at commit.
    @Test func aStagingFolderIsMarkedAndItsLeftoversRemoved() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        let staged = try StagedDirectory(replacing: site, recordingSite: true)
        try staged.write(Data("a".utf8), at: "a/b.html")
        #expect(throws: AtomicWriter.Failure.self) { try staged.write(Data(), at: SiteManifest.fileName) }
        let marker = try SiteManifest.parse(Data(contentsOf: staged.staging.appendingPathComponent(SiteManifest.fileName))).get()
        #expect(!marker.complete)
        // As if the build were killed: the staging folder renamed to a dead process's name.
        let leftover = work.url.appendingPathComponent(".site.tmp-2147483646-9")
        try FileManager.default.moveItem(at: staged.staging, to: leftover)
        let removed = OutputFolder(site.path).removeLeftovers()
        #expect(removed == [leftover.path])
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(AtomicWriter.leftoverProcess(".site.tmp-12-34", of: "site") == 12)
        for name in [".site.tmp-12-34x", ".site.tmp-12", ".site.tmp--34", ".site.tmp-12-34-5", ".site.new-12-34", ".sites.tmp-12-34", "site.tmp-12-34"] {
            #expect(AtomicWriter.leftoverProcess(name, of: "site") == nil, "\(name)")
        }
    }

    /// A killed `init` or build may leave an empty folder set aside, or a staging folder without
    /// its marker yet: an empty one of a dead process is removed; one holding anything without
    /// evident's manifest, or a live process's, is left.
    @Test func anEmptyLeftoverIsRemovedAndOneHoldingAnythingUnvouchedIsLeft() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let fm = FileManager.default
        let site = work.url.appendingPathComponent("content")
        let empty = work.url.appendingPathComponent(".content.old-2147483646-9")
        let emptyStaging = work.url.appendingPathComponent(".content.tmp-2147483646-10")
        let holding = work.url.appendingPathComponent(".content.old-2147483646-11")
        let live = work.url.appendingPathComponent(".content.old-\(getpid())-12")
        for folder in [empty, emptyStaging, holding, live] { try fm.createDirectory(at: folder, withIntermediateDirectories: false) }
        try Data("mine".utf8).write(to: holding.appendingPathComponent("notes.md"))
        let removed = OutputFolder(site.path).removeLeftovers()
        #expect(removed == [empty.path, emptyStaging.path])
        #expect(try fm.contentsOfDirectory(atPath: work.url.path).sorted() == [holding.lastPathComponent, live.lastPathComponent].sorted())
        #expect(try Data(contentsOf: holding.appendingPathComponent("notes.md")) == Data("mine".utf8))
    }

    /// A rebuild confirms the previous site's files by the bytes it makes: a file it makes again
    /// with the same bytes is linked, keeps its listed size and hash and is not read again; a file
    /// it does not make again, or makes with other bytes, is read before the swap, and one whose
    /// bytes are no longer those listed stops the swap with the same refusal as `check`.
    @Test func aRebuildConfirmsThePreviousFilesBeforeTheSwap() throws {
        let work = try TemporaryTree([:])
        defer { work.remove() }
        let site = work.url.appendingPathComponent("site")
        try Self.writeSite(Self.pages, to: site)
        let manifestBefore = try Data(contentsOf: site.appendingPathComponent(SiteManifest.fileName))
        func rebuild(_ files: [String: String]) throws {
            let previous = try OutputFolder(site.path).prepare(guarding: [])
            let staged = try StagedDirectory(replacing: site, recordingSite: true, previousSite: previous)
            do {
                for (path, text) in files { try staged.write(Data(text.utf8), at: path) }
                try staged.commit()
            } catch {
                staged.discard()
                throw error
            }
        }
        func inode(_ path: String) -> UInt64 {
            var info = stat()
            return lstat(site.path + "/" + path, &info) == 0 ? UInt64(info.st_ino) : 0
        }

        // The same pages: each linked, and the manifest is the one a fresh build writes.
        let before = inode("objectives/a.html")
        try rebuild(Self.pages)
        #expect(inode("objectives/a.html") == before)
        #expect(try Data(contentsOf: site.appendingPathComponent(SiteManifest.fileName)) == manifestBefore)

        // A page with other bytes, and one no longer made: both read, both intact, so swapped.
        var changed = Self.pages
        changed["objectives/a.html"] = "b"
        changed["index.html"] = nil
        try rebuild(changed)
        #expect(try String(contentsOf: site.appendingPathComponent("objectives/a.html"), encoding: .utf8) == "b")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/index.html"))

        // The same size, other bytes, edited in the previous site: refused before the swap, and
        // the folder left as it was, whether the build makes that page again or not.
        for remade in [true, false] {
            try Self.writeSite(Self.pages, to: site)
            try Data("<!DOCTYPE HTML>".utf8).write(to: site.appendingPathComponent("index.html"))
            var pages = Self.pages
            if !remade { pages["index.html"] = nil }
            #expect(throws: OutputFolder.Refusal.foreign(output: site.path, entry: site.path + "/index.html", reason: .changed)) {
                try rebuild(pages)
            }
            #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "<!DOCTYPE HTML>")
            #expect(try String(contentsOf: site.appendingPathComponent("objectives/a.html"), encoding: .utf8) == "a")
        }
    }
}
