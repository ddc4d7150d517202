import EvidentModel
import EvidentSupport

/// An active objective with no value for its latest due period.
enum MonitoredNoData: Rule {
    static let description = RuleDescription(
        id: "monitored/no-data", name: "No data for the due period", obligation: .monitored, defaultSeverity: .warning,
        summary: "An active objective with no value for its latest due period, or with no row for due periods between two that have one.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored. Monitoring means measuring each period and \
            comparing the result with the target; an objective whose latest period has ended, and whose \
            `review_grace_days` have passed, without a recorded value is not being monitored, whatever its \
            earlier trend shows. An auditor samples the latest period first. A known gap (an empty value with \
            a note) explains the absence but is still no data: record the value when it becomes available. \
            A gap of part of the period (a week of a monthly objective) does not take the place of a value \
            measured for the whole period; a later gap row for the whole period withdraws it. \
            Periods that ended before the objective became effective are never due. A row for the period that \
            could not be read (a value that is not a number, a period that does not parse) is `syntax/csv`'s \
            one finding: the period is not reported again as without data. An objective evaluated \
            qualitatively (an `evaluation` in place of a target, where every standard it serves asks for \
            measurable objectives only if practicable) has no value to record: its monitoring is the review \
            that evaluates it, which `monitored/review-overdue` checks as for every objective.

            Earlier periods count too: a run of due periods with no row at all, between two due periods \
            that have one, is monitoring not done (or not recorded) for those periods, however well the latest \
            period reads. It is reported once per run, at the period cell of the row after it, naming the run's \
            periods. A row of a finer period counts for the period holding it (a week for the month of its \
            Thursday), and a known gap is a row: it says why there is no value, which is what an auditor asks. \
            Periods before the objective's first row are not a run: the start may be the first version's, years \
            before the objective's values were kept here, and its earlier records may be elsewhere; the latest \
            due period is asked for all the same. A period that is not yet due does not close a run: its row \
            is not a result yet, and the latest due period it follows is reported on its own. When the latest \
            due period has no row either, the due periods with none since the last row are named in its \
            finding, so a series that stopped is told in full at once.
            """,
        triggering: [
            RuleExample([
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": ""]),
            ]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "↓2026-10,,ServiceNow export failed; rerun requested,",
            ])]),
            // A later row for the whole of October that is a known gap withdraws its value.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "↓2026-10,,Withdrawn: the export counted P2 tickets,\n"]),
            // As of 2026-12-07 November (ended 11-30) plus 7 grace days is due, and has no row.
            RuleExample(["objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective], asOf: "2026-12-07"),
            // Without an `effective`, the first version starts on its approval (2026-01-15): as of
            // 2026-02-10 January is due, and has no row.
            RuleExample(["objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective(replacing: ["effective: 2026-02-01\n": ""])],
                        asOf: "2026-02-10"),
            // No row for April and May, between the rows of March and June.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-04,3.2,,\n2026-05,3.4,,\n": "", "2026-06,3.8,,": "↓2026-06,3.8,,",
            ])]),
            // A week counts for the month of its Thursday: W27 (Monday 2026-06-29, Thursday 07-02) is
            // July's, so June has no row.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-06,3.8,,": "2026-W27,3.8,,", "2026-07,3.1,,": "↓2026-07,3.1,,",
            ])]),
            // December and January end before the start (2026-02-01), so are never due; February is.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "period,value,note,evidence\n": "period,value,note,evidence\n2025-11,4.1,,\n", "2026-02,3.5,,\n": "",
                "2026-03,3.9,,": "↓2026-03,3.9,,",
            ])]),
            // Weekly: ISO week 45 has no row.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: weekly"]),
                         "measurements/OBJ-INC-01.csv": "period,value,note,evidence\n2026-W44,3.1,,\n↓2026-W46,3.4,,\n2026-W47,3.2,,\n"]),
            // Quarterly, measured monthly: no month of the second quarter has a row. The third quarter's
            // row that counts is September's, its latest.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: quarterly"]),
                         "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                             "2026-04,3.2,,\n2026-05,3.4,,\n2026-06,3.8,,\n": "", "2026-09,3.3,,": "↓2026-09,3.3,,",
                         ])]),
            // A row for November, begun but not yet due, is not a result: October is reported as the
            // latest due period, and no run is.
            RuleExample([
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": "2026-11,3.5,,\n"]),
            ]),
            // A series that stopped: no row since July. October is told with August and September.
            RuleExample([
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-08,3.6,,\n2026-09,3.3,,\n2026-10,3.7,,extract-2026-10.csv\n": "",
                ]),
            ]),
            // A rejected row of another period (September) does not stand for October.
            RuleExample([
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-09,3.3,,": "2026-09,n/a,,", "2026-10,3.7,,extract-2026-10.csv\n": "",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements]),
            // Finer rows count for the period that contains them: W44 (Thursday 2026-10-29) is October's.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-W43,3.2,,\n2026-W44,3.6,,extract-2026-10.csv",
            ])]),
            // A known gap for the last week of October (W44, Thursday 2026-10-29) says nothing of the
            // rest of the month: October's value stands.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-W44,,Export of the last days failed,\n"]),
            // A known gap between two values says why there is none: the period is explained.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-05,3.4,,": "2026-05,,ServiceNow export failed; the tickets were archived before a rerun,",
            ])]),
            // May's only row is of its week 20 (Thursday 2026-05-14): it counts for May.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-W20,3.4,,"])]),
            // Periods before the first row (February to April) are not a run between two rows.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-02,3.5,,\n2026-03,3.9,,\n2026-04,3.2,,\n": "",
            ])]),
            // A row from before the start (2026-02-01): December and January, between it and February,
            // are never due.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "period,value,note,evidence\n": "period,value,note,evidence\n2025-11,4.1,,\n",
            ])]),
            // May's row could not be read (`syntax/csv`), nor could the period of another row: either
            // may stand for the period between, which is not reported again.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,n/a,,"])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-5,3.4,,"])]),
            // As of 2026-12-06 November is not due yet; October is, and has its value.
            RuleExample([:], asOf: "2026-12-06"),
            // October's row could not be read: `syntax/csv` reports it, once.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7 h,,extract-2026-10.csv",
            ])]),
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-10,3,7,,extract-2026-10.csv",
            ])]),
            // A period that does not parse may be October's.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                "2026-10,3.7,,extract-2026-10.csv": "2026-1O,3.7,,extract-2026-10.csv",
            ])]),
            // A new objective is not asked for data from before it became effective.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: 2026-11-01", "    date: 2026-01-15": "    date: 2026-01-15\n    effective: 2026-11-01",
            ])],
                        removing: ["measurements/OBJ-INC-01.csv"]),
            // The first version, approved on 2026-01-15, is `effective: 2026-02-01`, and its history
            // entry gives no other date: January is never due.
            RuleExample([:], asOf: "2026-02-10"),
            // Approved after the as-of date, with no earlier start: not in force yet, so no period
            // is due (`established/approval` reports the date).
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "approved_on: 2026-01-15": "approved_on: 2026-12-10", "effective: 2026-02-01\n": "", "    date: 2026-01-15\n": "",
            ])],
                        removing: ["measurements/OBJ-INC-01.csv"]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"])],
                        removing: ["measurements/OBJ-INC-01.csv"]),
            // Its own cadence could not be read (`syntax/type`): the forum's monthly one, which would ask
            // for October, is not the one meant.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: biannual"]),
                         "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": ""])]),
            // Evaluated qualitatively, under ISO/IEC 27001 alone: no value is asked for.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective],
                        removing: ["measurements/OBJ-INC-01.csv"]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        // Made for the first objective with no readable row: one pass over the files, not one each.
        var filesWithoutRows: [String: String]?
        for o in model.activeObjectives {
            guard let id = o.idText, let due = model.duePeriod(of: o), !model.mayBeEvaluatedQualitatively(o) else { continue }
            // A cadence of its own that could not be read (`syntax/type`) says which periods are due, not the forum's.
            if model.content.unread.any("cadence", of: o) { continue }
            let series = model.series(of: o)
            findings += unrecordedRuns(o, id, series, through: due, model)
            let dueSince = due.end.adding(days: max(0, model.settings.reviewGraceDays))
            let entry = CheckModel.entry(for: due, in: series)
            if let entry, entry.value != nil { continue }
            // A row of the period that `syntax/csv` rejected is reported there, once.
            if model.rejectedRowMayCount(of: o, from: due, through: due) { continue }
            if let gap = entry?.measurement {
                findings.append(description.finding(knownGap(id, due, dueSince, note: gap.note), at: gap.period.location, objective: id))
            } else {
                // Named as every path in a finding is, from the working folder, not the content folder.
                // A file of its own whose rows were all rejected, or that has none, is there already.
                if model.measurements(of: id).isEmpty, filesWithoutRows == nil { filesWithoutRows = Self.filesNaming(model) }
                let file = model.measurements(of: id).last.map { codeSpan($0.file) }
                    ?? filesWithoutRows?[id].map(codeSpan)
                    ?? newFile(for: id, model)
                let before = trailingRun(o, series, before: due, model)
                findings.append(description.finding(missing(id, due, dueSince, file: file, before: before), at: o.location, objective: id))
            }
        }
        return findings
    }

    /// A run of due periods with no row, between two due periods that have one (a value or a known
    /// gap), found in one pass over the series: pointed at the period cell of the row after it.
    /// Periods that end before the objective's start are never due, so a run stops short of them;
    /// the periods before the first row are not a run (the records before it may be kept elsewhere).
    private struct UnrecordedRun {
        var first: Period
        var last: Period
        var count: Int
        var before: Period
        var after: CheckModel.PeriodValue
    }

    private static func unrecordedRuns(_ o: Objective, _ id: String, _ series: [CheckModel.PeriodValue], through due: Period,
                                       _ model: CheckModel) -> [Finding] {
        let start = model.start(of: o)
        // The series' periods are all of the cadence's kind: so are `due` and the start's period.
        let firstDue = start.map { Period(due.kind, containing: $0) }
        var runs: [UnrecordedRun] = []
        var previous: (period: Period, slot: Int)?
        // By index, and each period's slot once: nearly every period follows the one before it, and
        // an entry is too large a value to copy for a look at its period.
        for index in series.indices {
            let period = series[index].period
            if period > due { break }
            let slot = period.slot
            defer { previous = (period, slot) }
            guard let before = previous, slot - before.slot > 1 else { continue }
            var first = before.period.next
            if let firstDue, first < firstDue { first = firstDue }
            let count = slot - first.slot
            guard count > 0 else { continue }
            runs.append(UnrecordedRun(first: first, last: period.previous, count: count, before: before.period, after: series[index]))
        }
        guard let earliest = runs.first?.first, let latest = runs.last?.last else { return [] }
        // A rejected row that may stand for a period of a run is `syntax/csv`'s one finding. Asked
        // once for all the runs, and run by run only when one may: each asking reads every row.
        let mayBeRejected = model.rejectedRowMayCount(of: o, from: earliest, through: latest)
        var findings: [Finding] = []
        for run in runs where !(mayBeRejected && model.rejectedRowMayCount(of: o, from: run.first, through: run.last)) {
            let row = run.after.measurement
            findings.append(description.finding(unrecorded(id, run, start: start, file: codeSpan(row.file)),
                                                at: row.period.location, objective: id))
        }
        return findings
    }

    /// The due periods before `due` with no row since the last row before it, as (that row's period,
    /// the first, how many): said with the latest due period, so that a series that stopped is told
    /// at once, not run by run as values come back. nil when there are none, or when a rejected row
    /// may stand for one (`syntax/csv`'s finding).
    private static func trailingRun(_ o: Objective, _ series: [CheckModel.PeriodValue], before due: Period,
                                    _ model: CheckModel) -> (last: Period, first: Period, count: Int)? {
        guard let last = series.last(where: { $0.period < due })?.period else { return nil }
        var first = last.next
        if let start = model.start(of: o), first < Period(due.kind, containing: start) { first = Period(due.kind, containing: start) }
        let count = due.slot - first.slot
        guard count > 0, !model.rejectedRowMayCount(of: o, from: first, through: due.previous) else { return nil }
        return (last, first, count)
    }

    /// Each objective id → the last measurements file named for it or holding a rejected row of it.
    private static func filesNaming(_ model: CheckModel) -> [String: String] {
        var files: [String: String] = [:]
        for f in model.content.measurementFiles {
            if let id = f.namedObjective { files[id] = f.file }
            for row in f.rejected { if let id = row.objectiveID { files[id] = f.file } }
        }
        return files
    }

    // MARK: messages

    /// Where the first value goes: a file named after the objective, or, for an id that cannot be
    /// a file's name (a `/` or `\\` in it, a leading `.`), a row that names it.
    static func newFile(for id: String, _ model: CheckModel) -> String {
        guard id.contains("/") || id.contains("\\") || id.hasPrefix(".") else {
            return "a new " + codeSpan(model.content.display("measurements/\(id).csv"))
        }
        return "a measurements file, in a row whose `objective` is \(codeSpan(id))"
    }

    static func missing(_ id: String, _ period: Period, _ dueSince: Day, file: String,
                        before: (last: Period, first: Period, count: Int)? = nil) -> String {
        guard let before else {
            return "\(codeSpan(id)) has no value for \(period), due since \(dueSince). Add the measured value for \(period) to \(file)."
        }
        let earlier = before.count == 1 ? "for \(before.first) before it" : "for the \(before.count) periods before it (\(before.first) to \(period.previous))"
        let gap = before.count == 1 ? "a row" : "a row for each"
        return "\(codeSpan(id)) has no value for \(period), due since \(dueSince), nor \(earlier): its last row is for \(before.last). Add the measured values to \(file) or, where none can be had, \(gap) with an empty value and a `note` saying why."
    }

    private static func unrecorded(_ id: String, _ run: UnrecordedRun, start: Day?, file: String) -> String {
        let periods = run.count == 1 ? "\(run.first)" : "\(run.first) to \(run.last) (\(run.count) periods)"
        // A run cut short by the start does not follow the row before it.
        let between: String
        if let start, run.first != run.before.next {
            between = "between its start on \(start) and its row for \(run.after.period)"
        } else {
            between = "between its rows for \(run.before) and \(run.after.period)"
        }
        let values = run.count == 1 ? "the value measured for \(run.first)" : "the values measured for those periods"
        let gap = run.count == 1 ? "a row" : "a row for each"
        return "\(codeSpan(id)) has no row for \(periods), \(between): nothing records that it was monitored then. Add \(values) to \(file) or, where none can be had, \(gap) with an empty value and a `note` saying why."
    }

    static func knownGap(_ id: String, _ period: Period, _ dueSince: Day, note: String?) -> String {
        let why = note.map { " (\(codeSpan($0)))" } ?? " with no note saying why"
        return "\(codeSpan(id)) has no value for \(period), due since \(dueSince): the row is a known gap\(why). Record the value when it is available; until then the objective is not monitored for \(period)."
    }
}
