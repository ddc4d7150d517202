import EvidentModel

extension CheckModel {
    /// The version of an objective in force on the as-of date, when its file describes a version
    /// approved later: the history entry with the latest date on or before the as-of date (a later
    /// version on the same day, then the later in the file, wins), and its thresholds: those that
    /// judge a period ending on the day it takes effect, or on the as-of date when that is later
    /// (SPEC 4.1 "Period-correct judgement"), as the file's own version shows its own. The
    /// registers, the site and the pack show it in place of the file's version, approval and
    /// thresholds, and name the first version dated after the as-of date.
    package struct VersionInForce: Sendable {
        /// The entry in force; nil when every dated entry is after the as-of date: no version of
        /// the objective was approved yet.
        package let entry: HistoryEntry?
        /// The version's thresholds; nil without an entry in force.
        package let judgement: Judgement?
        /// The day the version takes effect, when it is after the as-of date: until then the
        /// thresholds of the version before judge (`timeline(of:).judgement(on: asOf)`).
        package let from: Day?
        /// Those thresholds as the file writes them (`thresholdText(of:_:)`).
        package let target: String?
        package let tolerance: String?
        /// The first entry dated after the as-of date (by date, then version): the version that
        /// replaced the one in force.
        package let later: HistoryEntry
        package let laterDate: Day

        package var version: Int? { entry?.version?.value }
        package var approvedBy: String? { entry?.approvedBy?.value }
        package var approvedOn: Day? { entry?.date?.value }
        package var effective: Day? { entry?.effective?.value }
        package var laterVersion: Int? { later.version?.value }

        /// "version 2 of 2026-06-01 is after the as-of date", for text reports.
        package var laterText: String {
            (laterVersion.map { "version \($0)" } ?? "a version") + " of \(laterDate) is after the as-of date"
        }
    }

    /// Nil when the file's own version is in force on the as-of date: no history entry is dated
    /// after it, or the current version's entry is dated on or before it (or not dated at all).
    package func versionInForce(of o: Objective) -> VersionInForce? {
        let history = o.history
        var inForce: Int?, later: Int?
        func key(_ i: Int) -> (Int, Int) { (history[i].date?.value.ordinal ?? 0, history[i].version?.value ?? Int.min) }
        for i in history.indices {
            guard let date = history[i].date?.value else { continue }
            if date > asOf {
                if later.map({ key(i) < key($0) }) ?? true { later = i }
            } else if inForce.map({ key(i) >= key($0) }) ?? true {
                inForce = i
            }
        }
        guard let later, let laterDate = history[later].date?.value else { return nil }
        if let current = o.currentEntryIndex, history[current].date.map({ $0.value <= asOf }) ?? true { return nil }
        guard let inForce else {
            return VersionInForce(entry: nil, judgement: nil, from: nil, target: nil, tolerance: nil, later: history[later], laterDate: laterDate)
        }
        let from = history[inForce].since.flatMap { $0 > asOf ? $0 : nil }
        let judgement = timeline(of: o).judgement(on: from ?? asOf)
        let texts = thresholdTexts(of: o, judgement)
        return VersionInForce(entry: history[inForce], judgement: judgement, from: from, target: texts.target,
                              tolerance: texts.tolerance, later: history[later], laterDate: laterDate)
    }
}
