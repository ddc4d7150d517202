import Foundation
import Testing
@testable import EvidentKit

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

    @Test func anUndatedCommunicationDoesNotProveTheCurrentVersionWasCommunicated() throws {
        let found = try Self.findings(["objectives/OBJ-INC-01.md": Self.laterApproval,
                                       "communications/2026-07-01.md": Self.communication(date: nil, objectives: "[OBJ-INC-01]")])
        #expect(found.count == 1)
    }

    @Test func withoutApprovalAnyCommunicationListingItCounts() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15\n": ""])
        #expect(try Self.findings(["objectives/OBJ-INC-01.md": text]).isEmpty)
        #expect(try Self.findings(["objectives/OBJ-INC-01.md": text,
                                   "communications/2026-01-20.md": Self.communication(date: nil, objectives: "all")]).isEmpty)
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
