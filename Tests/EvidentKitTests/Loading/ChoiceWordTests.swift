import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentModel

/// A word that means one of a field's fixed values (`yearly`, `biannual`, `law`, `keep`) is told
/// that value; a near spelling of a value is asked whether it meant it; anything else gets the list.
@Suite struct ChoiceWordTests {
    /// The `syntax/type` messages of the tree with `edits` made to the file at `path`.
    private func messages(_ path: String, _ text: String, _ edits: KeyValuePairs<String, String>) throws -> [String] {
        let tree = try TemporaryTree(ExampleTree.base.merging([path: ExampleTree.edit(text, edits)]) { $1 })
        defer { tree.remove() }
        return try tree.check().findings.filter { $0.rule == "syntax/type" }.map(\.message)
    }

    @Test func cadenceWords() throws {
        let cadences = "must be one of weekly, monthly, quarterly, semiannual, annual;"
        // Twice a year, though a letter or two from `annual`.
        #expect(try messages("objectives/OBJ-INC-01.md", ExampleTree.objective, ["cadence: monthly": "cadence: biannual"])
            == ["`cadence` \(cadences) `biannual` is not. Write `semiannual`."])
        #expect(try messages("objectives/OBJ-INC-01.md", ExampleTree.objective, ["cadence: monthly": "cadence: Half-Yearly"])
            == ["`cadence` \(cadences) `Half-Yearly` is not. Write `semiannual`."])
        // A forum's cadence in evident.yml is read the same way.
        #expect(try messages("evident.yml", ExampleTree.configuration, ["cadence: monthly": "cadence: yearly"])
            == ["`cadence` \(cadences) `yearly` is not. Write `annual`."])
        // A near spelling is still asked about; a word that means none of them gets the list alone.
        #expect(try messages("objectives/OBJ-INC-01.md", ExampleTree.objective, ["cadence: monthly": "cadence: montly"])
            == ["`cadence` \(cadences) `montly` is not. Did you mean `monthly`?"])
        #expect(try messages("objectives/OBJ-INC-01.md", ExampleTree.objective, ["cadence: monthly": "cadence: biennial"])
            == ["`cadence` \(cadences) `biennial` is not."])
    }

    @Test func wordsOfOtherFields() throws {
        #expect(try messages("requirements/msa.md", ExampleTree.requirement, ["kind: contract": "kind: Regulation"])
            == ["`kind` must be one of contract, internal-control, service-commitment, legal, standard; `Regulation` is not. Write `legal`."])
        #expect(try messages("reviews/2026-11-10.md", ExampleTree.review, ["decision: no-change": "decision: keep"])
            == ["`decision` must be one of no-change, update, retire, escalate; `keep` is not. Write `no-change`."])
        #expect(try messages("communications/2026-01-20.md", ExampleTree.communication, ["channel: intranet": "channel: e-mail"])
            == ["`channel` must be one of intranet, email, meeting, portal, other; `e-mail` is not. Write `email`."])
        // A tool's name: a meeting held in it, or a post, as the case was.
        let channels = "`channel` must be one of intranet, email, meeting, portal, other;"
        #expect(try messages("communications/2026-01-20.md", ExampleTree.communication, ["channel: intranet": "channel: Teams"])
            == ["\(channels) `Teams` is not. Write `meeting` for a meeting held in Teams, or `other` for a post in a Teams chat or channel."])
        #expect(try messages("communications/2026-01-20.md", ExampleTree.communication, ["channel: intranet": "channel: SharePoint"])
            == ["\(channels) `SharePoint` is not. Write `intranet`."])
        #expect(try messages("communications/2026-01-20.md", ExampleTree.communication, ["channel: intranet": "channel: zoom"])
            == ["\(channels) `zoom` is not. Write `meeting`."])
        // One word, two fields: `closed` is a decision to retire, and an action done.
        #expect(try messages("reviews/2026-11-10.md", ExampleTree.review, ["decision: no-change": "decision: closed"])
            == ["`decision` must be one of no-change, update, retire, escalate; `closed` is not. Write `retire`."])
        #expect(try messages("reviews/2026-11-10.md", ExampleTree.review, ["status: open": "status: closed"])
            == ["`status` must be one of open, done; `closed` is not. Write `done`."])
    }
}
