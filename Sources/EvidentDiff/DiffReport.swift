import EvidentCheck
import EvidentModel
import EvidentSupport

/// The ways `evident diff` prints a comparison: text for a terminal, Markdown for a pull-request
/// comment, JSON for scripts.
package enum DiffFormat: String, Sendable, CaseIterable {
    case text, markdown, json
}

package struct DiffReport: Sendable {
    let diff: ContentDiff

    /// In Markdown, items past this many fold into a `<details>` block…
    static let foldAfter = 10
    /// …and past this many are left out, so that the comment stays within GitHub's 65,536
    /// characters (fewer when the comment is still too long).
    static let listAtMost = 50

    package init(diff: ContentDiff) {
        self.diff = diff
    }

    package func render(_ format: DiffFormat, color: Bool = false, quiet: Bool = false) -> String {
        switch format {
        case .text: text(color: color, quiet: quiet)
        case .markdown: markdown()
        case .json: json().serialized()
        }
    }

    // MARK: summary

    /// One line: `3 objectives changed, 1 added, 1 removed · 1 policy statement added · 2 findings
    /// introduced (1 error, 1 warning), 1 resolved`.
    package func summary() -> String {
        var parts: [String] = []
        // Given another id is renamed; kept under its id in another file is moved, as a review is.
        let renamed = diff.changed.filter { $0.previousID != nil }.count
        let counts = [(diff.changedCount, "changed"), (renamed, "renamed"), (diff.renamedCount - renamed, "moved"),
                      (diff.added.count, "added"), (diff.removed.count, "removed")].filter { $0.0 > 0 }
        if let first = counts.first {
            parts.append(([Self.plural(first.0, "objective") + " " + first.1] + counts.dropFirst().map { "\($0.0) \($0.1)" })
                .joined(separator: ", "))
        } else {
            parts.append("no objective changed")
        }
        var declarations: [String] = []
        for kind in ContentDiff.DeclarationChange.Kind.allCases {
            for change in ContentDiff.DeclarationChange.Change.allCases {
                let n = diff.declarations.filter { $0.kind == kind && $0.change == change }.count
                if n > 0 { declarations.append("\(Self.plural(n, kind.title)) \(change.rawValue)") }
            }
        }
        if !declarations.isEmpty { parts.append(declarations.joined(separator: ", ")) }
        if let measurements = measurementSummary() { parts.append(measurements) }
        if let evidence = evidenceSummary() { parts.append(evidence) }
        let bySeverity = FindingsReport.counts(diff.introduced, listed: true)
        parts.append("\(Self.plural(diff.introduced.count, "finding")) introduced\(bySeverity.isEmpty ? "" : " (\(bySeverity))"), \(diff.resolved.count) resolved")
        return parts.joined(separator: " · ")
    }

    /// "it looks the same as before: …" for a value changed into one that reads the same
    /// (`LookAlikeLetter.unchangedLook`); nil otherwise.
    static func sameLook(_ before: String?, _ after: String?) -> String? {
        guard let before, let after else { return nil }
        return LookAlikeLetter.unchangedLook(before: before, after: after)
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// `revision origin/main (<commit id>) → working tree content`.
    var comparing: String { "\(diff.base.label) → \(diff.head.label)" }

    // MARK: text

    /// For a terminal: every value from content is escaped (`TerminalText`), so that only the
    /// report's own colour codes reach the screen.
    /// `header`: the first line, naming what was compared (left out under a commit's own line).
    package func text(color: Bool, quiet: Bool, header: Bool = true) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func t(_ s: String) -> String { TerminalText.escape(s) }
        func one(_ s: String?) -> String {
            s.map { t($0.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: " ")) } ?? "(none)"
        }
        if quiet { return diff.introduced.map { FindingsReport.line($0, color: color) }.joined() }
        var out = (header ? "evident diff \(t(comparing)), as of \(diff.asOf)\n" : "") + "\(t(summary()))\n"
        if !diff.changed.isEmpty {
            out += "\n" + bold("Changed objectives") + "\n"
            for c in diff.changed {
                // A rename heads the objective's changes, rather than being one of them.
                let name = c.previousID.map { "Renamed: \(t($0)) → \(t(c.id))" + (Self.sameLook($0, c.id).map { " (\(t($0)))" } ?? "") } ?? t(c.id)
                out += "  \(name)  \(t(c.file))\n"
                for f in c.fields where !(f.field == "id" && c.previousID != nil) {
                    out += "    \(t(f.field)): \(one(f.before)) → \(one(f.after))" + (Self.sameLook(f.before, f.after).map { " (\(t($0)))" } ?? "") + "\n"
                }
                for h in c.history {
                    let (before, after) = HistoryChanges.shown(h)
                    switch h.kind {
                    case .added: out += "    history entry added: \(one(after))\n"
                    case .removed: out += "    history entry REMOVED (a past record): \(one(before))\n"
                    case .rewritten: out += "    history entry REWRITTEN (a past record): \(one(before)) → \(one(after))\n"
                    case .completed: out += "    history entry given the thresholds in force: \(one(before)) → \(one(after))\n"
                    }
                }
            }
        }
        let groups = MeasurementGroups(diff)
        func measurement(_ id: String, _ c: ContentDiff.MeasurementChange) -> String {
            var line = "  \(t(id))  \(t(c.period.description)): "
            switch c.kind {
            case .removed where c.noLongerCounted != nil: line += "\(one(Self.value(c.before))) no longer counts"
            case .added where c.countedBefore != nil: line += "\(one(Self.value(c.countedBefore))) → \(one(Self.value(c.after)))"
            case .removed where c.countedAfter != nil: line += "\(one(Self.value(c.before))) → \(one(Self.value(c.countedAfter)))"
            case .added: line += "\(Self.kind(c)) \(one(Self.value(c.after)))"
            case .removed: line += "\(one(Self.value(c.before))) removed"
            case .changed: line += "\(one(Self.value(c.before))) → \(one(Self.value(c.after)))"
            }
            let extra = [Self.status(c), Self.replacement(c).map(one), Self.evidence(c), Self.note(c).map { "note: " + $0 }].compactMap { $0 }
            if !extra.isEmpty { line += " (" + extra.map(one).joined(separator: "; ") + ")" }
            return line + "  \(t((c.after ?? c.before)?.location.description ?? ""))\n"
        }
        if !groups.rewritten.isEmpty {
            out += "\n" + bold("Past measurement values rewritten") + " (periods that had ended before \(diff.pastBefore))\n"
            for (id, c) in groups.rewritten { out += measurement(id, c) }
        }
        if !groups.other.isEmpty || !groups.appended.isEmpty {
            out += "\n" + bold("Measurements") + "\n"
            for (id, c) in groups.other { out += measurement(id, c) }
            if let line = groups.appendedLine { out += "  \(t(line))\n" }
        }
        if !diff.evidence.isEmpty {
            out += "\n" + bold("Evidence files") + "\n"
            for e in diff.evidence {
                let what = switch e.kind {
                case .replaced: e.behindPastValue ? "REPLACED (evidence of a past value)" : "replaced"
                case .added: "added"
                case .removed: e.behindPastValue ? "REMOVED (evidence of a past value)" : "removed"
                }
                out += "  \(what): \(t(e.file))  (\(t(Self.named(e))))\n"
            }
        }
        for (title, list, mark) in [("Added objectives", diff.added, "+"), ("Removed objectives", diff.removed, "-")] where !list.isEmpty {
            out += "\n" + bold(title) + "\n"
            for o in list { out += "  \(mark) \(t(o.id))  \(one(o.title))  (\(t(o.status)), \(t(o.file)))\n" }
        }
        if !diff.declarations.isEmpty {
            out += "\n" + bold("Policy statements, requirement clauses, functions, forums, settings, reviews and communications") + "\n"
            for d in diff.declarations {
                switch d.change {
                case .added: out += "  + \(d.kind.title) \(t(d.id)): \(one(d.after))\n"
                case .removed: out += "  - \(d.kind.title) \(t(d.id)): \(one(d.before))\n"
                case .changed: out += "  ~ \(d.kind.title) \(t(d.id)): \(one(d.before)) → \(one(d.after))\n"
                case .moved:
                    out += "  > \(d.kind.title) \(t(d.id)), moved from \(t(d.previousID ?? ""))"
                    out += d.before == nil && d.after == nil ? "\n" : ": \(one(d.before)) → \(one(d.after))\n"
                }
            }
        }
        for (title, list) in [("Findings introduced", diff.introduced), ("Findings resolved", diff.resolved)] where !list.isEmpty {
            out += "\n" + bold(title) + "\n"
            for f in list { out += "  " + FindingsReport.line(f, color: color) }
        }
        return out
    }

    // MARK: JSON

    package func json() -> JSON {
        // What was compared, with every field always present: `kind` says which of `name` and
        // `commit` (a revision) apply; `path` is the content folder read (for a revision, the
        // `--content` path inside it).
        func side(_ s: DiffSide) -> JSON {
            let (kind, name, commit): (String, String?, String?) = switch s.source {
            case .workingTree: ("working-tree", nil, nil)
            case .folder: ("folder", nil, nil)
            case let .revision(name, commit): ("revision", name, commit)
            }
            return .object([("label", .string(s.label)), ("kind", .string(kind)), ("name", .optional(name)),
                            ("commit", .optional(commit)), ("path", .string(s.shownRoot))])
        }
        func entry(_ o: ContentDiff.ObjectiveEntry) -> JSON {
            .object([("id", .string(o.id)), ("title", .optional(o.title)), ("status", .string(o.status)), ("file", .string(o.file))])
        }
        func historyEntry(_ e: HistoryEntry?) -> JSON {
            guard let e else { return .null }
            return .object([
                ("version", e.version.map { .int($0.value) } ?? .null), ("date", .optional(e.date?.value.description)),
                ("change", .optional(e.change?.value)), ("reason", .optional(e.reason?.value)),
                ("approved_by", .optional(e.approvedBy?.value)), ("effective", .optional(e.effective?.value.description)),
                ("target", .optional(e.target?.value)), ("tolerance", .optional(e.tolerance?.value)),
            ])
        }
        let changed: [JSON] = diff.changed.map { c in
            .object([
                ("id", .string(c.id)), ("title", .optional(c.title)), ("file", .string(c.file)),
                ("previous_file", .optional(c.previousFile)), ("previous_id", .optional(c.previousID)),
                ("fields", .array(c.fields.map { f in
                    .object([("field", .string(f.field)), ("before", .optional(f.before)), ("after", .optional(f.after))])
                })),
                ("history", .array(c.history.map { h in
                    .object([("change", .string(h.kind.rawValue)), ("version", h.version.map { .int($0) } ?? .null),
                             ("before", historyEntry(h.before)), ("after", historyEntry(h.after))])
                })),
            ])
        }
        func row(_ r: ContentDiff.MeasurementChange.Row?) -> JSON {
            guard let r else { return .null }
            return .object([
                ("value", r.value.isEmpty ? .null : .string(r.value)), ("note", .optional(r.note)),
                ("evidence", .optional(r.evidence)), ("status", .optional(r.status?.rawValue)),
                ("file", .string(r.location.file)), ("line", r.location.line.map { .int($0) } ?? .null),
            ])
        }
        let measurements: [JSON] = diff.measurements.map { m in
            .object([("objective", .string(m.objective)), ("changes", .array(m.changes.map { c in
                .object([("period", .string(c.period.description)), ("change", .string(c.kind.rawValue)),
                         ("past_value_rewritten", .bool(c.rewritesPast)), ("backfilled", .bool(c.backfilled)),
                         ("before", row(c.before)), ("after", row(c.after)),
                         ("counted_before", row(c.countedBefore)), ("counted_after", row(c.countedAfter)),
                         ("other_row_counts", .bool(c.otherRowCounts)),
                         ("counts_for", .optional(c.countsFor?.description)), ("no_longer_counted", .optional(c.noLongerCounted)),
                         ("rejudged", c.rejudged.map { .object([("before", .string($0.before)), ("after", .string($0.after))]) } ?? .null)])
            }))])
        }
        let all = diff.measurementChanges.map(\.change)
        let counts: [(String, Int)] = [
            ("objectives", diff.measurements.count),
            ("appended", all.filter(\.isAppended).count),
            ("backfilled", all.filter(\.backfilled).count),
            ("changed", all.filter { $0.kind == .changed && !$0.rewritesPast }.count),
            ("removed", all.filter { $0.kind == .removed && !$0.rewritesPast }.count),
            ("past_values_rewritten", all.filter(\.rewritesPast).count),
        ]
        let measurementCounts = JSON.object(counts.map { ($0.0, JSON.int($0.1)) })
        let evidence: [JSON] = diff.evidence.map { e in
            .object([("file", .string(e.file)), ("change", .string(e.kind.rawValue)), ("behind_past_value", .bool(e.behindPastValue)),
                     ("named_by", .array(e.namedBy.map { n in
                         .object([("objective", .string(n.objective)), ("period", .string(n.period.description)),
                                  ("file", .string(n.location.file)), ("line", n.location.line.map { .int($0) } ?? .null),
                                  ("column", n.location.column.map { .int($0) } ?? .null)])
                     }))])
        }
        let evidenceCounts = JSON.object(ContentDiff.EvidenceChange.Kind.allCases.map { kind in
            (kind.rawValue, JSON.int(diff.evidence.filter { $0.kind == kind }.count))
        } + [("behind_past_values", .int(diff.evidence.filter(\.behindPastValue).count))])
        let declarations: [JSON] = diff.declarations.map { d in
            .object([("kind", .string(d.kind.rawValue)), ("id", .string(d.id)), ("change", .string(d.change.rawValue)),
                      ("previous_id", .optional(d.previousID)), ("before", .optional(d.before)), ("after", .optional(d.after))])
        }
        return .object([
            ("as_of", .string(diff.asOf.description)),
            ("base", side(diff.base)),
            ("head", side(diff.head)),
            ("summary", .object([
                ("text", .string(summary())),
                ("objectives_changed", .int(diff.changedCount)),
                ("objectives_renamed", .int(diff.renamedCount)),
                ("objectives_id_changed", .int(diff.changed.filter { $0.previousID != nil }.count)),
                ("objectives_added", .int(diff.added.count)),
                ("objectives_removed", .int(diff.removed.count)),
                ("declarations_changed", .int(diff.declarations.count)),
                ("measurements", measurementCounts),
                ("evidence", evidenceCounts),
                ("findings_introduced", .object(Severity.allCases.reversed().map { s in
                    (s.rawValue, .int(diff.introduced.filter { $0.severity == s }.count))
                })),
                ("findings_resolved", .int(diff.resolved.count)),
            ])),
            ("objectives", .object([
                ("changed", .array(changed)),
                ("added", .array(diff.added.map(entry))),
                ("removed", .array(diff.removed.map(entry))),
            ])),
            ("declarations", .array(declarations)),
            // Periods that ended before this day were over when BASE was made.
            ("past_before", .string(diff.pastBefore.description)),
            ("measurements", .array(measurements)),
            ("evidence", .array(evidence)),
            ("findings", .object([
                // With the standard items each bears on, as `check --format json` gives them: an
                // introduced finding's in HEAD, a resolved one's in BASE.
                ("introduced", .array(diff.introduced.map { FindingsReport.json($0, standards: diff.head.result.standardItems(of: $0)) })),
                ("resolved", .array(diff.resolved.map { FindingsReport.json($0, standards: diff.base.result.standardItems(of: $0)) })),
            ])),
        ])
    }
}
