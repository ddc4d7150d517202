import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentDiff
@testable import EvidentModel
@testable import EvidentSite

/// One mistake on every row of a file is listed a hundred times, then counted: the outputs stay
/// readable and small, and every count, status and exit code is what all the findings make it.
@Suite struct FindingFoldTests {
    static let path = "measurements/OBJ-INC-01.csv"

    /// The example measurements and `n` rows of two cells where the header has four.
    static func rows(_ n: Int, shiftedBy extraLines: Int = 0) -> String {
        let shifted = extraLines == 0 ? ExampleTree.measurements
            : ExampleTree.edit(ExampleTree.measurements, ["2026-03,3.9,,": "2026-03,3.9,\"" + Array(repeating: "note", count: extraLines + 1).joined(separator: "\n") + "\","])
        return shifted + String(repeating: "2026-13,x\n", count: n)
    }

    static func check(_ files: [String: String]) throws -> CheckResult {
        let tree = try TemporaryTree(ExampleTree.base.merging(files) { $1 })
        defer { tree.remove() }
        return try tree.check()
    }

    @Test func aMistakeOnEveryRowIsListedAHundredTimesThenCounted() throws {
        let result = try Self.check([Self.path: Self.rows(250)])
        let csv = result.findings.filter { $0.rule == "syntax/csv" }
        try #require(csv.count == 101)
        #expect(csv.prefix(100).allSatisfy { $0.unlisted == 0 && $0.message.hasPrefix("This row has 2 cells") })
        let fold = try #require(csv.last)
        // The first unlisted row: the header, nine rows, a hundred listed.
        #expect(fold.location.line == 111 && fold.unlisted == 150 && fold.severity == .error && fold.objective == "OBJ-INC-01")
        #expect(fold.message == "This file has 150 more findings of this rule from this line on, not listed one by one: "
                + "evident lists the first 100 of a rule in a file. Fix those and check again to see the rest.")
        #expect(result.findings == result.findings.sorted(by: Finding.ordered))

        // Counts are all the findings, listed or not.
        #expect(result.count(.error) == 250 && csv.counted == 250)
        let text = FindingsReport(result: result).render(.text)
        #expect(text.contains("syntax        fail  (250 errors)  Readable content\n"))
        #expect(text.contains(", 250 errors, "))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(FindingsReport(result: result).render(.json).utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.count == 101)
        #expect(findings.last?["unlisted"] as? Int == 150 && findings.first?["unlisted"] == nil)
        #expect((json["summary"] as? [String: Any])?["error"] as? Int == 250)
        #expect(Registers.readinessMarkdown(result).contains("- Findings: 250 errors, "))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(FindingsReport(result: result).render(.sarif).utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.compactMap { ($0["properties"] as? [String: Any])?["unlisted"] as? Int } == [150])
    }

    /// The objective's page lists 101 findings and says it has 250; so does the register.
    @Test func theSiteCountsWhatItDoesNotList() throws {
        let site = try SiteTestSupport.site(of: ExampleTree.base.merging([Self.path: Self.rows(250)]) { $1 })
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.components(separatedBy: "This row has 2 cells").count - 1 == 100 * 2)
        #expect(page.contains("This file has 150 more findings of this rule from this line on"))
        #expect(page.contains("250 errors"))
        let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
        #expect(register.contains(">250<"))
    }

    /// A hundred are all listed, and so are a hundred and one: a finding that counted one would
    /// say less than the one it stands for.
    @Test(arguments: [100, 101]) func aHundredAndOneAreAllListed(rows: Int) throws {
        let result = try Self.check([Self.path: Self.rows(rows)])
        let csv = result.findings.filter { $0.rule == "syntax/csv" }
        #expect(csv.count == rows && csv.allSatisfy { $0.unlisted == 0 && $0.message.hasPrefix("This row has 2 cells") })
        #expect(result.count(.error) == rows)
    }

    /// Groups are a rule, a severity and a subject in one file; other files and other rules are
    /// left as they are, and the result stays in file order.
    @Test func eachRuleAboutEachSubjectInEachFileIsFoldedApart() {
        func finding(_ file: String, _ line: Int, _ rule: String = "syntax/csv", objective: String? = nil) -> Finding {
            Finding(rule: rule, severity: .error, obligation: .syntax, message: "m\(line)",
                    location: SourceLocation(file: file, line: line, column: 1), objective: objective)
        }
        let a = (1...130).map { finding("a.csv", $0, objective: $0.isMultiple(of: 2) ? "OBJ-1" : "OBJ-2") }
        let b = (1...102).map { finding("b.csv", $0) } + (1...3).map { finding("b.csv", $0, "syntax/type") }
        let c = (1...100).map { finding("c.csv", $0) }
        let all = (a + b + c).sorted(by: Finding.ordered)
        let folded = FindingFold.folded(all)
        // a.csv: 65 of each objective, none folded; b.csv: 102 of one rule, two folded; c.csv: 100.
        #expect(folded.count == all.count - 1)
        #expect(folded.filter { $0.unlisted > 0 }.map(\.location) == [SourceLocation(file: "b.csv", line: 101, column: 1)])
        #expect(folded.counted == all.count)
        #expect(folded == folded.sorted(by: Finding.ordered))
        let many = (1...250).map { finding("d.csv", $0, objective: $0 <= 120 ? "OBJ-1" : "OBJ-2") }
        let d = FindingFold.folded(many)
        #expect(d.filter { $0.unlisted > 0 }.map(\.unlisted) == [20, 30])
        #expect(d.count == 202 && d.counted == 250)
        #expect(FindingFold.folded(c) == c)
        let oneMore = (1...101).map { finding("e.csv", $0) }
        #expect(FindingFold.folded(oneMore) == oneMore)
    }

    /// `diff` sees more of a folded mistake as a finding introduced, and an edit above the rows as none.
    @Test func diffSeesTheCountNotTheLines() throws {
        let more = try FolderPair(base: [Self.path: Self.rows(150)], head: [Self.path: Self.rows(160)])
        defer { more.remove() }
        let grown = try more.diff()
        #expect(grown.introduced.map(\.unlisted) == [60])
        #expect(grown.resolved.map(\.unlisted) == [50])
        // The summary counts what it lists: the finding that counts 60, not 60 findings.
        #expect(DiffReport(diff: grown).summary() == "no objective changed · 1 finding introduced (1 error), 1 resolved")

        let moved = try FolderPair(base: [Self.path: Self.rows(150)], head: [Self.path: Self.rows(150, shiftedBy: 2)])
        defer { moved.remove() }
        let same = try moved.diff()
        #expect(same.introduced.isEmpty && same.resolved.isEmpty)
    }
}
