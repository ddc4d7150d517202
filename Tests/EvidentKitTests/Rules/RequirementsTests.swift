import Testing
@testable import EvidentModel

@Suite struct RequirementsTests {
    private func check(_ files: [String: String], removing: [String] = []) throws -> (TemporaryTree, [Finding]) {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged, removing: removing)
        return (tree, try tree.check().findings.filter { $0.obligation == .requirements })
    }

    private static let controls = """
        ---
        title: Internal controls
        kind: internal-control
        clauses:
          - id: CTL-4
            text: Major incidents are reviewed within 5 working days.
          - id: CTL-5
            text: Changes are approved before implementation.
            addressed_elsewhere: Enforced by the change tool's workflow.
        ---

        """

    @Test func unknownClauseListsKnownIDsAndClosest() throws {
        let (tree, got) = try check([
            "requirements/controls.md": Self.controls,
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [MSA-7.2, CTL-4, ctl-6]"]),
        ])
        defer { tree.remove() }
        let unknown = got.filter { $0.rule == "requirements/unknown-clause" }
        // Files load in path order: controls.md before msa.md.
        #expect(unknown.map(\.message) == ["`ctl-6` is not a clause of any requirements file (`CTL-4`, `CTL-5`, `MSA-7.2`). Did you mean `CTL-4`?"])
        #expect(unknown.first?.location == SourceLocation(file: tree.display("objectives/OBJ-INC-01.md"), line: 9, column: 32))
        #expect(got.filter { $0.rule == "requirements/unaddressed" }.isEmpty)
    }

    @Test func noRequirementsFiles() throws {
        let (tree, got) = try check([:], removing: ["requirements/msa.md"])
        defer { tree.remove() }
        #expect(got.map(\.rule) == ["requirements/unknown-clause"])
        #expect(got.first?.message.hasPrefix("`MSA-7.2` is not a clause of any requirements file: no file under requirements/ declares `clauses`.") == true)
    }

    @Test func unaddressedPointsAtTheClauseInItsFile() throws {
        let (tree, got) = try check(["requirements/controls.md": Self.controls])
        defer { tree.remove() }
        #expect(got.map(\.rule) == ["requirements/unaddressed"])
        #expect(got.first?.location == SourceLocation(file: tree.display("requirements/controls.md"), line: 5, column: 9))
        #expect(got.first?.message == "No active objective takes clause `CTL-4` of `Internal controls` into account; reference it in the `requirements` of an active objective, or say where it is addressed in `addressed_elsewhere`.")
        #expect(got.first?.severity == .warning)
    }

    @Test func linkedAcceptsANoteAndSkipsRetired() throws {
        for (edits, expected): (KeyValuePairs<String, String>, Int) in [
            (["requirements: [MSA-7.2]\n": ""], 1),
            (["requirements: [MSA-7.2]\n": "", "status: active": "status: draft"], 1),
            (["requirements: [MSA-7.2]\n": "", "status: active": "status: retired"], 0),
            (["requirements: [MSA-7.2]\n": "requirements_note: No external requirement applies.\n"], 0),
            (["requirements: [MSA-7.2]\n": "requirements: []\nrequirements_note: \"  \"\n"], 1),
        ] {
            let (tree, got) = try check(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: edits)])
            defer { tree.remove() }
            let linked = got.filter { $0.rule == "requirements/linked" }
            #expect(linked.count == expected, "\(edits)")
            #expect(linked.allSatisfy { $0.severity == .warning && $0.location.line == 1 })
        }
    }

    @Test func unaddressedListsObjectivesNotActiveByIDWhereverTheFilesLie() throws {
        // Paths in the opposite order of the ids.
        func objective(_ id: String, _ status: String) -> String {
            ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \(id)", "status: active": "status: \(status)",
                                              "requirements: [MSA-7.2]": "requirements: [MSA-7.3]"])
        }
        let (tree, got) = try check([
            "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "---\nNotes.": "  - id: MSA-7.3\n    text: Monthly availability is at least 99.9 %.\n---\nNotes.",
            ]),
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", "draft"),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", "retired"),
        ])
        defer { tree.remove() }
        let unaddressed = got.filter { $0.rule == "requirements/unaddressed" }
        #expect(unaddressed.count == 1)
        #expect(unaddressed.first?.message.hasPrefix("Only objectives that are not active (`OBJ-INC-02`, `OBJ-INC-03`) take clause `MSA-7.3`") == true)
    }
}
