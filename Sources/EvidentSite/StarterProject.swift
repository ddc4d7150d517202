import Foundation
import EvidentLoad
import EvidentModel
import EvidentSupport

/// What `init` writes: `content/` with the starter content, `schema/` with the content's JSON
/// Schemas (which the content's files name), and with `withTheme` a copy of the built-in theme in
/// `templates/`, all inside `directory`. A `content/` or `templates/` that exists and is not empty
/// is never written into, nor a schema file evident did not write; all is checked before anything
/// is written.
package enum StarterProject {
    /// The folder, beside `content/`, that `init` writes the schemas into.
    package static let schemaFolder = "schema"

    /// A folder that is not empty, or a write that failed.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package let description: String
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
        let schema = (url: root.appendingPathComponent(schemaFolder), shown: prefix + schemaFolder)
        try ContentSchema.checkWritable(schema.url.path, shown: schema.shown)
        for folder in folders { try AtomicWriter.writeDirectory(folder.files, to: folder.url) }
        try ContentSchema.write(to: schema.url.path, shown: schema.shown)
        return folders.map(\.shown) + [schema.shown]
    }

    private static func isMissingOrEmpty(_ folder: URL) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return true }
        guard isFolder.boolValue else { return false }
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["unreadable"]).isEmpty
    }
}
