@testable import EvidentServe
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Watching with inotify: a change is seen at once (well under any poll interval), in folders made
/// after the start too, and an editor's save (write a temporary file, rename it over the old one)
/// is one change.
@Suite(.serialized) struct InotifyWatcherTests {
    /// Counts the changes reported, and keeps what they said.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [EvidentServe.Changes] = []
        var value: Int { lock.withLock { reports.count } }
        var last: EvidentServe.Changes? { lock.withLock { reports.last } }
        func add(_ changes: EvidentServe.Changes) { lock.withLock { reports.append(changes) } }
        /// Whether the last report names `path` (a write may name a temporary file beside it too).
        func lastNames(_ path: String) -> Bool {
            if case let .paths(paths) = last { return paths.contains(path) }
            return false
        }

        /// Waits until at least `count` changes came, at most `seconds`; the time it took.
        func wait(for count: Int, seconds: Double) -> Double? {
            let start = Date()
            while Date().timeIntervalSince(start) < seconds {
                if value >= count { return Date().timeIntervalSince(start) }
                Thread.sleep(forTimeInterval: 0.005)
            }
            return nil
        }
    }

    func folder() throws -> URL {
        // Standardized, as reports name paths (the temporary folder may be given with a trailing `/`).
        let dir = URL(fileURLWithPath: Watch.standardized(FileManager.default.temporaryDirectory.path))
            .appendingPathComponent("evident-inotify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("objectives/process"), withIntermediateDirectories: true)
        try Data("one".utf8).write(to: dir.appendingPathComponent("objectives/process/a.md"))
        return dir
    }

    @Test(.timeLimit(.minutes(5))) func seesEditsNewFoldersAndRemovals() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let watcher = try InotifyWatcher(roots: [dir.path, dir.appendingPathComponent("no-such-templates").path])
        let changes = Seen()
        watcher.start(onChange: { changes.add($0) }, onFailure: { Issue.record("inotify failed: \($0)") })
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)
        // Nothing changed yet. On a loaded machine a late event of the folder's own making has been
        // seen here once: it costs one needless rebuild, never a missed change, so count from here.
        let quiet = changes.value
        #expect(quiet <= 1, "nothing changed yet")

        // An edit deep in the tree: seen in well under the default poll interval of a second.
        try Data("two".utf8).write(to: dir.appendingPathComponent("objectives/process/a.md"))
        let took = try #require(changes.wait(for: quiet + 1, seconds: 5), "the edit was not seen")
        #expect(took < 0.75, "seen after \(took) s")
        #expect(changes.lastNames(dir.path + "/objectives/process/a.md"), "the report names the file edited: \(String(describing: changes.last))")

        // A folder made after the start, and a file in it made later: both seen.
        Thread.sleep(forTimeInterval: 0.2)
        let new = dir.appendingPathComponent("objectives/new")
        try FileManager.default.createDirectory(at: new, withIntermediateDirectories: true)
        #expect(changes.wait(for: quiet + 2, seconds: 5) != nil)
        Thread.sleep(forTimeInterval: 0.2)
        let settled = changes.value
        try Data("x".utf8).write(to: new.appendingPathComponent("b.md"))
        #expect(changes.wait(for: settled + 1, seconds: 5) != nil, "a file in a new folder was not seen")
        #expect(changes.lastNames(new.path + "/b.md"))

        // A removal.
        Thread.sleep(forTimeInterval: 0.2)
        let before = changes.value
        try FileManager.default.removeItem(at: new.appendingPathComponent("b.md"))
        #expect(changes.wait(for: before + 1, seconds: 5) != nil, "a removal was not seen")
        #expect(changes.lastNames(new.path + "/b.md"))

        // A templates folder that appears after the start is watched too.
        Thread.sleep(forTimeInterval: 0.2)
        let appeared = changes.value
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("no-such-templates"), withIntermediateDirectories: true)
        #expect(changes.wait(for: appeared + 1, seconds: 5) != nil)
        #expect(changes.last == .unknown, "a root that appears may hold anything")
        Thread.sleep(forTimeInterval: 0.2)
        let inside = changes.value
        try Data("{{x}}".utf8).write(to: dir.appendingPathComponent("no-such-templates/layout.mustache"))
        #expect(changes.wait(for: inside + 1, seconds: 5) != nil, "a file in a root made after the start was not seen")
    }

    @Test(.timeLimit(.minutes(5))) func anEditorsSaveIsOneChange() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A quiet window far longer than the default: the test is about what one burst holds, and
        // a machine busy enough (a fuzzer on every core) paused this thread for more than 300 ms
        // between two steps of the save, which ended the burst in the middle.
        let watcher = try InotifyWatcher(roots: [dir.path], quiet: 1.5)
        let changes = Seen()
        watcher.start(onChange: { changes.add($0) }, onFailure: { Issue.record("inotify failed: \($0)") })
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)

        // What vim and most editors do: a backup by rename, a new file, a rename over, a chmod.
        let file = dir.appendingPathComponent("objectives/process/a.md")
        let backup = dir.appendingPathComponent("objectives/process/a.md~")
        let temporary = dir.appendingPathComponent("objectives/process/.a.md.tmp")
        try FileManager.default.moveItem(at: file, to: backup)
        try Data("saved".utf8).write(to: temporary)
        _ = rename(temporary.path, file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try FileManager.default.removeItem(at: backup)
        #expect(changes.wait(for: 1, seconds: 10) != nil)
        Thread.sleep(forTimeInterval: 2)
        #expect(changes.value == 1, "one save, \(changes.value) changes")
        #expect(changes.lastNames(file.path) && changes.lastNames(backup.path), "the save names the file and the editor's own files")
    }

    /// Hidden names are never content nor theme: writes under a git repository's `.git` and to an
    /// editor's swap file, lock or hidden temporary file report nothing, and hidden folders are
    /// not watched. The first report after them names only the file written next.
    @Test(.timeLimit(.minutes(5))) func hiddenFilesAndFoldersReportNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/objects/ab"), withIntermediateDirectories: true)
        let watcher = try InotifyWatcher(roots: [dir.path])
        let changes = Seen()
        watcher.start(onChange: { changes.add($0) }, onFailure: { Issue.record("inotify failed: \($0)") })
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)
        let quiet = changes.value

        try Data("index".utf8).write(to: dir.appendingPathComponent(".git/index"))
        try Data("object".utf8).write(to: dir.appendingPathComponent(".git/objects/ab/cdef"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git/objects/cd"), withIntermediateDirectories: true)
        try Data("object".utf8).write(to: dir.appendingPathComponent(".git/objects/cd/ef01"))
        try Data("swap".utf8).write(to: dir.appendingPathComponent("objectives/process/.a.md.swp"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("objectives/process/.#a.md").path,
                                                   withDestinationPath: "user@host.1234")
        let file = dir.appendingPathComponent("objectives/process/a.md")
        try Data("edited".utf8).write(to: file)
        #expect(changes.wait(for: quiet + 1, seconds: 5) != nil, "the edit was not seen")
        #expect(changes.last == .paths([file.path]), "\(String(describing: changes.last))")
    }

    /// A folder moved out of the content is no longer watched: writing in it later starts no
    /// rebuild. A folder moved within the content is watched at its new path, and a write in it
    /// is reported there.
    @Test(.timeLimit(.minutes(5))) func aFolderMovedOutIsForgottenAndOneMovedWithinFollowed() throws {
        let dir = try folder()
        let outside = dir.deletingLastPathComponent().appendingPathComponent("\(dir.lastPathComponent)-outside")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("objectives/team/deep"), withIntermediateDirectories: true)
        let watcher = try InotifyWatcher(roots: [dir.path])
        let changes = Seen()
        watcher.start(onChange: { changes.add($0) }, onFailure: { Issue.record("inotify failed: \($0)") })
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.3)

        // Moved within: a write in the moved folder is reported at its new path.
        var before = changes.value
        try FileManager.default.moveItem(at: dir.appendingPathComponent("objectives/team"), to: dir.appendingPathComponent("objectives/crew"))
        #expect(changes.wait(for: before + 1, seconds: 5) != nil, "the move was not seen")
        Thread.sleep(forTimeInterval: 0.2)
        before = changes.value
        try Data("x".utf8).write(to: dir.appendingPathComponent("objectives/crew/deep/b.md"))
        #expect(changes.wait(for: before + 1, seconds: 5) != nil, "a write in a folder moved within was not seen")
        #expect(changes.lastNames(dir.path + "/objectives/crew/deep/b.md"), "\(String(describing: changes.last))")

        // Moved out: seen once, then nothing that happens in it counts.
        Thread.sleep(forTimeInterval: 0.2)
        before = changes.value
        try FileManager.default.moveItem(at: dir.appendingPathComponent("objectives/crew"), to: outside)
        #expect(changes.wait(for: before + 1, seconds: 5) != nil, "the move out was not seen")
        Thread.sleep(forTimeInterval: 0.3)
        before = changes.value
        try Data("y".utf8).write(to: outside.appendingPathComponent("deep/c.md"))
        try Data("z".utf8).write(to: outside.appendingPathComponent("d.md"))
        Thread.sleep(forTimeInterval: 0.6)
        #expect(changes.value == before, "a write outside the content was reported: \(String(describing: changes.last))")
        // And the content is still watched.
        try Data("w".utf8).write(to: dir.appendingPathComponent("objectives/process/a.md"))
        #expect(changes.wait(for: before + 1, seconds: 5) != nil, "an edit in the content after the move out was not seen")
    }

    /// After which events of the saves editors make the burst may end early: the event that puts
    /// the file in place, once the editor's own files are gone; never in the middle.
    @Test func aSaveEndsWhenTheFileIsInPlaceAndTheEditorsFilesAreGone() {
        func ends(_ events: [(Int32, String)]) -> [Bool] {
            var tracker = SaveTracker()
            return events.map { mask, path in
                tracker.note(UInt32(mask), path)
                return tracker.ended
            }
        }
        // Written in place (VS Code): closed after writing.
        #expect(ends([(IN_MODIFY, "o/a.md"), (IN_CLOSE_WRITE, "o/a.md")]) == [false, true])
        // A hidden temporary file renamed over the old one.
        #expect(ends([(IN_CREATE, "o/.a.md.tmp"), (IN_MODIFY, "o/.a.md.tmp"), (IN_CLOSE_WRITE, "o/.a.md.tmp"),
                      (IN_MOVED_FROM, "o/.a.md.tmp"), (IN_MOVED_TO, "o/a.md")]) == [false, false, false, false, true])
        // vim: the old file renamed to a backup, a new file written, its mode set, the backup deleted.
        #expect(ends([(IN_MOVED_FROM, "o/a.md"), (IN_MOVED_TO, "o/a.md~"), (IN_CREATE, "o/a.md"), (IN_CLOSE_WRITE, "o/a.md"),
                      (IN_ATTRIB, "o/a.md"), (IN_DELETE, "o/a.md~")]) == [false, false, false, false, false, false])
        // JetBrains' safe write: a temporary file, the old one kept aside until the new is in place.
        #expect(ends([(IN_CREATE, "o/a.md___jb_tmp___"), (IN_CLOSE_WRITE, "o/a.md___jb_tmp___"), (IN_MOVED_FROM, "o/a.md"),
                      (IN_MOVED_TO, "o/a.md___jb_old___"), (IN_MOVED_FROM, "o/a.md___jb_tmp___"), (IN_MOVED_TO, "o/a.md"),
                      (IN_DELETE, "o/a.md___jb_old___")]) == [false, false, false, false, false, false, false])
        // A folder renamed into place is not a save; nor is a file evident does not read.
        #expect(ends([(IN_MOVED_TO | IN_ISDIR, "o/new.md")]) == [false])
        #expect(ends([(IN_CLOSE_WRITE, "o/notes.txt")]) == [false])
    }

    @Test(.timeLimit(.minutes(5))) func pollsWhenInotifyCannotWatch() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let settings = try ServeSettings(port: 0, pollInterval: 0.1, watched: [dir.path])
        let watch = Watch(settings: settings) { _ throws(WatchFailure) in throw WatchFailure(description: "the watch limit is reached") }
        let changes = Seen()
        let polling = watch.start(onChange: { changes.add($0) }, fellBack: { _ in Issue.record("fell back twice") })
        defer { watch.stop() }
        #expect(polling?.description == "the watch limit is reached")
        try Data("two, longer".utf8).write(to: dir.appendingPathComponent("objectives/process/a.md"))
        #expect(changes.wait(for: 1, seconds: 5) != nil, "polling did not see the edit")
        #expect(changes.lastNames(dir.path + "/objectives/process/a.md"), "the report names the file edited: \(String(describing: changes.last))")
    }
}
