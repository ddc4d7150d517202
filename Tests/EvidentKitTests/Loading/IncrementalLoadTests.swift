import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite

/// `serve`'s incremental rebuild against a fresh full build: after random sequences of edits,
/// additions, removals and renames of files and folders of the example content, each reported to
/// the `FolderCache` as a watcher reports it, loading with the cache and rendering page by page
/// (`SiteRenderer`) gives exactly the findings and the site files of a load without it and
/// `SiteBuilder.build`.
@Suite struct IncrementalLoadTests {
    /// A deterministic generator (SplitMix64), so a failing sequence is replayed by its seed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let asOf = Day(iso: "2026-11-29")!

    /// A copy of the example content in a fresh folder.
    static func exampleCopy() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evident-incremental-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: SiteTestSupport.repository.appendingPathComponent("content"), to: url)
        return url
    }

    /// Every file under `root` (inside it, with `/`), sorted.
    static func files(_ root: URL, under folder: String = "") -> [String] {
        let base = folder.isEmpty ? root : root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path, isDirectory: &isFolder)
            if !isFolder.boolValue { out.append(folder.isEmpty ? relative : folder + "/" + relative) }
        }
        return out.sorted()
    }

    /// One random change to the tree; returns the paths a watcher reports for it.
    static func change(_ root: URL, _ rng: inout Seeded) throws -> [String] {
        let all = files(root).filter { !$0.hasPrefix("evidence/") && $0 != "evident.yml" }
        guard let file = all.randomElement(using: &rng) else { return [] }
        let url = root.appendingPathComponent(file)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        switch Int.random(in: 0..<11, using: &rng) {
        case 0, 1:
            // An edit to the body or the last row: the page's text changes, the model may not.
            let line = file.hasSuffix(".csv") ? "2026-10,\(Int.random(in: 1...99, using: &rng)),edited\n" : "\nEdited \(rng.next()).\n"
            try Data((text + line).utf8).write(to: url)
        case 2:
            // An edit of a field: a title, an id (perhaps another's: a duplicate), a target.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let fields = ["title: Retitled \(rng.next() % 1000)", "id: OBJ-INC-0\(Int.random(in: 1...3, using: &rng))", "target: \">= 12 %\""]
            let field = fields.randomElement(using: &rng) ?? fields[0]
            let key = field.prefix { $0 != ":" }
            var edited = lines.map { $0.hasPrefix(key + ":") ? Substring(field) : $0 }
            if edited == lines, edited.count > 2 { edited.insert(Substring(field), at: 1) }
            try Data(edited.joined(separator: "\n").utf8).write(to: url)
        case 3:
            // Front matter that no longer parses: the file loses its page and gets a finding.
            try Data(text.replacingOccurrences(of: "\n", with: "\n  : [broken\n", options: [], range: text.range(of: "\n")).utf8).write(to: url)
        case 4:
            // A new file: a copy under another name (the same id twice, or another objective's rows).
            let copy = (file as NSString).deletingPathExtension + "-copy-\(rng.next() % 100)." + (file as NSString).pathExtension
            try FileManager.default.copyItem(at: url, to: root.appendingPathComponent(copy))
            return [copy]
        case 5:
            try FileManager.default.removeItem(at: url)
            return [file]
        case 6:
            // A rename in the same folder, as an editor's save-as and delete does.
            let renamed = (file as NSString).deletingLastPathComponent + "/renamed-\(rng.next() % 100)-" + (file as NSString).lastPathComponent
            try FileManager.default.moveItem(at: url, to: root.appendingPathComponent(renamed))
            return [file, renamed]
        case 7:
            // A folder renamed: the watcher names the folder, not the files in it.
            let folder = (file as NSString).deletingLastPathComponent
            guard folder.contains("/") else { return [] }
            let renamed = folder + "-moved"
            try FileManager.default.moveItem(at: root.appendingPathComponent(folder), to: root.appendingPathComponent(renamed))
            return [folder, renamed]
        case 8:
            // A folder moved out of the tree, a file in it edited, and moved back: the watcher
            // names the folder only, and every file under it must be read again.
            let folder = (file as NSString).deletingLastPathComponent
            let away = root.deletingLastPathComponent().appendingPathComponent("away-\(UUID().uuidString)")
            try FileManager.default.moveItem(at: root.appendingPathComponent(folder), to: away)
            let inside = away.appendingPathComponent((file as NSString).lastPathComponent)
            try Data((text + "\nEdited away.\n").utf8).write(to: inside)
            try FileManager.default.moveItem(at: away, to: root.appendingPathComponent(folder))
            return [folder]
        case 9:
            // As editors save: a new hidden file in the same folder, renamed over the old one.
            let hidden = (file as NSString).deletingLastPathComponent + "/." + (file as NSString).lastPathComponent + ".tmp-save"
            try Data((text + "\nSaved \(rng.next()).\n").utf8).write(to: root.appendingPathComponent(hidden))
            try FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: root.appendingPathComponent(hidden), to: url)
            return [hidden, file]
        default:
            // Written again with the same bytes: reported, parsed again, the same.
            try Data(text.utf8).write(to: url)
        }
        return [file]
    }

    /// The findings and files of a fresh, full build of `root`.
    static func fullBuild(_ root: URL, theme: Theme) throws -> ([Finding], [String: Data]) {
        let content = try ContentLoader.load(directory: root.path, displayRoot: ContentLoader.publishedRoot)
        let result = Checker.check(content, asOf: asOf)
        return (result.findings, try SiteBuilder.build(result: result, theme: theme))
    }

    /// The findings and files of a build as `serve` makes it after `changed`: the folder cache,
    /// the incremental check and the site that reuses the last one's index.
    static func incrementalBuild(_ root: URL, theme: Theme, cache: FolderCache, checker: IncrementalChecker, sites: IncrementalSite,
                                 changed: [String]? = nil) throws -> ([Finding], [String: Data]) {
        if let changed {
            cache.changed(changed)
            checker.changed(changed)
        }
        let content = try ContentLoader.load(directory: root.path, displayRoot: ContentLoader.publishedRoot, folder: cache)
        let result = checker.check(content, asOf: asOf)
        return (result.findings, try sites.renderer(for: result, theme: theme, checkedBy: checker).all())
    }

    /// An edit of an objective's prose alone: its title, its statement (perhaps a line longer,
    /// which moves the fields below) or its body.
    static func proseChange(_ root: URL, _ rng: inout Seeded) throws -> [String] {
        guard let file = files(root, under: "objectives").randomElement(using: &rng) else { return [] }
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = switch Int.random(in: 0..<4, using: &rng) {
        case 0: text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Reworded \(rng.next() % 100) ")
        case 1: text.replacingOccurrences(of: "\nstatement: ", with: "\nstatement: Restated, ")
        case 2: text.replacingOccurrences(of: "\nstatement: ", with: "\nstatement: >-\n  Restated,\n  ")
        default: text + "\nRewritten \(rng.next()).\n"
        }
        try Data(edited.utf8).write(to: url)
        return [file]
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64]) func randomChangesGiveTheFullBuildsSite(seed: UInt64) throws {
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try Theme.embedded()
        let cache = FolderCache(), checker = IncrementalChecker(), sites = IncrementalSite()
        var rng = Seeded(state: seed)
        _ = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites)
        var kept = 0
        for step in 0..<8 {
            // Every other change is of prose alone, which keeps the last site's index.
            let changed = step % 2 == 0 ? try Self.proseChange(root, &rng) : try Self.change(root, &rng)
            let (findings, files) = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites, changed: changed)
            if checker.lastEdit.edit != .other { kept += 1 }
            let (expectedFindings, expectedFiles) = try Self.fullBuild(root, theme: theme)
            #expect(findings == expectedFindings, "seed \(seed), step \(step), after changing \(changed)")
            #expect(files.keys.sorted() == expectedFiles.keys.sorted(), "seed \(seed), step \(step), after changing \(changed)")
            for (path, data) in expectedFiles where files[path] != data {
                Issue.record("seed \(seed), step \(step), after changing \(changed): \(path) differs")
            }
            // The cache was used: most files were not parsed again.
            let (parsed, reused) = cache.lastLoad
            #expect(reused > parsed, "seed \(seed), step \(step): \(parsed) parsed, \(reused) reused")
        }
        // The index was reused: some changes were of objectives in place.
        #expect(kept > 0, "seed \(seed)")
    }

    /// `serve`'s site keeps the last index after an edit of objectives in place that keeps their
    /// ids, owners and functions (of prose alone, or of a target or status), and makes it again
    /// after any other: an id (the page's name), an owner (the owners' anchors), a function.
    @Test func theSiteIndexIsKeptOnlyWhileTheObjectivesPagesAndOwnersStay() throws {
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try Theme.embedded()
        let cache = FolderCache(), checker = IncrementalChecker(), sites = IncrementalSite()
        _ = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites)
        let file = "objectives/process/incident/OBJ-INC-01.md"
        let edits: [(String, String, IncrementalChecker.ObjectiveEdit)] = [
            ("title: Restore", "title: Recover", .prose),
            ("id: OBJ-INC-01", "id: OBJ-INC-77", .other),
            ("statement: ", "statement: Restated, ", .prose),
            ("owner: ", "owner: Deputy ", .other),
            ("target: \"<= 4 h\"", "target: \"<= 1 h\"", .inPlace),
            ("status: active", "status: retired", .inPlace),
            ("function: ", "function: x", .other),
        ]
        for (old, new, edit) in edits {
            let url = root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "\(old)")
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
            let (findings, files) = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites, changed: [file])
            #expect(checker.lastEdit.edit == edit, "\(new)")
            let (expectedFindings, expectedFiles) = try Self.fullBuild(root, theme: theme)
            #expect(findings == expectedFindings, "\(new)")
            #expect(files.keys.sorted() == expectedFiles.keys.sorted(), "\(new)")
            for (path, data) in expectedFiles where files[path] != data { Issue.record("after \(new): \(path) differs") }
        }

        // Two objectives with one id, one of them edited: the other's summary is made again too.
        let twin = "objectives/process/incident/OBJ-INC-01-twin.md"
        try FileManager.default.copyItem(at: root.appendingPathComponent(file), to: root.appendingPathComponent(twin))
        _ = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites, changed: [twin])
        for target in ["<= 2 h", "<= 9 h"] {
            let url = root.appendingPathComponent(twin)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacing(#/target: "[^"]*"/#, with: "target: \"\(target)\"").utf8).write(to: url)
            let (findings, files) = try Self.incrementalBuild(root, theme: theme, cache: cache, checker: checker, sites: sites, changed: [twin])
            #expect(checker.lastEdit.edit == .inPlace)
            let (expectedFindings, expectedFiles) = try Self.fullBuild(root, theme: theme)
            #expect(findings == expectedFindings)
            for (path, data) in expectedFiles where files[path] != data { Issue.record("twin at \(target): \(path) differs") }
        }
    }

    @Test func onlyTheFilesReportedChangedAreParsedAgain() throws {
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FolderCache()
        let first = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        let count = first.objectives.count + first.requirements.count + first.reviews.count + first.communications.count
            + first.measurementFiles.count + 3  // evident.yml, policy.md and risks.md
        #expect(cache.lastLoad == (parsed: count, reused: 0))

        // Nothing reported: nothing read, even a file edited behind the cache's back.
        let file = "objectives/process/incident/OBJ-INC-01.md"
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: Restore", with: "title: Recover").utf8).write(to: root.appendingPathComponent(file))
        let unreported = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        #expect(cache.lastLoad == (parsed: 0, reused: count))
        #expect(unreported.objectives.contains { $0.title?.value.hasPrefix("Restore") == true })

        // Reported: that file alone is read again, and the measurement rows are the last load's.
        cache.changed([file])
        let reported = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        #expect(cache.lastLoad == (parsed: 1, reused: count - 1))
        #expect(reported.objectives.contains { $0.title?.value.hasPrefix("Recover") == true })
        #expect(reported.measurements.count == first.measurements.count)
        // Put in its place in the last load's content, which is what a full load gives.
        #expect(cache.lastLoadWasPatched)
        let full = try ContentLoader.load(directory: root.path, displayRoot: "content")
        #expect(reported.objectives.map(\.title?.value) == full.objectives.map(\.title?.value))
        #expect(reported.loadFindings == full.loadFindings)

        // A file parsed again with a finding: the content is gathered in full.
        try Data(text.replacingOccurrences(of: "\n", with: "\n  : [broken\n", options: [], range: text.range(of: "\n")).utf8)
            .write(to: root.appendingPathComponent(file))
        cache.changed([file])
        let broken = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        #expect(!cache.lastLoadWasPatched)
        #expect(broken.loadFindings == (try ContentLoader.load(directory: root.path, displayRoot: "content")).loadFindings)
        #expect(broken.loadFindings.count > full.loadFindings.count)
        // Fixed again: gathered in full too, since the file had a finding before.
        try Data(text.utf8).write(to: root.appendingPathComponent(file))
        cache.changed([file])
        _ = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        #expect(!cache.lastLoadWasPatched)

        // A folder reported: every file under it; the whole tree: every file.
        cache.changed(["objectives/process"])
        _ = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        let underProcess = Self.files(root, under: "objectives/process").count
        #expect(cache.lastLoad == (parsed: underProcess, reused: count - underProcess))
        cache.changed([""])
        _ = try ContentLoader.load(directory: root.path, displayRoot: "content", folder: cache)
        #expect(cache.lastLoad == (parsed: count, reused: 0))

        // Another display root: the findings would name other paths, so nothing is reused.
        _ = try ContentLoader.load(directory: root.path, displayRoot: "elsewhere", folder: cache)
        #expect(cache.lastLoad == (parsed: count, reused: 0))
    }

    @Test func aRenderedSiteHasEveryFileOfTheBuiltSiteWithTheSameBytes() throws {
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let theme = try Theme.embedded()
        let renderer = try SiteRenderer(result: result, theme: theme)
        #expect(try renderer.file("objectives/no-such.html") == nil)
        #expect(try renderer.all() == SiteBuilder.build(result: result, theme: theme))
    }
}
