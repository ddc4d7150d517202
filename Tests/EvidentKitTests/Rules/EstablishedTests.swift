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
}
