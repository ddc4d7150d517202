import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel

/// A revision is loaded from memory (with `evidence/` written out); it must load exactly as the
/// same files on disk do.
@Suite struct RevisionLoadingTests {
    static let extra: [String: String] = [
        // `walk` lists `objectives/a/…` before `objectives/a.md`, and skips hidden and foreign files.
        "objectives/a.md": DiffScenario.objective("OBJ-A-01"),
        "objectives/a/b.md": DiffScenario.objective("OBJ-A-01"),
        // Several folders, one nested, and an upper-case ending: listed in walk order.
        "objectives/b/c.md": DiffScenario.objective("OBJ-B-01"),
        "objectives/b/d/e.MD": DiffScenario.objective("OBJ-B-02"),
        "objectives/b/f.mdx": "not an objective\n",
        "objectives/.draft.md": DiffScenario.objective("OBJ-HID-01"),
        "objectives/notes.txt": "not an objective\n",
        "measurements/OBJ-A-01.csv": "period,value\n2026-10,abc\n",
        "evidence/.hidden.csv": "x\n",
        "README.md": "ignored\n",
        // Leftovers: not read beside measurements, not evidence under `evidence/`, a row naming one.
        "measurements/~$OBJ-A-01.csv": "\u{5}Alex\n",
        "evidence/Thumbs.db": "x", "evidence/~$board-report.docx": "x",
        "measurements/OBJ-B-01.csv": "period,value,note,evidence\n2026-10,1,,~$board-report.docx\n",
        // A folder and a file evident reads, in another letter case.
        "Evidence/board-pack.pdf": "x", "Policy.md": "x",
    ]

    @Test func memoryAndDiskLoadTheSame() throws {
        let tree = try TemporaryTree(ExampleTree.base.merging(Self.extra) { $1 })
        defer { tree.remove() }
        let disk = try ContentLoader.load(directory: tree.path, displayRoot: "content")
        var files: [(path: String, data: Data, object: String?)] = []
        for (path, text) in ExampleTree.base.merging(Self.extra, uniquingKeysWith: { $1 }) { files.append((path, Data(text.utf8), nil)) }
        let memory = ContentLoader.load(files: files.shuffled(), displayRoot: "content", rootPath: disk.rootPath)

        #expect(memory.objectives.map(\.file) == disk.objectives.map(\.file))
        #expect(memory.objectives.map(\.file) == ["content/objectives/OBJ-INC-01.md", "content/objectives/a/b.md", "content/objectives/a.md",
                                                     "content/objectives/b/c.md", "content/objectives/b/d/e.MD"])
        #expect(memory.measurements.count == disk.measurements.count)
        #expect(memory.evidenceFiles == disk.evidenceFiles)
        #expect(memory.evidenceFiles == ["extract-2026-10.csv"])
        let day = try DiffScenario.day()
        let a = Checker.check(disk, asOf: day).findings, b = Checker.check(memory, asOf: day).findings
        #expect(a.map { "\($0.location) \($0.rule) \($0.message)" } == b.map { "\($0.location) \($0.rule) \($0.message)" })
        #expect(a.contains { $0.rule == "syntax/duplicate-id" } && a.contains { $0.rule == "syntax/csv" })
        #expect(a.filter { $0.rule == "syntax/ignored-file" }.map { String($0.location.file.dropFirst("content/".count)) }.sorted()
            == ["Evidence", "Policy.md", "evidence/Thumbs.db", "evidence/~$board-report.docx", "measurements/OBJ-B-01.csv", "measurements/~$OBJ-A-01.csv",
                "objectives/b/f.mdx", "objectives/notes.txt"])
    }

    /// A revision's file whose name the pack cannot carry is reported as on disk.
    @Test func aRevisionsFileThePackCannotCarryIsReported() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        var files: [(path: String, data: Data, object: String?)] = ExampleTree.base.map { ($0.key, Data($0.value.utf8), nil) }
        files.append(("evidence/board\npack.pdf", Data("%PDF-1.4\n".utf8), nil))
        let memory = ContentLoader.load(files: files, displayRoot: "content", rootPath: tree.path)
        let found = memory.loadFindings.filter { $0.rule == "syntax/ignored-file" }
        #expect(found.map(\.location) == [.wholeFile("content/evidence/board\npack.pdf")])
    }

    /// `cat-file --batch` output is split into slices of it, which load like whole files (even from
    /// a Data that is itself a slice).
    @Test func batchOutputIsSlicedAndLoads() throws {
        let objective = DiffScenario.objective("OBJ-B-01")
        let batch = "xx" + "aaaa blob \(objective.utf8.count)\n\(objective)\n" + "bbbb blob 3\nx\ny\n"
        let data = Data(batch.utf8).dropFirst(2)
        let blobs = try RevisionReader.parseBatch(data, count: 2, label: "test")
        #expect(blobs.map { String(decoding: $0, as: UTF8.self) } == [objective, "x\ny"])
        guard case let .success(source) = SourceText.decode(blobs[0], path: "objectives/b.md") else {
            Issue.record("the slice did not decode")
            return
        }
        #expect(source.text == objective)
        #expect(throws: DiffFailure.self) { try RevisionReader.parseBatch(data, count: 3, label: "test") }
    }

    /// `ls-tree -r -z` records: blobs under the content folder, relative to it; no submodules,
    /// trees or paths with empty, `.` or `..` parts.
    @Test func listingRecords() {
        let records = [
            "100644 blob aaa\tcontent/objectives/a.md", "120000 blob bbb\tcontent/evidence/link.csv",
            "160000 commit ccc\tcontent/sub", "100644 blob ddd\tother/x.md", "100644 blob eee\tcontent//x.md",
            "100644 blob fff\tcontent/./x.md", "100644 blob ggg\tcontent/a/../x.md", "100644 blob hhh\tcontent/",
            "100644 blob iii\tcontent/a/", "garbage", "", "100644 blob jjj\tcontent/é/ü.md", "100644 blob kkk extra\tcontent/y.md",
        ]
        let listing = Data(records.joined(separator: "\u{0}").utf8)
        let files = RevisionReader.blobs(in: listing, under: "content")
        #expect(files.map { "\($0.path) \($0.object) \($0.isLink)" } == ["objectives/a.md aaa false", "evidence/link.csv bbb true",
                                                                          "é/ü.md jjj false"])
        #expect(RevisionReader.blobs(in: Data("100644 blob a1\ttop.md\u{0}".utf8), under: "").map(\.path) == ["top.md"])
        // The first part that is not UTF-8 is named, counted from 0; its bytes show as `�`.
        var raw = Data("100644 blob lll\tcontent/objectives/a".utf8) + [0xFF] + Data("/b".utf8) + [0xC3]
        raw += [0] + Data("100644 blob mmm\tcontent/".utf8) + [0xE9] + Data(".md\u{0}100644 blob nnn\tcontent/é.md".utf8)
        let parsed = RevisionReader.blobs(in: raw, under: "content")
        #expect(parsed.map(\.path) == ["objectives/a\u{FFFD}/b\u{FFFD}", "\u{FFFD}.md", "é.md"])
        #expect(parsed.map(\.undecodablePart) == [1, 0, nil])
        // Held for every file of both trees while they are checked: the mark takes no room.
        struct Unmarked { var path: String; var isLink: Bool; var data: Data; var object: String? }
        #expect(MemoryLayout<RevisionFile>.stride == MemoryLayout<Unmarked>.stride)
    }

    /// Once the first revision is parsed, the second holds no part of git's output: the bytes of
    /// a file whose parse the cache holds (same path, same object) are dropped, the others are
    /// copied out; and it loads exactly as it would have with every byte.
    @Test func theRevisionLeftToLoadLetsGoOfGitsOutput() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        let read = try reader.read([(s.first, "first"), (s.third, "third")], shownContent: "content")
        let (first, third) = (read[0], read[1])
        let root = FileManager.default.temporaryDirectory.path
        func files(_ list: [RevisionFile]) -> [(path: String, data: Data, object: String?)] { list.map { ($0.path, $0.data, $0.object) } }
        let cache = ParseCache()
        _ = ContentLoader.load(files: files(first), displayRoot: "content", rootPath: root, cache: cache)
        let detached = DiffLoader.detached(third, shownRoot: "content", cache: cache)
        #expect(detached.map(\.path) == third.map(\.path) && detached.map(\.object) == third.map(\.object))
        let dropped = Set(zip(third, detached).filter { !$0.data.isEmpty && $1.data.isEmpty }.map(\.1.path))
        #expect(dropped.contains("evident.yml") && dropped.contains("objectives/OBJ-INC-01.md") == false)
        // Moved (same bytes, another path), changed and added files keep their bytes, in storage of their own.
        for path in ["objectives/new/OBJ-INC-02.md", "objectives/OBJ-INC-01.md", "objectives/OBJ-NEW-01.md"] {
            let before = try #require(third.first { $0.path == path }), after = try #require(detached.first { $0.path == path })
            #expect(!after.data.isEmpty && after.data == before.data)
            let sameStorage = before.data.withUnsafeBytes { b in after.data.withUnsafeBytes { $0.baseAddress == b.baseAddress } }
            #expect(!sameStorage, "\(path) still points into git's output")
        }
        #expect(dropped == Set(third.filter { file in first.contains { $0.path == file.path && $0.object == file.object } && ContentWalker.kind(of: file.path).map { $0 != .evidence } == true }.map(\.path)))
        let day = try DiffScenario.day()
        let whole = ContentLoader.load(files: files(third), displayRoot: "content", rootPath: root, cache: ParseCache())
        let fromDetached = ContentLoader.load(files: files(detached), displayRoot: "content", rootPath: root, cache: cache)
        let shown = { (content: ContentSet) in Checker.check(content, asOf: day).findings.map { "\($0.location) \($0.rule) \($0.message)" } }
        #expect(fromDetached.objectives.map(\.file) == whole.objectives.map(\.file))
        #expect(shown(fromDetached) == shown(whole) && !shown(whole).isEmpty)
        // Without the first load's parses nothing is dropped.
        #expect(!DiffLoader.detached(third, shownRoot: "content", cache: ParseCache()).contains { $0.data.isEmpty && !$0.path.hasPrefix("evidence/") })
        // A revision with a link outside `evidence/` is written out whole: it keeps its files as they are.
        let linked = third + [RevisionFile(path: "objectives/link.md", isLink: true, data: Data("x.md".utf8), object: "0123")]
        #expect(DiffLoader.detached(linked, shownRoot: "content", cache: cache).map(\.data) == linked.map(\.data))
    }

    /// A folder's file gets the id `git hash-object` gives its bytes, in either object format:
    /// a byte-order mark, CR LF and an empty file included.
    @Test(arguments: [GitObjectFormat.sha1, .sha256])
    func aFolderFileGetsGitsBlobID(_ format: GitObjectFormat) throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        if format == .sha256 {
            try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".git"))
            try repo.git("init", "-q", "--object-format=sha256")
        }
        let texts = ["", "\u{FEFF}title: x\n", "a\r\nb\r\n", "é, ✓\n", String(repeating: "long line ", count: 5000)]
        for (n, text) in texts.enumerated() {
            try repo.write("f\(n)", text)
            let git = try repo.git("hash-object", "f\(n)").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(format.blobID(Data(text.utf8)) == git)
        }
        #expect(GitObjectFormat(objectID: String(repeating: "a", count: 40)) == .sha1)
        #expect(GitObjectFormat(objectID: String(repeating: "a", count: 64)) == .sha256)
        #expect(GitObjectFormat(objectID: "HEAD") == nil)
    }

    /// A diff against the working tree: once the folder is loaded, a revision holds no bytes of a
    /// file the folder has with the same path and bytes, and loads as it would from every byte.
    /// A file that differs only in its line endings is not the same file.
    @Test func aRevisionLetsGoOfTheFilesTheWorkingTreeShares() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let crlf = try s.repo.read("content/evident.yml").replacingOccurrences(of: "\n", with: "\r\n")
        try s.repo.write("content/evident.yml", crlf)
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        let first = try #require(try reader.read([(s.first, "first")], shownContent: "content").first)
        let cache = ParseCache(format: try #require(GitObjectFormat(objectID: s.first)))
        let folder = try ContentLoader.load(directory: s.repo.content, displayRoot: "content", cache: cache)
        let detached = DiffLoader.detached(first, shownRoot: "content", cache: cache)
        let dropped = Set(zip(first, detached).filter { !$0.data.isEmpty && $1.data.isEmpty }.map(\.1.path))
        let onDisk = { (path: String) in FileManager.default.contents(atPath: s.repo.content + "/" + path) }
        let shared = Set(first.filter { !$0.path.hasPrefix("evidence/") && onDisk($0.path) == $0.data }.map(\.path))
        #expect(dropped == shared)
        #expect(dropped.contains("policy.md") && !dropped.contains("evident.yml") && !dropped.contains("objectives/OBJ-INC-01.md"))
        let root = FileManager.default.temporaryDirectory.path
        let files = { (list: [RevisionFile]) in list.map { ($0.path, $0.data, $0.object) } }
        let fromDetached = ContentLoader.load(files: files(detached), displayRoot: "content", rootPath: root, cache: cache)
        let whole = ContentLoader.load(files: files(first), displayRoot: "content", rootPath: root, cache: ParseCache())
        let day = try DiffScenario.day()
        let shown = { (content: ContentSet) in Checker.check(content, asOf: day).findings.map { "\($0.location) \($0.rule) \($0.message)" } }
        #expect(shown(fromDetached) == shown(whole) && !shown(whole).isEmpty)
        #expect(cache.reusedPaths() == Set(shared.filter { ContentWalker.kind(of: $0) != nil }.map { "content/" + $0 }))
        #expect(folder.objectives.map(\.file).contains("content/objectives/OBJ-NEW-01.md") && !whole.objectives.map(\.file).contains("content/objectives/OBJ-NEW-01.md"))
    }

    /// A SHA-256 repository compares its working tree as a SHA-1 one does.
    @Test func aSHA256RepositoryComparesItsWorkingTree() throws {
        let repo = try GitFixture(content: [:])
        defer { repo.remove() }
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".git"))
        try repo.git("init", "-q", "-b", "main", "--object-format=sha256")
        try repo.git("config", "user.name", "Evident Tests")
        try repo.git("config", "user.email", "tests@example.invalid")
        try repo.git("config", "commit.gpgsign", "false")
        for (path, text) in ExampleTree.base { try repo.write("content/" + path, text) }
        let base = try repo.commit("First")
        #expect(base.utf8.count == 64)
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let diff = try ContentDiff.compare(base: .revision("HEAD"), head: .workingTree, content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.head.unchangedFiles.contains { $0.hasSuffix("content/policy.md") })
        #expect(!diff.head.unchangedFiles.contains { $0.hasSuffix("content/objectives/OBJ-INC-01.md") })
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"] && diff.added.isEmpty && diff.removed.isEmpty)
    }

    /// A closed cache still answers, but keeps nothing more: the last load's parses are looked up by no one.
    @Test func aClosedCacheKeepsNoParse() throws {
        let files: [(path: String, data: Data, object: String?)] = ExampleTree.base.map { ($0.key, Data($0.value.utf8), "id-" + $0.key) }
        let root = FileManager.default.temporaryDirectory.path
        let open = ParseCache()
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: open)
        #expect(open.holds(.objective, path: "content/objectives/OBJ-INC-01.md", object: "id-objectives/OBJ-INC-01.md"))
        let closed = ParseCache()
        closed.close()
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: closed)
        #expect(!closed.holds(.objective, path: "content/objectives/OBJ-INC-01.md", object: "id-objectives/OBJ-INC-01.md"))
        // What it held before closing still serves.
        open.close()
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: open)
        #expect(open.reusedPaths().contains("content/objectives/OBJ-INC-01.md"))
        // Released, it holds nothing, keeps nothing more, and still knows what was reused.
        let released = ParseCache()
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: released)
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: released)
        released.release()
        #expect(!released.holds(.objective, path: "content/objectives/OBJ-INC-01.md", object: "id-objectives/OBJ-INC-01.md"))
        _ = ContentLoader.load(files: files, displayRoot: "content", rootPath: root, cache: released)
        #expect(!released.holds(.objective, path: "content/objectives/OBJ-INC-01.md", object: "id-objectives/OBJ-INC-01.md"))
        #expect(released.reusedPaths().contains("content/objectives/OBJ-INC-01.md"))
    }

    @Test func kindsAndOrder() {
        #expect(ContentWalker.kind(of: "evident.yml") == .configuration)
        #expect(ContentWalker.kind(of: "policy.md") == .policy)
        #expect(ContentWalker.kind(of: "objectives/x/OBJ.MD") == .objective)
        #expect(ContentWalker.kind(of: "objectives/x.csv") == nil)
        #expect(ContentWalker.kind(of: "measurements/.x.csv") == nil)
        #expect(ContentWalker.kind(of: "evidence/a/b.png") == .evidence)
        #expect(ContentWalker.kind(of: "other/x.md") == nil)
        #expect(ContentWalker.kind(of: "objectives.md") == nil)
        let paths = ["reviews/r.md", "objectives/a.md", "policy.md", "objectives/a/b.md", "evident.yml", "requirements/z.md"]
        #expect(paths.sorted { ContentWalker.WalkOrder($0) < ContentWalker.WalkOrder($1) } == ["evident.yml", "policy.md", "requirements/z.md", "objectives/a/b.md", "objectives/a.md", "reviews/r.md"])
        // Names compared level by level, ASCII or not, as the walk sorts each folder's names.
        let mixed = ["objectives/é/a.md", "objectives/e.md", "objectives/a-b.md", "objectives/a/z.md", "objectives/ab.md",
                     "objectives/a.md", "objectives/é.md", "objectives/Z.md"]
        let expected = mixed.sorted { $0.split(separator: "/").lexicographicallyPrecedes($1.split(separator: "/")) }
        #expect(mixed.sorted { ContentWalker.WalkOrder($0) < ContentWalker.WalkOrder($1) } == expected)
        #expect(ContentWalker.kind(of: "objectives//a.md") == nil)
        #expect(ContentWalker.kind(of: "objectives/a/.b/c.md") == nil)
        #expect(ContentWalker.kind(of: "objectives/") == nil)
        #expect(ContentWalker.kind(of: "measurements/x/OBJ-1.CSV") == .measurement)
    }

    /// Two revisions are read in one pass, each blob once; each revision's list is what reading it
    /// alone gives.
    @Test func revisionsReadTogetherMatchRevisionsReadAlone() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        let together = try reader.read([(s.first, "first"), (s.third, "third")], shownContent: "content")
        let first = try #require(try reader.read([(s.first, "first")], shownContent: "content").first)
        let third = try #require(try reader.read([(s.third, "third")], shownContent: "content").first)
        for (pair, alone) in zip(together, [first, third]) {
            #expect(pair.map(\.path) == alone.map(\.path))
            #expect(pair.map(\.data) == alone.map(\.data))
            #expect(pair.map(\.object) == alone.map(\.object))
        }
        #expect(first.map(\.path).contains("objectives/OBJ-CHG-01.md"))
        #expect(!third.map(\.path).contains("objectives/OBJ-CHG-01.md"))
        // The same object id means the same bytes, and a changed file has another id.
        let id = { (files: [RevisionFile], path: String) in files.first { $0.path == path }?.object }
        #expect(id(first, "evident.yml") == id(third, "evident.yml"))
        #expect(id(first, "objectives/OBJ-INC-01.md") != id(third, "objectives/OBJ-INC-01.md"))
    }

    /// A file with the same path and git object id is parsed once across loads; another id, or the
    /// same id under another path, is parsed again.
    @Test func theCacheReusesAParseByObjectID() {
        let cache = ParseCache()
        let objective = Data(DiffScenario.objective("OBJ-A-01").utf8)
        let changed = Data(DiffScenario.objective("OBJ-A-01", ["target: \"<= 4 h\"": "target: \"<= 3 h\""]).utf8)
        let one = ContentLoader.load(files: [("objectives/a.md", objective, "111"), ("objectives/b.md", objective, "111")],
                                     displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        #expect(cache.reusedPaths().isEmpty)
        let two = ContentLoader.load(files: [("objectives/a.md", objective, "111"), ("objectives/b.md", changed, "222")],
                                     displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        #expect(cache.reusedPaths() == ["content/objectives/a.md"])
        #expect(one.objectives.map { $0.target?.value } == ["<= 4 h", "<= 4 h"])
        #expect(two.objectives.map { $0.target?.value } == ["<= 4 h", "<= 3 h"])
        // The id alone decides, without reading the bytes: git never gives one id to two texts, so
        // bytes that disagree with their id can only show that the id was used.
        let three = ContentLoader.load(files: [("objectives/b.md", changed, "111")],
                                       displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        #expect(three.objectives.map { $0.target?.value } == ["<= 4 h"])
    }

    /// A folder's files are found by the id git gives their bytes, as a revision's by git's own; a
    /// revision takes the rows of a measurement file the previous revision had as they are.
    @Test func theCacheReusesFolderFilesAndMeasurementRows() {
        let cache = ParseCache(format: .sha1)
        let objective = Data(DiffScenario.objective("OBJ-A-01").utf8)
        let rows = Data("period,value\n2026-09,3.1\n2026-10,abc\n".utf8)
        let other = Data("period,value\n2026-09,3.1\n2026-10,3.3\n".utf8)
        let id = GitObjectFormat.sha1.blobID(objective)
        let folder = ContentLoader.load(files: [("objectives/a.md", objective, nil)], displayRoot: "content",
                                        rootPath: "/nonexistent", cache: cache)
        let one = ContentLoader.load(files: [("objectives/a.md", objective, id), ("measurements/OBJ-A-01.csv", rows, "m1")],
                                     displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        #expect(cache.reusedPaths() == ["content/objectives/a.md"])
        #expect(folder.objectives.count == 1 && one.objectives.count == 1)
        let two = ContentLoader.load(files: [("objectives/a.md", objective, id), ("measurements/OBJ-A-01.csv", rows, "m1")],
                                     displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        let buffer = { (content: ContentSet) in content.measurementFiles.first?.rows.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(one.measurements.count == 1 && buffer(two) == buffer(one))
        #expect(two.measurementFiles.map(\.file) == one.measurementFiles.map(\.file))
        // The bad value is reported on both sides, rows shared or not.
        #expect(two.loadFindings.filter { $0.rule == "syntax/csv" }.count == 1)
        let three = ContentLoader.load(files: [("objectives/a.md", objective, id), ("measurements/OBJ-A-01.csv", other, "m2")],
                                       displayRoot: "content", rootPath: "/nonexistent", cache: cache)
        #expect(three.measurements.map(\.value) == [3.1, 3.3])
        #expect(buffer(three) != buffer(one))
    }

    @Test func aRevisionsEvidenceIsOnDiskForItsCheck() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let diff = try s.diff("v1", "HEAD")
        #expect(diff.base.model.content.evidenceFiles == ["extract-2026-10.csv"])
        #expect(!(diff.base.findings + diff.head.findings).contains { $0.rule == "monitored/evidence" })
    }

    /// An attachment's bytes are never read from git: 64 MB of zeros (a few kilobytes in git) was
    /// read into memory and written out for each revision. Its name is still there, so
    /// `monitored/evidence` finds it, and a link's target is still read.
    @Test func evidenceBytesAreNotReadFromARevision() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let evidence = s.repo.url.appendingPathComponent("content/evidence")
        let big = evidence.appendingPathComponent("big.bin")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 64 << 20)
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: evidence.appendingPathComponent("link.csv").path,
                                                   withDestinationPath: "extract-2026-10.csv")
        try s.repo.commit("A large attachment and a link")
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        let files = try #require(try reader.read([("HEAD", "HEAD")], shownContent: "content").first)
        let file = { (path: String) in files.first { $0.path == path } }
        #expect(file("evidence/big.bin")?.data.isEmpty == true)
        #expect(file("evidence/extract-2026-10.csv")?.data.isEmpty == true)
        #expect(file("evidence/link.csv")?.data == Data("extract-2026-10.csv".utf8))
        #expect(file("evident.yml")?.data.isEmpty == false)
        let diff = try s.diff("HEAD~1", "HEAD")
        #expect(diff.head.model.content.evidenceFiles.contains("big.bin"))
        #expect(!(diff.base.findings + diff.head.findings).contains { $0.rule == "monitored/evidence" })
    }

    /// Links under `evidence/` (to a folder, to a file) are judged in a revision as `check` judges
    /// them on disk: the working tree compared with the commit that holds them has the same
    /// findings on both sides, and a commit that adds them introduces those findings.
    @Test func evidenceLinksInARevisionHaveTheFindingsTheyHaveOnDisk() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let evidence = s.repo.url.appendingPathComponent("content/evidence")
        try FileManager.default.createDirectory(at: evidence.appendingPathComponent("archive"), withIntermediateDirectories: true)
        try s.repo.write("content/evidence/archive/minutes.txt", "minutes\n")
        try FileManager.default.createSymbolicLink(atPath: evidence.appendingPathComponent("current").path, withDestinationPath: "archive")
        try FileManager.default.createSymbolicLink(atPath: evidence.appendingPathComponent("link.csv").path,
                                                   withDestinationPath: "extract-2026-10.csv")
        try s.repo.commit("Linked evidence")
        let onDisk = Checker.check(try ContentLoader.load(directory: s.repo.content), asOf: try DiffScenario.day()).findings
            .filter { $0.location.file.contains("/evidence/") }
        let named = { (findings: [Finding]) in Set(findings.map { $0.location.file.split(separator: "/").suffix(2).joined(separator: "/") }) }
        #expect(named(onDisk) == ["evidence/current", "evidence/link.csv"], "\(onDisk)")
        let worktree = try s.diff("HEAD")
        #expect(worktree.introduced.isEmpty && worktree.resolved.isEmpty, "\(worktree.introduced) \(worktree.resolved)")
        let revision = worktree.base.findings.filter { $0.location.file.contains("/evidence/") }
        #expect(revision.map(\.message) == onDisk.map(\.message) && revision.map(\.rule) == onDisk.map(\.rule))
        let added = try s.diff("HEAD~1", "HEAD")
        #expect(named(added.introduced) == ["evidence/current", "evidence/link.csv"], "\(added.introduced)")
    }

    /// A revision's evidence is judged as on disk without its bytes read: an empty file is reported,
    /// on that side only, and a file that is not empty is not.
    @Test func anEmptyEvidenceFileInARevisionIsReported() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let measurements = try s.repo.read("content/measurements/OBJ-INC-01.csv")
        try s.repo.write("content/measurements/OBJ-INC-01.csv",
                         measurements.replacingOccurrences(of: "extract-2026-10.csv", with: "empty-2026-10.csv"))
        try s.repo.write("content/evidence/empty-2026-10.csv", "")
        try s.repo.commit("An export that failed")
        let diff = try s.diff("HEAD~1", "HEAD")
        let reported = { (side: DiffSide) in side.findings.filter { $0.rule == "monitored/evidence" }.map(\.message) }
        #expect(reported(diff.base).isEmpty)
        #expect(reported(diff.head).count == 1 && reported(diff.head).first?.contains("`empty-2026-10.csv`") == true)
        #expect(reported(diff.head) == Checker.check(try ContentLoader.load(directory: s.repo.content), asOf: try DiffScenario.day())
            .findings.filter { $0.rule == "monitored/evidence" }.map(\.message))
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        let files = try #require(try reader.read([("HEAD", "HEAD")], shownContent: "content").first)
        #expect(files.first { $0.path == "evidence/empty-2026-10.csv" }.map(TemporaryContent.unreadNonEmpty) == false)
        #expect(files.first { $0.path == "evidence/extract-2026-10.csv" }.map(TemporaryContent.unreadNonEmpty) == true)
    }

    /// A revision whose `objectives` folder is a committed link: nothing is read where it points.
    @Test func aTopFolderLinkInARevisionIsNotFollowed() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evident-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data(DiffScenario.objective("OBJ-OUTSIDE").utf8).write(to: outside.appendingPathComponent("OBJ-OUTSIDE.md"))
        let objectives = s.repo.url.appendingPathComponent("content/objectives")
        try FileManager.default.removeItem(at: objectives)
        try FileManager.default.createSymbolicLink(atPath: objectives.path, withDestinationPath: outside.path)
        try s.repo.commit("Objectives as a link")
        let diff = try s.diff("HEAD~1", "HEAD")
        #expect(!diff.head.model.content.objectives.contains { $0.id?.value == "OBJ-OUTSIDE" })
        let finding = try #require(diff.introduced.first { $0.location.file == s.repo.content + "/objectives" })
        #expect(finding.message.contains("This folder is a link"), "\(finding.message)")
    }

    /// A content folder committed as a link is named as one, not as a folder that does not exist.
    @Test func aContentFolderThatIsALinkInARevisionIsSaidToBeALink() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let content = s.repo.url.appendingPathComponent("content")
        let moved = s.repo.url.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: content, to: moved)
        try FileManager.default.createSymbolicLink(atPath: content.path, withDestinationPath: "elsewhere")
        try s.repo.commit("Content as a link")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.moveItem(at: moved, to: content)
        try s.repo.commit("Content as a folder again")
        let reader = try #require(try RevisionReader.locate(content: s.repo.content))
        #expect {
            _ = try reader.read([("HEAD~1", "HEAD~1")], shownContent: "content")
        } throws: { error in
            "\(error)".contains("is a link in HEAD~1, and evident does not follow links")
        }
        #expect(!RevisionReader.isLink("content", in: Data("120000 blob a1\tcontent/x\u{0}100644 blob a2\tmycontent\u{0}".utf8)))
        #expect(RevisionReader.isLink("content", in: Data("100644 blob a2\tother\u{0}120000 blob a1\tcontent\u{0}".utf8)))
    }

    @Test func anEvidenceLinkLeavingTheTreeInARevisionIsReported() throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        let evidence = s.repo.url.appendingPathComponent("content/evidence/extract-2026-10.csv")
        try FileManager.default.removeItem(at: evidence)
        try FileManager.default.createSymbolicLink(atPath: evidence.path, withDestinationPath: "/etc/hostname")
        try s.repo.commit("Evidence as a link")
        let diff = try s.diff("HEAD~1", "HEAD")
        let finding = try #require(diff.introduced.first { $0.rule == "monitored/evidence" })
        #expect(finding.message.contains("is a link to a file outside"), "\(finding.message)")
        #expect(finding.location.file == s.repo.content + "/measurements/OBJ-INC-01.csv")
    }

    /// A name that is not UTF-8, committed, reads from the revision as `check` reads it from disk:
    /// the same findings at the same places, so an unchanged tree compares as unchanged (it was
    /// decoded with `�`, parsed, and diffed as a rename). With a link elsewhere in the tree the
    /// revision is loaded from a written copy instead, which must agree too.
    @Test(arguments: [false, true]) func namesThatAreNotUTF8ReadAsOnDisk(withLink: Bool) throws {
        let s = try DiffScenario.make()
        defer { s.remove() }
        func create(_ relative: [UInt8], _ text: String) {
            let path = Array(s.repo.content.utf8) + [UInt8(ascii: "/")] + relative
            func withName<T>(_ bytes: ArraySlice<UInt8>, _ body: (UnsafePointer<CChar>) -> T) -> T? {
                (Array(bytes) + [0]).withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { $0.baseAddress.map(body) } }
            }
            // The folders above the file, each made if missing (by its bytes, as the file is).
            for (index, byte) in path.enumerated() where byte == UInt8(ascii: "/") && index > s.repo.content.utf8.count {
                _ = withName(path[..<index]) { mkdir($0, 0o755) }
            }
            let file = withName(path[...]) { open($0, O_CREAT | O_WRONLY | O_TRUNC, 0o644) } ?? -1
            #expect(file >= 0)
            _ = Array(text.utf8).withUnsafeBytes { write(file, $0.baseAddress, $0.count) }
            close(file)
        }
        create(Array("objectives/OBJ-X".utf8) + [0xFF] + Array(".md".utf8), DiffScenario.objective("OBJ-INC-01"))
        create(Array("evidence/x".utf8) + [0xFE] + Array(".csv".utf8), "x\n")
        create(Array("f".utf8) + [0xFE] + Array("/a.md".utf8), "x\n")
        create(Array("misc/".utf8) + [0xFF], "x\n")
        create(Array("objectives/.drafts/".utf8) + [0xFF] + Array(".md".utf8), "x\n")
        if withLink {
            try FileManager.default.createSymbolicLink(atPath: s.repo.content + "/objectives/linked.md", withDestinationPath: "OBJ-INC-01.md")
        }
        try s.repo.commit("Names that are not UTF-8")
        let diff = try s.diff("HEAD")
        #expect(diff.introduced.isEmpty && diff.resolved.isEmpty && diff.changed.isEmpty && diff.added.isEmpty,
                "\(diff.introduced.map(\.location)) \(diff.resolved.map(\.location)) \(diff.changed.map(\.id))")
        let shown = { (findings: [Finding]) in findings.map { "\($0.location) \($0.rule) \($0.severity) \($0.message)" } }
        #expect(shown(diff.base.findings) == shown(diff.head.findings))
        let undecodable = diff.base.findings.filter { $0.message.contains("not valid UTF-8") || $0.location.file.hasSuffix("/misc") }
        #expect(undecodable.map { "\($0.rule) \($0.location.file.dropFirst(s.repo.content.count + 1))" }.sorted() == [
            "syntax/front-matter objectives/OBJ-X\u{FFFD}.md", "syntax/ignored-file evidence/x\u{FFFD}.csv",
            "syntax/ignored-file f\u{FFFD}", "syntax/ignored-file misc",
        ], "\(undecodable.map(\.location))")
    }
}
