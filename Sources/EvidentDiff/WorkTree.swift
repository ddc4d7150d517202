import Foundation

/// Whether git would take a file in with `git add -A`, asked of git itself (so `.gitignore`, the
/// repository's `info/exclude` and the user's global excludes all count).
package enum WorkTree {
    /// What git would do with a file written into a working tree.
    package enum Exposure: Equatable, Sendable {
        /// `git add -A` would take it in: it is in the working tree at `top` and not ignored.
        case committable(top: String)
        /// It is in the repository at `top`, which git refuses to read for this user (its
        /// `safe.directory` check), so whether it is ignored cannot be asked.
        case unknown(top: String)
    }

    /// What git would do with the file at `path`; nil when it is in no working tree, is ignored,
    /// or git cannot say for another reason.
    package static func exposure(of path: String) -> Exposure? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let git = Git(directory: url.deletingLastPathComponent().path)
        guard let top = try? git.run(["rev-parse", "--show-toplevel"]) else { return nil }
        // A repository git will not read is never read with the check turned off: its config could
        // run commands.
        if top.status != 0, let refused = refusedRepository(top.stderr) { return .unknown(top: refused) }
        guard top.status == 0, !top.text.isEmpty,
              let ignored = try? git.run(["check-ignore", "-q", "--", url.lastPathComponent]) else { return nil }
        // check-ignore: 0 when ignored, 1 when not, 128 on an error.
        return ignored.status == 1 ? .committable(top: top.text) : nil
    }

    /// The repository named by git's `detected dubious ownership in repository at 'PATH'`; nil for
    /// any other failure.
    static func refusedRepository(_ stderr: String) -> String? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.contains("dubious ownership in repository at ") }),
              let start = line.range(of: "repository at ")?.upperBound else { return nil }
        let path = String(line[start...])
        return path.hasPrefix("'") && path.hasSuffix("'") && path.count >= 2 ? String(path.dropFirst().dropLast()) : path
    }
}
