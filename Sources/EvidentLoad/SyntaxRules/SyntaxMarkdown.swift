import EvidentModel

/// A Markdown body past the bounds that keep a build fast (`MarkdownLimits`). Reported while loading.
package enum SyntaxMarkdown: Sendable {
    package static let description = RuleDescription(
        id: "syntax/markdown", name: "Markdown body too large to render", obligation: .syntax, defaultSeverity: .warning,
        summary: "A Markdown body that evident shows as plain text (over 256 KB) or without tables (a line with more than 200 `|`, or more than 50,000 in all).",
        rationale: """
            The Markdown engine's work grows faster than the text for very wide tables and some other \
            constructs, so one pasted export could stall every build, pack and preview. Past these bounds \
            the body is still published, in full, but as plain text or with its tables as text. Notes of \
            that size are evidence attachments: put the export under `evidence/` and link to it.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective + "\n↓" + wideTable(columns: 201)]),
            RuleExample(["reviews/2026-11-10.md": ExampleTree.review.replacingOccurrences(
                of: "Minutes.", with: "↓" + String(repeating: "Minutes of the meeting. ", count: 11_000))]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective + "\n" + wideTable(columns: 12)]),
        ])

    /// A table of `columns` columns: a header, its delimiter row and one row.
    static func wideTable(columns: Int) -> String {
        let cells = (1...max(1, columns)).map { "c\($0)" }
        return "| " + cells.joined(separator: " | ") + " |\n|" + String(repeating: " --- |", count: max(1, columns)) + "\n| "
            + cells.joined(separator: " | ") + " |\n"
    }

    static func message(_ reason: String, plain: Bool) -> String {
        plain
            ? "This Markdown is shown as plain text, not rendered: \(reason). Move long exports to evidence/ and link to them."
            : "Tables in this Markdown are shown as text: \(reason). Split the table, or move it to evidence/ as a CSV and link to it."
    }
}
