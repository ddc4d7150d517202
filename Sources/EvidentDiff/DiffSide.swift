import EvidentCheck
import EvidentModel
import EvidentSupport
import Foundation

/// One side of a diff, loaded and checked (by `DiffLoader`): a content folder, or the content folder
/// of a git revision. Paths read as the user knows them: a revision's files under the `--content`
/// path, never under the temporary folder they were read from.
struct DiffSide: Sendable {
    enum Source: Sendable, Equatable {
        /// The working tree's `--content` folder, as it is on disk.
        case workingTree(String)
        /// A content folder named by `--base-dir` or `--head-dir`.
        case folder(String)
        /// A git revision as named, and the full id of the commit it resolved to.
        case revision(String, commit: String)
    }

    var source: Source
    package let result: CheckResult
    /// The findings of `result`, with paths as shown.
    package let findings: [Finding]
    /// How the content root prints in shown paths (`content`, or `.`).
    let shownRoot: String
    /// The real path the side was loaded from (a temporary folder, for a revision). Paths in
    /// findings are already shown ones (the loader prints a revision's under `shownRoot`); a message
    /// that names the real path is rewritten.
    let loadedRealRoot: String
    /// Files that are the same on both sides, byte for byte (their parse was shared).
    let unchangedFiles: Set<String>
    /// The day (UTC) a revision was committed; nil for a folder.
    var committed: Day?
    /// A revision's evidence files: git's object id of each (of a link, of its target), by path
    /// relative to `evidence/`. nil for a folder, whose files are read from disk to compare.
    let evidenceObjects: [ExactName: String]?
    /// The working tree compared with a revision: the evidence files git finds changed since it
    /// (`RevisionReader.evidenceChanged`). nil otherwise.
    let evidenceChanged: [ExactName: Character]?
    package var model: CheckModel { result.model }

    /// How the side is named in report headers: exactly what was compared, so that a reviewer
    /// can tell a revision from a folder. `revision origin/main (<full commit id>)`,
    /// `folder old-content`, or `working tree content`. A revision named by its full commit id
    /// is named once.
    package var label: String {
        switch source {
        case let .workingTree(path): "working tree \(path)"
        case let .folder(path): "folder \(path)"
        case let .revision(name, commit): Self.namesItsCommit(name, commit) ? "revision \(commit)" : "revision \(name) (\(commit))"
        }
    }

    /// Whether the name given for a revision is its full commit id, which the header then needs once.
    static func namesItsCommit(_ name: String, _ commit: String) -> Bool {
        name.lowercased() == commit.lowercased()
    }

    init(source: Source, result: CheckResult, shownRoot: String, unchangedFiles: Set<String> = [], committed: Day? = nil,
         evidenceObjects: [ExactName: String]? = nil, evidenceChanged: [ExactName: Character]? = nil) {
        self.source = source
        self.committed = committed
        self.evidenceObjects = evidenceObjects
        self.evidenceChanged = evidenceChanged
        self.result = result
        self.shownRoot = shownRoot
        self.unchangedFiles = unchangedFiles
        loadedRealRoot = result.model.content.rootPath
        findings = result.findings.map(Relabel(from: [loadedRealRoot], to: shownRoot).finding)
    }

    /// Those of `candidates` (paths relative to the content root) that are files the side read:
    /// loaded, or not (each has a finding). Asked of the few files with findings left to pair
    /// across a move, rather than keeping a set of every file of both trees.
    func files(among candidates: Set<String>) -> Set<String> {
        guard !candidates.isEmpty else { return [] }
        let content = result.model.content
        let relabel = Relabel(from: [loadedRealRoot], to: shownRoot), shown = Relabel(from: [shownRoot], to: ".")
        var out = Set<String>()
        func add(_ file: String) {
            let path = shown.path(relabel.path(file))
            if candidates.contains(path) { out.insert(path) }
        }
        for file in [content.configuration.file, content.policy?.file, content.risks?.file].compactMap({ $0 }) { add(file) }
        for r in content.requirements { add(r.file) }
        for o in content.objectives { add(o.file) }
        for file in content.unread.objectiveFiles { add(file) }
        for m in content.measurementFiles { add(m.file) }
        for r in content.reviews { add(r.file) }
        for c in content.communications { add(c.file) }
        for e in content.evidenceFiles { add(content.display("evidence/" + e)) }
        for f in findings { add(f.location.file) }
        return out
    }

    /// A shown path relative to the content root, for comparing the two sides.
    func relative(_ shownPath: String) -> String {
        Relabel(from: [shownRoot], to: ".").path(shownPath)
    }

    /// A finding made on this side's model, as shown.
    func shown(_ finding: Finding) -> Finding {
        Relabel(from: [loadedRealRoot], to: shownRoot).finding(finding)
    }
}

/// Rewrites paths that start with one root so that they start with another, in locations and in
/// messages (some messages name a file).
struct Relabel: Sendable {
    let from: [String]
    let to: String

    func path(_ path: String) -> String {
        for root in from where !root.isEmpty {
            if root == "." { return join(path) }
            if path == root { return to }
            if path.hasPrefix(root + "/") { return join(String(path.dropFirst(root.count + 1))) }
        }
        return path
    }

    func text(_ text: String) -> String {
        var out = text
        for root in from where !root.isEmpty && root != "." && root != to {
            // Most messages name no path: looked for by bytes first, as the root was written into them.
            let prefix = root + "/"
            guard ByteSearch.contains(out, prefix) else { continue }
            out = out.replacingOccurrences(of: prefix, with: to == "." ? "" : to + "/")
        }
        return out
    }

    func finding(_ f: Finding) -> Finding {
        var copy = f
        copy.location.file = path(f.location.file)
        copy.message = text(f.message)
        return copy
    }

    private func join(_ relative: String) -> String { to == "." ? relative : to + "/" + relative }
}
