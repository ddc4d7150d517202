import ArgumentParser
import EvidentKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Load the content, run every rule, print the findings.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Output format: text, json, sarif or github.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .error

    func run() throws {
        let result = try options.check()
        UntilExit.keep(result)
        writeOut(FindingsReport(result: result).render(format, color: options.color(), quiet: options.quiet))
        if result.fails(at: failOn.severity) { throw ExitCode(1) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List every rule with its default severity.")

    func run() throws {
        writeOut(RuleReference.list())
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Print a rule's rationale and an example, with its fix.")

    @Argument(help: "A rule id, like policy/trace.")
    var rule: String

    func run() throws {
        guard let found = RuleRegistry.rule(id: rule) else {
            let ids = RuleRegistry.all.map { $0.description.id }
            let hint = Suggestion.closest(to: rule, in: ids).map { " Did you mean `\($0)`?" } ?? ""
            throw UsageFailure(message: "`\(rule)` is not a rule.\(hint) `evident rules` lists them.")
        }
        writeOut(RuleReference.explain(found.description))
    }
}
