import EvidentModel
import Foundation

/// Parsed content files by kind, display path and text. `evident diff` loads two trees that share
/// almost every file; with the same display root on both sides, the second load parses only the
/// files that differ. Parsing a file reads nothing but that file, so equal inputs give equal results.
package final class ParseCache: @unchecked Sendable {
    private struct Key: Hashable {
        var kind: ContentWalker.Kind
        var path: String
        var text: String

        // A path is loaded once per tree, so it alone spreads the keys; hashing the text too would
        // cost more than the parse it saves on a small file. Equality still compares the text.
        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(path)
        }
    }

    /// A revision's file by git's object id: found without decoding or comparing its text.
    private struct ObjectKey: Hashable {
        var kind: ContentWalker.Kind
        var path: String
        var object: String
    }

    private var files: [Key: ContentLoader.ParsedFile] = [:]
    private var objects: [ObjectKey: ContentLoader.ParsedFile] = [:]
    private var reused: Set<String> = []
    /// Set once no later load will look anything up: the last load's parses are not kept.
    private var closed = false
    // Loading parses files on every core at once.
    private let lock = NSLock()

    package init() {}

    func parsed(_ kind: ContentWalker.Kind, _ source: SourceText) -> ContentLoader.ParsedFile? {
        lock.withLock {
            guard !files.isEmpty, let parsed = files[Key(kind: kind, path: source.path, text: source.text)] else { return nil }
            reused.insert(source.path)
            return parsed
        }
    }

    func parsed(_ kind: ContentWalker.Kind, path: String, object: String) -> ContentLoader.ParsedFile? {
        lock.withLock {
            guard let parsed = objects[ObjectKey(kind: kind, path: path, object: object)] else { return nil }
            reused.insert(path)
            return parsed
        }
    }

    /// Whether a revision's file is held by its object id: a load that finds it there reads none of its bytes.
    package func holds(_ kind: ContentWalker.Kind, path: String, object: String) -> Bool {
        lock.withLock { objects[ObjectKey(kind: kind, path: path, object: object)] != nil }
    }

    /// Keeps no further parse: called before the last load, whose parses no one looks up.
    package func close() {
        lock.withLock { closed = true }
    }

    /// Lets go of every parse held, once the last load is over: its tables would otherwise be held
    /// beside both sides' checks. The paths reused stay.
    package func release() {
        lock.withLock {
            closed = true
            files = [:]
            objects = [:]
        }
    }

    /// The paths whose parse was reused: files that two loads found identical.
    package func reusedPaths() -> Set<String> { lock.withLock { reused } }

    /// A file of a folder is stored by its text, a file of a revision by its object id only:
    /// folders load before revisions, so no later load looks a revision's file up by text, and
    /// no revision's text is kept alive as a key.
    func store(_ parsed: ContentLoader.ParsedFile, _ kind: ContentWalker.Kind, _ source: SourceText, object: String? = nil) {
        lock.withLock {
            if closed { return }
            if let object {
                objects[ObjectKey(kind: kind, path: source.path, object: object)] = parsed
            } else {
                files[Key(kind: kind, path: source.path, text: source.text)] = parsed
            }
        }
    }

    func store(_ parsed: ContentLoader.ParsedFile, _ kind: ContentWalker.Kind, path: String, object: String) {
        lock.withLock {
            if !closed { objects[ObjectKey(kind: kind, path: path, object: object)] = parsed }
        }
    }
}
