import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// Measurement rows as a reviewer of a pull request sees them: values appended, changed and
/// removed, and past values rewritten marked first.
@Suite struct MeasurementDiffTests {
    /// BASE: 2026-02 missing, 2026-05 off target (7.0), and a value for the current month.
    static let baseRows = ExampleTree.edit(ExampleTree.measurements, [
        "2026-02,3.5,,\n": "",
        "2026-05,3.4,,": "2026-05,7.0,,",
        "extract-2026-10.csv\n": "extract-2026-10.csv\n2026-11,3.1,,\n",
    ])

    /// HEAD: 2026-02 filled in behind, 2026-03 reformatted, 2026-04 removed, 2026-05 rewritten to
    /// look met with a hostile note, and the current month's value updated.
    static let headRows = ExampleTree.edit(ExampleTree.measurements, [
        "2026-03,3.9,,": "2026-03,3.90,,",
        "2026-04,3.2,,\n": "",
        "2026-05,3.4,,": "2026-05,3.4,\"Recomputed | after `fix`\nsecond line\",",
        "extract-2026-10.csv\n": "extract-2026-10.csv\n2026-11,3.3,,\n",
    ])

    /// A row for a month that has not begun (`monitored/future-value`) counts nowhere, so taking
    /// it out changes no result: its removal shows no status it never had ("on target → no value").
    @Test func aFutureRowRemovedHadNoStatus() throws {
        let future = ExampleTree.measurements + "2026-12,3.1,,\n"
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": future], head: ["measurements/OBJ-INC-01.csv": ExampleTree.measurements])
        defer { pair.remove() }
        let diff = try pair.diff()
        let change = try #require(diff.measurements.first?.changes.first)
        #expect(change.period.description == "2026-12" && change.kind == .removed && !change.rewritesPast)
        #expect(change.before?.status == nil)
        #expect(diff.resolved.map(\.rule) == ["monitored/future-value"])
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.contains("2026-12: 3.1 removed") && !text.contains("on target"), "\(text)")
    }

    @Test func pastValuesRewrittenAreMarkedAndOtherChangesListed() throws {
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": Self.baseRows], head: ["measurements/OBJ-INC-01.csv": Self.headRows])
        defer { pair.remove() }
        let diff = try pair.diff()
        // Folders have no commit: periods over by the as-of date are past.
        let asOf = try DiffScenario.day()
        #expect(diff.pastBefore == asOf)
        #expect(diff.changed.isEmpty)
        let objective = try #require(diff.measurements.first)
        #expect(diff.measurements.count == 1 && objective.objective == "OBJ-INC-01")
        let changes = objective.changes
        #expect(changes.map(\.period.description) == ["2026-02", "2026-04", "2026-05", "2026-11"])
        #expect(changes.map(\.kind) == [.added, .removed, .changed, .changed])
        #expect(changes.map(\.rewritesPast) == [false, true, true, false])
        #expect(changes.map(\.backfilled) == [true, false, false, false])
        let rewritten = changes[2]
        #expect(rewritten.before?.value == "7.0" && rewritten.after?.value == "3.4")
        #expect(rewritten.before?.status == .offTarget && rewritten.after?.status == .onTarget)
        #expect(rewritten.after?.note == "Recomputed | after `fix`\nsecond line")
        #expect(rewritten.after?.location.line == 4)

        let report = DiffReport(diff: diff)
        // The findings see only the row removed (April, between two rows: `monitored/no-data`); the
        // miss rewritten to read as met, only the rows show.
        #expect(report.summary() == "no objective changed · 1 measurement value added, 1 changed, 2 past values rewritten · 1 finding introduced (1 warning), 0 resolved")
        #expect(diff.introduced.map(\.rule) == ["monitored/no-data"])

        let text = report.render(.text)
        #expect(text.contains("\nPast measurement values rewritten (periods that had ended before 2026-11-29)\n  OBJ-INC-01  2026-04: 3.2 removed (on target → no value)  "))
        #expect(text.contains("\n  OBJ-INC-01  2026-05: 7.0 → 3.4 (off target → on target; note: Recomputed | after `fix` second line)  \(pair.head.path)/measurements/OBJ-INC-01.csv:4:1\n"))
        #expect(text.contains("\nMeasurements\n  OBJ-INC-01  2026-02: added behind the latest value 3.5  "))
        #expect(text.contains("\n  OBJ-INC-01  2026-11: 3.1 → 3.3 (on target)  "))

        let markdown = report.markdown()
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        let headings = DiffReportTests.elements("h4", in: html)
        #expect(headings == ["Findings introduced", "⚠️ Past measurement values rewritten", "Measurements"])
        #expect(markdown.contains("**no objective changed · 1 measurement value added, 1 changed, 2 past values rewritten · 1 finding introduced (1 warning), 0 resolved**"))
        let tables = DiffReportTests.elements("table", in: html)
        #expect(tables.count == 2)
        let past = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: tables[0]).first ?? "").map { DiffReportTests.elements("td", in: $0) }
        #expect(DiffReportTests.elements("th", in: tables[0]) == ["Objective", "Period", "Before", "After", "Status", "Note"])
        // The miss that now reads as met first.
        #expect(past == [
            ["<strong>OBJ-INC-01</strong>", "2026-05", "7.0", "3.4", "off target → on target", "Recomputed | after `fix`<br>second line"],
            ["<strong>OBJ-INC-01</strong>", "2026-04", "3.2", "removed", "on target → no value", "—"],
        ])
        #expect(markdown.contains("2 of them change a period's result (its status), and come first: a miss that now reads better at the head."))
        let other = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: tables[1]).first ?? "").map { DiffReportTests.elements("td", in: $0) }
        #expect(other == [
            ["<strong>OBJ-INC-01</strong>", "2026-02", "added behind the latest value", "3.5", "—", "—"],
            ["<strong>OBJ-INC-01</strong>", "2026-11", "3.1", "3.3", "on target", "—"],
        ])

        let json = try HistoryDiffTests.object(report)
        let summary = try #require((json["summary"] as? [String: Any])?["measurements"] as? [String: Int])
        #expect(summary == ["objectives": 1, "appended": 0, "backfilled": 1, "changed": 1, "removed": 0, "past_values_rewritten": 2])
        #expect(json["past_before"] as? String == "2026-11-29")
        let list = try #require(json["measurements"] as? [[String: Any]])
        let rows = try #require(list.first?["changes"] as? [[String: Any]])
        #expect(rows.map { $0["period"] as? String } == ["2026-02", "2026-04", "2026-05", "2026-11"])
        #expect(rows.map { $0["past_value_rewritten"] as? Bool } == [false, true, true, false])
        let after = try #require(rows[2]["after"] as? [String: Any])
        #expect(after["value"] as? String == "3.4" && after["status"] as? String == "on-target" && after["line"] as? Int == 4)
        #expect(after["note"] as? String == "Recomputed | after `fix`\nsecond line")
        #expect(rows[1]["after"] is NSNull)
    }

    /// A known gap filled in for a past period rewrites it; a past row's evidence changed alone is
    /// listed with the other changes, not as a rewrite.
    @Test func aGapFilledIsARewriteAndEvidenceAloneIsNot() throws {
        let base = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,,Export failed.,"])
        let head = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,3.8,Export re-run.,",
                                                               "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-06", "2026-10"])
        #expect(changes.map(\.rewritesPast) == [true, false])
        #expect(changes.first?.before?.status == .noData && changes.first?.after?.status == .onTarget)
        let html = MarkdownRenderer(allowRawHTML: true).html(DiffReport(diff: diff).markdown())
        let tables = DiffReportTests.elements("table", in: html)
        #expect(tables.count == 2)
        let cells = tables.map { DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: $0).first ?? "").map { DiffReportTests.elements("td", in: $0) } }
        #expect(cells.first == [["<strong>OBJ-INC-01</strong>", "2026-06", "(gap)", "3.8", "no data → on target", "Export failed. → Export re-run."]])
        #expect(cells.last == [["<strong>OBJ-INC-01</strong>", "2026-10", "3.7", "3.7", "on target", "evidence extract-2026-10.csv → (none)"]])
        let json = try HistoryDiffTests.object(DiffReport(diff: diff))
        let rows = try #require((json["measurements"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        #expect((rows.first?["before"] as? [String: Any])?["value"] is NSNull)
        #expect((rows.last?["before"] as? [String: Any])?["evidence"] as? String == "extract-2026-10.csv")
        #expect((rows.last?["after"] as? [String: Any])?["evidence"] is NSNull)
    }

    /// A past value rewritten to a duration below zero (`syntax/csv`) is judged nowhere: an
    /// off-target month does not read as on target in review.
    @Test func aDurationBelowZeroIsNotJudged() throws {
        let base = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let head = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,-3.4,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let change = try #require(diff.measurements.first?.changes.first)
        #expect(change.period.description == "2026-05" && change.rewritesPast)
        #expect(change.before?.status == .offTarget && change.after?.value == "-3.4" && change.after?.status == nil)
        #expect(DiffReport(diff: diff).render(.text).contains("2026-05: 7.0 → -3.4 (off target → not judged)"))
    }

    /// A row added for a past period counts in place of the one BASE counted (SPEC 4.1: the latest
    /// row counts): the period's result changed with no row edited, so it is a rewrite, shown
    /// against the row that counted. A row for a week under a month's value, which counts for
    /// nothing, stays a value added behind the latest.
    @Test func aLaterRowForAPastPeriodRewritesItsResult() throws {
        let base = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let head = base + "2026-05,3.1,Recounted.,\n2026-06-30,9.5,,\n2026-W36,,Export failed.,\n"
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-05", "2026-06-30", "2026-W36"])
        #expect(changes.map(\.kind) == [.added, .added, .added])
        #expect(changes.map(\.rewritesPast) == [true, true, false])
        #expect(changes.map(\.backfilled) == [false, false, true])
        #expect(changes.map { $0.countedBefore?.value } == ["7.0", "3.8", nil])
        #expect(changes.map { $0.countedBefore?.location.line } == [5, 6, nil])
        #expect(changes.first?.countedBefore?.status == .offTarget && changes.first?.after?.status == .onTarget)
        #expect(changes[1].after?.status == .offTarget)

        let report = DiffReport(diff: diff)
        #expect(report.summary() == "no objective changed · 1 measurement value added, 2 past values rewritten · 0 findings introduced, 0 resolved")
        let text = report.render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 7.0 → 3.1 (off target → on target; a row added; the row at \(pair.base.path)/measurements/OBJ-INC-01.csv:5:1 no longer counts; note: Recounted.)  \(pair.head.path)/measurements/OBJ-INC-01.csv:11:1\n"), "\(text)")
        let html = MarkdownRenderer(allowRawHTML: true).html(report.markdown())
        let past = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: DiffReportTests.elements("table", in: html).first ?? "").first ?? "").map { DiffReportTests.elements("td", in: $0) }
        #expect(past.first == ["<strong>OBJ-INC-01</strong>", "2026-05", "7.0", "3.1", "off target → on target",
                               "a row added; the row at \(pair.base.path)/measurements/OBJ-INC-01.csv:5:1 no longer counts; Recounted."])
        let json = try HistoryDiffTests.object(report)
        let summary = try #require((json["summary"] as? [String: Any])?["measurements"] as? [String: Int])
        #expect(summary["appended"] == 0 && summary["backfilled"] == 1 && summary["past_values_rewritten"] == 2)
        let rows = try #require((json["measurements"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]])
        #expect((rows.first?["counted_before"] as? [String: Any])?["value"] as? String == "7.0")
        #expect(rows.first?["counted_after"] is NSNull && rows.last?["counted_before"] is NSNull)
    }

    /// A second row for the latest period BASE had, which counts for nothing (a week's gap under
    /// the month's value), is filled in behind, not appended: only a later period is the routine update.
    @Test func aSecondRowForTheLatestPeriodIsNotAppended() throws {
        let base = ExampleTree.measurements
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base],
                                  head: ["measurements/OBJ-INC-01.csv": base + "2026-10,3.7,Same value again.,\n2026-11,3.2,,\n"])
        defer { pair.remove() }
        let changes = try #require(try pair.diff().measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-10", "2026-11"])
        #expect(changes.map(\.backfilled) == [true, false])
        #expect(changes.map(\.isAppended) == [false, true])
    }

    /// Removing the row that counted for a past period lets an earlier one count again: shown
    /// against that row, with both statuses.
    @Test func removingTheRowThatCountedShowsTheOneThatCountsAgain() throws {
        let head = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let base = head + "2026-05,3.1,Recounted.,\n"
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let change = try #require(diff.measurements.first?.changes.first)
        #expect(change.kind == .removed && change.rewritesPast)
        #expect(change.countedAfter?.value == "7.0" && change.countedAfter?.location.line == 5)
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 3.1 → 7.0 (on target → off target; the row removed; the row at \(pair.head.path)/measurements/OBJ-INC-01.csv:5:1 counts again; note: Recounted.)  "), "\(text)")
    }

    /// Of two files with a row for a period, the later file's counts: renaming one so that it sorts
    /// first changes which counts, with no row changed. The period's result changed: a rewrite.
    @Test func rowsMovedSoThatAnotherCountsRewriteThePeriod() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let restated = "objective,period,value,note\nOBJ-INC-01,2026-05,3.1,Recounted.\n"
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows, "measurements/restated.csv": restated],
                                  head: ["measurements/A-restated.csv": restated], removing: ["measurements/restated.csv"])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.otherRowCounts && change.rewritesPast && change.kind == .changed)
        #expect(change.before?.value == "3.1" && change.before?.status == .onTarget)
        #expect(change.after?.value == "7.0" && change.after?.status == .offTarget)
        let text = DiffReport(diff: diff).render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 3.1 → 7.0 (on target → off target; no row of the period changed, but rows moved: the row at \(pair.head.path)/measurements/OBJ-INC-01.csv:5:1 counts in place of the row at \(pair.base.path)/measurements/restated.csv:2:1)  "), "\(text)")
        // Moved with nothing else changing which row counts: no change at all.
        let same = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows, "measurements/restated.csv": restated],
                                  head: ["measurements/z-restated.csv": restated], removing: ["measurements/restated.csv"])
        defer { same.remove() }
        #expect(try same.diff().measurements.isEmpty)
    }

    /// A cadence made coarser makes a quarter count its last month: May's miss no longer counts,
    /// and Q2 reads as met. Each past period whose result the new periods judge otherwise is a
    /// rewrite, shown with the period that holds it now; a month judged the same is not.
    @Test func aCoarserCadenceThatHidesAPastMissIsARewrite() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows],
                                  head: ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: quarterly"])])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-05"])
        let may = try #require(changes.first)
        #expect(may.rewritesPast && may.countsFor?.description == "2026-Q2" && may.noLongerCounted == nil)
        #expect(may.before?.value == "7.0" && may.before?.status == .offTarget)
        #expect(may.after?.value == "3.8" && may.after?.status == .onTarget && may.after?.location.line == 6)
        let report = DiffReport(diff: diff)
        #expect(report.summary().contains("1 past measurement value rewritten"), "\(report.summary())")
        let text = report.render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 7.0 → 3.8 (off target → on target; 2026-05 is part of 2026-Q2 now, for which the row at \(pair.head.path)/measurements/OBJ-INC-01.csv:6:1 counts)  "), "\(text)")
        let json = try HistoryDiffTests.object(report)
        let first = try #require((json["measurements"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]).first
        #expect(first?["counts_for"] as? String == "2026-Q2" && first?["no_longer_counted"] is NSNull)
    }

    /// A forum's cadence changed in `evident.yml` changes the periods of every objective that
    /// takes it, though no objective's file changed: those objectives are compared too.
    @Test func aForumsCadenceChangedInTheSettingsIsComparedForItsObjectives() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let objective = ExampleTree.objective(replacing: ["cadence: monthly\n": ""])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows, "objectives/OBJ-INC-01.md": objective],
                                  head: ["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["cadence: monthly": "cadence: quarterly"])])
        defer { pair.remove() }
        let changes = try #require(try pair.diff().measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-05"])
        #expect(changes.first?.countsFor?.description == "2026-Q2" && changes.first?.after?.status == .onTarget)
    }

    /// A later start makes the months before it never due (SPEC 4.1): each result they had is
    /// gone, met or missed, and each is a rewrite that says why.
    @Test func aLaterStartThatMakesPastPeriodsNeverDueIsARewrite() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows],
                                  head: ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["effective: 2026-02-01": "effective: 2026-06-01"])])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-02", "2026-03", "2026-04", "2026-05"])
        #expect(changes.allSatisfy { $0.rewritesPast && $0.after == nil && $0.countsFor == nil })
        #expect(changes.last?.noLongerCounted == "never due: 2026-05 ends before the objective's start, 2026-06-01")
        let report = DiffReport(diff: diff)
        let text = report.render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 7.0 no longer counts (off target → not counted; the row no longer counts: never due: 2026-05 ends before the objective's start, 2026-06-01)  \(pair.base.path)/measurements/OBJ-INC-01.csv:5:1\n"), "\(text)")
        let html = MarkdownRenderer(allowRawHTML: true).html(report.markdown())
        let past = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: DiffReportTests.elements("table", in: html).first ?? "").first ?? "").map { DiffReportTests.elements("td", in: $0) }
        // The miss no longer counted heads the table; the months met follow, in order.
        #expect(past.first?[1...4] == ["2026-05", "7.0", "not counted", "off target → not counted"])
        #expect(past.dropFirst().map { $0[1] } == ["2026-02", "2026-03", "2026-04"])
    }

    /// A past miss edited within its status (7.0 → 7.1, off target both) reads as still missed on
    /// its own line, while the coarser cadence or later start takes it out of the count: what
    /// counts for its time now is a line of its own.
    @Test func aPastMissEditedWhileItsPeriodsChangeStillShowsWhatCountsNow() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let edited = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.1,Corrected rounding.,"])
        for (objective, expected) in [(ExampleTree.objective(replacing: ["cadence: monthly": "cadence: quarterly"]), "2026-Q2"),
                                      (ExampleTree.objective(replacing: ["effective: 2026-02-01": "effective: 2026-06-01"]), "never due")] {
            let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows],
                                      head: ["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": edited])
            defer { pair.remove() }
            let may = try #require(try pair.diff().measurements.first?.changes).filter { $0.period.description == "2026-05" }
            #expect(may.count == 2)
            #expect(may.first?.kind == .changed && may.first?.after?.value == "7.1" && may.first?.after?.status == .offTarget)
            let now = try #require(may.last)
            #expect(now.rewritesPast && now.before?.status == .offTarget)
            if expected == "never due" {
                #expect(now.noLongerCounted?.hasPrefix("never due") == true && now.after == nil)
            } else {
                #expect(now.countsFor?.description == expected && now.after?.status == .onTarget && now.after?.value == "3.8")
            }
        }
        // A row removed says that its result is gone, once.
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows],
                                  head: ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: quarterly"]),
                                         "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,\n": ""])])
        defer { pair.remove() }
        let changes = try #require(try pair.diff().measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-05"] && changes.first?.kind == .removed)
    }

    /// A target removed leaves every past value unjudged: results already reported, a miss among
    /// them, are no longer judged, and each says what judged it before.
    @Test func aTargetRemovedLeavesPastValuesUnjudged() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": rows],
                                  head: ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["target: \"<= 4 h\"\n": ""])])
        defer { pair.remove() }
        let changes = try #require(try pair.diff().measurements.first?.changes)
        #expect(changes.count == 9 && changes.allSatisfy { $0.rewritesPast && $0.after?.status == nil && $0.rejudged != nil })
        let may = try #require(changes.first { $0.period.description == "2026-05" })
        #expect(may.before?.status == .offTarget)
        #expect(may.rejudged?.after.hasPrefix("no target, tolerance <= 6 h") == true, "\(String(describing: may.rejudged))")
    }

    /// `0.29999999999999999` and `0.30000000000000001` are one Double, but not one number: the
    /// second misses `<= 0.3` that the first meets, so rewriting one as the other is a rewrite;
    /// `3.50000000000000000` for `3.5` is not.
    @Test func aCellWithMoreDigitsThanADoubleIsComparedAsWritten() throws {
        let base = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,3.99999999999999999,,",
                                                               "2026-07,3.1,,": "2026-07,3.5,,"])
        let head = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,4.00000000000000001,,",
                                                               "2026-07,3.1,,": "2026-07,3.50000000000000000,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-06"])
        #expect(changes.map(\.rewritesPast) == [true])
        #expect(changes.first?.before?.status == .onTarget && changes.first?.after?.status == .withinTolerance)
    }

    /// A value too long for its cell is cut in the middle: two that differ in their last digits
    /// still read as different.
    @Test func aLongValueKeepsItsEndInTheMarkdown() throws {
        let zeros = String(repeating: "0", count: 299)
        let base = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,0.\(zeros)1,,"])
        let head = ExampleTree.edit(ExampleTree.measurements, ["2026-06,3.8,,": "2026-06,0.\(zeros)2,,"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": base], head: ["measurements/OBJ-INC-01.csv": head])
        defer { pair.remove() }
        let html = MarkdownRenderer(allowRawHTML: true).html(DiffReport(diff: try pair.diff()).markdown())
        let row = try #require(DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: DiffReportTests.elements("table", in: html).first ?? "").first ?? "").first)
        let cells = DiffReportTests.elements("td", in: row)
        #expect(cells.count == 6)
        #expect(cells[2].hasSuffix("01") && cells[3].hasSuffix("02") && cells[2] != cells[3])
        #expect(cells[2].hasPrefix("0.000") && cells[2].contains("…") && cells[2].count == 200)
        // A short value is whole.
        #expect(GFM.numberCell("99.9985") == "99.9985")
        #expect(GFM.numberCell(nil) == "—")
    }

    /// An objective id from a CSV cell is content too: a `|`, backticks and `@` print as themselves.
    @Test func anIdFromACellIsEscaped() throws {
        let rows = "objective,period,value,note\n\"OBJ|X `y` @ceo\",2026-10,3.1,\"a | b\"\n"
        let pair = try FolderPair(base: ["measurements/other.csv": "objective,period,value,note\n"],
                                  head: ["measurements/other.csv": rows])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.measurements.map(\.objective) == ["OBJ|X `y` @ceo"])
        let markdown = DiffReport(diff: diff).markdown()
        // (The finding's message holds the id in a code span, which notifies nobody.)
        #expect(markdown.contains("\n1 value appended: 2026-10 for OBJ\\|X \\`y\\` @<!-- -->ceo.\n"))
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        #expect(html.contains("<p>1 value appended: 2026-10 for OBJ|X `y` @<!-- -->ceo.</p>"), "\(html)")
        let table = try #require(DiffReportTests.elements("table", in: html).first)
        let cells = DiffReportTests.elements("td", in: table)
        #expect(cells == ["<strong>OBJ|X `y` @<!-- -->ceo</strong>", "2026-10", "3.1", "a | b"])
        #expect(!DiffReport(diff: diff).render(.text).contains("\u{1B}"))
    }

    /// Many rows of one period pair through a table, not row against row: 20,000 of them, one
    /// changed, give that one change.
    @Test func manyRowsOfOnePeriodPairQuickly() throws {
        let rows = (0..<20_000).map { "2026-10-\(String(format: "%02d", $0 % 28 + 1)),3.\($0 % 10),row \($0)," }
        var changed = rows
        changed[12_345] = "2026-10-26,3.9,row 12345 corrected,"
        let header = "period,value,note,evidence\n"
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": header + rows.joined(separator: "\n") + "\n"],
                                  head: ["measurements/OBJ-INC-01.csv": header + changed.joined(separator: "\n") + "\n"])
        defer { pair.remove() }
        let started = Date()
        let diff = try pair.diff()
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.count == 1)
        #expect(changes.first?.before?.note == "row 12345" && changes.first?.after?.note == "row 12345 corrected")
        #expect(changes.first?.rewritesPast == true)
        #expect(Date().timeIntervalSince(started) < 60)
    }

    /// Every row of an objective with a long history changed: each side's history is read once
    /// and each row's thresholds looked up in it, where reading the 2,000 entries again for each of
    /// the 20,000 rows judged took many minutes. Each row is judged against the entry in force on
    /// its day: before the first entry, the objective's own thresholds.
    @Test(.timeLimit(.minutes(5))) func everyRowOfALongHistoryChanged() throws {
        let first = try #require(Day(iso: "2020-01-01")), rowsFrom = try #require(Day(iso: "1999-01-01"))
        // Entry k applies from day k: `<= 4 h` for even k, `<= 2 h` for odd k.
        let history = (0..<2_000).map { k in
            """
              - version: \(k + 1)
                date: \(first.adding(days: k))
                change: Change \(k).
                reason: Reason \(k).
                approved_by: Head of Service Management
                target: "<= \(k % 2 == 0 ? 4 : 2) h"
                tolerance: "<= 6 h"

            """
        }.joined()
        let objective = ExampleTree.objective(replacing: [
            "history:\n  - version: 1\n    date: 2026-01-15\n    change: First version.\n    reason: New objective set.\n    approved_by: Head of Service Management\n":
                "history:\n" + history,
        ])
        #expect(objective.contains("version: 2000"))
        let days = (0..<10_000).map { rowsFrom.adding(days: $0) }
        func rows(_ value: String) -> String { "period,value,note,evidence\n" + days.map { "\($0),\(value),," }.joined(separator: "\n") + "\n" }
        let pair = try FolderPair(base: ["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": rows("3.0")],
                                  head: ["measurements/OBJ-INC-01.csv": rows("3.5")])
        defer { pair.remove() }
        let diff = try expectQuick(within: .seconds(30), "the diff") { try pair.diff() }
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.count == days.count)
        for change in changes {
            let day = change.period.end, k = min(day.ordinal - first.ordinal, 1_999)
            let expected: ValueStatus = k < 0 || k % 2 == 0 ? .onTarget : .withinTolerance
            #expect(change.before?.status == expected && change.after?.status == expected, "\(day)")
            if change.before?.status != expected { break }
        }
    }

    @Test func rowsMovedOrReformattedAreNoChange() throws {
        // The rows move to a file of several objectives, one value written `3.50`.
        let moved = "objective,period,value,note,evidence\n" + ExampleTree.measurements
            .split(separator: "\n").dropFirst().map { "OBJ-INC-01,\($0)" }.joined(separator: "\n") + "\n"
        let pair = try FolderPair(head: ["measurements/all.csv": moved.replacingOccurrences(of: "2026-02,3.5,", with: "2026-02,3.50,")],
                                  removing: ["measurements/OBJ-INC-01.csv"])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.measurements.isEmpty, "\(diff.measurements)")
        let report = DiffReport(diff: diff)
        #expect(!report.summary().contains("measurement"))
        #expect(!report.markdown().contains("Measurements") && !report.render(.text).contains("Measurements"))
        let json = try HistoryDiffTests.object(report)
        #expect((json["measurements"] as? [Any])?.isEmpty == true)
    }

    /// A month appended for fifty objectives reads as one line, with the rows folded away.
    @Test func valuesAppendedForManyObjectivesAreSummarised() throws {
        var base: [String: String] = [:], head: [String: String] = [:]
        for n in 1...50 {
            let id = String(format: "OBJ-M-%02d", n)
            base["objectives/\(id).md"] = DiffScenario.objective(id)
            base["measurements/\(id).csv"] = ExampleTree.measurements
            head["measurements/\(id).csv"] = ExampleTree.measurements + "2026-11,3.\(n % 10),,\n"
        }
        // Two objectives gain two periods; their group names them.
        head["measurements/OBJ-M-49.csv"] = ExampleTree.measurements + "2026-W47,3.1,,\n2026-11,3.2,,\n"
        head["measurements/OBJ-M-50.csv"] = ExampleTree.measurements + "2026-W47,3.1,,\n2026-11,3.2,,\n"
        let pair = try FolderPair(base: base, head: head)
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.measurements.count == 50)
        #expect(diff.measurementChanges.allSatisfy { $0.change.isAppended } as Bool)
        let report = DiffReport(diff: diff)
        #expect(report.summary().contains("52 measurement values added"))
        let line = "52 values appended: 2026-11 for 48 objectives; 2026-11, 2026-W47 for OBJ-M-49, OBJ-M-50"
        #expect(report.render(.text).contains("\nMeasurements\n  \(line)\n"))
        let markdown = report.markdown()
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        #expect(html.contains("<p>\(line).</p>"))
        // Every table is folded; the rows shown at most `listAtMost`.
        let details = DiffReportTests.elements("details", in: html)
        let folded = try #require(details.first { $0.contains("The 52 values appended") })
        let rows = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: folded).first ?? "")
        #expect(rows.count == DiffReport.listAtMost)
        #expect(markdown.contains("_2 more not shown"))
        #expect(!markdown.contains("Past measurement values"))
    }

    /// Fifty harmless corrections ahead of one miss made to read as met, by objective id: the
    /// comment holds fifty rows of the table, and the miss is one of them, at its head.
    @Test func aPastMissMadeToReadBetterLeadsTheRewritesInTheComment() throws {
        var base: [String: String] = ["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])]
        var head: [String: String] = ["measurements/OBJ-INC-01.csv": ExampleTree.measurements]
        for n in 1...60 {
            let id = String(format: "OBJ-A-%02d", n)
            base["objectives/\(id).md"] = DiffScenario.objective(id)
            base["measurements/\(id).csv"] = ExampleTree.measurements
            head["measurements/\(id).csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-03,3.9,,": "2026-03,3.8,Recomputed.,"])
        }
        let pair = try FolderPair(base: base, head: head)
        defer { pair.remove() }
        let report = DiffReport(diff: try pair.diff())
        #expect(report.summary().contains("61 past measurement values rewritten"))
        let markdown = report.markdown()
        #expect(markdown.contains("1 of them changes a period's result (its status), and comes first."))
        let html = MarkdownRenderer(allowRawHTML: true).html(markdown)
        let first = DiffReportTests.elements("tr", in: DiffReportTests.elements("tbody", in: DiffReportTests.elements("table", in: html).first ?? "").first ?? "").first
        #expect(first.map { DiffReportTests.elements("td", in: $0) } == ["<strong>OBJ-INC-01</strong>", "2026-05", "7.0", "3.4", "off target → on target", "—"])
        #expect(markdown.contains("_11 more not shown"))
    }

    /// One changed objective whose rows alone exceed the comment (hundreds of history entries
    /// added) gives way: the past value rewritten stays in the comment, not only counted.
    @Test func aHugeChangedObjectiveDoesNotPushThePastRewritesOutOfTheComment() throws {
        let long = String(repeating: "x", count: 190)
        let entries = (2...900).map { "  - version: \($0)\n    date: 2026-01-15\n    change: \(long)\n    reason: \(long)\n    approved_by: Head\n" }.joined()
        let objective = ExampleTree.objective(replacing: ["version: 1\napproved_by": "version: 900\napproved_by", "---\nRationale": entries + "---\nRationale"])
        let pair = try FolderPair(base: ["measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,"])],
                                  head: ["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": ExampleTree.measurements])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.changed.first?.history.count == 899)
        let markdown = DiffReport(diff: diff).markdown()
        #expect(markdown.utf16.count <= DiffReport.commentLimit)
        #expect(markdown.contains("| **OBJ-INC-01** | 2026-05 | 7.0 | 3.4 | off target → on target |"))
        #expect(markdown.contains("#### Changed objectives\n\n\n_1 more not shown"), "\(markdown.count)")
    }

    // MARK: revisions

    /// With a revision as BASE, the past is what had ended by the day BASE was committed: a value
    /// of a later period, over by the as-of date, changed is a routine correction, not a rewrite.
    @Test func aRevisionsCommitDaySetsThePast() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("First objectives", at: "2026-04-15T12:00:00Z")
        try repo.write("content/measurements/OBJ-INC-01.csv", ExampleTree.edit(ExampleTree.measurements, [
            "2026-03,3.9,,": "2026-03,3.1,Corrected export.,", "2026-05,3.4,,": "2026-05,3.5,,",
        ]))
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.pastBefore == Day(iso: "2026-04-15"))
        let changes = try #require(diff.measurements.first?.changes)
        #expect(changes.map(\.period.description) == ["2026-03", "2026-05"])
        #expect(changes.map(\.rewritesPast) == [true, false])
        #expect(diff.measurementFilesCompared == 2)
        #expect(DiffReport(diff: diff).markdown().contains("These periods had ended before 2026-04-15 (when BASE was committed)"))

        // Without a change to any measurement file, no file is read for rows.
        let same = try ContentDiff.compare(base: .revision("HEAD"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(same.measurementFilesCompared == 0 && same.measurements.isEmpty)
    }

    /// A target loosened in a recorded new version, while no history entry records the old one,
    /// judges every value against the new target: a month missed under the old one now reads as
    /// met, with no row changed. Each such past period is a rewrite, shown with both thresholds;
    /// with the old thresholds recorded, the past keeps its results and nothing is shown.
    @Test func pastValuesJudgedAgainstLoosenedThresholdsAreRewrites() throws {
        let rows = ExampleTree.edit(ExampleTree.measurements, ["2026-05,3.4,,": "2026-05,7.0,,", "2026-08,3.6,,": "2026-08,5.0,,"])
        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = rows
        let repo = try GitFixture(content: files)
        defer { repo.remove() }
        try repo.commit("First objectives", at: "2026-11-20T12:00:00Z")
        let version2 = """
                approved_by: Head of Service Management
              - version: 2
                date: 2026-11-25
                change: Target loosened.
                reason: The resolver rota is not staffed.
                approved_by: Head of Service Management
                target: "<= 8 h"
                tolerance: "<= 9 h"
            ---
            """
        let loosened = ExampleTree.objective(replacing: [
            "target: \"<= 4 h\"": "target: \"<= 8 h\"", "tolerance: \"<= 6 h\"": "tolerance: \"<= 9 h\"",
            "version: 1\napproved_by": "version: 2\napproved_by", "approved_on: 2026-01-15": "approved_on: 2026-11-25",
            "    approved_by: Head of Service Management\n---": version2,
        ])
        try repo.write("content/objectives/OBJ-INC-01.md", loosened)
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        // Only the objective's file changed: no measurement file is read for ids, yet its rows are compared.
        let changes = try #require(diff.measurements.first?.changes)
        #expect(diff.measurements.map(\.objective) == ["OBJ-INC-01"])
        #expect(changes.map(\.period.description) == ["2026-05", "2026-08"])
        #expect(changes.allSatisfy { $0.rewritesPast && $0.rejudged != nil && $0.kind == .changed })
        let may = try #require(changes.first)
        #expect(may.before?.status == .offTarget && may.after?.status == .onTarget)
        #expect(changes.last?.before?.status == .withinTolerance && changes.last?.after?.status == .onTarget)
        let report = DiffReport(diff: diff)
        #expect(report.summary().contains("2 past measurement values rewritten"), "\(report.summary())")
        let text = report.render(.text)
        #expect(text.contains("  OBJ-INC-01  2026-05: 7.0 → 7.0 (off target → on target; the same value judged against other thresholds: target <= 4 h, tolerance <= 6 h → target <= 8 h, tolerance <= 9 h)  "), "\(text)")
        let json = try HistoryDiffTests.object(report)
        let first = try #require((json["measurements"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]).first
        #expect((first?["rejudged"] as? [String: Any])?["before"] as? String == "target <= 4 h, tolerance <= 6 h")
        #expect((try #require(json["summary"] as? [String: Any])["measurements"] as? [String: Int])?["past_values_rewritten"] == 2)

        // The old thresholds recorded in version 1's entry: the past is judged as it was.
        let recorded = ExampleTree.edit(loosened, ["reason: New objective set.\n": "reason: New objective set.\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n"])
        try repo.write("content/objectives/OBJ-INC-01.md", recorded)
        let kept = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(kept.measurements.isEmpty)
    }

    @Test func theCommitterDayIsReadFromTheCommitHeaders() {
        func day(_ text: String) -> String? { RevisionReader.committerDay(Data(text.utf8))?.description }
        let headers = "tree 0123\nauthor A <a@x> 1000000000 +0000\n"
        #expect(day(headers + "committer C <c@x> 1776254400 +0200\n\nmessage\n") == "2026-04-15")
        #expect(day(headers + "committer C <c@x> -86401 +0000\n\n") == "1969-12-30")
        // A committer line in the message is not a header.
        #expect(day(headers + "\ncommitter C <c@x> 1776254400 +0000\n") == nil)
        #expect(day(headers + "committer C <c@x> soon +0000\n") == nil)
        #expect(day(headers + "committer C <c@x> 99999999999999999999999 +0000\n") == nil)
        // The least Int has no positive counterpart: refused, not negated.
        #expect(day(headers + "committer C <c@x> -9223372036854775808 +0000\n") == nil)
        #expect(RevisionReader.day(seconds: String(Int.min)) == nil && RevisionReader.day(seconds: String(Int.max)) == nil)
        #expect(day("") == nil)
    }
}
