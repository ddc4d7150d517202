import CEvidentSystem
import EvidentSupport
import Foundation

/// A folder being replaced: files are written, from any thread and as soon as they are made, into a
/// private staging sibling, and `commit` swaps the staging folder in whole. Until then, and after
/// `discard`, the previous folder is left as it was. Writing while rendering keeps the site out of
/// memory and lets the disk work while the cores render.
///
/// A file the previous folder already holds with the same bytes is hard-linked into the staging
/// folder instead of written again. A rebuild mostly makes the same pages; a linked file allocates
/// no inode and frees none when the previous folder goes (see docs/performance.md on creating
/// files right after deleting as many), and it keeps its modification time, so
/// a sync to the web server sees only the pages that changed. Nothing ever writes into a linked
/// file: the previous folder stays as it was until the swap.
///
/// A staging folder holds from the start a `SiteManifest` marker that says it is evident's staging
/// folder, so that the next run can remove it if this one is killed (`OutputFolder.removeLeftovers`).
/// For a site (`recordingSite`) the manifest of every file written replaces the marker at `commit`,
/// last, before the swap: the manifest is always swapped in with the site it describes. Any other
/// folder loses the marker just before the swap.
final class StagedDirectory: @unchecked Sendable {
    let directory: URL
    let staging: URL
    private let stagingPath: String
    // Guards `made`, `written`, `reused` and the folders: pages are written from every core.
    private let lock = NSLock()
    private var made: Set<String> = []
    private var written: Set<String> = []
    private var finished = false
    /// The folder being replaced, opened without following a link; -1 when there is none.
    private var previous: Int32
    /// Its subfolders, opened the same way as they are first needed (-1: none), by relative path.
    private var previousFolders: [String: Int32] = [:]
    /// The staging folder and its subfolders, opened as they are made ("" is the folder itself),
    /// so that a file is linked by its name in its folder, not by a path walked from `/`.
    private var stagingFolders: [String: Int32] = [:]
    /// Whether the folder is a site that gets a `SiteManifest`.
    private let recordingSite: Bool
    /// Size and SHA-256 of each file written, for the manifest (only when `recordingSite`).
    private var records: [String: SiteManifest.File] = [:]
    /// The paths taken from the site being replaced without being made (`reuse`).
    private var reused: Set<String> = []
    /// The site being replaced, when it was checked without reading its files' bytes; `confirmed`
    /// are those of its files found to hold the bytes written at their path.
    private let previousSite: PreviousSite?
    private var confirmed: Set<String> = []
    private let seal: PageSeal?
    /// The folders above `directory` made for the staging folder: removed again when it is not swapped in.
    private let madeParents: MadeFolders
    /// What removes the staging folder if the run is interrupted (`Interruption`) until it is swapped in.
    private let interruption: Int
    /// Set when the run is interrupted: no write starts after it.
    private let halted = Flag()

    /// `previousSite`: the files of the folder's manifest still to confirm (`OutputFolder.prepare`);
    /// `commit` refuses to swap unless each is confirmed or holds the bytes its manifest lists.
    /// `seal`: what ties a page's inputs to its bytes in the manifest (`reuse`); without it, no
    /// page lists inputs and none is taken.
    init(replacing directory: URL, recordingSite: Bool = false, previousSite: PreviousSite? = nil, seal: PageSeal? = nil) throws {
        self.directory = directory
        self.previousSite = previousSite
        self.seal = seal
        let parent = directory.deletingLastPathComponent()
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(".\(directory.lastPathComponent).tmp-\(token)")
        stagingPath = staging.path
        self.recordingSite = recordingSite
        // Registered before the folder is made, and with the folders above it made while a signal
        // waits, so that no moment of their life escapes it. Writes still under way may add files
        // while the folder is removed: no new one starts, and the removal is tried again; the
        // marker goes last.
        let halted = self.halted, stagingPath = self.stagingPath
        (madeParents, interruption) = try Interruption.holdingOff { () throws -> (MadeFolders, Int) in
            let made = try MadeFolders.make(parent, for: directory)
            let interruption = Interruption.register {
                halted.set()
                for _ in 0..<5 {
                    if AtomicWriter.removeTree(stagingPath) { break }
                    usleep(20_000)
                }
                made.remove()
            }
            return (made, interruption)
        }
        guard mkdir(staging.path, 0o777) == 0 else {
            let reason = String(cString: strerror(errno))
            Interruption.unregister(interruption)
            madeParents.remove()
            throw AtomicWriter.Failure.io(directory.path, reason)
        }
        let marker = stagingPath + "/" + SiteManifest.fileName
        do {
            try SiteManifest(complete: false).data.withUnsafeBytes { try AtomicWriter.writeNew([$0], at: marker) }
        } catch let AtomicWriter.Failure.io(_, reason) {
            Interruption.unregister(interruption)
            AtomicWriter.removeTree(staging.path)
            madeParents.remove()
            throw AtomicWriter.Failure.io(directory.path, reason)
        } catch {
            Interruption.unregister(interruption)
            AtomicWriter.removeTree(staging.path)
            madeParents.remove()
            throw error
        }
        previous = open(directory.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    }

    deinit {
        closeFolders()
    }

    /// Closes the previous folder's and the staging folder's descriptors: none is used again.
    private func closeFolders() {
        for fd in previousFolders.values where fd >= 0 { close(fd) }
        for fd in stagingFolders.values where fd >= 0 { close(fd) }
        if previous >= 0 { close(previous) }
        previousFolders = [:]
        stagingFolders = [:]
        previous = -1
    }

    /// The paths written so far, relative to the folder.
    package var paths: Set<String> { lock.withLock { written } }

    /// Writes `data` at `path` (relative, with `/`) inside the staging folder. A path may be
    /// written once.
    package func write(_ data: Data, at path: String) throws {
        try data.withUnsafeBytes { try write($0, at: path) }
    }

    /// Writes `bytes` at `path`, as `write(_:at:)` does.
    package func write(_ bytes: UnsafeRawBufferPointer, at path: String, inputs: String? = nil) throws {
        try write([bytes], at: path, inputs: inputs)
    }

    /// Writes `parts`, one after the other, as one file at `path`. `inputs`: the digest of what an
    /// objective's page was made from, for the manifest (`reuse`).
    package func write(_ parts: [UnsafeRawBufferPointer], at path: String, inputs: String? = nil) throws {
        let (name, previousFolder, stagingFolder) = try claim(path)
        // A previous file the manifest lists that holds these very bytes keeps its listed size and
        // hash: they are those of the bytes the previous build wrote, which are these bytes unless
        // the file was rewritten since with exactly them (then the next build refuses the folder).
        let listed = previousSite?.files[path]
        let linkable = previousSite == nil || listed != nil
        let size = parts.reduce(0) { $0 + $1.count }
        if linkable, previousFolder >= 0, stagingFolder >= 0,
           Self.link(name, in: previousFolder, to: stagingFolder, size: size, holding: { Self.holds($0, parts) }) {
            let record = recordingSite ? sealed(listed ?? SiteManifest.record(parts), inputs: inputs) : nil
            lock.withLock {
                if let record { records[path] = record }
                if listed != nil { confirmed.insert(path) }
            }
            return
        }
        let record = recordingSite ? sealed(SiteManifest.record(parts), inputs: inputs) : nil
        try naming(path) { try AtomicWriter.writeNew(parts, at: stagingPath + "/" + path) }
        if let record { lock.withLock { records[path] = record } }
    }

    /// Runs `body`, which writes `path` in the staging folder; a failure names the file at its
    /// place in the folder, `site/index.html`, not in the hidden staging folder the user never sees.
    private func naming(_ path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let AtomicWriter.Failure.io(_, reason) {
            throw AtomicWriter.Failure.io(directory.path + "/" + path, reason)
        }
    }

    /// `record` listing the inputs of a page made from `inputs` with its bytes (none without
    /// inputs or a seal).
    private func sealed(_ record: SiteManifest.File, inputs: String?) -> SiteManifest.File {
        var record = record
        record.inputs = inputs.flatMap { inputs in seal?.seal(inputs: inputs, sha256: record.sha256) }
        return record
    }

    /// Takes the page at `path` from the site being replaced, without making it, when that site's
    /// manifest lists it as made from `inputs` (sealed with its SHA-256: `PageSeal`) and the file
    /// still holds the bytes it lists (read and hashed: a page edited since is made again, and
    /// `commit` then refuses the folder, as it would have). False, and nothing claimed, otherwise:
    /// the page is then to be written.
    func reuse(_ path: String, inputs: String) -> Bool {
        guard recordingSite, let seal, let listed = previousSite?.files[path], listed.inputs == seal.seal(inputs: inputs, sha256: listed.sha256),
              let (name, previousFolder, stagingFolder) = try? claim(path) else { return false }
        let size = Int(clamping: listed.size)
        if previousFolder >= 0, stagingFolder >= 0,
           Self.link(name, in: previousFolder, to: stagingFolder, size: size, holding: { OutputFolder.sha256(of: $0) == listed.sha256 }) {
            lock.withLock {
                records[path] = listed
                confirmed.insert(path)
                reused.insert(path)
            }
            return true
        }
        lock.withLock { _ = written.remove(path) }
        return false
    }

    /// The paths taken from the site being replaced (`reuse`).
    package var reusedPaths: Set<String> { lock.withLock { reused } }

    /// Marks `path` (relative, with `/`) as written, makes its folder in the staging folder, and
    /// returns its name with the previous folder and the staging folder that hold it (-1: none).
    private func claim(_ path: String) throws -> (name: String, previous: Int32, staging: Int32) {
        try AtomicWriter.checkRelative(path)
        if path == SiteManifest.fileName || path == SiteManifest.fileName + ".new" { throw AtomicWriter.Failure.unsafePath(path) }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) }
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return try lock.withLock {
            guard !finished else { throw AtomicWriter.Failure.io(directory.path, "the folder was already committed or discarded") }
            guard !halted.isSet else { throw AtomicWriter.Failure.io(directory.path, "the run was interrupted") }
            guard !written.contains(path) else { throw AtomicWriter.Failure.io(directory.path + "/" + path, "written twice") }
            if let folder, !made.contains(folder) {
                // One folder at a time below the staging folder, never the staging folder itself:
                // once an interruption has removed it, nothing makes it again.
                var prefix = ""
                for name in folder.split(separator: "/") {
                    prefix += (prefix.isEmpty ? "" : "/") + name
                    guard mkdir(stagingPath + "/" + prefix, 0o777) == 0 || errno == EEXIST else {
                        throw AtomicWriter.Failure.io(directory.path + "/" + prefix, String(cString: strerror(errno)))
                    }
                }
                made.insert(folder)
            }
            written.insert(path)
            let previousFolder = openPrevious(folder)
            return (name, previousFolder, previousFolder >= 0 ? openStaging(folder ?? "") : -1)
        }
    }

    /// The previous folder's subfolder `folder` (nil: the folder itself), opened one name at a time
    /// without following links, so that a link in the old site never brings in a file from
    /// elsewhere. Called under the lock.
    private func openPrevious(_ folder: String?) -> Int32 {
        guard let folder, previous >= 0 else { return previous }
        if let known = previousFolders[folder] { return known }
        let slash = folder.lastIndex(of: "/")
        let parent = openPrevious(slash.map { String(folder[..<$0]) })
        let name = slash.map { String(folder[folder.index(after: $0)...]) } ?? folder
        let fd = parent >= 0 ? openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1
        previousFolders[folder] = fd
        return fd
    }

    /// The staging folder's subfolder `folder` ("" for itself), made already. Called under the lock.
    private func openStaging(_ folder: String) -> Int32 {
        if let known = stagingFolders[folder] { return known }
        let fd = open(folder.isEmpty ? stagingPath : stagingPath + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        stagingFolders[folder] = fd
        return fd
    }

    /// Links the previous folder's `name` to the same name in the staging folder `target` when it
    /// is a plain file of ours, with the mode every written file gets, of `size` bytes, for which
    /// `holding` (given the open file) is true. False (and nothing made) otherwise.
    private static func link(_ name: String, in folder: Int32, to target: Int32, size: Int, holding: (Int32) -> Bool) -> Bool {
        // Read without updating the access time: the previous build's link changed the file's
        // ctime, so with `relatime` every comparison would write its inode back. (Refused with EPERM
        // for a file of another owner; such a file is not linked anyway.) O_NONBLOCK: a FIFO put
        // in the file's place does not hold the open; it is then refused as not a plain file.
        var fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | Self.noAccessTime)
        if fd < 0, errno == EPERM { fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o7777 == FileModes.newFile,
              info.st_uid == geteuid(), info.st_size == size, holding(fd), linkat(folder, name, target, name, 0) == 0 else { return false }
        // The name is linked, not the open file: it must still be the very file just read.
        // If another has taken its place meanwhile, the link goes.
        var linked = stat()
        if fstatat(target, name, &linked, AT_SYMLINK_NOFOLLOW) == 0, linked.st_dev == info.st_dev, linked.st_ino == info.st_ino {
            return true
        }
        unlinkat(target, name, 0)
        return false
    }

    /// Whether the open file `fd` holds exactly `parts`, one after the other (its size is known equal).
    private static func holds(_ fd: Int32, _ parts: [UnsafeRawBufferPointer]) -> Bool {
        withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 16) { chunk -> Bool in
            guard let buffer = chunk.baseAddress else { return false }
            var fileOffset = 0
            for part in parts {
                var offset = 0
                while offset < part.count {
                    guard let base = part.baseAddress else { return false }
                    let n = pread(fd, buffer, min(chunk.count, part.count - offset), off_t(fileOffset))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0, memcmp(buffer, base + offset, n) == 0 else { return false }
                    offset += n
                    fileOffset += n
                }
            }
            return true
        }
    }

    /// `O_NOATIME`, from the system headers (Swift's Glibc module leaves it out).
    private static let noAccessTime = evident_o_noatime()

    /// Puts the staging folder in place of the folder, then removes the previous one. `vet`, given
    /// where the previous one is set aside, may refuse it; it is then put back as it was.
    /// `committed` runs once the folder is in place, before an interruption waiting on the swap.
    func commit(vet: (String) throws -> Void = { _ in }, committed: () -> Void = {}) throws {
        let (records, confirmed) = try lock.withLock {
            guard !finished else { throw AtomicWriter.Failure.io(directory.path, "the folder was already committed or discarded") }
            finished = true
            // As in `discard`: removing the previous folder once swapped needs descriptors of its own.
            closeFolders()
            return (self.records, self.confirmed)
        }
        do {
            // Another run's folder in its place is not this one's to confirm or replace.
            try previousSite?.checkIdentity()
            try previousSite?.confirm(except: confirmed)
            let manifest = stagingPath + "/" + SiteManifest.fileName
            if recordingSite {
                // Written beside the marker and renamed over it: the folder is never without one.
                try naming(SiteManifest.fileName) {
                    try SiteManifest(files: records).data.withUnsafeBytes { try AtomicWriter.writeNew([$0], at: manifest + ".new") }
                }
                guard rename(manifest + ".new", manifest) == 0 else {
                    throw AtomicWriter.Failure.io(directory.path + "/" + SiteManifest.fileName, String(cString: strerror(errno)))
                }
            } else if unlink(manifest) != 0 {
                throw AtomicWriter.Failure.io(directory.path, String(cString: strerror(errno)))
            }
            // What was put into the folder while the pages were made is not the previous site's.
            // An interruption waits for the swap: the folder is then the new one or the old one.
            try Interruption.holdingOff {
                try AtomicWriter.swapIn(staging, at: directory) { aside in
                    try previousSite?.vet(setAside: aside)
                    try vet(aside)
                }
                committed()
                Interruption.unregister(interruption)
            }
        } catch {
            Interruption.unregister(interruption)
            AtomicWriter.removeTree(stagingPath)
            madeParents.remove()
            throw error
        }
    }

    /// Removes the staging folder and the folders made above it; the folder stays as it was.
    func discard() {
        let wasFinished = lock.withLock {
            defer { finished = true }
            // No write is under way (the writers have returned) and none starts now. The folders'
            // descriptors go before the removal, which needs some of its own when few are left.
            if !finished { closeFolders() }
            return finished
        }
        if !wasFinished {
            Interruption.unregister(interruption)
            AtomicWriter.removeTree(stagingPath)
            madeParents.remove()
        }
    }
}

/// A flag set once from any thread.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
