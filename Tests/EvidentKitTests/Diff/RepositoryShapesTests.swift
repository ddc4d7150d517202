import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel

/// `evident diff` in the repositories CI and teams make: shallow and partial clones, submodules,
/// sparse checkouts and files stored with Git LFS. Each ends in a right diff or in a message
/// that says what to do, never in a diff of something else.
@Suite struct RepositoryShapesTests {
    /// The example tree committed (`v1`), then OBJ-INC-01 tightened and committed.
    static func twoCommits() throws -> GitFixture {
        let repo = try GitFixture(content: ExampleTree.base)
        try repo.commit("First objectives")
        try repo.git("tag", "v1")
        try repo.write("content/objectives/OBJ-INC-01.md", DiffScenario.tightened)
        try repo.commit("Tighten")
        return repo
    }

    /// A clone of `repo` made by git with `options`, in a fresh folder beside it.
    static func clone(_ repo: GitFixture, _ options: String...) throws -> GitFixture {
        let clone = try GitFixture(content: [:])
        clone.remove()
        try repo.git(arguments: ["-c", "protocol.file.allow=always", "clone", "-q"] + options + ["file://" + repo.path, clone.path])
        return clone
    }

    @Test func aRevisionPastAShallowClonesDepthSaysHowToFetchIt() throws {
        let repo = try Self.twoCommits()
        defer { repo.remove() }
        let shallow = try Self.clone(repo, "--depth", "1")
        defer { shallow.remove() }
        for name in ["HEAD~1", "v1"] {
            let failure = try #require(throws: DiffFailure.self) {
                try ContentDiff.compare(base: .revision(name), content: shallow.content, asOf: try DiffScenario.day())
            }
            #expect(failure.description.hasPrefix("BASE `\(name)` is not a revision of the git repository at "), "\(failure)")
            #expect(failure.description.contains("This clone is shallow"), "\(failure)")
            #expect(failure.description.contains("`git fetch --unshallow origin` (or `fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI)"), "\(failure)")
        }
        // Once fetched, the same name compares.
        try shallow.git("fetch", "-q", "--unshallow", "--tags", "origin")
        let diff = try ContentDiff.compare(base: .revision("v1"), content: shallow.content, asOf: try DiffScenario.day())
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"])
        // A full clone is not called shallow.
        let missing = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("HEAD~5"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(!missing.description.contains("shallow"), "\(missing)")
    }

    /// A bare repository (a mirror, a server's) has revisions and no working tree: two revisions
    /// compare, with the content folder named from the repository's folder; the working tree as
    /// HEAD is asked for by name.
    @Test func aBareRepositoryComparesTwoRevisions() throws {
        let repo = try Self.twoCommits()
        defer { repo.remove() }
        let bare = try Self.clone(repo, "--bare")
        defer { bare.remove() }
        let diff = try ContentDiff.compare(base: .revision("v1"), head: .revision("HEAD"), content: bare.content, asOf: try DiffScenario.day())
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"])
        // A content folder the revisions do not have is named as a path in the repository.
        let elsewhere = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("v1"), head: .revision("HEAD"), content: bare.path + "/objectives", asOf: try DiffScenario.day())
        }
        #expect(elsewhere.description.contains("(`objectives` in the repository) does not exist in v1"), "\(elsewhere)")
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("v1"), content: bare.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("HEAD is the working tree by default, and the git repository at "), "\(failure)")
        #expect(failure.description.contains("is bare: it has no working tree. Name HEAD too"), "\(failure)")
    }

    @Test func aPartialCloneFetchesFilesAndSaysSoWhenItCannot() throws {
        let repo = try Self.twoCommits()
        defer { repo.remove() }
        try repo.git("config", "uploadpack.allowFilter", "true")
        try repo.git("config", "uploadpack.allowAnySHA1InWant", "true")
        let partial = try Self.clone(repo, "--filter=blob:none")
        defer { partial.remove() }
        // v1's objective is not in the clone until read; git fetches it.
        let diff = try ContentDiff.compare(base: .revision("v1"), head: .revision("HEAD"), content: partial.content, asOf: try DiffScenario.day())
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"])

        let offline = try Self.clone(repo, "--filter=blob:none")
        defer { offline.remove() }
        try offline.git("remote", "set-url", "origin", repo.path + "-gone")
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("v1"), content: offline.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("git could not read the files of v1 ("), "\(failure)")
        #expect(failure.description.contains("This is a partial clone (`git clone --filter`)"), "\(failure)")
        #expect(!failure.description.contains("\n"), "git's lines read as one: \(failure)")
    }

    /// A replacement object (`git replace`, or a fetched `refs/replace/*`) makes git show other
    /// content under a commit's own ids: the diff reads the objects as committed.
    @Test func replacementObjectsAreNotHonoured() throws {
        let repo = try Self.twoCommits()
        defer { repo.remove() }
        let file = "content/objectives/OBJ-INC-01.md"
        try repo.git("replace", try repo.git("rev-parse", "HEAD:" + file).trimmingCharacters(in: .whitespacesAndNewlines),
                     try repo.git("rev-parse", "v1:" + file).trimmingCharacters(in: .whitespacesAndNewlines))
        // git itself now shows the old objective in HEAD.
        #expect(try repo.git("show", "HEAD:" + file) == (try repo.git("show", "v1:" + file)))
        let diff = try ContentDiff.compare(base: .revision("v1"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"])
        #expect(diff.introduced.contains { $0.rule == "updated/unrecorded-change" })
    }

    @Test func aFileStoredWithGitLFSInARevisionIsNotComparedAsItsPointer() throws {
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "3e", count: 32))\nsize 443\n"
        let repo = try GitFixture(content: ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": pointer]) { $1 })
        defer { repo.remove() }
        try repo.commit("Measurements in LFS")
        try repo.git("tag", "lfs")
        try repo.write("content/measurements/OBJ-INC-01.csv", ExampleTree.measurements)
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("lfs"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("`\(repo.content)/measurements/OBJ-INC-01.csv` is stored with Git LFS in lfs ("), "\(failure)")
        #expect(failure.description.contains("LFS suits the files under `evidence/`"), "\(failure)")

        // Evidence in LFS is fine: its bytes are never read. So is a file that only mentions LFS.
        try repo.write("content/evidence/extract-2026-10.csv", pointer)
        try repo.write("content/policy.md", ExampleTree.policy + "\nversion https://git-lfs.github.com/spec/v1\n")
        try repo.commit("Only evidence in LFS")
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.introduced.isEmpty && diff.resolved.isEmpty)
        #expect(SourceText.isLFSPointer(Data(pointer.utf8)))
        #expect(!SourceText.isLFSPointer(Data((pointer + String(repeating: "x", count: 1024)).utf8)))
        #expect(!SourceText.isLFSPointer(Data(ExampleTree.measurements.utf8)))
    }

    /// git-crypt keeps a file encrypted in the commit and decrypts it in an unlocked working tree.
    @Test func aFileEncryptedWithGitCryptInARevisionIsNotComparedEncrypted() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        let file = repo.url.appendingPathComponent("content/objectives/OBJ-INC-01.md")
        try (Data("\0GITCRYPT\0".utf8) + Data([0x8f, 0x00, 0x12, 0xfe, 0x41])).write(to: file)
        try repo.commit("Encrypted")
        try repo.write("content/objectives/OBJ-INC-01.md", ExampleTree.objective)
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("`\(repo.content)/objectives/OBJ-INC-01.md` is encrypted with git-crypt in HEAD ("), "\(failure)")
        #expect(failure.description.contains("Compare two unlocked checkouts with --base-dir and --head-dir"), "\(failure)")
        // Encrypted evidence is never read.
        try repo.commit("Decrypted objective")
        try (Data("\0GITCRYPT\0".utf8) + Data([0x01])).write(to: repo.url.appendingPathComponent("content/evidence/extract-2026-10.csv"))
        try repo.commit("Encrypted evidence")
        #expect(try ContentDiff.compare(base: .revision("HEAD~1"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day()).introduced.isEmpty)
    }

    @Test func aContentFolderInASubmoduleNotCheckedOutSaysSo() throws {
        let objectives = try GitFixture(content: [:])
        defer { objectives.remove() }
        for (path, text) in ExampleTree.base { try objectives.write(path, text) }
        try objectives.commit("Objectives")
        let outer = try GitFixture(content: [:])
        defer { outer.remove() }
        try outer.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://" + objectives.path, "content")
        try outer.commit("Objectives as a submodule")
        let clone = try Self.clone(outer)
        defer { clone.remove() }
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("HEAD"), content: clone.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("The content folder `\(clone.content)` is in the git submodule `content` in HEAD ("), "\(failure)")
        #expect(failure.description.contains("`git submodule update --init`"), "\(failure)")
        #expect(!failure.description.contains("does not exist"), "\(failure)")

        // Checked out, the submodule's own revisions compare.
        try clone.git("-c", "protocol.file.allow=always", "submodule", "update", "-q", "--init")
        let pinned = try clone.git("rev-parse", "HEAD:content")
        let diff = try ContentDiff.compare(base: .revision(pinned), content: clone.content, asOf: try DiffScenario.day())
        #expect(diff.base.source == .revision(pinned, commit: pinned))
        #expect(diff.changed.isEmpty && diff.introduced.isEmpty)
        #expect(try ContentDiff.compare(base: .revision("HEAD"), content: clone.content, asOf: try DiffScenario.day()).changed.isEmpty)

        // The objectives' own branch moves on: `origin/main` of the outer repository pins one
        // commit of the submodule, the submodule's `origin/main` is another, and neither is guessed.
        try objectives.write("objectives/OBJ-INC-01.md", DiffScenario.tightened)
        let moved = try objectives.commit("Tighten")
        try clone.git("-C", "content", "fetch", "-q")
        let ambiguous = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("origin/main"), content: clone.content, asOf: try DiffScenario.day())
        }
        #expect(ambiguous.description.hasPrefix("BASE `origin/main` is ambiguous: the content folder is in the git submodule `content` of the repository at "), "\(ambiguous)")
        #expect(ambiguous.description.contains("where `origin/main` pins the submodule's commit \(pinned) (`evident diff \(pinned)` compares that), while in the submodule at "), "\(ambiguous)")
        #expect(ambiguous.description.contains(" it names the submodule's own commit \(moved). "), "\(ambiguous)")
        // A commit only the outer repository has (GitLab's CI_MERGE_REQUEST_DIFF_BASE_SHA) gives
        // the submodule commit it pins.
        let outerCommit = try clone.git("rev-parse", "HEAD")
        let outerOnly = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision(outerCommit), content: clone.content, asOf: try DiffScenario.day())
        }
        #expect(outerOnly.description.hasPrefix("BASE `\(outerCommit)` is not a revision of the submodule at "), "\(outerOnly)")
        #expect(outerOnly.description.contains("pins the submodule's commit \(pinned) (`evident diff \(pinned)` compares that)"), "\(outerOnly)")
        // A commit id of the submodule is not the outer repository's: it compares.
        let tightened = try ContentDiff.compare(base: .revision(pinned), head: .revision(moved), content: clone.content, asOf: try DiffScenario.day())
        #expect(tightened.changed.map(\.id) == ["OBJ-INC-01"])
    }

    @Test func aSparseCheckoutLeavingOutContentIsNotTakenForDeletions() throws {
        let repo = try Self.twoCommits()
        defer { repo.remove() }
        try repo.git("sparse-checkout", "set", "--no-cone", "/content/objectives/", "/content/*.md", "/content/evident.yml")
        #expect(!FileManager.default.fileExists(atPath: repo.content + "/measurements/OBJ-INC-01.csv"))
        let failure = try #require(throws: DiffFailure.self) {
            try ContentDiff.compare(base: .revision("v1"), content: repo.content, asOf: try DiffScenario.day())
        }
        #expect(failure.description.hasPrefix("The working tree is a sparse checkout that leaves out files of the content folder `\(repo.content)` (like `content/"), "\(failure)")
        #expect(failure.description.contains("`git sparse-checkout add content`"), "\(failure)")
        // Two revisions are read whole.
        let diff = try ContentDiff.compare(base: .revision("v1"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        // No row reads as removed: the only measurement changes are the values the tightened
        // target judges anew.
        func onlyRejudged(_ d: ContentDiff) -> Bool { d.measurements.flatMap(\.changes).allSatisfy { $0.kind == .changed && $0.rejudged != nil } }
        #expect(diff.changed.map(\.id) == ["OBJ-INC-01"] && onlyRejudged(diff))
        // With the whole content folder checked out, the working tree compares.
        try repo.git("sparse-checkout", "add", "/content/")
        let whole = try ContentDiff.compare(base: .revision("v1"), content: repo.content, asOf: try DiffScenario.day())
        #expect(whole.changed.map(\.id) == ["OBJ-INC-01"] && onlyRejudged(whole))
    }

    @Test func gitsOwnershipRefusalReadsAsWhatToDo() throws {
        let stderr = """
            fatal: detected dubious ownership in repository at '/builds/team/objectives'
            To add an exception for this directory, call:

            \tgit config --global --add safe.directory /builds/team/objectives
            """
        let failure = try #require(RevisionReader.ownershipRefusal(stderr))
        #expect(failure.description.hasPrefix("git refuses to read the repository at /builds/team/objectives: it belongs to a user other than"))
        #expect(failure.description.contains("`git config --global --add safe.directory /builds/team/objectives`"))
        #expect(RevisionReader.ownershipRefusal("fatal: not a git repository (or any of the parent directories): .git") == nil)
        // A path the shell would split or expand is quoted, so that the command runs as printed.
        let spaced = try #require(RevisionReader.ownershipRefusal("fatal: detected dubious ownership in repository at '/srv/it's objectives $HOME'\n"))
        #expect(spaced.description.contains("`git config --global --add safe.directory '/srv/it'\\''s objectives $HOME'`"), "\(spaced)")
    }

    @Test func submodulesInAListing() {
        let listing = Data("160000 commit \(String(repeating: "a", count: 40))\tvendor/objectives\0".utf8)
        #expect(RevisionReader.submodule(holding: "vendor/objectives", in: listing) == "vendor/objectives")
        #expect(RevisionReader.submodule(holding: "vendor/objectives/content", in: listing) == "vendor/objectives")
        #expect(RevisionReader.submodule(holding: "vendor/objectives-old", in: listing) == nil)
        #expect(RevisionReader.submodule(holding: "", in: listing) == nil)
    }
}
