import ArgumentParser
import EvidentCheck
import EvidentSite
import EvidentSupport
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check the content, print the findings, then render the site (default ./site).")

    @OptionGroup var options: CommonOptions
    @OptionGroup var theme: ThemeOptions

    @Option(name: .long, help: "The folder to write the site to; it is replaced as a whole, and only when it holds nothing but a site evident wrote (docs/site.md).")
    var output: String = "site"

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .never

    func run() throws {
        let timer = StageTimer()
        let options = self.options
        let (meter, line) = ProgressLine.make(quiet: options.quiet)
        let seal = PageSeal.user()
        let site = try SitePublication.build(content: options.content, templates: theme.templates, output: output, asOf: options.day,
                                             seal: seal, lap: timer.lap, progress: meter) { result in
            // The findings are printed while the pages render: the progress line makes way for them.
            let text = options.findingsText(result, published: true)
            if let line { line.interrupt { writeOut(text) } } else { writeOut(text) }
        }
        keepUntilExit(site)
        options.noteLaterRecords(site.result)
        for note in site.themeNotes { sayError("evident: note: \(note)") }
        if seal == nil, let note = PageSeal.userNote() { sayError("evident: note: \(note)") }
        for warning in site.templateWarnings { sayError("evident: warning: \(warning)") }
        if !options.quiet {
            let kept = site.kept.isEmpty ? "" : ", \(site.kept.count) of them kept unchanged from the last build"
            say("Wrote \(site.pageCount) pages to \(output)/\(kept) (open \(output)/index.html).")
        }
        if site.result.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}
