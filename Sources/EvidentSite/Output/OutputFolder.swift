import Crypto
import EvidentSupport
import Foundation

/// The folder `evident build` writes the site to. The site replaces it as a whole, so it is
/// replaced only when every entry in it is one the previous build wrote, as its `SiteManifest`
/// records them: a folder it lists, or a file it lists with the same size and SHA-256. Missing
/// entries do not matter; anything else (a `.git`, a `CNAME`, a file edited or added since, a link)
/// makes the build refuse and name the first such entry in path order: first among those told by
/// name, kind or size, before the pages are made; then among files whose bytes changed, before
/// the swap (`PreviousSite`). docs/site.md tells the rules.
package struct OutputFolder: Sendable {
    /// The folder as the user named it, for messages.
    package let path: String
    let url: URL

    init(_ path: String) {
        self.path = path
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Why an entry is not the previous build's.
    package enum Reason: Sendable, Equatable {
        /// The manifest does not list it.
        case unknown
        /// Listed, but its bytes (or its kind) are not what evident wrote.
        case changed
        /// A link: never followed, never evident's.
        case link
        /// The folder has no manifest (a site of an evident before manifests, or not a site).
        case noManifest
        /// The manifest is of another format version.
        case otherVersion(Int)
        /// The manifest is there but vouches for nothing (`why`: cannot be read, damaged, an
        /// unfinished build's marker).
        case unusableManifest(String)
        /// A listed file whose bytes cannot be read (`reason`), so they cannot be told to be evident's.
        case unreadable(String)
        /// A folder this user may not change (`access` gives the reason): what is in it could not
        /// be removed once the new site is in place.
        case readOnly(String)
    }

    package enum Refusal: Error, CustomStringConvertible, Equatable {
        /// The output folder holds the current folder, the content or the templates.
        case holds(output: String, guarded: String)
        /// The output folder is a folder evident reads or inside one (the content or the templates), so
        /// what is written there (`what`: the site, the pack) would be read back as input.
        case inside(output: String, read: String, what: String)
        case notAFolder(String)
        /// The pack's `--output` names a zip file that is not there, where a folder is meant.
        case zipName(String)
        case link(String)
        /// `entry` (the folder's path joined with the entry's) is not evident's.
        case foreign(output: String, entry: String, reason: Reason)
        case unreadable(String, String)
        /// The folder was made, replaced or moved away after it was checked, while the site was
        /// made (another build of the same folder, most likely).
        case replacedMeanwhile(String)

        package var description: String {
            switch self {
            case let .holds(output, guarded):
                return "Refusing to write the site to `\(output)`: the folder is replaced as a whole, and it holds `\(guarded)`. Choose another --output."
            case let .inside(output, read, what):
                return "Refusing to write the \(what) to `\(output)`: it is in `\(read)`, which evident reads, so the \(what)'s files would be read back as content or theme. Choose a folder outside it with --output."
            case let .notAFolder(output):
                return "Cannot write the site to `\(output)`: it is a file, not a folder."
            case let .zipName(output):
                return "Refusing to write the pack into `\(output)`: --output names the folder the pack goes into, and evident names the zip itself (`evident-pack-ORGANISATION-DATE.zip`). Name a folder, such as `--output dist`."
            case let .link(output):
                return "Refusing to write the site to `\(output)`: it is a link, and evident would replace the link with a folder. Name the folder itself with --output."
            case let .unreadable(path, reason):
                return "Cannot read `\(path)` to check that it may be replaced: \(reason)."
            case let .replacedMeanwhile(output):
                return "Refusing to replace `\(output)`: another process (another build of it?) made or replaced the folder while this build ran; "
                    + "what is there now is left as it is. Build again once the other run is done."
            case let .foreign(output, entry, reason):
                let prefix = "Refusing to replace `\(output)`: "
                let advice = " evident replaces the folder as a whole and never deletes what it did not write: move it out, or choose another --output."
                switch reason {
                case .unknown: return prefix + "`\(entry)` was not written by evident." + advice
                case .changed: return prefix + "`\(entry)` was changed after evident wrote it." + advice
                case .link: return prefix + "`\(entry)` is a link, which evident never writes." + advice
                case .noManifest:
                    return prefix + "it has no \(SiteManifest.fileName), the record of what evident wrote, so nothing in it (first `\(entry)`) can be told to be evident's. "
                        + "A site built by an evident older than that record has none: remove the folder once, then build again."
                case let .otherVersion(version) where version > SiteManifest.version:
                    return prefix + "`\(entry)`, the record of what evident wrote, is of version \(version), written by a newer evident than this one "
                        + "(\(Evident.version), which reads version \(SiteManifest.version)), so nothing in the folder can be told to be evident's. "
                        + "Build with that evident or a later one, or choose another --output; this evident leaves the folder as it is."
                case let .otherVersion(version):
                    return prefix + "`\(entry)`, the record of what evident wrote, is of version \(version), which this evident (\(Evident.version)) does not read, "
                        + "so nothing in the folder can be told to be evident's. Remove the folder once (after checking nothing else is in it), then build again."
                case let .unusableManifest(why):
                    return prefix + "`\(entry)`, the record of what evident wrote, \(why), so nothing in the folder can be told to be evident's. "
                        + "Remove the folder once (after checking nothing else is in it), then build again."
                case let .unreadable(reason):
                    return prefix + "`\(entry)` cannot be read (\(reason)), so evident cannot tell that it is still what evident wrote. "
                        + "Make it readable (`chmod -R u+rX \(ShellWord.path(output))`), or choose another --output."
                case let .readOnly(reason):
                    return prefix + "the folder `\(entry)` cannot be changed (\(reason)), so the previous site's files in it could not be removed "
                        + "once the new site is in place. Make it writable (`chmod -R u+rwX \(ShellWord.path(output))`), or choose another --output."
                }
            }
        }
    }

    /// Checks that the folder may be replaced (see `check`), except that the bytes of the files
    /// its manifest lists are left for the build to confirm (`PreviousSite`), then removes the
    /// leftovers of killed builds beside it.
    func prepare(guarding guarded: [String], reading: [String] = []) throws -> PreviousSite {
        let previous = try survey(guarding: guarded, reading: reading)
        removeLeftovers()
        return previous
    }

    /// Throws a `Refusal` unless the folder is missing, empty, the previous build's (every entry
    /// accounted for by its manifest), or holds only the README the repository tracks in `site/`.
    /// `guarded` are folders the output may be neither equal to nor above.
    package func check(guarding guarded: [String], reading: [String] = []) throws {
        try survey(guarding: guarded, reading: reading).confirm(except: [])
    }

    /// Refuses an output folder `output` that is one of `reading`, the folders evident reads its
    /// input from, or inside one: what it writes there would be read back on the next run (a
    /// site's README.md as an objective, a pack as evidence in the next pack).
    /// The pack's folder named like a zip (`--output evidence.zip`) that is not a folder already:
    /// a folder of that name would be made, with the pack inside it.
    package static func refuseZipName(_ output: String) throws(Refusal) {
        let name = URL(fileURLWithPath: output).lastPathComponent
        var isFolder: ObjCBool = false
        guard name.lowercased().hasSuffix(".zip"),
              !(FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) && isFolder.boolValue) else { return }
        throw .zipName(output)
    }

    package static func refuseInside(_ output: String, reading: [String], what: String) throws(Refusal) {
        let target = realPath(output)
        for folder in reading.map(realPath) where target == folder || target.hasPrefix(folder == "/" ? "/" : folder + "/") {
            throw .inside(output: output, read: folder, what: what)
        }
    }

    /// Where `path` is on disk: made absolute with `.` and `..` taken away as the build names its
    /// output (`init`), then the longest part that exists resolved by `realpath`, links included,
    /// so that a missing folder under a link (`link-to-content/site`) is seen where it will be made.
    static func realPath(_ path: String) -> String {
        let lexical = URL(fileURLWithPath: path).standardizedFileURL.path
        var head = lexical
        var tail: [String] = []
        while !head.isEmpty {
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                guard !tail.isEmpty else { return base }
                return (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard head != "/", let slash = head.lastIndex(of: "/") else { break }
            tail.append(String(head[head.index(after: slash)...]))
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
        return lexical
    }

    /// `check` without reading the listed files' bytes: what is left to confirm is returned. An
    /// entry not accounted for by its name, kind or size is named before any file whose bytes differ.
    private func survey(guarding guarded: [String], reading: [String]) throws -> PreviousSite {
        let real = Self.realPath
        let target = real(path)
        for guardedPath in guarded.map(real) where guardedPath == target || guardedPath.hasPrefix(target == "/" ? "/" : target + "/") {
            throw Refusal.holds(output: path, guarded: guardedPath)
        }
        try Self.refuseInside(path, reading: reading, what: "site")
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return PreviousSite(output: self, files: [:]) }
            throw Refusal.unreadable(path, String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw Refusal.link(path)
        default: throw Refusal.notAFolder(path)
        }
        let identity = PreviousSite.Identity(info)
        let names = try Self.names(in: url.path, display: path)
        if names.isEmpty { return PreviousSite(output: self, files: [:], identity: identity) }
        switch Self.readManifest(in: url.path) {
        case let .success(manifest) where manifest.complete:
            let (found, listed) = try Self.survey(url.path, by: manifest, display: path)
            if let (entry, reason) = found.first { throw Refusal.foreign(output: path, entry: display(entry), reason: reason) }
            return PreviousSite(output: self, files: listed, identity: identity, manifest: manifest)
        case let .failure(.otherVersion(version)):
            throw Refusal.foreign(output: path, entry: display(SiteManifest.fileName), reason: .otherVersion(version))
        case let .failure(failure) where failure != .missing:
            throw Refusal.foreign(output: path, entry: display(SiteManifest.fileName), reason: .unusableManifest(failure.why))
        case .success:
            throw Refusal.foreign(output: path, entry: display(SiteManifest.fileName), reason: .unusableManifest(SiteManifest.Unreadable.incomplete))
        default:
            if let (entry, reason) = Self.unaccountedWithoutManifest(url.path, names: names) {
                throw Refusal.foreign(output: path, entry: display(entry), reason: reason)
            }
            return PreviousSite(output: self, files: [:], identity: identity)
        }
    }

    /// The first entry of `folder`, which holds `names` and no complete manifest, that a build
    /// may not remove, with why; nil when it holds only the README a clone of a repository that
    /// tracks `site/README.md` holds, and the folder may be changed.
    static func unaccountedWithoutManifest(_ folder: String, names: [String]) -> (String, Reason)? {
        guard let first = names.first else { return nil }
        guard names == ["README.md"], isRegularFile(folder + "/README.md"),
              let readme = FileManager.default.contents(atPath: folder + "/README.md"),
              readme == Data(SiteBuilder.readme.utf8) || readme == Data(SiteBuilder.earlierReadme.utf8) else {
            return (first, .noManifest)
        }
        if let reason = readOnly(folder) { return ("", .readOnly(reason)) }
        return nil
    }

    /// Why this user may not add or remove entries in `folder` (not writable, on a read-only file
    /// system); nil when they may.
    static func readOnly(_ folder: String) -> String? {
        faccessat(AT_FDCWD, folder, W_OK, AT_EACCESS) == 0 ? nil : String(cString: strerror(errno))
    }

    /// An entry's path as messages show it: under the folder as the user named it ("": the folder).
    func display(_ relative: String) -> String {
        relative.isEmpty ? path : (path.hasSuffix("/") ? path : path + "/") + relative
    }

    /// Removes the staging (`.NAME.tmp-PID-N`) and set-aside (`.NAME.old-PID-N`) folders a killed
    /// build of this folder left beside it. Only a folder of exactly that name, of this user,
    /// whose process is gone, and that is empty or that evident's manifest vouches for (a staging
    /// marker, or a complete manifest accounting for every entry) is removed; anything else is left.
    @discardableResult
    func removeLeftovers() -> [String] {
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        var removed: [String] = []
        // The parent may be a folder such as /tmp with thousands of entries: only leftovers are sorted.
        let leftovers = entries.compactMap { entry in AtomicWriter.leftoverProcess(entry, of: name).map { (entry, $0) } }
        for (entry, pid) in leftovers.sorted(by: { PackPath.precedes($0.0, $1.0) }) {
            let full = (parent == "/" ? "" : parent) + "/" + entry
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            // A live process may still be writing it (another build of the same folder).
            guard processHasEnded(pid) else { continue }
            guard case let .success(manifest) = Self.readManifest(in: full) else {
                // An empty one (an empty folder set aside, or staging killed before its marker):
                // `rmdir` removes a folder only when it holds nothing.
                if rmdir(full) == 0 { removed.append(full) }
                continue
            }
            if manifest.complete {
                guard let unaccounted = try? Self.unaccounted(in: full, by: manifest, display: full), unaccounted.isEmpty else { continue }
            }
            AtomicWriter.removeTree(full)
            removed.append(full)
        }
        return removed
    }

    /// The names in a folder, sorted by UTF-8 bytes.
    static func names(in folder: String, display: String) throws -> [String] {
        do {
            return PackPath.sorted(try FileManager.default.contentsOfDirectory(atPath: folder))
        } catch {
            // The system's words ("Permission denied"), as every other message gives them.
            guard let stream = opendir(folder) else { throw Refusal.unreadable(display, String(cString: strerror(errno))) }
            closedir(stream)
            throw Refusal.unreadable(display, error.localizedDescription)
        }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The manifest at the top of `folder`, read only if it is a regular file of a sane size
    /// (opened without following a link, and without waiting on a FIFO).
    static func readManifest(in folder: String) -> Result<SiteManifest, SiteManifest.Unreadable> {
        let file = folder + "/" + SiteManifest.fileName
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return .failure(.missing)
            case ELOOP: return .failure(.notJSON)
            default: return .failure(.unopened(String(cString: strerror(errno))))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 256 << 20 else { return .failure(.notJSON) }
        do {
            return SiteManifest.parse(Data(try FileRead.bytes(of: fd, limit: Int(info.st_size))))
        } catch {
            return .failure(.unopened(error.reason))
        }
    }

    /// The entries of `root` that `manifest` does not account for, with why, sorted by path. A folder
    /// that is not accounted for is reported alone, not what it holds; links are never followed.
    static func unaccounted(in root: String, by manifest: SiteManifest, display: String) throws -> [(String, Reason)] {
        let (found, listed) = try survey(root, by: manifest, display: display)
        return found + changed(listed, in: root, except: [])
    }

    /// The first entry of `root`, in path order, not accounted for by its kind, name or size.
    static func unaccountedBySize(in root: String, by manifest: SiteManifest, display: String) throws -> (String, Reason)? {
        try survey(root, by: manifest, display: display).found.first
    }

    /// The entries of `root` that are not accounted for by their kind, name or size, sorted by
    /// path; and the listed files of the right size, whose bytes are still to be compared.
    private static func survey(_ root: String, by manifest: SiteManifest, display: String) throws
        -> (found: [(String, Reason)], listed: [String: SiteManifest.File]) {
        var found: [(String, Reason)] = []
        var listed: [String: SiteManifest.File] = [:]
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            // The swap removes what the folder holds: it must be able to.
            if let reason = readOnly(absolute) {
                found.append((folder, .readOnly(reason)))
                continue
            }
            for name in try names(in: absolute, display: folder.isEmpty ? display : display + "/" + folder) {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else {
                    found.append((relative, .unknown))
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFLNK:
                    found.append((relative, .link))
                case S_IFDIR:
                    if manifest.folders.contains(relative) {
                        pending.append(relative)
                    } else {
                        found.append((relative, manifest.files[relative] == nil ? .unknown : .changed))
                    }
                case S_IFREG:
                    if relative == SiteManifest.fileName { continue }
                    if let file = manifest.files[relative] {
                        if UInt64(info.st_size) == file.size {
                            listed[relative] = file
                        } else {
                            found.append((relative, .changed))
                        }
                    } else {
                        found.append((relative, manifest.folders.contains(relative) ? .changed : .unknown))
                    }
                default:
                    found.append((relative, .unknown))
                }
            }
        }
        return (found.sorted { PackPath.precedes($0.0, $1.0) }, listed)
    }

    /// The files of `listed` but those `confirmed` whose bytes are not the SHA-256 listed, or
    /// cannot be read, sorted by path. One gone since it was listed does not matter.
    static func changed(_ listed: [String: SiteManifest.File], in root: String, except confirmed: Set<String>) -> [(String, Reason)] {
        let toHash = listed.filter { !confirmed.contains($0.key) }.map { ($0.key, $0.value) }
        // On every core: a site is many files.
        let digests = parallelMap(toHash) { relative, _ in digest(root + "/" + relative) }
        return zip(toHash, digests).compactMap { entry, digest -> (String, Reason)? in
            switch digest {
            case let .sha256(hex): hex == entry.1.sha256 ? nil : (entry.0, .changed)
            case .gone: nil
            case .link: (entry.0, .link)
            case let .unreadable(reason): (entry.0, .unreadable(reason))
            }
        }.sorted { PackPath.precedes($0.0, $1.0) }
    }

    /// What reading a listed file found.
    enum Digest: Equatable {
        case sha256(String)
        /// Nothing there any more (it, or a folder above it, was removed).
        case gone
        /// A link in its place, not followed.
        case link
        /// It cannot be read, for this reason.
        case unreadable(String)
    }

    /// The SHA-256 of a file, opened without following a link.
    /// (O_NONBLOCK: a FIFO put in its place does not hold the open, and reads as nothing.)
    static func digest(_ path: String) -> Digest {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: return .gone
            case ELOOP: return .link
            default: return .unreadable(String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        if let hex = sha256(of: fd) { return .sha256(hex) }
        return .unreadable(String(cString: strerror(errno)))
    }

    /// The SHA-256 of what an open file holds from its start; nil when it cannot be read.
    static func sha256(of fd: Int32) -> String? {
        var hasher = SHA256()
        guard (try? FileRead.chunks(of: fd) { hasher.update(bufferPointer: $0) }) != nil else { return nil }
        return Hex.lowercase(hasher.finalize())
    }
}

/// The files of the site a build replaces whose bytes are still to be confirmed as those its
/// manifest lists: everything else in the folder was accounted for by `OutputFolder.prepare`.
/// A build confirms a file by finding the same bytes in a page it makes (it is then linked, and
/// keeps its listed size and hash), and `confirm` reads the rest before the swap, so an unchanged
/// rebuild reads each file once and hashes none.
///
/// The folder is checked once more when it is set aside for the swap (`vet`): anything put into it
/// while the pages were made stops the swap, and the folder is put back as it was.
package struct PreviousSite: Sendable {
    let output: OutputFolder
    /// Relative path → size and SHA-256 as the manifest lists them; each present, of that size.
    let files: [String: SiteManifest.File]
    /// The folder as it was checked (device and inode); nil when there was none.
    let identity: Identity?
    /// Its manifest; nil when the folder was missing, empty, or held only the README.
    let manifest: SiteManifest?

    /// A folder on disk, by device and inode: a folder made or swapped in by another process
    /// under the same name is another.
    struct Identity: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    init(output: OutputFolder, files: [String: SiteManifest.File], identity: Identity? = nil, manifest: SiteManifest? = nil) {
        self.output = output
        self.files = files
        self.identity = identity
        self.manifest = manifest
    }

    /// Throws `replacedMeanwhile` when the folder at `path` (the output, or where it was set aside)
    /// is not the one checked: another run made, replaced or moved it. Nothing there, or an empty
    /// folder, holds nothing to lose and passes.
    func checkIdentity(at path: String? = nil) throws {
        let path = path ?? output.url.path
        var info = stat()
        guard lstat(path, &info) == 0, Identity(info) != identity else { return }
        if info.st_mode & S_IFMT == S_IFDIR, let names = try? OutputFolder.names(in: path, display: output.path), names.isEmpty { return }
        throw OutputFolder.Refusal.replacedMeanwhile(output.path)
    }

    /// Checks the folder again once it is set aside at `aside`, where no one writes into it by its
    /// name any more: it must be the folder checked, and every entry must still be accounted for
    /// by its name, kind and size (the bytes were confirmed just before). Throws the refusal
    /// `check` would, naming the entry under the output folder.
    func vet(setAside aside: String) throws {
        try checkIdentity(at: aside)
        let found: (String, OutputFolder.Reason)?
        if let manifest {
            found = try OutputFolder.unaccountedBySize(in: aside, by: manifest, display: output.path)
        } else {
            found = OutputFolder.unaccountedWithoutManifest(aside, names: try OutputFolder.names(in: aside, display: output.path))
        }
        if let (entry, reason) = found {
            throw OutputFolder.Refusal.foreign(output: output.path, entry: output.display(entry), reason: reason)
        }
    }

    /// Throws the refusal `check` would for the first file, in path order, of `files` but
    /// `confirmed` whose bytes are not those listed.
    func confirm(except confirmed: Set<String>) throws {
        guard confirmed.count < files.count else { return }
        if let (entry, reason) = OutputFolder.changed(files, in: output.url.path, except: confirmed).first {
            // Files that changed because another run swapped its site in while they were read are
            // that run's, not the user's edit.
            try checkIdentity()
            throw OutputFolder.Refusal.foreign(output: output.path, entry: output.display(entry), reason: reason)
        }
    }
}
