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
        let fm = FileManager.default
        let parent = file.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(file.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try createFolder(parent, for: file)
        do {
            guard fm.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o644]) else {
                throw Failure.io(file.path, String(cString: strerror(errno)))
            }
            guard rename(temporary.path, file.path) == 0 else {
                throw Failure.io(file.path, String(cString: strerror(errno)))
            }
        } catch {
            try? fm.removeItem(at: temporary)
            if let failure = error as? Failure { throw failure }
            throw Failure.io(file.path, error.localizedDescription)
        }
    }

    /// Writes `file` by handing `body` a new temporary sibling (mode 0644) to write, then renaming it
    /// over the target: a failed or killed run leaves the previous file as it was.
    package static func writeFile(to file: URL, _ body: (Int32) throws -> Void) throws {
        let parent = file.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(file.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try createFolder(parent, for: file)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io(file.path, String(cString: strerror(errno))) }
        do {
            guard fchmod(fd, 0o644) == 0 else { throw Failure.io(file.path, String(cString: strerror(errno))) }
            try body(fd)
            guard close(fd) == 0 else {
                unlink(temporary.path)
                throw Failure.io(file.path, String(cString: strerror(errno)))
            }
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw Failure.io(file.path, reason)
        }
    }

    /// Creates `folder` and the folders above it that are missing, for writing `file`. When that
    /// fails, the message names what is in the way: the nearest path above that exists and is no folder.
    static func createFolder(_ folder: URL, for file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            var above = folder
            while above.path != "/" && !above.path.isEmpty {
                var info = stat()
                if stat(above.path, &info) == 0 {
                    if info.st_mode & S_IFMT != S_IFDIR { throw Failure.io(file.path, "\(above.path) is a file, not a folder") }
                    break
                }
                above.deleteLastPathComponent()
            }
            throw Failure.io(file.path, error.localizedDescription)
        }
    }

    /// Writes a file that does not exist yet, with plain POSIX calls: the staging folder is
    /// already private and swapped in whole, so FileManager's per-file atomic write (a temporary
    /// file, a rename and an fsync for each page) only costs time.
    /// `parts` are written one after the other.
    package static func writeNew(_ parts: [UnsafeRawBufferPointer], at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        // The umask must not change the mode the pack and the site promise.
        guard fchmod(fd, 0o644) == 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
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
