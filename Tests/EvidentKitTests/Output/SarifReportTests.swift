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
        for (rule, described) in zip(rules, RuleRegistry.all.map { $0.description }) {
            #expect(rule["id"] as? String == described.id)
            // `syntax/link`'s rationale writes `[the contract](../requirements/msa.md)`: text, not a link.
            let full = ((rule["fullDescription"] as? [String: Any])?["text"] as? String) ?? ""
            #expect(Self.decoded(full) == described.rationale)
            let escapedLink = full.contains("\\[the contract\\](")
            #expect(!full.contains(" [the contract]("))
            if described.id == "syntax/link" { #expect(escapedLink) }
            for key in ["shortDescription", "fullDescription", "help"] {
                #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(key) of \(rule["id"] ?? "")")
            }
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level.map(levels.contains) == true)
        }
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
            let region = try #require(physical["region"] as? [String: Any])
            #expect((region["startLine"] as? Int ?? 0) >= 1)
            if let column = region["startColumn"] { #expect((column as? Int ?? 0) >= 1) }
        }
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
        #expect(result.findings.contains { $0.location.file.hasSuffix(Self.file) })
    }
}
