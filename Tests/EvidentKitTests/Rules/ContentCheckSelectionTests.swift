import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// `evident check PATH… --standard ID`: the whole tree is checked, and only the findings of the
/// paths that bear on the standards are kept.
@Suite struct ContentCheckSelectionTests {
    static let statement = "statement: Restore service for priority-1 incidents within 4 hours."
    static let twoSentences = statement.dropLast() + ". Report it monthly."

    static let day = Day(iso: ExampleTree.asOf) ?? Day.today()

    /// OBJ-INC-01 serves both configured standards, OBJ-ISMS-01 ISO/IEC 27001 alone; each has a
    /// statement of two sentences.
    static func tree() throws -> TemporaryTree {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "standards: [iso20000-1, iso27001]\n"
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "status: active\n": "status: active\nrisks: [R-1]\n", statement: String(twoSentences),
        ])
        files["objectives/OBJ-ISMS-01.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-ISMS-01", "status: active\n": "status: active\nstandards: [iso27001]\nrisks: [R-1]\n",
            statement: String(twoSentences),
        ])
        return try TemporaryTree(files)
    }

    @Test func withNothingNamedEveryFindingIsKept() throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        let selection = try ContentCheck.selecting(paths: [], standards: [], content: tree.path, asOf: Self.day)
        #expect(selection.standards == nil)
        #expect(selection.result.findings == selection.whole.findings)
        let files = Set(selection.whole.findings.filter { $0.rule == "established/statement" }.map { URL(fileURLWithPath: $0.location.file).lastPathComponent })
        #expect(files == ["OBJ-INC-01.md", "OBJ-ISMS-01.md"])
    }

    @Test func aPathKeepsItsFileFindingsOnly() throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        let selection = try ContentCheck.selecting(paths: [tree.path + "/objectives/OBJ-INC-01.md"], standards: [],
                                                   content: tree.path, asOf: Self.day)
        #expect(!selection.result.findings.isEmpty)
        #expect(selection.result.findings == selection.whole.findings.filter { $0.location.file.hasSuffix("/objectives/OBJ-INC-01.md") })
        #expect(selection.whole.findings.contains { $0.location.file.hasSuffix("/objectives/OBJ-ISMS-01.md") })
    }

    @Test func aStandardKeepsTheFindingsThatBearOnIt() throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        let selection = try ContentCheck.selecting(paths: [], standards: ["iso20000-1"], content: tree.path, asOf: Self.day)
        #expect(selection.standards == [.iso20000_1])
        #expect(selection.result.findings.contains { $0.objective == "OBJ-INC-01" })
        #expect(!selection.result.findings.contains { $0.objective == "OBJ-ISMS-01" })
        #expect(selection.whole.findings.contains { $0.objective == "OBJ-ISMS-01" })
    }

    @Test func aPathOutsideTheContentOrAStandardNotConfiguredIsRefused() throws {
        let tree = try Self.tree()
        defer { tree.remove() }
        #expect(throws: PathSelection.Failure.self) {
            try ContentCheck.selecting(paths: [tree.path + "/objectives/OBJ-NONE.md"], standards: [], content: tree.path, asOf: Self.day)
        }
        #expect(throws: StandardSelection.Failure.self) {
            try ContentCheck.selecting(paths: [], standards: ["iso9001"], content: tree.path, asOf: Self.day)
        }
    }
}
