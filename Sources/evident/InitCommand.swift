import ArgumentParser
import EvidentModel
import EvidentSite
import EvidentSupport
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a small content tree that passes `evident check`, and with --templates a copy of the theme.")

    @Argument(help: "The project folder; content/ (and templates/) are written inside it.")
    var directory: String = "."

    @Flag(name: .long, help: "Also write the built-in theme to DIR/templates, to edit.")
    var templates = false

    @Option(name: .customLong("as-of"), help: "Date the example as of this day (YYYY-MM-DD). Default: today, UTC.")
    var asOf: String?

    func run() throws {
        var today = Day.today()
        if let asOf {
            guard let day = Day(iso: asOf) else {
                throw UsageFailure(message: "--as-of takes a date written YYYY-MM-DD, like 2026-11-29; `\(asOf)` is not one.")
            }
            today = day
        }
        let root = URL(fileURLWithPath: directory)
        let content = root.appendingPathComponent("content")
        let theme = root.appendingPathComponent("templates")
        // How the folders are named in messages: `content`, or `DIR/content`.
        let shown = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        try refuseNonEmpty(content, shown: shown + "content")
        if templates { try refuseNonEmpty(theme, shown: shown + "templates") }
        do {
            try AtomicWriter.writeDirectory(StarterContent.files(today: today).mapValues { Data($0.utf8) }, to: content)
            if templates { try AtomicWriter.writeDirectory(Theme.embeddedFiles(), to: theme) }
        } catch let failure as AtomicWriter.Failure {
            throw UsageFailure(message: failure.description)
        }
        var message = "Wrote \(shown)content/"
        if templates { message += " and \(shown)templates/" }
        let options = shown.isEmpty ? "" : " --content \(shown)content" + (templates ? " --templates \(shown)templates" : "")
        message += ". Next: `evident check\(shown.isEmpty ? "" : " --content \(shown)content")`, then `evident build\(options)`.\n"
        writeOut(message)
    }

    private func refuseNonEmpty(_ folder: URL, shown: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir) else { return }
        let entries = isDir.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) : ["file"]
        if !entries.isEmpty {
            throw UsageFailure(message: "Refusing to overwrite `\(shown)`: it already exists and is not empty.")
        }
    }
}
