@testable import EvidentCheck
@testable import EvidentModel
import Foundation
import Testing

/// docs/rules.md is the output of `evident rules --format markdown`, so that the rules reference
/// users read is the registry the checker runs.
@Suite struct RulesReferenceTests {
    static let regenerate = "swift build && .build/debug/evident rules --format markdown > docs/rules.md"

    @Test func docsRulesIsTheGeneratedReference() throws {
        let run = try CLI.run(["rules", "--format", "markdown"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let file = CLI.repository.appendingPathComponent("docs/rules.md")
        guard let onDisk = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("docs/rules.md cannot be read. Generate it: \(Self.regenerate)")
            return
        }
        if run.stdout != onDisk {
            let generated = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let written = onDisk.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(generated, written).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(generated.count, written.count)
            Issue.record("""
                docs/rules.md differs from `evident rules --format markdown`, first at line \(line + 1). \
                Regenerate it: \(Self.regenerate)
                """)
        }
    }

    /// `explain` names the item of clause 6.2 a rule evidences under each standard that has it, in
    /// that standard's numbering, and no standard without it; a reading rule names none. The line
    /// is read standard by standard, so that a seventh standard needs no change here.
    @Test func explainGivesTheClauseOfEachStandardTheRuleBearsOn() throws {
        func clauseLine(_ rule: String) throws -> String {
            let run = try CLI.run(["explain", rule])
            #expect(run.status == 0)
            return run.stdout.split(separator: "\n").first { $0.hasPrefix("Clause 6.2: ") }.map(String.init) ?? ""
        }
        let risks = try clauseLine("requirements/risks")
        #expect(risks.hasPrefix("Clause 6.2: Take into account risks, opportunities, aspects or hazards: "), "\(risks)")
        let plan = try clauseLine("planned/plan")
        for (line, item) in [(risks, StandardItem.risks), (plan, .plan)] {
            let named = Standard.all.filter { line.contains($0.name + " ") }
            #expect(named.map(\.id) == Standard.all.filter { $0.has(item) }.map(\.id), "\(line)")
            for standard in named {
                #expect(line.contains("\(standard.name) \(standard.item(item)?.clause ?? "?")"), "\(standard.id): \(line)")
            }
        }
        // The clauses themselves, as SPEC §8 numbers them.
        #expect(risks.contains("ISO/IEC 27001:2022 6.2 c, ISO 14001:2015 6.2.1, ISO 45001:2018 6.2.1 c"), "\(risks)")
        #expect(!risks.contains("ISO 9001") && !risks.contains("20000-1") && !risks.contains("22301"), "\(risks)")
        #expect(plan.contains("ISO/IEC 20000-1:2018 6.2.2 a–e, ISO 9001:2015 6.2.2 a–e, ISO/IEC 27001:2022 6.2 h–l, "
            + "ISO 14001:2015 6.2.2 a–e, ISO 45001:2018 6.2.2 a–f, ISO 22301:2019 6.2.2 a–e"), "\(plan)")
        let syntax = try CLI.run(["explain", "syntax/yaml"])
        #expect(syntax.status == 0)
        #expect(!syntax.stdout.contains("Clause 6.2:"))
        #expect(RuleReference.markdown().contains("Default severity: **warning**. Clause 6.2: Take into account risks, opportunities, aspects or hazards: ISO/IEC 27001:2022 6.2 c,"))
    }

    /// The fixed example names a file it leaves as the triggering example has it, instead of
    /// printing it again: what the fix changed is what is printed.
    @Test func theFixedExampleShowsOnlyWhatTheFixChanged() throws {
        let rule = try #require(RuleRegistry.rule(id: "communicated/missing")).description
        let explained = RuleReference.explain(rule)
        let fixed = try #require(explained.range(of: "\nFixed:\n")).upperBound
        let fix = String(explained[fixed...])
        #expect(fix.contains("  content/objectives/OBJ-INC-01.md: as above\n"), "\(fix)")
        #expect(fix.contains("  content/communications/2026-06-03.md:\n    ---\n    date: 2026-06-03\n"), "\(fix)")
        #expect(!fix.contains("statement:"), "\(fix)")
        let markdown = RuleReference.markdown()
        #expect(markdown.contains("`content/objectives/OBJ-INC-01.md`: as in the example that triggers it."))
        // A file the fix changes is printed whole.
        let tolerance = RuleReference.explain(try #require(RuleRegistry.rule(id: "measurable/tolerance")).description)
        #expect(!tolerance.contains("as above"))
    }

    @Test func markdownHasEveryRuleOutsideCodeBlocks() throws {
        let run = try CLI.run(["rules", "--format", "markdown"])
        #expect(run.status == 0)
        // Walks the fenced blocks as a CommonMark reader does: a block closes only at a line of
        // at least as many backticks as opened it, so an example holding ``` cannot leak out.
        var fence = 0
        var headings: [String] = []
        var tableRows: [Substring] = []
        for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            let ticks = line.prefix(while: { $0 == "`" }).count
            if fence == 0 {
                if ticks >= 3 { fence = ticks; continue }
                if line.hasPrefix("### `") { headings.append(String(line.dropFirst(5).prefix(while: { $0 != "`" }))) }
                if line.hasPrefix("| [`") { tableRows.append(line) }
            } else if ticks >= fence, line.allSatisfy({ $0 == "`" }) {
                fence = 0
            }
        }
        #expect(fence == 0, "a code block is never closed")
        let ids = RuleRegistry.all.map { $0.description.id }.sorted()
        #expect(headings.sorted() == ids)
        #expect(tableRows.count == ids.count)
        for row in tableRows {
            // Three cells: a `|` in a summary is escaped, so it cannot make a fourth.
            #expect(Self.cellSeparators(row) == 4, "\(row)")
        }
        for rule in RuleRegistry.all.map({ $0.description }) {
            let heading = "### `\(rule.id)`: \(rule.name)\n\nDefault severity: **\(rule.defaultSeverity.rawValue)**."
            #expect(run.stdout.contains(heading), "\(rule.id)")
            #expect(run.stdout.contains(rule.rationale), "\(rule.id)")
            guard let example = rule.triggering.first else { continue }
            for path in example.files.keys where !example.removing.contains(path) {
                let firstLine = (example.files[path] ?? "").split(separator: "\n").first.map(String.init) ?? ""
                #expect(run.stdout.contains("`content/\(path)`:\n\n"), "\(rule.id)")
                #expect(run.stdout.contains(firstLine), "\(rule.id)")
            }
        }
    }

    /// The `|` of a table row that are not escaped with a `\`.
    static func cellSeparators(_ row: Substring) -> Int {
        var count = 0
        var previous: Character = " "
        for c in row {
            if c == "|", previous != "\\" { count += 1 }
            previous = c
        }
        return count
    }
}
