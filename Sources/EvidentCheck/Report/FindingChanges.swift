import Foundation
import EvidentModel

/// What a rebuild of `serve` changed in the findings: those it has and the previous build had not
/// (new), and those the previous build had and it has not (resolved). Findings are compared whole
/// (rule, severity, place, message), as many times as each occurs, so a finding that moved to
/// another line is one resolved and one new.
struct FindingChanges: Sendable, Equatable {
    let new: [Finding]
    package let resolved: [Finding]

    init(from old: [Finding], to current: [Finding]) {
        // An edit changes a few findings in place: the equal runs at both ends are neither new nor
        // resolved, and only what lies between them is counted (equality is cheaper than hashing).
        var head = 0
        while head < old.count, head < current.count, old[head] == current[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < current.count - head,
              old[old.count - 1 - tail] == current[current.count - 1 - tail] { tail += 1 }
        let old = old[head..<(old.count - tail)], current = current[head..<(current.count - tail)]
        var count: [Finding: Int] = [:]
        for f in old { count[f, default: 0] += 1 }
        var new: [Finding] = []
        for f in current {
            if let n = count[f], n > 0 { count[f] = n - 1 } else { new.append(f) }
        }
        var resolved: [Finding] = []
        for f in old where (count[f] ?? 0) > 0 {
            count[f, default: 0] -= 1
            resolved.append(f)
        }
        self.new = new.sorted(by: Finding.ordered)
        self.resolved = resolved.sorted(by: Finding.ordered)
    }

    var isEmpty: Bool { new.isEmpty && resolved.isEmpty }

    /// `- ` before each resolved finding's line and `+ ` before each new one's (as `check` prints
    /// them), then a line of counts: `Findings: 1 new, 1 resolved; now 2 errors, 5 warnings, 3 info.`
    package func text(now current: [Finding], color: Bool) -> String {
        var out = ""
        for f in resolved { out += (color ? "\u{1B}[32m-\u{1B}[0m " : "- ") + FindingsReport.line(f, color: color) }
        for f in new { out += (color ? "\u{1B}[31m+\u{1B}[0m " : "+ ") + FindingsReport.line(f, color: color) }
        let errors = current.count(.error), warnings = current.count(.warning), info = current.count(.info)
        let change = isEmpty ? "none changed" : "\(new.count) new, \(resolved.count) resolved"
        out += "Findings: \(change); now \(FindingsReport.plural(errors, "error")), \(FindingsReport.plural(warnings, "warning")), \(info) info.\n"
        return out
    }
}

/// What `serve` prints after each build: every finding after the first, then only those that came
/// or went since the build before. Builds run one at a time; the lock keeps the last findings whole
/// across the threads that run them.
package final class FindingsSinceLastBuild: @unchecked Sendable {
    private let lock = NSLock()
    private var findings: [Finding]?

    package init() {}

    /// The text to print after the build that gave `result`, with paths as the terminal shows them
    /// (`ContentCheck.shown`); nil when `quiet`. The findings are kept for the next build either way.
    package func text(after result: CheckResult, content: String, color: Bool, quiet: Bool) -> String? {
        let shown = ContentCheck.shown(result, content: content)
        let before = lock.withLock {
            defer { findings = shown.findings }
            return findings
        }
        guard !quiet else { return nil }
        guard let before else { return FindingsReport(result: shown).render(.text, color: color, quiet: true) }
        return FindingChanges(from: before, to: shown.findings).text(now: shown.findings, color: color)
    }
}
