import Foundation
import Testing

extension CLI {
    /// `arguments` run by `/bin/sh -c SCRIPT`, where SCRIPT is `prefix` then `exec evident "$@"`:
    /// `prefix` may set a umask or redirect a stream first.
    static func shell(_ prefix: String, _ arguments: [String], in dir: URL, environment: [String: String] = [:]) throws -> CLIRun {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\(prefix) exec \"$0\" \"$@\"", binary.path] + arguments,
                in: dir, environment: environment)
    }

    /// Every regular file under `folder`, relative path → bytes.
    static func files(of folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let path as String in walker {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                out[path] = FileManager.default.contents(atPath: folder.path + "/" + path)
            }
        }
        return out
    }
}
