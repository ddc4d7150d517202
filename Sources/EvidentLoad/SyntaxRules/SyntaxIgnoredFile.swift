import EvidentModel
import EvidentSupport

/// A file or folder in the content tree that evident does not read (SPEC 4.1 "Ignored files").
/// Reported while loading: by the walk for a folder on disk, from the path list for a revision.
package enum SyntaxIgnoredFile: Sendable {
    package static let description = RuleDescription(
        id: "syntax/ignored-file", name: "Ignored file", obligation: .syntax, defaultSeverity: .warning,
        summary: "A file in the content tree that evident does not read, with the name it probably meant.",
        rationale: """
            An objective saved as `.markdown`, or minutes filed in `review/` instead of `reviews/`, is \
            silently missing from every check, the site and the pack, so the readiness report can pass \
            while the evidence an auditor asks for is not in it. evident reads `evident.yml`, `policy.md`, \
            `risks.md` and the folders of the content tree (`*.md` under objectives, requirements, reviews and \
            communications, `*.csv` under measurements, anything under evidence); anything else beside \
            them is reported once, with the name it was probably meant to have. Names that start with \
            `.` are never reported.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-02.markdown": "↓" + ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            RuleExample(["measurements/OBJ-INC-01.xlsx": "↓period,value\n"]),
            RuleExample(["review/2026-11-20.md": ExampleTree.review], expecting: ["review"]),
            RuleExample(["polcy.md": "↓" + ExampleTree.policy]),
        ],
        nonTriggering: [
            RuleExample(["README.md": "# Our objectives\n", "evidence/board-pack.pdf": "%PDF-1.4\n",
                         "objectives/.draft.swp": "x", ".git-keep": ""]),
        ])

    /// What a content tree's root holds; anything else there is ignored.
    static let rootFiles = ["evident.yml", "policy.md", "risks.md", "README.md"]

    /// The finding for `relative` (inside the content root, with `/`), which the walk does not
    /// read, or nil when it is not to be reported. `isFolder`: a folder at the root.
    static func finding(_ relative: String, isFolder: Bool, display: String, folders: [(name: String, ending: String?)]) -> Finding? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) else { return nil }
        if parts.count == 1 {
            guard !rootFiles.contains(first) else { return nil }
            let known = rootFiles + folders.map { $0.name + "/" }
            let shown = isFolder ? first + "/" : first
            let hint = Suggestion.closest(to: shown, in: known).map { " Did you mean `\($0)`?" } ?? ""
            let message = isFolder
                ? "evident does not read the folder `\(shown)`: a content tree holds \(folders.map { "`\($0.name)/`" }.joined(separator: ", ")).\(hint) Move its files where they belong, or out of the content folder."
                : "evident does not read `\(shown)`: at the top of a content tree it reads only `evident.yml`, `policy.md` and `risks.md`.\(hint) Rename or move the file, or take it out of the content folder."
            return description.finding(message, at: isFolder ? SourceLocation(file: display) : .wholeFile(display))
        }
        guard let folder = folders.first(where: { $0.name == first }), let ending = folder.ending,
              let name = parts.last, !name.lowercased().hasSuffix(ending) else { return nil }
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let kind = ending == ".csv" ? "CSV files (`.csv`)" : "Markdown files ending `.md`"
        return description.finding(
            "evident does not read `\(name)`: in \(first)/ it reads only \(kind). Did you mean `\(stem.isEmpty ? name : stem)\(ending)`?",
            at: .wholeFile(display))
    }
}
