import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSupport

/// Every value a message takes from a file is one code span of it (`codeSpan`), never prose: a
/// backtick in an id, an owner or a statement would otherwise pair with the message's next code
/// span, and the site, the pack and diff's comment would show the rest of the message as code.
@Suite struct MessageQuotingTests {
    static let id = "OBJ-I`N`C"
    static let owner = "Incident `Process` Owner"
    static let statement = "STMT`2`"
    static let source = "Masterful `Xyzzy` deal"
    static let copy = "co`pied.md"

    /// The base tree with the objective's id, its owner and a requirement source's title holding
    /// backticks everywhere they are written (file names too), an uncovered statement whose id holds
    /// them, a copy of the objective's file under a name that holds one, and gaps that make most
    /// rules speak of the objective.
    static func files() -> [String: String] {
        var files: [String: String] = [:]
        for (path, text) in ExampleTree.base {
            let renamed = path.replacingOccurrences(of: "OBJ-INC-01", with: id)
            files[renamed] = text.replacingOccurrences(of: "OBJ-INC-01", with: id)
                .replacingOccurrences(of: "Incident Process Owner", with: owner)
        }
        let objective = "objectives/\(id).md"
        files[objective] = ExampleTree.edit(files[objective] ?? "", [
            "tolerance: \"<= 6 h\"\n": "",
            "  resources: Two days of the ITSM administrator; no spend.\n": "",
        ])
        // A copy of the objective's file: syntax/duplicate-id names both places.
        files["objectives/\(copy)"] = files[objective]
        files["policy.md"] = ExampleTree.edit(ExampleTree.policy, ["---\nThe policy.": """
              - id: \(statement)
                text: We change services without harming their availability.
            ---
            The policy.
            """])
        files["requirements/msa.md"] = files["requirements/msa.md"].map {
            $0.replacingOccurrences(of: "title: Master services agreement", with: "title: \(source)\nrevised: 2027-01-10")
        }
        return files
    }

    @Test func valuesFromFilesAreWholeCodeSpans() throws {
        let files = Self.files()
        #expect(files["requirements/msa.md"]?.contains(Self.source) == true, "the requirement's title is in the tree")
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        // Months later: values, reviews, actions and the plan are all overdue.
        let findings = try tree.check(asOf: "2027-06-30").findings
        let values = [Self.id, Self.owner, Self.statement, Self.source, Self.copy]
        var spoken: [String: Set<String>] = [:]
        for f in findings {
            for part in CodeSpan.parts(f.message) {
                // A fragment of a value in prose, or a code span cut out of one, is a value quoted as prose.
                for value in values {
                    let fragments = value.split(separator: "`").map(String.init)
                    guard fragments.contains(where: { part.text.contains($0) && $0.count > 2 }) else { continue }
                    #expect(part.code && part.text.contains(value), "\(f.rule): \(f.message)")
                    if part.code && part.text.contains(value) { spoken[value, default: []].insert(f.rule) }
                }
            }
        }
        // The tree makes many rules name each value, so the test is not empty.
        #expect((spoken[Self.id]?.count ?? 0) >= 5, "\(spoken)")
        #expect(spoken[Self.owner]?.isEmpty == false, "\(findings.map(\.message))")
        #expect(spoken[Self.statement]?.contains("policy/uncovered") == true, "\(spoken)")
        #expect(spoken[Self.source]?.contains("updated/trigger") == true, "\(spoken)")
        #expect(spoken[Self.copy]?.contains("syntax/duplicate-id") == true, "\(spoken)")
    }

    /// On a terminal a message prints as it is stored, code spans and their backticks as written,
    /// with the escape sequences a value holds shown as escapes, in colour or not.
    @Test func theTerminalShowsCodeSpansAsWrittenAndNoEscapeSequence() throws {
        var files = Self.files()
        files["measurements/incidents.csv"] = "objective,period,value,note,evidence\nOBJ-\u{1B}[2J`X\u{202E},2026-10,3.4,,\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check(asOf: "2027-06-30")
        for color in [false, true] {
            let text = FindingsReport(result: result).text(color: color, quiet: false)
            let withoutColour = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(!withoutColour.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }, "\(text)")
            #expect(withoutColour.contains(": error: This measurement row names ``OBJ-\\e[2J`X\\u{202E}``, which no objective declares"), "\(text)")
            #expect(withoutColour.contains(": warning: ``\(Self.id)`` has no value for 2027-05, due since 2027-06-07, nor for the 6 periods before it (2026-11 to 2027-04): its last row is for 2026-10."), "\(text)")
            #expect(withoutColour.contains("Action `ACT-1` (``\(Self.owner)``) was due on 2026-12-15"), "\(text)")
        }
    }
}
