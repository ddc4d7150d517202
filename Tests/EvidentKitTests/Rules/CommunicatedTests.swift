import Foundation
import Testing
@testable import EvidentModel

@Suite struct CommunicatedMissingTests {
    private static func findings(_ files: [String: String], removing: [String] = []) throws -> [Finding] {
        let tree = try TemporaryTree(ExampleTree.base.merging(files) { $1 }, removing: removing)
        defer { tree.remove() }
        return try tree.check().findings.filter { $0.rule == "communicated/missing" }
    }

    private static func communication(date: String?, objectives: String) -> String {
        "---\n" + (date.map { "date: \($0)\n" } ?? "") + "channel: email\naudience: Service desk\nobjectives: \(objectives)\n---\nSent.\n"
    }

    private static let laterApproval = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-06-01"])

    @Test func aCommunicationOfAnotherObjectiveDoesNotCount() throws {
        let found = try Self.findings(["objectives/OBJ-INC-01.md": Self.laterApproval,
                                       "communications/2026-07-01.md": Self.communication(date: "2026-07-01", objectives: "[OBJ-CHG-01]")])
        #expect(found.count == 1)
        #expect(found.first?.objective == "OBJ-INC-01")
        #expect(found.first?.message.contains("2026-06-01") == true)
    }

    @Test func theLatestCommunicationWithoutAnAudienceIsNamedWhereverTheFilesLie() throws {
        // Paths in the opposite order of the dates.
        func withoutAudience(_ date: String) -> String {
            Self.communication(date: date, objectives: "[OBJ-INC-01]").replacingOccurrences(of: "audience: Service desk\n", with: "")
        }
        let found = try Self.findings(["objectives/OBJ-INC-01.md": Self.laterApproval,
                                       "communications/a/early.md": withoutAudience("2026-07-01"),
                                       "communications/z/late.md": withoutAudience("2026-08-01")])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("communications/z/late.md` would count, but names no `audience`") == true)
    }

    @Test func anUndatedCommunicationDoesNotProveTheCurrentVersionWasCommunicated() throws {
        let found = try Self.findings(["objectives/OBJ-INC-01.md": Self.laterApproval,
                                       "communications/2026-07-01.md": Self.communication(date: nil, objectives: "[OBJ-INC-01]")])
        #expect(found.count == 1)
    }

    /// Neither `approved_on` nor a dated history entry: nothing says when the version was approved.
    @Test func withoutApprovalAnyCommunicationListingItCounts() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15\n": "", "    date: 2026-01-15\n": ""])
        #expect(try Self.findings(["objectives/OBJ-INC-01.md": text]).isEmpty)
        #expect(try Self.findings(["objectives/OBJ-INC-01.md": text,
                                   "communications/2026-01-20.md": Self.communication(date: nil, objectives: "all")]).isEmpty)
    }

    /// Version 2's entry is dated 2026-03-01 while `approved_on` still says 2026-01-15: the
    /// communication of 2026-01-20 came before the current version existed.
    @Test func aCommunicationBeforeTheCurrentVersionsEntryDoesNotCount() throws {
        let text = ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "---\nRationale.": "  - version: 2\n    date: 2026-03-01\n    change: Target tightened.\n    reason: Renewal.\n    approved_by: Head of Service Management\n---\nRationale.",
        ])
        let found = try Self.findings(["objectives/OBJ-INC-01.md": text])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("approved on 2026-03-01") == true)
        #expect(found.first?.location.line == 41)
    }

    @Test func retiredObjectivesNeedNoCommunication() throws {
        let text = ExampleTree.objective(replacing: ["status: active": "status: retired"])
        #expect(try Self.findings(["objectives/OBJ-INC-01.md": text], removing: ["communications/2026-01-20.md"]).isEmpty)
    }

    @Test func theMessageSaysWhatToAdd() throws {
        let found = try Self.findings([:], removing: ["communications/2026-01-20.md"])
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.contains("communications/") == true)
    }
}
