import Foundation
import EvidentLoad
import EvidentModel

/// The check every content command starts with: load the content folder, run every rule.
package enum ContentCheck {
    /// Loads and checks `content` as of `asOf`. `published`: paths under
    /// `ContentLoader.publishedRoot`, for the commands whose output leaves the machine (the same
    /// bytes from any working folder); show their findings on a terminal through `shown`.
    /// Throws `ContentLoader.Failure` when the folder cannot be read. `folder` keeps the parsed files
    /// from one run to the next (`serve`), and `checker` the findings, told the same changes.
    /// `digests`: the content set has each file's digest (`ContentSet.digests`).
    package static func run(content: String, asOf: Day, published: Bool = false, folder: FolderCache? = nil,
                            checker: IncrementalChecker? = nil, digests: Bool = false, lap: (String) -> Void = { _ in }) throws -> CheckResult {
        let loaded: ContentSet
        do {
            loaded = try ContentLoader.load(directory: content, displayRoot: published ? ContentLoader.publishedRoot : nil, folder: folder,
                                            digests: digests)
        } catch let ContentLoader.Failure.unreadableFolder(path, reason) where published {
            // The error prints on the terminal: the folder under `content` as given, as `shown` prints findings.
            throw ContentLoader.Failure.unreadableFolder(shown(path, content: content), reason)
        }
        lap("load")
        let result: CheckResult
        if let checker {
            // Files parsed again on every load (links) may have changed unreported.
            if let folder { checker.changed(folder.lastUnkept) }
            result = checker.check(loaded, asOf: asOf)
        } else {
            result = Checker.check(loaded, asOf: asOf)
        }
        lap("check")
        return result
    }

    /// What `evident check` prints: the checked tree, and of its findings only those of `paths`
    /// (files or folders under `content`; all when empty) that bear on the configured standards
    /// `standards` names (all when empty). The whole tree is checked either way, so rules across
    /// files stay right. Throws `PathSelection.Failure` or `StandardSelection.Failure` for a path
    /// or standard the content does not have.
    package static func selecting(paths: [String], standards: [String], content: String, asOf: Day,
                                  lap: (String) -> Void = { _ in }) throws -> Selection {
        let whole = try run(content: content, asOf: asOf, lap: lap)
        let inPaths = try PathSelection.keeping(paths, of: whole, content: content)
        let (result, chosen) = try StandardSelection.keeping(standards, of: inPaths)
        return Selection(whole: whole, result: result, standards: chosen)
    }

    /// The findings `evident check` prints, and the standards it summarises (nil: every configured one).
    package struct Selection: Sendable {
        /// The tree as checked, every finding kept.
        let whole: CheckResult
        package let result: CheckResult
        package let standards: [Standard]?
    }

    /// A published result with its paths as the terminal shows them: relative to the working folder.
    package static func shown(_ result: CheckResult, content: String) -> CheckResult {
        result.rebasingPaths(to: ContentLoader.displayPath(content))
    }

    /// `path`, under `ContentLoader.publishedRoot`, under `content` as the terminal shows it.
    static func shown(_ path: String, content: String) -> String {
        let root = ContentLoader.publishedRoot, shownRoot = ContentLoader.displayPath(content)
        if path == root { return shownRoot }
        guard path.hasPrefix(root + "/") else { return path }
        return (shownRoot == "." ? "" : shownRoot + "/") + path.dropFirst(root.count + 1)
    }
}
