import Foundation
import EvidentModel
import EvidentSupport

/// What `init` writes: `content/` with the starter content, and with `withTheme` a copy of the
/// built-in theme in `templates/`, both inside `directory`. A folder that exists and is not empty
/// is never written into.
public enum StarterProject {
    /// A folder that is not empty, or a write that failed.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The folders written, as the user names them (`content`, or `DIR/content`).
    package static func write(into directory: String, withTheme: Bool, today: Day) throws -> [String] {
        let root = URL(fileURLWithPath: directory)
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        var folders: [(url: URL, shown: String, files: [String: Data])] = [
            (root.appendingPathComponent("content"), prefix + "content", StarterContent.files(today: today).mapValues { Data($0.utf8) }),
        ]
        if withTheme {
            folders.append((root.appendingPathComponent("templates"), prefix + "templates", Theme.embeddedFiles()))
        }
        for folder in folders where !isMissingOrEmpty(folder.url) {
            throw Failure(description: "Refusing to overwrite `\(folder.shown)`: it already exists and is not empty.")
        }
        for folder in folders { try AtomicWriter.writeDirectory(folder.files, to: folder.url) }
        return folders.map(\.shown)
    }

    private static func isMissingOrEmpty(_ folder: URL) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return true }
        guard isFolder.boolValue else { return false }
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["unreadable"]).isEmpty
    }
}
