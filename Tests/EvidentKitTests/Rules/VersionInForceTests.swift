import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentPack
@testable import EvidentSite

/// Today's tree as of an earlier day shows each objective at the version in force on that day:
/// its version, approval and thresholds, not those of a version approved later, and says that the
/// later one exists.
@Suite struct VersionInForceTests {
    /// Version 1 approved on 2025-01-10 (`<= 4 h`, tolerance `<= 6 h`), version 2 on 2026-06-01
    /// (`<= 3 h`, tolerance `<= 5 h`), which the file describes; a value every month from 2025-01.
    static let twoVersions: [String: String] = ExampleTree.base.merging([
        "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"": "target: \"<= 3 h\"\ntolerance: \"<= 5 h\"",
            "\nversion: 1\napproved_by: Head of Service Management\napproved_on: 2026-01-15\neffective: 2026-02-01":
                "\nversion: 2\napproved_by: Service Director\napproved_on: 2026-06-01",
            "    date: 2026-01-15": "    date: 2025-01-10",
            "    approved_by: Head of Service Management\n---": """
                    approved_by: Head of Service Management
                    target: "<= 4 h"
                    tolerance: "<= 6 h"
                  - version: 2
                    date: 2026-06-01
                    change: Target tightened.
                    reason: Restoration held under 4 h for a year.
                    approved_by: Service Director
                    target: "<= 3 h"
                    tolerance: "<= 5 h"
                ---
                """,
        ]),
        "measurements/OBJ-INC-01.csv": "period,value,note,evidence\n" + (0..<22).map { i in
            "\(2025 + i / 12)-\(String(format: "%02d", i % 12 + 1)),3.5,,\n"
        }.joined(),
    ]) { $1 }

    static let endOf2025 = "2025-12-31"

    /// The register's one objective, as a JSON reader sees it.
    static func registerEntry(_ result: CheckResult) throws -> [String: Any] {
        let data = Data(Registers.registerJSON(result).serialized().utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require((root["objectives"] as? [[String: Any]])?.first)
    }

    static func page(_ site: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(site[path]), as: UTF8.self)
    }

    @Test func theTreeReadsAsWritten() throws {
        let tree = try TemporaryTree(Self.twoVersions)
        defer { tree.remove() }
        let result = try tree.check()
        let o = try #require(result.model.content.objectives.first)
        #expect(o.version?.value == 2 && o.history.count == 2 && o.target?.value == "<= 3 h")
        #expect(!result.findings.contains { $0.rule.hasPrefix("syntax/") || $0.rule == "updated/history" })
    }

    @Test func theRegistersShowTheVersionInForce() throws {
        let tree = try TemporaryTree(Self.twoVersions)
        defer { tree.remove() }
        let then = try tree.check(asOf: Self.endOf2025)
        let csv = Registers.registerCSV(then)
        #expect(csv.contains(",<= 4 h,<= 6 h,2025-11,"))
        #expect(csv.contains(",1,Head of Service Management,2025-01-10,,"))
        #expect(!csv.contains("Service Director") && !csv.contains("<= 3 h"))
        let entry = try Self.registerEntry(then)
        #expect(entry["target"] as? String == "<= 4 h" && entry["tolerance"] as? String == "<= 6 h")
        #expect(entry["version"] as? Int == 1 && entry["approved_by"] as? String == "Head of Service Management")
        #expect(entry["approved_on"] as? String == "2025-01-10" && entry["effective"] is NSNull)
        let later = try #require(entry["later_version"] as? [String: Any])
        #expect(later["version"] as? Int == 2 && later["date"] as? String == "2026-06-01")
        // The streamed register is the tree's, byte for byte.
        #expect(Registers.registerJSONText(then) == Registers.registerJSON(then).serialized())
        let history = Registers.historyCSV(then)
        #expect(history.contains("objective,version,date,change,reason,approved_by,effective,target,tolerance,after_as_of\r\n"))
        #expect(history.contains("OBJ-INC-01,1,2025-01-10,First version.,New objective set.,Head of Service Management,,<= 4 h,<= 6 h,no\r\n"))
        #expect(history.contains(",Service Director,,<= 3 h,<= 5 h,yes\r\n"))

        let now = try tree.check()
        let csvNow = Registers.registerCSV(now)
        #expect(csvNow.contains(",<= 3 h,<= 5 h,2026-10,"))
        #expect(csvNow.contains(",2,Service Director,2026-06-01,,"))
        let entryNow = try Self.registerEntry(now)
        #expect(entryNow["later_version"] == nil)
        #expect(entryNow["version"] as? Int == 2 && entryNow["approved_on"] as? String == "2026-06-01")
        #expect(entryNow["target"] as? String == "<= 3 h" && entryNow["approved_by"] as? String == "Service Director")
        #expect(!Registers.historyCSV(now).contains(",yes\r\n"))
    }

    /// Before the first version, none is in force: the registers leave its fields empty rather
    /// than show today's, and name the version to come.
    @Test func beforeTheFirstVersionNoneIsInForce() throws {
        let tree = try TemporaryTree(Self.twoVersions)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2024-12-31")
        let o = try #require(result.model.content.objectives.first)
        let inForce = try #require(result.model.versionInForce(of: o))
        #expect(inForce.entry == nil && inForce.target == nil && inForce.laterVersion == 1)
        #expect(inForce.laterText == "version 1 of 2025-01-10 is after the as-of date")
        let entry = try Self.registerEntry(result)
        for key in ["target", "tolerance", "version", "approved_by", "approved_on", "effective"] { #expect(entry[key] is NSNull, "\(key)") }
        let later = try #require(entry["later_version"] as? [String: Any])
        #expect(later["version"] as? Int == 1 && later["date"] as? String == "2025-01-10")
        #expect(!Registers.registerCSV(result).contains("<= "))
        let site = try SiteTestSupport.site(of: Self.twoVersions, asOf: "2024-12-31")
        let page = try Self.page(site, "objectives/obj-inc-01.html")
        #expect(page.contains("no version in force on 2024-12-31; version 1 of <time datetime=\"2025-01-10\">2025-01-10</time> is after the as-of date"))
        // The later versions are in the history table, marked; nowhere as the objective's own.
        #expect(!page.contains("Service Director</dd>") && !page.contains("&lt;= 3 h</"))
    }

    @Test func thePagesShowTheVersionInForce() throws {
        let then = try SiteTestSupport.site(of: Self.twoVersions, asOf: Self.endOf2025)
        let page = try Self.page(then, "objectives/obj-inc-01.html")
        let note = "version 1 in force on 2025-12-31; version 2 of <time datetime=\"2026-06-01\">2026-06-01</time> is after the as-of date"
        #expect(page.contains("<dt>Version</dt><dd>1 <span class=\"cell-note\">\(note)</span></dd>"))
        #expect(page.contains("<dt>Approved by</dt><dd dir=\"auto\">Head of Service Management</dd>"))
        #expect(page.contains("<dt>Approved on</dt><dd><time datetime=\"2025-01-10\">2025-01-10</time></dd>"))
        #expect(page.contains("<dt>Target</dt><dd class=\"threshold\">&lt;= 4 h <span class=\"cell-note\">\(note)</span></dd>"))
        #expect(page.contains("<dt>Tolerance</dt><dd class=\"threshold\">&lt;= 6 h</dd>"))
        // Not "in force on" beside today's target: the target shown is the one in force.
        #expect(!page.contains("In force on") && !page.contains("Service Director</dd>"))
        let register = try Self.page(then, "register.html")
        #expect(register.contains("<td class=\"num\">&lt;= 4 h<span class=\"cell-note\">\(note)</span></td>"))
        // The latest value was judged against the thresholds shown: nothing more to say.
        #expect(!register.contains("judged against"))
        #expect(try Self.page(then, "metrics.html").contains("&lt;= 4 h, tolerance &lt;= 6 h, monthly <span class=\"cell-note\">\(note)</span></dd>"))

        let now = try SiteTestSupport.site(of: Self.twoVersions)
        let today = try Self.page(now, "objectives/obj-inc-01.html")
        #expect(today.contains("<dt>Version</dt><dd>2</dd>"))
        #expect(today.contains("<dt>Approved on</dt><dd><time datetime=\"2026-06-01\">2026-06-01</time></dd>"))
        #expect(today.contains("<dt>Target</dt><dd class=\"threshold\">&lt;= 3 h</dd>"))
        for (path, html) in SiteTestSupport.pages(now) { #expect(!html.contains("in force on 2026-11-29"), "\(path)") }
    }

    /// The guide and the registers of a pack, packed as `pack` makes them.
    static func pack(files: [String: String] = twoVersions, asOf: String) throws -> (guide: String, files: [String: Data]) {
        let fixture = try PackFixture(files: files, asOf: asOf)
        defer { fixture.remove() }
        let inputs = try PackInputs.build(fixture.result, theme: try Theme.embedded())
        let pack = EvidencePack(result: fixture.result, site: inputs.siteFiles, registers: inputs.registers,
                                sources: fixture.pack.sources, objectivePages: inputs.objectivePages)
        let contents = try pack.contents(signingKey: nil)
        return (String(decoding: contents["README.html"] ?? Data(), as: UTF8.self), contents)
    }

    @Test func thePackSaysWhichVersionWasInForce() throws {
        let (html, contents) = try Self.pack(asOf: Self.endOf2025)
        let objectives = AuditorGuideTests.section(html, "objectives")
        #expect(objectives.contains("<p>As of 2025-12-31, these objectives were at an earlier version than their files describe today. "))
        #expect(objectives.contains(": version 1 of 2025-01-10, target <code>&lt;= 4 h</code>, tolerance <code>&lt;= 6 h</code>; version 2 of 2026-06-01 is after the as-of date</li>"))
        let history = String(decoding: try #require(contents["history.csv"]), as: UTF8.self)
        #expect(history.contains(",<= 4 h,<= 6 h,no\r\n") && history.contains(",<= 3 h,<= 5 h,yes\r\n"))
        #expect(String(decoding: try #require(contents["register.csv"]), as: UTF8.self).contains(",1,Head of Service Management,2025-01-10,"))

        let (htmlNow, contentsNow) = try Self.pack(asOf: ExampleTree.asOf)
        #expect(!htmlNow.contains("at an earlier version") && !htmlNow.contains("of 2026-06-01 is after"))
        #expect(String(decoding: try #require(contentsNow["register.csv"]), as: UTF8.self).contains(",2,Service Director,2026-06-01,"))
        #expect(!String(decoding: try #require(contentsNow["history.csv"]), as: UTF8.self).contains(",yes\r\n"))
    }

    /// `twoVersions` with version 2 taking effect on 2026-07-01; with `third`, version 3 (`<= 2.5 h`)
    /// approved on 2026-09-01 is the file's.
    static func effectiveLater(third: Bool) -> [String: String] {
        var files = twoVersions
        var text = files["objectives/OBJ-INC-01.md"]!.replacingOccurrences(
            of: "    target: \"<= 3 h\"\n", with: "    target: \"<= 3 h\"\n    effective: 2026-07-01\n")
        if third {
            text = text.replacingOccurrences(of: "target: \"<= 3 h\"\ntolerance", with: "target: \"<= 2.5 h\"\ntolerance")
                .replacingOccurrences(of: "\nversion: 2\napproved_by: Service Director\napproved_on: 2026-06-01",
                                      with: "\nversion: 3\napproved_by: Service Director\napproved_on: 2026-09-01")
                .replacingOccurrences(of: "    tolerance: \"<= 5 h\"\n---", with: """
                        tolerance: "<= 5 h"
                      - version: 3
                        date: 2026-09-01
                        change: Target tightened again.
                        reason: New platform.
                        approved_by: Service Director
                        target: "<= 2.5 h"
                        tolerance: "<= 5 h"
                    ---
                    """)
        }
        files["objectives/OBJ-INC-01.md"] = text
        return files
    }

    /// Version 2, approved on 2026-06-01 and in effect from 2026-07-01, is shown with its own
    /// thresholds as of 2026-06-15, as history.csv lists them, whether or not a version 3 dated
    /// later is the file's: a later version changes nothing of what is said of that day. Until
    /// 2026-07-01 version 1's thresholds judge, which the site says beside them.
    @Test func aVersionInForceNotYetInEffectShowsItsOwnThresholds() throws {
        let day = "2026-06-15"
        for third in [false, true] {
            let tree = try TemporaryTree(Self.effectiveLater(third: third))
            defer { tree.remove() }
            let result = try tree.check(asOf: day)
            #expect(!result.findings.contains { $0.rule.hasPrefix("syntax/") }, "\(third)")
            let entry = try Self.registerEntry(result)
            #expect(entry["version"] as? Int == 2 && entry["approved_on"] as? String == "2026-06-01", "\(third)")
            #expect(entry["target"] as? String == "<= 3 h" && entry["tolerance"] as? String == "<= 5 h", "\(third)")
            #expect(Registers.registerCSV(result).contains(",<= 3 h,<= 5 h,2026-05,"), "\(third)")
            #expect(Registers.historyCSV(result).contains(",Service Director,2026-07-01,<= 3 h,<= 5 h,no\r\n"), "\(third)")
            let page = try Self.page(try SiteTestSupport.site(of: Self.effectiveLater(third: third), asOf: day), "objectives/obj-inc-01.html")
            #expect(page.contains("<dt>Target</dt><dd class=\"threshold\">&lt;= 3 h, from <time datetime=\"2026-07-01\">2026-07-01</time>"), "\(third)")
            #expect(page.contains("<dt>In force on 2026-06-15</dt><dd class=\"threshold\">≤ 4 h, tolerance ≤ 6 h (version 1)</dd>"), "\(third)")
        }
        // Version 1, approved on 2025-01-10, takes effect on 2025-02-01: before then no thresholds
        // were in force, least of all the file's (version 2's, approved later).
        var first = Self.twoVersions
        first["objectives/OBJ-INC-01.md"] = first["objectives/OBJ-INC-01.md"]!.replacingOccurrences(
            of: "    date: 2025-01-10\n", with: "    date: 2025-01-10\n    effective: 2025-02-01\n")
        let before = try Self.page(try SiteTestSupport.site(of: first, asOf: "2025-01-20"), "objectives/obj-inc-01.html")
        #expect(before.contains("<dt>Target</dt><dd class=\"threshold\">&lt;= 4 h, from <time datetime=\"2025-02-01\">2025-02-01</time>"))
        #expect(!before.contains("In force on"))
        let (guide, _) = try Self.pack(files: Self.effectiveLater(third: true), asOf: day)
        #expect(guide.contains(": version 2 of 2026-06-01, target <code>&lt;= 3 h</code>, tolerance <code>&lt;= 5 h</code>; version 3 of 2026-09-01 is after the as-of date</li>"))
    }

    /// An objective with one version, or whose current version is dated by the as-of date, is
    /// shown as its file writes it, whatever the day.
    @Test func aSingleVersionIsShownAsWritten() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        for asOf in ["2026-03-31", ExampleTree.asOf] {
            let result = try tree.check(asOf: asOf)
            let o = try #require(result.model.content.objectives.first)
            #expect(result.model.versionInForce(of: o) == nil)
        }
        // Approved on 2026-01-15, so before it no version was.
        let before = try tree.check(asOf: "2026-01-14")
        let o = try #require(before.model.content.objectives.first)
        #expect(before.model.versionInForce(of: o)?.entry == nil)
    }
}
