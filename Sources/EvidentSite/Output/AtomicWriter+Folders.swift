import CEvidentSystem
import EvidentSupport
import Foundation

/// The writes of whole folders: a site or a scaffold is staged beside its target and swapped in.
extension AtomicWriter {
    /// Puts a folder holding exactly `files` (relative path → bytes) at `directory`, which is missing
    /// or an empty folder, after removing the staging folders that killed runs left beside it
    /// (`OutputFolder.removeLeftovers`). A folder that is not empty when it is swapped (filled while
    /// the files were written) is left as it is, and the write fails. `committed` runs once the
    /// folder is in place, before an interruption waiting on the swap.
    static func writeDirectory(_ files: [String: Data], to directory: URL, committed: () -> Void = {}) throws {
        OutputFolder(directory.path).removeLeftovers()
        let staged = try StagedDirectory(replacing: directory)
        do {
            let paths = files.keys.sorted()
            // Each path is checked as it is written; on every core: creating many files is mostly waiting on the file system.
            let failures = parallelMap(paths) { path -> Error? in
                do {
                    try staged.write(files[path] ?? Data(), at: path)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            try staged.commit { aside in
                var info = stat()
                guard lstat(aside, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
                      (try? FileManager.default.contentsOfDirectory(atPath: aside))?.isEmpty == true else {
                    throw Failure.io(directory.path, "it is no longer an empty folder (something was put there while evident wrote it); it is left as it is")
                }
            } committed: {
                committed()
            }
        } catch {
            staged.discard()
            if let failure = error as? Failure { throw failure }
            throw Failure.io(directory.path, error.localizedDescription)
        }
    }

    /// Puts `staging` at `directory`. The old folder is set aside first and removed only once the
    /// new one is in place; if `vet` (given the old folder's path where it was set aside) throws,
    /// or the second rename fails, the old one is put back; when another run's folder has taken
    /// its place meanwhile, that one stays and the old one is removed. Where the system exchanges
    /// two folders in one step (`exchange`), the path holds one whole folder or the other at
    /// every moment; elsewhere (or without `exchanging`) it stands empty between two renames.
    static func swapIn(_ staging: URL, at directory: URL, exchanging: Bool = true, vet: (String) throws -> Void = { _ in }) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: directory.path, isDirectory: &isDir)
        if exists && !isDir.boolValue {
            throw Failure.io(directory.path, "it exists and is not a folder")
        }
        if !exists {
            guard rename(staging.path, directory.path) == 0 else {
                throw Failure.io(directory.path, String(cString: strerror(errno)))
            }
            return
        }
        if exchanging, try exchange(staging, at: directory, vet: vet) { return }
        let aside = oldFolder(for: directory)
        guard rename(directory.path, aside.path) == 0 else {
            throw Failure.io(directory.path, String(cString: strerror(errno)))
        }
        do {
            try vet(aside.path)
        } catch {
            guard rename(aside.path, directory.path) == 0 else {
                // Another run's folder took the place while this one vetted the old: the old one,
                // which holds what made the vet refuse it, stays set aside, and the message says where.
                throw cannotPutBack(directory, error, at: aside.path)
            }
            throw error
        }
        guard rename(staging.path, directory.path) == 0 else {
            let code = errno
            if rename(aside.path, directory.path) != 0, code == ENOTEMPTY || code == EEXIST {
                // Another run's folder took the place between the two renames: the old one, vetted,
                // is superseded by it, as that run would have made it, and is not left beside it.
                removeTree(aside.path)
                throw Failure.io(directory.path, "another process put a folder there while this run wrote it (another run of evident?); "
                                 + "what is there now is left as it is")
            }
            throw Failure.io(directory.path, String(cString: strerror(code)))
        }
        removeTree(aside.path)
    }

    /// The swap in one step: the new folder takes the path and the old one takes the staging
    /// folder's, where it is vetted and then removed. Refused, it is exchanged back, unless another
    /// run's folder has taken the path meanwhile: it is then moved to `.NAME.old-PID-N` (out of the
    /// staging folder's path, which the caller removes) and named. Returns false, having changed
    /// nothing, where the exchange cannot be made.
    private static func exchange(_ staging: URL, at directory: URL, vet: (String) throws -> Void) throws -> Bool {
        let new = identity(staging.path)
        guard new != nil, evident_exchange(staging.path, directory.path) == 0 else { return false }
        do {
            try vet(staging.path)
        } catch {
            if identity(directory.path) == new, evident_exchange(staging.path, directory.path) == 0 { throw error }
            let aside = oldFolder(for: directory)
            throw cannotPutBack(directory, error, at: rename(staging.path, aside.path) == 0 ? aside.path : staging.path)
        }
        removeTree(staging.path)
        return true
    }

    /// `.NAME.old-PID-N` beside `directory`: where the previous folder is set aside.
    private static func oldFolder(for directory: URL) -> URL {
        directory.deletingLastPathComponent()
            .appendingPathComponent(".\(directory.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// The vet's refusal of the previous folder, which could not go back because another run's folder
    /// took its place: it is left at `path`, as it was.
    private static func cannotPutBack(_ directory: URL, _ error: Error, at path: String) -> Failure {
        Failure.io(directory.path, "\(error) Meanwhile another process put a folder there (another run of evident?), "
                   + "so the previous folder could not be put back: it is at `\(path)`, as it was; move what you need out of it")
    }

    /// The entry at `path` by device and inode, not following a link; nil when there is none.
    private static func identity(_ path: String) -> PreviousSite.Identity? {
        var info = stat()
        return lstat(path, &info) == 0 ? PreviousSite.Identity(info) : nil
    }

    /// Removes a folder and everything in it, without following links, with `unlinkat` on each
    /// entry; returns whether it is gone.
    /// What cannot be removed is left; a leftover `.old-` folder is only clutter. A `SiteManifest`
    /// at the top goes last, and only once nothing else is left, so that a removal cut short, or
    /// one that a writer still adding files outran, leaves a folder the next build still
    /// recognises as evident's (`OutputFolder.removeLeftovers`).
    @discardableResult
    static func removeTree(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            return unlink(path) == 0 || errno == ENOENT
        }
        defer { close(fd) }
        removeContents(of: fd, keepingLast: SiteManifest.fileName)
        let dupped = dup(fd)
        guard dupped >= 0, let dir = fdopendir(dupped) else { return false }
        // The descriptor shares its offset with the one `removeContents` read to the end.
        rewinddir(dir)
        let left = directoryEntries(dir).contains { $0.0 != SiteManifest.fileName }
        closedir(dir)
        if left { return false }
        unlinkat(fd, SiteManifest.fileName, 0)
        return rmdir(path) == 0
    }

    private static func removeContents(of fd: Int32, keepingLast kept: String? = nil) {
        let dupped = dup(fd)
        guard dupped >= 0, let dir = fdopendir(dupped) else { return }
        defer { closedir(dir) }
        var entries: [(String, Bool)] = []
        for (name, type, _) in directoryEntries(dir) {
            var isDirectory = type == Int32(DT_DIR)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                isDirectory = fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append((name, isDirectory))
        }
        for (name, isDirectory) in entries where name != kept {
            if isDirectory {
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 {
                    removeContents(of: child)
                    close(child)
                }
                unlinkat(fd, name, AT_REMOVEDIR)
            } else {
                unlinkat(fd, name, 0)
            }
        }
    }
}
