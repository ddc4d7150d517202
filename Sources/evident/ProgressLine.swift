import EvidentSupport
import Foundation

/// The progress of a long run on one line of stderr, "Rendering pages 4,200/10,000", redrawn in
/// place and cleared when the stage ends. Shown only when stderr is a terminal that can redraw a line
/// (`TerminalCapabilities.redraws`) and the run is not `--quiet`: a pipe or a log file never gets a
/// carriage return.
final class ProgressLine: @unchecked Sendable {
    /// Carriage return, then erase to the end of the line.
    static let clear = "\r\u{1B}[K"

    private let lock = NSLock()
    // Guarded by `lock`: whether the line now holds a progress text.
    private var shown = false
    // Guarded by `pendingLock` (held only to read or set it): the last update that came while
    // `interrupt` printed, drawn when it is done.
    private let pendingLock = NSLock()
    private var pending: ProgressMeter.Status?

    private init() {}

    /// The meter the library reports to, and the line that shows it (nil when nothing is shown).
    static func make(quiet: Bool) -> (meter: ProgressMeter, line: ProgressLine?) {
        guard !quiet, TerminalCapabilities.redraws(isTerminal: isatty(STDERR_FILENO) == 1,
                                                   environment: ProcessInfo.processInfo.environment) else { return (.silent, nil) }
        let line = ProgressLine()
        return (ProgressMeter { line.show($0) }, line)
    }

    /// "Rendering pages 4,200/10,000"; the stage is evident's own text, so needs no escaping.
    static func text(_ status: ProgressMeter.Status) -> String {
        "\(status.stage) \(grouped(status.done))/\(grouped(status.total))"
    }

    /// 10000 → "10,000", the same on every machine (no locale).
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = number < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }

    /// An update that comes while `interrupt` prints is kept for it to draw when it is done, rather
    /// than hold up the renderer that reports it. The clearing at the end waits its turn.
    private func show(_ status: ProgressMeter.Status?) {
        if let status {
            guard lock.try() else {
                pendingLock.withLock { pending = status }
                return
            }
            defer { lock.unlock() }
            pendingLock.withLock { pending = nil }
            writeError(Self.clear + Self.text(status))
            shown = true
        } else {
            lock.withLock {
                pendingLock.withLock { pending = nil }
                if shown { writeError(Self.clear) }
                shown = false
            }
        }
    }

    /// Runs `body` (which prints) with the line cleared first, so that its text does not land after
    /// the progress, then draws the line again below it if an update came meanwhile.
    func interrupt(_ body: () -> Void) {
        lock.withLock {
            if shown {
                writeError(Self.clear)
                shown = false
            }
            body()
            if let status = pendingLock.withLock({ () -> ProgressMeter.Status? in defer { pending = nil }; return pending }) {
                writeError(Self.clear + Self.text(status))
                shown = true
            }
        }
    }
}
