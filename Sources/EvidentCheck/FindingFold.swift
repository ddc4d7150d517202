import EvidentModel

/// One mistake repeated on every row (a spreadsheet saved with `;` between cells) would otherwise
/// give a finding per row: 100,000 rows, 100,000 findings, a page and a JSON file a hundred times the
/// size of the file. Of the findings of one rule about one subject in one file, the first `listed`
/// are listed; the rest become one finding after them that counts them (`Finding.unlisted`), so
/// every count (`Finding.counted`), status and exit code is what it would be with all of them listed.
package enum FindingFold {
    /// How many findings of one rule about one subject in one file are listed.
    package static let listed = 100

    /// `findings`, sorted in `Finding.ordered` order, with each group's findings past the first
    /// `listed` folded into one; the same array when no group has more.
    static func folded(_ findings: [Finding]) -> [Finding] {
        // Sorted by file first, so each file's findings are one run; only a run longer than
        // `listed` can hold a group to fold. Until the first such run, nothing is copied.
        var kept: [Finding] = [], folds: [Finding] = []
        var copying = false
        var start = 0
        while start < findings.count {
            let file = findings[start].location.file
            var end = start + 1
            while end < findings.count, findings[end].location.file == file { end += 1 }
            if end - start > listed {
                if !copying { kept = Array(findings[..<start]) }
                copying = true
                fold(findings[start..<end], into: &kept, folds: &folds)
            } else if copying {
                kept += findings[start..<end]
            }
            start = end
        }
        guard folds.contains(where: { $0.unlisted > 0 }) else { return findings }
        return (kept + folds).sorted(by: Finding.ordered)
    }

    /// What makes findings one group: all but their message and place (and file, one run at a time).
    package struct Group: Hashable {
        var rule: String
        var severity: Severity
        var objective: String?
        var item: StandardItem?
        var standards: [String]?

        package init(_ f: Finding) {
            (rule, severity, objective, item, standards) = (f.rule, f.severity, f.objective, f.item, f.standards)
        }
    }

    /// One file's findings: the first `listed` of each group into `kept`, and one finding for the
    /// rest of each group that has two or more into `folds`, at the first of them.
    private static func fold(_ run: ArraySlice<Finding>, into kept: inout [Finding], folds: inout [Finding]) {
        var seen: [Group: Int] = [:]
        var firstUnlisted: [(Group, Finding)] = []
        for finding in run {
            let group = Group(finding)
            let n = seen[group, default: 0]
            seen[group] = n + 1
            if n < listed { kept.append(finding) } else if n == listed { firstUnlisted.append((group, finding)) }
        }
        for (group, first) in firstUnlisted {
            let count = seen[group, default: listed] - listed
            // One more is listed: a finding that counts only itself would say less than it does.
            guard count > 1 else {
                folds.append(first)
                continue
            }
            var fold = first
            fold.unlisted = count
            fold.message = message(count: count)
            folds.append(fold)
        }
    }

    /// Plain digits: a fingerprint reads every number as the same, so the alert stays one alert as
    /// the count changes (`FindingsReport.fingerprints`). No line numbers: `diff` pairs findings by
    /// message, and an edit above would change them.
    static func message(count: Int) -> String {
        "This file has \(count) more findings of this rule from this line on, not listed one by one: evident lists "
            + "the first \(listed) of a rule in a file. Fix those and check again to see the rest."
    }
}
