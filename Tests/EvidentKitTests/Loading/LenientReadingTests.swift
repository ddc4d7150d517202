import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// What evident reads that is not written exactly as docs/content-format.md gives it, and reads
/// all the same because its meaning is plain: each as the docs say, so that the two cannot drift
/// apart. (Thresholds: `MeasurableTests.numbersAndUnits`; header names: `SpreadsheetExportTests`.)
@Suite struct LenientReadingTests {
    /// The example tree with `files` over it, checked.
    private func check(_ files: [String: String]) throws -> CheckResult {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged)
        defer { tree.remove() }
        return try tree.check()
    }

    private func describe(_ findings: [Finding]) -> String {
        findings.map { "\($0.rule) \($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }.joined(separator: "\n")
    }

    /// White space around a value, quoted or not and of any kind (a tab, a non-breaking space, an
    /// ideographic space), is not part of it: a date, a whole number, a choice, an id.
    @Test func whiteSpaceAroundAValueIsNotPartOfIt() throws {
        let result = try check(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "approved_on: 2026-01-15": "approved_on: \" 2026-01-15\\u00A0\"",
            "status: active": "status: \"\\tactive \"",
            "version: 1\n": "version: ' 1 '\n",
            "id: OBJ-INC-01": "id: \"OBJ-INC-01\\u3000\"",
            "policy: [POL-1]": "policy: [' POL-1']",
        ])])
        #expect(result.findings.isEmpty, "\(describe(result.findings))")
        let objective = try #require(result.model.content.objectives.first)
        #expect(objective.approvedOn?.value == Day(iso: "2026-01-15"))
        #expect(objective.status?.value == .active)
        #expect(objective.version?.value == 1)
        #expect(objective.idText == "OBJ-INC-01")
        #expect(objective.policy.map(\.value) == ["POL-1"])
    }

    /// A whole number may have a `+` sign and leading zeros, read as decimal (`010` is ten, not
    /// YAML 1.1's octal eight); true/false is read in any case, quoted or not.
    @Test func numbersAndFlags() throws {
        let result = try check([
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["version: 1\n": "version: +01\n"]),
            "evident.yml": ExampleTree.configuration + """
                  - { id: fax, name: Fax gateway, level: service, excluded: "YES", justification: Retired under the decommissioning plan. }
                settings:
                  review_grace_days: 010
                  allow_raw_html: oN

                """,
        ])
        #expect(result.findings.isEmpty, "\(describe(result.findings))")
        #expect(result.model.content.objectives.first?.version?.value == 1)
        let configuration = result.model.content.configuration
        #expect(configuration.functions.map(\.excluded) == [false, true])
        #expect(configuration.settings.reviewGraceDays == 10)
        #expect(configuration.settings.allowRawHTML)
    }

    /// `objectives: all` in a communication is read in any case and with white space around it; a
    /// front-matter fence may have spaces after it.
    @Test func allInAnyCaseAndFencesWithSpaces() throws {
        let communication = ExampleTree.communication.replacingOccurrences(of: "objectives: [OBJ-INC-01]", with: "objectives: ' All '")
        #expect(communication != ExampleTree.communication)
        let fenced = "--- \n" + communication.dropFirst(4).replacingOccurrences(of: "\n---\n", with: "\n---\t\n")
        let result = try check(["communications/2026-01-20.md": fenced])
        #expect(result.findings.isEmpty, "\(describe(result.findings))")
        #expect(result.model.content.communications.map(\.coversAll) == [true])
        // In brackets it is a list, of one id.
        let listed = ExampleTree.communication.replacingOccurrences(of: "objectives: [OBJ-INC-01]", with: "objectives: [all]")
        #expect(try check(["communications/2026-01-20.md": listed]).findings.map(\.rule).contains("monitored/unknown-objective"))
    }

    /// A value cell may have a `+` sign, leading zeros, a point with no digit after it or before
    /// it, quotes, and white space of any kind around it; a period and an objective id too.
    @Test func measurementCells() throws {
        let result = try check(["measurements/OBJ-INC-01.csv": """
            objective , Period,VALUE,note,evidence
            OBJ-INC-01\u{A0},2026-02,+3.5,,
            OBJ-INC-01,2026-03 ,03.90,,
            OBJ-INC-01,\t2026-04,3.,,
            OBJ-INC-01,2026-05,.5,,
            OBJ-INC-01,"2026-06"," 3.8 ",,
            OBJ-INC-01,\u{202F}2026-07,3.1\u{A0},,
            OBJ-INC-01,2026-08,3.6,,
            OBJ-INC-01,2026-09,3.3,,
            OBJ-INC-01,2026-10,3.7,,extract-2026-10.csv

            """])
        #expect(result.findings.isEmpty, "\(describe(result.findings))")
        let rows = result.model.content.measurements.map { "\($0.objectiveID) \($0.periodValue) \($0.value ?? .nan)" }
        #expect(rows == ["OBJ-INC-01 2026-02 3.5", "OBJ-INC-01 2026-03 3.9", "OBJ-INC-01 2026-04 3.0", "OBJ-INC-01 2026-05 0.5",
                         "OBJ-INC-01 2026-06 3.8", "OBJ-INC-01 2026-07 3.1", "OBJ-INC-01 2026-08 3.6", "OBJ-INC-01 2026-09 3.3",
                         "OBJ-INC-01 2026-10 3.7"])
    }

    /// In a field that asks who (an approver, an owner, a chair, an audience, who is responsible,
    /// who attended), a word that names no one is no answer: `approved_by: None` would pass
    /// `established/approval`. Elsewhere `None` is an answer (`excludes: None.`).
    @Test func aWordForNoOneIsNoAnswerToWho() throws {
        let path = "objectives/OBJ-INC-01.md"
        for word in ["None", "nobody.", "No one", "'null'", "N.N.", "unassigned"] {
            let result = try check([path: ExampleTree.objective(replacing: ["approved_by: Head of Service Management\nap": "approved_by: \(word)\nap"])])
            let shown = word == "'null'" ? "null" : word
            #expect(result.findings.map(\.message) == [
                "`approved_by` in the objective names no one, `\(shown)`; say who approved the current version, or leave `approved_by` out if there is no one.",
            ], "\(word)")
        }
        let responsible = try check([path: ExampleTree.objective(replacing: ["  responsible: Incident Process Owner": "  responsible: Nobody"])])
        #expect(responsible.findings.map(\.rule) == ["syntax/type"])
        let attendees = try check(["reviews/2026-11-10.md": ExampleTree.review.replacingOccurrences(
            of: "attendees: [Incident Process Owner]", with: "attendees: [Incident Process Owner, none]")])
        #expect(attendees.findings.map(\.message) == [
            "An item of `attendees` in the review names no one, `none`; name who attended, or leave the item out.",
        ])
        let excludes = try check([path: ExampleTree.objective(replacing: ["  excludes: Incidents caused by customer-side changes.": "  excludes: None."])])
        #expect(excludes.findings.isEmpty, "\(describe(excludes.findings))")
    }
}
