import EvidentCheck
import EvidentSupport
import EvidentModel

/// The pull-request comment: a heading, the summary line, then what a reviewer acts on first (the
/// findings the change introduces, `updated/unrecorded-change` at their head), the changed
/// objectives as a table of before and after, added and removed objectives, declarations, and the
/// findings resolved. Lists longer than `foldAfter` fold into `<details>` blocks.
extension DiffReport {
    /// A hidden marker, so that CI can find and update its previous comment instead of adding one.
    static let commentMarker = "<!-- evident-diff -->"

    /// GitHub refuses comments longer than 65,536 characters; the comment is cut to this, long lists
    /// first, so that it can always be posted.
    static let commentLimit = 60_000

    package func markdown() -> String {
        var out = ""
        // The other lists give way first: one changed objective can hold more rows than fit, and
        // must not take the place of the findings introduced and the past values rewritten.
        let limits = [(Self.listAtMost, Self.listAtMost), (Self.listAtMost, Self.foldAfter), (Self.foldAfter, Self.foldAfter),
                      (Self.listAtMost, 0), (Self.foldAfter, 0), (0, 0)]
        for (first, rest) in limits {
            out = markdown(listAtMost: rest, first: first)
            if out.utf16.count <= Self.commentLimit { break }
        }
        return out
    }

    /// The comment with at most `first` findings introduced and past values rewritten, and at
    /// most `limit` items of each other list.
    /// `heading`: the comment's marker, heading and date (left out under a commit's own heading).
    func markdown(listAtMost limit: Int, first: Int? = nil, heading: Bool = true) -> String {
        let first = first ?? limit
        var out = heading ? "\(Self.commentMarker)\n### evident diff: \(Self.heading(diff.base)) → \(Self.heading(diff.head))\n\n" : ""
        out += "**\(GFM.text(summary()))**\n"
        if heading { out += "\nAs of \(diff.asOf); findings of both sides are computed as of that date.\n" }

        if !diff.introduced.isEmpty {
            out += "\n#### Findings introduced\n\n" + list(diff.introduced.map(Self.findingItem), limit: first, more: ("finding introduced", "findings introduced"))
        }
        let groups = MeasurementGroups(diff)
        if !groups.rewritten.isEmpty {
            out += "\n#### ⚠️ Past measurement values rewritten\n\n"
            out += "These periods had ended before \(diff.pastBefore) (\(diff.base.committed == nil ? "the as-of date" : "when BASE was committed")): a result already reported is changed. Each should be a correction whose note says why.\n\n"
            let header = "| Objective | Period | Before | After | Status | Note |\n| --- | --- | --- | --- | --- | --- |\n"
            let results = groups.rewritten.filter { Self.rewriteRank($0.change) < 2 }.count
            if results > 0 {
                out += results == 1 ? "1 of them changes a period's result (its status), and comes first.\n\n"
                    : "\(results) of them change a period's result (its status), and come first: a miss that now reads better at the head.\n\n"
            }
            // Stable: by objective and period within each rank.
            let ordered = groups.rewritten.enumerated().sorted { (Self.rewriteRank($0.element.change), $0.offset) < (Self.rewriteRank($1.element.change), $1.offset) }.map(\.element)
            out += table(header, ordered.map(Self.measurementRow), limit: first, more: ("past value rewritten", "past values rewritten"))
        }
        let pastEvidence = diff.evidence.filter(\.behindPastValue)
        if !pastEvidence.isEmpty {
            out += "\n#### ⚠️ Evidence of past values replaced or removed\n\n"
            out += "Rows of periods that had ended before \(diff.pastBefore) name these files: the data behind a result already reported is not what it was. Each should be a correction that the note of the row naming it explains.\n\n"
            out += table(Self.evidenceHeader, pastEvidence.map(Self.evidenceRow), limit: first, more: ("file", "files"))
        }
        if !diff.changed.isEmpty {
            out += "\n#### Changed objectives\n\n"
            let header = "| Objective | Field | Before | After |\n| --- | --- | --- | --- |\n"
            let rows = diff.changed.map { c in
                // A rename heads the objective's rows; its `id` row is left out unless it is the only change.
                let renamed = c.previousID.map { "Renamed: **\(GFM.text($0))** → **\(GFM.text(c.id))**" + (Self.sameLook($0, c.id).map { " (\(GFM.message($0, inTable: true)))" } ?? "") }
                let others = c.fields.filter { !($0.field == "id" && renamed != nil) }
                let fields = others.isEmpty && c.history.isEmpty ? c.fields : others
                // History entries beside the other records of approval, before the thresholds and notes.
                let split = fields.firstIndex { $0.field == UnrecordedChange.historyThresholds || $0.field == "body" } ?? fields.count
                func cells(_ f: ContentDiff.FieldChange) -> (String, String, String) {
                    let after = GFM.cell(f.after) + (Self.sameLook(f.before, f.after).map { " (\(GFM.message($0, inTable: true)))" } ?? "")
                    return (GFM.code(f.field, inTable: true), GFM.cell(f.before), after)
                }
                let cells = fields[..<split].map(cells) + c.history.map(Self.historyCells) + fields[split...].map(cells)
                return cells.enumerated().map { i, cell in
                    let who = i == 0 ? renamed ?? "**\(GFM.text(c.id))**" : ""
                    return "| \(who) | \(cell.0) | \(cell.1) | \(cell.2) |\n"
                }.joined()
            }
            out += table(header, rows, limit: limit, more: ("changed objective", "changed objectives"))
        }
        if !groups.other.isEmpty || !groups.appended.isEmpty {
            out += "\n#### Measurements\n\n"
            if let line = groups.appendedLine { out += GFM.text(line) + ".\n" }
            if !groups.other.isEmpty {
                if !groups.appended.isEmpty { out += "\n" }
                let header = "| Objective | Period | Before | After | Status | Note |\n| --- | --- | --- | --- | --- | --- |\n"
                out += table(header, groups.other.map(Self.measurementRow), limit: limit, more: ("measurement change", "measurement changes"))
            }
            if !groups.appended.isEmpty {
                let header = "| Objective | Period | Value | Note |\n| --- | --- | --- | --- |\n"
                let rows = groups.appended.prefix(limit).map { id, c in
                    "| **\(GFM.text(id))** | \(GFM.text(c.period.description)) | \(GFM.numberCell(Self.value(c.after))) | \(GFM.cell(Self.note(c))) |\n"
                }
                out += (rows.isEmpty ? "" : folded([header] + rows, more: ("value appended", "values appended"), count: groups.appended.count, shown: "The"))
                    + omitted(groups.appended.count, limit: limit)
            }
        }
        let otherEvidence = diff.evidence.filter { !$0.behindPastValue }
        if !otherEvidence.isEmpty {
            out += "\n#### Evidence files\n\n"
            out += table(Self.evidenceHeader, otherEvidence.map(Self.evidenceRow), limit: limit, more: ("evidence file", "evidence files"))
        }
        if !diff.added.isEmpty {
            out += "\n#### Added objectives\n\n" + list(diff.added.map(Self.objectiveItem), limit: limit, more: ("added objective", "added objectives"))
        }
        if !diff.removed.isEmpty {
            out += "\n#### Removed objectives\n\n" + list(diff.removed.map(Self.objectiveItem), limit: limit, more: ("removed objective", "removed objectives"))
        }
        if !diff.declarations.isEmpty {
            out += "\n#### Policy statements, requirement clauses, functions, forums, settings, reviews and communications\n\n"
            let header = "| Declaration | Change | Before | After |\n| --- | --- | --- | --- |\n"
            let rows = diff.declarations.map { d in
                "| \(GFM.text(d.kind.title)) **\(GFM.text(d.id))** | \(d.previousID.map { "moved from \(GFM.text($0))" } ?? d.change.rawValue) | \(GFM.cell(d.before)) | \(GFM.cell(d.after)) |\n"
            }
            out += table(header, rows, limit: limit, more: ("declaration changed", "declarations changed"))
        }
        if !diff.resolved.isEmpty {
            out += "\n#### Findings resolved\n\n" + list(diff.resolved.map(Self.findingItem), limit: limit, more: ("finding resolved", "findings resolved"))
        }
        return out
    }

    /// A bulleted list: the first `foldAfter` items shown, the rest folded, so that what comes first
    /// (the unrecorded changes, then errors) is always in view.
    private func list(_ items: [String], limit: Int, more: (String, String)) -> String {
        let bullets = items.prefix(limit).map { "- \($0)\n" }
        return bullets.prefix(Self.foldAfter).joined() + folded(Array(bullets.dropFirst(Self.foldAfter)), more: more)
            + omitted(items.count, limit: limit)
    }

    /// A table: the rows of the first `foldAfter` items shown, the rest in a second table, folded.
    private func table(_ header: String, _ rows: [String], limit: Int, more: (String, String)) -> String {
        let kept = Array(rows.prefix(limit))
        let rest = Array(kept.dropFirst(Self.foldAfter))
        return (kept.isEmpty ? "" : header + kept.prefix(Self.foldAfter).joined())
            + (rest.isEmpty ? "" : folded([header] + rest, more: more, count: rest.count)) + omitted(rows.count, limit: limit)
    }

    /// A note for the items past `limit`, which the comment cannot hold.
    private func omitted(_ count: Int, limit: Int) -> String {
        guard count > limit else { return "" }
        return "\n_\(count - limit) more not shown: a pull-request comment holds at most 65,536 characters. Run `evident diff` (text or JSON) to see them all._\n"
    }

    /// `<details>` around the blocks, with a count in the summary; nothing when there are none. The
    /// blank lines around the Markdown let GitHub render it inside the HTML block.
    private func folded(_ blocks: [String], more: (one: String, many: String), count: Int? = nil, shown: String = "more") -> String {
        guard !blocks.isEmpty else { return "" }
        let n = count ?? blocks.count
        let summary = shown == "more" ? "\(n) more \(n == 1 ? more.one : more.many)" : "\(shown) \(n) \(n == 1 ? more.one : more.many)"
        return "\n<details><summary>\(GFM.html(summary))</summary>\n\n\(blocks.joined())\n</details>\n"
    }

    /// A side as the heading names it: the kind as text, what the user named and the commit as code.
    static func heading(_ side: DiffSide) -> String {
        switch side.source {
        case let .workingTree(path): "working tree \(GFM.code(path))"
        case let .folder(path): "folder \(GFM.code(path))"
        case let .revision(name, commit):
            DiffSide.namesItsCommit(name, commit) ? "revision \(GFM.code(commit))" : "revision \(GFM.code(name)) (\(GFM.code(commit)))"
        }
    }

    /// A history change as the cells of the changed objectives' table: what it is, before, after.
    /// Removing or rewriting an entry alters the record of a past approval, and says so.
    static func historyCells(_ h: ContentDiff.HistoryChange) -> (String, String, String) {
        let what = h.kind == .completed ? "given the thresholds in force" : h.kind.rawValue
        let name = GFM.code("history", inTable: true) + " entry " + (h.altersRecord ? "**\(what)** ⚠️" : what)
        let (before, after) = HistoryChanges.shown(h)
        return (name, GFM.cell(before), GFM.cell(after))
    }

    /// `| **OBJ-1** | 2025 | 91.2 | 99.5 | off target → on target | Recomputed. |`; the evidence
    /// in the note's cell when it changed.
    static func measurementRow(_ id: String, _ c: ContentDiff.MeasurementChange) -> String {
        let before = c.countedBefore.map { value($0) } ?? (c.kind == .added ? kind(c) : value(c.before))
        let after = c.countedAfter.map { value($0) } ?? (c.noLongerCounted != nil ? "not counted" : c.kind == .removed ? "removed" : value(c.after))
        let note = [replacement(c), evidence(c), self.note(c)].compactMap { $0 }.joined(separator: "; ")
        return "| **\(GFM.text(id))** | \(GFM.text(c.period.description)) | \(GFM.numberCell(before)) | \(GFM.numberCell(after)) | \(GFM.cell(status(c))) | \(GFM.cell(note)) |\n"
    }

    /// Where a past value rewritten goes in the comment's table, which may be cut: 0 for a result
    /// that reads better than before (a miss met, no longer counted or removed), 1 for another
    /// status changed, 2 for the same status (a correction within it, or a note).
    static func rewriteRank(_ c: ContentDiff.MeasurementChange) -> Int {
        let before = (c.countedBefore ?? c.before)?.status
        let gone = c.noLongerCounted != nil || (c.after == nil && c.countedAfter == nil)
        let after = gone ? nil : (c.countedAfter ?? c.after)?.status
        if before == after && !gone { return 2 }
        func rank(_ s: ValueStatus?) -> Int {
            switch s { case .onTarget: 0; case .withinTolerance: 1; case .offTarget: 2; case .noData, nil: 3 }
        }
        // A miss or a value within tolerance that is now better, unjudged or gone.
        if let before, before != .onTarget, gone || after == nil || rank(after) < rank(before) { return 0 }
        return before == after ? 2 : 1
    }

    static let evidenceHeader = "| File | Change | Named by |\n| --- | --- | --- |\n"

    /// `| `content/evidence/x.csv` | replaced | **OBJ-1** 2026-09 (`content/measurements/OBJ-1.csv:5:12`) |`.
    static func evidenceRow(_ e: ContentDiff.EvidenceChange) -> String {
        let named = e.namedBy.prefix(3).map { "**\(GFM.text($0.objective))** \(GFM.text($0.period.description)) (\(GFM.code($0.location.description, inTable: true)))" }
        let more = e.namedBy.count > 3 ? " and \(plural(e.namedBy.count - 3, "more row"))" : ""
        return "| \(GFM.code(e.file, inTable: true)) | \(e.kind.rawValue) | \(named.isEmpty ? "no row" : named.joined(separator: ", ") + more) |\n"
    }

    static func findingItem(_ f: Finding) -> String {
        "**\(f.severity.rawValue)** \(GFM.code(f.rule)) at \(GFM.code(f.location.description)): \(GFM.message(f.message))"
    }

    static func objectiveItem(_ o: ContentDiff.ObjectiveEntry) -> String {
        var item = "**\(GFM.text(o.id))**"
        if let title = o.title { item += " \(GFM.text(title))" }
        return item + " (\(GFM.text(o.status)), \(GFM.code(o.file)))"
    }
}
