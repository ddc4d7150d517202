import Foundation
import EvidentModel
import EvidentSupport

/// The files and folders `evident check PATH...` prints the findings of. Paths are compared as
/// written (made absolute against the working folder, `.` and `..` taken out) and with links
/// resolved, so that `content/x.md`, `./content/../content/x.md`, an absolute path and a path
/// through a link all name the same file as a finding does.
final class PathSelection {
    /// A path that does not exist or is outside the content folder.
    struct Failure: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    private let selected: [[String]]
    /// Each finding's file is looked up once: a file may have many findings.
    private var answers: [String: Bool] = [:]

    init(_ paths: [String], content: String) throws(Failure) {
        let root = Self.forms(content)
        var selected: [[String]] = []
        for path in paths {
            let shown = TerminalText.escape(path), folder = TerminalText.escape(content)
            guard FileManager.default.fileExists(atPath: path) else {
                throw Failure(description: "\(codeSpan(shown)) does not exist; give files or folders of the content folder \(codeSpan(folder)).")
            }
            let forms = Self.forms(path)
            guard forms.contains(where: { form in root.contains { Self.isInside(form, $0) } }) else {
                throw Failure(description: "\(codeSpan(shown)) is not inside the content folder \(codeSpan(folder)); give files or folders under it (or pass --content).")
            }
            selected.append(forms)
        }
        self.selected = selected
    }

    func contains(_ file: String) -> Bool {
        if let known = answers[file] { return known }
        let forms = Self.forms(file)
        let answer = selected.contains { path in forms.contains { form in path.contains { Self.isInside(form, $0) } } }
        answers[file] = answer
        return answer
    }

    /// The findings of `result` in the selected files (all of them when nothing is selected).
    static func keeping(_ paths: [String], of result: CheckResult, content: String) throws(Failure) -> CheckResult {
        guard !paths.isEmpty else { return result }
        let selection = try PathSelection(paths, content: content)
        return result.keeping { selection.contains($0.location.file) }
    }

    /// The path made absolute and standardized, and the same with links resolved.
    private static func forms(_ path: String) -> [String] {
        let url = URL(fileURLWithPath: WorkingDirectory.absolute(path)).standardizedFileURL
        let resolved = url.resolvingSymlinksInPath().path
        return resolved == url.path ? [url.path] : [url.path, resolved]
    }

    /// Whether `path` is `folder` or inside it.
    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
