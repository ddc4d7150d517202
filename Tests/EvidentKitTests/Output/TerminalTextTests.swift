import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSupport

/// `check`'s text output is for a terminal: a value or a file name from content can hold neither
/// an escape sequence nor a line end there.
@Suite struct TerminalTextTests {
    @Test func escapesControlsAndBidiOverrides() {
        #expect(TerminalText.escape("plain text, é, 日本") == "plain text, é, 日本")
        #expect(TerminalText.escape("a\u{1B}[2Jb") == "a\\e[2Jb")
        #expect(TerminalText.escape("x\ny\rz\tw") == "x\\ny\\rz\\tw")
        #expect(TerminalText.escape("\u{07}\u{7F}\u{9B}") == "\\u{7}\\u{7F}\\u{9B}")
        #expect(TerminalText.escape("abc\u{202E}fed") == "abc\\u{202E}fed")
    }

    /// A character that shows as nothing would print a name as another one it is not.
    @Test func escapesCharactersThatShowAsNothing() {
        #expect(TerminalText.escape("reg\u{200B}ister.csv") == "reg\\u{200B}ister.csv")
        #expect(TerminalText.escape("\u{FEFF}a\u{AD}b\u{2060}c\u{200D}d") == "\\u{FEFF}a\\u{AD}b\\u{2060}c\\u{200D}d")
        #expect(TerminalText.escape("line\u{2028}para\u{2029}") == "line\\u{2028}para\\u{2029}")
        #expect(TerminalText.escape("tag\u{E0041}") == "tag\\u{E0041}")
        // Default-ignorable characters that are not format characters: a variation selector, the
        // combining grapheme joiner, a Hangul filler (a "blank" letter).
        #expect(TerminalText.escape("OBJ-1\u{FE0F} OBJ-2\u{34F} OBJ-3\u{3164}") == "OBJ-1\\u{FE0F} OBJ-2\\u{34F} OBJ-3\\u{3164}")
        // Letters and spaces of every script print as they are, and so do the format characters
        // that show (the Arabic number sign over its digits).
        #expect(TerminalText.escape("caf\u{E9} e\u{301} \u{A0}\u{3000}\u{5D0}") == "caf\u{E9} e\u{301} \u{A0}\u{3000}\u{5D0}")
        #expect(TerminalText.escape("\u{600}12 \u{6DD}3 \u{110BD}4") == "\u{600}12 \u{6DD}3 \u{110BD}4")
    }

    /// GitHub annotations go to the Actions log, which shows ANSI sequences: controls and bidi
    /// overrides are visible escapes there, and line ends stay %-encoded as GitHub expects.
    @Test func githubReportEscapesFileNamesAndMessages() throws {
        var files = ExampleTree.base
        files["objectives/notes\u{1B}[31mred.txt"] = "x"
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements + "2026-11,4\u{1B}]0;PWNED\u{07}\u{202E}9,,\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let github = FindingsReport(result: try tree.check()).github()
        #expect(!github.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }, "\(github)")
        #expect(github.contains("notes\\e[31mred.txt"))
        #expect(github.contains("4\\e]0;PWNED\\u{7}\\u{202E}9"))
        #expect(FindingsReport.data("a\nb%\u{2066}") == "a%0Ab%25\\u{2066}")
    }

    /// The Actions runner reads a command's properties back by replacing `%0D`, `%0A`, `%3A`,
    /// `%2C` and then `%25`, and its message without the `:` and `,`: values holding those read
    /// back as written, an escape that is already in the value included (`%0A`, `%3A`).
    @Test func githubCommandsReadBackAsTheRunnerUnescapes() {
        func unescape(_ s: String, property: Bool) -> String {
            var out = s
            for (token, escaped) in [("\r", "%0D"), ("\n", "%0A")] + (property ? [(":", "%3A"), (",", "%2C")] : []) + [("%", "%25")] {
                out = out.replacingOccurrences(of: escaped, with: token)
            }
            return out
        }
        for value in ["a:b,c", "100% of %0A and %3A%2C", "x\ny\r\nz", "%25%", "OBJ-NOPE%2C:1.csv"] {
            #expect(unescape(FindingsReport.property(value), property: true) == value)
            #expect(!FindingsReport.property(value).contains { ":,\r\n".contains($0) })
            #expect(unescape(FindingsReport.data(value), property: false) == value)
        }
    }

    /// Markdown for a pull-request comment: controls and bidi overrides print as escapes in text,
    /// table cells and code spans alike.
    @Test func markdownEscapesControlsAndBidiOverrides() {
        #expect(GFM.text("T\u{1B}]0;PWNED\u{07}\u{202E}X") == "T\\e\\]0;PWNED\\u{7}\\u{202E}X")
        #expect(GFM.cell("a\u{2066}b\u{9B}c") == "a\\u{2066}b\\u{9B}c")
        #expect(GFM.code("POL-\u{1B}[2J\u{202E}9") == "`POL-\\e[2J\\u{202E}9`")
        #expect(GFM.code("evidence/a\nb\r.csv") == "`evidence/a\\nb\\r.csv`", "a line end in a name reads as it is stored")
        #expect(GFM.text("tab\there, line\r\nend") == "tab\there, line<br>end")
    }

    /// The report's lines are made a thousand findings at a time on every core: they come out
    /// whole and in the findings' order across those runs.
    @Test func aLongReportHasEveryLineInOrder() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let model = try tree.check().model
        let findings = (0..<2500).map { FindingChangesTests.finding("content/f\($0).md", $0 + 1, "finding \($0)") }
        let text = FindingsReport(result: CheckResult(model: model, findings: findings)).text(color: false, quiet: true)
        #expect(text == findings.map { FindingsReport.line($0, color: false) }.joined())
        #expect(text.split(separator: "\n").count == 2500)
    }

    /// A large result's findings are sorted in two halves on two cores and merged: the order is
    /// the one a single sort gives, ties (the same place, rule and message) included.
    @Test func findingsSortInHalvesAsInOne() {
        var random = SplitMix64(seed: 37)
        let findings = (0..<9000).map { _ in
            FindingChangesTests.finding("content/f\(random.next() % 40).md", Int(random.next() % 30) + 1,
                                        "finding \(random.next() % 5)", rule: ["a/x", "b/y", "c/z"][Int(random.next() % 3)],
                                        severity: random.next() % 2 == 0 ? .warning : .error)
        }
        let expected = findings.sorted(by: Finding.ordered), actual = Checker.sorted(findings)
        #expect(actual.count == expected.count)
        #expect(zip(actual, expected).allSatisfy { FindingsReport.line($0, color: false) == FindingsReport.line($1, color: false) })
    }

    /// A file name and a field name with escape sequences print escaped, in colour or not.
    @Test func textReportEscapesFileNamesAndMessages() throws {
        var files = ExampleTree.base
        files["objectives/\u{1B}]0;owned\u{07}.md"] = ExampleTree.objective
            .replacingOccurrences(of: "id: OBJ-INC-01", with: "id: OBJ-INC-02")
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements + "2026-11,4\u{1B}[2J,,\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.findings.contains { $0.message.contains("\u{1B}[2J") })
        for color in [false, true] {
            let text = FindingsReport(result: result).text(color: color, quiet: false)
            let sequences = text.components(separatedBy: "\u{1B}").dropFirst()
            // Colour, when asked for, is the only escape sequence: SGR codes the report writes itself.
            #expect(sequences.allSatisfy { color && $0.hasPrefix("[") && $0.dropFirst().prefix { $0 != "m" }.allSatisfy { "0123456789;".contains($0) } })
            #expect(!text.contains("\u{07}"))
            #expect(text.contains("\\e]0;owned\\u{7}.md"))
            #expect(text.contains("`4\\e[2J`"))
        }
    }
}
