import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// A name evident reads at the top of the tree, saved in another letter case (as on a Mac, whose
/// disk ignores case): macOS and Windows would read it, Linux and git do not. Each is a finding
/// that names it and the exact rename, the same from the disk and from a revision.
@Suite struct LetterCaseNameTests {
    /// The tree with `from` (a file, or a folder ending `/`) renamed `to`.
    static func renamed(_ from: String, _ to: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ExampleTree.base.map { path, text in
            (path == from || (from.hasSuffix("/") && path.hasPrefix(from)) ? to + path.dropFirst(from.count) : path, text)
        })
    }

    /// The `syntax/ignored-file` findings of `files`, as `path: message`, from the disk and from
    /// the same files held in memory (a git revision).
    static func ignored(_ files: [String: String], extra: [String: String] = [:]) throws -> (disk: [String], revision: [String]) {
        let all = files.merging(extra) { $1 }
        let tree = try TemporaryTree(all)
        defer { tree.remove() }
        let disk = try ContentLoader.load(directory: tree.path, displayRoot: "content")
        let memory = ContentLoader.load(files: all.map { ($0.key, Data($0.value.utf8), nil) }, displayRoot: "content", rootPath: disk.rootPath)
        func shown(_ content: ContentSet) -> [String] {
            content.loadFindings.filter { $0.rule == "syntax/ignored-file" }.map { "\($0.location.file): \($0.message)" }.sorted()
        }
        return (shown(disk), shown(memory))
    }

    @Test(arguments: [("policy.md", "Policy.md"), ("evident.yml", "Evident.yml"), ("risks.md", "RISKS.md")])
    func aTopFileInAnotherCaseIsToBeRenamed(from: String, to: String) throws {
        let (disk, revision) = try Self.ignored(Self.renamed(from, to))
        #expect(disk == ["content/\(to): evident reads `\(from)`, not `\(to)`: the two names differ only in letter case, which macOS and Windows ignore and Linux and git do not, so the same content would be read on one machine and not on another. Rename it `\(from)`, in exactly that case."])
        #expect(revision == disk)
    }

    @Test(arguments: [("objectives/", "Objectives/"), ("evidence/", "Evidence/"), ("measurements/", "MEASUREMENTS/")])
    func aFolderInAnotherCaseIsToBeRenamed(from: String, to: String) throws {
        let (disk, revision) = try Self.ignored(Self.renamed(from, to))
        #expect(disk == ["content/\(to.dropLast()): evident reads the folder `\(from)`, not `\(to)`: the two names differ only in letter case, which macOS and Windows ignore and Linux and git do not, so the same content would be read on one machine and not on another. Rename it `\(from)`, in exactly that case."])
        #expect(revision == disk)
    }

    /// The objectives in `Objectives/` are unread, not absent: the rules that judge the whole set
    /// wait, and a reference to one says where it may be, instead of "no objective is declared yet".
    @Test func objectivesInAFolderInAnotherCaseAreUnreadNotMissing() throws {
        let files = Self.renamed("objectives/", "Objectives/")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.model.content.unread.objectiveFiles == [tree.display("Objectives")])
        let memory = ContentLoader.load(files: files.map { ($0.key, Data($0.value.utf8), nil) }, displayRoot: "content", rootPath: tree.path)
        #expect(memory.unread.objectiveFiles == ["content/Objectives"])
        #expect(!result.findings.contains { ["established/required", "levels/coverage", "policy/uncovered"].contains($0.rule) })
        #expect(!result.findings.contains { $0.message.contains("no objective is declared yet") })
        #expect(result.findings.contains { $0.rule == "monitored/unknown-objective" && $0.message.contains("\(tree.display("Objectives"))` could not be read") })
    }

    /// Beside the name evident reads, a rename would clash on macOS and Windows: merge instead.
    @Test func aNameInAnotherCaseBesideTheOneReadIsToBeMerged() throws {
        let (disk, revision) = try Self.ignored(ExampleTree.base, extra: ["Evidence/board-pack.pdf": "%PDF-1.4\n", "Policy.md": ExampleTree.policy])
        #expect(disk.count == 2)
        #expect(disk.contains { $0.hasPrefix("content/Evidence: ") && $0.hasSuffix("`evidence/` is here too, and only one of them can exist on macOS or Windows: move what `Evidence/` holds into `evidence/`, then delete `Evidence/`.") })
        #expect(disk.contains { $0.hasPrefix("content/Policy.md: ") && $0.hasSuffix("move what `Policy.md` holds into `policy.md`, then delete `Policy.md`.") })
        #expect(revision == disk)
    }

    /// An ending in another case is read everywhere (evident compares endings without case), so
    /// every machine gives the same result and there is nothing to report.
    @Test func anEndingInAnotherCaseIsReadEverywhere() throws {
        var files = Self.renamed("objectives/OBJ-INC-01.md", "objectives/OBJ-INC-01.MD")
        files["measurements/OBJ-INC-01.CSV"] = files.removeValue(forKey: "measurements/OBJ-INC-01.csv")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.model.content.objectives.map(\.file) == [tree.display("objectives/OBJ-INC-01.MD")])
        #expect(result.model.content.measurementFiles.map(\.file) == [tree.display("measurements/OBJ-INC-01.CSV")])
        #expect(!result.findings.contains { $0.rule == "syntax/ignored-file" })
        #expect(ContentWalker.kind(of: "objectives/OBJ-INC-01.MD") == .objective)
    }
}
