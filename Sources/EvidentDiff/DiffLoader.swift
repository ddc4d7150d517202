import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation

/// Reads and checks the two sides of a diff. What the user named is resolved first, so that a bad
/// BASE or HEAD is reported before any work; then revisions are read out of git while folders
/// load; then revisions load, from memory, reusing the parse of every file the other side has too;
/// then both sides are checked as of the same date.
enum DiffLoader {
    /// A side as the user named it, resolved.
    enum Plan: Sendable {
        /// A content folder: the working tree's `--content`, or one named by a flag.
        case folder(String, workingTree: Bool)
        case revision(RevisionReader, name: String, commit: String, shownRoot: String)
    }

    /// A side read but not yet checked. A revision keeps its temporary copy (of `evidence/`, or of
    /// everything) until it is checked: `monitored/evidence` looks for the evidence files on disk.
    struct Loaded: Sendable {
        var source: DiffSide.Source
        var content: ContentSet
        var shownRoot: String
        var copy: TemporaryContent?
        /// `DiffSide.evidenceObjects`.
        var evidenceObjects: [ExactName: String]? = nil
    }

    /// A folder is a folder only when named as one; a revision is always a revision of the git
    /// repository that holds `content`, even where a folder of the same name exists. A name that
    /// is not a revision but is a folder's gets a pointer to `--base-dir` / `--head-dir`.
    static func plan(_ target: DiffTarget, content: String, role: String) throws(DiffFailure) -> Plan {
        let flag = role == "BASE" ? "--base-dir" : "--head-dir"
        let name: String
        switch target {
        case .workingTree:
            // A sparse checkout would pass for content whose left-out files were all deleted. (Asked
            // without failing: a folder compared with the working tree needs no git.)
            let repository = (try? RevisionReader.locate(content: content)) ?? nil
            if let repository, repository.bare {
                throw DiffFailure("HEAD is the working tree by default, and the git repository at \(repository.top) is bare: it has no working tree. Name HEAD too (`evident diff BASE HEAD`), or compare content folders with --base-dir and --head-dir.")
            }
            if let repository, let missing = (try? repository.leftOutBySparseCheckout()) ?? nil {
                throw DiffFailure("The working tree is a sparse checkout that leaves out files of the content folder \(codeSpan(ContentLoader.displayPath(content))) (like \(codeSpan(missing))), so it would compare as if they were deleted. Add the folder to the checkout (`git sparse-checkout add \(repository.contentPath.isEmpty ? "/" : repository.contentPath)`) or compare two revisions (`evident diff BASE HEAD`), which are read whole.")
            }
            return .folder(content, workingTree: true)
        case let .folder(path):
            guard RevisionReader.isDirectory(path) else {
                throw DiffFailure("\(flag) \(codeSpan(path)) is not a folder. Name an existing content folder.")
            }
            return .folder(path, workingTree: false)
        case let .revision(revision):
            name = revision
        }
        let folderHint = RevisionReader.isDirectory(name)
            ? " A folder named \(codeSpan(name)) exists, but BASE and HEAD are always revisions; to compare that folder, pass \(flag) \(name)."
            : ""
        guard let repository = try RevisionReader.locate(content: content) else {
            if let link = try linkOutOfRepository(content) {
                let shown = ContentLoader.displayPath(content)
                let through = link.path.map { "is reached through the link \(codeSpan(ContentLoader.displayPath($0)))" } ?? "is a link"
                throw DiffFailure("\(role) \(codeSpan(name)) cannot be a revision: the content folder \(codeSpan(shown)) \(through) to \(codeSpan(link.target)), which is outside the git repository at \(link.repository) that holds the link. evident reads revisions from the git repository that holds the content folder, which git looks for where the link leads, and that folder is in no repository. Move the content folder into the repository (a folder, not a link to one) or pass --content with a folder inside it.\(folderHint.isEmpty ? " To compare two content folders, pass --base-dir and --head-dir." : folderHint)")
            }
            throw DiffFailure("\(role) \(codeSpan(name)) cannot be a revision: the content folder \(codeSpan(ContentLoader.displayPath(content))) is not in a git repository. Run evident inside the repository (or pass --content).\(folderHint.isEmpty ? " To compare content folders, pass --base-dir and --head-dir." : folderHint)")
        }
        let resolved = try repository.resolve(name)
        // In a submodule, a name the outer repository knows too (its branch, its commit id) may
        // mean the submodule commit that the outer commit pins: which one is not guessed.
        if let outer = try repository.outerPin(name), outer.pinned != resolved.commit {
            let pinned = outer.pinned.map { "pins the submodule's commit \($0) (`evident diff \($0)` compares that)" } ?? "pins no commit of the submodule"
            let place = "the content folder is in the git submodule \(codeSpan(outer.path)) of the repository at \(outer.top), where \(codeSpan(name)) \(pinned)"
            guard let own = resolved.commit else {
                throw DiffFailure("\(role) \(codeSpan(name)) is not a revision of the submodule at \(repository.top), whose revisions evident compares: \(place). Name the submodule's commit to compare.")
            }
            throw DiffFailure("\(role) \(codeSpan(name)) is ambiguous: \(place), while in the submodule at \(repository.top) it names the submodule's own commit \(own). Name the submodule's commit to compare.")
        }
        switch resolved {
        case let .commit(commit):
            // A revision's files print under the content path, as the working tree's do, so that both
            // sides name a file alike and share the parse cache.
            return .revision(repository, name: name, commit: commit, shownRoot: ContentLoader.displayPath(content))
        case let .ambiguous(why):
            throw DiffFailure("\(role) \(codeSpan(name)) is ambiguous in the git repository at \(repository.top) (git: \(why)). Name exactly one: a full ref (`refs/heads/…`, `refs/tags/…`, `refs/remotes/…`) or a full commit id.")
        case .none:
            // A shallow clone lacks the commits past its depth, and those its fetch did not name.
            let shallowHint = try repository.isShallow()
                ? " This clone is shallow (`git clone --depth`, the default of actions/checkout), so older commits and branches it did not fetch are not in it: fetch them with `git fetch --unshallow origin` (or `fetch-depth: 0` in actions/checkout, `GIT_DEPTH: 0` in GitLab CI)."
                : ""
            throw DiffFailure("\(role) \(codeSpan(name)) is not a revision of the git repository at \(repository.top). Name a branch, tag or commit (like `origin/main` or `HEAD~1`; in CI, fetch it first).\(shallowHint)\(folderHint)")
        }
    }

    /// The first link on the way to `content` (nil `path`: `content` itself), where it leads, and the
    /// git repository that holds the link; nil when no link is on the way or no repository holds it.
    private static func linkOutOfRepository(_ content: String) throws(DiffFailure) -> (path: String?, target: String, repository: String)? {
        let given = URL(fileURLWithPath: content).standardizedFileURL
        var path = ""
        for component in given.pathComponents.dropFirst() {
            path += "/" + component
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            guard info.st_mode & S_IFMT == S_IFLNK else { continue }
            let link = URL(fileURLWithPath: path)
            guard let holder = try RevisionReader.locate(content: link.deletingLastPathComponent().path) else { continue }
            return (path == given.path ? nil : path, ContentLoader.displayPath(link.resolvingSymlinksInPath().path), holder.top)
        }
        return nil
    }

    /// The parse cache (emptied once the last side is loaded) and the loaded sides, handed to the
    /// diff to be freed with it.
    final class Leftovers: Sendable {
        let cache: ParseCache
        let sides: [Loaded]

        init(cache: ParseCache, sides: [Loaded]) {
            self.cache = cache
            self.sides = sides
        }
    }

    static func load(base: DiffTarget, head: DiffTarget, content: String, asOf: Day,
                     lap: (String) -> Void) throws(DiffFailure) -> (base: DiffSide, head: DiffSide, leftovers: Leftovers) {
        let plans = [try plan(base, content: content, role: "BASE"), try plan(head, content: content, role: "HEAD")]
        var committed: [Int: Day] = [:]
        for (index, plan) in plans.enumerated() {
            if case let .revision(reader, _, commit, _) = plan { committed[index] = try reader.committedDay(commit) }
        }
        // Revisions come out of git (another process, one read for all of them: they share most
        // blobs) while folders load (parsing).
        var reader: RevisionReader?
        var revisions: [(index: Int, commit: String, label: String)] = []
        var shownContent = ""
        for (index, plan) in plans.enumerated() {
            guard case let .revision(r, name, commit, shownRoot) = plan else { continue }
            reader = r
            shownContent = shownRoot
            revisions.append((index, commit, "\(name) (\(commit.prefix(7)))"))
        }
        // A folder's files get the ids git gives them in the repository compared, so that a
        // revision finds their parses by git's own ids.
        let cache = ParseCache(format: revisions.first.flatMap { GitObjectFormat(objectID: $0.commit) } ?? .sha256)
        enum Stage: Sendable {
            case loaded(Loaded)
            case read([[RevisionFile]])
        }
        // One task per folder, and one for all the revisions (nil).
        let tasks: [Int?] = plans.indices.filter { index in !revisions.contains { $0.index == index } }
            + (revisions.isEmpty ? [] : [nil])
        let wanted = revisions.map { (commit: $0.commit, label: $0.label) }
        let revisionReader = reader, shown = shownContent
        let first = parallelMap(tasks) { task -> Result<Stage, DiffFailure> in
            if let index = task, case let .folder(path, workingTree) = plans[index] {
                return Result { () throws(DiffFailure) in .loaded(try folder(path, workingTree: workingTree, cache: cache)) }
            }
            guard let revisionReader else { return .failure(DiffFailure("internal: no revision to read")) }
            return Result { () throws(DiffFailure) in .read(try revisionReader.read(wanted, shownContent: shown)) }
        }
        var loadedFolders: [Int: Loaded] = [:]
        var read: [Int: [RevisionFile]] = [:]
        for (task, result) in zip(tasks, first) {
            switch result {
            case let .failure(failure): throw failure
            case let .success(.loaded(loaded)): if let task { loadedFolders[task] = loaded }
            case let .success(.read(lists)): for (revision, files) in zip(revisions, lists) { read[revision.index] = files }
            }
        }
        // A revision compared with a folder lets go of git's output for the files they share now,
        // before it loads: the folder's parses stand for them.
        if !loadedFolders.isEmpty {
            for (index, files) in read {
                guard case let .revision(_, _, _, root) = plans[index] else { continue }
                read[index] = detached(files, shownRoot: root, cache: cache)
            }
        }
        lap("read revisions, load folders")

        // Revisions load one after the other, after the folders, so that shared files are parsed
        // once. The sides loaded before the last are checked while the last loads and is checked:
        // each check alone leaves a core idle while its slowest rules finish, and so does a load.
        var loaded: [Int: Loaded] = loadedFolders
        func removeCopies() { for side in loaded.values { side.copy?.remove() } }
        let toLoad = plans.indices.filter { loaded[$0] == nil }
        if toLoad.isEmpty { cache.release() }
        func load(_ index: Int) throws(DiffFailure) -> Loaded {
            // Taken out of `read`, so that git's output is freed once this is parsed, not held
            // through the checks (every parse copies what it keeps out of the bytes).
            guard case let .revision(_, name, commit, shownRoot) = plans[index], let files = read.removeValue(forKey: index) else {
                throw DiffFailure("internal: a side was neither loaded nor read")
            }
            // No load follows the last: its parses are not kept, and once it is over, nor are the others'.
            if index == toLoad.last { cache.close() }
            let side = try revision(files, source: .revision(name, commit: commit), shownRoot: shownRoot, cache: cache)
            if index == toLoad.last { cache.release() }
            // What is left to load lets go of git's output now, not once it too is parsed.
            for (other, files) in read {
                guard case let .revision(_, _, _, root) = plans[other] else { continue }
                read[other] = detached(files, shownRoot: root, cache: cache)
            }
            lap("load \(name)")
            return side
        }
        do {
            for index in toLoad.dropLast() { loaded[index] = try load(index) }
        } catch {
            removeCopies()
            throw error
        }
        var results: [Int: CheckResult] = [:]
        let early = loaded
        let last = alongside({ () -> Result<(Int, Loaded, CheckResult)?, DiffFailure> in
            guard let index = toLoad.last else { return .success(nil) }
            return Result { () throws(DiffFailure) in
                let side = try load(index)
                return (index, side, Checker.check(side.content, asOf: asOf))
            }
        }, {
            let checked = parallelMap(early.sorted { $0.key < $1.key }) { entry in (entry.key, Checker.check(entry.value.content, asOf: asOf)) }
            for (index, result) in checked { results[index] = result }
        })
        switch last {
        case let .success(.some((index, side, result))):
            loaded[index] = side
            results[index] = result
        case .success(.none): break
        case let .failure(failure):
            removeCopies()
            throw failure
        }
        removeCopies()
        lap("check")
        // The working tree compared with a revision: git says which evidence files changed, as it
        // stores them (through LFS and line-end filters), which bytes on disk alone cannot.
        var evidenceChanged: [Int: [ExactName: Character]] = [:]
        for (index, other) in zip(plans.indices, plans.reversed()) {
            guard case .folder(_, workingTree: true) = plans[index], case let .revision(reader, _, commit, _) = other else { continue }
            evidenceChanged[index] = try reader.evidenceChanged(since: commit)
        }
        lap("compare evidence with git")
        let unchanged = cache.reusedPaths()
        let sides = plans.indices.compactMap { loaded[$0] }
        let checked = plans.indices.compactMap { index in
            loaded[index].flatMap { side in
                results[index].map {
                    DiffSide(source: side.source, result: $0, shownRoot: side.shownRoot, unchangedFiles: unchanged,
                             committed: committed[index], evidenceObjects: side.evidenceObjects, evidenceChanged: evidenceChanged[index])
                }
            }
        }
        guard let b = checked.first, let h = checked.last, checked.count == 2, sides.count == 2 else {
            throw DiffFailure("internal: expected two sides")
        }
        return (b, h, Leftovers(cache: cache, sides: sides))
    }

    /// A commit of a walk (`CommitWalk`), loaded and checked alone, kept to be the BASE of the next
    /// commit that changed the content: `tree` (the content folder's tree) says whether it is, and
    /// `parses` hold its files' parses, which the next load reuses for every file it shares.
    struct Checked: Sendable {
        let commit: String
        let tree: String
        var side: DiffSide
        let parses: ParseCache
    }

    /// Reads, loads and checks one commit of a walk; `earlier` is the commit checked before it,
    /// whose parses it reuses and with which its `unchangedFiles` are the files it shares.
    static func checked(_ commit: String, tree: String, committed: Day?, reader: RevisionReader, shownRoot: String,
                        asOf: Day, after earlier: Checked?) throws(DiffFailure) -> Checked {
        let parses = earlier.map { ParseCache(after: $0.parses) }
            ?? ParseCache.walking(format: GitObjectFormat(objectID: commit) ?? .sha256)
        let held = { (listing: [RevisionReader.TreeFile]) in
            ContentLoader.cachedParses(of: listing.map { ($0.path, $0.object) }, displayRoot: shownRoot, cache: parses)
        }
        guard let files = try reader.read([(commit, commit)], shownContent: shownRoot, held: held).first else {
            throw DiffFailure("internal: a commit was not read")
        }
        let loaded = try revision(files, source: .revision(commit, commit: commit), shownRoot: shownRoot, cache: parses)
        // The earlier commit's parses are looked up no more; this one's are kept for the next.
        parses.release()
        let result = Checker.check(loaded.content, asOf: asOf)
        loaded.copy?.remove()
        let side = DiffSide(source: loaded.source, result: result, shownRoot: shownRoot,
                            unchangedFiles: earlier == nil ? [] : parses.reusedPaths(), committed: committed,
                            evidenceObjects: loaded.evidenceObjects)
        return Checked(commit: commit, tree: tree, side: side, parses: parses)
    }

    /// A revision's files, holding no part of git's output (every file is a slice of it): the
    /// bytes of a file whose parse `cache` holds by object id are dropped, as the load takes the
    /// parse and never reads them; the others are copied out. A revision with a link is written out
    /// whole (`revision`) and keeps every file's bytes.
    static func detached(_ files: [RevisionFile], shownRoot: String, cache: ParseCache) -> [RevisionFile] {
        if files.contains(where: \.isLink) { return files }
        let cached = ContentLoader.cachedParses(of: files.map { ($0.path, $0.object) }, displayRoot: shownRoot, cache: cache)
        return zip(files, cached).map { file, cached in
            var file = file
            file.data = cached ? Data() : file.data.withUnsafeBytes { Data($0) }
            return file
        }
    }

    /// Loads a revision from memory, with its `evidence/` folder written out for
    /// `monitored/evidence`. A revision with a link (an attachment's too) is written out whole and
    /// loaded from disk instead, so that links are followed or refused exactly as `evident check`
    /// does, with the same findings.
    private static func revision(_ files: [RevisionFile], source: DiffSide.Source, shownRoot: String,
                                 cache: ParseCache) throws(DiffFailure) -> Loaded {
        let isEvidence = { (file: RevisionFile) in file.path.hasPrefix("evidence/") }
        // A name that is not UTF-8 is reported as `check` reports it on disk, and never written:
        // written with `�` in its place, it would be read as a file `check` could not open.
        let undecodable = files.compactMap { file in file.undecodablePart.map { (path: file.path, part: Int($0)) } }
        let files = undecodable.isEmpty ? files : files.filter { $0.undecodablePart == nil }
        let objects = Dictionary(files.filter(isEvidence).compactMap { file in
            file.object.map { (ExactName(String(file.path.dropFirst("evidence/".count))), $0) }
        }) { first, _ in first }
        if files.contains(where: \.isLink) {
            let copy = try TemporaryContent.write(files: files)
            do {
                var loaded = try ContentLoader.load(directory: copy.root.path, displayRoot: shownRoot, cache: cache)
                if !undecodable.isEmpty {
                    let walker = ContentWalker(rootURL: copy.root, rootReal: loaded.rootPath, displayRoot: shownRoot)
                    loaded.loadFindings += walker.undecodable(undecodable, besides: files.map(\.path))
                }
                return Loaded(source: source, content: loaded, shownRoot: shownRoot, copy: copy, evidenceObjects: objects)
            } catch {
                copy.remove()
                throw DiffFailure("A revision could not be read from \(copy.root.path): \(error)")
            }
        }
        let copy = try TemporaryContent.write(files: files.filter(isEvidence))
        let loaded = ContentLoader.load(files: files.map { ($0.path, $0.data, $0.object) }, displayRoot: shownRoot,
                                        rootPath: copy.root.resolvingSymlinksInPath().path, undecodable: undecodable, cache: cache)
        return Loaded(source: source, content: loaded, shownRoot: shownRoot, copy: copy, evidenceObjects: objects)
    }

    private static func folder(_ path: String, workingTree: Bool, cache: ParseCache) throws(DiffFailure) -> Loaded {
        do {
            let loaded = try ContentLoader.load(directory: path, cache: cache)
            return Loaded(source: workingTree ? .workingTree(loaded.root) : .folder(loaded.root), content: loaded, shownRoot: loaded.root, copy: nil)
        } catch let failure as ContentLoader.Failure {
            throw DiffFailure(failure.description)
        } catch {
            throw DiffFailure("The content folder \(codeSpan(path)) could not be read: \(error)")
        }
    }
}
