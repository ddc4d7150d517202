import EvidentModel

/// How every format shows measurement changes.
extension DiffReport {
    /// Measurement changes as a reviewer reads them: past values rewritten (what an auditor asks
    /// about), the other changes one by one, and appended values (the routine update) summarised.
    struct MeasurementGroups {
        var rewritten: [(objective: String, change: ContentDiff.MeasurementChange)] = []
        var other: [(objective: String, change: ContentDiff.MeasurementChange)] = []
        var appended: [(objective: String, change: ContentDiff.MeasurementChange)] = []

        init(_ diff: ContentDiff) {
            for (id, c) in diff.measurementChanges {
                if c.rewritesPast { rewritten.append((id, c)) } else if c.isAppended { appended.append((id, c)) } else { other.append((id, c)) }
            }
        }

        var isEmpty: Bool { rewritten.isEmpty && other.isEmpty && appended.isEmpty }

        /// The appended values by the periods each objective gained, the most objectives first:
        /// `[("2026-10", ["OBJ-A", "OBJ-B"])]`.
        var appendedByPeriods: [(periods: String, objectives: [String])] {
            var periods: [String: [String]] = [:], order: [String] = []
            for (id, c) in appended {
                if periods[id] == nil { order.append(id) }
                periods[id, default: []].append(c.period.description)
            }
            var groups: [String: [String]] = [:]
            for id in order { groups[(periods[id] ?? []).joined(separator: ", "), default: []].append(id) }
            return groups.map { ($0.key, $0.value) }.sorted { a, b in
                a.objectives.count != b.objectives.count ? a.objectives.count > b.objectives.count : a.periods < b.periods
            }
        }

        /// `50 values appended: 2026-10 for 48 objectives, 2026-10, 2026-11 for 2 objectives (OBJ-A, OBJ-B)`:
        /// the objectives named when a group has at most three.
        var appendedLine: String? {
            guard !appended.isEmpty else { return nil }
            let groups = appendedByPeriods.map { g in
                "\(g.periods) for " + (g.objectives.count <= 3 ? g.objectives.joined(separator: ", ") : DiffReport.plural(g.objectives.count, "objective"))
            }
            return "\(DiffReport.plural(appended.count, "value")) appended: " + groups.joined(separator: "; ")
        }
    }

    /// `3 measurement values added, 1 changed, 1 removed, 2 past values rewritten`; nil when none changed.
    func measurementSummary() -> String? {
        let all = diff.measurementChanges.map(\.change)
        guard !all.isEmpty else { return nil }
        let counts = [(all.filter { $0.kind == .added && !$0.rewritesPast }.count, "added"),
                      (all.filter { $0.kind == .changed && !$0.rewritesPast }.count, "changed"),
                      (all.filter { $0.kind == .removed && !$0.rewritesPast }.count, "removed")].filter { $0.0 > 0 }
        var parts: [String] = []
        if let first = counts.first {
            parts.append(([Self.plural(first.0, "measurement value") + " " + first.1] + counts.dropFirst().map { "\($0.0) \($0.1)" })
                .joined(separator: ", "))
        }
        let rewritten = all.filter(\.rewritesPast).count
        if rewritten > 0 { parts.append(Self.plural(rewritten, parts.isEmpty ? "past measurement value" : "past value") + " rewritten") }
        return parts.joined(separator: ", ")
    }

    /// `2 evidence files added, 1 replaced (1 behind a past value)`; nil when none changed.
    func evidenceSummary() -> String? {
        let order: [ContentDiff.EvidenceChange.Kind] = [.added, .replaced, .removed]
        let counts = order.map { kind in (diff.evidence.filter { $0.kind == kind }.count, kind.rawValue) }.filter { $0.0 > 0 }
        guard let first = counts.first else { return nil }
        let past = diff.evidence.filter(\.behindPastValue).count
        return ([Self.plural(first.0, "evidence file") + " " + first.1] + counts.dropFirst().map { "\($0.0) \($0.1)" }).joined(separator: ", ")
            + (past == 0 ? "" : " (\(past) behind \(past == 1 ? "a past value" : "past values"))")
    }

    /// `named by OBJ-1 2026-09 (content/measurements/OBJ-1.csv:5:12)`, the first three rows, or
    /// `named by no row`.
    static func named(_ e: ContentDiff.EvidenceChange) -> String {
        guard !e.namedBy.isEmpty else { return "named by no row" }
        let shown = e.namedBy.prefix(3).map { "\($0.objective) \($0.period) (\($0.location))" }
        let more = e.namedBy.count > 3 ? " and \(plural(e.namedBy.count - 3, "more row"))" : ""
        return "named by " + shown.joined(separator: ", ") + more
    }

    /// `91.2`, `(gap)` for a known gap, nil for no row.
    static func value(_ row: ContentDiff.MeasurementChange.Row?) -> String? {
        row.map { $0.value.isEmpty ? "(gap)" : $0.value }
    }

    /// `off target → on target`; the one status when it did not change; nil when neither side judged it.
    static func status(_ c: ContentDiff.MeasurementChange) -> String? {
        func label(_ s: ValueStatus?) -> String { s.map { $0.label.lowercased() } ?? "not judged" }
        let before = (c.countedBefore ?? c.before)?.status, after = (c.countedAfter ?? c.after)?.status
        if before == nil && after == nil { return nil }
        if c.noLongerCounted != nil { return label(before) + " → not counted" }
        if c.after == nil && c.countedAfter == nil { return label(before) + " → no value" }
        return before == after ? label(after) : "\(label(before)) → \(label(after))"
    }

    /// The note as it is now (a note added with the change is its explanation), `old → new` when
    /// one was rewritten, `(removed) old` when one was removed; nil when there is none.
    static func note(_ c: ContentDiff.MeasurementChange) -> String? {
        let before = c.before?.note.flatMap { $0.isEmpty ? nil : $0 }, after = c.after?.note.flatMap { $0.isEmpty ? nil : $0 }
        // Two rows, not one row's note rewritten: the note of the row that counts.
        if c.otherRowCounts { return after }
        guard c.before != nil, c.after != nil, let old = before, old != after else { return after ?? before }
        return after.map { "\(old) → \($0)" } ?? "(removed) \(old)"
    }

    /// Which row counts for the period now, when a row added or removed, rows moved between
    /// files, or the cadence or start changed it: `a row added; the row at x.csv:8:1 no longer
    /// counts`; or the thresholds that judge it, when they changed its status.
    static func replacement(_ c: ContentDiff.MeasurementChange) -> String? {
        if let reason = c.noLongerCounted { return "the row no longer counts: " + reason }
        if let holder = c.countsFor, let now = c.after {
            return "\(c.period) is part of \(holder) now, for which the row at \(now.location) counts"
        }
        if let was = c.countedBefore { return "a row added; the row at \(was.location) no longer counts" }
        if let now = c.countedAfter { return "the row removed; the row at \(now.location) counts again" }
        if let judged = c.rejudged {
            return "the same value judged against other thresholds: \(judged.before) → \(judged.after)"
        }
        if c.otherRowCounts, let was = c.before, let now = c.after {
            return "no row of the period changed, but rows moved: the row at \(now.location) counts in place of the row at \(was.location)"
        }
        return nil
    }

    /// The evidence, when it changed: `evidence a.csv → b.csv`.
    static func evidence(_ c: ContentDiff.MeasurementChange) -> String? {
        guard let b = c.before, let a = c.after, b.evidence != a.evidence else { return nil }
        return "evidence \(b.evidence ?? "(none)") → \(a.evidence ?? "(none)")"
    }

    /// How a change reads in a list: `changed`, `removed`, `added earlier than the latest value`.
    static func kind(_ c: ContentDiff.MeasurementChange) -> String {
        c.backfilled ? "added behind the latest value" : c.kind.rawValue
    }
}
