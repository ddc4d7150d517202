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

    @Test func theOutputMayNotHoldTheContentOrTheCurrentFolder() throws {
        let work = try TemporaryTree(["content/evident.yml": "x"])
        defer { work.remove() }
        #expect(refusal(OutputFolder(work.path), guarding: [work.path + "/content"]) == .holds(output: work.path, guarded: work.path + "/content"))
        #expect(refusal(OutputFolder(work.path + "/content/evident.yml"), guarding: []) == .notAFolder(work.path + "/content/evident.yml"))
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
        #expect(OutputFolder.leftoverProcess(".site.tmp-12-34", of: "site") == 12)
        for name in [".site.tmp-12-34x", ".site.tmp-12", ".site.tmp--34", ".site.tmp-12-34-5", ".site.new-12-34", ".sites.tmp-12-34", "site.tmp-12-34"] {
            #expect(OutputFolder.leftoverProcess(name, of: "site") == nil, "\(name)")
        }
    }
}
