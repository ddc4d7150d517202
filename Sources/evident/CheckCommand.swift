import ArgumentParser
import EvidentCheck
import EvidentSupport
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Load the content, run every rule, print the findings.",
        discussion: """
            With PATHs (files or folders under the content folder, as an editor or a pre-commit hook \
            passes them), the whole tree is still loaded and checked, so rules across files stay \
            right, but only the findings of those paths are printed; the summary and the exit code \
            count only them.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: ArgumentHelp("Print only the findings of these files or folders (default: all).", valueName: "path"))
    var paths: [String] = []

    @Option(name: .long, help: "Output format: text, json, sarif or github.")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
    var failOn: FailOn = .error

    func run() throws {
        let whole = try options.check()
        UntilExit.keep(whole)
        var result = whole
        if !paths.isEmpty {
            let selection = try PathSelection(paths, content: options.content)
            result = whole.keeping { selection.contains($0.location.file) }
        }
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

/// The files and folders `evident check PATH...` prints the findings of. Paths are compared as
/// written (made absolute against the working folder, `.` and `..` taken out) and with links
/// resolved, so that `content/x.md`, `./content/../content/x.md`, an absolute path and a path
/// through a link all name the same file as a finding does.
final class PathSelection {
    private let selected: [[String]]
    /// Each finding's file is looked up once: a tree may have thousands of findings per file.
    private var answers: [String: Bool] = [:]

    init(_ paths: [String], content: String) throws {
        let root = Self.forms(content)
        selected = try paths.map { path in
            let shown = TerminalText.escape(path), folder = TerminalText.escape(content)
            guard FileManager.default.fileExists(atPath: path) else {
                throw UsageFailure(message: "`\(shown)` does not exist; give files or folders of the content folder `\(folder)`.")
            }
            let forms = Self.forms(path)
            guard forms.contains(where: { form in root.contains { Self.isInside(form, $0) } }) else {
                throw UsageFailure(message: "`\(shown)` is not inside the content folder `\(folder)`; give files or folders under it (or pass --content).")
            }
            return forms
        }
    }

    func contains(_ file: String) -> Bool {
        if let known = answers[file] { return known }
        let forms = Self.forms(file)
        let answer = selected.contains { path in forms.contains { form in path.contains { Self.isInside(form, $0) } } }
        answers[file] = answer
        return answer
    }

    /// The path made absolute and standardized, and the same with links resolved.
    private static func forms(_ path: String) -> [String] {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let resolved = url.resolvingSymlinksInPath().path
        return resolved == url.path ? [url.path] : [url.path, resolved]
    }

    /// Whether `path` is `folder` or inside it.
    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
