import ArgumentParser
import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSupport
import Foundation
import Synchronization

/// Options every content command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Compute every date-dependent result as of this day. Default: today, UTC.", valueName: "YYYY-MM-DD"), transform: Day.asOf)
    var asOf: Day?

    @Flag(name: .long, help: "Print findings only, without summary or progress.")
    var quiet = false

    @Flag(name: .customLong("no-color"), help: "Do not colour the output (also: NO_COLOR).")
    var noColor = false

    /// The as-of date: `--as-of`, else today. Today is read from the clock once per run, so a run
    /// that passes midnight judges, and says it judged, as of one day throughout.
    var day: Day { asOf ?? Self.today }

    /// Today (UTC) when first asked, the same for the rest of the run.
    static let today = Day.today()

    /// Colour as `TerminalCapabilities.color` decides for `handle`.
    func color(for handle: Int32 = STDOUT_FILENO) -> Bool {
        TerminalCapabilities.color(noColorOption: noColor, isTerminal: isatty(handle) == 1,
                                   environment: ProcessInfo.processInfo.environment)
    }

    /// Prints, with `--as-of` before today, the note on the records the content holds from the
    /// days since (`LaterRecords`): as of that day each is a finding. Not with `--quiet`.
    func noteLaterRecords(_ result: CheckResult) {
        guard !quiet, let asOf,
              let note = LaterRecords(result.model.content, after: asOf, through: Self.today).note(asOf: asOf) else { return }
        sayError("evident: note: \(note)")
    }

    /// The findings as text for the terminal, paths relative to the working folder.
    func findingsText(_ result: CheckResult, published: Bool) -> String {
        let shown = published ? ContentCheck.shown(result, content: content) : result
        return FindingsReport(result: shown).render(.text, color: color(), quiet: quiet)
    }
}

/// The theme option of the commands that render the site.
struct ThemeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Templates that override the built-in theme file by file. Default: ./templates when it exists.", valueName: "folder"))
    var templates: String?
}

/// `--as-of 2026-11-29`: a calendar day, written YYYY-MM-DD.
extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }

    /// The day `--as-of` names; a value that is not YYYY-MM-DD is refused saying how to write it,
    /// and which day it probably is (`01/12/2026`: both readings), as a date in a content file is.
    static func asOf(_ argument: String) throws -> Day {
        if let day = Day(iso: argument) { return day }
        throw AsOfError(hint: DateHint.suggestion(for: argument))
    }

    struct AsOfError: Error, CustomStringConvertible {
        var hint: String
        var description: String { "write a real date as YYYY-MM-DD, like 2026-11-29.\(hint)" }
    }
}

/// `--fail-on error|warning|never`.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    var severity: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .never: nil
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// Writes `text` to stdout, or records why it could not (`StandardOutput`).
func writeOut(_ text: String) {
    var text = text
    StandardOutput.write { text.withUTF8 { write(to: STDOUT_FILENO, UnsafeRawBufferPointer($0)) } }
}

/// Writes the pieces one after another, as they are (a report of megabytes is never joined).
func writeOut(_ parts: [TextBuffer]) {
    for part in parts {
        StandardOutput.write { part.write(to: STDOUT_FILENO) }
    }
}

/// Writes `text` to stderr; a failure there has nowhere to be told.
func writeError(_ text: String) {
    var text = text
    _ = text.withUTF8 { write(to: STDERR_FILENO, UnsafeRawBufferPointer($0)) }
}

/// Writes all of `bytes` to `descriptor`; false (with `errno` set) when it refuses them.
private func write(to descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let start = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
        let written = Glibc.write(descriptor, start + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}

/// Whether stdout took everything written to it. A report or a file written through it
/// (`check --format sarif > results.sarif`) that was cut short (a full disk) must not pass for a
/// whole one: after the first failed write nothing more is written there, and the command, once
/// done, exits 2 with the reason (`Main`). (A reader that went away, as `| head` does, ends
/// evident by SIGPIPE before any write fails.)
enum StandardOutput {
    /// The first `errno` a write to stdout failed with, read and written under its lock only.
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var error: Int32?
    }

    private static let state = State()

    /// Runs `write` unless an earlier write failed; records `errno` when it returns false.
    static func write(_ write: () -> Bool) {
        state.lock.withLock {
            guard state.error == nil, !write() else { return }
            state.error = errno
        }
    }

    /// Why stdout refused a write, if it did.
    static var failure: String? {
        state.lock.withLock { state.error.map { String(cString: strerror($0)) } }
    }
}

/// Writes lines of evident's own (a status, a warning) to stdout, each ended by a line break. What
/// they name (a path, an argument, a file of the theme) prints with every control character as a
/// visible escape (`TerminalText`): a line break in a file name cannot start a line of its own, nor
/// an escape sequence steer the terminal. Reports (findings, diff, verify) escape what they quote.
func say(_ lines: String...) {
    writeOut(lines.map { TerminalText.escape($0) + "\n" }.joined())
}

/// `say` to stderr: errors and warnings.
func sayError(_ lines: String...) {
    writeError(lines.map { TerminalText.escape($0) + "\n" }.joined())
}

/// Prints how long each stage took to stderr when EVIDENT_TIMING is set, for the benchmarks. An
/// empty stage name starts the clock again without printing (a rebuild of `serve` begins).
final class StageTimer: @unchecked Sendable {
    // Guards `last`: `serve` laps from the thread that rebuilds.
    private let lock = NSLock()
    private var last = DispatchTime.now()
    private var lastCPU = StageTimer.cpuNanoseconds()
    private let enabled = ProcessInfo.processInfo.environment["EVIDENT_TIMING"] != nil

    func lap(_ stage: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now(), cpu = Self.cpuNanoseconds()
        defer { (last, lastCPU) = (now, cpu) }
        guard !stage.isEmpty else { return }
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000
        // The CPU time of every thread of the process: over the wall time, how many cores worked.
        let cpuMS = Double(cpu &- lastCPU) / 1_000_000
        writeError(String(format: "%@: %.0f ms, CPU %.0f ms%@\n", stage, ms, cpuMS, Self.memory()))
    }

    /// User and system time of the whole process so far.
    private static func cpuNanoseconds() -> UInt64 {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func ns(_ t: timeval) -> UInt64 { UInt64(max(0, t.tv_sec)) * 1_000_000_000 + UInt64(max(0, t.tv_usec)) * 1_000 }
        return ns(usage.ru_utime) + ns(usage.ru_stime)
    }

    /// ", resident 240 MB, peak 250 MB" from /proc on Linux; empty elsewhere.
    private static func memory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
        func megabytes(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 / 1024 }
        }
        guard let rss = megabytes("VmRSS"), let peak = megabytes("VmHWM") else { return "" }
        return ", resident \(rss) MB, peak \(peak) MB"
    }
}

/// Keeps a one-shot command's model alive until the process exits: freeing its many values on
/// the way out only delays the exit. Held by a global, not leaked, so that LeakSanitizer sees it
/// reachable (scripts/sanitize.sh); not for `serve`, which checks again and again.
func keepUntilExit(_ value: some Sendable) {
    keptUntilExit.withLock { $0.append(value) }
}

private let keptUntilExit = Mutex<[any Sendable]>([])
