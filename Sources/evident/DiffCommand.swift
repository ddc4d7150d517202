import ArgumentParser
import EvidentKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two git revisions or two content folders.",
        discussion: """
            BASE and HEAD are each a content folder (when a folder of that name exists) or a revision \
            (branch, tag, commit) of the git repository that holds --content; HEAD defaults to the \
            --content folder in the working tree. Revisions are read with git, never checked out. \
            Both sides are checked as of the same --as-of date. Exit 1 when the change introduces a \
            finding at or above --fail-on (an objective changed without a recorded version counts).
            """)

    @Argument(help: "The base: a revision (like origin/main) or a content folder.")
    var base: String

    @Argument(help: "The head: a revision or a content folder. Default: the --content folder as it is now.")
    var head: String?

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Output format: text, markdown (for a pull-request comment) or json.")
    var format: DiffFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when the change introduces a finding at or above this severity: error, warning or never.")
    var failOn: FailOn = .error

    func run() throws {
        let asOf = try options.day()
        let timer = StageTimer()
        let diff: ContentDiff
        do {
            diff = try ContentDiff.compare(base: base, head: head, content: options.content, asOf: asOf, lap: timer.lap)
        } catch {
            throw UsageFailure(message: error.description)
        }
        UntilExit.keep(diff)
        writeOut(DiffReport(diff: diff).render(format, color: options.color(), quiet: options.quiet))
        timer.lap("render")
        if diff.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}

extension DiffFormat: ExpressibleByArgument {}
