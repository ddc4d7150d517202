import Foundation
import EvidentLoad
import EvidentModel
import EvidentSupport

/// What `init` writes: `content/` with the starter content, `schema/` with the content's JSON
/// Schemas (which the content's files name), and with `withTheme` a copy of the built-in theme in
/// `templates/`, all inside `directory`. A folder that exists and is not empty, a link in a folder's
/// place, or a schema file evident did not write is never written over. With `withTheme`, a
/// project's `content/` that is not empty is kept, and only `templates/` is written. All is checked
/// before anything is written, and a failure part way removes what this run wrote.
package enum StarterProject {
    /// The folder, beside `content/`, that `init` writes the schemas into.
    static let schemaFolder = "schema"

    /// A folder that is not empty, or a write that failed.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// What `write` did, each folder as the user names it (`content`, or `DIR/content`).
    package struct Written: Sendable, Equatable {
        /// The folders written, `content` (when written) first and `schema` last.
        package var folders: [String]
        /// The project's own `content/`, kept because `templates/` alone was asked for.
        var keptContent: String?
        /// Whether what was kept at `content` is a file (or anything else but a folder), not a content folder.
        var keptContentIsFile = false

        /// What `init` prints: the folders written and the commands to run next, naming the folders
        /// with flags when `directory` (the one `write` was given) is not the working folder; nil
        /// when nothing was written.
        package func nextSteps(directory: String, withTheme: Bool) -> String? {
            let listed = folders.map { $0 + "/" }
            guard let first = folders.first, let last = listed.last else { return nil }
            let list = listed.count > 1 ? listed.dropLast().joined(separator: ", ") + " and " + last : last
            if let kept = keptContent, keptContentIsFile {
                // A file is no content folder: the build needs the user's folder named.
                let theme = directory == "." ? "" : " --templates \(ShellWord.path(first))"
                return "Wrote \(list); \(kept) is a file of yours and was kept. Edit the templates you change, delete the others, "
                    + "then `evident build --content DIR\(theme)`, DIR your content folder."
            }
            if let kept = keptContent {
                let flags = directory == "." ? "" : " --content \(ShellWord.path(kept)) --templates \(ShellWord.path(first))"
                return "Wrote \(list); \(kept)/ is yours and was kept. Edit the templates you change, delete the others, then `evident build\(flags)`."
            }
            let theme = withTheme && folders.count > 2 ? " --templates \(ShellWord.path(folders[1]))" : ""
            let flags = directory == "." ? "" : " --content \(ShellWord.path(first))" + theme
            let check = directory == "." ? "" : " --content \(ShellWord.path(first))"
            return "Wrote \(list). Next: `evident check\(check)`, then `evident build\(flags)`."
        }
    }

    /// The standards `ids` name (`init --standard`), in `Standard.all`'s order; the default with
    /// none. An id evident does not know is a usage error, with the closest one it knows.
    package static func standards(_ ids: [String]) throws(Failure) -> [Standard] {
        guard !ids.isEmpty else { return Standard.defaults }
        for id in ids where Standard.named(id) == nil {
            let hint = Suggestion.closest(to: id, in: Standard.all.map(\.id)).map { " Did you mean `\($0)`?" } ?? ""
            throw Failure(description: "`\(TerminalText.escape(id))` is not a standard evident knows.\(hint) It knows "
                + Standard.all.map { "`\($0.id)`" }.joined(separator: ", ") + ".")
        }
        return Standard.all.filter { ids.contains($0.id) }
    }

    /// The as-of dates the starter can be dated for: it writes dates up to about eleven months
    /// before and two after, and each must have a four-digit year for the tree to pass `check`.
    static let datableDays = (Day(iso: "0001-01-01") ?? Day(ordinal: 0))...(Day(iso: "9998-12-31") ?? Day(ordinal: 0))

    /// `day` when the starter can be dated for it (`datableDays`); otherwise why not.
    package static func dated(_ day: Day) throws(Failure) -> Day {
        guard datableDays.contains(day) else {
            throw Failure(description: "`--as-of \(day)` would date the starter's example outside the years a date in content "
                + "can hold (0000 to 9999); give a day from \(datableDays.lowerBound) to \(datableDays.upperBound).")
        }
        return day
    }

    package static func write(into directory: String, withTheme: Bool, today: Day,
                              standards: [Standard] = Standard.defaults) throws -> Written {
        let root = URL(fileURLWithPath: directory)
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        let content = (url: root.appendingPathComponent("content"), shown: prefix + "content")
        var folders: [(url: URL, shown: String, files: [String: Data])] = []
        var keptContent: String?
        let found = state(of: content.url)
        if found == .filled || found == .file, withTheme {
            // The standards are those of the content init writes: a kept tree has its own.
            guard standards == Standard.defaults else {
                throw Failure(description: found == .file
                    ? "`--standard` chooses the standards of the content `init` writes, and `\(content.shown)` is a file of yours, which init keeps: leave out --standard, or move the file and run init again."
                    : "`--standard` chooses the standards of the content `init` writes, and `\(content.shown)` is yours: name them in `standards` in its evident.yml instead (docs/standards.md).")
            }
            keptContent = content.shown
        } else if found != .missingOrEmpty {
            throw refusal(content.shown, found)
        } else {
            folders.append((content.url, content.shown, StarterContent.files(today: today, standards: standards).mapValues { Data($0.utf8) }))
        }
        if withTheme {
            let templates = (url: root.appendingPathComponent("templates"), shown: prefix + "templates")
            let found = state(of: templates.url)
            guard found == .missingOrEmpty else { throw refusal(templates.shown, found) }
            folders.append((templates.url, templates.shown, Theme.filesToCopy()))
        }
        // The schemas go with a new content tree; a kept one has its own.
        let schema = keptContent == nil ? (url: root.appendingPathComponent(schemaFolder), shown: prefix + schemaFolder) : nil
        if let schema {
            if state(of: schema.url) == .link { throw refusal(schema.shown, .link) }
            try ContentSchema.checkWritable(schema.url.path, shown: schema.shown)
        }
        let undo = Undo()
        // Registered before the project folder is made: a failure and an interruption alike leave
        // the project as it was, and an interruption waits for the last write, the schemas.
        let interruption = Interruption.register { undo.run() }
        defer { Interruption.unregister(interruption) }
        do {
            // The project folder and those above it that this run makes.
            try Interruption.holdingOff { undo.made = try MadeFolders.make(root, for: content.url) }
            for folder in folders {
                let existed = FileManager.default.fileExists(atPath: folder.url.path)
                try AtomicWriter.writeDirectory(folder.files, to: folder.url) { undo.wrote(folder.url, existed: existed) }
            }
            try Interruption.holdingOff {
                if let schema { try ContentSchema.write(to: schema.url.path, shown: schema.shown) }
                Interruption.unregister(interruption)
            }
        } catch {
            Interruption.unregister(interruption)
            undo.run()
            throw error
        }
        return Written(folders: folders.map(\.shown) + (schema.map { [$0.shown] } ?? []), keptContent: keptContent,
                       keptContentIsFile: keptContent != nil && found == .file)
    }

    /// What a run of `write` has put in place so far, for a failure or an interruption to take away.
    private final class Undo: @unchecked Sendable {
        private let lock = NSLock()
        private var madeFolders = MadeFolders()
        private var written: [(url: URL, existed: Bool)] = []

        var made: MadeFolders {
            get { lock.withLock { madeFolders } }
            set { lock.withLock { madeFolders = newValue } }
        }

        func wrote(_ folder: URL, existed: Bool) { lock.withLock { written.append((folder, existed)) } }

        /// Each folder written was missing or empty before: it is put back as it was. Then the
        /// folders made go, each only while empty.
        func run() {
            lock.withLock {
                for folder in written {
                    AtomicWriter.removeTree(folder.url.path)
                    if folder.existed { try? FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: false) }
                }
                madeFolders.remove()
                written = []
                madeFolders = MadeFolders()
            }
        }
    }

    /// `file`: anything but a folder or a link (a file, a FIFO, a device).
    private enum State { case missingOrEmpty, filled, file, link }

    private static func refusal(_ shown: String, _ state: State) -> Failure {
        switch state {
        case .link: Failure(description: "Refusing to replace `\(shown)`: it is a symbolic link.")
        case .file: Failure(description: "Refusing to overwrite `\(shown)`: it is a file, not a folder.")
        case .missingOrEmpty, .filled: Failure(description: "Refusing to overwrite `\(shown)`: it already exists and is not empty.")
        }
    }

    /// What is at `folder`, without following a link: a link (even to an empty folder, or to
    /// nothing) is the user's and is never replaced.
    private static func state(of folder: URL) -> State {
        var info = stat()
        guard lstat(folder.path, &info) == 0 else { return .missingOrEmpty }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .link
        case S_IFDIR:
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? ["unreadable"]
            return names.isEmpty ? .missingOrEmpty : .filled
        default: return .file
        }
    }
}
