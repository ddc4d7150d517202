import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// An objective whose history is dated after the as-of day, like its `approved_on` and
/// `effective`, had no version approved or in force on that day: it counts for nothing, as a
/// draft, so a function, statement or clause it covers today was uncovered then.
@Suite struct NotYetBegunAsOfTests {
    /// The base tree with a second function, `change`, whose one objective was first approved on
    /// 2026-03-01 and serves its own statement and clause.
    static let tree: [String: String] = ExampleTree.base.merging([
        "evident.yml": ExampleTree.configuration
            + "  - id: change\n    name: Change management\n    level: process\n    owner: Change Manager\n    forum: ops-review\n",
        "policy.md": ExampleTree.edit(ExampleTree.policy, [
            "    text: We restore disrupted services quickly and keep users informed.\n": """
                    text: We restore disrupted services quickly and keep users informed.
                  - id: POL-2
                    text: We change services without disrupting them.

                """,
        ]),
        "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
            "    text: Priority 1 incidents are restored within 4 hours.\n": """
                    text: Priority 1 incidents are restored within 4 hours.
                  - id: MSA-9.1
                    text: Changes are announced five days ahead.

                """,
        ]),
        "objectives/OBJ-CHG-01.md": changeObjective,
        "measurements/OBJ-CHG-01.csv": "period,value,note,evidence\n2026-03,3.5,,\n2026-04,3.5,,\n2026-05,3.5,,\n2026-06,3.5,,\n2026-07,3.5,,\n2026-08,3.5,,\n2026-09,3.5,,\n2026-10,3.5,,\n",
        "communications/2026-03-02.md": "---\ndate: 2026-03-02\nchannel: intranet\naudience: Change Advisory Board\nobjectives: [OBJ-CHG-01]\n---\nPublished.\n",
        "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, OBJ-CHG-01]"]),
    ]) { $1 }

    static let changeObjective = ExampleTree.objective(replacing: [
        "id: OBJ-INC-01": "id: OBJ-CHG-01",
        "function: incident": "function: change",
        "owner: Incident Process Owner": "owner: Change Manager",
        "policy: [POL-1]": "policy: [POL-2]",
        "requirements: [MSA-7.2]": "requirements: [MSA-9.1]",
        "approved_on: 2026-01-15\neffective: 2026-02-01": "approved_on: 2026-03-01",
        "    date: 2026-01-15": "    date: 2026-03-01",
        "  responsible: Incident Process Owner": "  responsible: Change Manager",
    ])

    static let coverage = ["levels/coverage", "policy/uncovered", "requirements/unaddressed"]

    static func findings(_ result: CheckResult, _ rule: String) -> [Finding] {
        result.findings.filter { $0.rule == rule }
    }

    static func change(_ result: CheckResult) throws -> Objective {
        try #require(result.model.content.objectives.first { $0.idText == "OBJ-CHG-01" })
    }

    @Test func theTreePassesToday() throws {
        let tree = try TemporaryTree(Self.tree)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    /// As of 2026-02-15 the change objective had not been approved: its function, statement and
    /// clause had no objective, and the registers say it was no active one.
    @Test func beforeItsFirstVersionItCoversNothing() throws {
        let tree = try TemporaryTree(Self.tree)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-02-15")
        let o = try Self.change(result)
        #expect(result.model.status(of: o) == .draft)
        #expect(result.model.activeObjectives.map(\.idText) == ["OBJ-INC-01"])
        #expect(Self.findings(result, "levels/coverage").map(\.message).first?.contains("Function `change`") == true)
        #expect(Self.findings(result, "policy/uncovered").map(\.message).first?.contains("Only objectives that are not active (`OBJ-CHG-01`) serve policy statement `POL-2`") == true)
        #expect(Self.findings(result, "requirements/unaddressed").count == 1)
        // Its approval to come is no finding of established/approval: the later history entry is
        // updated/history's, and the objective is not asked to become a draft.
        #expect(!result.findings.contains { $0.rule == "established/approval" })
        #expect(result.findings.contains { $0.rule == "updated/history" && $0.objective == "OBJ-CHG-01" })
        #expect(Registers.registerCSV(result).contains("OBJ-CHG-01,") && Registers.registerCSV(result).contains(",draft,"))
        #expect(Registers.readinessMarkdown(result).contains("(1 active, 1 draft, 0 retired)"))
        // From its approval on, it covers them.
        let then = try tree.check(asOf: "2026-03-01")
        #expect(try then.model.status(of: Self.change(then)) == .active)
        for rule in Self.coverage { #expect(Self.findings(then, rule).isEmpty, "\(rule)") }
    }

    /// An `effective` on or before the day (a version approved later that applies from earlier)
    /// makes it begun, as it makes its periods due.
    @Test func anEffectiveDateOnOrBeforeTheDayHasBegunIt() throws {
        let files = Self.tree.merging(["objectives/OBJ-CHG-01.md": ExampleTree.edit(Self.changeObjective, [
            "approved_on: 2026-03-01": "approved_on: 2026-03-01\neffective: 2026-02-01",
        ])]) { $1 }
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-02-15")
        #expect(try result.model.status(of: Self.change(result)) == .active)
        for rule in Self.coverage { #expect(Self.findings(result, rule).isEmpty, "\(rule)") }
    }

    /// Without a dated history entry the file is read as written: a later `approved_on` alone is
    /// established/approval's finding (a mistyped date, or an approval to come), and the objective
    /// counts as active.
    @Test func withoutADatedEntryTheFileIsAsWritten() throws {
        let files = Self.tree.merging(["objectives/OBJ-CHG-01.md": ExampleTree.edit(Self.changeObjective, [
            "    date: 2026-03-01\n": "",
        ])]) { $1 }
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-02-15")
        #expect(try result.model.status(of: Self.change(result)) == .active)
        #expect(result.findings.contains { $0.rule == "established/approval" && $0.objective == "OBJ-CHG-01" })
        for rule in Self.coverage { #expect(Self.findings(result, rule).isEmpty, "\(rule)") }
    }

    /// With every objective not yet begun, nothing is established that day.
    @Test func noObjectiveBegunIsNoObjectiveEstablished() throws {
        let tree = try TemporaryTree(Self.tree)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-01-10")
        #expect(result.model.activeObjectives.isEmpty)
        let required = result.findings.filter { $0.rule == "established/required" }
        #expect(required.count == 1 && required.first?.location.file.hasSuffix("evident.yml") == true)
        #expect(required.first?.message.hasPrefix("No objective is active (2 approved after the as-of date 2026-01-10).") == true)
        #expect(result.status(of: .levels) != .pass)
    }

    /// The site's objective page says it was not monitored, and no version was in force.
    @Test func theSiteShowsItNotActive() throws {
        let site = try SiteTestSupport.site(of: Self.tree, asOf: "2026-02-15")
        let page = String(decoding: try #require(site["objectives/obj-chg-01.html"]), as: UTF8.self)
        #expect(page.contains("Draft: not monitored"))
        #expect(page.contains("no version in force on 2026-02-15"))
    }
}
