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

    @Option(name: .long, help: "The theme folder. Default: ./templates when it exists; missing templates come from the built-in theme.")
    var templates: String?

    @Option(name: .long, help: "The folder the zip is written to.")
    var output: String = "dist"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never. The pack is written either way.")
    var failOn: FailOn = .never

    @Option(name: .long, help: "Sign the manifest with this Ed25519 private key (PEM, from `evident keygen` or `openssl genpkey -algorithm ed25519`).")
    var sign: String?

    func run() throws {
        // The key is read first, so that a wrong key file stops the run before any work or write.
        let key = try sign.map(KeyFile.signingKey(at:))
        let (theme, result) = try concurrently({ try loadTheme(templates) }, { try options.check(published: true) })
        UntilExit.keep(result)
        let timer = StageTimer()
        do {
            let inputs = try PackInputs.build(result, theme: theme)
            timer.lap("render")
            let sources = try PackSources.read(root: result.model.content.rootPath)
            let pack = EvidencePack(result: result, siteFiles: inputs.siteFiles, registers: inputs.registers, sources: sources,
                                    objectivePages: inputs.objectivePages)
            // Written beside the target and renamed into place, so a failed run leaves no partial zip;
            // sources are read a chunk at a time, so memory does not grow with an attachment's size.
            let target = try pack.write(to: URL(fileURLWithPath: output), signingKey: key)
            timer.lap("zip and write")

            writeOut(FindingsReport(result: options.shown(result)).render(.text, color: options.color(), quiet: options.quiet))
            for item in sources.excluded {
                FileHandle.standardError.write(Data("evident: not packed: \(item.path): \(item.reason)\n".utf8))
            }
            if !options.quiet {
                let signed = key.map { " signed with \($0.verifyingKey.fingerprint)," } ?? ""
                writeOut("Wrote \(Self.display(target.path)),\(signed) as of \(result.model.asOf).\n")
            }
        } catch let failure as CustomStringConvertible & Error {
            throw UsageFailure(message: failure.description)
        }
        if result.fails(at: failOn.severity) { throw ExitCode(1) }
    }

    private static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

/// What the pack takes from the other stages: the built site, the registers at its root, and
/// where the site put each objective's page.
struct PackInputs {
    var siteFiles: [String: Data]
    var registers: [String: Data]
    var objectivePages: [String: String] = [:]

    static func build(_ result: CheckResult, theme: Theme) throws -> PackInputs {
        // Loaded under the published root (`content`): findings point at the pack's own copy of
        // the sources, whatever the working folder.
        let packed = result.rebasingPaths(to: ContentLoader.publishedRoot)
        let report = FindingsReport(result: packed)
        let registers: [String: Data] = [
            "register.csv": Data(Registers.registerCSV(packed).utf8),
            "register.json": Data(Registers.registerJSON(packed).serialized().utf8),
            "metric-dictionary.csv": Data(Registers.metricDictionaryCSV(packed).utf8),
            "traceability.csv": Data(Registers.traceabilityCSV(packed).utf8),
            "history.csv": Data(Registers.historyCSV(packed).utf8),
            "findings.json": Data(report.json().serialized().utf8),
            "findings.sarif": Data(report.sarif().serialized().utf8),
            "readiness.md": Data(Registers.readinessMarkdown(packed).utf8),
        ]
        // The same site `evident build` writes, with findings pointing at the pack's content/.
        return PackInputs(siteFiles: try SiteBuilder.build(result: packed, theme: theme), registers: registers,
                          objectivePages: SiteBuilder.objectivePages(packed))
    }
}
