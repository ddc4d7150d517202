import EvidentModel
import EvidentSupport

/// The check stage: runs every rule over the model, adds the findings made while loading, applies
/// the project's severity overrides, and sorts the result.
package enum Checker {
    package static func check(_ content: ContentSet, asOf: Day, rules: [any Rule.Type] = RuleRegistry.all) -> CheckResult {
        let model = CheckModel(content: content, asOf: asOf)
        // The rules that judge each objective alone run over runs of consecutive objectives, every
        // such rule on one run in one job: two cores running two rules over the same objectives at
        // once would change the same reference counts, and wait on each other for them. Each rule's
        // findings are then its runs' in order, which is what it finds over the whole model.
        let objectives = model.content.objectives
        let alone = rules.indices.filter { rules[$0].judgesEachObjectiveAlone }
        let runLength = max(1, objectives.count / runs)
        let jobs = rules.indices.filter { !rules[$0].judgesEachObjectiveAlone }.map(Job.rule)
            + stride(from: 0, to: objectives.count, by: runLength).map { Job.objectives($0..<min($0 + runLength, objectives.count)) }
        let done = parallelMap(jobs) { job -> [[Finding]] in
            switch job {
            case let .rule(r): return [rules[r].check(model)]
            case let .objectives(run):
                let narrowed = model.narrowed(to: Array(objectives[run]))
                return alone.map { rules[$0].check(narrowed) }
            }
        }
        var perRule = Array(repeating: [Finding](), count: rules.count)
        for (job, found) in zip(jobs, done) {
            switch job {
            case let .rule(r): perRule[r] = found.first ?? []
            case .objectives: for (position, r) in alone.enumerated() { perRule[r] += found[position] }
            }
        }
        return result(model, perRule: perRule)
    }

    /// What one job of `check` runs: a rule over the whole model, or every rule that judges each
    /// objective alone over a run of objectives.
    private enum Job: Sendable {
        case rule(Int)
        case objectives(Range<Int>)
    }

    /// How many runs the objectives are cut into: enough that the cores finish together.
    private static let runs = 32

    /// The result from each rule's findings, in the order of the rules.
    static func result(_ model: CheckModel, perRule: [[Finding]]) -> CheckResult {
        let content = model.content
        let findings = applyOverrides(content.loadFindings + perRule.flatMap { $0 }, content.configuration.ruleOverrides)
        return CheckResult(model: model, findings: FindingFold.folded(sorted(findings)))
    }

    /// `findings` in `Finding.ordered` order: a long list is sorted in two halves, one on each core,
    /// and the halves merged (the first half's first among equals, as one stable sort would have them).
    static func sorted(_ findings: [Finding]) -> [Finding] {
        guard findings.count >= 4096 else { return findings.sorted(by: Finding.ordered) }
        let middle = findings.count / 2
        let halves = parallelMap([findings[..<middle], findings[middle...]]) { $0.sorted(by: Finding.ordered) }
        let (a, b) = (halves[0], halves[1])
        var merged: [Finding] = []
        merged.reserveCapacity(findings.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if Finding.ordered(b[j], a[i]) {
                merged.append(b[j])
                j += 1
            } else {
                merged.append(a[i])
                i += 1
            }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }

    package static func applyOverrides(_ findings: [Finding], _ overrides: [RuleOverride]) -> [Finding] {
        guard !overrides.isEmpty else { return findings }
        var severity: [String: Severity?] = [:]
        for o in overrides { severity[o.rule] = o.severity }
        return findings.compactMap { finding in
            guard let override = severity[finding.rule] else { return finding }
            guard let level = override else { return nil }
            var changed = finding
            changed.severity = level
            return changed
        }
    }
}

/// The findings of one run, and the model they were made on (the site and the pack render it).
package struct CheckResult: Sendable {
    package let model: CheckModel
    package let findings: [Finding]

    /// How many findings of `severity` the run found, listed or not.
    package func count(_ severity: Severity) -> Int { findings.count(severity) }

    /// `pass`, `warn` or `fail` for each obligation: errors fail it, warnings warn it, info does
    /// neither. Without any active objective there is nothing to judge: an obligation no error or
    /// warning fails is `notAssessed`, not passed (reading the files, `syntax`, always is judged).
    package func status(of obligation: Obligation) -> ObligationStatus {
        // One pass by index: filtering the findings would copy each of the obligation's.
        var warned = false
        for index in findings.indices where findings[index].obligation == obligation {
            switch findings[index].severity {
            case .error: return .fail
            case .warning: warned = true
            case .info: break
            }
        }
        if warned { return .warn }
        return obligation == .syntax || !model.activeObjectives.isEmpty ? .pass : .notAssessed
    }

    /// The same result with the paths of findings under the content folder written under
    /// `prefix` instead (`.` for none), in their locations and in their messages, which may name
    /// a file: findings loaded under `ContentLoader.publishedRoot` print relative to the working
    /// folder, and the pack's point at its own `content/` copy.
    func rebasingPaths(to prefix: String) -> CheckResult {
        let root = model.content.root
        guard root != prefix else { return self }
        let rootFolder = root + "/", prefixFolder = prefix == "." ? "" : prefix + "/"
        func rebase(_ path: String) -> String {
            let inside: Substring
            if root == "." {
                inside = Substring(path)
            } else if path.hasPrefix(rootFolder) {
                inside = path.dropFirst(rootFolder.count)
            } else {
                return path
            }
            return prefixFolder + inside
        }
        let rebased = findings.map { finding -> Finding in
            var f = finding
            f.location.file = rebase(f.location.file)
            // A byte search first: most messages name no path, and a search over bytes does not
            // walk their characters.
            if root != ".", Self.occurs(rootFolder, in: f.message) {
                f.message = f.message.replacingOccurrences(of: rootFolder, with: prefixFolder)
            }
            return f
        }
        return CheckResult(model: model, findings: rebased)
    }

    /// Whether the bytes of `needle` occur in those of `text`.
    static func occurs(_ needle: String, in text: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { t in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard t.count >= n.count else { return false }
                for i in 0...(t.count - n.count) where t[i] == first {
                    if UnsafeBufferPointer(rebasing: t[i..<(i + n.count)]).elementsEqual(n) { return true }
                }
                return false
            }
        }
    }

    /// The same result with only the findings `isIncluded` keeps (`evident check PATH...`): the
    /// counts, the obligations' statuses and `fails(at:)` follow what is kept.
    package func keeping(_ isIncluded: (Finding) -> Bool) -> CheckResult {
        CheckResult(model: model, findings: findings.filter(isIncluded))
    }

    /// Whether any finding is at or above `threshold` (`--fail-on`).
    package func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.severity >= threshold }
    }
}

/// What the reports say of an obligation or an item: `pass`, `warn`, `fail`, or `not-assessed`
/// when there is nothing to judge (no active objective, or none serving the standard) and no
/// finding stands against it: a set with no objective is not certified by every rule it escapes.
package enum ObligationStatus: String, Sendable, Codable {
    case pass, warn, fail
    case notAssessed = "not-assessed"

    /// The status in words, for text and Markdown: `not assessed` for `notAssessed`.
    var word: String { self == .notAssessed ? "not assessed" : rawValue }
}
