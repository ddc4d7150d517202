import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// The bundled example content passes as of the date the README names.
let exampleAsOf = "2026-11-29"

@Suite struct CheckCommandTests {
    @Test func bundledContentPasses() throws {
        let run = try CLI.run(["check", "--as-of", exampleAsOf])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 errors, 0 warnings"))
        #expect(run.stdout.contains("as of 2026-11-29"))
    }

    /// docs/examples/ehs, the example of an integrated ISO 14001 and ISO 45001 system, passes too,
    /// with both standards' own items checked (risks, consultation, plans with integration).
    @Test func theEnvironmentAndSafetyExamplePasses() throws {
        let run = try CLI.run(["check", "--content", "docs/examples/ehs", "--as-of", exampleAsOf])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 errors, 0 warnings, 0 info"), "\(run.stdout)")
    }

    /// `--as-of` is parsed once, as a `Day`, by every command that takes it: a date that does not
    /// exist is a usage error (exit 2) naming the option and the format, before any work.
    @Test(arguments: [["check"], ["build", "--output", "/nonexistent/site"], ["pack"], ["diff", "HEAD"], ["init", "/nonexistent/x"]])
    func anImpossibleDateIsAUsageError(command: [String]) throws {
        let run = try CLI.run(command + ["--as-of", "2026-02-30"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("--as-of <YYYY-MM-DD>") && run.stderr.contains("2026-02-30"), "\(run.stderr)")
    }

    /// An as-of date in the past, on content that has grown since: a note on stderr says why the
    /// later records are findings and how to check the content as it stood then; none with
    /// `--quiet`, and none when nothing is dated after the as-of date.
    @Test(arguments: [["check"], ["build", "--output", "SITE"], ["pack", "--output", "DIST"]])
    func aPastAsOfDateOnLaterContentIsExplained(command: [String]) throws {
        let dir = try CLI.scratch("later")
        defer { try? FileManager.default.removeItem(at: dir) }
        let arguments = command.map { $0 == "SITE" || $0 == "DIST" ? dir.appendingPathComponent($0.lowercased()).path : $0 }
        let past = try CLI.run(arguments + ["--as-of", "2026-06-30"])
        #expect(past.stderr.contains("evident: note: the as-of date 2026-06-30 is in the past, and the content holds "), "\(past.stderr)")
        #expect(past.stderr.contains("--before=2026-07-01T00:00 HEAD"), "\(past.stderr)")
        let quiet = try CLI.run(arguments + ["--as-of", "2026-06-30", "--quiet"])
        #expect(!quiet.stderr.contains("is in the past"), "\(quiet.stderr)")
        let current = try CLI.run(arguments + ["--as-of", exampleAsOf])
        #expect(current.status == 0 && !current.stderr.contains("is in the past"), "\(current.stderr)")
    }

    @Test func typoInPolicyReferenceNamesTheKnownStatements() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("policy:") })
        try text.replacingOccurrences(of: String(line), with: "policy: [POL-11]").write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color"], in: dir)
        #expect(run.status == 1)
        let finding = try #require(run.stdout.split(separator: "\n").first { $0.contains("[policy/unknown-statement]") })
        #expect(finding.hasPrefix("content/objectives/process/incident/OBJ-INC-01.md:"))
        #expect(finding.contains("POL-1") && finding.contains("POL-2"))
    }

    /// An objective set with nothing in it (every function excluded, `statements: []`, no
    /// objective) fails, at evident.yml and the policy, and its summary says "not assessed", not
    /// "pass", for every obligation no finding fails: in text and in JSON.
    @Test func anEmptySetFailsAndIsNotAssessedWhereNothingIsJudged() throws {
        let dir = try CLI.scratch("empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = dir.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try """
            organization: Example Services
            forums:
              - { id: ops-review, name: Operational review, cadence: monthly }
            functions:
              - { id: incident, name: Incident management, level: process, excluded: true, justification: Outsourced. }

            """.write(to: content.appendingPathComponent("evident.yml"), atomically: true, encoding: .utf8)
        try "---\ntitle: Policy\napproved_by: Board\napproved_on: 2026-01-05\nstatements: []\n---\n".write(to: content.appendingPathComponent("policy.md"), atomically: true, encoding: .utf8)

        let text = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color"], in: dir)
        #expect(text.status == 1)
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("content/evident.yml:1:1: error: There is no objective: ") == true, "\(text.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("content/policy.md:5:13: error: The policy declares no statements") == true, "\(text.stdout)")
        #expect(lines.contains("syntax        pass  Readable content"))
        #expect(lines.contains("established   fail  (1 error)  Established"))
        #expect(lines.contains("levels        not assessed  At relevant functions and levels"))
        #expect(lines.contains("policy        fail  (1 error)  Consistent with the policy"))
        #expect(lines.contains("monitored     not assessed  Monitored"))
        #expect(!lines.contains { $0.contains("  pass  ") && !$0.hasPrefix("syntax") }, "\(text.stdout)")

        let json = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "json"], in: dir)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        let obligations = try #require(summary["obligations"] as? [String: String])
        #expect(obligations["levels"] == "not-assessed" && obligations["measurable"] == "not-assessed")
        #expect(obligations["established"] == "fail" && obligations["syntax"] == "pass")
        let standard = try #require((summary["standards"] as? [[String: Any]])?.first)
        #expect(standard["status"] as? String == "fail")
        let items = try #require(standard["items"] as? [[String: String]])
        #expect(items.first { $0["item"] == "measurable" }?["status"] == "not-assessed")
    }

    @Test func jsonFormat() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "period,value\n2026-10,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"),
                                               atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "json"], in: dir)
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == exampleAsOf)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let csv = try #require(findings.first { $0["rule"] as? String == "syntax/csv" })
        #expect(csv["file"] as? String == "content/measurements/OBJ-INC-01.csv")
        #expect(csv["line"] as? Int == 2)
        #expect(csv["column"] as? Int == 9)
        #expect(csv["severity"] as? String == "error")
        #expect(csv["obligation"] as? String == "syntax")
        #expect(csv.keys.contains("objective"))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["error"] as? Int ?? 0) >= 1)
        let obligations = try #require(summary["obligations"] as? [String: String])
        #expect(obligations["syntax"] == "fail")
        #expect(Set(obligations.keys) == Set(Obligation.allCases.map(\.rawValue)))
    }

    @Test func sarifFormat() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "period,value\n2026-10,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"),
                                               atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "sarif"], in: dir)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleRegistry.all.map { $0.description.id })
        #expect(rules.allSatisfy { ($0["shortDescription"] as? [String: Any])?["text"] is String })
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for r in results {
            #expect(r["ruleId"] is String)
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
            #expect((r["message"] as? [String: Any])?["text"] is String)
            let physical = try #require(((r["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            #expect((physical["artifactLocation"] as? [String: Any])?["uri"] is String)
            #expect((physical["region"] as? [String: Any])?["startLine"] is Int)
        }
    }

    @Test func githubFormat() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "period,value\n2026-10,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"),
                                               atomically: true, encoding: .utf8)
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "github"], in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.contains("::error file=content/measurements/OBJ-INC-01.csv,line=2,col=9,title=syntax/csv::"))
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    @Test func failOnThresholds() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        // An unknown field is a warning: it fails only with --fail-on warning.
        let file = dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nstatement:", with: "\ncolour: blue\nstatement:").write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", "--as-of", exampleAsOf], in: dir).status == 0)
        #expect(try CLI.run(["check", "--as-of", exampleAsOf, "--fail-on", "warning"], in: dir).status == 1)
        #expect(try CLI.run(["check", "--as-of", exampleAsOf, "--fail-on", "never"], in: dir).status == 0)
    }

    @Test func usageAndIOErrorsExitTwo() throws {
        for arguments in [["check", "--content", "/nonexistent/content"], ["check", "--as-of", "2026-02-30"],
                          ["check", "--bogus"], ["check", "--format", "xml"], ["explain", "no/such-rule"], ["frobnicate"],
                          ["rules", "--format", "xml"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(arguments): \(run.status)")
            #expect(!run.stderr.isEmpty)
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func colourOnlyWhenAllowed() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "period,value\n2026-10,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"),
                                               atomically: true, encoding: .utf8)
        // Output to a pipe is never coloured; NO_COLOR and --no-color are honoured as well.
        for (args, env) in [([String](), ["NO_COLOR": "1"]), (["--no-color"], [:]), ([], [:])] {
            let run = try CLI.run(["check", "--as-of", exampleAsOf] + args, in: dir, environment: env)
            #expect(!run.stdout.contains("\u{1B}["))
        }
    }

    @Test func quietPrintsFindingsOnly() throws {
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
    }

    @Test func rulesAndExplain() throws {
        let rules = try CLI.run(["rules"])
        #expect(rules.status == 0)
        for id in RuleRegistry.all.map({ $0.description.id }) { #expect(rules.stdout.contains(id)) }
        let explain = try CLI.run(["explain", "policy/trace"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("policy/trace:"))
        #expect(explain.stdout.contains("Fixed:") || explain.stdout.contains("Example"))
    }

    /// A rule's name without its obligation, or a near miss, gets the rule it most likely means.
    @Test(arguments: [("no-data", "monitored/no-data"), ("PLAN", "planned/plan"), ("monitored/nodata", "monitored/no-data"),
                      ("tolerance", "measurable/tolerance")])
    func explainSuggestsTheRule(word: String, rule: String) throws {
        let run = try CLI.run(["explain", word])
        #expect(run.status == 2)
        #expect(run.stderr == "evident: `\(word)` is not a rule. Did you mean `\(rule)`? `evident rules` lists them.\n")
    }

    /// A name from a template folder goes into an error message with its control characters as
    /// visible escapes, never as a terminal sequence.
    @Test func errorMessagesEscapeControlCharacters() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let partials = dir.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try Data("{{#a}}x".utf8).write(to: partials.appendingPathComponent("a\u{1B}[2Jb.mustache"))
        let run = try CLI.run(["build", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(run.status == 2)
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(run.stderr.contains("templates/partials/a\\e[2Jb.mustache:1:1: "), "\(run.stderr)")
    }

    /// A line break in a file name cannot forge a line: not in an error message (a template named
    /// `layout⏎evident: …`), not in the findings' text, not in the line a command prints when it is
    /// done (an --output named with one); the `github` format writes it as `%0A`, as GitHub reads it.
    @Test func aLineBreakInAFileNameStaysInItsLine() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let forged = "evil\nevident: all clear\r"
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{#a}}x".utf8).write(to: templates.appendingPathComponent(forged + ".mustache"))
        let failed = try CLI.run(["build", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(failed.status == 2)
        #expect(failed.stderr.hasPrefix("evident: templates/evil\\nevident: all clear\\r.mustache:1:1: "), "\(failed.stderr)")
        #expect(failed.stderr.filter { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count == 1, "\(failed.stderr)")
        try FileManager.default.removeItem(at: templates)

        try Data("x".utf8).write(to: dir.appendingPathComponent("content/objectives/\(forged).md"))
        let check = try CLI.run(["check", "--as-of", "2026-11-29", "--quiet"], in: dir)
        let lines = check.stdout.split(separator: "\n")
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("content/objectives/evil\\nevident: all clear\\r.md:1:1: ") }, "\(check.stdout)")
        let github = try CLI.run(["check", "--as-of", "2026-11-29", "--format", "github"], in: dir)
        #expect(github.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("::") }, "\(github.stdout)")
        #expect(github.stdout.contains("file=content/objectives/evil%0Aevident%3A all clear%0D.md,"), "\(github.stdout)")

        try FileManager.default.removeItem(at: dir.appendingPathComponent("content/objectives/\(forged).md"))
        let built = try CLI.run(["build", "--as-of", "2026-11-29", "--output", forged], in: dir)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.hasSuffix("pages to evil\\nevident: all clear\\r/ (open evil\\nevident: all clear\\r/index.html).\n"), "\(built.stdout)")
    }

    /// A value argument-parser refuses is quoted in its message with control characters as
    /// escapes; the message keeps its own lines (error, help, usage).
    @Test func aRefusedOptionValueIsQuotedEscaped() throws {
        let run = try CLI.run(["check", "--as-of", "2026\u{1B}[2J\u{202E}"])
        #expect(run.status == 2)
        #expect(!run.stderr.contains("\u{1B}") && !run.stderr.contains("\u{202E}"), "\(run.stderr)")
        #expect(run.stderr.hasPrefix("Error: The value '2026\\e[2J\\u{202E}' is invalid for '--as-of <YYYY-MM-DD>': write a real date as YYYY-MM-DD, like 2026-11-29.\n"), "\(run.stderr)")
        #expect(run.stderr.contains("\nUsage: evident check "), "\(run.stderr)")
    }

    /// An `--as-of` that is not YYYY-MM-DD is told how to write it, and which day it probably
    /// is, as a date in a content file is; `init --as-of` too.
    @Test func aRefusedAsOfSaysWhichDateItIs() throws {
        let prefix = "Error: The value '01/12/2026' is invalid for '--as-of <YYYY-MM-DD>': write a real date as YYYY-MM-DD, like 2026-11-29."
        let dir = try CLI.scratch("as-of")
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["check", "init"] {
            let run = try CLI.run([command, "--as-of", "01/12/2026"], in: dir)
            #expect(run.status == 2)
            #expect(CLI.listing(dir).isEmpty)
            #expect(run.stderr.hasPrefix(prefix + " Write `2026-12-01` if the day comes first, `2026-01-12` if the month does.\n"), "\(run.stderr)")
        }
        let impossible = try CLI.run(["build", "--as-of", "2026-13-01"])
        #expect(impossible.stderr.hasPrefix("Error: The value '2026-13-01' is invalid for '--as-of <YYYY-MM-DD>': write a real date as YYYY-MM-DD, like 2026-11-29. There is no month 13 (`2026-01-13` if 13 is the day).\n"),
                "\(impossible.stderr)")
    }

    /// A line break inside a refused value is an escape too, in the separate and the `=` form:
    /// the message cannot be made to show a line of the value's choosing.
    @Test func aLineBreakInARefusedValueIsEscaped() throws {
        for arguments in [["check", "--as-of", "2026\nevident: all clear"], ["check", "--as-of=2026\nevident: all clear"]] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("Error: The value '2026\\nevident: all clear' is invalid for '--as-of <YYYY-MM-DD>': write a real date as YYYY-MM-DD, like 2026-11-29.\n"), "\(run.stderr)")
            #expect(!run.stderr.split(separator: "\n").contains { $0.hasPrefix("evident: all clear") }, "\(run.stderr)")
            #expect(run.stderr.contains("\nUsage: evident check "), "\(run.stderr)")
        }
    }
}
