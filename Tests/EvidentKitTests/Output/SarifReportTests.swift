import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSupport

/// `check --format sarif` for code scanning: valid SARIF 2.1.0 as its schema has it (required
/// properties, enumerations, indexes, 1-based regions, URI references), and messages that GitHub
/// shows as plain text: read as written, with no placeholder or embedded link made of a value.
@Suite struct SarifReportTests {
    static let unknown = #"OBJ-[x](https://evil.example/a){0}\[y](1)"#
    static let file = "communications/2026-01-21 [c](1) {0} #%?.md"

    static func sarif() throws -> (result: CheckResult, sarif: [String: Any]) {
        var files = ExampleTree.base
        files[file] = ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: ['\(unknown)']"])
        // A few findings of other rules: a warning, an info and an error of syntax.
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"\n": "", "target: \"<= 4 h\"": "target: \"<= 2 h\""])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let text = FindingsReport(result: result).render(.sarif)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (result, sarif)
    }

    /// SARIF 3.11.5 and 3.11.6 read back: `{{` and `}}` are braces; in a text that holds `](`,
    /// a backslash before a bracket or a backslash escapes it.
    static func decoded(_ text: String) -> String {
        let links = text.contains("](")
        var out = "", chars = Array(text), i = 0
        while i < chars.count {
            let c = chars[i], next = i + 1 < chars.count ? chars[i + 1] : nil
            if (c == "{" || c == "}"), next == c { out.append(c); i += 2; continue }
            if links, c == "\\", let n = next, "[]\\".contains(n) { out.append(n); i += 2; continue }
            out.append(c)
            i += 1
        }
        return out
    }

    @Test func theLogHoldsWhatTheSchemaRequires() throws {
        let (result, sarif) = try Self.sarif()
        #expect(sarif["version"] as? String == "2.1.0")
        #expect(sarif["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "evident")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let levels: Set<String> = ["none", "note", "warning", "error"]
        #expect(rules.count == RuleRegistry.all.count)
        var clipped = 0
        for (rule, described) in zip(rules, RuleRegistry.all.map { $0.description }) {
            #expect(rule["id"] as? String == described.id)
            // `syntax/link`'s rationale writes `[the contract](../requirements/msa.md)`: text, not a link.
            let full = ((rule["fullDescription"] as? [String: Any])?["text"] as? String) ?? ""
            let help = ((rule["help"] as? [String: Any])?["text"] as? String) ?? ""
            // GitHub shows 1,024 characters of a description: a longer rationale is cut after a
            // sentence, and `help` has it whole.
            #expect(full.utf16.count <= 1024 && (rule["shortDescription"] as? [String: Any]).map { ($0["text"] as? String)?.utf16.count ?? 0 <= 1024 } == true)
            if Self.decoded(full) != described.rationale {
                clipped += 1
                #expect(full.hasSuffix(". …") && described.rationale.hasPrefix(String(Self.decoded(full).dropLast(2))), "\(described.id): \(full)")
            }
            #expect(Self.decoded(help).contains(described.rationale) && help.contains("evident explain \(described.id)"))
            let escapedLink = full.contains("\\[the contract\\](")
            #expect(!full.contains(" [the contract]("))
            if described.id == "syntax/link" { #expect(escapedLink) }
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(key) of \(rule["id"] ?? "")")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level.map(levels.contains) == true)
        }
        #expect(clipped >= 5, "syntax/ignored-file, syntax/type, updated/history... are over 1,024 characters")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == result.findings.count && results.count >= 3)
        for (r, f) in zip(results, result.findings) {
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(rules.indices.contains(index) && rules[index]["id"] as? String == r["ruleId"] as? String)
            #expect((r["level"] as? String).map(levels.contains) == true)
            let message = try #require(r["message"] as? [String: Any])
            #expect(message["markdown"] == nil, "GitHub shows the text")
            let text = try #require(message["text"] as? String)
            #expect(Self.decoded(text) == f.message, "\(text)")
            let locations = try #require(r["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            // A URI reference (RFC 3986): no space, bracket, brace or `#` or `?` of the file's name.
            #expect(URL(string: uri) != nil && !uri.contains { " []{}#?".contains($0) }, "\(uri)")
            #expect(uri.removingPercentEncoding == f.location.file)
            #expect((physical["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            if let column = region["startColumn"] { #expect((column as? Int ?? 0) >= 1) }
            let fingerprint = (r["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] as? String
            #expect(fingerprint?.wholeMatch(of: /[0-9a-f]{16}:[1-9][0-9]*/) != nil, "\(r)")
        }
        let prints = results.compactMap { ($0["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] as? String }
        #expect(Set(prints).count == results.count, "one fingerprint per result")
        let bases = try #require(run["originalUriBaseIds"] as? [String: Any])
        #expect(bases["%SRCROOT%"] != nil)
        #expect(run["invocations"] == nil, "nothing left out")
    }

    /// The SARIF results of a tree: (fingerprint, rule, uri, line) of each.
    static func results(_ tree: TemporaryTree) throws -> [(print: String, rule: String, uri: String, line: Int)] {
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(FindingsReport(result: try tree.check()).render(.sarif).utf8)) as? [String: Any])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return try results.map { r in
            let physical = try #require(((r["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            return (try #require((r["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] as? String),
                    try #require(r["ruleId"] as? String),
                    try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String),
                    try #require((physical["region"] as? [String: Any])?["startLine"] as? Int))
        }
    }

    /// Code scanning matches alerts across runs by `primaryLocationLineHash`: lines added above
    /// the findings (comments at the top of the front-matter) move them and keep each one's
    /// fingerprint, so no alert is closed and opened again. A finding that changes (another
    /// value) gets another.
    @Test func anEditAboveKeepsEachFingerprint() throws {
        var files = ExampleTree.base
        let objective = ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"\n": "", "target: \"<= 4 h\"": "target: \"<= 2 d\""])
        files["objectives/OBJ-INC-01.md"] = objective
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let before = try Self.results(tree)
        let edited = ExampleTree.edit(objective, ["---\nid: OBJ-INC-01": "---\n# Reviewed with the owner.\n# Second line of the note.\nid: OBJ-INC-01"])
        try tree.write("objectives/OBJ-INC-01.md", Data(edited.utf8))
        let after = try Self.results(tree)
        let moved = zip(before, after).filter { $0.0.uri.hasSuffix("OBJ-INC-01.md") && $0.0.line != 1 }
        #expect(!moved.isEmpty, "the edit moves findings: \(before)")
        for (b, a) in moved { #expect(a.line == b.line + 2 && a.print == b.print && a.rule == b.rule) }
        #expect(before.map(\.print) == after.map(\.print))
        // The same place, another finding: another fingerprint.
        try tree.write("objectives/OBJ-INC-01.md", Data(ExampleTree.edit(edited, ["target: \"<= 2 d\"": "target: \"<= 2 kg\""]).utf8))
        let changed = try Self.results(tree)
        #expect(Set(changed.map(\.print)) != Set(after.map(\.print)))
        #expect(changed.count == after.count)
    }

    /// The message's own numbers (days overdue, counts, dates) and a `:line:col` of another place
    /// are not part of the identity; the values in its code spans are.
    @Test func theIdentityLeavesOutWhatChangesWithoutTheFinding() {
        let text = FindingsReport.identityText
        #expect(text("Action `ACT-126` was due on 2026-12-18 and is still open 378 days later.")
            == text("Action `ACT-126` was due on 2026-12-18 and is still open 379 days later."))
        #expect(text("Action `ACT-126` is open.") != text("Action `ACT-127` is open."))
        #expect(text("`OBJ-1` is also declared at `content/a.md:2:5`.") == text("`OBJ-1` is also declared at `content/a.md:9:5`."))
        #expect(text("`OBJ-1` is also declared at `content/a.md:2:5`.") != text("`OBJ-1` is also declared at `content/b.md:2:5`."))
        #expect(text("`>= 95 %` and `ratio 3:2`") == "`>= 95 %` and `ratio 3:2`".replacingOccurrences(of: "3:2", with: "3"))
        // Two findings the same in all but their line: one fingerprint each, counted in file order.
        let a = FindingChangesTests.finding("content/r.md", 6, "`OBJ-2` cannot be checked.")
        let b = FindingChangesTests.finding("content/r.md", 14, "`OBJ-2` cannot be checked.")
        let prints = FindingsReport.fingerprints([a, b])
        #expect(prints[0].hasSuffix(":1") && prints[1].hasSuffix(":2") && prints[0].dropLast(2) == prints[1].dropLast(2))
        let moved = FindingsReport.fingerprints([FindingChangesTests.finding("content/r.md", 7, "`OBJ-2` cannot be checked.")])
        #expect(moved[0] == prints[0])
    }

    /// A fingerprint is FNV-1a (64 bits) of rule, file, objective and identity text, each ended by
    /// a 0 byte: pinned, since a change of it reopens every alert a repository has.
    @Test func aFingerprintIsTheSameAcrossVersions() {
        let f = Finding(rule: "planned/plan", severity: .warning, obligation: .syntax,
                        message: "`OBJ-1` has no `plan` for 12 days.",
                        location: SourceLocation(file: "content/objectives/OBJ-1.md", line: 3), objective: "OBJ-1")
        #expect(FindingsReport.fingerprints([f]) == ["95be51f821803d72:1"])
    }

    /// The byte-by-byte reading of an ASCII message gives `identityText`'s bytes, and a message
    /// outside ASCII (a digit or backtick with a combining mark is one character) is read as
    /// characters.
    @Test func identityBytesAreTheIdentityTextsBytes() {
        var messages = ["", "`", "``", "a `b:1:2` c", "`x:1`", "`x:`", "`x:a:1`", "`:1:2:3`", "12 and 3", "`open 1:2",
                        "line\r\n2`a:3`\r\n", "`5` 5 `5`", "é 1 `é:2`", "1\u{301} 2", "`\u{301}a:1` 3", "≤ 24 h, 36 days"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("`:0123456789ab \r\n")
        for _ in 0..<2_000 {
            messages.append(String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        }
        for message in messages {
            #expect(FindingsReport.identityBytes(message) == Array(FindingsReport.identityText(message).utf8), "\(message.debugDescription)")
        }
    }

    /// A finding about a whole file (no line) still uploads: it is put on line 1 with no column,
    /// and carries its fingerprint; `check --format json` gives the same fingerprint.
    @Test func aFindingWithoutALineUploads() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let model = try tree.check().model
        let whole = Finding(rule: "syntax/ignored-file", severity: .warning, obligation: .syntax, message: "a file",
                            location: SourceLocation(file: "content/objectives/Thumbs.db"))
        let report = FindingsReport(result: CheckResult(model: model, findings: [whole]))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.sarif).utf8)) as? [String: Any])
        let result = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect(physical["region"] as? [String: Int] == ["startLine": 1])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["line"] is NSNull && finding["fingerprint"] as? String == FindingsReport.fingerprints([whole])[0])
        #expect((result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"] == finding["fingerprint"] as? String)
    }

    /// Code scanning rejects a run of more than 25,000 results: past that the most severe are
    /// kept, in file order, and a notification says how many were left out.
    @Test func pastTheResultLimitTheMostSevereAreKept() throws {
        let findings = (0..<6).map { FindingChangesTests.finding("content/f.md", $0 + 1, "f\($0)", severity: $0 % 3 == 0 ? .error : $0 % 3 == 1 ? .info : .warning) }
        #expect(FindingsReport.sarifKept(findings, limit: 3) == [0, 2, 3])
        #expect(FindingsReport.sarifKept(findings, limit: 6) == Array(0..<6))
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let model = try tree.check().model
        let many = (0..<25_002).map { FindingChangesTests.finding("content/f.md", $0 + 1, "f", severity: $0 == 25_001 ? .error : .info) }
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(FindingsReport(result: CheckResult(model: model, findings: many)).render(.sarif).utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 25_000 && results.last?["level"] as? String == "error")
        let notification = (((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])?.first?["message"] as? [String: Any])?["text"] as? String
        #expect(notification?.hasPrefix("2 findings of 25002 left out") == true, "\(notification ?? "none")")
    }

    /// Columns count Unicode scalars, and the log says so (`columnKind`): after an emoji, which is
    /// two UTF-16 units, a viewer assuming UTF-16 would put the finding one character early. The
    /// decomposed `ç` (two scalars) counts two, as it does in UTF-16.
    @Test func columnsAreCodePointsAndTheLogSaysSo() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [\"\u{1F600} Ac\u{327}a\u{303}o\", XX-9]"])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let xx = try #require(result.findings.first { $0.message.hasPrefix("`XX-9`") })
        // `requirements: [` is 15 characters, then `"😀 Ação", ` 12 scalars: `XX-9` starts at 28 (29 in UTF-16).
        #expect(xx.location.column == 28)
        let text = FindingsReport(result: result).render(.sarif)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        let columns = results.compactMap { r -> Int? in
            guard ((r["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("`XX-9`") == true else { return nil }
            let physical = (r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            return (physical?["region"] as? [String: Any])?["startColumn"] as? Int
        }
        #expect(columns == [28])
    }

    /// The unknown id and the file's name hold a placeholder and embedded links: in the text the
    /// braces are doubled and the brackets escaped, so no viewer substitutes or links them, and
    /// the message reads as the terminal shows it.
    @Test func valuesInTheTextMakeNoPlaceholderOrLink() throws {
        let (result, sarif) = try Self.sarif()
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let texts = results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        let named = try #require(texts.first { Self.decoded($0).contains(Self.unknown) }, "\(texts)")
        #expect(named.contains(#"OBJ-\[x\](https://evil.example/a){{0}}\\\[y\](1)"#), "\(named)")
        // An embedded link is an unescaped `[`, its text, an unescaped `]` and `(`; a placeholder
        // is a single `{` and digits.
        let link = try NSRegularExpression(pattern: #"(?<!\\)(?:\\\\)*\[[^\]]*(?<!\\)\]\("#)
        let placeholder = try NSRegularExpression(pattern: #"(?<!\{)\{[0-9]+\}(?!\})"#)
        for text in texts {
            let range = NSRange(text.startIndex..., in: text)
            #expect(link.firstMatch(in: text, range: range) == nil, "\(text)")
            #expect(placeholder.firstMatch(in: text, range: range) == nil, "\(text)")
        }
        // A message without `](` keeps its brackets as written (`[UNIT]`, `[R-1]`).
        #expect(FindingsReport.sarifText("add one written COMPARATOR NUMBER [UNIT], like `risks: [R-1]`")
            == "add one written COMPARATOR NUMBER [UNIT], like `risks: [R-1]`")
        #expect(FindingsReport.sarifText("a\\b [x](y)") == #"a\b \[x\](y)"#)
        // What shows as nothing or reorders the text shows as an escape, as on a terminal (its
        // braces doubled, as every brace is).
        #expect(FindingsReport.sarifText("`OBJ-INC-01\u{200B}` and `\u{202E}4 h`\n\tnext") == "`OBJ-INC-01\\u{{200B}}` and `\\u{{202E}}4 h`\n\tnext")
        #expect(result.findings.contains { $0.location.file.hasSuffix(Self.file) })
    }
}
