import EvidentModel

/// A Markdown file without a well-formed `---` front-matter block. Reported while loading.
package enum SyntaxFrontMatter: Sendable {
    package static let description = RuleDescription(
        id: "syntax/front-matter", name: "Front-matter block", obligation: .syntax, defaultSeverity: .error,
        summary: "A Markdown file without a well-formed `---` front-matter block.",
        rationale: """
            Objectives, policy, requirements, reviews and communications keep their fields in a YAML block \
            between two `---` lines at the top of the file. A file without one cannot be read, so whatever it \
            was meant to evidence is missing from the model, the site and the pack.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": "↓id: OBJ-INC-01\ntitle: Restore priority-1 incidents quickly\n"]),
            RuleExample(["reviews/2026-11-10.md": "↓---\ndate: 2026-11-10\nforum: ops-review\n"]),
            RuleExample(["communications/empty.md": "↓"]),
        ],
        nonTriggering: [RuleExample([:])])
}
