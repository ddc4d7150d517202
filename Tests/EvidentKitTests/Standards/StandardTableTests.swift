import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// The standards' tables (SPEC §8) as data: what each standard has, under which number, and how
/// the loader and the model read `standards` from evident.yml, objectives and policy statements.
@Suite struct StandardTableTests {
    /// What SPEC §8 tabulates for each standard, one row each, in `Standard.all`'s order: the
    /// items beyond the common ones, whether measurable is only "if practicable", whether the plan
    /// needs `integration`, and two clause numbers in the standard's own numbering. A new standard
    /// is one row here (and its file in Sources/EvidentModel/Standards/).
    struct Row {
        let id: String
        let extra: Set<StandardItem>
        let ifPracticable: Bool
        let integration: Bool
        let measurable: String
        let plan: String
    }
    static let rows: [Row] = [
        Row(id: "iso20000-1", extra: [], ifPracticable: false, integration: false, measurable: "6.2.1 b", plan: "6.2.2 a–e"),
        Row(id: "iso9001", extra: [.customer], ifPracticable: false, integration: false, measurable: "6.2.1 b", plan: "6.2.2 a–e"),
        // ISO/IEC 27001:2022 letters its planning paragraph on from g: h) what … l) how evaluated.
        Row(id: "iso27001", extra: [.risks], ifPracticable: true, integration: false, measurable: "6.2 b", plan: "6.2 h–l"),
        Row(id: "iso14001", extra: [.risks], ifPracticable: true, integration: true, measurable: "6.2.1 b", plan: "6.2.2 a–e"),
        Row(id: "iso45001", extra: [.risks, .consultation], ifPracticable: true, integration: true, measurable: "6.2.1 b", plan: "6.2.2 a–f"),
        Row(id: "iso22301", extra: [], ifPracticable: true, integration: false, measurable: "6.2.1 b", plan: "6.2.2 a–e"),
    ]

    @Test func everyStandardListsEachItemOnceWithItsPlanAndTheCommonItems() {
        #expect(Standard.all.map(\.id) == Self.rows.map(\.id), "each standard of Standard.all needs its row in StandardTableTests.rows")
        #expect(Set(Standard.all.map(\.id)).count == Standard.all.count)
        #expect(ContentFormat.standardIDs == Standard.all.map(\.id))
        let common: [StandardItem] = [.levels, .policy, .measurable, .requirements, .monitored, .communicated, .updated, .documented, .plan]
        for standard in Standard.all {
            #expect(Set(standard.items.map(\.item)).count == standard.items.count, "\(standard.id) repeats an item")
            for item in common { #expect(standard.has(item), "\(standard.id) lacks \(item)") }
            #expect(!standard.items.contains { $0.clause.isEmpty })
        }
    }

    @Test func theItemsThatDifferAreWhereTheSpecPutsThem() {
        let common: Set<StandardItem> = [.levels, .policy, .measurable, .requirements, .monitored, .communicated, .updated, .documented, .plan]
        for row in Self.rows {
            guard let standard = Standard.named(row.id) else {
                Issue.record("\(row.id) is not in Standard.all")
                continue
            }
            #expect(Set(standard.items.map(\.item)).subtracting(common) == row.extra, "\(row.id)")
            #expect(standard.measurableOnlyIfPracticable == row.ifPracticable, "\(row.id)")
            #expect(standard.planNeedsIntegration == row.integration, "\(row.id)")
            #expect(standard.item(.measurable)?.clause == row.measurable, "\(row.id)")
            #expect(standard.item(.plan)?.clause == row.plan, "\(row.id)")
        }
        // Each standard's own numbering, beyond the rows.
        #expect(Standard.iso9001.item(.customer)?.clause == "6.2.1 d")
        #expect(Standard.iso9001.item(.monitored)?.clause == "6.2.1 e")
        #expect(Standard.iso27001.item(.risks)?.clause == "6.2 c")
        #expect(Standard.iso27001.item(.documented)?.clause == "6.2 g")
        #expect(Standard.iso14001.item(.monitored)?.clause == "6.2.1 c")
        // A note gives the standard's own wording of an item; 27001's letters h)–l) say it all.
        #expect(Standard.iso27001.item(.plan)?.note == nil)
    }

    /// An item's label carries the standard's own terms, so that 27001's two items at 6.2 c read
    /// apart in a table, and an item without them reads as the title alone.
    @Test func anItemsLabelGivesTheStandardsOwnTerms() {
        #expect(Standard.iso27001.item(.requirements)?.label == "Take into account applicable requirements (information security requirements)")
        #expect(Standard.iso27001.item(.risks)?.label == "Take into account risks, opportunities, aspects or hazards (results of risk assessment and risk treatment)")
        #expect(Standard.iso27001.item(.measurable)?.label == "Measurable (if practicable)")
        #expect(Standard.iso45001.item(.measurable)?.label == "Measurable (if practicable, or capable of performance evaluation)")
        #expect(Standard.iso20000_1.item(.measurable)?.label == "Measurable")
        #expect(Standard.iso14001.item(.requirements)?.label == "Take into account applicable requirements (compliance obligations)")
    }

    @Test func ruleDescriptionsNameTheStandardsFromTheirTables() {
        #expect(Standard.names(where: { ["iso45001", "iso27001", "iso9001"].contains($0.id) }) == "ISO 9001, ISO/IEC 27001 and ISO 45001")
        #expect(Standard.names(where: { $0.id == "iso9001" }) == "ISO 9001")
        #expect(Standard.names(where: { _ in false }).isEmpty)
        #expect(Standard.names(where: { ["iso20000-1", "iso9001"].contains($0.id) }, joinedBy: "or") == "ISO/IEC 20000-1 or ISO 9001")
        let risks = RuleRegistry.all.first { $0.description.id == "requirements/risks" }?.description.summary ?? ""
        #expect(risks.contains(Standard.names(where: { $0.has(.risks) })))
    }

    /// The pages a reader learns the standards from name every one: the README, and
    /// docs/standards.md with a column per standard in its table of what each rule asks.
    @Test func theDocsNameEveryStandard() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let guide = try String(contentsOf: root.appendingPathComponent("docs/standards.md"), encoding: .utf8)
        for standard in Standard.all {
            #expect(readme.contains(standard.shortName), "README.md does not name \(standard.shortName)")
            #expect(guide.contains(standard.shortName), "docs/standards.md does not name \(standard.shortName)")
            #expect(guide.contains("`\(standard.id)`"), "docs/standards.md does not give the id `\(standard.id)`")
        }
        let header = guide.split(separator: "\n").first { $0.hasPrefix("| rule |") } ?? ""
        #expect(header.split(separator: "|").count == Standard.all.count + 1,
                "docs/standards.md's table of what each rule asks needs a column per standard: \(header)")
    }

    @Test func everyRuleBearsOnAnItemExceptTheReadingRules() {
        for rule in RuleRegistry.all {
            let d = rule.description
            if d.obligation == .syntax {
                #expect(d.item == nil, "\(d.id)")
            } else {
                #expect(d.item != nil, "\(d.id)")
                #expect(Standard.iso20000_1.has(d.item ?? .customer) || d.item == .risks || d.item == .customer || d.item == .consultation, "\(d.id)")
            }
        }
    }

    private func load(_ files: [String: String]) throws -> (ContentSet, [Finding], String) {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged)
        defer { tree.remove() }
        let content = try ContentLoader.load(directory: tree.path)
        return (content, content.loadFindings, ContentLoader.displayPath(tree.path) + "/")
    }

    @Test func evidentYmlNamesTheStandardsInTheirOwnOrderAndDefaultsTo20000() throws {
        let (plain, plainFindings, _) = try load([:])
        #expect(plain.configuration.standards.map(\.id) == ["iso20000-1"])
        #expect(plainFindings.isEmpty)
        let (three, threeFindings, _) = try load(["evident.yml": ExampleTree.configuration + "standards: [iso27001, iso20000-1, iso9001, iso27001]\n"])
        #expect(three.configuration.standards.map(\.id) == ["iso20000-1", "iso9001", "iso27001"])
        #expect(threeFindings.isEmpty)
    }

    @Test func anUnknownStandardIsASyntaxConfigErrorAtItsIDWithTheClosestName() throws {
        let config = ExampleTree.configuration + "standards: [iso20000-1, iso27002]\n"
        let (content, findings, root) = try load(["evident.yml": config])
        #expect(content.configuration.standards.map(\.id) == ["iso20000-1"])
        let f = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(f.rule == "syntax/config" && f.severity == .error)
        #expect(f.location.file == root + "evident.yml")
        #expect(f.location.line == config.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        #expect(f.message.contains("`iso27002`") && f.message.contains("Did you mean `iso27001`?"))

        let (_, empty, _) = try load(["evident.yml": ExampleTree.configuration + "standards: []\n"])
        #expect(empty.map(\.rule) == ["syntax/config"])
        #expect(empty.first?.message.contains("empty") == true)

        let objective = ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso9001x]\n"])
        let (o, objectiveFindings, _) = try load(["objectives/OBJ-INC-01.md": objective])
        #expect(objectiveFindings.map(\.rule) == ["syntax/config"])
        #expect(o.objectives.first?.standards.isEmpty == true)
    }

    @Test func theNewObjectiveFieldsThePolicyStandardsAndTheRiskRegisterAreRead() throws {
        let objective = ExampleTree.objective(replacing: ["status: active\n": """
            status: active
            standards: [iso27001]
            risks: [R-1]
            risks_note: Also the supplier risk.
            customer_relevance: Users get service back sooner.
            consultation: reviews/2026-11-10.md
            evaluation: Judged at the quarterly review.

            """, ExampleTree.plan: """
            plan:
              what: Move P1 routing to the on-call rota.
              resources: Two days of the ITSM administrator.
              responsible: Incident Process Owner
              due: 2026-12-31
              evaluation: Monthly P90 against the target.
              integration: Part of the on-call procedure.

            """])
        let policy = ExampleTree.edit(ExampleTree.policy, ["    text: We restore": "    standards: [iso27001]\n    text: We restore"])
        let (content, findings, _) = try load(["objectives/OBJ-INC-01.md": objective, "policy.md": policy])
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let o = try #require(content.objectives.first)
        #expect(o.standards.map(\.value) == ["iso27001"])
        #expect(o.risks.map(\.value) == ["R-1"])
        #expect(o.risksNote?.value == "Also the supplier risk.")
        #expect(o.customerRelevance?.value == "Users get service back sooner.")
        #expect(o.consultation?.value == "reviews/2026-11-10.md")
        #expect(o.evaluation?.value == "Judged at the quarterly review.")
        let plan = try #require(o.plan)
        #expect(plan.what?.value == "Move P1 routing to the on-call rota.")
        #expect(plan.responsible?.value == "Incident Process Owner")
        #expect(plan.due?.value == Day(iso: "2026-12-31"))
        #expect(plan.integration?.value == "Part of the on-call procedure.")
        #expect(content.policy?.statements.first?.standards.map(\.value) == ["iso27001"])
        let risk = try #require(content.risks?.risks.first)
        #expect(risk.id.value == "R-1" && risk.kind?.value == .risk)
        #expect(risk.text.hasPrefix("A priority-1 incident"))
    }

    @Test func anObjectiveServesTheConfiguredStandardsItNamesOrAll() throws {
        let config = ExampleTree.configuration + "standards: [iso20000-1, iso27001]\n"
        var merged = ExampleTree.base
        merged["evident.yml"] = config
        merged["objectives/OBJ-ISMS-01.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-ISMS-01", "status: active\n": "status: active\nstandards: [iso27001]\n"])
        let tree = try TemporaryTree(merged)
        defer { tree.remove() }
        let result = try tree.check()
        let model = result.model
        let both = try #require(model.objectivesByID["OBJ-INC-01"])
        let isms = try #require(model.objectivesByID["OBJ-ISMS-01"])
        #expect(model.standards(of: both).map(\.id) == ["iso20000-1", "iso27001"])
        #expect(model.standards(of: isms).map(\.id) == ["iso27001"])
        #expect(model.measurableOnlyIfPracticable(isms))
        #expect(!model.measurableOnlyIfPracticable(both))
        #expect(model.asks(.risks, of: isms) && model.asks(.risks, of: both))
        #expect(!model.asks(.customer, of: both))
        // A finding about the 27001-only objective bears on 27001 and cites its numbering only.
        let f = Finding(rule: "measurable/target", severity: .error, obligation: .measurable, message: "m",
                        location: SourceLocation(file: "x"), objective: "OBJ-ISMS-01")
        #expect(result.standardItems(of: f).map { "\($0.standard.name) \($0.entry.clause)" } == ["ISO/IEC 27001:2022 6.2 b"])
        let g = Finding(rule: "measurable/target", severity: .error, obligation: .measurable, message: "m",
                        location: SourceLocation(file: "x"), objective: "OBJ-INC-01")
        #expect(result.standardItems(of: g).map { "\($0.standard.name) \($0.entry.clause)" } == ["ISO/IEC 20000-1:2018 6.2.1 b", "ISO/IEC 27001:2022 6.2 b"])
        let unreadable = Finding(rule: "syntax/yaml", severity: .error, obligation: .syntax, message: "m", location: SourceLocation(file: "x"))
        #expect(result.standardItems(of: unreadable).isEmpty)
        #expect(result.finding(unreadable, bearsOn: .iso27001))
    }
}
