import ArgumentParser
import EvidentLoad

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Write a JSON Schema for each content file kind, for editors (docs/editors.md).",
        discussion: """
            One file per kind: evident-config.schema.json (evident.yml), policy, requirements, objective, \
            review, communication and risks (.schema.json; front-matter). A schema file evident did not write is \
            never overwritten; other files in the folder are left alone.
            """)

    @Option(name: .long, help: ArgumentHelp("The folder to write the schemas into.", valueName: "dir"))
    var output: String = "schema"

    func run() throws {
        let written = try ContentSchema.write(to: output, shown: output)
        let folder = output.hasSuffix("/") ? output : output + "/"
        say("Wrote \(written.count) schemas into \(folder): \(written.joined(separator: ", ")).")
    }
}
