import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

/// The git repository that holds a content folder, and where the folder sits in it. It reads a
/// revision's copy of the folder with `git ls-tree` and `git cat-file`: nothing is checked out, so
/// the user's working tree, index and branches stay as they are, and `.gitattributes` filters
/// (`export-subst`, `export-ignore`) cannot alter what is compared.
package struct RevisionReader: Sendable {
    /// The top folder of the working tree; of a bare repository, its folder.
    let top: String
    /// The content folder relative to `top`, with `/`; empty when the content is the top itself.
    let contentPath: String
    /// A bare repository (a mirror, a server's) has revisions and no working tree.
    var bare = false

    private var git: Git { Git(directory: top) }

    /// The repository that holds `content` (a folder path as the user gave it, which need not exist
    /// in the working tree), or nil when it is not inside one.
    static func locate(content: String) throws(DiffFailure) -> RevisionReader? {
        var url = URL(fileURLWithPath: content).standardizedFileURL
        var remainder: [String] = []
        // The deepest folder that exists: git needs a real place to start from.
        while !isDirectory(url.path) {
            guard url.path != "/" else { return nil }
            remainder.insert(url.lastPathComponent, at: 0)
            url = url.deletingLastPathComponent()
        }
        let output = try Git(directory: url.path).run(["rev-parse", "--show-toplevel", "--show-prefix"])
        guard output.status == 0 else {
            if let refusal = ownershipRefusal(output.stderr) { throw refusal }
            return try bare(at: url, remainder: remainder)
        }
        let lines = output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.first, !top.isEmpty else { return nil }
        let prefix = lines.count > 1 ? lines[1] : ""
        guard let path = normalise(prefix.split(separator: "/").map(String.init) + remainder) else { return nil }
        return RevisionReader(top: top, contentPath: path)
    }

    /// The bare repository whose folder holds `folder` (which exists) and `remainder` below it:
    /// the content folder is then a path in its revisions, named from the repository's folder.
    private static func bare(at folder: URL, remainder: [String]) throws(DiffFailure) -> RevisionReader? {
        let output = try Git(directory: folder.path).run(["rev-parse", "--is-bare-repository", "--absolute-git-dir"])
        let lines = output.text.split(separator: "\n").map(String.init)
        guard output.status == 0, lines.count == 2, lines[0] == "true" else { return nil }
        let repository = URL(fileURLWithPath: lines[1]).resolvingSymlinksInPath().pathComponents
        let given = folder.resolvingSymlinksInPath().pathComponents
        guard given.starts(with: repository),
              let path = normalise(Array(given.dropFirst(repository.count)) + remainder) else { return nil }
        return RevisionReader(top: lines[1], contentPath: path, bare: true)
    }

    /// git's refusal to read a repository owned by another user (its `safe.directory` check, which
    /// a CI container running as root over a checkout made by another user meets), as what to do;
    /// nil for any other failure. git words it `detected dubious ownership in repository at 'PATH'`.
    static func ownershipRefusal(_ stderr: String) -> DiffFailure? {
        guard let path = WorkTree.refusedRepository(stderr) else { return nil }
        return DiffFailure("git refuses to read the repository at \(path): it belongs to a user other than the one running evident (git's `safe.directory` check, which CI containers running as root meet). If you trust it, mark it safe with \(codeSpan("git config --global --add safe.directory " + ShellWord.quote(path))) and run evident again.")
    }

    /// Whether the repository is a shallow clone (`git clone --depth`, the default of
    /// actions/checkout), whose history stops short of older commits.
    func isShallow() throws(DiffFailure) -> Bool {
        try git.run(["rev-parse", "--is-shallow-repository"]).text == "true"
    }

    /// A file of the content folder that a sparse checkout leaves out of the working tree (in the
    /// index, marked skip-worktree, and not on disk), relative to `top`; nil when there is none.
    func leftOutBySparseCheckout() throws(DiffFailure) -> String? {
        guard try git.run(["config", "--bool", "core.sparseCheckout"]).text == "true" else { return nil }
        let listing = try git.run(["--literal-pathspecs", "ls-files", "-t", "-z"] + (contentPath.isEmpty ? [] : ["--", contentPath]))
        guard listing.status == 0 else { return nil }
        for entry in listing.stdout.split(separator: 0) where entry.starts(with: "S ".utf8) {
            let path = String(decoding: entry.dropFirst(2), as: UTF8.self)
            var info = stat()
            if lstat(top + "/" + path, &info) != 0 { return path }
        }
        return nil
    }

    /// The files under the content folder's `evidence/` that git finds changed in the working tree
    /// since `commit`, by path relative to `evidence/`, with git's status letter (`M`, `T`, `A`, or
    /// `D` for one git no longer tracks, which may still be on disk). git compares them as it
    /// stores them: through `.gitattributes` filters (Git LFS, line ends), so that a file checked
    /// out by LFS or with CRLF line ends is the file committed. Modes are not compared.
    func evidenceChanged(since commit: String) throws(DiffFailure) -> [ExactName: Character] {
        let folder = (contentPath.isEmpty ? "" : contentPath + "/") + "evidence"
        let output = try git.run(["--literal-pathspecs", "-c", "core.fileMode=false", "diff", "--name-status", "-z", "--no-renames",
                                  "--no-color", "--no-ext-diff", "--ignore-submodules", commit, "--", folder])
        guard output.status == 0 else {
            throw DiffFailure("git could not compare the evidence files of the working tree with \(commit): \(output.stderr)")
        }
        var changed = Self.nameStatus(output.stdout, under: folder)
        // A file git is told not to look at (`update-index --assume-unchanged`, `--skip-worktree`)
        // is the one committed to `git diff` whatever the disk holds: compared by its bytes, as `D`.
        let flags = try git.run(["--literal-pathspecs", "ls-files", "-v", "-z", "--", folder])
        guard flags.status == 0 else {
            throw DiffFailure("git could not list the evidence files of the working tree: \(flags.stderr)")
        }
        for path in Self.notLookedAt(flags.stdout, under: folder) where changed[path] == nil {
            var info = stat()
            if lstat(top + "/" + folder + "/" + path.name, &info) == 0 { changed[path] = "D" }
        }
        return changed
    }

    /// The files of an `ls-files -v -z` listing, `<tag> <path>\0` for each, that git is told not to
    /// look at in the working tree: tagged `S` (skip-worktree) or in lower case (assume-unchanged);
    /// by path relative to `folder`.
    static func notLookedAt(_ listing: Data, under folder: String) -> [ExactName] {
        listing.split(separator: 0).compactMap { entry in
            guard entry.count > 2, let tag = entry.first, entry[entry.startIndex + 1] == UInt8(ascii: " "),
                  tag == UInt8(ascii: "S") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(tag) else { return nil }
            let path = String(decoding: entry.dropFirst(2), as: UTF8.self)
            guard path.hasPrefix(folder + "/"), path.count > folder.count + 1 else { return nil }
            return ExactName(String(path.dropFirst(folder.count + 1)))
        }
    }

    /// A `diff --name-status -z` listing, `<letter>\0<path>\0` for each file: the files under
    /// `folder`, by path relative to it, with their status letter.
    package static func nameStatus(_ listing: Data, under folder: String) -> [ExactName: Character] {
        var changed: [ExactName: Character] = [:]
        let fields = listing.split(separator: 0, omittingEmptySubsequences: false)
        var i = fields.startIndex
        while i + 1 < fields.endIndex {
            let status = String(decoding: fields[i], as: UTF8.self), path = String(decoding: fields[i + 1], as: UTF8.self)
            i += 2
            guard let letter = status.first, path.hasPrefix(folder + "/"), path.count > folder.count + 1 else { continue }
            changed[ExactName(String(path.dropFirst(folder.count + 1)))] = letter
        }
        return changed
    }

    /// A commit that changed the content folder, with the parent it is compared with.
    package struct Change: Sendable, Equatable {
        package var commit: String
        /// Empty for a root commit.
        package var parent: String
        /// The day (UTC) it was committed, and its subject line.
        package var committed: Day?
        package var subject: String
        /// Whether the parent and the commit hold the content folder: a commit that made it, or
        /// removed it, has nothing to be compared with.
        package var parentHasContent = true
        package var hasContent = true
        /// The ids of the content folder's tree in the parent and the commit: a commit checked
        /// before with the parent's tree is its BASE as it stands.
        var parentTree = ""
        var tree = ""
    }

    /// The last commit the histories of two commits share (`git merge-base`); nil when they share none.
    func mergeBase(_ a: String, _ b: String) throws(DiffFailure) -> String? {
        let output = try git.run(["merge-base", a, b])
        return output.status == 0 && Self.isCommitID(output.text) ? output.text : nil
    }

    /// Whether `ancestor` is `commit` or one of its ancestors (both full commit ids).
    func isAncestor(_ ancestor: String, of commit: String) throws(DiffFailure) -> Bool {
        try git.run(["merge-base", "--is-ancestor", ancestor, commit]).status == 0
    }

    /// The commits after `base` up to `head` (both full commit ids) along `head`'s first parents (a
    /// merge is its whole branch at once), oldest first, that changed the content folder: its tree
    /// differs from the first parent's.
    func changes(after base: String, through head: String) throws(DiffFailure) -> [Change] {
        let listing = try git.run(["rev-list", "--first-parent", "--reverse", "--parents", "\(base)..\(head)"])
        guard listing.status == 0 else { throw DiffFailure("git could not list the commits from \(base) to \(head): \(listing.stderr)") }
        // A commit without a parent (empty) is a root commit, or one where a shallow clone cut the
        // history: the commits before it are missing, and the walk would pass over them unseen.
        var pairs: [(String, String)] = []
        for line in listing.text.split(separator: "\n") {
            let ids = line.split(separator: " ").map(String.init)
            guard let commit = ids.first else { continue }
            if ids.count == 1, try git.run(["cat-file", "commit", commit]).text.split(separator: "\n").contains(where: { $0.hasPrefix("parent ") }) {
                throw DiffFailure("The history from \(base) to \(head) stops at commit \(commit), whose parent is not in this clone: it is shallow (`git clone --depth`, the default of actions/checkout), so the commits before it cannot be walked. Fetch them with `git fetch --unshallow origin` (or `fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI).")
            }
            pairs.append((commit, ids.count >= 2 ? ids[1] : ""))
        }
        guard !pairs.isEmpty else { return [] }
        // The content folder's tree in each commit and parent: one `cat-file` for all of them.
        let commits = Array(Set(pairs.flatMap { [$0.0, $0.1] }).subtracting([""])).sorted()
        let spec = { (commit: String) in self.contentPath.isEmpty ? "\(commit)^{tree}" : "\(commit):\(self.contentPath)" }
        let check = try git.run(["cat-file", "--batch-check=%(objectname)"], input: Data(commits.map { spec($0) + "\n" }.joined().utf8))
        guard check.status == 0 else { throw DiffFailure("git could not read the commits from \(base) to \(head): \(check.stderr)") }
        // `<name> missing` for a commit without the folder: no tree.
        let answers = check.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix(" missing") ? "" : String($0) }
        let trees = Dictionary(zip(commits, answers)) { a, _ in a }.merging(["": ""]) { a, _ in a }
        let changed = pairs.filter { trees[$0.0] != trees[$0.1] }
        guard !changed.isEmpty else { return [] }
        // Committed day and subject, by commit (`%x00` between, a record per line).
        let log = try git.run(["log", "--no-walk=unsorted", "--format=%H%x00%ct%x00%s", "--stdin"], input: Data(changed.map { $0.0 + "\n" }.joined().utf8))
        guard log.status == 0 else { throw DiffFailure("git could not read the commits from \(base) to \(head): \(log.stderr)") }
        var described: [String: (Day?, String)] = [:]
        for line in log.text.split(separator: "\n") {
            let fields = line.split(separator: "\0", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let first = fields.first else { continue }
            described[first] = (Self.day(seconds: fields[1]), fields[2])
        }
        return changed.map {
            Change(commit: $0.0, parent: $0.1, committed: described[$0.0]?.0, subject: described[$0.0]?.1 ?? "",
                   parentHasContent: trees[$0.1]?.isEmpty == false, hasContent: trees[$0.0]?.isEmpty == false,
                   parentTree: trees[$0.1] ?? "", tree: trees[$0.0] ?? "")
        }
    }

    /// When the repository is a submodule checked out in another one, evident runs outside the
    /// submodule (as git would then take names as the outer repository's) and `revision` names a
    /// commit there too: that repository's top, the submodule's path in it, and the submodule
    /// commit the named commit pins (nil when it pins none). Otherwise nil.
    func outerPin(_ revision: String) throws(DiffFailure) -> (top: String, path: String, pinned: String?)? {
        let here = URL(fileURLWithPath: WorkingDirectory.path() ?? ".").resolvingSymlinksInPath().path
        guard !revision.hasPrefix("-"), here != top, !here.hasPrefix(top + "/") else { return nil }
        let outerTop = try git.run(["rev-parse", "--show-superproject-working-tree"]).text
        guard !outerTop.isEmpty, top.hasPrefix(outerTop + "/") else { return nil }
        let path = String(top.dropFirst(outerTop.count + 1))
        let outer = Git(directory: outerTop)
        let commit = try outer.run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
        guard commit.status == 0, Self.isCommitID(commit.text) else { return nil }
        let pinned = try outer.run(["--literal-pathspecs", "ls-tree", "-z", commit.text, "--", path])
        let record = pinned.stdout.split(separator: 0).first { $0.starts(with: "160000 commit ".utf8) }
        return (outerTop, path, record.map { String(decoding: $0.dropFirst(14).prefix { $0 != UInt8(ascii: "\t") }, as: UTF8.self) })
    }

    /// What a revision names in the repository.
    enum Resolution: Sendable, Equatable {
        case commit(String)
        /// git found more than one thing by that name (a branch and a tag, a ref and an
        /// abbreviated commit id, or several objects); git's own words.
        case ambiguous(String)
        case none

        var commit: String? {
            if case let .commit(id) = self { return id }
            return nil
        }
    }

    /// The commit a revision names (`main`, `origin/main`, a tag, `HEAD~2`, a hash). A name git
    /// finds ambiguous is never resolved by git's precedence: the reviewer must see exactly what
    /// was compared, so the user is asked for a full ref or a commit id instead.
    func resolve(_ revision: String) throws(DiffFailure) -> Resolution {
        // A leading `-` would be read as an option.
        guard !revision.isEmpty, !revision.hasPrefix("-") else { return .none }
        // git reports ambiguity only as a warning, and only when `--quiet` is not given and
        // `core.warnAmbiguousRefs` (which a user may turn off) is on; `LC_ALL=C` fixes the words.
        let output = try git.run(["-c", "core.warnAmbiguousRefs=true", "rev-parse", "--verify", "\(revision)^{commit}"])
        let ambiguous = output.stderr.split(separator: "\n").filter { $0.contains("is ambiguous") }
        if !ambiguous.isEmpty {
            // `warning: refname 'v1' is ambiguous.` reads as `refname 'v1' is ambiguous`.
            let words = ambiguous.map { line -> String in
                var text = line.trimmingCharacters(in: .whitespaces)
                for prefix in ["warning: ", "error: "] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
                return text.hasSuffix(".") ? String(text.dropLast()) : text
            }
            return .ambiguous(words.joined(separator: "; "))
        }
        guard output.status == 0, Self.isCommitID(output.text) else { return .none }
        return .commit(output.text)
    }

    /// The day (UTC) `commit` was committed, from its `committer` header; nil when git does not give it.
    func committedDay(_ commit: String) throws(DiffFailure) -> Day? {
        let output = try git.run(["cat-file", "commit", commit])
        return output.status == 0 ? Self.committerDay(output.stdout) : nil
    }

    /// The day (UTC) of a time given as seconds since 1970; nil for one that does not read or is
    /// out of any calendar's range.
    static func day(seconds text: String) -> Day? {
        // Compared both ways, not through `abs`, which traps on the least Int.
        guard let seconds = Int(text), seconds < 1 << 50, seconds > -(1 << 50) else { return nil }
        // Floor division, for a date before 1970.
        return Day(ordinal: seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
    }

    /// The day of the `committer NAME <EMAIL> SECONDS ZONE` header of a commit object; nil when the
    /// headers have none that reads.
    static func committerDay(_ object: Data) -> Day? {
        for line in String(decoding: object, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { return nil }
            guard line.hasPrefix("committer ") else { continue }
            let words = line.split(separator: " ")
            guard words.count >= 3 else { return nil }
            return day(seconds: String(words[words.count - 2]))
        }
        return nil
    }

    /// 40 (SHA-1) or 64 (SHA-256) lower-case hex digits, as `rev-parse` prints a commit.
    static func isCommitID(_ text: String) -> Bool {
        (text.utf8.count == 40 || text.utf8.count == 64) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The files of the content folder in one or more commits, read into memory, one list per
    /// commit, with paths relative to the content folder; `label` names a revision in messages.
    /// Each blob is read once however many commits hold it: two revisions of a tree share nearly
    /// every file, so this halves what git reads for a diff. `held` says which of a listing's files
    /// the caller has parsed already (by path and object id): their bytes are not read, and stay
    /// empty, unless a link has the tree written out whole.
    func read(_ revisions: [(commit: String, label: String)], shownContent: String,
              held: ([TreeFile]) -> [Bool] = { $0.map { _ in false } }) throws(DiffFailure) -> [[RevisionFile]] {
        // git runs one process per listing and two readers for the blobs, side by side: each is
        // single-threaded, and waiting on one of them at a time would leave a core idle.
        let listed = parallelMap(revisions) { revision in
            Result { () throws(DiffFailure) in try list(commit: revision.commit, label: revision.label, shownContent: shownContent) }
        }
        var listings: [[TreeFile]] = []
        for result in listed { listings.append(try result.get()) }
        var objects: [String] = []
        var seen = Set<String>()
        for listing in listings {
            let wholeTree = listing.contains(where: \.isLink)
            for (file, isHeld) in zip(listing, held(listing)) where Self.needsBytes(file) && (wholeTree || !isHeld) && seen.insert(file.object).inserted {
                objects.append(file.object)
            }
        }
        let label = revisions.map(\.label).joined(separator: " and ")
        // Every other object to each reader: the listing's order groups small measurement files
        // and large objectives, and halves cut there would keep one reader busy long after the other.
        let parts = [stride(from: 0, to: objects.count, by: 2), stride(from: 1, to: objects.count, by: 2)]
            .map { $0.map { objects[$0] } }.filter { !$0.isEmpty }
        let read = parallelMap(parts) { part in
            Result { () throws(DiffFailure) -> [Data] in
                let batch = try git.run(["cat-file", "--batch"], input: Data(part.map { $0 + "\n" }.joined().utf8))
                guard batch.status == 0 else {
                    // A partial clone fetches a revision's files from its remote when first read.
                    let partial = batch.stderr.contains("promisor remote")
                        ? " This is a partial clone (`git clone --filter`), which fetches a revision's files from its remote when they are first read, and that fetch failed: run evident where the remote can be reached, or in a clone made without --filter."
                        : ""
                    // git's lines as one, so that its message reads on the terminal as one.
                    let words = batch.stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    throw DiffFailure("git could not read the files of \(label) (\(words.joined(separator: " "))).\(partial)")
                }
                return try Self.parseBatch(batch.stdout, count: part.count, label: label)
            }
        }
        var byObject: [String: Data] = [:]
        byObject.reserveCapacity(objects.count)
        for (part, result) in zip(parts, read) {
            for (object, blob) in zip(part, try result.get()) where byObject[object] == nil { byObject[object] = blob }
        }
        let files = listings.map { listing in
            listing.map { RevisionFile(path: $0.path, isLink: $0.isLink, undecodablePart: $0.undecodablePart,
                                       data: byObject[$0.object] ?? Data(), object: $0.object) }
        }
        for (revision, list) in zip(revisions, files) {
            let pointers = list.filter { !$0.isLink && SourceText.isLFSPointer($0.data) }.map(\.path)
            guard let first = pointers.first else { continue }
            let more = pointers.count > 1 ? " and \(pointers.count - 1) more" : ""
            throw DiffFailure("\(codeSpan(shownContent + "/" + first))\(more) is stored with Git LFS in \(revision.label): the commit holds only a pointer to the file, and evident reads revisions with git itself, which does not fetch LFS files, so it would compare the pointer instead of the file. Keep the files evident reads out of LFS in `.gitattributes` (LFS suits the files under `evidence/`, which are never read), or compare two checked-out folders with --base-dir and --head-dir.")
        }
        for (revision, list) in zip(revisions, files) {
            let encrypted = list.filter { !$0.isLink && $0.data.starts(with: SourceText.gitCryptHeader) }.map(\.path)
            guard let first = encrypted.first else { continue }
            let more = encrypted.count > 1 ? " and \(encrypted.count - 1) more" : ""
            throw DiffFailure("\(codeSpan(shownContent + "/" + first))\(more) is encrypted with git-crypt in \(revision.label), and evident reads revisions with git itself, which does not decrypt them, so it would compare the encrypted bytes. Compare two unlocked checkouts with --base-dir and --head-dir (`git worktree add` makes one of a revision).")
        }
        return files
    }

    /// Whether a file's bytes are read: not those of a file under `evidence/`, which evident never
    /// parses (`monitored/evidence` asks only that it is there), so an attachment of gigabytes (a
    /// few kilobytes in git when it compresses well) is neither read into memory nor written out.
    /// A link's bytes are its target, which the link rules need.
    static func needsBytes(_ file: TreeFile) -> Bool {
        file.undecodablePart == nil && (file.isLink || !file.path.hasPrefix("evidence/"))
    }

    private func list(commit: String, label: String, shownContent: String) throws(DiffFailure) -> [TreeFile] {
        let listing = try git.run(["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit]
                                  + (contentPath.isEmpty ? [] : ["--", contentPath]))
        guard listing.status == 0 else {
            throw DiffFailure("git could not list \(label): \(listing.stderr)")
        }
        let files = Self.blobs(in: listing.stdout, under: contentPath)
        guard !files.isEmpty else {
            if let submodule = Self.submodule(holding: contentPath, in: listing.stdout) {
                throw DiffFailure("The content folder \(codeSpan(shownContent)) is in the git submodule \(codeSpan(submodule)) in \(label), whose files are in the submodule's own repository, and the submodule is not checked out here. Check it out (`git submodule update --init`, or `submodules: true` in actions/checkout) and name revisions of the submodule (`git rev-parse \(commit.prefix(7)):\(submodule)` gives the one this commit pins), or run evident in the submodule's repository.")
            }
            if Self.isLink(contentPath, in: listing.stdout) {
                throw DiffFailure("The content folder \(codeSpan(shownContent)) (\(codeSpan(contentPath)) in the repository) is a link in \(label), and evident does not follow links: what it points to is not in that commit. Pass --content with the folder that holds evident.yml, or compare two folders.")
            }
            throw DiffFailure("The content folder \(codeSpan(shownContent)) (\(codeSpan(contentPath.isEmpty ? "." : contentPath)) in the repository) does not exist in \(label). Pass --content with the folder that holds evident.yml, or compare two folders.")
        }
        return files
    }

    // MARK: parsing git's output

    package struct TreeFile: Sendable {
        package var path: String
        package var object: String
        package var isLink: Bool
        /// The first part of the path (counted from 0, at most `UInt16.max`) that is not valid
        /// UTF-8, whose bytes `path` shows as `�`: a name `evident check` cannot open on disk,
        /// reported and never read.
        var undecodablePart: UInt16? = nil
    }

    /// The blobs of an `ls-tree -r -z` listing under `prefix`, with paths relative to it. Submodules
    /// are left out, and so is any path with an empty, `.` or `..` part, which git itself refuses.
    package static func blobs(in listing: Data, under prefix: String) -> [TreeFile] {
        let folder = Array((prefix.isEmpty ? "" : prefix + "/").utf8)
        // Over raw bytes, a record at a time, without an array per record.
        return listing.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [TreeFile] in
            var files: [TreeFile] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0 { end += 1 }
                defer { start = end + 1 }
                if let file = treeFile(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), under: folder) { files.append(file) }
            }
            return files
        }
    }

    /// One record, `<mode> <type> <object>\t<path>`: a blob under `folder` whose path has no
    /// empty, `.` or `..` part (git itself refuses those), else nil.
    private static func treeFile(_ record: UnsafeRawBufferPointer, under folder: [UInt8]) -> TreeFile? {
        guard let tab = record.firstIndex(of: UInt8(ascii: "\t")),
              let firstSpace = record[..<tab].firstIndex(of: UInt8(ascii: " ")),
              let secondSpace = record[(firstSpace + 1)..<tab].firstIndex(of: UInt8(ascii: " ")),
              record[(secondSpace + 1)..<tab].firstIndex(of: UInt8(ascii: " ")) == nil,
              record[(firstSpace + 1)..<secondSpace].elementsEqual("blob".utf8) else { return nil }
        let path = record[(tab + 1)...]
        guard path.starts(with: folder) else { return nil }
        let relative = path.dropFirst(folder.count)
        var partStart = relative.startIndex
        var parts = 0
        var undecodable: UInt16?
        for index in relative.indices where relative[index] == UInt8(ascii: "/") || index == relative.endIndex - 1 {
            let partEnd = relative[index] == UInt8(ascii: "/") ? index : index + 1
            let part = relative[partStart..<partEnd]
            if part.isEmpty || part.elementsEqual(".".utf8) || part.elementsEqual("..".utf8) { return nil }
            if undecodable == nil, part.contains(where: { $0 >= 0x80 }), String(validating: part, as: UTF8.self) == nil { undecodable = UInt16(clamping: parts) }
            parts += 1
            partStart = index + 1
        }
        guard !relative.isEmpty, relative.last != UInt8(ascii: "/") else { return nil }
        return TreeFile(path: String(decoding: relative, as: UTF8.self),
                        object: String(decoding: record[(secondSpace + 1)..<tab], as: UTF8.self),
                        isLink: record[..<firstSpace].elementsEqual("120000".utf8), undecodablePart: undecodable)
    }

    /// The submodule (mode 160000) that `path` is or lies in, from an `ls-tree -z` listing of it;
    /// nil when there is none.
    static func submodule(holding path: String, in listing: Data) -> String? {
        guard !path.isEmpty else { return nil }
        for entry in listing.split(separator: 0) where entry.starts(with: "160000 ".utf8) {
            guard let tab = entry.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let name = String(decoding: entry[(tab + 1)...], as: UTF8.self)
            if path == name || path.hasPrefix(name + "/") { return name }
        }
        return nil
    }

    /// Whether an `ls-tree -z` listing records `path` itself as a link (mode 120000).
    package static func isLink(_ path: String, in listing: Data) -> Bool {
        guard !path.isEmpty else { return false }
        let record = Array("\t\(path)".utf8)
        return listing.split(separator: 0).contains { entry in
            entry.starts(with: "120000 ".utf8) && entry.count >= record.count && entry.suffix(record.count).elementsEqual(record)
        }
    }

    /// The contents of `cat-file --batch` output: a `<object> <type> <size>` line, the bytes, a newline.
    /// Each blob is a slice of `data`, sharing its storage, never a copy.
    package static func parseBatch(_ data: Data, count: Int, label: String) throws(DiffFailure) -> [Data] {
        let parsed = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Result<[Range<Int>], DiffFailure> in
            var blobs: [Range<Int>] = []
            blobs.reserveCapacity(count)
            var i = 0
            while blobs.count < count, i < bytes.count {
                guard let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
                let header = bytes[i..<newline].split(separator: UInt8(ascii: " "))
                let size = header.count == 3 ? Int(String(decoding: header[2], as: UTF8.self)) : nil
                guard let size, size >= 0, size <= bytes.count - newline - 1 else {
                    return .failure(DiffFailure("git could not read an object of \(label): \(String(decoding: bytes[i..<newline], as: UTF8.self))"))
                }
                blobs.append((newline + 1)..<(newline + 1 + size))
                i = newline + 1 + size + 1
            }
            return .success(blobs)
        }
        let ranges = try parsed.get()
        guard ranges.count == count else { throw DiffFailure("git returned fewer files than listed for \(label).") }
        let start = data.startIndex
        return ranges.map { data[(start + $0.lowerBound)..<(start + $0.upperBound)] }
    }

    /// Resolves `.` and `..` without touching the file system; nil when `..` climbs above the top.
    static func normalise(_ parts: [String]) -> String? {
        var out: [String] = []
        for part in parts where !part.isEmpty && part != "." {
            if part == ".." {
                guard !out.isEmpty else { return nil }
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        return out.joined(separator: "/")
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// One file of a revision's content folder: its path inside the folder, and its bytes (for a link,
/// the path it points to).
struct RevisionFile: Sendable {
    var path: String
    var isLink: Bool
    /// `RevisionReader.TreeFile.undecodablePart`: such a file is reported, never written or read.
    /// (Beside `isLink`, it takes no room: both trees' files are held while they are checked.)
    var undecodablePart: UInt16? = nil
    /// The bytes; none for a file under `evidence/` that is not a link (`RevisionReader.needsBytes`).
    var data: Data
    /// git's object id of the bytes: equal ids, equal bytes.
    var object: String? = nil
}

/// Files of a revision written into a fresh temporary folder `evident-diff-PID-UUID`, removed once
/// the side is checked; one that a killed or interrupted diff left is removed by a later diff.
struct TemporaryContent: Sendable {
    /// The temporary folder; the content is its `content/` child.
    let folder: URL
    /// What removes the folder if the diff is interrupted (`Interruption`) before `remove`.
    private var interruption = 0

    init(folder: URL) {
        self.folder = folder
    }
    var root: URL { folder.appendingPathComponent("content", isDirectory: true) }

    /// The start of every temporary folder's name.
    static let prefix = "evident-diff-"

    /// Writes regular files first and links last, so that no file is ever written through a link.
    /// A link is written as the link it is; the loader refuses any that leads out of the tree.
    static func write(files: [RevisionFile]) throws(DiffFailure) -> TemporaryContent {
        var failure = ""
        for parent in places() {
            removeLeftovers(in: parent.path)
            var content = TemporaryContent(folder: parent.appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)", isDirectory: true))
            let folder = content.folder
            // Moved out of the way of the files still being written first (they are written by
            // path), under a leftover's name of its own, so that they cannot outrun the removal.
            let aside = parent.appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)", isDirectory: true)
            content.interruption = Interruption.register {
                let gone = rename(folder.path, aside.path) == 0 ? aside : folder
                for _ in 0..<5 {
                    if (try? FileManager.default.removeItem(at: gone)) != nil || !FileManager.default.fileExists(atPath: gone.path) { break }
                    usleep(20_000)
                }
            }
            do {
                try content.write(files)
                return content
            } catch {
                content.remove()
                failure = "\(content.folder.path): \(error.localizedDescription)"
            }
        }
        if failure.isEmpty { throw DiffFailure(noPlace()) }
        throw DiffFailure("A revision could not be written to a temporary folder (\(failure)). Set TMPDIR to a folder with room.")
    }

    /// Why no temporary folder could be tried: the one TMPDIR names, with the system's reason, or
    /// the system's when TMPDIR names none. A TMPDIR that cannot be used is not passed over for
    /// another folder: the copy of a revision may be confidential, and the user chose its place.
    static func noPlace(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let named = environment["TMPDIR"], !named.isEmpty {
            let reason = unusable(named) ?? "it cannot be written"
            return "TMPDIR is \(codeSpan(named)), where a revision cannot be written: \(reason). "
                + "Set TMPDIR to a folder you can write to, or unset it."
        }
        let folder = FileManager.default.temporaryDirectory.path
        return "No temporary folder can be written (\(codeSpan(folder)): \(unusable(folder) ?? "it cannot be written")). "
            + "Set TMPDIR to a folder you can write to."
    }

    /// Why `path` is no folder this process can make a folder in, in the system's words; nil when it is one.
    static func unusable(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return String(cString: strerror(errno)) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "it is not a folder" }
        guard access(path, W_OK | X_OK) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// Where revisions are written, best first. Unless TMPDIR names a place, a memory-backed folder
    /// comes first: a revision is written once, read once and removed, and creating many small
    /// files on disk is slow. A place that fails (a small `/dev/shm` in a container) gives way to
    /// the next.
    static func places() -> [URL] {
        let environment = ProcessInfo.processInfo.environment
        var places: [URL] = []
        if environment["TMPDIR"] == nil {
            if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { places.append(URL(fileURLWithPath: runtime)) }
            places.append(URL(fileURLWithPath: "/dev/shm"))
        }
        places.append(FileManager.default.temporaryDirectory)
        return places.filter { RevisionReader.isDirectory($0.path) && FileManager.default.isWritableFile(atPath: $0.path) }
    }

    private func write(_ files: [RevisionFile]) throws {
        let fm = FileManager.default
        // Only the user may read the copy: the content can be confidential, and /dev/shm is shared.
        // Made 0700 from the start (the umask can only take bits away), never wider for a moment.
        guard mkdir(folder.path, 0o700) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        var folders = Set<String>()
        for file in files {
            let parts = file.path.split(separator: "/")
            for n in 0..<max(parts.count - 1, 0) { folders.insert(parts[0...n].joined(separator: "/")) }
        }
        try fm.createDirectory(at: root, withIntermediateDirectories: false)
        // Parents before children (sorted), each made alone: once an interruption has removed the
        // folder, nothing makes it again.
        for path in folders.sorted() {
            try fm.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: false)
        }
        let root = self.root
        let regular = files.filter { !$0.isLink }.map { (root.appendingPathComponent($0.path), $0.data, Self.unreadNonEmpty($0)) }
        let failed = parallelMap(regular) { (url, data, hole) -> String? in
            do {
                try data.write(to: url)
                // A hole of one byte: takes no room, and is not an empty file.
                if hole, truncate(url.path, 1) != 0 { return "\(url.path): \(String(cString: strerror(errno)))" }
                return nil
            } catch { return "\(url.path): \(error.localizedDescription)" }
        }.compactMap { $0 }
        if let first = failed.first { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: first]) }
        for link in files where link.isLink {
            try fm.createSymbolicLink(atPath: root.appendingPathComponent(link.path).path,
                                      withDestinationPath: String(decoding: link.data, as: UTF8.self))
        }
    }

    /// Whether `file` is evidence whose bytes were not read (`RevisionReader.needsBytes`) and git's
    /// id is not the empty blob's: written as a file of one byte, so that `monitored/evidence`,
    /// which reads only whether an evidence file is there and whether it is empty, judges it as on disk.
    static func unreadNonEmpty(_ file: RevisionFile) -> Bool {
        guard !file.isLink, file.data.isEmpty, file.path.hasPrefix("evidence/"), let object = file.object,
              let format = GitObjectFormat(objectID: object) else { return false }
        return object != format.emptyBlob
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
        Interruption.unregister(interruption)
    }

    /// How long a leftover is kept after its diff ended: a diff in another PID namespace sharing the
    /// folder (a container) may look ended from here while it runs, and no diff runs this long.
    static let leftoverAge: TimeInterval = 3600

    /// Removes the folders in `parent` that a diff killed or interrupted before it could remove its
    /// copy left behind: only a folder (not a link) named `evident-diff-PID-UUID`, owned by this user,
    /// whose process is no longer running, and last changed over `leftoverAge` ago. Anything else is
    /// left where it is. Returns the names removed.
    @discardableResult
    static func removeLeftovers(in parent: String, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = leftoverProcess(name) else { continue }
            let path = (parent == "/" ? "" : parent) + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            guard now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec) > leftoverAge else { continue }
            guard processHasEnded(pid) else { continue }
            // removeItem removes a link inside as the link, never what it leads to.
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(name) }
        }
        return removed
    }

    /// The process id in a name `evident-diff-PID-UUID` (PID digits, UUID as `UUID` writes it), or nil.
    static func leftoverProcess(_ name: String) -> pid_t? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard let dash = rest.firstIndex(of: "-") else { return nil }
        let digits = rest[..<dash]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let pid = pid_t(digits), pid > 0, UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil else { return nil }
        return pid
    }
}
