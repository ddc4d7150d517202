import Foundation

/// The content files that go into the pack's `content/` folder: every file the loader reads and
/// every attachment under `evidence/`, as they are on disk. A pack is evidence, so nothing that
/// could come from outside the content tree is ever packed: no link (to a file or through a
/// folder), nothing but regular files, no name that is unsafe in a zip or a manifest.
public struct PackSources: Sendable {
    /// Path inside the pack (`content/…`) → bytes.
    public var files: [String: Data]
    /// Files that were left out, with why, sorted by path (`content/…`).
    public var excluded: [Excluded]

    public struct Excluded: Sendable, Hashable {
        public var path: String
        public var reason: String
    }

    public init(files: [String: Data] = [:], excluded: [Excluded] = []) {
        self.files = files
        self.excluded = excluded
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String, String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): "Cannot read \(path) for the pack: \(reason)"
            }
        }
    }

    /// Reads the content folder at `root` (the loaded `ContentSet.rootPath`).
    public static func read(root: String) throws -> PackSources {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let walker = ContentWalker(rootURL: rootURL, rootReal: rootURL.resolvingSymlinksInPath().path, displayRoot: ".")
        var sources = PackSources()
        let rootPath = rootURL.path
        // Files are read on every core: a large tree is tens of thousands of small files.
        let read = parallelMap(walker.walk().entries) { entry -> (String, Result<Result<Data, Refusal>, Error>) in
            let packPath = "content/" + entry.relative
            guard PackPath.isSafe(packPath) else {
                return (packPath, .success(.failure(Refusal(text: "its name cannot be written safely in a zip or a manifest"))))
            }
            if entry.kind == .evidence, !entry.relative.hasPrefix("evidence/") {
                return (packPath, .success(.failure(Refusal(text: "it is outside content/evidence/"))))
            }
            return (packPath, Result { try readRegularFile(root: rootPath, relative: entry.relative) })
        }
        for (packPath, outcome) in read {
            switch try outcome.get() {
            case let .success(data): sources.files[packPath] = data
            case let .failure(reason): sources.excluded.append(Excluded(path: packPath, reason: reason.text))
            }
        }
        sources.excluded.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return sources
    }

    struct Refusal: Error, Sendable {
        var text: String
    }

    /// Reads `root/relative` only if no component below `root` is a link and the file is a regular
    /// file; the final open uses O_NOFOLLOW so that a link swapped in after the check is refused too.
    static func readRegularFile(root: String, relative: String) throws -> Result<Data, Refusal> {
        var path = root
        let parts = relative.split(separator: "/").map(String.init)
        for (index, part) in parts.enumerated() {
            path += "/" + part
            var info = stat()
            guard lstat(path, &info) == 0 else {
                return .failure(Refusal(text: "it cannot be read (\(String(cString: strerror(errno))))"))
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                return .failure(Refusal(text: index == parts.count - 1 ? "it is a link" : "it lies in a linked folder"))
            }
            if index < parts.count - 1, type != S_IFDIR {
                return .failure(Refusal(text: "it cannot be read"))
            }
            if index == parts.count - 1, type != S_IFREG {
                return .failure(Refusal(text: "it is not a regular file"))
            }
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { return .failure(Refusal(text: "it is a link")) }
            throw Failure.unreadable(path, String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure(Refusal(text: "it is not a regular file"))
        }
        do {
            return .success(try handle.readToEnd() ?? Data())
        } catch {
            throw Failure.unreadable(path, error.localizedDescription)
        }
    }
}
