import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// A retirement is a change like any other: as of a day before its history entry (or before the
/// entry takes effect), the objective was active under the version before, and is judged so.
@Suite struct RetirementAsOfTests {
    /// The base objective retired by version 2, approved on 2026-10-20 (`effective` as given), with
    /// no value for August.
    static func retired(effective: String? = nil) -> [String: String] {
        ExampleTree.base.merging([
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "status: active": "status: retired",
                "\nversion: 1": "\nversion: 2",
                "approved_on: 2026-01-15\neffective: 2026-02-01": "approved_on: 2026-10-20",
                "history:\n": """
                    history:
                      - version: 2
                        date: 2026-10-20
                        change: Retired.
                        reason: Replaced by a new objective.
                        approved_by: Head of Service Management\(effective.map { "\n    effective: \($0)" } ?? "")

                    """,
                "    approved_by: Head of Service Management\n---": """
                        approved_by: Head of Service Management
                        effective: 2026-02-01
                    ---
                    """,
            ]),
            "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-08,3.6,,\n": ""]),
        ]) { $1 }
    }

    static func rules(_ result: CheckResult) -> Set<String> { Set(result.findings.map(\.rule)) }

    @Test func beforeTheRetirementTheObjectiveIsActiveAndMonitored() throws {
        let tree = try TemporaryTree(Self.retired())
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-09-30")
        let o = try #require(result.model.content.objectives.first)
        #expect(result.model.status(of: o) == .active)
        #expect(result.model.activeObjectives.count == 1)
        let rules = Self.rules(result)
        // Not "no objective is active", nor a function, statement or clause left uncovered.
        // Nor asked to become a draft until its `approved_on`, the retirement's approval, is given.
        for rule in ["established/required", "established/approval", "levels/coverage", "policy/uncovered", "requirements/unaddressed"] {
            #expect(!rules.contains(rule), "\(rule)")
        }
        // August was due and is missing: as of that day, a finding.
        let noData = result.findings.filter { $0.rule == "monitored/no-data" }
        #expect(noData.contains { $0.message.contains("2026-08") })
        // The registers and the readiness say what held that day.
        #expect(Registers.registerCSV(result).contains(",active,"))
        #expect(Registers.readinessMarkdown(result).contains("(1 active, 0 draft, 0 retired)"))
    }

    @Test func fromTheRetirementItIsRetired() throws {
        let tree = try TemporaryTree(Self.retired())
        defer { tree.remove() }
        for asOf in ["2026-10-20", ExampleTree.asOf] {
            let result = try tree.check(asOf: asOf)
            let o = try #require(result.model.content.objectives.first)
            #expect(result.model.status(of: o) == .retired)
            #expect(result.model.activeObjectives.isEmpty)
            #expect(!result.findings.contains { $0.rule == "monitored/no-data" })
            #expect(Registers.registerCSV(result).contains(",retired,"))
        }
    }

    /// Approved on 2026-10-20 to take effect on 2026-11-01: monitored until then.
    @Test func aRetirementTakesEffectOnItsEffectiveDate() throws {
        let tree = try TemporaryTree(Self.retired(effective: "2026-11-01"))
        defer { tree.remove() }
        let before = try tree.check(asOf: "2026-10-31")
        let after = try tree.check(asOf: "2026-11-01")
        let o = try #require(before.model.content.objectives.first)
        #expect(before.model.status(of: o) == .active)
        #expect(after.model.status(of: o) == .retired)
    }

    /// Before any of its versions was approved there was no version before the retirement to be
    /// active under: the objective is not monitored.
    @Test func beforeItsFirstVersionItIsNotActive() throws {
        let tree = try TemporaryTree(Self.retired())
        defer { tree.remove() }
        let result = try tree.check(asOf: "2026-01-10")
        let o = try #require(result.model.content.objectives.first)
        #expect(result.model.status(of: o) == .retired)
    }

    /// The site's register and the objective's page say the same as the registers.
    @Test func theSiteShowsTheStatusOfTheDay() throws {
        let site = try SiteTestSupport.site(of: Self.retired(), asOf: "2026-09-30")
        let page = try #require(site.first { $0.key.hasPrefix("objectives/") && $0.key.hasSuffix(".html") }?.value)
        let html = String(decoding: page, as: UTF8.self)
        #expect(!html.contains("not monitored"))
        #expect(html.contains("2026-08"))
        let retiredThen = try SiteTestSupport.site(of: Self.retired(), asOf: "2026-10-20")
        let later = try #require(retiredThen.first { $0.key.hasPrefix("objectives/") && $0.key.hasSuffix(".html") }?.value)
        #expect(String(decoding: later, as: UTF8.self).contains("Retired: not monitored"))
    }
}
