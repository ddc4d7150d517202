import EvidentModel
import Foundation

/// Parsed content files by kind, display path and git blob id. `evident diff` loads two trees that
/// share almost every file; with the same display root on both sides, the second load parses only
/// the files that differ. Parsing a file reads nothing but its kind, path and bytes, so equal
/// keys give equal results.
///
/// A revision's file comes with git's id and is found without reading its bytes; a folder's file
/// gets the id git would give its bytes (`format`). No text is kept as a key, and a revision whose
/// files the cache holds can let go of their bytes before it loads (`DiffLoader.detached`).
package final class ParseCache: @unchecked Sendable {
    private struct Key: Hashable {
        var kind: ContentWalker.Kind
        var path: String
        var object: String
    }

    /// The ids folders' files get: those of the repository whose revisions are compared. Two folders
    /// compare by SHA-256, which no one can make two texts share.
    let format: GitObjectFormat
    private var files: [Key: ContentLoader.ParsedFile] = [:]
    private var reused: Set<String> = []
    /// Set once no later load will look anything up: the last load's parses are not kept.
    private var closed = false
    /// In a walk through commits (`walking`, `init(after:)`), every parse the load in progress found
    /// or made, for the next commit's load to look up; nil in a diff of two sides.
    private var thisLoad: [Key: ContentLoader.ParsedFile]?
    // Loading parses files on every core at once.
    private let lock = NSLock()

    package init(format: GitObjectFormat = .sha256) {
        self.format = format
    }

    /// A cache for the first load of a walk through commits: it finds nothing, and keeps that
    /// load's parses for the next (`init(after:)`).
    package static func walking(format: GitObjectFormat) -> ParseCache {
        let cache = ParseCache(format: format)
        cache.closed = true
        cache.thisLoad = [:]
        return cache
    }

    /// A cache for the next load of a walk: it takes exactly the parses of `earlier`'s load (which
    /// keeps none), so that the paths it reuses are the files the two commits share, and keeps its
    /// own load's.
    package init(after earlier: ParseCache) {
        format = earlier.format
        files = earlier.lock.withLock {
            defer { earlier.thisLoad = [:] }
            return earlier.thisLoad ?? [:]
        }
        closed = true
        thisLoad = [:]
    }

    func parsed(_ kind: ContentWalker.Kind, path: String, object: String) -> ContentLoader.ParsedFile? {
        lock.withLock {
            let key = Key(kind: kind, path: path, object: object)
            guard let parsed = files[key] else { return nil }
            reused.insert(path)
            thisLoad?[key] = parsed
            return parsed
        }
    }

    /// Whether a file is held by its object id: a load that finds it there reads none of its bytes.
    func holds(_ kind: ContentWalker.Kind, path: String, object: String) -> Bool {
        lock.withLock { files[Key(kind: kind, path: path, object: object)] != nil }
    }

    /// Keeps no further parse: called before the last load, whose parses no one looks up.
    package func close() {
        lock.withLock { closed = true }
    }

    /// Lets go of every parse held, once the last load is over: its tables would otherwise be held
    /// beside both sides' checks. The paths reused stay, and in a walk, the load's own parses.
    package func release() {
        lock.withLock {
            closed = true
            files = [:]
        }
    }

    /// The paths whose parse was reused: files that two loads found identical.
    package func reusedPaths() -> Set<String> { lock.withLock { reused } }

    func store(_ parsed: ContentLoader.ParsedFile, _ kind: ContentWalker.Kind, path: String, object: String) {
        lock.withLock {
            let key = Key(kind: kind, path: path, object: object)
            if !closed { files[key] = parsed }
            thisLoad?[key] = parsed
        }
    }
}
