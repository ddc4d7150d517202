import ArgumentParser
import EvidentModel
import EvidentSite
import EvidentSupport
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a small content tree that passes `evident check`, its schemas, and with --templates a copy of the theme.")

    @Argument(help: "The project folder; content/ and schema/ (and templates/) are written inside it.")
    var directory: String = "."

    @Flag(name: .long, help: "Also write the built-in theme to DIR/templates, to edit; in a project whose content/ is not empty, write only the theme.")
    var templates = false

    @Option(name: .customLong("standard"), help: ArgumentHelp(
        "A standard the objectives serve (\(Standard.idList)); repeatable. Default: \(Standard.defaults.map(\.id).joined(separator: ", ")).",
        valueName: "ID"))
    var standards: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date the example as of this day. Default: today, UTC.", valueName: "YYYY-MM-DD"))
    var asOf: Day?

    func run() throws {
        let written = try StarterProject.write(into: directory, withTheme: templates, today: asOf ?? Day.today(),
                                               standards: StarterProject.standards(standards))
        let folders = written.folders.map { $0 + "/" }
        guard let first = written.folders.first, let last = folders.last else { return }
        let list = folders.count > 1 ? folders.dropLast().joined(separator: ", ") + " and " + last : last
        if let kept = written.keptContent, written.keptContentIsFile {
            // A file is no content folder: the build needs the user's folder named.
            let theme = directory == "." ? "" : " --templates \(first)"
            say("Wrote \(list); \(kept) is a file of yours and was kept. Edit the templates you change, delete the others, "
                + "then `evident build --content DIR\(theme)`, DIR your content folder.")
            return
        }
        if let kept = written.keptContent {
            let flags = directory == "." ? "" : " --content \(kept) --templates \(first)"
            say("Wrote \(list); \(kept)/ is yours and was kept. Edit the templates you change, delete the others, then `evident build\(flags)`.")
            return
        }
        let content = first
        let theme = templates && written.folders.count > 2 ? " --templates \(written.folders[1])" : ""
        let flags = directory == "." ? "" : " --content \(content)" + theme
        let check = directory == "." ? "" : " --content \(content)"
        say("Wrote \(list). Next: `evident check\(check)`, then `evident build\(flags)`.")
    }
}
