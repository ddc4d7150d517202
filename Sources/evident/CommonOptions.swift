import ArgumentParser
import EvidentCheck
import EvidentLoad
import EvidentModel
import Foundation

/// Options every content command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content: String = "content"

    @Option(name: .customLong("as-of"), help: "Compute every date-dependent result as of this day (YYYY-MM-DD). Default: today, UTC.")
    var asOf: String?

    @Flag(name: .long, help: "Print findings only, without summary or progress.")
    var quiet = false

    @Flag(name: .customLong("no-color"), help: "Do not colour the output (also: NO_COLOR).")
    var noColor = false

    func day() throws -> Day {
        guard let text = asOf else { return Day.today() }
        guard let day = Day(iso: text) else {
            throw UsageFailure(message: "--as-of takes a date written YYYY-MM-DD, like 2026-11-29; `\(text)` is not one.")
        }
        return day
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    func color(for handle: Int32 = STDOUT_FILENO) -> Bool {
        if noColor { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return isatty(handle) == 1
    }

    /// Loads and checks the content; an unreadable content folder is a usage error. `published`:
    /// paths under `ContentLoader.publishedRoot`, for the commands whose output leaves the machine
    /// (the same bytes from any working folder); they print their findings through `shown`.
    func check(published: Bool = false) throws -> CheckResult {
        let asOf = try day()
        do {
            let timer = StageTimer()
            let content = try ContentLoader.load(directory: self.content, displayRoot: published ? ContentLoader.publishedRoot : nil)
            timer.lap("load")
            let result = Checker.check(content, asOf: asOf)
            timer.lap("check")
            return result
        } catch let failure as ContentLoader.Failure {
            throw UsageFailure(message: failure.description)
        }
    }
}

extension CommonOptions {
    /// A published result with its paths as the terminal shows them: relative to the working folder.
    func shown(_ result: CheckResult) -> CheckResult {
        result.rebasingPaths(to: ContentLoader.displayPath(content))
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

func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Prints how long each stage took to stderr when EVIDENT_TIMING is set, for the benchmarks.
final class StageTimer {
    private var last = DispatchTime.now()
    private let enabled = ProcessInfo.processInfo.environment["EVIDENT_TIMING"] != nil

    func lap(_ stage: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1_000_000
        FileHandle.standardError.write(Data(String(format: "%@: %.0f ms%@\n", stage, ms, Self.memory()).utf8))
        last = now
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

/// Keeps a one-shot command's model alive until the process exits. Freeing hundreds of thousands
/// of values on the way out only delays the exit (a tenth of a second on 10,000 objectives). Not
/// for `serve`, which checks again and again.
enum UntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { lock.withLock { kept.append(value) } }
}
