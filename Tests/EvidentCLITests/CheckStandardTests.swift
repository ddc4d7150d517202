import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// `evident check --standard ID` and the standard items that `findings.json` and SARIF give each
/// finding (SPEC §8). The tree: the example content (serving 20000-1, 9001 and 27001), with
/// OBJ-INC-01 serving 27001 only and tracing to no policy statement (`policy/trace`, an error that
/// bears on 27001's 6.2 a and on no item of 20000-1).
@Suite struct CheckStandardTests {
    static func tree() throws -> URL {
        let dir = try CLI.copyOfContent()
        let objective = dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: objective, encoding: .utf8)
        #expect(text.contains("policy: [POL-1]\n"))
        #expect(text.contains("standards: [iso20000-1, iso9001, iso27001]\n") == false)
        try text.replacingOccurrences(of: "policy: [POL-1]\n", with: "standards: [iso27001]\n")
            .write(to: objective, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theStandardsFindingsAndItsItemsInItsNumbering() throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = try CLI.run(["check", "--as-of", exampleAsOf], in: dir)
        #expect(all.status == 1)
        #expect(all.stdout.contains("[policy/trace]"))
        // Without --standard: the obligations, then a line per configured standard.
        #expect(all.stdout.contains("\nplanned       pass  Planned: what, resources, who, when, how evaluated\n"
            + "ISO/IEC 20000-1:2018, clause 6.2  pass\nISO 9001:2015, clause 6.2         pass\n"
            + "ISO/IEC 27001:2022, clause 6.2    fail  (1 error, 1 warning)\n"
            + "(item by item: --standard iso20000-1, --standard iso9001, --standard iso27001)\n"), "\(all.stdout)")

        let iso27001 = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", "iso27001"], in: dir)
        #expect(iso27001.status == 1, "\(iso27001.stderr)")
        #expect(iso27001.stdout.contains("OBJ-INC-01.md") && iso27001.stdout.contains("[policy/trace]"))
        #expect(iso27001.stdout.contains("\nISO/IEC 27001:2022, clause 6.2: fail  (1 error"))
        // POL-1 is left without an objective serving 27001 too: a warning on the same item.
        #expect(iso27001.stdout.contains("\n  6.2 a    fail  (1 error, 1 warning)  Consistent with the policy\n"), "\(iso27001.stdout)")
        // Each item with the standard's own terms: 27001's two items at 6.2 c read apart.
        #expect(iso27001.stdout.contains("\n  6.2 b    pass  Measurable (if practicable)\n"), "\(iso27001.stdout)")
        #expect(iso27001.stdout.contains("\n  6.2 c    pass  Take into account risks, opportunities, aspects or hazards (results of risk assessment and risk treatment)\n"))
        #expect(!iso27001.stdout.contains("20000-1") && !iso27001.stdout.contains("6.2.1"))

        // 20000-1: the finding does not bear on it, so the check passes; its items in its numbering.
        let iso20000 = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", "iso20000-1"], in: dir)
        #expect(iso20000.status == 0, "\(iso20000.stdout)")
        #expect(!iso20000.stdout.contains("policy/trace"))
        #expect(iso20000.stdout.hasPrefix("ISO/IEC 20000-1:2018, clause 6.2: pass\n"))
        #expect(iso20000.stdout.contains("\n  6.2.1 a    pass  Consistent with the policy\n"), "\(iso20000.stdout)")
        #expect(!iso20000.stdout.contains("27001"))

        // Both, given twice: each standard's block, in the configured order.
        let both = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", "iso27001", "--standard", "iso20000-1"], in: dir)
        let first = try #require(both.stdout.range(of: "ISO/IEC 20000-1:2018, clause 6.2"))
        let second = try #require(both.stdout.range(of: "ISO/IEC 27001:2022, clause 6.2"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(both.status == 1)

        // JSON: the findings and the summary restricted alike.
        let json = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", "iso27001", "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        let standards = try #require(summary["standards"] as? [[String: Any]])
        #expect(standards.map { $0["standard"] as? String } == ["iso27001"])
        #expect(standards.first?["status"] as? String == "fail")
        let items = try #require(standards.first?["items"] as? [[String: Any]])
        #expect(items.map { $0["clause"] as? String ?? "" } == Standard.iso27001.items.map(\.clause))
    }

    @Test(arguments: [("iso14001", "is not configured"), ("iso27002", "Did you mean `iso27001`?"), ("", "is not a standard")])
    func aStandardThatIsNotConfiguredIsAUsageErrorNamingTheConfiguredOnes(id: String, says: String) throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", id], in: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(says), "\(run.stderr)")
        #expect(run.stderr.contains("`iso20000-1`, `iso9001`, `iso27001`"), "\(run.stderr)")
    }

    /// Each finding of `findings.json` (`check --format json`) names the standard items it bears
    /// on; content that cannot be read bears on none.
    @Test func jsonFindingsCarryTheirStandardItems() throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "period,value\n2026-10,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { $0["standards"] is [[String: Any]] })
        let trace = try #require(findings.first { $0["rule"] as? String == "policy/trace" })
        let items = try #require(trace["standards"] as? [[String: String]])
        #expect(items == [["standard": "iso27001", "clause": "6.2 a", "item": "policy"]])
        let csv = try #require(findings.first { $0["rule"] as? String == "syntax/csv" })
        #expect((csv["standards"] as? [Any])?.isEmpty == true)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["standards"] as? [[String: Any]])?.map { $0["standard"] as? String } == ["iso20000-1", "iso9001", "iso27001"])
        // No standard passes while a file that bears on it is unread: its items are judged without
        // it. The file is OBJ-INC-01's measurements, and OBJ-INC-01 serves 27001 alone.
        #expect((summary["standards"] as? [[String: Any]])?.map { $0["status"] as? String } == ["pass", "pass", "fail"])
        let text = try CLI.run(["check", "--as-of", exampleAsOf, "--standard", "iso27001", "--no-color"], in: dir)
        #expect(text.stdout.contains("Readable content: fail  (1 error)\nISO/IEC 27001:2022, clause 6.2: fail  (2 errors, 1 warning)\n"
            + "  Readable content: fail  (1 error); the items below are judged without it\n"), "\(text.stdout)")
    }

    /// SARIF 2.1.0: a result's property bag holds its standard items and, as `tags`, their
    /// clauses; each rule's holds its item and the configured standards' clauses for it.
    @Test func sarifResultsAndRulesCarryTheStandardItems() throws {
        let dir = try Self.tree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "sarif"], in: dir)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let first = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(first["results"] as? [[String: Any]])
        let trace = try #require(results.first { $0["ruleId"] as? String == "policy/trace" })
        let properties = try #require(trace["properties"] as? [String: Any])
        #expect(properties["objective"] as? String == "OBJ-INC-01")
        #expect(properties["standards"] as? [[String: String]] == [["standard": "iso27001", "clause": "6.2 a", "item": "policy"]])
        #expect(properties["tags"] as? [String] == ["iso27001 6.2 a"])

        let driver = try #require((first["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "policy/trace" })
        let ruleProperties = try #require(rule["properties"] as? [String: Any])
        #expect(ruleProperties["item"] as? String == "policy")
        #expect(ruleProperties["tags"] as? [String] == ["policy", "iso20000-1 6.2.1 a", "iso9001 6.2.1 a", "iso27001 6.2 a"])
        // Every rule but those about unreadable content evidences an item; tags never repeat.
        for r in rules {
            let p = try #require(r["properties"] as? [String: Any])
            let tags = try #require(p["tags"] as? [String])
            #expect(Set(tags).count == tags.count)
            let id = r["id"] as? String ?? ""
            #expect((p["item"] != nil) == !id.hasPrefix("syntax/"), "\(id)")
        }
    }
}
