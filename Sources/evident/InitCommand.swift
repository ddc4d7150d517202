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

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Date the example as of this day. Default: today, UTC.", valueName: "YYYY-MM-DD"),
            transform: Day.asOf)
    var asOf: Day?

    func run() throws {
        let written = try StarterProject.write(into: directory, withTheme: templates, today: StarterProject.dated(asOf ?? Day.today()),
                                               standards: StarterProject.standards(standards))
        if let text = written.nextSteps(directory: directory, withTheme: templates) { say(text) }
    }
}
