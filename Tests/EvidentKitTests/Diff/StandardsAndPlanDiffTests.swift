import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel

/// `evident diff` reports a change of an objective's `standards` and of each field of its `plan`
/// like any other field (SPEC §8): in the field table, in the unrecorded change, and in the
/// pull-request comment.
@Suite struct StandardsAndPlanDiffTests {
    static let configuration = ExampleTree.configuration + "standards: [iso20000-1, iso9001, iso27001]\n"

    static func objective(standards: String, what: String, due: String) -> String {
        ExampleTree.objective(replacing: [
            "status: active\n": "status: active\nstandards: \(standards)\n",
            ExampleTree.plan: """
                plan:
                  what: \(what)
                  resources: Two days of the ITSM administrator.
                  responsible: Incident Process Owner
                  due: \(due)
                  evaluation: Monthly P90 restoration time against the target.

                """,
        ])
    }

    @Test func aChangeOfStandardsAndOfThePlanIsShownFieldByFieldAndIsAnUnrecordedChange() throws {
        let base = Self.objective(standards: "[iso20000-1]", what: "Move P1 routing to the on-call rota.", due: "2026-12-31")
        let head = Self.objective(standards: "[iso27001, iso20000-1]", what: "Add a second on-call engineer.", due: "2027-03-31")
        let pair = try FolderPair(base: ["evident.yml": Self.configuration, "objectives/OBJ-INC-01.md": base],
                                  head: ["objectives/OBJ-INC-01.md": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changed = try #require(diff.changed.first)
        #expect(changed.fields == [
            .init(field: "standards", before: "iso20000-1", after: "iso27001, iso20000-1"),
            .init(field: "plan.what", before: "Move P1 routing to the on-call rota.", after: "Add a second on-call engineer."),
            .init(field: "plan.due", before: "2026-12-31", after: "2027-03-31"),
        ])
        let unrecorded = try #require(diff.introduced.first { $0.rule == "updated/unrecorded-change" })
        #expect(unrecorded.message.contains("`standards`") && unrecorded.message.contains("`plan.what`") && unrecorded.message.contains("`plan.due`"))

        // The pull-request comment: one row per field, the field as code, the values as text.
        let html = MarkdownRenderer(allowRawHTML: true).html(DiffReport(diff: diff).markdown())
        let rows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: html).first ?? "")
        #expect(rows.map { DiffReportTests.elements("td", in: $0).dropFirst().first ?? "" }
                == ["<code>standards</code>", "<code>plan.what</code>", "<code>plan.due</code>"])
        #expect(DiffReportTests.elements("td", in: rows[2]) == ["", "<code>plan.due</code>", "2026-12-31", "2027-03-31"])
    }

    @Test func aPlanAddedOrRemovedShowsEachOfItsFields() throws {
        let planned = Self.objective(standards: "[iso9001]", what: "Move P1 routing to the on-call rota.", due: "2026-12-31")
        let unplanned = ExampleTree.objective(replacing: [ExampleTree.plan: ""])
        let pair = try FolderPair(base: ["evident.yml": Self.configuration, "objectives/OBJ-INC-01.md": unplanned],
                                  head: ["objectives/OBJ-INC-01.md": planned])
        defer { pair.remove() }
        let fields = try #require(try pair.diff().changed.first).fields
        #expect(fields.map(\.field) == ["standards", "plan.what", "plan.resources", "plan.responsible", "plan.due", "plan.evaluation"])
        #expect(fields.allSatisfy { $0.before == nil })
        #expect(fields.first?.after == "iso9001")
    }

    @Test func reorderingTheStandardsIsNotAChange() throws {
        let a = Self.objective(standards: "[iso20000-1, iso27001]", what: "Move P1 routing.", due: "2026-12-31")
        let b = Self.objective(standards: "[iso27001, iso20000-1]", what: "Move P1 routing.", due: "2026-12-31")
        let pair = try FolderPair(base: ["evident.yml": Self.configuration, "objectives/OBJ-INC-01.md": a],
                                  head: ["objectives/OBJ-INC-01.md": b])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.isEmpty)
        #expect(!diff.introduced.contains { $0.rule == "updated/unrecorded-change" })
    }
}
