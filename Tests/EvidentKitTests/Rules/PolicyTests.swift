import Testing
@testable import EvidentModel

@Suite struct PolicyTests {
    private func check(_ files: [String: String], removing: [String] = []) throws -> (TemporaryTree, [Finding]) {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged, removing: removing)
        return (tree, try tree.check().findings.filter { $0.obligation == .policy })
    }

    private func policy(_ ids: [String]) -> String {
        "---\ntitle: Policy\nstatements:\n" + ids.map { "  - id: \($0)\n    text: Statement \($0).\n" }.joined() + "---\n"
    }

    /// The acceptance criterion: the message names the known statements and the closest one.
    @Test func unknownStatementListsKnownIDsAndClosest() throws {
        let (tree, got) = try check([
            "policy.md": policy(["POL-1", "POL-2", "POL-3"]),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-2, POL-3, POL-7]"]),
        ])
        defer { tree.remove() }
        let unknown = got.filter { $0.rule == "policy/unknown-statement" }
        #expect(unknown.map(\.message) == ["`POL-7` is not a statement of the policy (`POL-1`, `POL-2`, `POL-3`). Did you mean `POL-1`?"])
        #expect(unknown.first?.location.line == 8)
        #expect(unknown.first?.location.column == 31)
        #expect(unknown.first?.objective == "OBJ-INC-01")
    }

    @Test func longListsAreShortened() throws {
        let ids = (1...13).map { "POL-\($0)" }
        let (tree, got) = try check([
            "policy.md": policy(ids),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [\(ids.joined(separator: ", ")), Customer focus]"]),
        ])
        defer { tree.remove() }
        #expect(got.filter { $0.rule == "policy/unknown-statement" }.map(\.message) == [
            "`Customer focus` is not a statement of the policy (`POL-1`, `POL-2`, `POL-3`, `POL-4`, `POL-5`, `POL-6`, `POL-7`, `POL-8`, `POL-9`, `POL-10` and 3 more). Reference one of them, or add the statement to policy.md.",
        ])
        #expect(got.filter { $0.rule == "policy/uncovered" }.isEmpty)
    }

    @Test func missingPolicy() throws {
        let (tree, got) = try check(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]\n": ""])],
                                    removing: ["policy.md"])
        defer { tree.remove() }
        let trace = got.filter { $0.rule == "policy/trace" }
        #expect(Set(trace.map(\.location)) == [.wholeFile(tree.display("policy.md")),
                                               .wholeFile(tree.display("objectives/OBJ-INC-01.md"))])
        #expect(trace.allSatisfy { $0.severity == .error })
        #expect(got.filter { $0.rule == "policy/uncovered" }.isEmpty)

        let (tree2, got2) = try check([:], removing: ["policy.md"])
        defer { tree2.remove() }
        #expect(got2.filter { $0.rule == "policy/unknown-statement" }.map(\.message) == [
            "`POL-1` cannot be checked: there is no policy.md in the content folder. Add policy.md with its numbered `statements`, including `POL-1`.",
        ])
    }

    /// A policy.md that exists but cannot be read is reported by `syntax/...`, not as missing.
    @Test func unreadablePolicy() throws {
        let (tree, got) = try check(["policy.md": "The policy, without front-matter.\n"])
        defer { tree.remove() }
        #expect(got.filter { $0.rule == "policy/trace" }.isEmpty)
        #expect(got.filter { $0.rule == "policy/unknown-statement" }.map(\.message) == [
            "`POL-1` cannot be checked: policy.md could not be read. Fix the problem reported on policy.md.",
        ])
    }

    /// A policy without statements: the objective's reference is unknown, and the policy itself,
    /// to which nothing can be traced, is reported at its first line.
    @Test func policyWithoutStatements() throws {
        let (tree, got) = try check(["policy.md": "---\ntitle: Policy\napproved_by: Board\napproved_on: 2026-01-05\n---\nProse only.\n"])
        defer { tree.remove() }
        #expect(got.map { "\($0.rule) \($0.location)" } == [
            "policy/unknown-statement \(tree.display("objectives/OBJ-INC-01.md")):8:10",
            "policy/trace \(tree.display("policy.md")):1:1",
        ])
        #expect(got.first?.message.contains("policy.md declares no `statements`") == true)
        #expect(got.last?.message.hasPrefix("The policy declares no statements, so no objective can be traced to it.") == true)
    }

    @Test func uncoveredNamesInactiveReferences() throws {
        let (tree, got) = try check([
            "policy.md": policy(["POL-1", "POL-2"]),
            "objectives/OBJ-CHG-01.md": ExampleTree.objective(replacing: [
                "id: OBJ-INC-01": "id: OBJ-CHG-01", "policy: [POL-1]": "policy: [POL-2]", "status: active": "status: draft",
            ]),
        ])
        defer { tree.remove() }
        let uncovered = got.filter { $0.rule == "policy/uncovered" }
        #expect(uncovered.map(\.message) == [
            "Only objectives that are not active (`OBJ-CHG-01`) serve policy statement `POL-2` (`Statement POL-2.`); set an active objective that lists it in `policy`, or remove the statement from the policy.",
        ])
        #expect(uncovered.first?.location == SourceLocation(file: tree.display("policy.md"), line: 6, column: 9))
        #expect(uncovered.first?.severity == .warning)
    }

    @Test func traceChecksDraftsNotRetired() throws {
        for (status, expected) in [("active", 1), ("draft", 1), ("retired", 0)] {
            let (tree, got) = try check(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "policy: [POL-1]\n": "", "status: active": "status: \(status)",
            ])])
            defer { tree.remove() }
            #expect(got.filter { $0.rule == "policy/trace" }.count == expected, "\(status)")
        }
    }

    /// Paths in the opposite order of the ids: the objectives named are listed by id.
    private func objective(_ id: String, _ edits: KeyValuePairs<String, String>) -> String {
        ExampleTree.edit(ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \(id)"]), edits)
    }

    @Test func uncoveredListsObjectivesNotActiveByIDWhereverTheFilesLie() throws {
        let (tree, got) = try check([
            "policy.md": policy(["POL-1", "POL-2"]),
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", ["status: active": "status: draft", "policy: [POL-1]": "policy: [POL-2]"]),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", ["status: active": "status: retired", "policy: [POL-1]": "policy: [POL-2]"]),
        ])
        defer { tree.remove() }
        let uncovered = got.filter { $0.rule == "policy/uncovered" }
        #expect(uncovered.count == 1)
        #expect(uncovered.first?.message.hasPrefix("Only objectives that are not active (`OBJ-INC-02`, `OBJ-INC-03`) serve policy statement `POL-2`") == true)
    }

    @Test func uncoveredForAStandardListsTheServingObjectivesByIDWhereverTheFilesLie() throws {
        let one: KeyValuePairs<String, String> = ["status: active\n": "status: active\nstandards: [iso20000-1]\n"]
        let (tree, got) = try check([
            "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso27001"),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: one),
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", one),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", one),
        ])
        defer { tree.remove() }
        let uncovered = got.filter { $0.rule == "policy/uncovered" }
        #expect(uncovered.count == 1)
        #expect(uncovered.first?.message.contains("those that do (`OBJ-INC-01`, `OBJ-INC-02`, `OBJ-INC-03`)") == true)
    }
}
