import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentModel

/// The repository the acceptance tests diff: three commits on `main`.
///
/// 1. `v1`: the example tree, plus OBJ-CHG-01 (active, never measured: it has warnings) and the
///    draft OBJ-INC-02 in `objectives/old/`.
/// 2. A communication added (no objective changes).
/// 3. OBJ-INC-02 moved to `objectives/new/`, OBJ-CHG-01 deleted, OBJ-INC-01's target tightened
///    without a version bump, and OBJ-NEW-01 added with a reference to a policy statement that
///    does not exist.
struct DiffScenario {
    let repo: GitFixture
    let first: String
    let second: String
    let third: String

    static let asOf = ExampleTree.asOf

    static func day() throws -> Day { try #require(Day(iso: asOf)) }

    /// The example objective under another id, with more edits.
    static func objective(_ id: String, _ edits: KeyValuePairs<String, String> = [:]) -> String {
        ExampleTree.edit(ExampleTree.edit(ExampleTree.objective, ["id: OBJ-INC-01": "id: \(id)"]), edits)
    }

    static let tightened = ExampleTree.objective(replacing: ["target: \"<= 4 h\"": "target: \"<= 3 h\""])

    /// OBJ-INC-01 tightened, with the change recorded: version 2 and a history entry.
    static let recorded = ExampleTree.objective(replacing: [
        "target: \"<= 4 h\"": "target: \"<= 3 h\"",
        "\nversion: 1": "\nversion: 2",
        "---\nRationale.": """
              - version: 2
                date: 2026-11-20
                change: Target tightened from 4 h to 3 h.
                reason: MSA renewal with the customer.
                approved_by: Head of Service Management
            ---
            Rationale.
            """,
    ])

    static func make() throws -> DiffScenario {
        var files = ExampleTree.base
        files["objectives/OBJ-CHG-01.md"] = objective("OBJ-CHG-01")
        files["objectives/old/OBJ-INC-02.md"] = objective("OBJ-INC-02", ["status: active": "status: draft"])
        let repo = try GitFixture(content: files)
        let first = try repo.commit("First objectives")
        try repo.git("tag", "v1")

        try repo.write("content/communications/2026-02-01.md",
                       ExampleTree.edit(ExampleTree.communication, ["date: 2026-01-20": "date: 2026-02-01"]))
        let second = try repo.commit("Communicate the objectives again")

        try FileManager.default.createDirectory(at: repo.url.appendingPathComponent("content/objectives/new"),
                                                withIntermediateDirectories: true)
        try repo.git("mv", "content/objectives/old/OBJ-INC-02.md", "content/objectives/new/OBJ-INC-02.md")
        try repo.git("rm", "-q", "content/objectives/OBJ-CHG-01.md")
        try repo.write("content/objectives/OBJ-INC-01.md", tightened)
        try repo.write("content/objectives/OBJ-NEW-01.md", objective("OBJ-NEW-01", ["policy: [POL-1]": "policy: [POL-9]"]))
        let third = try repo.commit("Change the objectives")
        return DiffScenario(repo: repo, first: first, second: second, third: third)
    }

    /// Two revisions, or a revision and the working tree.
    func diff(_ base: String, _ head: String? = nil) throws -> ContentDiff {
        try ContentDiff.compare(base: .revision(base), head: head.map(DiffTarget.revision) ?? .workingTree,
                                content: repo.content, asOf: try Self.day())
    }

    func remove() { repo.remove() }
}

/// Two content folders for the folder-mode tests: the example tree with `base` over it, and with `head`.
struct FolderPair {
    let base: TemporaryTree
    let head: TemporaryTree

    init(base: [String: String] = [:], head: [String: String], removing: [String] = []) throws {
        self.base = try TemporaryTree(ExampleTree.base.merging(base) { $1 })
        self.head = try TemporaryTree(ExampleTree.base.merging(base) { $1 }.merging(head) { $1 }, removing: removing)
    }

    func diff() throws -> ContentDiff {
        try ContentDiff.compare(base: .folder(base.path), head: .folder(head.path), content: head.path, asOf: try DiffScenario.day())
    }

    func remove() { base.remove(); head.remove() }
}
