import Testing
@testable import EvidentKit

/// Edge cases of the syntax rules that their examples do not show.
@Suite struct SyntaxDuplicateIDTests {
    /// The findings of one rule on the base tree with `files` laid over it.
    private func findings(_ rule: any Rule.Type, _ files: [String: String]) throws -> (TemporaryTree, [Finding]) {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        let all = try tree.check().findings
        return (tree, all.filter { $0.rule == rule.id })
    }

    @Test func everyLaterCopyNamesTheFirst() throws {
        let copy = ExampleTree.objective(replacing: ["status: active": "status: retired"])
        let (tree, found) = try findings(SyntaxDuplicateID.self, [
            "objectives/a/OBJ-X.md": copy,
            "objectives/b/OBJ-Y.md": copy,
        ])
        defer { tree.remove() }
        // Content is walked in byte order (`OBJ-INC-01.md` before `a/`): the base objective is the
        // first, and both retired copies are reported against it.
        #expect(found.map(\.location.file) == [tree.display("objectives/a/OBJ-X.md"), tree.display("objectives/b/OBJ-Y.md")])
        let first = tree.display("objectives/OBJ-INC-01.md") + ":2:5"
        #expect(found.allSatisfy { $0.message.contains(first) && $0.objective == "OBJ-INC-01" })
    }

    @Test func actionsAreUniqueAcrossReviewsButKindsAreSeparate() throws {
        let (tree, found) = try findings(SyntaxDuplicateID.self, [
            "reviews/2026-11-20.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-20", "id: ACT-1": "id: POL-1"]),
        ])
        defer { tree.remove() }
        #expect(found.isEmpty, "an action may share an id with a policy statement")
    }
}
