import Foundation

/// Every write of generated output goes through here, so that a failed run leaves the previous
/// output as it was: files are written to a temporary sibling and then renamed into place.
package enum AtomicWriter {
    package enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String, String)

        package var description: String {
            switch self {
            case let .unsafePath(p): "Refusing to write `\(p)`: output paths must be relative and stay inside the output folder."
            case let .io(path, reason): "Cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes one file by writing a temporary sibling and renaming it over the target.
    package static func writeFile(_ data: Data, to file: URL) throws {
        try writeFiles([(file.lastPathComponent, data)], into: file.deletingLastPathComponent())
    }

    /// Writes `files` (name → bytes) into `folder`, made with the folders missing above it: each is
    /// written to a temporary sibling first, and only when all are written are they renamed over
    /// their targets. A failed or interrupted write leaves the folder as it was, and no folder it made.
    package static func writeFiles(_ files: [(name: String, data: Data)], into folder: URL) throws {
        let targets = files.map { folder.appendingPathComponent($0.name) }
        guard let first = targets.first else { return }
        let paths = targets.map { Self.temporary(for: $0).path }
        // The folders and the cleanup come together, before any file is made: no moment escapes it.
        let (made, interruption) = try Interruption.holdingOff {
            let made = try MadeFolders.make(folder, for: first)
            return (made, Interruption.register {
                for path in paths { unlink(path) }
                made.remove()
            })
        }
        defer { Interruption.unregister(interruption) }
        var temporaries: [String] = []
        do {
            for (file, (path, target)) in zip(files, zip(paths, targets)) {
                // Made while a signal waits: an interruption's cleanup runs before or after, never
                // between its unlink of this path and the file's creation.
                let fd = Interruption.holdingOff { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileModes.newFile) }
                guard fd >= 0 else { throw Failure.io(target.path, String(cString: strerror(errno))) }
                temporaries.append(path)
                try finish(fd, at: target) { fd in
                    try file.data.withUnsafeBytes { try writeAll([$0], to: fd, path: target.path) }
                }
            }
            // An interruption waits for the renames: the folder then holds all the new files.
            try Interruption.holdingOff {
                for (path, target) in zip(paths, targets) {
                    guard rename(path, target.path) == 0 else { throw Failure.io(target.path, String(cString: strerror(errno))) }
                }
                Interruption.unregister(interruption)
            }
        } catch {
            Interruption.unregister(interruption)
            for path in temporaries { unlink(path) }
            made.remove()
            throw error
        }
    }

    /// Writes `file` by handing `body` a new temporary sibling (mode `FileModes.newFile`) to write, then renaming it
    /// over the target: a failed or killed run leaves the previous file as it was, and a failed or
    /// interrupted one no folder it made.
    package static func writeFile(to file: URL, _ body: (Int32) throws -> Void) throws {
        let path = Self.temporary(for: file).path
        // The folders and the cleanup come together, before the file is made: no moment escapes it.
        let (made, interruption) = try Interruption.holdingOff {
            let made = try MadeFolders.make(file.deletingLastPathComponent(), for: file)
            return (made, Interruption.register {
                unlink(path)
                made.remove()
            })
        }
        defer { Interruption.unregister(interruption) }
        do {
            // Made while a signal waits, as in `writeFiles`.
            let fd = Interruption.holdingOff { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileModes.newFile) }
            guard fd >= 0 else { throw Failure.io(file.path, String(cString: strerror(errno))) }
            do {
                try finish(fd, at: file, body)
            } catch {
                unlink(path)
                throw error
            }
            try Interruption.holdingOff {
                guard rename(path, file.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(path)
                    throw Failure.io(file.path, reason)
                }
                Interruption.unregister(interruption)
            }
        } catch {
            Interruption.unregister(interruption)
            made.remove()
            throw error
        }
    }

    /// `.NAME.tmp-PID-N` beside `file`: the name the leftovers of a killed run are known by.
    package static func temporary(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// The process id in `.NAME.tmp-PID-N` or `.NAME.old-PID-N`, the names `temporary(for:)`,
    /// `StagedDirectory` and `swapIn` give; nil for any other name.
    package static func leftoverProcess(_ entry: String, of name: String) -> pid_t? {
        for kind in [".tmp-", ".old-"] {
            let prefix = "." + name + kind
            guard entry.hasPrefix(prefix) else { continue }
            let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 10 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
                  let pid = Int32(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
            return pid
        }
        return nil
    }

    /// Removes the files `.NAME.tmp-PID-N` (`temporary(for:)`, NAME one of `names`) that runs killed
    /// while writing them left in `folder`: only a regular file (not a link) of this user, whose
    /// process has ended (a live one may still be writing it), and whose first `count` bytes
    /// (fewer in a shorter file) and size `isOurs` recognises. Anything else is left. Returns the
    /// names removed, in order.
    @discardableResult
    package static func removeKilledRunsFiles(in folder: String, of names: [String], reading count: Int,
                                              isOurs: (_ start: [UInt8], _ size: Int) -> Bool) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for entry in entries.sorted() {
            guard let name = names.first(where: { entry.hasPrefix("." + $0 + ".tmp-") }),
                  let pid = leftoverProcess(entry, of: name) else { continue }
            let path = folder + "/" + entry
            // Not following a link, and not waiting on a FIFO.
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var info = stat()
            var start = [UInt8](repeating: 0, count: count)
            let regular = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid()
            let read = regular ? Foundation.read(fd, &start, count) : -1
            close(fd)
            guard read >= 0, isOurs(Array(start.prefix(read)), Int(info.st_size)), processHasEnded(pid) else { continue }
            if unlink(path) == 0 { removed.append(entry) }
        }
        return removed
    }

    /// Gives the new file `fd` the mode `FileModes.newFile`, lets `body` write it, and closes it;
    /// a failure names `file`, the target.
    private static func finish(_ fd: Int32, at file: URL, _ body: (Int32) throws -> Void) throws {
        do {
            guard fchmod(fd, FileModes.newFile) == 0 else { throw Failure.io(file.path, String(cString: strerror(errno))) }
            try body(fd)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw Failure.io(file.path, String(cString: strerror(errno))) }
    }

    /// Writes a file that does not exist yet, with plain POSIX calls: the staging folder is
    /// already private and swapped in whole, so FileManager's per-file atomic write (a temporary
    /// file, a rename and an fsync for each page) only costs time.
    /// `parts` are written one after the other.
    package static func writeNew(_ parts: [UnsafeRawBufferPointer], at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, FileModes.newFile)
        guard fd >= 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        // The same mode however the folder's default ACL would have it.
        guard fchmod(fd, FileModes.newFile) == 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
        try writeAll(parts, to: fd, path: path)
    }

    /// Writes `parts`, one after the other, to `fd`; a failure names `path`.
    package static func writeAll(_ parts: [UnsafeRawBufferPointer], to fd: Int32, path: String) throws {
        for buffer in parts {
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { break }
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure.io(path, String(cString: strerror(errno)))
                }
                offset += n
            }
        }
    }

    /// Output paths come from content (objective ids become file names), so each is checked.
    package static func checkRelative(_ path: String) throws {
        // On bytes, a component at a time: this runs for every file a build writes.
        var component = 0, dots = 0, safe = !path.isEmpty
        for byte in path.utf8 where safe {
            switch byte {
            case UInt8(ascii: "/"):
                // An empty component (a leading, doubled or trailing `/`), `.` or `..`.
                safe = component > 0 && !(dots == component && dots <= 2)
                component = 0
                dots = 0
            case UInt8(ascii: "\\"), 0:
                safe = false
            default:
                component += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        if !safe || component == 0 || (dots == component && dots <= 2) { throw Failure.unsafePath(path) }
    }
}

/// Whether the process `pid` has ended: the test before removing what a killed run of evident left.
/// Only `ESRCH` says so; a process of another user (`EPERM`) is running.
package func processHasEnded(_ pid: pid_t) -> Bool {
    kill(pid, 0) != 0 && errno == ESRCH
}
