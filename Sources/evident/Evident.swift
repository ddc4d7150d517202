import ArgumentParser
import EvidentModel
import EvidentSupport
import Foundation

/// The command line. It parses options, calls the library targets, prints, and maps results to exit codes:
/// 0 success, 1 findings at or above --fail-on, 2 usage or I/O error.
struct EvidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident",
        // Every standard evident knows: one serving ISO/IEC 27001 alone is as much its user.
        abstract: "Check, publish and pack management-system objectives: clause 6.2 of \(Standard.names(where: { _ in true })).",
        version: Evident.version,
        subcommands: [InitCommand.self, CheckCommand.self, BuildCommand.self, DiffCommand.self, PackCommand.self, ServeCommand.self,
                      VerifyCommand.self, KeygenCommand.self, RulesCommand.self, ExplainCommand.self, SchemaCommand.self]
    )
}

@main
enum Main {
    static func main() {
        // Before anything opens a file: a closed stdout must not become the number of one.
        StandardStreams.reserve()
        // An argument that is not UTF-8 would reach the commands with `�` in place of its bytes:
        // `--output out\xFF` would write to `out�`, a folder the user did not name.
        if let (index, shown) = firstArgumentNotUTF8() {
            sayError("evident: argument \(index) (\(codeSpan(shown))) is not UTF-8 text; evident reads paths and options as UTF-8. Rename the file or folder, or name it another way.")
            Foundation.exit(2)
        }
        if let word = CommandLine.arguments.dropFirst().first, let message = EvidentCommand.unknownCommand(word) {
            sayError("evident: \(message)")
            Foundation.exit(2)
        }
        var command: ParsableCommand
        do {
            command = try EvidentCommand.parseAsRoot()
        } catch {
            // --help and --version exit 0 through here; argument errors exit 2, not 64.
            let message = EvidentCommand.fullMessage(for: error)
            if EvidentCommand.exitCode(for: error) == .success {
                writeOut(message + "\n")
                exitIfOutputFailed()
                Foundation.exit(0)
            }
            writeError(parseErrorText(message) + "\n")
            Foundation.exit(2)
        }
        do {
            // Before the first file or thread: too few descriptors fail a run part-way.
            try OpenFileLimit.raise()
            try command.run()
            exitIfOutputFailed()
        } catch let exit as ExitCode {
            exitIfOutputFailed()
            Foundation.exit(exit.rawValue)
        } catch where EvidentCommand.exitCode(for: error) == .success {
            // `evident help COMMAND` asks for help by throwing.
            writeOut(EvidentCommand.fullMessage(for: error) + "\n")
            exitIfOutputFailed()
            Foundation.exit(0)
        } catch {
            // Everything else a command throws is something the user can fix in the command, the
            // files or the file system (findings are not errors): a message and exit 2.
            sayError("evident: \(describe(error))")
            Foundation.exit(2)
        }
    }
}

/// argument-parser's message for an argument it refuses, safe for a terminal. The message spans
/// lines (error, help, usage) and quotes the argument: its own line breaks stay, every other control
/// character prints as an escape, and so does a line break inside an argument it quotes.
func parseErrorText(_ message: String, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
    // An option's value may be quoted alone (`--as-of=VALUE`); the longest first, so that an
    // argument is escaped whole before any shorter one inside it is looked for.
    let quoted = arguments.flatMap { [$0] + $0.split(separator: "=", maxSplits: 1).dropFirst().map(String.init) }
    var text = message
    for argument in Set(quoted).filter({ $0.contains("\n") }).sorted(by: { ($0.count, $0) > ($1.count, $1) }) {
        text = text.replacingOccurrences(of: argument, with: TerminalText.escape(argument))
    }
    return TerminalText.escape(text, keeping: ["\n"])
}

/// Exits 2, saying why, when stdout refused what the command wrote (`StandardOutput`): the output is
/// cut short, an I/O error whatever the findings.
func exitIfOutputFailed() {
    guard let reason = StandardOutput.failure else { return }
    sayError("evident: cannot write to standard output: \(reason).")
    Foundation.exit(2)
}

/// The first command-line argument (counted from 1) whose bytes are not UTF-8, shown with ASCII
/// as text (control characters escaped) and every other byte as `\xHH`; nil when all are UTF-8.
func firstArgumentNotUTF8(_ arguments: [[UInt8]] = rawArguments()) -> (Int, String)? {
    for (index, bytes) in arguments.enumerated().dropFirst() where String(validating: bytes, as: UTF8.self) == nil {
        let shown = bytes.map { byte in
            byte < 0x80 ? TerminalText.escape(String(UnicodeScalar(byte))) : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        return (index, shown)
    }
    return nil
}

/// The command line's arguments as the bytes the process was given.
func rawArguments() -> [[UInt8]] {
    (0..<Int(CommandLine.argc)).map { index in
        guard let argument = CommandLine.unsafeArgv[index] else { return [] }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument)))
    }
}

extension EvidentCommand {
    /// The message for a first word that is neither an option nor a command (`evident chek`),
    /// naming the closest command; nil for a command or an option. argument-parser would say only
    /// "Unexpected argument".
    static func unknownCommand(_ word: String) -> String? {
        guard !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        let hint = Suggestion.closest(to: word, in: names).map { " Did you mean \(codeSpan($0))?" } ?? ""
        return "\(codeSpan(TerminalText.escape(word))) is not a command.\(hint) `evident --help` lists them."
    }
}

/// An error in the command line that argument-parser cannot see: exit 2 with the message.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// What an error says to the user: every failure evident throws is `CustomStringConvertible`,
/// with a message that names the file or option. The names come from arguments, templates and
/// output folders: it is printed with `sayError`, which escapes control characters, line breaks too.
func describe(_ error: any Error) -> String {
    String(describing: error)
}
