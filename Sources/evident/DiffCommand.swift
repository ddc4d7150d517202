import ArgumentParser
import EvidentDiff

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two git revisions or two content folders.",
        usage: "evident diff BASE [HEAD] [<options>]\nevident diff --base-dir DIR [HEAD | --head-dir DIR] [<options>]",
        discussion: """
            BASE and HEAD are always revisions (branch, tag, commit, HEAD~1 …) of the git repository \
            that holds --content, even where a folder of the same name exists; a revision that is not \
            there, or a name git finds ambiguous (a branch and a tag both named v1), is an error: name \
            a full ref (refs/heads/…, refs/tags/…) or a commit id instead. Revisions are read with git, \
            never checked out. HEAD defaults to the --content folder in the working tree. To compare \
            content folders, name them with --base-dir and --head-dir; each takes the place of its \
            side's revision. The report's header names what was compared: a revision with its full \
            commit id, a folder, or the working tree. Both sides are checked as of the same --as-of \
            date. Exit 1 when the change introduces a finding at or above --fail-on (an objective \
            changed without a recorded version counts); exit 2 on a usage error.
            """)

    @Argument(help: "The base: a revision of the repository holding --content (like origin/main). Omit with --base-dir.")
    var base: String?

    @Argument(help: "The head: a revision. Default: the --content folder in the working tree (or --head-dir).")
    var head: String?

    @Option(name: .customLong("base-dir"), help: ArgumentHelp("Compare from this content folder instead of a revision (replaces BASE).", valueName: "DIR"))
    var baseDir: String?

    @Option(name: .customLong("head-dir"), help: ArgumentHelp("Compare to this content folder instead of the working tree or a revision (replaces HEAD).", valueName: "DIR"))
    var headDir: String?

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Output format: text, markdown (for a pull-request comment) or json.")
    var format: DiffFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when the change introduces a finding at or above this severity: error, warning or never.")
    var failOn: FailOn = .error

    @Flag(name: .customLong("each-commit"), help: "Compare each commit after BASE up to HEAD that changed the content with the commit before it: the record of a period. HEAD is a commit here, the one checked out unless named.")
    var eachCommit = false

    func run() throws {
        if eachCommit { return try walk() }
        let timer = StageTimer()
        let sides = try DiffTarget.sides(revisions: [base, head].compactMap { $0 }, baseDir: baseDir, headDir: headDir)
        let diff = try ContentDiff.compare(base: sides.base, head: sides.head, content: options.content, asOf: options.day, lap: timer.lap)
        keepUntilExit(diff)
        writeOut(DiffReport(diff: diff).render(format, color: options.color(), quiet: options.quiet))
        timer.lap("render")
        if diff.fails(at: failOn.severity) { throw ExitCode(1) }
    }

    /// `--each-commit`: revisions only, HEAD the commit checked out by default.
    private func walk() throws {
        var report = CommitsReport(format: format, color: options.color(), quiet: options.quiet)
        let ends = try CommitWalk.walk(revisions: [base, head].compactMap { $0 }, folders: baseDir != nil || headDir != nil,
                                       content: options.content, asOf: options.day,
                                       progress: ProgressLine.make(quiet: options.quiet).meter) { change, outcome in
            report.add(change, outcome, failOn: failOn.severity)
        }
        writeOut(report.render(ends, asOf: options.day))
        if report.failed { throw ExitCode(1) }
    }
}

extension DiffFormat: ExpressibleByArgument {}
