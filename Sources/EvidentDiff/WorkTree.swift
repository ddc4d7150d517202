import Foundation

/// Whether git would take a file in with `git add -A`, asked of git itself (so `.gitignore`, the
/// repository's `info/exclude` and the user's global excludes all count).
package enum WorkTree {
    /// The top of the git working tree that holds `path` when the file there is not ignored; nil
    /// when it is in no working tree, is ignored, or git cannot say.
    package static func committable(_ path: String) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let git = Git(directory: url.deletingLastPathComponent().path)
        guard let top = try? git.run(["rev-parse", "--show-toplevel"]), top.status == 0, !top.text.isEmpty,
              let ignored = try? git.run(["check-ignore", "-q", "--", url.lastPathComponent]) else { return nil }
        // check-ignore: 0 when ignored, 1 when not, 128 on an error.
        return ignored.status == 1 ? top.text : nil
    }
}
