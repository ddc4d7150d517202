/// Everything loaded from one content tree, before any rule runs. Plain values, in a stable order
/// (sorted by file path), so that every later stage is deterministic.
package struct ContentSet: Sendable {
    /// The content folder as given (for messages), and its absolute path (for evidence checks).
    package var root: String
    package var rootPath: String
    package var configuration: Configuration
    package var policy: Policy?
    /// `risks.md`, when the tree has one.
    package var risks: RiskRegister?
    package var requirements: [RequirementSource]
    package var objectives: [Objective]
    /// Measurement files with their rows, each file's rows in an array of its own: a file parsed
    /// once (by `serve`'s cache, or for two revisions) is the same array in every load that has it,
    /// and a load never copies every file's rows into one.
    package var measurementFiles: [MeasurementFile]
    package var reviews: [Review]
    package var communications: [Communication]
    /// Paths of files under `evidence/`, relative to it.
    package var evidenceFiles: [String]
    /// Those of `evidenceFiles` that are links (which the evidence pack never carries).
    package var evidenceLinks: [String]
    /// Findings made while reading files (`syntax/...`).
    package var loadFindings: [Finding]
    /// What those findings say could not be read, so that no rule reports it again.
    package var unread: Unread
    /// SHA-256 of the text of each file read, by its path as findings print it; only when the
    /// load was asked for them (`build`, to tell which pages it can take from the previous site).
    package var digests: [String: FileDigest]

    package init(root: String, rootPath: String, configuration: Configuration) {
        self.root = root
        self.rootPath = rootPath
        self.configuration = configuration
        requirements = []
        objectives = []
        measurementFiles = []
        reviews = []
        communications = []
        evidenceFiles = []
        evidenceLinks = []
        loadFindings = []
        unread = Unread()
        digests = [:]
    }
}

extension ContentSet {
    /// Every measurement row, file by file, in row order.
    package var measurements: FlattenSequence<LazyMapSequence<[MeasurementFile], [Measurement]>> {
        measurementFiles.lazy.map(\.rows).joined()
    }

    /// A path inside the content folder (`risks.md`) as findings print it: under `root`.
    package func display(_ relative: String) -> String {
        root.isEmpty || root == "." ? relative : root + "/" + relative
    }

    /// Whether the file at `relative` exists but could not be read: a loading finding points at it.
    package func couldNotRead(_ relative: String) -> Bool {
        let path = display(relative)
        return loadFindings.contains { $0.location.file == path }
    }

    /// The name of a file at the top of the tree that evident does not read (`syntax/ignored-file`)
    /// and that can only be `expected` (`policy.md`, `evident.yml`) under another name: another
    /// letter case, `.markdown` or `.yaml`, or `.txt` added by Notepad. Nil when there is none.
    package static func otherName(for expected: String, in findings: [Finding], display: (String) -> String) -> String? {
        let base = expected.lowercased()
        var names: Set<String> = [base, base + ".txt"]
        if base.hasSuffix(".md") { names.insert(String(base.dropLast(3)) + ".markdown") }
        if base.hasSuffix(".yml") { names.insert(String(base.dropLast(4)) + ".yaml") }
        for name in names where !name.hasSuffix(".txt") { names.insert(name + ".txt") }
        for f in findings where f.rule == "syntax/ignored-file" {
            guard let name = f.location.file.split(separator: "/").last.map(String.init),
                  names.contains(name.lowercased()), display(name) == f.location.file else { continue }
            return name
        }
        return nil
    }

    /// Whether a file named `name` that evident does not read under `objectives/` is an objective
    /// saved with another ending (`.markdown`, `.mdown`, `.mkd`, Notepad's `.md.txt`), which may
    /// declare any objective; not a file Windows, Office or an editor leaves beside them.
    package static func isObjectiveUnderAnotherEnding(_ name: Substring) -> Bool {
        let lower = name.lowercased()
        return [".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".md.txt"].contains { lower.hasSuffix($0) }
    }

    /// `otherName(for:in:display:)` among this content's loading findings.
    package func otherName(for expected: String) -> String? {
        Self.otherName(for: expected, in: loadFindings, display: display)
    }
}

package struct MeasurementFile: Sendable {
    package var file: String
    /// The objective the file is named after, when it has no `objective` column.
    package var namedObjective: String?
    package var rows: [Measurement]
    /// The rows `syntax/csv` rejected, in file order; when the whole file could not be read (a
    /// quote left open, a bad header, text that is not UTF-8), one for each objective it may have
    /// named, of no period.
    package var rejected: [RejectedRow]

    package init(file: String, namedObjective: String? = nil, rows: [Measurement] = [], rejected: [RejectedRow] = []) {
        self.file = file
        self.namedObjective = namedObjective
        self.rows = rows
        self.rejected = rejected
    }
}
