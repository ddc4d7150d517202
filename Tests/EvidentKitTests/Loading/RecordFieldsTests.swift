import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// The fields that make a review, its actions and a communication evidence (who, when, how, to
/// whom): one left out is one `syntax/type` finding per record, naming every field left out, and
/// no rule counts the record as what it fails to be.
@Suite struct RecordFieldsTests {
    static let reviewPath = "reviews/2026-11-10.md"
    static let communicationPath = "communications/2026-01-20.md"

    /// The findings on the base tree with `files` laid over it, with paths inside the tree.
    private func check(_ files: [String: String], removing: [String] = []) throws -> [(path: String, finding: Finding)] {
        let tree = try TemporaryTree(ExampleTree.base.merging(files) { $1 }, removing: removing)
        defer { tree.remove() }
        let root = ContentLoader.displayPath(tree.path) + "/"
        return try tree.check().findings.map { f in
            (f.location.file.hasPrefix(root) ? String(f.location.file.dropFirst(root.count)) : f.location.file, f)
        }
    }

    private func syntaxType(_ files: [String: String]) throws -> [(path: String, finding: Finding)] {
        try check(files).filter { $0.finding.rule == "syntax/type" }
    }

    @Test func aReviewWithoutDateOrForumIsOneFindingAtItsFirstLine() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10\nforum: ops-review\n": ""])
        let found = try syntaxType([Self.reviewPath: review])
        #expect(found.map(\.path) == [Self.reviewPath])
        #expect(found.first?.finding.location.line == 1 && found.first?.finding.location.column == 1)
        #expect(found.first?.finding.message == "A review needs the `date` of the meeting (YYYY-MM-DD) and the `forum` that met (one of evident.yml's `forums`): they say when and by which meeting the objectives were reviewed.")
    }

    /// A blank value is a field left out, not a value: it is asked for like an absent one.
    @Test func aBlankDateOrForumIsAsked() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: \"\"", "forum: ops-review": "forum: \"  \""])
        let communication = ExampleTree.edit(ExampleTree.communication, ["date: 2026-01-20": "date:"])
        let found = try syntaxType([Self.reviewPath: review, Self.communicationPath: communication])
        #expect(Set(found.map(\.path)) == [Self.reviewPath, Self.communicationPath])
        #expect(found.first { $0.path == Self.reviewPath }?.finding.message.hasPrefix("A review needs the `date` of the meeting (YYYY-MM-DD) and the `forum`") == true)
        #expect(found.first { $0.path == Self.communicationPath }?.finding.message.hasPrefix("A communication needs the `date` it was made (YYYY-MM-DD): it says when") == true)
    }

    @Test func anActionWithoutOwnerDueOrTextIsOneFindingAtTheItem() throws {
        let review = ExampleTree.edit(ExampleTree.review, [
            "    owner: Incident Process Owner\n    due: 2026-12-15\n": "", "    text: Check the P1 runbook.\n": "",
        ])
        let found = try syntaxType([Self.reviewPath: review])
        #expect(found.count == 1)
        let line = review.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  - id: ACT-1" }.map { $0 + 1 }
        #expect(found.first?.finding.location.line == line && found.first?.finding.location.column == 5)
        #expect(found.first?.finding.message == "Action `ACT-1` does not say who is responsible, by when or what is to be done; add `owner:` (a role), `due:` (YYYY-MM-DD) and `text:`. Until it does, it cannot be followed up, and it does not count as a response to results off target (`monitored/persistent-off-target`).")
    }

    /// `done_on` is read like every date: a value that is not one is `syntax/type` at the value,
    /// and the action, marked done, counts as done on every day, as if it had no `done_on`.
    @Test func anActionsDoneOnIsADate() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done\n    done_on: last week"])
        let found = try check([Self.reviewPath: review])
        #expect(found.map { "\($0.finding.rule) \($0.path):\($0.finding.location.line ?? 0):\($0.finding.location.column ?? 0)" }
                == ["syntax/type reviews/2026-11-10.md:17:14"], "\(found.map(\.finding.message))")
        #expect(found.first?.finding.message.hasPrefix("`done_on` must be a real date written YYYY-MM-DD") == true)
        let dated = ExampleTree.edit(review, ["done_on: last week": "done_on: 2026-11-14"])
        #expect(try check([Self.reviewPath: dated]).isEmpty)
    }

    /// Without an id, the action is named by its objective, or not at all.
    @Test func anActionWithoutAnIdIsNamedByItsObjective() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["  - id: ACT-1\n    objective: OBJ-INC-01\n": "  - objective: OBJ-INC-01\n", "    due: 2026-12-15\n": ""])
        let found = try syntaxType([Self.reviewPath: review])
        #expect(found.map { String($0.finding.message.prefix(60)) } == ["This action on `OBJ-INC-01` does not say by when; add `due:`"])
    }

    @Test func aCommunicationWithoutChannelOrAudienceIsOneFindingThatSaysItDoesNotCount() throws {
        let communication = ExampleTree.edit(ExampleTree.communication, ["channel: intranet\naudience: All service desk staff\n": ""])
        let found = try check([Self.communicationPath: communication])
        let type = found.filter { $0.finding.rule == "syntax/type" }
        #expect(type.map(\.path) == [Self.communicationPath])
        #expect(type.first?.finding.message == "A communication needs its `channel` (intranet, email, meeting, portal or other) and its `audience` (who was told): they say how and to whom the objectives were communicated. Without an audience it does not count as communicating them (`communicated/missing`).")
        // It was the objective's only communication: it is not communicated, and the message says why.
        let missing = found.filter { $0.finding.rule == "communicated/missing" }
        #expect(missing.count == 1)
        #expect(missing.first?.finding.message.hasSuffix("/\(Self.communicationPath)` would count, but names no `audience`: add to whom it was communicated.") == true)
    }

    /// A communication with an audience but no channel still shows who was told: it counts.
    @Test func aCommunicationWithoutChannelStillCounts() throws {
        let communication = ExampleTree.edit(ExampleTree.communication, ["channel: intranet\n": ""])
        let found = try check([Self.communicationPath: communication])
        #expect(found.map(\.finding.rule) == ["syntax/type"])
        #expect(found.first?.finding.message.hasSuffix("it says how the objectives were communicated.") == true)
    }

    /// A review without a forum still counts as reviewing its objectives: the date says when.
    @Test func aReviewWithoutForumStillReviews() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["forum: ops-review\n": ""])
        let found = try check([Self.reviewPath: review])
        #expect(found.map(\.finding.rule) == ["syntax/type"])
    }

    /// An action with no owner or due date is no response: the off-target finding asks for one
    /// instead of naming that review; the same action complete is named.
    @Test func anIncompleteActionDoesNotAnswerAResultOffTarget() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv": "2026-10,7.5,,"])
        let actionOnly = ExampleTree.edit(ExampleTree.review, ["decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": ""])
        func message(_ review: String) throws -> String? {
            try check(["measurements/OBJ-INC-01.csv": rows, Self.reviewPath: review]).first { $0.finding.rule == "monitored/off-target" }?.finding.message
        }
        #expect(try message(actionOnly)?.contains("(the review of 2026-11-10)") == true)
        let withoutOwner = ExampleTree.edit(actionOnly, ["    owner: Incident Process Owner\n": ""])
        #expect(try message(withoutOwner)?.hasSuffix("Apply the objective's `actions` and record the response at its next review.") == true)
        // An owner that is a placeholder is that one finding: the action still answers.
        let placeholder = ExampleTree.edit(actionOnly, ["    owner: Incident Process Owner": "    owner: TBD"])
        #expect(try message(placeholder)?.contains("(the review of 2026-11-10)") == true)
    }

    /// An action without a due date is reported as such, never as overdue.
    @Test func anActionWithoutDueIsAskedForOneNotOverdue() throws {
        let review = ExampleTree.edit(ExampleTree.review, ["    due: 2026-12-15\n": ""])
        let found = try check([Self.reviewPath: review])
        #expect(found.map(\.finding.rule) == ["syntax/type"])
        #expect(found.first?.finding.message.hasPrefix("Action `ACT-1` does not say by when; add `due:` (YYYY-MM-DD).") == true)
    }
}
