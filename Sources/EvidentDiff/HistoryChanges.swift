import EvidentCheck
import EvidentModel

extension ContentDiff {
    /// A history entry added, removed or rewritten. Entries pair by `version` (in file order among
    /// entries of the same version, or of none); adding the entry of a new version is the normal
    /// record of a change, while removing or rewriting one alters the record of a past approval.
    /// An entry only given the thresholds that already judged its values (`completed`) alters
    /// nothing: it is what `updated/unrecorded-change` asks for when a target moves.
    package struct HistoryChange: Sendable, Equatable {
        package enum Kind: String, Sendable, CaseIterable {
            case added, removed, rewritten, completed
        }

        var before: HistoryEntry?
        var after: HistoryEntry?
        /// Set by `HistoryChanges.completions`: the rewrite only records thresholds already in force.
        var recordsThresholdsInForce = false

        package var kind: Kind {
            switch (before, after) {
            case (nil, _): .added
            case (_, nil): .removed
            default: recordsThresholdsInForce ? .completed : .rewritten
            }
        }

        /// Whether it alters a record already made (removed or rewritten).
        var altersRecord: Bool { kind == .removed || kind == .rewritten }
        package var version: Int? { (after ?? before)?.version?.value }
    }
}

enum HistoryChanges {
    /// The entries of `new` that `old` does not have, those of `old` that `new` lost, and those
    /// rewritten: by version, oldest first, removed before added among entries of no version.
    /// `renaming`: an entry of `old` naming an objective renamed compares as naming its new id.
    /// `units`: each side's `metric.unit`, which a threshold written without one is in.
    static func changes(from old: [HistoryEntry], to new: [HistoryEntry], renaming: IDRenames = IDRenames(),
                        units: (old: String?, new: String?) = (nil, nil)) -> [ContentDiff.HistoryChange] {
        var olds: [Int?: [HistoryEntry]] = [:], news: [Int?: [HistoryEntry]] = [:]
        for e in old { olds[e.version?.value, default: []].append(e) }
        for e in new { news[e.version?.value, default: []].append(e) }
        let versions = Set(olds.keys).union(news.keys).sorted { a, b in
            switch (a, b) {
            case let (a?, b?): a < b
            case (nil, _?): false
            case (_?, nil): true
            case (nil, nil): false
            }
        }
        var out: [ContentDiff.HistoryChange] = []
        for version in versions {
            // The same entry is left alone wherever it moved among its version's entries; matched
            // through a table, so that many entries cost no more than few.
            let all = olds[version] ?? []
            var unmatched: [[String?]: [Int]] = [:]
            for (i, e) in all.enumerated() { unmatched[values(e, renaming: renaming, unit: units.old), default: []].append(i) }
            var after: [HistoryEntry] = []
            for e in news[version] ?? [] {
                let key = values(e, unit: units.new)
                if unmatched[key]?.popLast() != nil {
                    if unmatched[key]?.isEmpty == true { unmatched[key] = nil }
                } else {
                    after.append(e)
                }
            }
            let before = unmatched.values.joined().sorted().map { all[$0] }
            for i in 0..<max(before.count, after.count) {
                out.append(.init(before: i < before.count ? before[i] : nil, after: i < after.count ? after[i] : nil))
            }
        }
        return out
    }

    /// `changes` with each rewrite that only gives an entry the thresholds that judged its values
    /// marked: where `old`'s history records no threshold, every value was judged against `old`'s
    /// own `target` and `tolerance` (SPEC 4.1), so an entry given exactly those, and nothing else
    /// changed, re-judges nothing.
    static func completions(_ changes: [ContentDiff.HistoryChange], old: Objective) -> [ContentDiff.HistoryChange] {
        guard !old.history.contains(where: { $0.target != nil || $0.tolerance != nil }),
              let target = old.target.flatMap({ Threshold(parsing: $0.value) }) else { return changes }
        let tolerance = old.tolerance.flatMap { Threshold(parsing: $0.value) }
        guard old.tolerance == nil || tolerance != nil else { return changes }
        return changes.map { change in
            guard let a = change.before, let b = change.after,
                  values(a).prefix(6) == values(b).prefix(6),
                  b.target.flatMap({ Threshold(parsing: $0.value) }) == target,
                  b.tolerance.flatMap({ Threshold(parsing: $0.value) }) == tolerance,
                  b.tolerance != nil || old.tolerance == nil else { return change }
            var marked = change
            marked.recordsThresholdsInForce = true
            return marked
        }
    }

    /// An entry's values (positions aside), equal for the same entry; thresholds as parsed, so
    /// `<=4h` is `<= 4 h`.
    static func values(_ e: HistoryEntry, renaming: IDRenames = IDRenames(), unit: String? = nil) -> [String?] {
        func threshold(_ t: Located<String>?) -> String? { t.map { Threshold(parsing: $0.value)?.unit(default: unit).description ?? $0.value } }
        func text(_ t: Located<String>?) -> String? { t.map { renaming.apply($0.value) } }
        return [e.version.map { String($0.value) }, e.date?.value.description, text(e.change), text(e.reason),
                e.approvedBy?.value, e.effective?.value.description, threshold(e.target), threshold(e.tolerance)]
    }

    /// The values of a rewritten entry that differ, before and after, under the entry's version:
    /// `version 1 · reason: Internal control 3.` → `version 1 · reason: Internal control 4.`. An
    /// entry added or removed is shown whole.
    static func shown(_ h: ContentDiff.HistoryChange) -> (before: String?, after: String?) {
        guard let a = h.before, let b = h.after else { return (h.before.map(shown), h.after.map(shown)) }
        func values(_ e: HistoryEntry) -> [(String, String?)] {
            [("version", e.version.map { String($0.value) }), ("date", e.date?.value.description), ("change", e.change?.value),
             ("reason", e.reason?.value), ("approved_by", e.approvedBy?.value), ("effective", e.effective?.value.description),
             ("target", e.target?.value), ("tolerance", e.tolerance?.value)]
        }
        let old = values(a), new = values(b)
        let differing = zip(old, new).filter { $0.0.1 != $0.1.1 }
        func side(_ pick: ((String, String?), (String, String?)) -> (String, String?), _ e: HistoryEntry) -> String {
            let head = e.version.map { "version \($0.value)" } ?? "no version"
            return ([head] + differing.map { pair in
                let (name, value) = pick(pair.0, pair.1)
                return "\(name): \(value ?? "(none)")"
            }).joined(separator: " · ")
        }
        return (side({ a, _ in a }, a), side({ _, b in b }, b))
    }

    /// `version 2, 2026-11-20 · Target tightened. · reason: MSA renewal. · approved by Head of SM ·
    /// target <= 3 h, tolerance <= 5 h, effective 2026-12-01`: every value, so that a rewrite shows.
    static func shown(_ h: HistoryEntry) -> String {
        var parts = [ObjectiveChanges.entry(h)]
        var thresholds: [String] = []
        if let t = h.target { thresholds.append("target \(t.value)") }
        if let t = h.tolerance { thresholds.append("tolerance \(t.value)") }
        if let e = h.effective { thresholds.append("effective \(e.value)") }
        if !thresholds.isEmpty { parts.append(thresholds.joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }
}
