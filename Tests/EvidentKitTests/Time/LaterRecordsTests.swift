import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite

/// The records a tree holds from the days after a past as-of date, which the command line's note
/// counts: each counts from the day after the as-of date through the last day, and not a day
/// either side.
@Suite struct LaterRecordsTests {
    /// The tree `evident init` writes on 2026-11-29: one review, one communication, monthly rows,
    /// one history entry and two approvals (the objective's and the policy's).
    private func starter() throws -> (TemporaryTree, ContentSet) {
        let tree = try TemporaryTree(StarterContent.files(today: try #require(Day(iso: "2026-11-29"))))
        return (tree, try ContentLoader.load(directory: tree.path))
    }

    @Test func eachKindCountsOnItsDayAndNotTheDayBeforeOrAfter() throws {
        let (tree, content) = try starter()
        defer { tree.remove() }
        let review = try #require(content.reviews.first?.date?.value)
        let communication = try #require(content.communications.first?.date?.value)
        let entry = try #require(content.objectives.first?.history.first?.date?.value)
        let row = try #require(content.measurements.map(\.periodValue.start).max())
        let approval = try #require(content.objectives.first?.approvedOn?.value)
        let kinds: [(Day, KeyPath<LaterRecords, Int>)] = [
            (review, \.reviews), (communication, \.communications), (entry, \.historyEntries), (row, \.rows), (approval, \.approvals),
        ]
        for (day, kind) in kinds {
            #expect(LaterRecords(content, after: day.adding(days: -1), through: day)[keyPath: kind] == 1, "\(day)")
            // The as-of day itself is not after it; the day after the last day is not through it.
            #expect(LaterRecords(content, after: day, through: day.adding(days: 1))[keyPath: kind] == 0, "\(day)")
            #expect(LaterRecords(content, after: day.adding(days: -2), through: day.adding(days: -1))[keyPath: kind] == 0, "\(day)")
        }
    }

    @Test func nothingCountsWhenTheAsOfDateIsNotBeforeTheLastDay() throws {
        let (tree, content) = try starter()
        defer { tree.remove() }
        let day = try #require(content.reviews.first?.date?.value)
        let earliest = Day(ordinal: Int.min / 2)
        #expect(LaterRecords(content, after: earliest, through: day).total > 0)
        #expect(LaterRecords(content, after: day, through: day).total == 0)
        #expect(LaterRecords(content, after: day.adding(days: 1), through: day.adding(days: -400)).total == 0)
        #expect(LaterRecords(content, after: day, through: day).note(asOf: day) == nil)
    }

    /// The note counts each kind, says why they are findings, and names the revision of the as-of
    /// day: the last commit before the next day begins.
    @Test func theNoteCountsTheRecordsAndNamesTheRevisionOfTheDay() throws {
        let (tree, content) = try starter()
        defer { tree.remove() }
        let asOf = try #require(Day(iso: "2026-06-30"))
        let later = LaterRecords(content, after: asOf, through: try #require(Day(iso: "2026-11-29")))
        #expect(later.reviews == 1 && later.communications == 0 && later.rows > 1)
        let note = try #require(later.note(asOf: asOf))
        #expect(note.contains("holds \(later.rows) measurement rows and 1 review dated after it"), "\(note)")
        #expect(note.contains("each is a finding"))
        #expect(note.contains("git rev-list -1 --first-parent --before=2026-07-01T00:00 HEAD"), "\(note)")
    }
}
