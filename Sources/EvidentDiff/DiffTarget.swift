import EvidentSupport
/// One side of a diff as the user named it, before anything is read. A name on the command line is
/// always a revision: a folder is compared only when named by `--base-dir` or `--head-dir`, so that
/// a folder in the working tree that happens to share a branch's name can never stand in for it.
package enum DiffTarget: Sendable, Equatable {
    /// A revision (branch, tag, commit, `HEAD~2` …) of the git repository that holds `--content`.
    case revision(String)
    /// A content folder named by `--base-dir` or `--head-dir`.
    case folder(String)
    /// The `--content` folder as it is on disk.
    case workingTree

    /// The two sides from the command line: the revisions given in order, `--base-dir` and
    /// `--head-dir`. Each flag takes the place of its side's revision, so with `--base-dir` a single
    /// revision is HEAD; HEAD defaults to the working tree. A side named twice, a revision left
    /// over, or no BASE at all is a usage error.
    package static func sides(revisions: [String], baseDir: String?, headDir: String?) throws(DiffFailure) -> (base: DiffTarget, head: DiffTarget) {
        var remaining = revisions[...]
        let base: DiffTarget
        if let baseDir {
            guard remaining.count < 2 else {
                throw DiffFailure("BASE is named twice: by --base-dir \(codeSpan(baseDir)) and by the revision \(codeSpan(revisions[0])). Give one of them; with --base-dir, a single revision is HEAD.")
            }
            base = .folder(baseDir)
        } else if let first = remaining.popFirst() {
            base = .revision(first)
        } else {
            throw DiffFailure("Name the base to compare with: a revision (like `evident diff origin/main`) or a content folder with --base-dir DIR.")
        }
        let head: DiffTarget
        if let headDir {
            if let revision = remaining.first {
                throw DiffFailure("HEAD is named twice: by --head-dir \(codeSpan(headDir)) and by the revision \(codeSpan(revision)). Give one of them.")
            }
            head = .folder(headDir)
        } else if let next = remaining.popFirst() {
            head = .revision(next)
        } else {
            head = .workingTree
        }
        if let extra = remaining.first {
            throw DiffFailure("\(codeSpan(extra)) is one revision too many: `evident diff` compares BASE with HEAD.")
        }
        return (base, head)
    }
}
