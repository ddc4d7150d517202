import EvidentSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why inotify cannot watch the folders (no inotify, or more folders than the user's watch limit):
/// `serve` polls instead.
package struct WatchFailure: Error, Sendable, CustomStringConvertible {
    package let description: String
}

/// Watches folders with Linux inotify: one watch on every folder under the roots but hidden ones
/// (folders made later are watched as they appear) and one on each root's parent for the root's own name, so a
/// root moved away and back is seen. A change is reported once no event has come for `quiet`
/// seconds, so an editor's write-to-temporary-then-rename is one change, not three; after an
/// event that ends a save (`SaveTracker`), a fifth of that is enough.
final class InotifyWatcher: @unchecked Sendable {
    private let fd: Int32
    private let roots: [String]
    private let quiet: Double
    /// Only the watcher's thread touches these once it has started.
    private var folders: [Int32: String] = [:]
    /// The device and inode each folder watch is on: a watch follows its folder wherever it moves.
    private var watchedInodes: [Int32: [UInt64]] = [:]
    /// Folders moved away from their paths in the burst being read (`forgetFoldersMovedOut`).
    private var movedAway: Set<String> = []
    /// Watches on a root's parent: the names (roots) that count there, and the parent's path.
    private var parents: [Int32: Set<String>] = [:]
    private var parentPaths: [Int32: String] = [:]
    /// The paths named by the events since the last report; nil once the report must be `.unknown`.
    private var pending: Set<String>? = []
    /// The saves of the burst being read.
    private var saves = SaveTracker()
    // Guards `stopped`.
    private let lock = NSLock()
    private var stopped = false

    /// Every change (edit, new, moved, removed file or folder, attributes).
    static let folderMask: UInt32 = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
        | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_MASK_ADD)
    /// A root appearing or going in its parent.
    static let parentMask: UInt32 = UInt32(IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ONLYDIR | IN_MASK_ADD)

    /// Watches every folder under `roots` from now on (events queue until `start`). Throws when
    /// inotify is missing or a watch cannot be added, so the caller can poll instead.
    init(roots: [String], quiet: Double = 0.05) throws(WatchFailure) {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard descriptor >= 0 else { throw Self.failure("inotify_init1", errno) }
        fd = descriptor
        self.roots = roots.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        self.quiet = quiet
        do {
            for root in self.roots {
                try watchParent(of: root)
                try watchTree(root)
            }
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(fd)
    }

    /// Calls `onChange` on a thread of its own after each settled burst of changes, with the paths
    /// the burst's events named (and waits for it to return before looking again; changes made
    /// meanwhile queue and give one more call). `onFailure` is called, and watching ends, when a
    /// new folder cannot be watched.
    func start(onChange: @escaping @Sendable (Changes) -> Void, onFailure: @escaping @Sendable (WatchFailure) -> Void) {
        Thread.detachNewThread { [self] in
            while !isStopped {
                do throws(WatchFailure) {
                    // Idle: wake now and then to see whether to stop.
                    guard try readEvents(waiting: 0.25) == .changed else { continue }
                    // A burst: go on reading until it has been quiet for a while, but rebuild
                    // after half a second of steady events (a file being written all the time).
                    // Events of hidden names count as events here: an editor's temporary file is
                    // part of its save.
                    let burst = Date()
                    while try readEvents(waiting: saves.ended ? quiet / 5 : quiet) != .none, !isStopped,
                          Date().timeIntervalSince(burst) < 0.5 {}
                } catch {
                    onFailure(error)
                    return
                }
                if isStopped { return }
                forgetFoldersMovedOut()
                let changes = pending.map(Changes.paths) ?? .unknown
                pending = []
                saves = SaveTracker()
                onChange(changes)
            }
        }
    }

    func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// What a wait for events found.
    private enum Read: Equatable {
        /// No event came.
        case none
        /// Events came, none of which counts as a change (hidden names only).
        case ignored
        /// An event came that counts as a change.
        case changed
    }

    /// Waits up to `seconds` for events and handles those that came.
    private func readEvents(waiting seconds: Double) throws(WatchFailure) -> Read {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(seconds * 1000)) > 0 else { return .none }
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            if try handle(buffer[0..<count]) { changed = true }
        }
        return changed ? .changed : .ignored
    }

    /// Handles the events in `bytes` (whole `inotify_event`s, as `read` returns them).
    private func handle(_ bytes: ArraySlice<UInt8>) throws(WatchFailure) -> Bool {
        let header = MemoryLayout<inotify_event>.size
        var changed = false
        var offset = bytes.startIndex
        while bytes.endIndex - offset >= header {
            let wd = Int32(bitPattern: Self.word(bytes, offset))
            let mask = Self.word(bytes, offset + 4)
            let length = Int(Self.word(bytes, offset + 12))
            guard length <= bytes.endIndex - offset - header else { break }
            let nameBytes = bytes[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: watch whatever folders exist now, and rebuild everything.
                for root in roots { try watchTree(root) }
                pending = nil
                changed = true
                continue
            }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders[wd] = nil
                watchedInodes[wd] = nil
                parents[wd] = nil
                parentPaths[wd] = nil
                continue
            }
            // A hidden name (`.git`, an editor's swap or lock file) is never content nor theme:
            // its events change nothing, and a hidden folder is not watched.
            if let folder = folders[wd], name.first != "." {
                changed = true
                // A folder's own event (deleted, moved, attributes) has no name: it names the folder.
                let path = name.isEmpty ? folder : folder == "/" ? "/" + name : folder + "/" + name
                pending?.insert(path)
                saves.note(mask, path)
                // A folder made, moved in, or whose mode changed (a folder that could not be read
                // when it came, `chmod 000`, is watched once it can be).
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO | IN_ATTRIB) != 0, !name.isEmpty {
                    try watchTree(folder + "/" + name)
                }
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_MOVED_FROM) != 0, !name.isEmpty { movedAway.insert(path) }
            }
            if let names = parents[wd], names.contains(name) {
                changed = true
                // A root itself went or came back: anything under it may differ.
                pending = nil
                if let parent = parentPaths[wd], mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    try watchTree(parent == "/" ? "/" + name : parent + "/" + name)
                }
            }
        }
        return changed
    }

    /// A 32-bit field of an event, in the machine's byte order.
    private static func word(_ bytes: ArraySlice<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        withUnsafeMutableBytes(of: &value) { raw in
            for index in 0..<4 { raw[index] = bytes[at + index] }
        }
        return value
    }

    private func watchParent(of root: String) throws(WatchFailure) {
        let url = URL(fileURLWithPath: root)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard root != "/", !name.isEmpty else { return }
        let wd = inotify_add_watch(fd, parent, Self.parentMask)
        guard wd >= 0 else {
            // A root's parent that cannot be watched (gone, not readable) only loses the
            // root-moved-back case; no inotify at all is another matter.
            let code = errno
            if code == ENOSPC || code == ENOMEM { throw Self.failure("cannot watch \(parent)", code) }
            return
        }
        parents[wd, default: []].insert(name)
        parentPaths[wd] = parent
    }

    /// Watches `folder` and every folder under it (following links to folders, once each).
    private func watchTree(_ folder: String) throws(WatchFailure) {
        var seen = Set<[UInt64]>()
        var pending = [folder]
        while let path = pending.popLast() {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            guard seen.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { continue }
            let wd = inotify_add_watch(fd, path, Self.folderMask)
            guard wd >= 0 else {
                let code = errno
                // Gone already (removed right after it was made): nothing to watch. Not readable
                // (mode 000, another user's): loading reports it, and it is watched when its mode
                // changes (`IN_ATTRIB` in its parent), so one such folder does not end inotify.
                if code == ENOENT || code == ENOTDIR || (code == EACCES && !roots.contains(path)) { continue }
                throw Self.failure("cannot watch \(path)", code)
            }
            folders[wd] = path
            watchedInodes[wd] = [UInt64(info.st_dev), UInt64(info.st_ino)]
            guard let dir = opendir(path) else { continue }
            defer { closedir(dir) }
            for entry in directoryEntries(dir) where entry.name.first != "." {
                let type = entry.type
                if type == Int32(DT_DIR) || type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                    pending.append(path == "/" ? "/" + entry.name : path + "/" + entry.name)
                }
            }
        }
    }

    /// Ends the watches of folders moved out of the roots (or to a hidden name) in the last burst,
    /// whose events would otherwise still be reported under their old paths. A folder moved within
    /// the roots was watched again at its new path when it arrived there (`inotify_add_watch` on
    /// the same folder gives the same watch), so its path no longer starts with the old one.
    private func forgetFoldersMovedOut() {
        defer { movedAway = [] }
        guard !movedAway.isEmpty else { return }
        for (wd, path) in folders where movedAway.contains(where: { path == $0 || path.hasPrefix($0 + "/") }) {
            var info = stat()
            let there = stat(path, &info) == 0 ? [UInt64(info.st_dev), UInt64(info.st_ino)] : nil
            guard there != watchedInodes[wd] else { continue }
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
            watchedInodes[wd] = nil
        }
    }

    private static func failure(_ what: String, _ code: Int32) -> WatchFailure {
        let reason = code == ENOSPC ? "the inotify watch limit (fs.inotify.max_user_watches) is reached" : String(cString: strerror(code))
        return WatchFailure(description: "\(what): \(reason)")
    }
}

/// Whether the events of a burst so far end a save: the last is a file evident reads (not hidden)
/// closed after writing or renamed into place, and every other file that appeared in the burst
/// (an editor's backup `a.md~`, temporary `.a.md.tmp` or `a.md___jb_old___`) is gone again.
/// Anything else may be the middle of a save.
struct SaveTracker {
    /// The kinds of file the content and the theme are made of.
    static let readKinds = [".md", ".csv", ".yml", ".yaml", ".mustache", ".css", ".js", ".svg", ".png"]

    private(set) var ended = false
    /// Files of other kinds that appeared in the burst and have not gone.
    private var appeared: Set<String> = []

    mutating func note(_ mask: UInt32, _ path: String) {
        let name = path.split(separator: "/").last ?? ""
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        let read = !isFolder && name.first != "." && Self.readKinds.contains { name.hasSuffix($0) }
        if !read, !isFolder {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { appeared.insert(path) }
            if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { appeared.remove(path) }
        }
        ended = read && mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 && appeared.isEmpty
    }
}
