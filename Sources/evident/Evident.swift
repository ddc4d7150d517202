import ArgumentParser
import EvidentSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The command line. It parses options, calls EvidentKit, prints, and maps results to exit codes:
/// 0 success, 1 findings at or above --fail-on, 2 usage or I/O error.
struct EvidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evident",
        abstract: "Check, publish and pack ISO/IEC 20000-1 service management objectives.",
        version: Evident.version,
        subcommands: [InitCommand.self, CheckCommand.self, BuildCommand.self, DiffCommand.self, PackCommand.self, ServeCommand.self,
                      VerifyCommand.self, KeygenCommand.self, RulesCommand.self, ExplainCommand.self]
    )
}

@main
enum Main {
    static func main() {
        #if canImport(Glibc)
        // glibc gives freed memory back to the kernel as soon as 128 KB are free at the top of a
        // heap, and maps each large buffer (a page, a register) afresh: a large build then
        // faulted in some 100 MB more than it kept, a few percent of its time. Peak memory stays
        // what it was (measured in the README).
        // `mallopt` is declared in malloc.h, which Swift's Glibc module leaves out: looked up by
        // name, with glibc's values of M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3).
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(-1, 256 << 20)
            _ = mallopt(-3, 256 << 20)
        }
        #endif
        if let word = CommandLine.arguments.dropFirst().first, let message = EvidentCommand.unknownCommand(word) {
            FileHandle.standardError.write(Data("evident: \(message)\n".utf8))
            Foundation.exit(2)
        }
        do {
            var command = try EvidentCommand.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let failure as UsageFailure {
            FileHandle.standardError.write(Data("evident: \(failure.message)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = EvidentCommand.exitCode(for: error)
            let message = EvidentCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            // Argument errors, and anything unexpected, are usage or I/O errors: exit 2, not 64.
            FileHandle.standardError.write(Data("\(message)\n".utf8))
            Foundation.exit(2)
        }
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
        let hint = Suggestion.closest(to: word, in: names).map { " Did you mean `\($0)`?" } ?? ""
        return "`\(TerminalText.escape(word))` is not a command.\(hint) `evident --help` lists them."
    }
}

/// An error that the user can fix by changing the command or the file system; exit code 2.
struct UsageFailure: Error {
    let message: String
}
