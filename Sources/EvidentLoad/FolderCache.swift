import EvidentModel
import Foundation

/// The parsed files of a content folder's last load, for `serve`, by path inside the folder: a file
/// is parsed again only once the caller reports it changed (`changed`), or a folder above it, or
/// everything (`forgetAll`); the caller is a watcher that sees every write. Parsing a file reads
/// nothing but that file, so a file not reported changed parses as it did, and a load with the
/// cache gives what a load without it gives.
///
/// Linked files are never kept: a write to the file a link points to names the target, not the link.
package final class FolderCache: @unchecked Sendable {
    // Guards everything below: a load parses files on every core at once.
    private let lock = NSLock()
    private var files: [String: ContentLoader.ParsedFile] = [:]
    /// The display root the files were parsed under: their findings and values carry it.
    private var displayRoot: String?
    /// The paths parsed (not found) by the load under way, and those it found.
    private var parsedNow = 0
    private var foundNow = 0
    private var patchedNow = false
    /// The files the last load listed but did not keep (links), sorted.
    private var unkept: [String] = []
    /// The files the last load listed, in walk order: `files` holds none but these.
    private var listed: [String] = []
    /// The last load's content, where each objective, review, communication and requirement file
    /// put its value, and what the walk found; nil when the load listed a link (read every time).
    private var last: (content: ContentSet, slots: [String: Slot], walkFindings: [Finding])?

    /// Where a file's value is in a `ContentSet`'s list of its kind.
    enum Slot: Sendable {
        case objective(Int), review(Int), communication(Int), requirement(Int)
    }

    /// What the walk found in each folder (inside the content folder) and under it, for the
    /// folders in which nothing was reported changed since.
    private var listings: [String: (entries: [ContentWalker.Entry], findings: [Finding])] = [:]

    package init() {}

    /// Forgets the files at `paths` (inside the content folder, with `/`) and every file under them;
    /// `""` or `"."` forgets everything.
    package func changed(_ paths: some Sequence<String>) {
        lock.withLock {
            for path in paths {
                if path.isEmpty || path == "." {
                    forgetLocked()
                    return
                }
                // The walk skips hidden names: nothing at or under one is content (an editor's
                // temporary file, for instance), and no listing shows it.
                if path.split(separator: "/").contains(where: { $0.first == "." }) { continue }
                let folder = path + "/"
                // A path that was a file has nothing kept under it: the walk that kept it saw no folder there.
                if files.removeValue(forKey: path) == nil, files.keys.contains(where: { $0.hasPrefix(folder) }) {
                    files = files.filter { !$0.key.hasPrefix(folder) }
                }
                // The listings of the path, of every folder above it, and of every folder under it.
                var above = Substring(path)
                while true {
                    listings[String(above)] = nil
                    guard let slash = above.lastIndex(of: "/") else { break }
                    above = above[..<slash]
                }
                if listings.keys.contains(where: { $0.hasPrefix(folder) }) {
                    listings = listings.filter { !$0.key.hasPrefix(folder) }
                }
            }
        }
    }

    /// Forgets every file: the next load parses them all.
    package func forgetAll() {
        lock.withLock { forgetLocked() }
    }

    private func forgetLocked() {
        files = [:]
        last = nil
        listings = [:]
    }

    /// How many files the last load parsed, and how many it took from the cache.
    var lastLoad: (parsed: Int, reused: Int) { lock.withLock { (parsedNow, foundNow) } }

    /// The files of the last load that are not kept (links): parsed again on every load, they may
    /// have changed without being reported.
    package var lastUnkept: [String] { lock.withLock { unkept } }

    /// Begins a load under `displayRoot`: a cache filled under another root is emptied.
    func begin(displayRoot root: String) {
        lock.withLock {
            if displayRoot != root { forgetLocked() }
            displayRoot = root
            parsedNow = 0
            foundNow = 0
        }
    }

    /// The walk's listing of `folder` as it was stored, unless something in it was reported changed.
    func listing(of folder: String) -> (entries: [ContentWalker.Entry], findings: [Finding])? {
        lock.withLock { listings[folder] }
    }

    func store(listing: (entries: [ContentWalker.Entry], findings: [Finding]), of folder: String) {
        lock.withLock { listings[folder] = listing }
    }

    /// The parsed form kept for each of `entries` at `indices`, taken under one lock; nil for a
    /// file not kept (new, reported changed, or a link).
    func parsed(_ entries: [ContentWalker.Entry], at indices: [Int]) -> [ContentLoader.ParsedFile?] {
        lock.withLock {
            indices.map { index in
                guard !entries[index].isLink, let found = files[entries[index].relative] else { return nil }
                foundNow += 1
                return found
            }
        }
    }

    /// Those of `indices` whose entries `parsed(_:at:)` would give nil for, without copying what
    /// is kept (nor counting it found: a patch that fails goes on to `parsed(_:at:)`).
    func notKept(_ entries: [ContentWalker.Entry], at indices: [Int]) -> [Int] {
        lock.withLock {
            // `index(forKey:)`: a look-up through the subscript would copy the parsed file.
            indices.filter { entries[$0].isLink || files.index(forKey: entries[$0].relative) == nil }
        }
    }

    func store(_ parsed: ContentLoader.ParsedFile, for entry: ContentWalker.Entry) {
        lock.withLock {
            parsedNow += 1
            if !entry.isLink { files[entry.relative] = parsed }
        }
    }

    /// The last load's content and slots, if it listed exactly `listed` and the walk found
    /// `walkFindings` again. Its files reported changed since are parsed again, not kept.
    func lastContent(listed paths: [String], walkFindings: [Finding]) -> (ContentSet, [String: Slot])? {
        lock.withLock {
            guard let last, paths == listed, last.walkFindings == walkFindings else { return nil }
            return (last.content, last.slots)
        }
    }

    /// Keeps a load's content for `lastContent`, unless it listed a link; `patched`: it was the
    /// last load's content with the files parsed again put in their places.
    /// `found`: for a patched load, how many of its files it took as they were kept.
    func keep(_ content: ContentSet, slots: [String: Slot], walkFindings: [Finding], links: Bool, patched: Bool, found: Int = 0) {
        lock.withLock {
            last = links ? nil : (content, slots, walkFindings)
            patchedNow = patched
            foundNow += found
        }
    }

    /// Whether the last load was the load before it with the files parsed again put in their places.
    var lastLoadWasPatched: Bool { lock.withLock { patchedNow } }

    /// Ends a load that parsed or found each file it listed (`paths`, in walk order; the `links`
    /// among them are never kept): keeps those files. A load lists the same files as the last one
    /// unless files came or went, and then nothing is to be dropped.
    func end(listed paths: [String], links: [String]) {
        lock.withLock {
            if paths != listed {
                let now = Set(paths)
                files = files.filter { now.contains($0.key) }
                listed = paths
            }
            unkept = links.sorted()
        }
    }
}
