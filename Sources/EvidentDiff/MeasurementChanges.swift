import EvidentCheck
import EvidentModel
import EvidentSupport

extension ContentDiff {
    /// A measurement row added, removed or changed, for one objective and period. Rows pair by
    /// objective and period wherever they are written, so that moving rows between files is no
    /// change; a value compares as a number (`91.20` is `91.2`), the note and evidence as written.
    struct MeasurementChange: Sendable, Equatable {
        package enum Kind: String, Sendable, CaseIterable {
            case added, removed, changed
        }

        struct Row: Sendable, Equatable {
            /// As written; empty for a known gap.
            package var value: String
            var note: String?
            package var evidence: String?
            /// The value judged against the thresholds that applied to its period, on that side;
            /// nil for an added row, or where that side's objective has no target or is not declared.
            package var status: ValueStatus?
            package var location: SourceLocation
        }

        package var period: Period
        var before: Row?
        var after: Row?
        /// The value of a period that had ended before BASE (`ContentDiff.pastBefore`) changed, or
        /// its row removed: a result already reported is different now.
        var rewritesPast: Bool
        /// Added for a period that does not end after the latest one BASE had a value for (a second
        /// row for that period included): filled in behind, not appended.
        var backfilled: Bool
        /// For a row added that now counts for a past period of the cadence in place of another
        /// (a restatement: SPEC 4.1, the latest row counts): the row that counted in BASE.
        var countedBefore: Row?
        /// For a row removed that counted for a past period: the row that counts in its place now.
        var countedAfter: Row?
        /// No row of the period changed, but another counts now (rows moved between files change
        /// which is the later): `before` is the row that counted in BASE, `after` the one in HEAD.
        var otherRowCounts = false
        /// The same value counts for a past period on both sides, but it is judged against other
        /// thresholds (the objective's target, tolerance or history thresholds changed), and its
        /// status differs: what it was judged against on each side.
        var rejudged: Thresholds?
        /// For a past period BASE counted a row for that HEAD's periods no longer have (the
        /// cadence changed): the HEAD period that holds the row's time now, whose counted row is
        /// `after`, judged otherwise than `before` was.
        var countsFor: Period?
        /// For a past period BASE counted a row for that HEAD counts nothing for: why (its start
        /// moved later, so the time is never due; the row is coarser than the new cadence).
        var noLongerCounted: String?

        struct Thresholds: Sendable, Equatable {
            /// `target <= 4 h, tolerance <= 6 h (version 1, from 2026-02-01)`.
            var before: String
            var after: String
        }

        package var kind: Kind {
            switch (before, after) {
            case (nil, _): .added
            case (_, nil): .removed
            default: .changed
            }
        }

        /// Appended: the newest values, which is what a routine update adds.
        var isAppended: Bool { kind == .added && !backfilled && !rewritesPast }
    }

    /// The measurement changes of one objective (or of an id no objective declares), by period.
    package struct ObjectiveMeasurements: Sendable, Equatable {
        package var objective: String
        var changes: [MeasurementChange]
    }
}

enum MeasurementChanges {
    /// The objectives whose rows differ, by id. Only files whose bytes differ between the sides
    /// are read for the ids to compare (a file both sides share holds the same rows on both);
    /// each such objective's rows, all of them, are then compared one objective at a time, so no
    /// copy of either tree's rows is kept. `filesCompared` counts the files read for ids.
    /// `renamed` maps an objective's BASE id to its HEAD id (`ObjectiveRenames`): its BASE rows are
    /// compared with HEAD's rows of the new id, and shown under it, so that rows that moved with
    /// the objective are no change. Rows HEAD still has under the old id compare with those BASE
    /// had under the new one (none, unless rows named it before the objective did).
    static func compare(base: DiffSide, head: DiffSide, pastBefore: Day,
                        renamed: [String: String] = [:]) -> (objectives: [ContentDiff.ObjectiveMeasurements], filesCompared: Int) {
        var ids = Set<String>(), filesCompared = 0
        for side in [base, head] {
            for file in side.model.content.measurementFiles where !side.unchangedFiles.contains(file.file) {
                filesCompared += 1
                for row in file.rows { ids.insert(row.objectiveID) }
            }
        }
        // A rename is compared even when no measurement file changed: the rows stayed behind.
        for (old, new) in renamed { ids.insert(old); ids.insert(new) }
        // An objective whose own file changed may judge its unchanged rows anew (its target,
        // tolerance or history thresholds changed), and one whose forum's cadence changed in
        // `evident.yml` counts them for other periods: its past results are compared too.
        for (id, o) in head.model.objectivesByID {
            guard let was = base.model.objectivesByID[id] else { continue }
            if !head.unchangedFiles.contains(o.file) || base.model.cadence(of: was) != head.model.cadence(of: o) { ids.insert(id) }
        }
        let renamedFrom = Dictionary(renamed.map { ($0.value, $0.key) }) { a, _ in a }
        var out: [ContentDiff.ObjectiveMeasurements] = []
        for id in ids.sorted() {
            // The ids of a rename swap, so that every row of each side is compared once.
            let was = renamedFrom[id] ?? renamed[id] ?? id
            let changes = compare(was, id, base: base.model, head: head.model, pastBefore: pastBefore)
            if !changes.isEmpty { out.append(.init(objective: id, changes: changes)) }
        }
        return (out, filesCompared)
    }

    static func compare(_ id: String, base: CheckModel, head: CheckModel, pastBefore: Day) -> [ContentDiff.MeasurementChange] {
        compare(id, id, base: base, head: head, pastBefore: pastBefore)
    }

    /// The changes from BASE's rows of `baseID` to HEAD's rows of `id`.
    static func compare(_ baseID: String, _ id: String, base: CheckModel, head: CheckModel, pastBefore: Day) -> [ContentDiff.MeasurementChange] {
        let old = base.measurements(of: baseID), new = head.measurements(of: id)
        let latest = old.map(\.periodValue.end).max()
        var olds: [Period: [Int]] = [:], news: [Period: [Int]] = [:]
        for (i, row) in old.enumerated() { olds[row.periodValue, default: []].append(i) }
        for (i, row) in new.enumerated() { news[row.periodValue, default: []].append(i) }
        // Each side's history read once: a diff may change every row of a long history's objective.
        let timelines = (base: base.objectivesByID[baseID].map(base.timeline(of:)), head: head.objectivesByID[id].map(head.timeline(of:)))
        // A value the objective cannot have (a duration below zero) is `syntax/csv`'s: judged on neither side.
        let impossible = (base: base.objectivesByID[baseID].map(base.negativeIsImpossible) ?? false,
                          head: head.objectivesByID[id].map(head.negativeIsImpossible) ?? false)
        // A row of a period that begins after the side's as-of date is `monitored/future-value`'s: it
        // counts nowhere on that side, so it has no status there.
        func row(_ m: Measurement, _ timeline: CheckModel.JudgementTimeline?, _ negativeIsImpossible: Bool, judged: Bool, asOf: Day) -> ContentDiff.MeasurementChange.Row {
            var status: ValueStatus?
            if judged, m.periodValue.start <= asOf, let timeline, !CheckModel.isImpossible(m.value, negativeIsImpossible: negativeIsImpossible) {
                let judgement = timeline.judgement(on: m.periodValue.end)
                if judgement.target != nil { status = judgement.status(of: m.value, written: m.valueText) }
            }
            return .init(value: m.valueText, note: m.note, evidence: m.evidencePath, status: status,
                         location: m.location)
        }
        var out: [ContentDiff.MeasurementChange] = []
        for period in Set(olds.keys).union(news.keys).sorted() {
            // A row unchanged is left alone wherever it moved among its period's rows: matched by
            // its values through a table, so that many rows of one period cost no more than few.
            var unmatched: [Compared: [Int]] = [:]
            for i in olds[period] ?? [] { unmatched[Compared(old[i]), default: []].append(i) }
            var after: [Int] = []
            for i in news[period] ?? [] {
                let key = Compared(new[i])
                if unmatched[key]?.popLast() != nil {
                    if unmatched[key]?.isEmpty == true { unmatched[key] = nil }
                } else {
                    after.append(i)
                }
            }
            let before = unmatched.values.joined().sorted()
            for i in 0..<max(before.count, after.count) {
                let was = i < before.count ? old[before[i]] : nil, now = i < after.count ? new[after[i]] : nil
                let ended = period.end < pastBefore
                let rewritten = ended && was.map { w in now.map { !Compared($0).sameValue(as: Compared(w)) } ?? true } ?? false
                out.append(.init(period: period, before: was.map { row($0, timelines.base, impossible.base, judged: true, asOf: base.asOf) },
                                 after: now.map { row($0, timelines.head, impossible.head, judged: was != nil, asOf: head.asOf) }, rewritesPast: rewritten,
                                 backfilled: was == nil && latest.map { period.end <= $0 } == true))
            }
        }
        // Which row counts for a past period of the cadence can change with no counted row
        // edited: a later row added replaces it, removing it lets an earlier one count again, and
        // moving rows between files changes which is the later. The period's result changed all
        // the same, so each such period is a rewrite, shown against the rows that counted.
        let counted = (base: countedRows(base, baseID), head: countedRows(head, id))
        // The changes by the places of their rows, on each side: places repeat across sides.
        var added: [SourceLocation: Int] = [:], removed: [SourceLocation: Int] = [:]
        var rewritten = (before: Set<SourceLocation>(), after: Set<SourceLocation>())
        var edited: [SourceLocation: Int] = [:]
        for (i, c) in out.enumerated() {
            if c.before == nil, let row = c.after { added[row.location] = i }
            if c.kind == .changed, let row = c.after { edited[row.location] = i }
            if c.after == nil, let row = c.before { removed[row.location] = i }
            if c.rewritesPast, let row = c.before { rewritten.before.insert(row.location) }
            if c.rewritesPast, let row = c.after { rewritten.after.insert(row.location) }
        }
        var moved: [ContentDiff.MeasurementChange] = []
        /// A past period's result rewritten with no row of it changed: from the row BASE counted
        /// to the one HEAD counts (none, when HEAD counts nothing for its time).
        func rewrite(_ period: Period, _ was: Measurement, _ now: Measurement?) -> ContentDiff.MeasurementChange {
            .init(period: period, before: row(was, timelines.base, impossible.base, judged: true, asOf: base.asOf),
                  after: now.map { row($0, timelines.head, impossible.head, judged: true, asOf: head.asOf) }, rewritesPast: true, backfilled: false)
        }
        for (period, was) in counted.base.sorted(by: { $0.key < $1.key }) where period.end < pastBefore {
            guard let now = counted.head[period] else {
                // HEAD's periods no longer have this one: its row counts for another, or for none.
                // A row removed says so itself; a row edited shows its own period's status, not
                // that its time counts otherwise now, so that is a line of its own.
                guard let objective = head.objectivesByID[id], removed[was.location] == nil else { continue }
                switch heldBy(was, head, objective, counted: counted.head) {
                case let .counted(holder, row: now):
                    var change = rewrite(period, was, now)
                    guard change.after?.status != change.before?.status,
                          !(rewritten.before.contains(was.location) && rewritten.after.contains(now.location)) else { continue }
                    change.countsFor = holder
                    moved.append(change)
                case let .notCounted(reason):
                    var change = rewrite(period, was, nil)
                    change.noLongerCounted = reason
                    moved.append(change)
                }
                continue
            }
            if Compared(was).sameValue(as: Compared(now)) {
                // The same value judged against other thresholds: a missed period can read as met.
                guard let judged = rejudged(was, now, period: period, timelines) else { continue }
                if let i = edited[now.location] {
                    guard !out[i].rewritesPast else { continue }
                    out[i].rewritesPast = true
                    out[i].rejudged = judged
                } else if !rewritten.before.contains(was.location), !rewritten.after.contains(now.location) {
                    var change = rewrite(period, was, now)
                    change.rejudged = judged
                    moved.append(change)
                }
                continue
            }
            if let i = added[now.location] {
                out[i].countedBefore = row(was, timelines.base, impossible.base, judged: true, asOf: base.asOf)
                out[i].after = row(now, timelines.head, impossible.head, judged: true, asOf: head.asOf)
                out[i].rewritesPast = true
                out[i].backfilled = false
            } else if let i = removed[was.location] {
                out[i].countedAfter = row(now, timelines.head, impossible.head, judged: true, asOf: head.asOf)
            } else if !rewritten.before.contains(was.location), !rewritten.after.contains(now.location) {
                var change = rewrite(period, was, now)
                change.otherRowCounts = true
                moved.append(change)
            }
        }
        if !moved.isEmpty {
            // In period order, each moved period after the row changes of its period.
            out = (out + moved).enumerated().sorted { ($0.element.period, $0.offset) < ($1.element.period, $1.offset) }.map(\.element)
        }
        return out
    }

    /// What a value that counts on both sides was judged against on each, when BASE judged it
    /// and HEAD judges it otherwise or not at all (its target removed or unreadable); nil otherwise.
    static func rejudged(_ was: Measurement, _ now: Measurement, period: Period,
                         _ timelines: (base: CheckModel.JudgementTimeline?, head: CheckModel.JudgementTimeline?)) -> ContentDiff.MeasurementChange.Thresholds? {
        guard let before = timelines.base?.judgement(on: was.periodValue.end), let after = timelines.head?.judgement(on: now.periodValue.end),
              before.target != nil else { return nil }
        let status = after.target == nil ? nil : after.status(of: now.value, written: now.valueText)
        guard before.status(of: was.value, written: was.valueText) != status else { return nil }
        return .init(before: thresholds(before), after: thresholds(after))
    }

    /// Where HEAD counts the time of a row BASE counted for a period HEAD's cadence does not have.
    enum Holder {
        /// `period` of HEAD's cadence holds the row's time, and `row` counts for it.
        case counted(Period, row: Measurement)
        /// HEAD counts nothing for the row's time, for the reason given.
        case notCounted(String)
    }

    static func heldBy(_ was: Measurement, _ head: CheckModel, _ objective: Objective, counted: [Period: Measurement]) -> Holder {
        guard let cadence = head.cadence(of: objective) else { return .notCounted("the objective has no cadence") }
        let own = was.periodValue
        guard own.kind <= cadence.periodKind else {
            return .notCounted("the row is coarser than the \(cadence.rawValue) cadence")
        }
        let holder = own.kind == cadence.periodKind ? own : cadence.period(containing: own.anchorDay)
        if let start = head.start(of: objective), holder.end < start {
            return .notCounted("never due: \(holder) ends before the objective's start, \(start)")
        }
        guard let now = counted[holder] else { return .notCounted("no row counts for \(holder)") }
        return .counted(holder, row: now)
    }

    /// `target <= 4 h, tolerance <= 6 h (version 1, from 2026-02-01)`; `no tolerance` where it has none.
    static func thresholds(_ j: CheckModel.Judgement) -> String {
        var out = (j.target.map { "target \($0)" } ?? "no target") + (j.tolerance.map { ", tolerance \($0)" } ?? ", no tolerance")
        if let since = j.since { out += " (" + (j.version.map { "version \($0), " } ?? "") + "from \(since))" }
        return out
    }

    /// The row that counts for each period of an objective's cadence (`CheckModel.series`), but
    /// periods that end before its start, which are never due (SPEC 4.1).
    static func countedRows(_ model: CheckModel, _ id: String) -> [Period: Measurement] {
        model.objectivesByID[id].map { countedRows(model, $0) } ?? [:]
    }

    static func countedRows(_ model: CheckModel, _ o: Objective) -> [Period: Measurement] {
        var out: [Period: Measurement] = [:]
        let start = model.start(of: o)
        for entry in model.series(of: o) where start.map({ entry.period.end >= $0 }) ?? true { out[entry.period] = entry.measurement }
        return out
    }

    /// What a row's comparison looks at: the value as a number (`3.50` is `3.5`), the note and the
    /// evidence as written. The number is the decimal written, as the rules judge it: a cell with
    /// more digits than a Double holds (`0.29999999999999999` and `0.30000000000000001` are one
    /// Double) is compared as written, so that rewriting it, which can change its status, shows.
    struct Compared: Hashable {
        var value: Double?
        /// The cell, kept only when it is longer than 15 bytes: a shorter one has at most 15
        /// digits, and two such decimals are never one Double, so `value` says it whole.
        var longText: String?
        var note: String?
        var evidence: String?

        static func == (a: Compared, b: Compared) -> Bool {
            a.note == b.note && a.evidence == b.evidence && a.sameValue(as: b)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(value)
            hasher.combine(note)
            hasher.combine(evidence)
        }

        func sameValue(as other: Compared) -> Bool {
            guard value == other.value else { return false }
            guard let value, longText != nil || other.longText != nil else { return true }
            return ExactDecimal(longText ?? DecimalText.plain(value)) == ExactDecimal(other.longText ?? DecimalText.plain(value))
        }

        init(_ m: Measurement) {
            value = m.value
            longText = m.value != nil && m.valueText.utf8.count > 15 ? m.valueText.trimmed : nil
            note = m.note
            evidence = m.evidencePath
        }
    }
}
