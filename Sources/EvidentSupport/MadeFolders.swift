import Foundation

/// The folders a command made on the way to what it writes (`mkdir -p`), so that a failed command
/// takes them away again: it leaves no empty folder behind, and never removes a folder that was
/// there before it ran, nor one that is no longer empty.
package struct MadeFolders: Sendable {
    /// The folders this run made, outermost first, as the paths it made them by.
    private(set) var paths: [String] = []

    package init() {}

    /// Makes `folder` and every folder missing above it, each remembered. A failure names `file`,
    /// the path being written, and what is in the way: the first path on the way that is no folder.
    /// Nothing made stays when it fails.
    package static func make(_ folder: URL, for file: URL) throws -> MadeFolders {
        var made = MadeFolders()
        let path = folder.path
        // One name at a time, as the kernel walks the path: `..` and links mean what they do on disk.
        var prefix = path.hasPrefix("/") ? "/" : ""
        for name in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + name
            var info = stat()
            if stat(prefix, &info) != 0 {
                guard errno == ENOENT else { return try made.fail(file, String(cString: strerror(errno))) }
                if mkdir(prefix, 0o777) == 0 {
                    made.paths.append(prefix)
                    continue
                }
                // Made meanwhile by another process: a folder that is not this run's.
                guard errno == EEXIST, stat(prefix, &info) == 0 else { return try made.fail(file, String(cString: strerror(errno))) }
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { return try made.fail(file, "\(prefix) is a file, not a folder") }
        }
        return made
    }

    private func fail(_ file: URL, _ reason: String) throws -> MadeFolders {
        remove()
        throw AtomicWriter.Failure.io(file.path, reason)
    }

    /// Removes the folders made, innermost first, each only while it is empty (`rmdir`): what
    /// anyone put in one since keeps it and the folders above it.
    package func remove() {
        for path in paths.reversed() {
            guard rmdir(path) == 0 else { return }
        }
    }
}
