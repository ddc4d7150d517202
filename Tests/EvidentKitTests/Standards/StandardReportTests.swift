import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentPack
@testable import EvidentSite

/// The reports per standard (SPEC §8): a tree serving only one standard shows exactly that
/// standard's items, under its own clause numbers, in the site's readiness report and dashboard
/// and in the pack's `readiness.md` and `README.html`; a tree serving three shows a section each,
/// with only the findings that bear on it.
@Suite struct StandardReportTests {
    /// The example tree, serving `ids`, with `edit` applied to its objective.
    static func tree(serving ids: [String], objective edit: KeyValuePairs<String, String> = [:]) -> [String: String] {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "standards: [\(ids.joined(separator: ", "))]\n"
        if !edit.isEmpty { files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: edit) }
        return files
    }

    /// The site and the pack's files (site under `site/`) of a tree.
    static func outputs(_ files: [String: String]) throws -> (result: CheckResult, site: [String: String], pack: [String: String]) {
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let inputs = try PackInputs.build(result, theme: Theme.embedded())
        let pack = EvidencePack(result: result, site: inputs.siteFiles, registers: inputs.registers,
                                sources: try PackSources.read(root: result.model.content.rootPath), objectivePages: inputs.objectivePages)
        let contents = try pack.contents().mapValues { String(decoding: $0, as: UTF8.self) }
        var site: [String: String] = [:]
        for (path, text) in contents where path.hasPrefix("site/") { site[String(path.dropFirst("site/".count))] = text }
        return (result, site, contents)
    }

    /// Each `(clause, title)` a table row shows: the text of `<… class="clause">` then of the
    /// next `<th scope="row">` (its first text, up to a tag).
    static func htmlRows(_ html: String, clauseTag: String) -> [Pair] {
        var out: [Pair] = []
        for part in html.components(separatedBy: "<\(clauseTag) class=\"clause\">").dropFirst() {
            guard let clauseEnd = part.range(of: "</\(clauseTag)>"),
                  let th = part.range(of: "<th scope=\"row\">") else { continue }
            let clause = String(part[..<clauseEnd.lowerBound])
            var title = part[th.upperBound...]
            if title.hasPrefix("<a ") , let close = title.firstIndex(of: ">") { title = title[title.index(after: close)...] }
            out.append(Pair(clause: clause, title: String(title.prefix { $0 != "<" })))
        }
        return out
    }

    /// The `| clause | label | **status** |` rows of `readiness.md`'s item tables: the label is an
    /// item's title, then the standard's own terms in brackets where they differ.
    static func markdownRows(_ md: String) -> [Pair] {
        let titles = StandardItem.allCases.map(\.title)
        return md.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3, titles.contains(where: { cells[2] == $0 || cells[2].hasPrefix($0 + " (") }) else { return nil }
            return Pair(clause: cells[1], title: cells[2])
        }
    }

    struct Pair: Hashable, CustomStringConvertible {
        var clause: String
        var title: String
        var description: String { "\(clause) \(title)" }
    }

    static func expected(_ standard: Standard) -> [Pair] {
        standard.items.map { Pair(clause: $0.clause, title: $0.item.title) }
    }

    static func others(_ standard: Standard) -> [Standard] { Standard.all.filter { $0 != standard } }

    @Test(arguments: Standard.all.map(\.id))
    func aTreeServingOneStandardShowsExactlyItsItemsInItsNumbering(_ id: String) throws {
        let standard = try #require(Standard.named(id))
        let (result, site, pack) = try Self.outputs(Self.tree(serving: [id]))
        #expect(result.model.standards == [standard])
        let expected = Self.expected(standard)
        let readiness = try #require(site["readiness.html"])
        let dashboard = try #require(site["index.html"])
        let markdown = try #require(pack["readiness.md"])
        let guide = try #require(pack["README.html"])

        #expect(Self.htmlRows(readiness, clauseTag: "td") == expected, "readiness.html")
        #expect(Self.markdownRows(markdown) == standard.items.map { Pair(clause: $0.clause, title: $0.label) }, "readiness.md")
        #expect(Self.htmlRows(guide, clauseTag: "td") == expected, "README.html")
        // The guide's table gives each item's own terms under its title, as the readiness report does.
        for item in standard.items {
            let row = guide.components(separatedBy: "<a href=\"#\(id)-\(item.item.rawValue)\">").dropFirst().first?
                .components(separatedBy: "</th>").first ?? ""
            #expect(row.contains("<span class=\"cell-note\">if practicable</span>") == item.ifPracticable, "\(id) \(item.item)")
            if let note = item.note { #expect(row.contains("<span class=\"cell-note\">\(note)</span>"), "\(id) \(item.item)") }
        }
        // The dashboard lists the same items in its cards: each clause once, in order.
        let cardClauses = dashboard.components(separatedBy: "<span class=\"clause\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(cardClauses == standard.items.map(\.clause), "index.html")

        // Each standard's name and heading, and no other standard's.
        for text in [readiness, markdown, guide, dashboard] {
            #expect(text.contains(standard.name))
            for other in Self.others(standard) { #expect(!text.contains(other.name), "\(other.id) in \(id)'s report") }
            // Items the standard lacks are not shown.
            for item in StandardItem.allCases where !standard.has(item) { #expect(!text.contains(item.title), "\(item) in \(id)'s report") }
        }
        // Sections and anchors are the standard's own.
        #expect(readiness.contains("id=\"std-\(id)\""))
        #expect(markdown.contains("\n<a id=\"\(id)\"></a>\n\n## \(standard.name)\n"))
        #expect(guide.contains("<section id=\"\(id)\""))
        for other in Self.others(standard) {
            #expect(!readiness.contains("id=\"std-\(other.id)"))
            #expect(!guide.contains("id=\"\(other.id)"))
        }
        // Every item row of the readiness report names the rules whose item it is.
        for item in standard.items {
            let row = try #require(readiness.components(separatedBy: "<tr id=\"std-\(id)-\(item.item.rawValue)\">").dropLast(0).dropFirst().first)
            let cell = row.components(separatedBy: "</tr>").first ?? ""
            let rules = RuleRegistry.all.map { $0.description }.filter { $0.item == item.item }
            for rule in rules { #expect(cell.contains(">\(rule.id)</code>"), "\(rule.id) for \(item.item)") }
            if rules.isEmpty { #expect(cell.contains("No rule")) }
        }
    }

    /// Three standards; the objective serves 27001 only and has a policy finding: the finding is
    /// under 27001's "consistent with the policy" (6.2 a), and under neither other standard.
    @Test func threeStandardsEachGetASectionWithOnlyTheFindingsThatBearOnIt() throws {
        let files = Self.tree(serving: ["iso20000-1", "iso9001", "iso27001"],
                              objective: ["policy: [POL-1]\n": "standards: [iso27001]\n"])
        let (result, site, pack) = try Self.outputs(files)
        let trace = try #require(result.findings.first { $0.rule == "policy/trace" })
        #expect(result.status(of: .policy, in: .iso27001) == .fail)
        // POL-1 is served by no objective: a warning for every standard, beside 27001's error.
        #expect(result.status(of: .policy, in: .iso20000_1) == .warn)

        let readiness = try #require(site["readiness.html"])
        let markdown = try #require(pack["readiness.md"])
        let guide = try #require(pack["README.html"])
        let all = [Standard.iso20000_1, .iso9001, .iso27001]
        #expect(Self.htmlRows(readiness, clauseTag: "td") == all.flatMap(Self.expected))
        #expect(Self.markdownRows(markdown) == all.flatMap { $0.items.map { Pair(clause: $0.clause, title: $0.label) } })
        #expect(Self.htmlRows(guide, clauseTag: "td") == all.flatMap(Self.expected))
        for other in [Standard.iso14001, .iso45001, .iso22301] {
            #expect(!readiness.contains(other.name) && !markdown.contains(other.name) && !guide.contains(other.name))
        }

        // The site: the finding's table is in 27001's policy item, nowhere else.
        func section(_ html: String, from start: String, to end: String) -> String {
            guard let a = html.range(of: start) else { return "" }
            let rest = html[a.upperBound...]
            return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
        }
        let own = section(readiness, from: "id=\"std-iso27001-policy-findings\"", to: "</section>")
        #expect(own.contains("<code>policy/trace</code>"))
        #expect(readiness.components(separatedBy: "<td><code>policy/trace</code></td>").count - 1 == 1)
        let row20000 = section(readiness, from: "<tr id=\"std-iso20000-1-policy\">", to: "</tr>")
        #expect(row20000.contains("badge-warn") && !row20000.contains("badge-fail"))
        // No active objective serves 20000-1 (or 9001): that, and only that, fails them.
        let unserved = result.findings.filter { $0.rule == "established/required" }
        #expect(unserved.map(\.standards) == [["iso20000-1"], ["iso9001"]])
        #expect(result.status(of: .documented, in: .iso20000_1) == .fail)
        #expect(section(readiness, from: "id=\"std-iso20000-1\"", to: "id=\"std-iso9001\"").components(separatedBy: "<span class=\"badge badge-fail\">").count - 1
                == 3, "the standard, its documented item, and that item's findings")
        #expect(readiness.contains("<a href=\"#std-iso27001-policy-findings\">1 error, 1 warning</a>"))
        #expect(readiness.contains("<a href=\"#std-iso20000-1-policy-findings\">1 warning</a>"))

        // readiness.md: under 27001 only.
        let md27001 = section(markdown, from: "<a id=\"iso27001\"></a>", to: "\n<a id=")
        let md20000 = section(markdown, from: "<a id=\"iso20000-1\"></a>", to: "\n<a id=")
        #expect(md27001.contains("(`policy/trace`, OBJ-INC-01)"))
        #expect(md27001.contains("| 6.2 a | Consistent with the policy | **fail** | 1 | 1 | 0 |"))
        #expect(!md20000.contains("(`policy/trace`, OBJ-INC-01)"))
        #expect(md20000.contains("| 6.2.1 a | Consistent with the policy | **warn** | 0 | 1 | 0 |"))
        #expect(!section(markdown, from: "<a id=\"iso9001\"></a>", to: "\n<a id=").contains("(`policy/trace`, OBJ-INC-01)"))

        // README.html: the finding's row in 27001's policy item only, pointing at its source.
        let guide27001 = section(guide, from: "<section id=\"iso27001-policy\"", to: "</section>")
        #expect(guide27001.contains("<td><code>policy/trace</code></td>"))
        #expect(guide.components(separatedBy: "<td><code>policy/trace</code></td>").count - 1 == 1)
        #expect(guide27001.contains("<a href=\"content/policy.md\">"))
        #expect(!section(guide, from: "<section id=\"iso20000-1-policy\"", to: "</section>").contains("policy/trace</code></td>"))
        #expect(trace.objective == "OBJ-INC-01")
    }

    /// The auditor's empty set (no objective, `statements: []`, every function excluded, every
    /// clause addressed elsewhere): the items with a finding fail, and every other item, having
    /// nothing to judge, is "not assessed", never "pass", in the site's readiness page and
    /// dashboard, `readiness.md` and `README.html` alike, and in `check`'s statuses.
    @Test func anEmptySetIsNotAssessedWhereThereIsNothingToJudge() throws {
        let (result, site, pack) = try Self.outputs(EstablishedRuleTests.emptySet)
        let standard = Standard.iso20000_1
        func expected(_ item: StandardItem) -> ObligationStatus { [.documented, .policy].contains(item) ? .fail : .notAssessed }
        let readiness = try #require(site["readiness.html"])
        let dashboard = try #require(site["index.html"])
        let markdown = try #require(pack["readiness.md"])
        let guide = try #require(pack["README.html"])
        for entry in standard.items {
            let status = expected(entry.item)
            #expect(result.status(of: entry.item, in: standard) == status, "\(entry.item)")
            let row = readiness.components(separatedBy: "<tr id=\"std-iso20000-1-\(entry.item.rawValue)\">").dropFirst().first?
                .components(separatedBy: "</tr>").first ?? ""
            #expect(row.contains("<span class=\"badge badge-\(status.rawValue)\">"), "readiness.html \(entry.item): \(row)")
            #expect(markdown.contains("| \(entry.clause) | \(entry.label) | **\(status.word)** |"), "readiness.md \(entry.item)")
            let note = entry.note.map { "<span class=\"cell-note\">\($0)</span>" } ?? ""
            #expect(guide.contains("<a href=\"#iso20000-1-\(entry.item.rawValue)\">\(entry.item.title)</a>\(note)</th><td><span class=\"badge \(status.rawValue)\">\(status.word)</span></td>"),
                    "README.html \(entry.item)")
        }
        for text in [readiness, dashboard, markdown, guide] {
            #expect(!text.contains("badge-pass") && !text.contains("**pass**") && !text.contains("<span class=\"badge pass\">"))
        }
        #expect(dashboard.components(separatedBy: "<li class=\"standard-item standard-item-not-assessed\">").count - 1 == standard.items.count - 2)
        #expect(readiness.contains("No active objective serves ISO/IEC 20000-1:2018, so its items have nothing to judge: they are not assessed, which is not a pass."))
        #expect(markdown.contains("No active objective serves ISO/IEC 20000-1:2018, so its items have nothing to judge"))
        #expect(guide.contains("Not assessed: no active objective serves the standard"))
        #expect(Obligation.allCases.map { result.status(of: $0) } == [
            .pass, .fail, .notAssessed, .fail, .notAssessed, .notAssessed, .notAssessed, .notAssessed, .notAssessed, .notAssessed,
        ])
        #expect(ReadinessPage.overall(result) == .fail)
    }

    /// With the two findings turned off, nothing fails and nothing passes: the whole set, its
    /// standard and the overall status are not assessed.
    @Test func anEmptySetWithItsFindingsOffIsNotAssessedAtAll() throws {
        var files = EstablishedRuleTests.emptySet
        files["evident.yml", default: ""] += "rules:\n  established/required: off\n  policy/trace: off\n"
        let (result, site, pack) = try Self.outputs(files)
        #expect(result.findings.isEmpty)
        #expect(StandardReadiness.all(result).map(\.status) == [.notAssessed])
        #expect(ReadinessPage.overall(result) == .notAssessed)
        #expect(try #require(site["index.html"]).contains("<section class=\"standard-card standard-not-assessed\""))
        #expect(try #require(pack["readiness.md"]).contains("| [ISO/IEC 20000-1:2018](#iso20000-1) | **not assessed** | 0 | 0 | 0 |"))
        #expect(try #require(pack["README.html"]).contains("<a href=\"#iso20000-1\">ISO/IEC 20000-1:2018, clause 6.2</a></th><td><span class=\"badge not-assessed\">not assessed</span></td>"))
    }

    /// One standard of three that no active objective serves: its items, not the others', are not assessed.
    @Test func aStandardNoActiveObjectiveServesIsNotAssessed() throws {
        let files = Self.tree(serving: ["iso20000-1", "iso27001"], objective: ["status: active\n": "status: active\nstandards: [iso20000-1]\n"])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let all = StandardReadiness.all(result)
        #expect(all.map(\.served) == [true, false])
        #expect(all.first?.items.allSatisfy { $0.status != .notAssessed } == true)
        // POL-1 serves no objective of 27001's (a warning); that no objective serves it at all (an error).
        let statuses: [StandardItem: ObligationStatus] = [.policy: .warn, .documented: .fail]
        #expect(all.last?.items.map(\.status) == Standard.iso27001.items.map { statuses[$0.item] ?? .notAssessed })
        #expect(result.status(of: .measurable) == .pass)
    }

    /// A plan short of `integration` alone meets 6.2.2 a–e of ISO/IEC 20000-1 and ISO 9001: only
    /// ISO 45001's plan item (6.2.2 a–f) warns. A plan short of `due` too warns for every standard.
    @Test func aPlanWithoutIntegrationWarnsOnlyTheStandardsThatAskForIt() throws {
        let integration = try TemporaryTree(Self.tree(serving: ["iso20000-1", "iso9001", "iso45001"],
                                                      objective: ["status: active\n": "status: active\nrisks_note: No hazard bears on restoration time.\ncustomer_relevance: Customers get their service back sooner.\nconsultation: Agreed with the service desk team at its meeting.\n"]))
        defer { integration.remove() }
        let result = try integration.check()
        #expect(result.findings.map(\.rule) == ["planned/plan"], "\(result.findings.map(\.message))")
        #expect(result.findings.first?.standards == ["iso45001"])
        #expect(result.status(of: .plan, in: .iso20000_1) == .pass)
        #expect(result.status(of: .plan, in: .iso9001) == .pass)
        #expect(result.status(of: .plan, in: .iso45001) == .warn)

        let due = try TemporaryTree(Self.tree(serving: ["iso20000-1", "iso9001", "iso45001"],
                                              objective: ["status: active\n": "status: active\nrisks_note: No hazard bears on restoration time.\ncustomer_relevance: Customers get their service back sooner.\nconsultation: Agreed with the service desk team at its meeting.\n",
                                                          "  due: 2026-12-31\n": ""]))
        defer { due.remove() }
        let short = try due.check()
        #expect(short.findings.map(\.rule) == ["planned/plan"], "\(short.findings.map(\.message))")
        #expect(short.findings.first?.standards == nil)
        for standard in [Standard.iso20000_1, .iso9001, .iso45001] { #expect(short.status(of: .plan, in: standard) == .warn) }
    }

    /// The levels item passes with a function that has neither owner nor forum when its objective
    /// names its own, as the rules allow: its wording says what is checked, not that every function
    /// has an owner and a forum.
    @Test func theLevelsItemSaysWhatTheRulesCheck() throws {
        var files = Self.tree(serving: ["iso20000-1"])
        files["evident.yml"] = ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n    forum: ops-review\n": ""])
        let (result, site, pack) = try Self.outputs(files)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.status(of: .levels, in: .iso20000_1) == .pass)
        let wording = "each objective names a declared function and has an owner, its own or its function's; each function not excluded has at least one active objective, and each exclusion is justified; every forum named is declared, and each active objective has a cadence, its own or its forum's; no owner holds more than the set number of active objectives. A function needs no owner or forum of its own when its objectives name theirs."
        let markdown = try #require(pack["readiness.md"])
        let guide = try #require(pack["README.html"])
        #expect(markdown.contains("**ISO/IEC 20000-1:2018 6.2.1**: pass (no findings). Objectives are set at the relevant functions and levels: " + wording))
        #expect(guide.contains("Objectives are set at the relevant functions and levels: " + wording.replacingOccurrences(of: "'", with: "&#39;")), "README.html")
        for text in [markdown, guide] + Array(site.values) { #expect(!text.contains("every function in scope has an owner")) }
    }

    /// The monitored item claims what the monitored rules check: the latest due period, not every
    /// one, and a review in any forum, not only the objective's own.
    @Test func theMonitoredItemSaysWhatTheRulesCheck() throws {
        let (_, _, pack) = try Self.outputs(Self.tree(serving: ["iso20000-1"]))
        let markdown = try #require(pack["readiness.md"])
        #expect(markdown.contains("**ISO/IEC 20000-1:2018 6.2.1 d**: pass (no findings). Objectives are monitored: each active objective with a target has a value for its latest due period, and each is reviewed, in any forum, within its cadence plus the grace days;"))
        #expect(!markdown.contains("measured for every due period"))
    }

    /// The communicated and consultation items pass on what their rules accept: the current version
    /// communicated after its approval (not every change, nor to whom), and a consultation written as
    /// a sentence as well as a record held by the as-of date.
    @Test func theCommunicatedAndConsultationItemsSayWhatTheRulesCheck() throws {
        let files = Self.tree(serving: ["iso45001"], objective: [
            "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1]\nconsultation: The on-call engineers agreed the rota change at the staff forum of 2026-01-12.\n",
            "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
        ])
        let (result, _, pack) = try Self.outputs(files)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        let markdown = try #require(pack["readiness.md"])
        #expect(markdown.contains("**ISO 45001:2018 6.2.1 c**: pass (no findings). Objectives take into account the consultation of workers: each active objective names the review or communication, held by the as-of date, where workers were consulted, or describes the consultation in a sentence (`consultation`)."))
        #expect(markdown.contains("**ISO 45001:2018 6.2.1 e**: pass (no findings). Objectives are communicated: the version in force of each active objective is named in a communication (or one to all objectives) dated on or after its approval and by the as-of date."))
        #expect(!markdown.contains("each change to them") && !markdown.contains("people who work towards them"))
    }

    /// The evidence of the items only some standards have, and of the plan, is where the pack shows
    /// it: the objective pages and the register files, never the site's register, which lists no
    /// risks, customer relevance, consultation or plan.
    @Test func theEvidenceOfRisksCustomerConsultationAndPlanIsWhereThePackShowsThem() throws {
        let files = Self.tree(serving: ["iso9001", "iso27001", "iso45001"], objective: [
            "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1]\ncustomer_relevance: Users judge the service by it.\nconsultation: Agreed at the staff forum.\n",
        ])
        let (_, site, pack) = try Self.outputs(files)
        let guide = try #require(pack["README.html"])
        let markdown = try #require(pack["readiness.md"])
        #expect(try #require(site["register.html"]).contains("R-1") == false)
        #expect(try #require(site["objectives/obj-inc-01.html"]).contains("R-1"))
        for (standard, item) in [("iso27001", StandardItem.risks), ("iso9001", .customer), ("iso45001", .consultation), ("iso27001", .plan)] {
            let section = AuditorGuideTests.section(guide, "\(standard)-\(item.rawValue)")
            #expect(!section.isEmpty, "\(standard) \(item)")
            #expect(!section.contains("href=\"site/register.html\""), "\(standard) \(item)")
            let title = try #require(ItemGuide.objectivePages(item))
            #expect(section.contains("<summary>\(title) (1)</summary>"), "\(standard) \(item)")
            #expect(section.contains("<a href=\"site/objectives/obj-inc-01.html\">"), "\(standard) \(item)")
        }
        #expect(AuditorGuideTests.section(guide, "iso27001-risks").contains("<a href=\"register.csv\">"))
        #expect(AuditorGuideTests.section(guide, "iso9001-customer").contains("<a href=\"register.json\">"))
        let risks = try #require(markdown.components(separatedBy: "### 6.2 c Take into account risks").dropFirst().first?.components(separatedBy: "\n### ").first)
        #expect(!risks.contains("site/register.html") && risks.contains("`register.csv`"), "\(risks)")
    }

    /// Each standard's evidence lists in the pack's guide hold the files of the objectives that
    /// serve it, not those of an objective serving another standard alone, which an auditor of
    /// this one would otherwise sample.
    @Test func eachStandardsEvidenceListsHoldItsOwnObjectivesFiles() throws {
        var files = Self.tree(serving: ["iso9001", "iso27001"])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02",
                                                                              "policy: [POL-1]\n": "policy: [POL-1]\nstandards: [iso27001]\n"])
        files["measurements/OBJ-INC-02.csv"] = files["measurements/OBJ-INC-01.csv"]
        let (result, _, pack) = try Self.outputs(files)
        #expect(result.model.content.objectives.count == 2)
        let guide = try #require(pack["README.html"])
        let iso9001 = AuditorGuideTests.section(guide, "iso9001-measurable")
        let iso27001 = AuditorGuideTests.section(guide, "iso27001-measurable")
        for name in ["content/objectives/OBJ-INC-01.md", "content/measurements/OBJ-INC-01.csv"] {
            #expect(iso9001.contains("<code>\(name)</code>") && iso27001.contains("<code>\(name)</code>"), "\(name)")
        }
        for name in ["content/objectives/OBJ-INC-02.md", "content/measurements/OBJ-INC-02.csv"] {
            #expect(!iso9001.contains(name) && iso27001.contains("<code>\(name)</code>"), "\(name)")
        }
        let plan9001 = AuditorGuideTests.section(guide, "iso9001-plan"), plan27001 = AuditorGuideTests.section(guide, "iso27001-plan")
        #expect(plan9001.contains("obj-inc-01.html") && !plan9001.contains("obj-inc-02.html"), "\(plan9001)")
        #expect(plan27001.contains("obj-inc-01.html") && plan27001.contains("obj-inc-02.html"))
        // readiness.md counts the same files.
        let markdown = try #require(pack["readiness.md"])
        func measurable(_ name: String, _ clause: String) -> String {
            markdown.components(separatedBy: "\n## \(name)\n").dropFirst().first?
                .components(separatedBy: "\n### \(clause) Measurable\n").dropFirst().first?.components(separatedBy: "\n### ").first ?? ""
        }
        #expect(measurable("ISO 9001:2015", "6.2.1 b").contains("- `content/objectives/`: Objective files (1 file)\n- `content/measurements/`: Measurement files (1 file)\n"),
                "\(measurable("ISO 9001:2015", "6.2.1 b"))")
        #expect(measurable("ISO/IEC 27001:2022", "6.2 b").contains("- `content/objectives/`: Objective files (2 files)\n- `content/measurements/`: Measurement files (2 files)\n"))
    }

    /// Content that cannot be read bears on every standard: it is shown once, before them.
    @Test func unreadableContentIsShownOnceBeforeTheStandards() throws {
        var files = Self.tree(serving: ["iso9001", "iso27001"])
        files["measurements/OBJ-INC-01.csv"] = "period,value\n2026-10,abc\n"
        let (result, site, pack) = try Self.outputs(files)
        #expect(!result.unreadable.isEmpty)
        let readinessPage = try #require(site["readiness.html"])
        #expect(readinessPage.contains("id=\"unreadable\""))
        #expect(readinessPage.components(separatedBy: "<code>syntax/csv</code>").count - 1 == 1)
        let markdown = try #require(pack["readiness.md"])
        #expect(markdown.contains("| [Readable content](#syntax) | **fail** |"))
        #expect(markdown.contains("\n<a id=\"syntax\"></a>\n\n## Readable content\n"))
        let guide = try #require(pack["README.html"])
        #expect(guide.contains("<section id=\"syntax\""))

        // No standard passes while a file is unread: each says so in its own section, where an
        // auditor of that standard alone reads it, and the finding is still listed once.
        for readiness in StandardReadiness.all(result) {
            #expect(readiness.status == .fail, "\(readiness.standard.id)")
            #expect(readiness.unread.map(\.rule) == ["syntax/csv"])
            #expect(readiness.items.allSatisfy { !$0.findings.contains { $0.rule == "syntax/csv" } })
            let name = readiness.standard.name
            #expect(markdown.contains("| [\(name)](#\(readiness.standard.id)) | **fail** | 1 |"), "\(markdown)")
            #expect(markdown.contains("Judged without content that could not be read (1 error; see [Readable content](#syntax)): \(name) cannot pass until it is read.\n"))
            #expect(guide.contains("<p class=\"unread\">Judged without content that could not be read (1 error; see <a href=\"#syntax\">Readable content</a>): \(name) cannot pass until it is read.</p>"))
            let page = readinessPage.components(separatedBy: "id=\"std-\(readiness.standard.id)\"").dropFirst().first?
                .components(separatedBy: "<table").first ?? ""
            #expect(page.contains("<p class=\"unread\">Judged without content that could not be read: "), "\(page)")
            #expect(page.contains("(<a href=\"#unreadable\">Readable content</a>). \(name) cannot pass until it is read.</p>"), "\(page)")
        }
    }

    /// The readiness report's statuses are `status(of:in:)`'s, item by item.
    @Test func theStatusOfEachItemIsTheCheckResultsStatus() throws {
        let files = Self.tree(serving: ["iso20000-1", "iso27001", "iso45001"],
                              objective: ["tolerance: \"<= 6 h\"\n": "", "policy: [POL-1]\n": ""])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        for readiness in StandardReadiness.all(result) {
            for item in readiness.items {
                #expect(item.status == result.status(of: item.item, in: readiness.standard))
                #expect(item.findings.allSatisfy { $0.item == item.item && result.finding($0, bearsOn: readiness.standard) })
            }
        }
        #expect(StandardReadiness.all(result).contains { $0.status != .pass })
    }

    /// `standards.html`: the item-by-standard matrix (a row per item some configured standard has,
    /// a column per standard; the clause and status, "—" where the standard lacks the item, "if
    /// practicable" marked) and the objectives against the standards they serve.
    @Test func theStandardsPageShowsTheMatrixAndWhichObjectivesServeWhich() throws {
        let files = Self.tree(serving: ["iso27001", "iso20000-1", "iso9001"], objective: ["policy: [POL-1]\n": "policy: [POL-1]\nstandards: [iso27001]\n"])
        let (_, site, _) = try Self.outputs(files)
        let page = try #require(site["standards.html"])
        for (path, html) in site where path.hasSuffix(".html") && !path.hasPrefix("objectives/") && !path.hasPrefix("reviews/") {
            #expect(html.contains("<a href=\"standards.html\"") , "\(path) does not link the Standards page")
        }
        #expect(page.contains("<a href=\"standards.html\" aria-current=\"page\">Standards</a>"))

        let matrix = try #require(page.components(separatedBy: "<table class=\"standards-matrix\">").dropFirst().first?.components(separatedBy: "</table>").first)
        let header = DiffReportTests.elements("th", in: DiffReportTests.elements("thead", in: matrix).first ?? "")
        #expect(header == ["Item", "<a href=\"readiness.html#std-iso20000-1\">ISO/IEC 20000-1:2018</a>",
                           "<a href=\"readiness.html#std-iso9001\">ISO 9001:2015</a>", "<a href=\"readiness.html#std-iso27001\">ISO/IEC 27001:2022</a>"])
        let rows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: matrix).first ?? "")
        let served: [Standard] = [.iso20000_1, .iso9001, .iso27001]
        let items = StandardItem.allCases.filter { item in served.contains { $0.has(item) } }
        #expect(!items.contains(.consultation) && items.contains(.customer) && items.contains(.risks))
        #expect(rows.count == items.count)
        for (row, item) in zip(rows, items) {
            #expect(DiffReportTests.elements("th", in: row) == [item.title])
            let cells = DiffReportTests.elements("td", in: row)
            #expect(cells.count == served.count)
            for (cell, standard) in zip(cells, served) {
                if let entry = standard.item(item) {
                    #expect(cell.hasPrefix("<a class=\"clause\" href=\"readiness.html#std-\(standard.id)-\(item.rawValue)\">\(entry.clause)</a>"), "\(cell)")
                    #expect(cell.contains("if practicable") == entry.ifPracticable, "\(standard.id) \(item)")
                } else {
                    #expect(cell == "<span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">not asked by \(standard.name)</span>")
                }
            }
        }

        let objectives = try #require(page.components(separatedBy: "standards-objectives\">").dropFirst().first?.components(separatedBy: "</table>").first)
        let objectiveRows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: objectives).first ?? "")
        let row = try #require(objectiveRows.first { $0.contains(">OBJ-INC-01</a>") })
        #expect(row.contains("<span class=\"cell-note\">named</span>"))
        let marks = DiffReportTests.elements("td", in: row).dropFirst(2).map { $0.contains("✓") }
        #expect(marks == [false, false, true])
        // The standards served: the active objectives that serve each.
        #expect(page.contains("<td class=\"num\">0</td>") && page.contains("<td class=\"num\">1</td>"))
    }
}
