/// One objective file. Fields keep the place they were read from; absent fields are nil, and
/// `location` (the front-matter's first line) is where findings about them point.
///
/// The fields live in one shared, copy-on-write box, so that the rules and pages that walk the
/// objectives pass one reference, never fifty strings. Reading `o.title` reads the box's field.
@dynamicMemberLookup
package struct Objective: Sendable {
    package enum Status: String, Sendable, CaseIterable {
        case active, draft, retired
    }

    /// The versions an objective or a policy may declare.
    static let versions = 0...1_000_000

    final class Box: @unchecked Sendable {
        // Mutated only through `unique()`, which first copies a box another objective shares, and
        // only while the objective is read from its file, on one thread: the accessors' reads need
        // no dynamic exclusivity check.
        @exclusivity(unchecked) var fields: ObjectiveFields
        init(_ fields: ObjectiveFields) { self.fields = fields }
    }

    // Internal, not private: the field accessors (Objective+Fields.swift) read it.
    var box: Box

    package init(file: String, location: SourceLocation) {
        box = Box(ObjectiveFields(file: file, location: location))
    }

    package var fields: ObjectiveFields { box.fields }

    /// Whether both are the same stored value, which makes them equal without comparing fields:
    /// `evident diff` parses a file the two trees share once, so most objectives compare this way.
    package func sharesStorage(with other: Objective) -> Bool { box === other.box }

    /// Whether the two differ at most in their prose: the title, the statement and the body. Every
    /// other field is equal, value and place.
    package func differsOnlyInProse(from other: Objective) -> Bool {
        if box === other.box { return true }
        var a = box.fields, b = other.box.fields
        a.title = nil
        a.statement = nil
        a.body = .empty
        b.title = nil
        b.statement = nil
        b.body = .empty
        return a == b
    }

    package subscript<T>(dynamicMember keyPath: KeyPath<ObjectiveFields, T>) -> T {
        box.fields[keyPath: keyPath]
    }

    package subscript<T>(dynamicMember keyPath: WritableKeyPath<ObjectiveFields, T>) -> T {
        get { box.fields[keyPath: keyPath] }
        set { unique().fields[keyPath: keyPath] = newValue }
    }

    /// The box, copied first when another objective shares it: a setter changes this one only.
    mutating func unique() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    /// The id's text alone, nil when there is none: `id?.value` copies the whole located id, its
    /// place included, through generic value witnesses, and rules ask for the id again and again.
    package var idText: String? { box.fields.id?.value }

    /// The id, or the file name when the id is missing, for messages.
    package var displayID: String { box.fields.id?.value ?? box.fields.file }
    /// The status as written, which is today's: a day is judged by `status(asOf:)`.
    package var currentStatus: Status { box.fields.status?.value ?? .active }

    /// The status in force on `asOf`. A retirement is the current version's: until its history
    /// entry is dated and in effect (its `effective`, else the objective's, never before its date),
    /// the version before it, when one was approved by then, is in force, and the objective active.
    /// An active objective that had not begun by `asOf` (`hasBegun(asOf:)`) was at most a draft.
    package func status(asOf: Day) -> Status {
        let status = currentStatus
        if status == .active { return hasBegun(asOf: asOf) ? .active : .draft }
        guard status == .retired, let current = currentEntryIndex else { return status }
        let history = box.fields.history
        guard let date = history[current].date?.value else { return status }
        let since = max(date, history[current].effective?.value ?? box.fields.effective?.value ?? date)
        guard since > asOf else { return status }
        let earlier = history.indices.contains { $0 != current && (history[$0].date?.value).map { $0 <= asOf } ?? false }
        return earlier ? .active : status
    }

    /// Whether the objective had begun by `asOf`: a history entry, its `approved_on` or its
    /// `effective` is dated on or before it. One whose history has dated entries, each after
    /// `asOf`, like its own dates, had no version approved or in effect yet. Without a dated entry
    /// the file's own dates are read as written: a later `approved_on` alone is
    /// `established/approval`'s finding (a mistyped date, or an approval to come).
    package func hasBegun(asOf: Day) -> Bool {
        let history = box.fields.history
        var dated = false
        for index in history.indices {
            guard let date = history[index].date?.value else { continue }
            if date <= asOf { return true }
            dated = true
        }
        guard dated else { return true }
        if let approved = box.fields.approvedOn?.value, approved <= asOf { return true }
        if let effective = box.fields.effective?.value, effective <= asOf { return true }
        return false
    }

    /// The start of the objective (SPEC 4.1): the effective date of its earliest history entry
    /// (default: that entry's date), else its `effective`, else its `approved_on`. Periods before
    /// it are never due, so a new version never hides the old periods. The current version's
    /// entry without an `effective` of its own takes the objective's: both describe that version,
    /// so `effective: 2026-02-01` on a first version approved in January asks nothing of January.
    /// As of `asOf`, an entry dated after it is not approved yet and starts nothing, as it judges
    /// nothing (`CheckModel.judgements`); the model asks with its as-of date (`CheckModel.start(of:)`).
    package func start(asOf: Day?) -> Day? {
        // The entries' days read where they are: a `compactMap` would copy every entry, for each
        // rule that asks.
        let history = box.fields.history
        let current = currentEntryIndex, ownEffective = box.fields.effective?.value
        var earliest: Day?
        for index in history.indices {
            if let asOf, let date = history[index].date?.value, date > asOf { continue }
            let entryDay = index == current && history[index].effective == nil ? ownEffective ?? history[index].since : history[index].since
            guard let day = entryDay else { continue }
            if let found = earliest, found <= day { continue }
            earliest = day
        }
        return earliest ?? box.fields.effective?.value ?? box.fields.approvedOn?.value
    }

    /// The history entry of the version in force: the first entry whose `version` is `version`
    /// (a repeated version is `updated/history`'s finding, not a second approval).
    package var currentEntry: HistoryEntry? {
        currentEntryIndex.map { box.fields.history[$0] }
    }

    /// Where `currentEntry` is in the history: found by position, without copying the entries
    /// before it (a search over the entries themselves would copy each one it passed).
    package var currentEntryIndex: Int? {
        guard let version = box.fields.version?.value else { return nil }
        let history = box.fields.history
        return history.indices.first { history[$0].version?.value == version }
    }

    /// When the current version was last approved (SPEC 4.1 "Last approved"): the later of
    /// `approved_on` and the date of the current version's history entry.
    package var lastApproved: Day? {
        let approved = box.fields.approvedOn?.value
        // The entry's date read where it is: `box.fields.history[entry]` copies the whole entry.
        let history = box.fields.history
        guard let entry = currentEntryIndex, let dated = history[entry].date?.value else { return approved }
        guard let approved else { return dated }
        return max(approved, dated)
    }
}

extension [Objective] {
    /// The places of the objectives parsed again since `before` (each not the same stored value
    /// as the one at its place there), when every objective is in its place: as many, and each
    /// place the same file. Nil otherwise. `serve` keeps what holds of the last build by it.
    package func reparsedInPlace(since before: [Objective]) -> [Int]? {
        guard count == before.count else { return nil }
        var places: [Int] = []
        for i in indices where !self[i].sharesStorage(with: before[i]) {
            guard self[i].file == before[i].file else { return nil }
            places.append(i)
        }
        return places
    }
}

/// The fields of an objective file, as read.
package struct ObjectiveFields: Sendable, Equatable {
    package var file: String
    package var location: SourceLocation
    package var id: Located<String>?
    package var title: Located<String>?
    package var statement: Located<String>?
    package var status: Located<Objective.Status>?
    package var function: Located<String>?
    package var owner: Located<String>?
    package var contributors: [Located<String>]
    package var policy: [Located<String>]
    package var requirements: [Located<String>]
    package var requirementsNote: Located<String>?
    package var metric: Metric?
    package var dataSource: DataSource?
    package var target: Located<String>?
    package var tolerance: Located<String>?
    package var cadence: Located<Cadence>?
    package var forum: Located<String>?
    package var actions: Located<String>?
    package var version: Located<Int>?
    package var approvedBy: Located<String>?
    package var approvedOn: Located<Day>?
    package var effective: Located<Day>?
    package var history: [HistoryEntry]
    /// The standards the objective serves, as written (SPEC §8); empty means every configured one.
    package var standards: [Located<String>]
    /// Ids of `risks.md` entries the objective takes into account, or why none applies.
    package var risks: [Located<String>]
    package var risksNote: Located<String>?
    /// How the objective bears on conformity of products and services or on customer satisfaction.
    package var customerRelevance: Located<String>?
    /// Where workers were consulted: a review or communication file (relative to the content
    /// folder), or a sentence.
    package var consultation: Located<String>?
    /// How an objective that is not measured is evaluated, where every standard it serves asks
    /// for measurable objectives only if practicable.
    package var evaluation: Located<String>?
    /// How the objective will be achieved (clause 6.2.2 of 20000-1).
    package var plan: Plan?
    package var body: MarkdownBody

    package init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
        contributors = []
        policy = []
        requirements = []
        history = []
        standards = []
        risks = []
        body = .empty
    }
}

/// An objective's plan for achieving it: what will be done, with what resources, by whom, by when,
/// and how the result will be evaluated (and, for 14001 and 45001, how it is integrated into the
/// business processes).
package struct Plan: Sendable, Equatable {
    /// Where the `plan` mapping starts, for findings about the plan as a whole.
    package var location: SourceLocation
    package var what: Located<String>?
    package var resources: Located<String>?
    package var responsible: Located<String>?
    package var due: Located<Day>?
    package var evaluation: Located<String>?
    package var integration: Located<String>?

    package init(location: SourceLocation, what: Located<String>? = nil, resources: Located<String>? = nil,
                 responsible: Located<String>? = nil, due: Located<Day>? = nil, evaluation: Located<String>? = nil,
                 integration: Located<String>? = nil) {
        self.location = location
        self.what = what
        self.resources = resources
        self.responsible = responsible
        self.due = due
        self.evaluation = evaluation
        self.integration = integration
    }
}

package struct Metric: Sendable, Equatable {
    package var location: SourceLocation
    package var name: Located<String>?
    package var definition: Located<String>?
    package var counts: Located<String>?
    package var excludes: Located<String>?
    package var unit: Located<String>?

    package init(location: SourceLocation, name: Located<String>? = nil, definition: Located<String>? = nil, counts: Located<String>? = nil, excludes: Located<String>? = nil, unit: Located<String>? = nil) {
        self.location = location
        self.name = name
        self.definition = definition
        self.counts = counts
        self.excludes = excludes
        self.unit = unit
    }
}

package struct DataSource: Sendable, Equatable {
    package var location: SourceLocation
    package var system: Located<String>?
    package var method: Located<String>?
    package var dataQuality: Located<String>?

    package init(location: SourceLocation, system: Located<String>? = nil, method: Located<String>? = nil, dataQuality: Located<String>? = nil) {
        self.location = location
        self.system = system
        self.method = method
        self.dataQuality = dataQuality
    }
}

package struct HistoryEntry: Sendable, Equatable {
    package var location: SourceLocation
    package var version: Located<Int>?
    package var date: Located<Day>?
    package var change: Located<String>?
    package var reason: Located<String>?
    package var approvedBy: Located<String>?
    package var effective: Located<Day>?
    /// The thresholds this version set, so that values of its time are judged against them.
    package var target: Located<String>?
    package var tolerance: Located<String>?

    package init(location: SourceLocation, version: Located<Int>? = nil, date: Located<Day>? = nil,
                change: Located<String>? = nil, reason: Located<String>? = nil, approvedBy: Located<String>? = nil,
                effective: Located<Day>? = nil, target: Located<String>? = nil, tolerance: Located<String>? = nil) {
        self.location = location
        self.version = version
        self.date = date
        self.change = change
        self.reason = reason
        self.approvedBy = approvedBy
        self.effective = effective
        self.target = target
        self.tolerance = tolerance
    }

    /// From when the version applied: its `effective` date, default its `date`.
    package var since: Day? { effective?.value ?? date?.value }
}
