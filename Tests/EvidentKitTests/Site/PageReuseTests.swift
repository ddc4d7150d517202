import Crypto
import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// A build takes an objective's page from the site it replaces when the page's inputs are those the
/// previous manifest lists for it (`PageInputs`). Whatever was edited, the site must be the one a
/// build into an empty folder makes, byte for byte.
@Suite struct PageReuseTests {
    /// A copy of the example content, an empty theme folder, and where the sites go.
    struct Work {
        let root: URL
        var content: URL { root.appendingPathComponent("content") }
        var templates: URL { root.appendingPathComponent("templates") }
        var site: URL { root.appendingPathComponent("site") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("evident-reuse-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: SiteTestSupport.repository.appendingPathComponent("content"), to: content)
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            // A link from one objective's body to another's file: the page shows where that file's page is.
            let incident = content.appendingPathComponent(Self.linking)
            let text = String(decoding: try Data(contentsOf: incident), as: UTF8.self)
            try Data((text + "\nSee also [the change objective](../change/OBJ-CHG-01.md).\n").utf8).write(to: incident)
        }

        static let linking = "objectives/process/incident/OBJ-INC-01.md"
        static let linked = "objectives/process/change/OBJ-CHG-01.md"

        func remove() { try? FileManager.default.removeItem(at: root) }

        /// The user's cache folder for these builds, which holds the key of `PageSeal`.
        var cache: URL { root.appendingPathComponent("cache") }

        @discardableResult
        func build(into folder: URL? = nil, asOf: Day = Self.asOf) throws -> SitePublication.Outcome {
            try SitePublication.build(content: content.path, templates: templates.path, output: (folder ?? site).path, asOf: asOf,
                                      seal: PageSeal.load(cacheFolder: cache.path))
        }

        /// The text files of the content, inside it, sorted.
        func textFiles() -> [String] {
            IncrementalLoadTests.files(content).filter { [".md", ".csv", ".yml"].contains(where: $0.hasSuffix) && !$0.hasPrefix("evidence/") }
        }

        static let asOf = Day(iso: "2026-11-29")!
    }

    static func objectivePages(_ outcome: SitePublication.Outcome) -> Set<String> {
        outcome.paths.filter { $0.hasPrefix("objectives/") }
    }

    @Test func aRebuildOfUnchangedContentTakesEveryObjectivePageAndListsItsInputs() throws {
        let work = try Work()
        defer { work.remove() }
        let first = try work.build()
        #expect(first.kept.isEmpty)
        let pages = Self.objectivePages(first)
        #expect(pages.count == first.result.model.content.objectives.count)
        let before = folderSnapshot(work.site)
        let second = try work.build()
        #expect(second.kept == pages)
        #expect(folderSnapshot(work.site) == before)

        // The manifest lists the inputs of objective pages, and of nothing else.
        guard case let .success(manifest) = OutputFolder.readManifest(in: work.site.path) else {
            Issue.record("no manifest")
            return
        }
        #expect(Set(manifest.files.filter { $0.value.inputs != nil }.keys) == pages)
    }

    /// Random edits of every kind of content file (a word swapped for another of the same file, a
    /// line doubled or dropped), of the theme and of the day, and edits that add or remove files:
    /// after each, the rebuild into the last site equals a build into an empty folder, manifest
    /// included. A key that missed anything a page shows would keep a page the clean build makes
    /// differently.
    @Test func aRebuildAfterRandomEditsEqualsACleanBuild() throws {
        let work = try Work()
        defer { work.remove() }
        try work.build()
        var random = SplitMix64(seed: 0x5EED_0F_9A6E)
        var asOf = Work.asOf
        var keptAny = false
        for step in 0..<32 {
            let edit: String
            switch step % 8 {
            case 5:
                // The theme: a partial every page shows, or the stylesheet, overridden or changed.
                let (file, text) = step % 16 == 5 ? ("partials/footer.mustache", "<footer>Footer \(random.next() % 1000)</footer>\n")
                    : ("assets/style.css", "body { margin: \(random.next() % 9)px; }\n")
                try Data(text.utf8).write(to: work.templates.appendingPathComponent(file).creatingFolder())
                edit = "templates/" + file
            case 6:
                asOf = Day(iso: "2026-12-0\(1 + random.next() % 9)") ?? asOf
                edit = "as of \(asOf)"
            case 7:
                edit = try Self.addOrRemove(step / 8, in: work.content, &random)
            default:
                // Every other time an objective's file, which most files are not.
                let files = work.textFiles().filter { step % 2 == 0 || $0.hasPrefix("objectives/") }
                let file = files[Int(random.next() % UInt64(files.count))]
                edit = try Self.mutate(work.content.appendingPathComponent(file), &random) + " in " + file
            }
            let rebuilt = try work.build(asOf: asOf)
            let clean = work.root.appendingPathComponent("clean-\(step)")
            try work.build(into: clean, asOf: asOf)
            let (incremental, fresh) = (folderSnapshot(work.site), folderSnapshot(clean))
            #expect(incremental.keys.sorted() == fresh.keys.sorted(), "after \(edit)")
            for (path, data) in fresh where incremental[path] != data {
                Issue.record("after \(edit): \(path) differs from a clean build's")
            }
            #expect(rebuilt.kept.isSubset(of: Self.objectivePages(rebuilt)))
            keptAny = keptAny || !rebuilt.kept.isEmpty
            try FileManager.default.removeItem(at: clean)
        }
        // Most edits touch one file: the others' pages were taken, so the comparison tried reuse.
        #expect(keptAny)
    }

    /// Adds an objective (a copy of one under a new id), removes a measurement file, adds an
    /// evidence file, or moves the objective file another's body links to; returns what it did.
    static func addOrRemove(_ round: Int, in content: URL, _ random: inout SplitMix64) throws -> String {
        let manager = FileManager.default
        func files(_ folder: String, _ suffix: String) -> [String] {
            IncrementalLoadTests.files(content, under: folder).filter { $0.hasSuffix(suffix) }
        }
        switch round % 4 {
        case 3:
            // The file another objective's body links to moves: the link no longer finds its page.
            let moved = "objectives/moved/OBJ-CHG-01.md"
            try manager.createDirectory(at: content.appendingPathComponent("objectives/moved"), withIntermediateDirectories: true)
            try manager.moveItem(at: content.appendingPathComponent(Work.linked), to: content.appendingPathComponent(moved))
            return Work.linked + " moved to " + moved
        case 0:
            let objectives = files("objectives", ".md")
            let source = objectives[Int(random.next() % UInt64(objectives.count))]
            let text = String(decoding: try Data(contentsOf: content.appendingPathComponent(source)), as: UTF8.self)
            let id = "OBJ-NEW-\(round)"
            let copy = text.replacingOccurrences(of: #"(?m)^id: .*$"#, with: "id: \(id)", options: .regularExpression)
            try Data(copy.utf8).write(to: content.appendingPathComponent("objectives/\(id).md"))
            return "objectives/\(id).md added, a copy of \(source)"
        case 1:
            let measurements = files("measurements", ".csv")
            let file = measurements[Int(random.next() % UInt64(measurements.count))]
            try manager.removeItem(at: content.appendingPathComponent(file))
            return file + " removed"
        default:
            let file = "evidence/added-\(round).txt"
            try Data("evidence\n".utf8).write(to: content.appendingPathComponent(file).creatingFolder())
            return file + " added"
        }
    }

    /// One random edit of a text file; returns what it did.
    static func mutate(_ file: URL, _ random: inout SplitMix64) throws -> String {
        var lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).components(separatedBy: "\n")
        guard lines.count > 1 else { return "nothing" }
        let index = Int(random.next() % UInt64(lines.count - 1))
        let done: String
        switch random.next() % 4 {
        case 0:
            lines.insert(lines[index], at: index)
            done = "line \(index + 1) doubled"
        case 1:
            lines.remove(at: index)
            done = "line \(index + 1) dropped"
        default:
            // A word of the line swapped for a word from elsewhere in the file.
            let words = lines.joined(separator: " ").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            let own = lines[index].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard let word = own.randomElement(using: &random), let other = words.randomElement(using: &random) else { return "nothing" }
            lines[index] = lines[index].replacingOccurrences(of: word, with: other)
            done = "line \(index + 1): \(word) → \(other)"
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        return done
    }

    /// A page edited in the site after the build is not taken: it is made again, and the build
    /// refuses to replace the folder, as it does for any file changed since evident wrote it.
    @Test func anEditedPageIsNotTakenAndTheFolderIsRefused() throws {
        let work = try Work()
        defer { work.remove() }
        let first = try work.build()
        let page = try #require(Self.objectivePages(first).sorted().first)
        let file = work.site.appendingPathComponent(page)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 2] ^= 0x20
        try bytes.write(to: file)
        let before = folderSnapshot(work.site)
        #expect(throws: OutputFolder.Refusal.foreign(output: work.site.path, entry: work.site.path + "/" + page, reason: .changed)) {
            try work.build()
        }
        #expect(folderSnapshot(work.site) == before)
    }

    /// A page changed in the site together with the manifest's size and hash for it is not taken:
    /// the manifest's inputs are sealed with a key outside the site. The rebuild makes the page
    /// again, and the site is the clean build's.
    @Test func aPageForgedWithItsManifestEntryIsMadeAgain() throws {
        let work = try Work()
        defer { work.remove() }
        let first = try work.build()
        let page = try #require(Self.objectivePages(first).sorted().first)
        let before = try Data(contentsOf: work.site.appendingPathComponent(page))
        let forged = Data(String(decoding: before, as: UTF8.self).replacingOccurrences(of: "</main>", with: "<p>Forged.</p></main>").utf8)
        #expect(forged != before)
        try forged.write(to: work.site.appendingPathComponent(page))
        let manifestURL = work.site.appendingPathComponent(SiteManifest.fileName)
        guard case var .success(manifest) = SiteManifest.parse(try Data(contentsOf: manifestURL)), let listed = manifest.files[page] else {
            Issue.record("no manifest entry for \(page)")
            return
        }
        manifest.files[page] = SiteManifest.File(size: UInt64(forged.count), sha256: Hex.lowercase(SHA256.hash(data: forged)), inputs: listed.inputs)
        try manifest.data.write(to: manifestURL)

        let rebuilt = try work.build()
        #expect(!rebuilt.kept.contains(page))
        #expect(rebuilt.kept.count == Self.objectivePages(rebuilt).count - 1)
        #expect(try Data(contentsOf: work.site.appendingPathComponent(page)) == before)
    }

    /// A key staged by a run killed while making it is removed by the next run; one a running
    /// process stages, a link, and other names are left alone.
    @Test func aKilledRunsStagedKeyIsRemoved() throws {
        let work = try Work()
        defer { work.remove() }
        let folder = work.cache.appendingPathComponent("evident")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ended = try TemporaryContentTests.endedProcess()
        let name = PageSeal.fileName
        let dead = ".\(name).tmp-\(ended)-1", running = ".\(name).tmp-\(getpid())-2"
        let other = "\(name).tmp-\(ended)-3", link = ".\(name).tmp-\(ended)-4"
        for entry in [dead, running, other] {
            try Data(repeating: 7, count: PageSeal.keyBytes).write(to: folder.appendingPathComponent(entry))
        }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(link).path,
                                                   withDestinationPath: folder.appendingPathComponent(other).path)
        _ = try #require(PageSeal.load(cacheFolder: work.cache.path))
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == [name, running, other, link])
    }

    /// The key is made once, readable by its user alone, and used again; a key file anyone else
    /// may read, of another size, or a link, is not used, and no page is then taken.
    @Test func theKeyIsPrivateAndKept() throws {
        let work = try Work()
        defer { work.remove() }
        let first = try #require(PageSeal.load(cacheFolder: work.cache.path))
        let path = work.cache.appendingPathComponent("evident/\(PageSeal.fileName)").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        #expect((attributes[.size] as? Int) == PageSeal.keyBytes)
        let folder = try FileManager.default.attributesOfItem(atPath: work.cache.appendingPathComponent("evident").path)
        #expect((folder[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
        let again = try #require(PageSeal.load(cacheFolder: work.cache.path))
        #expect(first.seal(inputs: "a", sha256: "b") == again.seal(inputs: "a", sha256: "b"))
        #expect(first.seal(inputs: "a", sha256: "b") != first.seal(inputs: "a", sha256: "c"))

        // Each refused key is said why, for build's note (which asks to delete it): without one,
        // every page would be made, build after build, and no one told.
        #expect(PageSeal.unusable(at: path) == nil)
        #expect(PageSeal.unusable(at: path + "-missing") == nil)
        #expect(PageSeal.unusable(at: path + "/below-a-file") == nil)
        chmod(path, 0o644)
        #expect(PageSeal.load(cacheFolder: work.cache.path) == nil)
        #expect(PageSeal.unusable(at: path) == "other users may read or change it: mode 644")
        try Data(repeating: 7, count: 31).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        #expect(PageSeal.load(cacheFolder: work.cache.path) == nil)
        #expect(PageSeal.unusable(at: path) == "it holds 31 bytes, not 32")
        try FileManager.default.removeItem(atPath: path)
        let elsewhere = work.root.appendingPathComponent("key")
        try Data(repeating: 7, count: 32).write(to: elsewhere)
        chmod(elsewhere.path, 0o600)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: elsewhere.path)
        #expect(PageSeal.load(cacheFolder: work.cache.path) == nil)
        #expect(PageSeal.unusable(at: path) == "it is a link")
        // A FIFO in its place is refused at once, not waited on.
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        #expect(PageSeal.load(cacheFolder: work.cache.path) == nil)
        #expect(PageSeal.unusable(at: path) == "it is not a plain file")

        // Without a key, the manifest lists no inputs and nothing is taken.
        let unsealed = try SitePublication.build(content: work.content.path, templates: work.templates.path, output: work.site.path,
                                                 asOf: Work.asOf)
        let again2 = try SitePublication.build(content: work.content.path, templates: work.templates.path, output: work.site.path,
                                               asOf: Work.asOf)
        #expect(unsealed.kept.isEmpty && again2.kept.isEmpty)
        guard case let .success(manifest) = OutputFolder.readManifest(in: work.site.path) else {
            Issue.record("no manifest")
            return
        }
        #expect(manifest.files.values.allSatisfy { $0.inputs == nil })
    }

    /// The user's cache folder is `$XDG_CACHE_HOME` when absolute, else `~/.cache`.
    @Test func theCacheFolderIsTheUsers() {
        #expect(PageSeal.userCacheFolder(["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c")
        #expect(PageSeal.userCacheFolder(["XDG_CACHE_HOME": "relative", "HOME": "/h"]) == "/h/.cache")
        #expect(PageSeal.userCacheFolder([:]) == nil)
    }

    /// A page's inputs are told by every field of its findings: the key writes the fields
    /// `Finding` codes, no fewer.
    @Test func theKeyWritesEveryFieldOfAFinding() throws {
        var finding = Finding(rule: "r", severity: .error, obligation: .measurable, message: "m",
                              location: SourceLocation(file: "f", line: 1, column: 2), objective: "o")
        finding.standards = ["iso9001"]
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(finding)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["rule", "severity", "obligation", "message", "location", "objective", "item", "standards", "unlisted"])
        let location = json?["location"] as? [String: Any]
        #expect(Set(location?.keys ?? [:].keys) == ["file", "line", "column"])

        // Each field changes the key.
        func key(_ f: Finding) -> [UInt8] {
            var key = PageInputs.Key()
            key.add(f)
            return key.finish()
        }
        var changed = Array(repeating: finding, count: 11)
        changed[0].rule = "s"
        changed[1].severity = .warning
        changed[2].obligation = .planned
        changed[3].message = "n"
        changed[4].location = SourceLocation(file: "g", line: 1, column: 2)
        changed[5].location = SourceLocation(file: "f", line: 2, column: 2)
        changed[6].location = SourceLocation(file: "f", line: 1, column: 3)
        changed[7].objective = nil
        changed[8].item = nil
        changed[9].standards = nil
        changed[10].unlisted = 150
        let keys = Set(([finding] + changed).map(key))
        #expect(keys.count == changed.count + 1)
    }

    /// The manifest writes and reads each page's inputs; inputs that are not a SHA-256 make the
    /// manifest unreadable, so that they never vouch for a page.
    @Test func theManifestKeepsInputsAndRefusesMalformedOnes() {
        let digest = String(repeating: "ab", count: 32), inputs = String(repeating: "0f", count: 32)
        let manifest = SiteManifest(files: ["objectives/obj-a.html": SiteManifest.File(size: 3, sha256: digest, inputs: inputs),
                                            "index.html": SiteManifest.File(size: 1, sha256: digest)])
        #expect(SiteManifest.parse(manifest.data) == .success(manifest))
        let text = String(decoding: manifest.data, as: UTF8.self)
        for bad in [String(inputs.dropLast()), inputs.uppercased(), "../" + inputs.dropFirst(3)] {
            #expect(SiteManifest.parse(Data(text.replacingOccurrences(of: inputs, with: bad).utf8)) == .failure(.notJSON))
        }
    }

    @Test func theProgramHasAnIdentity() {
        #if os(Linux)
        #expect(PageInputs.program?.count == SHA256.byteCount)
        #endif
    }

    /// A load asked for digests has the SHA-256 of every file it read, by its path as findings
    /// print it; others have none.
    @Test func aLoadHasTheDigestsItWasAskedFor() throws {
        let work = try Work()
        defer { work.remove() }
        let plain = try ContentLoader.load(directory: work.content.path)
        #expect(plain.digests.isEmpty)
        let loaded = try ContentLoader.load(directory: work.content.path, digests: true)
        let objective = try #require(loaded.objectives.first)
        let relative = String(objective.file.dropFirst(ContentLoader.displayPath(work.content.path).count + 1))
        let text = try Data(contentsOf: work.content.appendingPathComponent(relative))
        #expect(loaded.digests[objective.file]?.bytes == Array(SHA256.hash(data: text)))
        #expect(FileDigest(Array(SHA256.hash(data: text)))?.bytes == Array(SHA256.hash(data: text)))
        #expect(FileDigest([1, 2, 3]) == nil)
        #expect(loaded.digests.count == work.textFiles().count)
    }
}

private extension URL {
    /// The URL, after making the folder that holds it.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
