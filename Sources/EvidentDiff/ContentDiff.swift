import EvidentCheck
import EvidentModel

/// What changed between two checked content trees (SPEC 5, `evident diff`): objectives added,
/// removed, renamed and changed field by field; policy statements, clauses and functions added,
/// removed or changed; findings introduced and resolved, both as of the same date; and the
/// `updated/unrecorded-change` findings that only a comparison can make.
package struct ContentDiff: Sendable {
    package struct FieldChange: Sendable, Equatable {
        package var field: String
        /// The value as shown; nil when the field is absent on that side.
        var before: String?
        var after: String?
    }

    /// An objective present on one side only.
    package struct ObjectiveEntry: Sendable, Equatable {
        package var id: String
        package var title: String?
        package var status: String
        /// As shown (`content/objectives/x.md`).
        package var file: String
    }

    /// An objective declared on both sides whose fields or file differ.
    package struct ObjectiveChange: Sendable, Equatable {
        package var id: String
        package var title: String?
        /// HEAD's file, as shown.
        package var file: String
        /// BASE's file when the objective moved to another file.
        var previousFile: String?
        /// BASE's id when the objective was renamed (`ObjectiveRenames`); `id` is HEAD's.
        var previousID: String? = nil
        /// The changed fields, `id` first when it was renamed, then `file` when it moved.
        package var fields: [FieldChange]
        /// History entries added, removed or rewritten.
        package var history: [HistoryChange] = []

        /// Whether something other than the id or the file changed.
        var isChanged: Bool { !history.isEmpty || fields.contains { $0.field != "file" && $0.field != "id" } }
        /// Moved to another file, or given another id.
        var isRenamed: Bool { previousFile != nil || previousID != nil }
    }

    /// A policy statement, requirement clause, function, forum or other setting of `evident.yml`
    /// added, removed or changed; or a review's minutes or a communication, by its file, which
    /// may have moved.
    struct DeclarationChange: Sendable, Equatable {
        package enum Kind: String, Sendable, CaseIterable {
            case statement, clause, function, forum, setting, review, communication

            package var title: String {
                switch self {
                case .statement: "policy statement"
                case .clause: "requirement clause"
                case .function: "function"
                case .forum: "forum"
                case .setting: "evident.yml setting"
                case .review: "review"
                case .communication: "communication"
                }
            }
        }

        enum Change: String, Sendable, CaseIterable {
            case added, removed, changed, moved
        }

        package var kind: Kind
        package var id: String
        /// What differs: both nil for a record moved unchanged.
        var before: String?
        var after: String?
        /// BASE's file of a review or communication moved to the file `id`.
        var previousID: String? = nil

        var change: Change {
            if previousID != nil { return .moved }
            switch (before, after) {
            case (nil, _): return .added
            case (_, nil): return .removed
            default: return .changed
            }
        }
    }

    let base: DiffSide
    let head: DiffSide
    /// What loading the sides left (the parse cache, the loaded sides): kept with the
    /// diff, so it is freed with it and never between loading and comparing.
    private var leftovers: DiffLoader.Leftovers?
    package let asOf: Day
    let added: [ObjectiveEntry]
    package let removed: [ObjectiveEntry]
    /// Changed or renamed objectives, by (HEAD's) id.
    package let changed: [ObjectiveChange]
    let declarations: [DeclarationChange]
    /// The objectives whose measurement rows differ, by id.
    package let measurements: [ObjectiveMeasurements]
    /// A period that ended before this day was over when BASE was made: the day BASE was
    /// committed, or for a folder the as-of date. Its value changed is a past value rewritten.
    let pastBefore: Day
    /// The measurement files read to find what to compare: those whose bytes differ.
    let measurementFilesCompared: Int
    /// Evidence files replaced by others of the same name, added and removed (`EvidenceChanges`).
    package let evidence: [EvidenceChange]
    /// Findings of HEAD that BASE does not have: `updated/unrecorded-change` first, then by
    /// severity (errors first), then in file order.
    let introduced: [Finding]
    /// Findings of BASE that HEAD no longer has, by severity, then in file order.
    package let resolved: [Finding]

    var renamedCount: Int { changed.filter(\.isRenamed).count }
    /// Every measurement change, with its objective.
    var measurementChanges: [(objective: String, change: MeasurementChange)] {
        measurements.flatMap { m in m.changes.map { (m.objective, $0) } }
    }
    var changedCount: Int { changed.filter(\.isChanged).count }

    /// Whether the change introduces a finding at or above `threshold` (`--fail-on`).
    package func fails(at threshold: Severity?) -> Bool {
        guard let threshold else { return false }
        return introduced.contains { $0.severity >= threshold }
    }

    /// Loads and compares: `base` and `head` as named on the command line (see `DiffLoader`);
    /// `content` is the working tree's content folder, whose repository holds the revisions.
    /// `lap` is told when each stage ends, for `EVIDENT_TIMING`.
    package static func compare(base: DiffTarget, head: DiffTarget = .workingTree, content: String, asOf: Day,
                               lap: (String) -> Void = { _ in }) throws(DiffFailure) -> ContentDiff {
        let (b, h, leftovers) = try DiffLoader.load(base: base, head: head, content: content, asOf: asOf, lap: lap)
        var diff = ContentDiff(base: b, head: h)
        diff.leftovers = leftovers
        lap("compare")
        return diff
    }

    init(base: DiffSide, head: DiffSide) {
        self.base = base
        self.head = head
        asOf = head.model.asOf
        let old = base.model.objectivesByID, new = head.model.objectivesByID
        func entry(_ o: Objective) -> ObjectiveEntry {
            ObjectiveEntry(id: o.displayID, title: o.title?.value, status: o.currentStatus.rawValue, file: o.file)
        }
        let addedIDs = new.keys.filter { old[$0] == nil }, removedIDs = old.keys.filter { new[$0] == nil }
        let renames = ObjectiveRenames.pairs(removed: removedIDs.compactMap { old[$0] }, added: addedIDs.compactMap { new[$0] })
        let renamedFrom = Set(renames.map(\.old.displayID)), renamedTo = Set(renames.map(\.new.displayID))
        added = addedIDs.filter { !renamedTo.contains($0) }.sorted().compactMap { id in new[id].map(entry) }
        removed = removedIDs.filter { !renamedFrom.contains($0) }.sorted().compactMap { id in old[id].map(entry) }
        let renamedIDs = Dictionary(renames.map { ($0.old.displayID, $0.new.displayID) }) { a, _ in a }
        let renaming = IDRenames(renamedIDs)
        var changed: [ObjectiveChange] = []
        // A renamed objective is compared with itself under its old id, as any other pair.
        let paired = (UnrecordedChange.pairs(base: base.model, head: head.model) + renames.map { (id: $0.new.displayID, old: $0.old, new: $0.new) })
            .sorted { $0.id < $1.id }
        for (id, a, b) in paired {
            // The same file, byte for byte, on both sides: nothing to compare.
            if a.file == b.file, head.unchangedFiles.contains(b.file) { continue }
            let fromFile = a.file, toFile = b.file
            let moved = base.relative(fromFile) != head.relative(toFile)
            let previousID = a.displayID == id ? nil : a.displayID
            var fields = ObjectiveChanges.changes(from: a, to: b, renaming: renaming)
            if moved { fields.insert(FieldChange(field: "file", before: fromFile, after: toFile), at: 0) }
            if let previousID { fields.insert(FieldChange(field: "id", before: previousID, after: id), at: 0) }
            let history = HistoryChanges.completions(HistoryChanges.changes(from: a.history, to: b.history, renaming: renaming,
                                                                         units: (a.metric?.unit?.value, b.metric?.unit?.value)), old: a)
            guard !fields.isEmpty || !history.isEmpty else { continue }
            changed.append(ObjectiveChange(id: id, title: b.title?.value, file: toFile, previousFile: moved ? fromFile : nil,
                                           previousID: previousID, fields: fields, history: history))
        }
        self.changed = changed
        declarations = Self.declarations(base.model, head.model, renaming: renaming) + Self.records(base, head, renaming: renaming)
        pastBefore = base.committed ?? asOf
        (measurements, measurementFilesCompared) = MeasurementChanges.compare(base: base, head: head, pastBefore: pastBefore,
                                                                                       renamed: renamedIDs)
        evidence = EvidenceChanges.compare(base: base, head: head, pastBefore: pastBefore)

        // The rule's findings, with HEAD's severity overrides, ahead of everything else.
        let unrecorded = Checker.applyOverrides(UnrecordedChange.findings(base: base.model, head: head.model, paired: paired, renaming: renaming),
                                                head.model.configuration.ruleOverrides)
            .map(head.shown).sorted(by: Finding.ordered)
        let matched = FindingMatcher(base: base, head: head, renamed: renamedIDs)
        // Errors before warnings before info, so that what blocks a merge is read first.
        func bySeverity(_ a: Finding, _ b: Finding) -> Bool {
            a.severity != b.severity ? a.severity > b.severity : Finding.ordered(a, b)
        }
        // A version raised with no history entry for it is `updated/history`'s finding too, at the
        // same `version`: said once, by the rule that stays after the merge, unless it is set lower.
        let history = matched.introduced.filter { $0.rule == UnrecordedChange.historyRuleID }
        let said = unrecorded.filter { u in !history.contains { $0.location == u.location && $0.severity >= u.severity } }
        introduced = said + matched.introduced.sorted(by: bySeverity)
        resolved = matched.resolved.sorted(by: bySeverity)
    }

    // MARK: declarations

    /// `renaming`: the objectives renamed; a declaration of BASE that names one (a clause
    /// addressed by it) compares as naming its new id.
    static func declarations(_ a: CheckModel, _ b: CheckModel, renaming: IDRenames = IDRenames()) -> [DeclarationChange] {
        func compare<T>(_ kind: DeclarationChange.Kind, _ old: [String: T], _ new: [String: T],
                        _ shown: (T) -> String) -> [DeclarationChange] {
            Set(old.keys).union(new.keys).sorted().compactMap { id in
                let before = old[id].map(shown), after = new[id].map(shown)
                return before.map(renaming.apply) == after ? nil : DeclarationChange(kind: kind, id: id, before: before, after: after)
            }
        }
        return compare(.statement, a.statementsByID, b.statementsByID) { $0.text }
            + compare(.clause, a.clausesByID, b.clausesByID) { c in
                c.text + (c.addressedElsewhere.map { " (addressed elsewhere: \($0.value))" } ?? "")
            }
            + compare(.function, a.functionsByID, b.functionsByID) { f in
                var parts = [f.name]
                if let level = f.level { parts.append("level \(level.value)") }
                if let owner = f.owner { parts.append("owner \(owner.value)") }
                if let forum = f.forum { parts.append("forum \(forum.value)") }
                if f.excluded { parts.append("excluded" + (f.justification.map { ": \($0.value)" } ?? "")) }
                return parts.joined(separator: "; ")
            }
            + compare(.forum, a.forumsByID, b.forumsByID) { f in f.name + (f.cadence.map { "; cadence \($0.value.rawValue)" } ?? "") }
            + compare(.setting, settings(a.content.configuration), settings(b.content.configuration)) { $0 }
    }

    /// Reviews and communications by their file, as what the rules read of them: a review's
    /// date, forum, attendance, objectives, decisions and actions decide `review-overdue`,
    /// `persistent-off-target`, `action-overdue` and `updated/*`, and a communication's date and
    /// objectives `communicated/missing`. Minutes added for a past meeting, or edited, silence
    /// findings as surely as a value rewritten: one added or removed is shown whole, one changed
    /// by the parts that differ (after its date, for where they are).
    /// Minutes left as they were, or edited to a renamed objective's new id, are no change; nor is
    /// a list reordered (attendees, objectives, decisions, actions): no rule reads their order.
    static func records(_ a: DiffSide, _ b: DiffSide, renaming: IDRenames = IDRenames()) -> [DeclarationChange] {
        // `t` is applied to each id and text before a list is sorted: the old side's renamed ids
        // sort where the new side's do.
        func list(_ items: [Located<String>], _ t: (String) -> String) -> String { items.map { t($0.value) }.sorted().joined(separator: ", ") }
        func review(_ r: Review, _ t: (String) -> String) -> [String] {
            var parts = [r.date.map { $0.value.description } ?? "no date"]
            if let forum = r.forum { parts.append("forum \(forum.value)") }
            if let chair = r.chair { parts.append("chair \(chair.value)") }
            if !r.attendees.isEmpty { parts.append("attendees \(list(r.attendees, { $0 }))") }
            if !r.objectives.isEmpty { parts.append("objectives \(list(r.objectives, t))") }
            for d in r.decisions {
                parts.append(t("decision on \(d.objective?.value ?? "no objective"): \(d.decision?.value.rawValue ?? "none")"
                               + (d.note.map { " (\($0))" } ?? "")))
            }
            for x in r.actions {
                var action = ["action \(x.id?.value ?? "without id")", "on \(x.objective?.value ?? "no objective")"]
                if let owner = x.owner { action.append(owner.value) }
                action.append(x.due.map { "due \($0.value)" } ?? "no due date")
                let status = x.status?.value.rawValue ?? "open"
                action.append(x.doneOn.map { x.status?.value == .done ? "done on \($0.value)" : "\(status), done_on \($0.value)" } ?? status)
                parts.append(t(action.joined(separator: ", ") + (x.text.map { ": \($0)" } ?? "")))
            }
            return parts
        }
        func communication(_ c: Communication, _ t: (String) -> String) -> [String] {
            var parts = [c.date.map { $0.value.description } ?? "no date"]
            if let channel = c.channel { parts.append("channel \(channel.value.rawValue)") }
            if let audience = c.audience { parts.append("audience \(audience.value)") }
            parts.append("objectives " + (c.coversAll ? "all" : list(c.objectives, t)))
            return parts
        }
        /// Each record's parts as shown, and as compared (the date, then the rest in any order): as
        /// written, and on the old side also with renamed objectives' new ids.
        typealias Record = (shown: [String], keys: Set<[String]>)
        func byFile<T>(_ side: DiffSide, _ items: [T], _ file: (T) -> String, renamed: Bool,
                       _ parts: (T, (String) -> String) -> [String]) -> [String: Record] {
            func key(_ p: [String]) -> [String] { Array(p.prefix(1)) + p.dropFirst().sorted() }
            return Dictionary(items.map { item in
                let shown = parts(item, { $0 })
                let keys: Set = renamed ? [key(shown), key(parts(item, renaming.apply))] : [key(shown)]
                return (side.relative(file(item)), (shown, keys))
            }) { first, _ in first }
        }
        /// The parts of `a` that `b` lacks, each as often as `a` has it more than `b`, in `a`'s order.
        func lacking(_ a: [String], _ b: [String]) -> [String] {
            var left: [String: Int] = [:]
            for part in b { left[part, default: 0] += 1 }
            return a.filter { part in
                guard let n = left[part], n > 0 else { return true }
                left[part] = n - 1
                return false
            }
        }
        func compare(_ kind: DeclarationChange.Kind, _ old: [String: Record], _ new: [String: Record]) -> [DeclarationChange] {
            let moves = moved(old, new)
            let movedFrom = Set(moves.values)
            return Set(old.keys).union(new.keys).subtracting(movedFrom).sorted().compactMap { file in
                let from = moves[file]
                let was = old[from ?? file], now = new[file]
                if let was, let now, !was.keys.isDisjoint(with: now.keys) {
                    return from.map { DeclarationChange(kind: kind, id: file, before: nil, after: nil, previousID: $0) }
                }
                guard let before = was?.shown, let after = now?.shown else {
                    return DeclarationChange(kind: kind, id: file, before: was?.shown.joined(separator: " · "),
                                             after: now?.shown.joined(separator: " · "))
                }
                // The date first, changed or not, then what differs.
                func shown(_ parts: [String], _ other: [String]) -> String {
                    ([parts.first ?? ""] + lacking(Array(parts.dropFirst()), Array(other.dropFirst()))).joined(separator: " · ")
                }
                return DeclarationChange(kind: kind, id: file, before: shown(before, after), after: shown(after, before), previousID: from)
            }
        }
        /// Files only HEAD has, each with the file only BASE has that it was moved from: first the
        /// same record, as compared; then of the rest, one with the same date, when only one file
        /// on each side has that date. Files are taken in path order, so the pairs do not depend
        /// on the order records were read in.
        func moved(_ old: [String: Record], _ new: [String: Record]) -> [String: String] {
            let gone = old.keys.filter { new[$0] == nil }.sorted()
            let came = new.keys.filter { old[$0] == nil }.sorted()
            // Each compared form of a record → the files only HEAD has with it, in path order.
            var cameByKey: [[String]: [String]] = [:]
            for file in came { for key in new[file]?.keys ?? [] { cameByKey[key, default: []].append(file) } }
            var pairs: [String: String] = [:]
            for file in gone {
                let first = (old[file]?.keys ?? []).compactMap { key in cameByKey[key]?.first { pairs[$0] == nil } }.min()
                if let to = first { pairs[to] = file }
            }
            let paired = Set(pairs.values)
            let goneByDate = Dictionary(grouping: gone.filter { !paired.contains($0) }) { old[$0]?.shown.first ?? "" }
            let cameByDate = Dictionary(grouping: came.filter { pairs[$0] == nil }) { new[$0]?.shown.first ?? "" }
            for (date, files) in goneByDate {
                if files.count == 1, let from = files.first, let to = cameByDate[date], to.count == 1, let to = to.first {
                    pairs[to] = from
                }
            }
            return pairs
        }
        return compare(.review, byFile(a, a.model.content.reviews, \.file, renamed: true, review),
                       byFile(b, b.model.content.reviews, \.file, renamed: false, review))
            + compare(.communication, byFile(a, a.model.content.communications, \.file, renamed: true, communication),
                      byFile(b, b.model.content.communications, \.file, renamed: false, communication))
    }

    /// The rest of `evident.yml` by the key it is written under (`scope`, `settings.review_grace_days`,
    /// `rules.monitored/no-data`), with the value in effect: a default written out is no change, and
    /// a rule's severity changes what findings the tree has, so a reviewer must see it.
    static func settings(_ c: Configuration) -> [String: String] {
        var out: [String: String] = [:]
        out["organization"] = c.organization?.value
        out["title"] = c.title?.value
        out["scope"] = c.scope?.value
        out["standards"] = c.standards.map(\.id).joined(separator: ", ")
        out["levels"] = c.levels.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
        for (name, value) in c.settings.named { out["settings." + name] = value }
        // The last override of a rule is the one that applies (`Checker.applyOverrides`).
        for o in c.ruleOverrides { out["rules." + o.rule] = o.severity?.rawValue ?? "off" }
        return out
    }
}
