import ArgumentParser
import EvidentCheck
import EvidentLoad
import EvidentPack
import EvidentSite
import EvidentSupport
import Foundation

struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Check, build the site, then write the audit evidence pack: a zip with the site, registers, sources, findings and a SHA-256 manifest.")

    @OptionGroup var options: CommonOptions
    @OptionGroup var theme: ThemeOptions

    @Option(name: .long, help: "The folder the zip is written to.")
    var output: String = "dist"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never. The pack is written either way.")
    var failOn: FailOn = .never

    @Option(name: .long, help: "Sign the manifest with this Ed25519 private key (PEM, from `evident keygen` or `openssl genpkey -algorithm ed25519`).")
    var sign: String?

    func run() throws {
        let timer = StageTimer()
        let pack = try PackPublication.write(content: options.content, templates: theme.templates, output: output, asOf: options.day,
                                             signingKey: sign, lap: timer.lap, progress: ProgressLine.make(quiet: options.quiet).meter)
        keepUntilExit(pack)
        writeOut(options.findingsText(pack.result, published: true))
        options.noteLaterRecords(pack.result)
        for warning in pack.templateWarnings { sayError("evident: warning: \(warning)") }
        if let warning = pack.keyWarning { sayError("evident: warning: \(warning).") }
        for item in pack.excluded {
            sayError("evident: not packed: \(item.path): \(item.reason)")
        }
        if !options.quiet {
            let signed = pack.fingerprint.map { " signed with \($0)," } ?? ""
            say("Wrote \(ContentLoader.displayPath(pack.zip.path)),\(signed) as of \(pack.result.model.asOf).")
        }
        if pack.result.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}
