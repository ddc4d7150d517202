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
