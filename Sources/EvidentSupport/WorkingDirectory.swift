import Foundation

/// The process's working folder.
package enum WorkingDirectory {
    /// Its absolute path, whatever its length (Foundation's `currentDirectoryPath` is empty for
    /// one of 1,024 bytes or more); nil when the system cannot tell it (the folder was removed,
    /// or its path is longer than the system can return).
    package static func path() -> String? {
        guard let buffer = getcwd(nil, 0) else { return nil }
        defer { free(buffer) }
        let path = String(cString: buffer)
        return path.hasPrefix("/") ? path : nil
    }

    /// `path` made absolute against the working folder (as it is when it already is, or when the
    /// working folder cannot be told); `.` and `..` are left as written.
    package static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/"), let cwd = path.isEmpty ? nil : self.path() else { return path }
        return cwd == "/" ? "/" + path : cwd + "/" + path
    }
}
