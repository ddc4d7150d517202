import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// Edge cases of the established rules that their examples do not show.
@Suite struct EstablishedRuleTests {
    private func findings(_ rule: any Rule.Type, _ files: [String: String]) throws -> [Finding] {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        defer { tree.remove() }
        return try tree.check().findings.filter { $0.rule == rule.id }
    }

    private func statement(_ text: String) -> [String: String] {
        ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: \(text)",
        ])]
    }

    @Test(arguments: [
        ("Restore service within 4 hours.", 1),
        ("Restore service within 4 hours", 1),
        ("Keep availability at or above 99.5 % every month.", 1),
        ("Restore service. Report it.", 2),
        ("Restore service.\nReport it.", 2),
        ("Really?! Yes.", 2),
        ("One. Two! Three? Four", 4),
        ("Version 2.0 ships.  ", 1),
        ("Restore service.\u{00A0}Report it.", 2),
        ("Restore service.\u{2003}Report it.", 2),
        ("Restore service.é Report it", 1),
        ("Délai réduit. Rapport émis.", 2),
        ("", 0),
    ])
    func sentences(text: String, expected: Int) {
        #expect(EstablishedStatement.sentenceCount(text) == expected)
    }

    @Test func wordsCountOnlyRunsWithALetterOrDigit() {
        #expect(EstablishedStatement.wordCount("Keep availability >= 99.5 % - always") == 4)
        #expect(EstablishedStatement.wordCount("  Réduire\tle délai — à 4 h\n") == 6)
        #expect(EstablishedStatement.wordCount("顧客 満足 ٣ & ") == 3)
        #expect(EstablishedStatement.wordCount("") == 0)
        #expect(EstablishedStatement.wordCount("\tKeep\r\nit  - 4 % up") == 4)
    }

    @Test func fortyWordsAreAllowedFortyOneAreNot() throws {
        let forty = Array(repeating: "word", count: 40).joined(separator: " ") + "."
        #expect(try findings(EstablishedStatement.self, statement(forty)).isEmpty)
        let found = try findings(EstablishedStatement.self, statement("more " + forty))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("41 words") == true)
        #expect(found.first?.message.contains("sentences") == false)
    }

    @Test func bothProblemsAreNamedInOneFinding() throws {
        let long = Array(repeating: "word", count: 45).joined(separator: " ")
        let found = try findings(EstablishedStatement.self, statement("\(long). Then more."))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("2 sentences and 47 words") == true)
        #expect(found.first?.objective == "OBJ-INC-01")
    }

    @Test func approvalSaysWhichFieldIsMissing() throws {
        let found = try findings(EstablishedApproval.self, ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "approved_by: Head of Service Management\napproved_on": "approved_on",
        ])])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("no `approved_by`;") == true)
        #expect(found.first?.message.contains("no `approved_on`") == false)
        #expect(found.first?.location.line == 1)
    }

    @Test func approvalIgnoresRetiredObjectives() throws {
        let found = try findings(EstablishedApproval.self, ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "status: active": "status: retired",
            "approved_by: Head of Service Management\napproved_on: 2026-01-15\n": "",
        ])])
        #expect(found.isEmpty)
    }

    // MARK: an empty objective set

    /// The auditor's case: every function excluded with a justification, a policy without
    /// statements, every clause addressed elsewhere and no objective. Nothing is established, and
    /// that is said at evident.yml and at the policy's statements, where no rule said anything.
    static let emptySet: [String: String] = [
        "evident.yml": """
            organization: Example Services
            forums:
              - { id: ops-review, name: Operational review, cadence: monthly }
            functions:
              - id: incident
                name: Incident management
                level: process
                excluded: true
                justification: Outsourced to the group service desk under its own objectives.

            """,
        "policy.md": "---\ntitle: Policy\nversion: 1\napproved_by: CIO\napproved_on: 2026-01-05\nstatements: []\n---\nThe policy.\n",
        "requirements/msa.md": """
            ---
            title: Master services agreement
            kind: contract
            clauses:
              - id: MSA-7.2
                text: Priority 1 incidents are restored within 4 hours.
                addressed_elsewhere: Covered by the continuity plan.
            ---

            """,
    ]

    @Test func anEmptyObjectiveSetIsReportedOnceAtEvidentYmlAndThePolicy() throws {
        let tree = try TemporaryTree(Self.emptySet)
        defer { tree.remove() }
        let found = try tree.check().findings
        #expect(found.map { "\($0.rule) \($0.severity) \($0.location)" } == [
            "established/required error \(tree.display("evident.yml")):1:1",
            "policy/trace error \(tree.display("policy.md")):6:13",
        ])
        #expect(found.first?.message == "There is no objective: no file under objectives/ declares one. Clause 6.2 asks that objectives be established, and with none in force no other rule has anything to judge. Add an objective file under objectives/ for each objective at the relevant functions and levels.")
        #expect(found.last?.message == "The policy declares no statements, so no objective can be traced to it. Number the policy's commitments under `statements`, each with an `id` and its `text` (like `- { id: POL-1, text: ... }`), and list in each objective's `policy` those it serves.")
    }

    @Test func onlyDraftsAndRetiredObjectivesAreCounted() throws {
        let found = try findings(EstablishedRequired.self, [
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02", "status: active": "status: draft"]),
            "objectives/OBJ-INC-03.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-03", "status: active": "status: retired"]),
        ])
        #expect(found.map(\.message) == [
            "No objective is active (2 draft, 1 retired). Clause 6.2 asks that objectives be established, and with none in force no other rule has anything to judge. Set `status: active` on the objectives in force once they are approved, or add an active objective under objectives/.",
        ])
        #expect(found.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["1:1"])
    }

    /// A configured standard no active objective serves is its own finding, bearing on it alone.
    @Test func aStandardNoActiveObjectiveServesIsReportedAtItsID() throws {
        let found = try findings(EstablishedRequired.self, [
            "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001, iso27001"),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso9001]\n"]),
            "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: [
                "id: OBJ-INC-01": "id: OBJ-INC-02", "status: active\n": "status: draft\nstandards: [iso27001]\n",
            ]),
        ])
        #expect(found.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["12:13", "12:34"])
        #expect(found.map(\.standards) == [["iso20000-1"], ["iso27001"]])
        #expect(found.first?.message == "No active objective serves ISO/IEC 20000-1:2018, which `standards` names, so its clause 6.2 has no objective to judge. Let an objective serve it (leave out the objective's `standards`, or name `iso20000-1` in it), or take `iso20000-1` out of `standards`.")
    }
}
