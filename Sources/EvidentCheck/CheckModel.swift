import EvidentModel
import EvidentSupport

/// The loaded content with the look-ups and derived values that rules, pages and the pack share:
/// defaults resolved (owner and forum from the function, cadence from the forum), indexes by id,
/// and each objective's series of values per period. Built once per run.
package struct CheckModel: Sendable {
    package private(set) var content: ContentSet
    package let asOf: Day

    package let functionsByID: [String: Function]
    package let forumsByID: [String: Forum]
    package let statementsByID: [String: PolicyStatement]
    /// `risks.md`'s entries by id.
    package let risksByID: [String: Risk]
    package let clausesByID: [String: Clause]
    /// The first objective declared with each id (duplicates are reported by `syntax/duplicate-id`).
    package let objectivesByID: [String: Objective]
    /// Positions in `measurementRuns` of each objective's runs, in file and row order: positions,
    /// not copies of rows, because a row is a large value.
    private let runsByObjective: [String: [Int]]
    /// The measurement files' rows as runs of consecutive rows of one file and one objective: a
    /// file's rows nearly always name one objective, so rules that look each row's objective up
    /// do it once per run, not once per row.
    package let measurementRuns: [MeasurementRun]
    /// The rows `syntax/csv` rejected while reading, by the objective they name.
    private let rejectedRowsByObjective: [String: [RejectedRow]]
    /// Every review that lists an objective in `objectives` or in a decision.
    package let reviewsByObjective: [String: [Review]]
    package let decisionsByObjective: [String: [DatedDecision]]
    package let actionsByObjective: [String: [DatedAction]]
    /// Communications that list each objective, and those that say `objectives: all`.
    let communicationsByObjective: [String: [Communication]]
    let communicationsForAll: [Communication]
    /// Objectives active as of the as-of date (`status(of:)`), in file order. Stored: rules and
    /// pages ask for it often.
    package private(set) var activeObjectives: [Objective]
    /// Each objective's thresholds over time and its series, computed once (several rules and
    /// every page read them). With the file of the objective they were computed for (the first
    /// with the id): one look-up answers whether an objective's are the cached ones.
    private var judgedByID: [String: Judged]

    private struct Judged: Sendable {
        var file: String
        var timeline: JudgementTimeline
        var series: [PeriodValue]
    }

    package struct MeasurementRun: Sendable {
        package var objectiveID: String
        package var file: String
        /// The file's position in `content.measurementFiles`.
        var fileIndex: Int
        /// Positions in the file's rows.
        package var rows: Range<Int>
    }

    package struct DatedDecision: Sendable {
        package var decision: Decision
        package var review: Review
        var date: Day? { review.date?.value }
    }

    package struct DatedAction: Sendable {
        package var action: ReviewAction
        package var review: Review
        package var date: Day? { review.date?.value }
    }

    package var configuration: Configuration { content.configuration }
    package var settings: Settings { content.configuration.settings }

    /// `previous`: the model of an earlier check of the same configuration (`IncrementalChecker`).
    /// When every objective is in its place, its look-ups by id are kept, with the ids of the
    /// objectives parsed again looked up afresh; so are its series, when the as-of date and the
    /// measurement rows (each file's array, as the folder cache keeps it) are the same too.
    init(content: ContentSet, asOf: Day, reusingSeriesOf previous: CheckModel? = nil) {
        self.content = content
        self.asOf = asOf
        functionsByID = Self.firstByID(content.configuration.functions) { $0.id.value }
        forumsByID = Self.firstByID(content.configuration.forums) { $0.id.value }
        statementsByID = Self.firstByID(content.policy?.statements ?? []) { $0.id.value }
        risksByID = Self.firstByID(content.risks?.risks ?? []) { $0.id.value }
        clausesByID = Self.firstByID(content.requirements.flatMap(\.clauses)) { $0.id.value }
        // The reviews' and communications' look-ups are made on a thread of their own while this
        // one makes the objectives' and measurements': each is a long run of insertions, one
        // after another, between the loading and the rules, which use both cores. This thread,
        // the lighter, takes the last part of the reviews too, and the parts are joined in order.
        // The same reviews and communications (one array each, as a load that put the files parsed
        // again in their places keeps them) give the same look-ups.
        let reused = previous.flatMap { p in
            Self.same(p.content.reviews, content.reviews) && Self.same(p.content.communications, content.communications)
                ? ReviewLookups(reviews: p.reviewsByObjective, decisions: p.decisionsByObjective,
                                actions: p.actionsByObjective, communications: p.communicationsByObjective)
                : nil
        }
        let split = content.reviews.count * ReviewLookups.firstShare / 100
        var lookups = reused ?? ReviewLookups()
        var lastPart = ReviewLookups()
        // The same rows give the same runs, and the same series to objectives that did not change.
        let kept = previous.flatMap { p in p.asOf == asOf && Self.sameRows(p.content.measurementFiles, content.measurementFiles) ? p : nil }
        // With the objectives in place, only the ids of those parsed again need looking up afresh.
        let changed = previous.flatMap { Self.changedIDs(from: $0.content.objectives, to: content.objectives) }
        let (objectives, runs, runsByID) = alongside({ () -> ([String: Objective], [MeasurementRun], [String: [Int]]) in
            defer { if reused == nil { lastPart.add(content.reviews[split...], []) } }
            var byID: [String: Objective]
            if let previous, let changed {
                byID = previous.objectivesByID
                for id in changed { byID[id] = content.objectives.first { $0.idText == id } }
            } else {
                byID = Self.firstByID(content.objectives.filter { $0.id != nil }) { $0.idText ?? "" }
            }
            if let kept { return (byID, kept.measurementRuns, kept.runsByObjective) }
            var runs: [MeasurementRun] = []
            for (fileIndex, file) in content.measurementFiles.enumerated() {
                let rows = file.rows
                var runStart = 0
                while runStart < rows.count {
                    let id = rows[runStart].objectiveID
                    var runEnd = runStart + 1
                    while runEnd < rows.count, rows[runEnd].objectiveID == id { runEnd += 1 }
                    runs.append(MeasurementRun(objectiveID: id, file: file.file, fileIndex: fileIndex, rows: runStart..<runEnd))
                    runStart = runEnd
                }
            }
            var byObjective: [String: [Int]] = [:]
            byObjective.reserveCapacity(content.objectives.count)
            for (position, run) in runs.enumerated() { byObjective[run.objectiveID, default: []].append(position) }
            return (byID, runs, byObjective)
        }, {
            if reused == nil { lookups.add(content.reviews[..<split], content.communications[...]) }
        })
        if reused == nil { lookups.append(lastPart) }
        objectivesByID = objectives
        measurementRuns = runs
        runsByObjective = runsByID
        reviewsByObjective = lookups.reviews
        decisionsByObjective = lookups.decisions
        actionsByObjective = lookups.actions
        communicationsByObjective = lookups.communications
        communicationsForAll = content.communications.filter(\.coversAll)
        activeObjectives = content.objectives.filter { $0.status(asOf: asOf) == .active }
        var rejected: [String: [RejectedRow]] = [:]
        for file in content.measurementFiles where !file.rejected.isEmpty {
            for row in file.rejected { if let id = row.objectiveID { rejected[id, default: []].append(row) } }
        }
        rejectedRowsByObjective = rejected
        judgedByID = [:]
        // The series needs the look-ups above, so it is computed once they are set.
        if let kept, let changed {
            var byID = kept.judgedByID
            for id in changed { byID[id] = objectivesByID[id].map(judged) }
            judgedByID = byID
            return
        }
        let withIDs = content.objectives.filter { $0.id != nil }
        let model = self
        let all = parallelMap(withIDs) { o in model.judged(o) }
        judgedByID = Dictionary(zip(withIDs, all).lazy.map { o, judged in (o.idText ?? "", judged) },
                                uniquingKeysWith: { first, _ in first })
    }

    /// The ids, before and after, of the objectives parsed again since `before`; nil unless every
    /// objective is in its place (`reparsedInPlace`).
    private static func changedIDs(from before: [Objective], to now: [Objective]) -> Set<String>? {
        guard let places = now.reparsedInPlace(since: before) else { return nil }
        var ids: Set<String> = []
        for i in places {
            if let id = before[i].idText { ids.insert(id) }
            if let id = now[i].idText { ids.insert(id) }
        }
        return ids
    }

    /// What the reviews and communications say of each objective, by its id: the reviews that
    /// name it, the decisions and actions about it, the communications that name it.
    struct ReviewLookups {
        /// The part of the reviews the other thread takes, in percent: this thread makes the
        /// objectives' look-ups too, so it takes the smaller part.
        static let firstShare = 70

        var reviews: [String: [Review]] = [:]
        var decisions: [String: [DatedDecision]] = [:]
        var actions: [String: [DatedAction]] = [:]
        var communications: [String: [Communication]] = [:]

        /// The look-ups of `reviews` and `communications` added, after those already here.
        mutating func add(_ reviewList: ArraySlice<Review>, _ communicationList: ArraySlice<Communication>) {
            for review in reviewList {
                var named = review.objectives.map(\.value)
                for d in review.decisions {
                    guard let id = d.objective?.value else { continue }
                    named.append(id)
                    decisions[id, default: []].append(DatedDecision(decision: d, review: review))
                }
                for a in review.actions {
                    guard let id = a.objective?.value else { continue }
                    actions[id, default: []].append(DatedAction(action: a, review: review))
                }
                for id in Self.sortedOnce(named) { reviews[id, default: []].append(review) }
            }
            for c in communicationList {
                for id in Self.sortedOnce(c.objectives.map(\.value)) { communications[id, default: []].append(c) }
            }
        }

        /// The ids sorted, each once. (A review names a handful: sorting them and skipping repeats
        /// costs less than hashing them into a set first.)
        private static func sortedOnce(_ ids: [String]) -> [String] {
            var out: [String] = []
            out.reserveCapacity(ids.count)
            for id in ids.sorted() where out.last != id { out.append(id) }
            return out
        }

        /// `later`'s look-ups after these: what one pass over both parts in order gives.
        mutating func append(_ later: ReviewLookups) {
            reviews.merge(later.reviews) { $0 + $1 }
            decisions.merge(later.decisions) { $0 + $1 }
            actions.merge(later.actions) { $0 + $1 }
            communications.merge(later.communications) { $0 + $1 }
        }
    }

    /// Whether both are one array's storage: the items, and their places, are then the same.
    private static func same<T>(_ a: [T], _ b: [T]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }

    /// Whether both list the same files with the same stored rows (a file the folder cache kept
    /// is the same array in both loads).
    private static func sameRows(_ a: [MeasurementFile], _ b: [MeasurementFile]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.file == $1.file && same($0.rows, $1.rows) }
    }

    /// The model with its objectives narrowed to `o` alone and every look-up kept: what a rule
    /// that judges each objective alone (`Rule.judgesEachObjectiveAlone`) sees of that objective.
    func narrowed(to o: Objective) -> CheckModel {
        narrowed(to: [o])
    }

    /// The model with its objectives narrowed to `objectives` (some of its own, in its order) and
    /// every look-up kept: a rule that judges each objective alone finds there what it finds for
    /// them over the whole model, in the same order.
    func narrowed(to objectives: [Objective]) -> CheckModel {
        var model = self
        model.content.objectives = objectives
        model.activeObjectives = objectives.filter { $0.status(asOf: asOf) == .active }
        return model
    }

    /// The measurement rows that name an objective, in file and row order.
    package func measurements(of id: String) -> [Measurement] {
        (runsByObjective[id] ?? []).flatMap { rows(of: measurementRuns[$0]) }
    }

    /// A run's rows, at their positions in their file's rows.
    package func rows(of run: MeasurementRun) -> ArraySlice<Measurement> {
        content.measurementFiles[run.fileIndex].rows[run.rows]
    }

    /// The communications that cover an objective: those listing it and those for all.
    package func communications(of id: String) -> [Communication] {
        let own = communicationsByObjective[id] ?? []
        // Without a copy when there is nothing to add, as is usual.
        return communicationsForAll.isEmpty ? own : own + communicationsForAll
    }

    private static func firstByID<T>(_ items: [T], _ id: @escaping (T) -> String) -> [String: T] {
        // Room for all at once, and each id hashed once.
        Dictionary(items.lazy.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: defaults

    package func function(of o: Objective) -> Function? { o.function.flatMap { functionsByID[$0.value] } }

    /// The objective's own owner, or its function's.
    package func owner(of o: Objective) -> Located<String>? { o.owner ?? function(of: o)?.owner }

    /// The objective's own forum, or its function's.
    package func forum(of o: Objective) -> Located<String>? { o.forum ?? function(of: o)?.forum }

    /// The objective's own cadence, or its forum's.
    package func cadence(of o: Objective) -> Cadence? {
        o.cadence?.value ?? forum(of: o).flatMap { forumsByID[$0.value] }?.cadence?.value
    }

    package func level(of o: Objective) -> String? { function(of: o)?.level?.value }

    /// The objective's own target and tolerance, nil when absent or not of the grammar.
    package func target(of o: Objective) -> Threshold? { timeline(of: o).current.target }
    package func tolerance(of o: Objective) -> Threshold? { timeline(of: o).current.tolerance }

    // MARK: series

    /// The target and tolerance a value is judged against (SPEC 4.1 "Period-correct judgement"):
    /// those of the latest history entry that gives a `target` and applied on the period's last
    /// day, else the objective's current ones. One instance per step, shared by its periods.
    package final class Judgement: Sendable {
        package let target: Threshold?
        package let tolerance: Threshold?
        /// The history entry that set them, nil for the objective's current thresholds.
        package let version: Int?
        /// From when they applied (the entry's `effective`, default its `date`); nil when current.
        package let since: Day?
        /// The index of that entry in the objective's `history`; nil when current.
        package let entry: Int?

        package init(target: Threshold?, tolerance: Threshold?, version: Int?, since: Day?, entry: Int? = nil) {
            self.target = target
            self.tolerance = tolerance
            self.version = version
            self.since = since
            self.entry = entry
        }

        /// The status of `value` against these thresholds, read where they are: taken out one by
        /// one, they would be copied for each row of each series.
        package func status(of value: Double?, written: @autoclosure () -> String? = nil) -> ValueStatus {
            ValueStatus.of(value, written: written(), target: target, tolerance: tolerance)
        }

        package var isCurrent: Bool { since == nil }

        /// "`<= 6 h`, tolerance `<= 8 h` (version 2, from 2025-03-10)", for tables and messages.
        package var summary: String {
            var out = target.map { "\(codeSpan($0))" } ?? "no target"
            if let tolerance { out += ", tolerance \(codeSpan(tolerance))" }
            if let since { out += " (" + (version.map { "version \($0), " } ?? "") + "from \(since))" }
            return out
        }
    }

    /// The judgements that applied over time as of the as-of date, oldest first; the last is the
    /// current one, used for every period no history entry covers.
    func judgements(of o: Objective) -> (steps: [Judgement], current: Judgement) {
        let timeline = timeline(of: o)
        return (timeline.steps, timeline.current)
    }

    /// With `asOf`, an entry dated after it is left out: not approved yet as of that day, it judges
    /// nothing, even a period it says it applies from (docs/content-format.md, Periods and dates).
    static func judgements(of o: Objective, asOf: Day? = nil) -> (steps: [Judgement], current: Judgement) {
        let current = Judgement(target: o.target.flatMap { Threshold(parsing: $0.value) },
                                tolerance: o.tolerance.flatMap { Threshold(parsing: $0.value) }, version: nil, since: nil)
        let steps = o.history.enumerated().compactMap { index, entry -> (Day, Int, Int, Judgement)? in
            if let asOf, let date = entry.date?.value, date > asOf { return nil }
            guard let text = entry.target?.value, let target = Threshold(parsing: text), let since = entry.since else { return nil }
            let tolerance = entry.tolerance.flatMap { Threshold(parsing: $0.value) }
            return (since, entry.version?.value ?? 0, index,
                    Judgement(target: target, tolerance: tolerance, version: entry.version?.value, since: since, entry: index))
        }
        // By the day they applied, then version, then file order: the last applicable one wins.
        return (steps.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3), current)
    }

    /// The target and tolerance of `judgement` as the objective's file writes them: its history
    /// entry's, or the objective's own for the current thresholds.
    func thresholdTexts(of o: Objective, _ judgement: Judgement) -> (target: String?, tolerance: String?) {
        guard let entry = judgement.entry, o.history.indices.contains(entry) else { return (o.target?.value, o.tolerance?.value) }
        return (o.history[entry].target?.value, o.history[entry].tolerance?.value)
    }

    /// Whether `judgement` sets other thresholds than the objective's current ones, by comparator
    /// and number as written (`Threshold.sameBound`): a value judged against it reads wrongly
    /// beside the current target unless the report says what it was judged against.
    package func differsFromCurrent(_ o: Objective, _ judgement: Judgement) -> Bool {
        let same = Threshold.sameBound
        return !judgement.isCurrent && !(same(judgement.target, target(of: o)) && same(judgement.tolerance, tolerance(of: o)))
    }

    /// The judgement for a period ending on `day`. For many days, read the history once with
    /// `timeline(of:)`: this reads and sorts it on every call.
    package func judgement(of o: Objective, on day: Day) -> Judgement {
        timeline(of: o).judgement(on: day)
    }

    /// The start of `o` as of the as-of date (SPEC 4.1 "Start of an objective"): periods that end
    /// before it are never due.
    package func start(of o: Objective) -> Day? { o.start(asOf: asOf) }

    /// The objective's thresholds over time, read from its history once.
    package func timeline(of o: Objective) -> JudgementTimeline {
        cached(o)?.timeline ?? Self.timeline(of: o, asOf: asOf)
    }

    /// What was computed once for `o`, when `o` is the objective it was computed for (the first
    /// with its id).
    private func cached(_ o: Objective) -> Judged? {
        guard let id = o.idText, let cached = judgedByID[id], cached.file == o.file else { return nil }
        return cached
    }

    private static func timeline(of o: Objective, asOf: Day) -> JudgementTimeline {
        let (steps, current) = judgements(of: o, asOf: asOf)
        return JudgementTimeline(steps: steps, current: current)
    }

    /// The thresholds in force on each day, for judging many rows against one history: a lookup
    /// costs the logarithm of the history's length, not a parse of it.
    package struct JudgementTimeline: Sendable {
        /// By the day each applied from (every step has one), then version, then file order.
        let steps: [Judgement]
        let current: Judgement

        /// The step that judges every period ending on or after its day; nil without a history
        /// entry that gives a `target`.
        package var last: Judgement? { steps.last }

        /// The last step applied by `day` (the latest in file order among those of one day), or
        /// the current thresholds before the first.
        package func judgement(on day: Day) -> Judgement {
            var low = 0, high = steps.count
            while low < high {
                let middle = low + (high - low) / 2
                if (steps[middle].since ?? day) <= day { low = middle + 1 } else { high = middle }
            }
            return low > 0 ? steps[low - 1] : current
        }
    }

    /// One period of an objective's cadence and the value that counts for it.
    package struct PeriodValue: Sendable {
        package var period: Period
        package var status: ValueStatus
        /// What the value was judged against.
        package var judgement: Judgement
        /// The row, as a position in its file's rows rather than a copy: each measured row is held
        /// once, however many series and judgements name it.
        private let rows: [Measurement]
        private let index: Int

        /// The period's other rows, which do not count (SPEC 4.1 "A value for a period": the latest
        /// row counts), in the order `isLater` gives them, the latest last; empty for nearly every period.
        package let notCounted: [Measurement]

        package var measurement: Measurement { rows[index] }
        package var value: Double? { rows[index].value }

        /// The status as the registers and the site name it: `not-judged` for a value that no
        /// target judges (a value is there, so it is not `no-data`), else the status's own.
        package var statusName: String { value != nil && judgement.target == nil ? Self.notJudged : status.rawValue }
        package static let notJudged = "not-judged"

        init(period: Period, measurement: Measurement, status: ValueStatus, judgement: Judgement? = nil) {
            self.init(period: period, rows: [measurement], index: 0, status: status,
                      judgement: judgement ?? Judgement(target: nil, tolerance: nil, version: nil, since: nil))
        }

        init(period: Period, rows: [Measurement], index: Int, status: ValueStatus, judgement: Judgement,
             notCounted: [Measurement] = []) {
            self.period = period
            self.rows = rows
            self.index = index
            self.status = status
            self.judgement = judgement
            self.notCounted = notCounted
        }
    }

    /// The objective's values per period of its cadence, oldest first (SPEC 4.1 "A value for a
    /// period": the latest row inside the period counts; values are never averaged), each judged
    /// against the thresholds in force on the period's last day. Rows coarser than the cadence
    /// (`syntax/csv`) and rows for periods that begin after the as-of date
    /// (`monitored/future-value`) are left out; periods begun but not yet due are in.
    package func series(of o: Objective) -> [PeriodValue] {
        if let cached = cached(o) { return cached.series }
        guard o.idText != nil else { return [] }
        return computeSeries(of: o, Self.timeline(of: o, asOf: asOf))
    }

    private func judged(_ o: Objective) -> Judged {
        let timeline = Self.timeline(of: o, asOf: asOf)
        return Judged(file: o.file, timeline: timeline, series: computeSeries(of: o, timeline))
    }

    /// The entry of `series` for `period`, if it has one. A series holds one entry per period, in
    /// order (`computeSeries`), so it is looked for from the end, where the due period is.
    package static func entry(for period: Period, in series: [PeriodValue]) -> PeriodValue? {
        for index in series.indices.reversed() {
            if series[index].period == period { return series[index] }
            if series[index].period < period { return nil }
        }
        return nil
    }

    /// Whether a value below zero cannot be one of the objective's: its metric is measured in a unit
    /// of time (`DurationUnits`), and no target or tolerance, its own or a history entry's, is below
    /// zero (a change in time may be, and its thresholds then say so). Such a row is `syntax/csv`'s
    /// and counts nowhere, as a value that is not a number.
    package func negativeIsImpossible(_ o: Objective) -> Bool {
        Self.negativeIsImpossible(o, timeline(of: o))
    }

    private static func negativeIsImpossible(_ o: Objective, _ timeline: JudgementTimeline) -> Bool {
        guard let unit = o.metric?.unit?.value ?? timeline.current.target?.unit, DurationUnits.isDuration(unit) else { return false }
        func belowZero(_ j: Judgement) -> Bool { (j.target?.number ?? 0) < 0 || (j.tolerance?.number ?? 0) < 0 }
        return !belowZero(timeline.current) && !timeline.steps.contains(where: belowZero)
    }

    /// Whether `value` is one the objective cannot have, given its `negativeIsImpossible`, which is
    /// asked only of a value below zero: nearly every value is not, and the answer reads the metric.
    package static func isImpossible(_ value: Double?, negativeIsImpossible: @autoclosure () -> Bool) -> Bool {
        (value ?? 0) < 0 && negativeIsImpossible()
    }

    private func computeSeries(of o: Objective, _ timeline: JudgementTimeline) -> [PeriodValue] {
        guard let id = o.idText, let cadence = cadence(of: o), let runs = runsByObjective[id] else { return [] }
        let (steps, current) = (timeline.steps, timeline.current)
        // Row positions, not rows: a row is a large value, not worth copying into the table.
        // An objective's rows are nearly always one file's.
        let files = runs.map { content.measurementFiles[measurementRuns[$0].fileIndex].rows }
        var latest: [(period: Period, file: Int, index: Int)] = []
        // The rows left out of `latest`, by their period's place in it: rare, so a dictionary,
        // not looked in while it is empty (every period of nearly every series).
        var notCounted: [Int: [(file: Int, index: Int)]] = [:]
        latest.reserveCapacity(runs.reduce(0) { $0 + measurementRuns[$1].rows.count })
        let kind = cadence.periodKind
        for (file, run) in runs.enumerated() {
            let rows = files[file]
            for index in measurementRuns[run].rows {
                let rowPeriod = rows[index].periodValue
                guard rowPeriod.kind <= kind, rowPeriod.start <= asOf,
                      !Self.isImpossible(rows[index].value, negativeIsImpossible: Self.negativeIsImpossible(o, timeline)) else { continue }
                // A row of the cadence's own kind is its period (the one holding its anchor day).
                latest.append((rowPeriod.kind == kind ? rowPeriod : cadence.period(containing: rowPeriod.anchorDay), file, index))
            }
        }
        // One row per period, the one that counts (`isLater`). Files list their rows in order, one
        // per period, so mostly there is nothing to sort.
        if zip(latest, latest.dropFirst()).contains(where: { !($0.period < $1.period) }) {
            latest.sort { a, b in
                a.period != b.period ? a.period < b.period : Self.isLater(files[b.file][b.index], than: files[a.file][a.index])
            }
            var kept: [(period: Period, file: Int, index: Int)] = []
            for entry in latest {
                guard let last = kept.last, last.period == entry.period else { kept.append(entry); continue }
                // A known gap of part of the period (a week of a month) says nothing of the rest:
                // it does not take the place of a value measured for the whole period. (Of finer
                // rows alone, the latest stands for the period, a gap as well.)
                let row = files[entry.file][entry.index], standing = files[last.file][last.index]
                if row.value == nil, row.periodValue.kind < kind, standing.value != nil, standing.periodValue.kind == kind {
                    notCounted[kept.count - 1, default: []].append((entry.file, entry.index))
                    continue
                }
                notCounted[kept.count - 1, default: []].append((last.file, last.index))
                kept[kept.count - 1] = entry
            }
            latest = kept
        }
        // Each value is judged on the last day of its own row's period (SPEC 4.1): a month that
        // stands for its quarter was measured under that month's thresholds, not the quarter's
        // last day's. Rows in period order end in order, so the step in force only moves forward.
        var step = -1
        return latest.enumerated().map { place, entry in
            let (period, file, index) = entry
            let judgedOn = files[file][index].periodValue.end
            while step + 1 < steps.count, let since = steps[step + 1].since, since <= judgedOn { step += 1 }
            let judgement = step >= 0 ? steps[step] : current
            return PeriodValue(period: period, rows: files[file], index: index,
                               status: judgement.status(of: files[file][index].value, written: files[file][index].valueText),
                               judgement: judgement,
                               notCounted: notCounted.isEmpty ? [] : notCounted[place]?.map { files[$0.file][$0.index] } ?? [])
        }
    }

    /// The latest result (SPEC 4.1 "Only due periods count"): the last due period with a value.
    /// A known gap does not hide the last measurement; a period not yet due is not a result yet.
    package func latestResult(of o: Objective) -> PeriodValue? {
        dueSeries(of: o).last { $0.value != nil }
    }

    /// The series' periods that are due, oldest first: up to the due period, without those that
    /// ended before the objective's start (SPEC 4.1 "Due period": they are never due).
    func dueSeries(of o: Objective) -> ArraySlice<PeriodValue> {
        let series = series(of: o)
        guard let due = duePeriod(of: o) else { return series[0..<0] }
        let end = series.lastIndex { $0.period <= due }.map { $0 + 1 } ?? 0
        guard let start = start(of: o) else { return series[..<end] }
        return series[(series[..<end].firstIndex { $0.period.end >= start } ?? end)..<end]
    }

    /// Whether a row `syntax/csv` rejected may be the one that counts for a period of the
    /// objective's cadence from `first` through `last`: a rejected row naming a period inside one
    /// of them or a period that could not be read (it may be any), or a row of a period coarser
    /// than the cadence that overlaps them. That finding is the one finding about the row (SPEC 4.1
    /// "One cause, one finding"): no rule reports such a period's value missing, or judges a result
    /// the row may have replaced.
    func rejectedRowMayCount(of o: Objective, from first: Period, through last: Period) -> Bool {
        guard let id = o.idText, let cadence = cadence(of: o) else { return false }
        let kind = cadence.periodKind
        func mayCount(_ period: Period) -> Bool {
            guard period.kind <= kind else { return period.start <= last.end && first.start <= period.end }
            let own = period.kind == kind ? period : cadence.period(containing: period.anchorDay)
            return first <= own && own <= last
        }
        if let rejected = rejectedRowsByObjective[id], rejected.contains(where: { $0.period.map(mayCount) ?? true }) { return true }
        // Coarser rows, and values the objective cannot have, are read, then rejected with the model
        // (`SyntaxCSV.check`). By position: a row is a large value.
        for run in runsByObjective[id] ?? [] {
            let rows = rows(of: measurementRuns[run])
            if rows.indices.contains(where: {
                (rows[$0].periodValue.kind > kind || Self.isImpossible(rows[$0].value, negativeIsImpossible: negativeIsImpossible(o)))
                    && mayCount(rows[$0].periodValue)
            }) { return true }
        }
        return false
    }

    /// `rejectedRowMayCount` from `first` through the latest due period: whether a rejected row may
    /// replace the results a rule would judge from `first` on. False when no period is due.
    func rejectedRowMayReplace(of o: Objective, from first: Period) -> Bool {
        guard let due = duePeriod(of: o) else { return false }
        return rejectedRowMayCount(of: o, from: first, through: due)
    }

    /// Which of two rows for the same period counts: the one for the later (finer) period, then the
    /// later file, then the later row; a known gap of a finer period does not replace a value of
    /// the whole period (`computeSeries`).
    private static func isLater(_ a: Measurement, than b: Measurement) -> Bool {
        let pa = a.periodValue, pb = b.periodValue
        if pa.end != pb.end { return pa.end > pb.end }
        if pa.start != pb.start { return pa.start > pb.start }
        if a.file != b.file { return a.file > b.file }
        return a.row > b.row
    }

    /// The latest due period of the objective (SPEC 4.1), nil when none is due yet.
    package func duePeriod(of o: Objective) -> Period? {
        guard let cadence = cadence(of: o) else { return nil }
        return cadence.latestDuePeriod(asOf: asOf, graceDays: settings.reviewGraceDays, notBefore: start(of: o))
    }

    /// The latest due period the objective owes a value for: only an active objective measured by
    /// a number owes any (drafts and retired objectives are not monitored, one evaluated at its
    /// reviews has no value to give); nil also when none is due yet.
    package func owedPeriod(of o: Objective) -> Period? {
        isActive(o) && !evaluatedQualitatively(o) ? duePeriod(of: o) : nil
    }

    /// The objective's status as of the as-of date (`Objective.status(asOf:)`): a retirement dated
    /// later has not happened yet. Every rule, register and page judges by it.
    package func status(of o: Objective) -> Objective.Status { o.status(asOf: asOf) }

    package func isActive(_ o: Objective) -> Bool { status(of: o) == .active }

    /// Whether a review's decision item records a decision: it says what was decided, or says
    /// something that could not be read (whose `syntax/type` finding is the one finding, SPEC 4.1).
    /// An item without `decision` names the objective as reviewed, but decides nothing.
    func decides(_ d: DatedDecision) -> Bool {
        d.decision.decision != nil || content.unread.field("decision", of: d.decision.location)
    }

    /// Whether a review action answers its objective's results: it says who is responsible, by
    /// when and what is to be done, each field given or given in a form that could not be read
    /// (whose `syntax/type` finding is the one finding, SPEC 4.1). One that leaves any out is
    /// `syntax/type`'s finding, and no auditor takes it for a response.
    func answers(_ a: DatedAction) -> Bool {
        let action = a.action
        let unread = content.unread
        return (action.owner != nil || unread.field("owner", of: action.location))
            && (action.due != nil || unread.field("due", of: action.location))
            && (action.text != nil || unread.field("text", of: action.location))
    }

    /// Whether a communication says to whom it was made, or says something that could not be read
    /// (SPEC 4.1). One that names no audience does not show that anyone was told.
    func namesAudience(_ c: Communication) -> Bool {
        c.audience != nil || content.unread.field("audience", of: c.location)
    }

    /// Whether the current version's approval (`Objective.lastApproved`) is dated after the as-of
    /// date while no earlier version is in force that day (`versionInForce`): as of then nothing
    /// was approved, so the objective has nothing to communicate or update yet. The date is
    /// `established/approval`'s finding (an `approved_on`) or `updated/history`'s (an entry's).
    func approvalIsPending(_ o: Objective) -> Bool {
        guard let approved = o.lastApproved, approved > asOf else { return false }
        return versionInForce(of: o)?.entry == nil
    }

    /// When the version in force on the as-of date was approved (SPEC 4.1 "Last approved", as of
    /// that day): the current version's `lastApproved` when it is not after the as-of date; when it
    /// is, and an earlier version is in force (`versionInForce`), that version's entry's date, with
    /// the entry. Nil when nothing dates an approval, or the approval is pending.
    func approvalInForce(of o: Objective) -> (day: Day, entry: HistoryEntry?)? {
        guard let approved = o.lastApproved else { return nil }
        if approved <= asOf { return (approved, nil) }
        guard let entry = versionInForce(of: o)?.entry, let day = entry.date?.value else { return nil }
        return (day, entry)
    }

    /// The date of the latest review that covered the objective, on or before the as-of date: a
    /// review dated later has not happened yet as of that date.
    package func lastReviewed(_ o: Objective) -> Day? {
        guard let id = o.idText, let reviews = reviewsByObjective[id] else { return nil }
        // By index: a review is a large value, and most objectives have one or two.
        var latest: Day?
        for index in reviews.indices {
            if let day = reviews[index].date?.value, day <= asOf, latest.map({ day > $0 }) ?? true { latest = day }
        }
        return latest
    }
}
