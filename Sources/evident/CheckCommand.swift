import ArgumentParser
import EvidentCheck
import EvidentModel
import EvidentSupport
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Load the content, run every rule, print the findings.",
        discussion: """
            With PATHs (files or folders under the content folder, as an editor or a pre-commit hook \
            passes them), the whole tree is still loaded and checked, so rules across files stay \
            right, but only the findings of those paths are printed; the summary and the exit code \
            count only them. With --standard ID (repeat it for several), only the findings that bear on that \
            configured standard are printed, and the summary lists its items under its own clause \
            numbers; the exit code counts only those findings.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Print only the findings of these files or folders (default: all).", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("standard"), help: ArgumentHelp(
        "Print only the findings that bear on this configured standard (\(Standard.idList)); repeatable.",
        valueName: "id"))
    var standards: [String] = []

    @Option(name: .long, help: "Output format: text, json, sarif or github.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .error

    func run() throws {
        let timer = StageTimer()
        let selection = try ContentCheck.selecting(paths: paths, standards: standards, content: options.content, asOf: options.day,
                                                   lap: timer.lap)
        keepUntilExit(selection)
        writeOut(FindingsReport(result: selection.result, standards: selection.standards)
            .output(format, color: options.color(), quiet: options.quiet))
        options.noteLaterRecords(selection.result)
        timer.lap("report")
        if selection.result.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every rule with its default severity.",
        discussion: """
            With --format markdown, the whole reference (docs/rules.md): every rule with its rationale and \
            examples; with --format json, the same for tools, with every example.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @Option(name: .long, help: "Output format: text (the list), markdown (the whole reference) or json.")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: writeOut(RuleReference.list())
        case .markdown: writeOut(RuleReference.markdown())
        case .json: writeOut(RuleReference.json())
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Print a rule's rationale and an example, with its fix.")

    @Argument(help: "A rule id, like policy/trace.")
    var rule: String

    func run() throws {
        guard let found = RuleRegistry.rule(id: rule) else {
            let hint = RuleIDs.suggestion(for: rule).map { " Did you mean \(codeSpan($0))?" } ?? ""
            throw UsageFailure("\(codeSpan(TerminalText.escape(rule))) is not a rule.\(hint) `evident rules` lists them.")
        }
        writeOut(RuleReference.explain(found.description))
    }
}
