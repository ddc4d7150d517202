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

    @Flag(name: .long, help: "Also write the built-in theme to DIR/templates, to edit.")
    var templates = false

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date the example as of this day. Default: today, UTC.", valueName: "YYYY-MM-DD"))
    var asOf: Day?

    func run() throws {
        let written = try StarterProject.write(into: directory, withTheme: templates, today: asOf ?? Day.today())
        guard let content = written.first else { return }
        let theme = templates && written.count > 2 ? " --templates \(written[1])" : ""
        let flags = directory == "." ? "" : " --content \(content)" + theme
        let check = directory == "." ? "" : " --content \(content)"
        let folders = written.map { $0 + "/" }
        let list = folders.count > 1 ? folders.dropLast().joined(separator: ", ") + " and " + (folders.last ?? "") : content + "/"
        writeOut("Wrote \(list). Next: `evident check\(check)`, then `evident build\(flags)`.\n")
    }
}
