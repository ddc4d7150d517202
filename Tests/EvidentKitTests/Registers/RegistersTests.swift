import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSupport

/// The registers of the example content as of 2026-11-29, the date it is written to pass on.
@Suite struct RegistersTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func exampleResult() throws -> CheckResult {
        let content = try ContentLoader.load(directory: root.appendingPathComponent("content").path)
        let day = try #require(Day(iso: "2026-11-29"))
        return Checker.check(content, asOf: day)
    }

    /// Rows as dictionaries keyed by the header.
    static func records(_ csv: String) throws -> [[String: String]] {
        let table = try CSVReader.parse(csv)
        let header = try #require(table.first)
        return table.dropFirst().map { row in
            Dictionary(uniqueKeysWithValues: zip(header, row).map { ($0, $1) })
        }
    }

    @Test func registerCSVHasOneRowPerObjective() throws {
        let result = try Self.exampleResult()
        let csv = Registers.registerCSV(result)
        #expect(csv.hasPrefix("\u{FEFF}id,title,status,level,function,owner,forum,cadence,policy,requirements,metric,unit,"))
        let table = try CSVReader.parse(csv)
        #expect(table.first == Registers.registerHeader)
        #expect(table.count - 1 == result.model.content.objectives.count)
        #expect(table.allSatisfy { $0.count == Registers.registerHeader.count })
        let ids = table.dropFirst().map { $0[0] }
        #expect(ids == ids.sorted())
        #expect(ids.count == 19)

        let rows = try Self.records(csv)
        let inc = try #require(rows.first { $0["id"] == "OBJ-INC-01" })
        let file = try #require(result.model.objectivesByID["OBJ-INC-01"]?.file)
        #expect(inc == [
            "id": "OBJ-INC-01", "title": "Restore priority-1 incidents within 4 hours", "status": "active",
            "level": "process", "function": "incident", "owner": "Incident Process Owner", "forum": "ops-review",
            "cadence": "monthly", "policy": "POL-1", "requirements": "MSA-7.2",
            "metric": "P1 restoration time, 90th percentile", "unit": "h", "target": "<= 4 h", "tolerance": "<= 6 h",
            "latest_period": "2026-10", "latest_value": "3.3", "latest_status": "on-target", "due_period": "2026-10",
            "last_reviewed": "2026-11-12", "version": "3", "approved_by": "Head of Service Management",
            "approved_on": "2026-01-15", "effective": "2026-02-01", "file": file, "findings": "0",
            "standards": "iso20000-1; iso9001; iso27001", "risks": "R-01", "evaluation": "",
            "plan_responsible": "Incident Process Owner", "plan_due": "2027-01-31",
            "latest_target": "<= 4 h", "latest_tolerance": "<= 6 h",
        ])
        let isms = try #require(rows.first { $0["id"] == "OBJ-ISMS-01" })
        #expect(isms["standards"] == "iso27001" && isms["target"] == "")
        #expect(isms["evaluation"]?.hasPrefix("At each management review") == true)
        #expect(file.hasSuffix("content/objectives/process/incident/OBJ-INC-01.md"))
        #expect(rows.first { $0["id"] == "OBJ-SD-03" }?["status"] == "retired")
        #expect(rows.first { $0["id"] == "OBJ-WPL-02" }?["status"] == "draft")
    }

    /// The site writes the register one objective at a time; it is the same text.
    /// `due_period` is the period an objective owes a value for: a retired objective (OBJ-SD-03,
    /// retired in April 2026) owes none, so both registers leave it empty rather than name October
    /// 2026, which would read as a missing value; an active objective keeps its due period.
    @Test func aRetiredObjectiveOwesNoDuePeriod() throws {
        let result = try Self.exampleResult()
        let rows = try Self.records(Registers.registerCSV(result))
        #expect(rows.first { $0["id"] == "OBJ-SD-03" }?["due_period"] == "")
        #expect(rows.first { $0["id"] == "OBJ-SD-03" }?["latest_period"] == "2026-03")
        #expect(rows.first { $0["id"] == "OBJ-INC-01" }?["due_period"] == "2026-10")
        let text = Registers.registerJSONText(result)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objectives = try #require(decoded["objectives"] as? [[String: Any]])
        let retired = try #require(objectives.first { $0["id"] as? String == "OBJ-SD-03" })
        #expect(retired["due_period"] is NSNull)
        #expect(objectives.first { $0["id"] as? String == "OBJ-INC-01" }?["due_period"] as? String == "2026-10")
    }

    /// Two files declare OBJ-SD-01 (the copy second in path order), and a value of 2027-09 in
    /// `service-desk.csv` is a finding naming it in neither file. The site's register and pages
    /// give a finding to the objective of the file it is in and to the first declaration of the id
    /// it names; the CSV and JSON registers counted every finding naming the id against both rows,
    /// so the copy showed findings its page does not list. Now each row counts what its page lists.
    @Test func aRepeatedIdCountsItsFindingsAsThePagesDo() throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("objectives/team/service-desk/OBJ-SD-01.md")
        let copy = root.appendingPathComponent("objectives/team/service-desk/OBJ-SD-01b.md")
        try FileManager.default.copyItem(at: original, to: copy)
        let values = root.appendingPathComponent("measurements/service-desk.csv")
        try (String(contentsOf: values, encoding: .utf8) + "OBJ-SD-01,2027-09,80,,\n").write(to: values, atomically: true, encoding: .utf8)
        let content = try ContentLoader.load(directory: root.path)
        let result = Checker.check(content, asOf: try #require(Day(iso: "2027-02-10")))
        let rows = try Self.records(Registers.registerCSV(result)).filter { $0["id"] == "OBJ-SD-01" }
        #expect(rows.count == 2)
        let first = try #require(rows.first { $0["file"]?.hasSuffix("OBJ-SD-01.md") == true })
        let second = try #require(rows.first { $0["file"]?.hasSuffix("OBJ-SD-01b.md") == true })
        let inCopy = result.findings.filter { $0.location.file == second["file"] }
        let inOriginal = result.findings.filter { $0.location.file == first["file"] }
        let elsewhere = result.findings.filter { $0.objective == "OBJ-SD-01" && $0.location.file != first["file"] }
        #expect(!elsewhere.filter { $0.location.file != second["file"] }.isEmpty, "a finding naming the id outside both files")
        #expect(second["findings"] == String(inCopy.count))
        #expect(first["findings"] == String(inOriginal.count + elsewhere.count))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(Registers.registerJSONText(result).utf8)) as? [String: Any])
        let objectives = try #require(decoded["objectives"] as? [[String: Any]])
        let copyEntry = try #require(objectives.first { ($0["file"] as? String)?.hasSuffix("OBJ-SD-01b.md") == true })
        #expect(copyEntry["findings"] as? Int == inCopy.count)
    }

    /// OBJ-ISMS-01 serves ISO/IEC 27001 alone and is evaluated at its reviews (`evaluation`, no
    /// target): it owes no value, as its page and the dashboard ("Evaluated") say and as
    /// `monitored/no-data` agrees, so the registers leave `due_period` empty rather than name a
    /// quarter that reads as a missing value. Served by 20000-1 too, it must be measured: then it
    /// owes the quarter, and the registers name it.
    @Test func anObjectiveEvaluatedAtItsReviewsOwesNoDuePeriod() throws {
        let result = try Self.exampleResult()
        let rows = try Self.records(Registers.registerCSV(result))
        let evaluated = try #require(rows.first { $0["id"] == "OBJ-ISMS-01" })
        #expect(evaluated["status"] == "active" && evaluated["latest_status"] == "" && evaluated["target"] == "")
        #expect(evaluated["due_period"] == "")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(Registers.registerJSONText(result).utf8)) as? [String: Any])
        let objectives = try #require(decoded["objectives"] as? [[String: Any]])
        #expect(try #require(objectives.first { $0["id"] as? String == "OBJ-ISMS-01" })["due_period"] is NSNull)

        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("objectives/management/security/OBJ-ISMS-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nstandards: [iso27001]\n", with: "\nstandards: [iso27001, iso20000-1]\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let content = try ContentLoader.load(directory: root.path)
        let measured = try Self.records(Registers.registerCSV(Checker.check(content, asOf: try #require(Day(iso: "2026-11-29")))))
        #expect(measured.first { $0["id"] == "OBJ-ISMS-01" }?["due_period"] == "2026-Q3")
    }

    @Test func registerJSONTextIsTheSerializedRegister() throws {
        let result = try Self.exampleResult()
        #expect(Registers.registerJSONText(result) == Registers.registerJSON(result).serialized())
        let empty = try TemporaryTree(["evident.yml": "organization: Empty\n"])
        defer { empty.remove() }
        let none = try empty.check(asOf: "2026-11-29")
        #expect(Registers.registerJSONText(none) == Registers.registerJSON(none).serialized())
        #expect(Registers.registerJSONText(none).contains("\"objectives\": []"))
    }

    @Test func registerJSONMatchesTheCSV() throws {
        let result = try Self.exampleResult()
        let json = Registers.registerJSON(result)
        guard case let .object(pairs) = json else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["as_of", "organization", "objectives"])
        #expect(pairs.first?.1 == .string("2026-11-29"))
        let text = json.serialized()
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objectives = try #require(decoded["objectives"] as? [[String: Any]])
        #expect(objectives.count == result.model.content.objectives.count)
        let inc = try #require(objectives.first { $0["id"] as? String == "OBJ-INC-01" })
        #expect(inc["owner"] as? String == "Incident Process Owner")
        #expect(inc["policy"] as? [String] == ["POL-1"])
        #expect(inc["version"] as? Int == 3)
        let latest = try #require(inc["latest"] as? [String: Any])
        #expect(latest["period"] as? String == "2026-10")
        #expect(latest["value"] as? Double == 3.3)
        #expect(latest["status"] as? String == "on-target")
        #expect((inc["metric"] as? [String: Any])?["unit"] as? String == "h")
        #expect((inc["data_source"] as? [String: Any])?["system"] as? String == "ServiceNow incident table")
        #expect(inc["standards"] as? [String] == ["iso20000-1", "iso9001", "iso27001"])
        #expect(inc["risks"] as? [String] == ["R-01"])
        #expect((inc["customer_relevance"] as? String)?.hasPrefix("Restoring priority-1 incidents") == true)
        let plan = try #require(inc["plan"] as? [String: Any])
        #expect(plan["responsible"] as? String == "Incident Process Owner" && plan["due"] as? String == "2027-01-31")
        #expect(plan["integration"] is NSNull)
        let isms = try #require(objectives.first { $0["id"] as? String == "OBJ-ISMS-01" })
        #expect(isms["standards"] as? [String] == ["iso27001"])
        #expect(isms["target"] is NSNull && (isms["evaluation"] as? String)?.isEmpty == false)
        #expect(objectives.map { $0["id"] as? String ?? "" } == objectives.map { $0["id"] as? String ?? "" }.sorted())
    }

    @Test func findingsJSONIsTheCheckOutput() throws {
        let result = try Self.exampleResult()
        #expect(Registers.findingsJSON(result).serialized() == FindingsReport(result: result).render(.json))
    }

    @Test func metricDictionary() throws {
        let result = try Self.exampleResult()
        let rows = try Self.records(Registers.metricDictionaryCSV(result))
        #expect(rows.count == result.model.content.objectives.count)
        let inc = try #require(rows.first { $0["objective"] == "OBJ-INC-01" })
        #expect(inc["metric"] == "P1 restoration time, 90th percentile")
        #expect(inc["unit"] == "h")
        #expect(inc["data_source_system"] == "ServiceNow incident table")
        #expect(inc["counts"] == "All priority-1 incidents restored in the month, on every service in scope.")
        #expect(inc["data_quality"]?.hasPrefix("Tickets without restored_at") == true)
    }

    @Test func traceabilityHasARowPerLink() throws {
        let result = try Self.exampleResult()
        let objectives = result.model.content.objectives
        let rows = try Self.records(Registers.traceabilityCSV(result))
        let links = objectives.map { $0.policy.count + $0.requirements.count + ($0.requirementsNote == nil ? 0 : 1) }
        #expect(rows.count == links.reduce(0, +))
        #expect(rows.map { $0["objective"] ?? "" } == rows.map { $0["objective"] ?? "" }.sorted())
        let inc = rows.filter { $0["objective"] == "OBJ-INC-01" }
        #expect(inc.map { $0["kind"] ?? "" } == ["policy", "requirement"])
        #expect(inc.map { $0["reference"] ?? "" } == ["POL-1", "MSA-7.2"])
        #expect(inc.last?["source"]?.isEmpty == false)
        #expect(inc.last?["file"]?.hasSuffix("requirements/msa-contoso-bank.md") == true)
        #expect(inc.first?["file"]?.hasSuffix("policy.md") == true)
        let notes = rows.filter { $0["kind"] == "requirements-note" }
        #expect(notes.map { $0["objective"] ?? "" } == ["OBJ-WPL-02"])
        #expect(notes.first?["text"]?.isEmpty == false)
        // Every link of the example content resolves.
        #expect(rows.filter { $0["kind"] != "requirements-note" }.allSatisfy { $0["text"]?.isEmpty == false })
    }

    @Test func historyListsEveryEntry() throws {
        let result = try Self.exampleResult()
        let rows = try Self.records(Registers.historyCSV(result))
        #expect(rows.count == result.model.content.objectives.map(\.history.count).reduce(0, +))
        let inc = rows.filter { $0["objective"] == "OBJ-INC-01" }
        #expect(inc.map { $0["version"] ?? "" } == ["1", "2", "3"])
        #expect(inc.last?["date"] == "2026-01-15")
        #expect(inc.last?["change"] == "Target tightened from 6 h to 4 h; tolerance set at 6 h.")
        #expect(inc.last?["approved_by"] == "Head of Service Management")
        // The thresholds each version set, as written; a version that set no tolerance has none.
        #expect(inc.map { $0["target"] ?? "-" } == ["<= 8 h", "<= 6 h", "<= 4 h"])
        #expect(inc.map { $0["tolerance"] ?? "-" } == ["", "", "<= 6 h"])
        #expect(inc.map { $0["effective"] ?? "-" } == ["", "", "2026-02-01"])
        // An entry that set no thresholds (OBJ-SD-03's retirement) leaves both cells empty.
        let sd = rows.filter { $0["objective"] == "OBJ-SD-03" }
        #expect(sd.map { $0["target"] ?? "-" } == ["<= 6 %", "<= 4 %", ""], "\(sd)")
        #expect(sd.map { $0["tolerance"] ?? "-" } == ["", "<= 6 %", ""], "\(sd)")
    }

    @Test func readinessReport() throws {
        let result = try Self.exampleResult()
        let md = Registers.readinessMarkdown(result)
        #expect(md.hasPrefix("# Audit readiness: clause 6.2, objectives and planning to achieve them\n"))
        #expect(md.contains("- Standards: ISO/IEC 20000-1:2018, ISO 9001:2015, ISO/IEC 27001:2022\n"), "\(md.prefix(400))")
        #expect(md.contains("- As of: 2026-11-29\n"))
        #expect(md.contains("- Objectives: 19 (17 active, 1 draft, 1 retired)\n"))
        #expect(md.contains("| [ISO/IEC 20000-1:2018](#iso20000-1) | **\(StandardReadiness.all(result)[0].status.rawValue)** |"))
        #expect(md.contains("\n<a id=\"iso20000-1\"></a>\n\n## ISO/IEC 20000-1:2018\n\n**ISO/IEC 20000-1:2018, clause 6.2** (service management objectives): "))
        #expect(result.model.standards == [.iso20000_1, .iso9001, .iso27001])
        for standard in result.model.standards {
            #expect(md.contains("\n<a id=\"\(standard.id)\"></a>\n\n## \(standard.name)\n\n**\(standard.name), clause 6.2**"))
            for entry in standard.items {
                #expect(md.contains("\n### \(entry.clause) \(entry.item.title)\n"))
                #expect(md.contains("| \(entry.clause) | \(entry.label) | **\(result.status(of: entry.item, in: standard).rawValue)** |"))
            }
        }
        #expect(md.contains("Rules: `established/approval`, `established/required`, `established/statement`\n"))
        // Without the pack's files, no evidence is listed; with them, those of each item.
        #expect(!md.contains("Evidence in the pack:"))
        let withFiles = Registers.readinessMarkdown(result, files: ["site/policy.html", "content/objectives/a.md", "content/objectives/b.md"])
        #expect(withFiles.contains("Evidence in the pack:\n\n- `site/policy.html`: Policy statements and the objectives that serve them (site)\n"))
        #expect(withFiles.contains("- `content/objectives/`: Objective files, with their plans (2 files)\n"))
        #expect(md.hasSuffix("\n") && !md.hasSuffix("\n\n"))
        #expect(!md.contains("\n\n\n"))
    }

    /// An obligation fails on an error, warns on a warning and passes on info or nothing; the
    /// counts are by severity.
    @Test func anObligationsStatusIsItsWorstFinding() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let model = try tree.check().model
        func finding(_ severity: Severity, _ obligation: Obligation) -> Finding {
            Finding(rule: "test/rule", severity: severity, obligation: obligation, message: "m", location: SourceLocation(file: "f.md", line: 1))
        }
        let result = CheckResult(model: model, findings: [
            finding(.info, .policy), finding(.warning, .measurable), finding(.info, .measurable),
            finding(.warning, .planned), finding(.error, .planned), finding(.warning, .planned),
        ])
        #expect(result.status(of: .policy) == .pass)
        #expect(result.status(of: .measurable) == .warn)
        #expect(result.status(of: .planned) == .fail)
        #expect(result.status(of: .monitored) == .pass)
        #expect(result.count(.warning) == 3 && result.count(.error) == 1 && result.count(.info) == 2)
    }

    /// A tree with findings: each is listed under its obligation with file:line:col, and content
    /// quoted in a message cannot inject HTML into a Markdown viewer.
    @Test func readinessListsFindingsWithTheirPlace() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, <b>x</b>]"])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let md = Registers.readinessMarkdown(result)
        let unknown = try #require(result.findings.first { $0.rule == "policy/unknown-statement" })
        #expect(result.status(of: .policy) == .fail)
        #expect(md.contains("| 6.2.1 a | Consistent with the policy | **fail** | 1 |"))
        #expect(md.contains("**ISO/IEC 20000-1:2018 6.2.1 a**: fail (1 error"))
        #expect(md.contains("- `\(unknown.location)` error: "))
        #expect(md.contains("(`policy/unknown-statement`, OBJ-INC-01)\n"))
        #expect(!md.replacingOccurrences(of: "`<b>x</b>`", with: "").contains("<b>"))
    }

    /// A value that closes the message's code span with a backtick of its own cannot make a live
    /// link or a remote image: rendered by a Markdown engine that allows raw HTML, the report has
    /// no link to a script, no image and no tag from content.
    @Test func readinessMarkdownCannotBeInjected() throws {
        var files = ExampleTree.base
        let hostile = "x` [click](javascript:alert(1)) ![p](https://evil.example/p.png) <img src=x> @someone `y"
        files["communications/2026-01-20.md"] = ExampleTree.communication.replacingOccurrences(
            of: "channel: intranet", with: "channel: \"\(hostile)\"")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.findings.contains { $0.message.contains("javascript:alert(1)") })
        let md = Registers.readinessMarkdown(result)
        let html = MarkdownRenderer(allowRawHTML: true).html(md)
        #expect(!html.contains("javascript:alert(1)\""), "\(html)")
        #expect(html.components(separatedBy: "<a href=").dropFirst().allSatisfy { $0.hasPrefix("\"#") }, "\(html)")
        #expect(!html.contains("<img"), "\(html)")
        #expect(html.contains("javascript:alert(1)"))
        #expect(md.contains("@someone"))
    }

    @Test func deterministic() throws {
        let a = try Self.exampleResult()
        let b = try Self.exampleResult()
        #expect(Registers.registerCSV(a) == Registers.registerCSV(b))
        #expect(Registers.registerJSON(a).serialized() == Registers.registerJSON(b).serialized())
        #expect(Registers.traceabilityCSV(a) == Registers.traceabilityCSV(b))
        #expect(Registers.historyCSV(a) == Registers.historyCSV(b))
        #expect(Registers.metricDictionaryCSV(a) == Registers.metricDictionaryCSV(b))
        #expect(Registers.readinessMarkdown(a) == Registers.readinessMarkdown(b))
    }

    /// Python's csv module reads the files back to the same cells (skipped where python3 is absent).
    @Test func pythonReadsTheCSVBack() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { return }
        let result = try Self.exampleResult()
        for csv in [Registers.registerCSV(result), Registers.traceabilityCSV(result), Registers.historyCSV(result),
                    Registers.metricDictionaryCSV(result), CSV.document(header: ["a", "b"], rows: [["=1+1", "x\r\ny,\"z\""]])] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-csv-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("t.csv")
            try Data(csv.utf8).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
            #expect(parsed == (try CSVReader.parse(csv)))
        }
    }
}
