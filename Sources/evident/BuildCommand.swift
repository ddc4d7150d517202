import ArgumentParser
import EvidentKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check the content, print the findings, then render the site (default ./site).")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Templates that override the built-in theme file by file. Default: ./templates when it exists.")
    var templates: String?

    @Option(name: .long, help: "The folder to write the site to; it is replaced as a whole.")
    var output: String = "site"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .never

    func run() throws {
        try checkOutput(output, content: options.content, templates: templates)
        let (theme, result) = try concurrently({ try loadTheme(templates) }, { try options.check() })
        UntilExit.keep(result)
        let color = options.color(), quiet = options.quiet
        let timer = StageTimer()
        let paths: Set<String>
        do {
            // The findings are printed while the site is made: writing them out was a pause on one
            // core before the pages began. Both are done before anything else is printed.
            (_, paths) = try concurrently({ writeOut(FindingsReport(result: result).render(.text, color: color, quiet: quiet)) }, {
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

/// The output folder is replaced as a whole, so it must not be one that holds anything else: not
/// the current folder or one above it, not the content or templates, and, when it exists, one that
/// `evident build` wrote (it has the site's README.md).
func checkOutput(_ output: String, content: String, templates: String?) throws {
    let fm = FileManager.default
    func real(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path }
    let target = real(output)
    let cwd = real(fm.currentDirectoryPath)
    var guarded = [cwd, real(content)]
    if let templates { guarded.append(real(templates)) } else { guarded.append(real("templates")) }
    for path in guarded where path == target || path.hasPrefix(target == "/" ? "/" : target + "/") {
        throw UsageFailure(message: "Refusing to write the site to `\(output)`: the folder is replaced as a whole, and it holds `\(path)`. Choose another --output.")
    }
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: target, isDirectory: &isDir) else { return }
    guard isDir.boolValue else {
        throw UsageFailure(message: "Cannot write the site to `\(output)`: it is a file, not a folder.")
    }
    let entries = (try? fm.contentsOfDirectory(atPath: target)) ?? []
    if entries.isEmpty { return }
    let readme = fm.contents(atPath: target + "/README.md").map { String(decoding: $0, as: UTF8.self) }
    if readme != SiteBuilder.readme {
        throw UsageFailure(message: "Refusing to replace `\(output)`: it is not a site written by `evident build` (its README.md is missing or changed). Remove it or choose another --output.")
    }
}
