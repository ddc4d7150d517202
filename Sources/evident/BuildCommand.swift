import ArgumentParser
import EvidentCheck
import EvidentSite
import EvidentSupport
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check the content, print the findings, then render the site (default ./site).")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Templates that override the built-in theme file by file. Default: ./templates when it exists.")
    var templates: String?

    @Option(name: .long, help: "The folder to write the site to; it is replaced as a whole, and only when it holds nothing but a site evident wrote (docs/site.md).")
    var output: String = "site"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .never

    func run() throws {
        try checkOutput(output, content: options.content, templates: templates)
        let (theme, result) = try concurrently({ try loadTheme(templates) }, { try options.check(published: true) })
        UntilExit.keep(result)
        let color = options.color(), quiet = options.quiet
        let timer = StageTimer()
        let paths: Set<String>
        do {
            // The findings are printed while the site is made: writing them out was a pause on one
            // core before the pages began. Both are done before anything else is printed.
            (_, paths) = try concurrently({ writeOut(FindingsReport(result: options.shown(result)).render(.text, color: color, quiet: quiet)) }, {
                try SiteBuilder.write(result: result, theme: theme, to: URL(fileURLWithPath: output))
            })
            let counts = theme.skeletonCounts
            timer.lap("render and write (\(counts.hits) pages from \(counts.misses) skeletons)")
        } catch let failure as Theme.Failure {
            throw UsageFailure(message: failure.description)
        } catch let failure as AtomicWriter.Failure {
            throw UsageFailure(message: failure.description)
        }
        if !options.quiet {
            let pages = paths.filter { $0.hasSuffix(".html") }.count
            writeOut("Wrote \(pages) pages to \(output)/ (open \(output)/index.html).\n")
        }
        if result.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}

/// The built-in theme with `folder` laid over it; without `--templates`, `./templates` when it exists.
func loadTheme(_ folder: String?) throws -> Theme {
    var overrides = folder
    if overrides == nil {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "templates", isDirectory: &isDir), isDir.boolValue { overrides = "templates" }
    }
    do {
        return try Theme.load(overridesFrom: overrides)
    } catch let failure as Theme.Failure {
        throw UsageFailure(message: failure.description)
    }
}

/// The output folder is replaced as a whole: `OutputFolder` says whether it may be (exit 2 when not),
/// and removes what killed builds left beside it.
func checkOutput(_ output: String, content: String, templates: String?) throws {
    do {
        try OutputFolder(output).prepare(guarding: [FileManager.default.currentDirectoryPath, content, templates ?? "templates"])
    } catch let refusal as OutputFolder.Refusal {
        throw UsageFailure(message: refusal.description)
    }
}
