import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSupport

/// Boundaries and cases of the `monitored/...` rules that the rule examples do not show.
@Suite struct MonitoredTests {
    /// This rule's findings on the base tree with `files` laid over it.
    func findings(_ rule: any Rule.Type, _ files: [String: String] = [:], removing: [String] = [],
                  asOf: String = ExampleTree.asOf, prepare: (TemporaryTree) throws -> Void = { _ in }) throws -> [Finding] {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged, removing: removing)
        defer { tree.remove() }
        try prepare(tree)
        return try tree.check(asOf: asOf).findings.filter { $0.rule == rule.id }
            .map { f in
                var relative = f
                let root = ContentLoader.displayPath(tree.path) + "/"
                if f.location.file.hasPrefix(root) { relative.location.file = String(f.location.file.dropFirst(root.count)) }
                return relative
            }
    }

    func places(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.location.file):\($0.location.line ?? 0):\($0.location.column ?? 0)" }.sorted()
    }

    static func measurements(_ edits: KeyValuePairs<String, String>) -> String {
        ExampleTree.edit(ExampleTree.measurements, edits)
    }

    static let offTargetAugustToOctober = MonitoredPersistentOffTarget.offTargetSinceAugust(marked: false)

    static let reviewWithoutResponse = MonitoredPersistentOffTarget.reviewWithoutResponse

    static func decisionReview(on date: String) -> String {
        """
        ---
        date: \(date)
        forum: ops-review
        chair: Head of Service Operations
        objectives: [OBJ-INC-01]
        decisions:
          - objective: OBJ-INC-01
            decision: escalate
        ---
        Minutes.

        """
    }

    // MARK: no-data

    /// A message with the temporary tree's folder taken out of the paths it names.
    static func relative(_ f: Finding) -> String {
        f.message.replacingOccurrences(of: "/[^`]*/evident-test-[^/`]*/", with: "", options: .regularExpression)
    }

    /// A series that stopped is told in full with the latest due period: the periods with no row
    /// since the last one are named there (one, or a run), and only there; a due period that has its
    /// row, or a latest period whose row follows the last directly, says nothing of earlier ones.
    @Test func aSeriesThatStoppedIsToldWithTheLatestDuePeriod() throws {
        let stopped = try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": Self.measurements([
            "2026-08,3.6,,\n2026-09,3.3,,\n2026-10,3.7,,extract-2026-10.csv\n": "",
        ])])
        #expect(stopped.map(Self.relative) == [
            "`OBJ-INC-01` has no value for 2026-10, due since 2026-11-07, nor for the 2 periods before it (2026-08 to 2026-09): its last row is for 2026-07. Add the measured values to `measurements/OBJ-INC-01.csv` or, where none can be had, a row for each with an empty value and a `note` saying why.",
        ])
        #expect(places(stopped) == ["objectives/OBJ-INC-01.md:1:1"])
        let one = try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": Self.measurements([
            "2026-09,3.3,,\n2026-10,3.7,,extract-2026-10.csv\n": "",
        ])])
        #expect(one.map(Self.relative) == [
            "`OBJ-INC-01` has no value for 2026-10, due since 2026-11-07, nor for 2026-09 before it: its last row is for 2026-08. Add the measured values to `measurements/OBJ-INC-01.csv` or, where none can be had, a row with an empty value and a `note` saying why.",
        ])
        let latestOnly = try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": Self.measurements([
            "2026-10,3.7,,extract-2026-10.csv\n": "",
        ])])
        #expect(latestOnly.map(Self.relative) == [
            "`OBJ-INC-01` has no value for 2026-10, due since 2026-11-07. Add the measured value for 2026-10 to `measurements/OBJ-INC-01.csv`.",
        ])
    }

    // MARK: review-overdue

    @Test func reviewOnTheWindowsFirstDayCounts() throws {
        // 2026-11-10 + 31 + 7 = 2026-12-18: the window of 2026-12-18 starts on the review's day.
        #expect(try findings(MonitoredReviewOverdue.self, asOf: "2026-12-18").isEmpty)
        let late = try findings(MonitoredReviewOverdue.self, asOf: "2026-12-19")
        #expect(places(late) == ["objectives/OBJ-INC-01.md:1:1"])
        #expect(late.first?.message.contains("last reviewed on 2026-11-10") == true)
        #expect(late.first?.objective == "OBJ-INC-01")
        // The fix names where minutes are written, as `communicated/missing` names communications/.
        #expect(late.first?.message.hasSuffix("Review it at the next `ops-review` meeting and list it in the `objectives` of the meeting's minutes, a file in reviews/.") == true,
                "\(late.first?.message ?? "")")
    }

    @Test func objectiveEffectiveOnTheWindowsFirstDayIsNotYetDue() throws {
        func objective(effective: String) -> [String: String] {
            ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "effective: 2026-02-01": "effective: \(effective)", "    date: 2026-01-15": "    date: 2026-01-15\n    effective: \(effective)",
            ])]
        }
        // 2026-11-29 - 38 days = 2026-10-22.
        #expect(try findings(MonitoredReviewOverdue.self, objective(effective: "2026-10-22"), removing: ["reviews/2026-11-10.md"]).isEmpty)
        let due = try findings(MonitoredReviewOverdue.self, objective(effective: "2026-10-21"), removing: ["reviews/2026-11-10.md"])
        #expect(due.count == 1)
        #expect(due.first?.message.contains("never been reviewed") == true)
    }

    @Test func reviewDatedAfterTheAsOfDateDoesNotCount() throws {
        let future = ["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-12-01"])]
        #expect(try findings(MonitoredReviewOverdue.self, future).count == 1)
    }

    @Test func quarterlyCadenceHasALongerWindow() throws {
        let quarterly = ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: quarterly"])]
        // 2026-11-10 + 92 + 7 = 2027-02-17.
        #expect(try findings(MonitoredReviewOverdue.self, quarterly, asOf: "2027-02-17").isEmpty)
        #expect(try findings(MonitoredReviewOverdue.self, quarterly, asOf: "2027-02-18").count == 1)
    }

    // MARK: no-data

    /// References to an objective whose file does not parse say so, rather than "no objective
    /// declares it" and "add the objective's file" (SPEC 4.1, one cause, one finding).
    @Test func referencesToAnUnreadObjectiveFileNameIt() throws {
        let broken = ExampleTree.objective(replacing: ["status: active": "status: active: yes"])
        let named = try findings(MonitoredUnknownObjective.self, ["objectives/OBJ-INC-01.md": broken])
        #expect(named.count >= 2, "\(named.map(\.message))")
        for f in named {
            #expect(f.message.hasPrefix("`OBJ-INC-01` cannot be checked: "), "\(f.message)")
            #expect(f.message.hasSuffix("objectives/OBJ-INC-01.md` could not be read. Fix the problem reported on it."), "\(f.message)")
        }
        let other = try findings(MonitoredUnknownObjective.self, ["objectives/first.md": broken], removing: ["objectives/OBJ-INC-01.md"])
        #expect(other.count == named.count)
        for f in other {
            #expect(f.message.contains("no objective that could be read declares it, and "), "\(f.message)")
            #expect(f.message.hasSuffix("objectives/first.md` could not be read. Fix the problem reported on it first."), "\(f.message)")
        }
        // A file that parses but declares another id is read: the message names the id it declares,
        // not a file to add, nor an unread file.
        let renamed = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-09"])
        let unknown = try findings(MonitoredUnknownObjective.self, ["objectives/OBJ-INC-01.md": renamed])
        #expect(!unknown.isEmpty && unknown.allSatisfy {
            $0.message.hasPrefix("`OBJ-INC-01` is not declared: ") && $0.message.hasSuffix(
                "objectives/OBJ-INC-01.md`, the file named after it, declares `OBJ-INC-09`. Correct the `id` there, or name `OBJ-INC-09` here (and rename the file after it).")
        }, "\(unknown.map(\.message))")
        // An id that differs from the file's name only by a character that shows as nothing looks
        // the same in the message: the message names the character instead.
        let invisible = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-INC-01\\u200B\""])
        let hidden = try findings(MonitoredUnknownObjective.self, ["objectives/OBJ-INC-01.md": invisible])
        #expect(!hidden.isEmpty && hidden.allSatisfy {
            $0.message.hasSuffix("objectives/OBJ-INC-01.md`, the file named after it, declares the id with an invisible character, U+200B, which a copy from another program may bring: the two look alike and differ. Delete the character from the `id` there.")
        }, "\(hidden.map(\.message))")
        // A reference that differs from a declared id in a Cyrillic letter drawn as a Latin one
        // names the letter, and in which of the two it is: "did you mean" would show the same id.
        let cyrillicReference = try findings(MonitoredUnknownObjective.self, ["communications/2026-01-20.md": ExampleTree.edit(
            ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [\"OBJ-\\u0406NC-01\"]"])])
        #expect(cyrillicReference.map(\.message).first?.hasSuffix(" It has `\u{0406}` (U+0406), a Cyrillic letter drawn as the Latin `I`: with that letter it names `OBJ-INC-01`, which looks the same. Correct the id, or add the objective's file under objectives/.") == true,
                "\(cyrillicReference.map(\.message))")
        let cyrillicDeclared = try findings(MonitoredUnknownObjective.self, [
            "objectives/spoof.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-\\u0406NC-01\""]),
        ], removing: ["objectives/OBJ-INC-01.md"])
        #expect(!cyrillicDeclared.isEmpty && cyrillicDeclared.allSatisfy {
            $0.message.contains(" The objective declared as `OBJ-\u{0406}NC-01` looks the same and has `\u{0406}` (U+0406), a Cyrillic letter drawn as the Latin `I`, so the two ids differ: retype the `id` there, or this one.")
        }, "\(cyrillicDeclared.map(\.message))")
        let cyrillicInItsFile = try findings(MonitoredUnknownObjective.self, [
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-\\u0406NC-01\""]),
        ])
        #expect(!cyrillicInItsFile.isEmpty && cyrillicInItsFile.allSatisfy {
            $0.message.hasSuffix("objectives/OBJ-INC-01.md`, the file named after it, declares the id with `\u{0406}` (U+0406), a Cyrillic letter drawn as the Latin `I`: the two look the same and differ. Retype the letter in the `id` there.")
        }, "\(cyrillicInItsFile.map(\.message))")
        // The file's name is quoted as code, whatever it holds: a backtick in it pairs with no
        // other, so the id it declares stays code and the prose stays prose where it is shown.
        let ticked = try findings(MonitoredUnknownObjective.self, [
            "objectives/OBJ-A`B.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-09"]),
            "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, 'OBJ-A`B']"]),
        ])
        let tickedMessage = try #require(ticked.first { $0.message.contains("the file named after it") }?.message, "\(ticked.map(\.message))")
        let code = CodeSpan.parts(tickedMessage).filter(\.code).map(\.text)
        #expect(code.count == 5 && code[0] == "OBJ-A`B" && code[1].hasSuffix("objectives/OBJ-A`B.md") && code[2] == "OBJ-INC-09", "\(code)")
        // An unknown id with no file named after it keeps the list of ids and the closest one.
        let typo = try findings(MonitoredUnknownObjective.self, ["communications/2026-01-20.md": ExampleTree.edit(
            ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-1]"])])
        #expect(typo.map(\.message) == ["This communication names `OBJ-INC-1`, which no objective declares (`OBJ-INC-01`). Did you mean `OBJ-INC-01`? Correct the id, or add the objective's file under objectives/."])
        // `[all]` in a communication: the message says what covers every objective; in a review
        // (which has no `objectives: all`) it is an id like any other.
        let all = try findings(MonitoredUnknownObjective.self, ["communications/2026-01-20.md": ExampleTree.edit(
            ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, All]"])])
        #expect(all.map(\.message) == ["This communication names `All` in a list, where it is an objective id, and no objective declares it. To cover every objective, write `objectives: all`, without brackets."])
        let reviewed = try findings(MonitoredUnknownObjective.self, ["reviews/2026-11-10.md": ExampleTree.edit(
            ExampleTree.review, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, all]"])])
        #expect(reviewed.map(\.message) == ["The review's `objectives` list names `all`, which no objective declares (`OBJ-INC-01`). Correct the id, or add the objective's file under objectives/."])
    }

    /// An objective saved as `.markdown` is an objective file evident does not read: references to
    /// it name that file, and the rules that judge the whole set wait for it. A `Thumbs.db` beside
    /// the objectives is no objective: a mistyped reference keeps its "did you mean".
    @Test func anObjectiveSavedAsMarkdownIsUnreadAndThumbsDbIsNot() throws {
        let tree = try TemporaryTree(ExampleTree.base, removing: ["objectives/OBJ-INC-01.md"])
        defer { tree.remove() }
        try tree.write("objectives/OBJ-INC-01.markdown", Data(ExampleTree.objective.utf8))
        let found = try tree.check().findings
        let unknown = found.filter { $0.rule == "monitored/unknown-objective" }
        #expect(!unknown.isEmpty && unknown.allSatisfy { $0.message.hasSuffix("objectives/OBJ-INC-01.markdown` could not be read. Fix the problem reported on it first.") },
                "\(unknown.map(\.message))")
        #expect(!found.contains { ["requirements/unaddressed", "policy/uncovered", "levels/coverage", "established/required"].contains($0.rule) },
                "\(found.map(\.rule))")

        let thumbs = try findings(MonitoredUnknownObjective.self, [
            "objectives/Thumbs.db": "x",
            "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-1]"]),
        ])
        #expect(thumbs.map(\.message) == ["This communication names `OBJ-INC-1`, which no objective declares (`OBJ-INC-01`). Did you mean `OBJ-INC-01`? Correct the id, or add the objective's file under objectives/."])
    }

    /// `.` names the evidence folder itself: a folder, not a link out of it.
    @Test(arguments: [".", "./"])
    func evidenceThatIsTheFolderItself(path: String) throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,\(path)"])
        let found = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows])
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("The evidence path `\(path)` is a folder; name the file in ") == true, "\(found.map(\.message))")
    }

    @Test func duePeriodOnTheGraceBoundary() throws {
        // November ends 11-30; with 7 grace days it is due from 12-07.
        #expect(try findings(MonitoredNoData.self, asOf: "2026-12-06").isEmpty)
        let due = try findings(MonitoredNoData.self, asOf: "2026-12-07")
        #expect(places(due) == ["objectives/OBJ-INC-01.md:1:1"])
        #expect(due.first?.message.contains("2026-11") == true)
        #expect(due.first?.message.contains("due since 2026-12-07") == true)
    }

    @Test func zeroGraceMakesAPeriodDueOnItsLastDay() throws {
        let config = ExampleTree.configuration + "settings:\n  review_grace_days: 0\n"
        #expect(try findings(MonitoredNoData.self, ["evident.yml": config], asOf: "2026-11-29").isEmpty)
        #expect(try findings(MonitoredNoData.self, ["evident.yml": config], asOf: "2026-11-30").count == 1)
    }

    @Test func knownGapPointsAtTheRowAndQuotesTheNote() throws {
        let gap = try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": Self.measurements([
            "2026-10,3.7,,extract-2026-10.csv": "2026-10,,export failed,",
        ])])
        #expect(places(gap) == ["measurements/OBJ-INC-01.csv:10:1"])
        #expect(gap.first?.message.contains("export failed") == true)
    }

    @Test func latestFinerRowDecidesNoData() throws {
        // A value in W43, then a gap in W44: the latest row inside October is the gap.
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-W44,,export pending,\n2026-W43,3.2,,"])
        #expect(places(try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": rows])) == ["measurements/OBJ-INC-01.csv:10:1"])
        let filled = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-W43,,export pending,\n2026-W44,3.2,,"])
        #expect(try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": filled]).isEmpty)
    }

    /// With no measurements file yet, the one to create is named inside the content folder, as
    /// every other path in a finding: from the working folder, not from `content/`.
    @Test func theNewFileToCreateIsNamedInsideTheContentFolder() throws {
        let tree = try TemporaryTree(ExampleTree.base, removing: ["measurements/OBJ-INC-01.csv"])
        defer { tree.remove() }
        let (message, file) = try Self.onlyNoData(in: tree)
        #expect(message.hasSuffix("Add the measured value for 2026-10 to a new `\(file)`."), "\(message)")
    }

    /// The message of the one `monitored/no-data` finding of `tree`, and OBJ-INC-01's measurements
    /// file as findings name it (from the working folder).
    static func onlyNoData(in tree: TemporaryTree) throws -> (message: String, file: String) {
        let missing = try tree.check().findings.filter { $0.rule == MonitoredNoData.description.id }
        try #require(missing.count == 1)
        return (missing[0].message, ContentLoader.displayPath(tree.path) + "/measurements/OBJ-INC-01.csv")
    }

    /// A file of the objective's own whose every row was rejected, or that has only its header,
    /// is named as it is, not as a new file to create beside itself.
    @Test func aFileWithNoReadableRowIsNotANewFile() throws {
        for rows in ["period,value,note\n2026-09,95 %,\n2026-08,n/a,\n", "period,value,note\n"] {
            let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": rows]) { $1 })
            defer { tree.remove() }
            let (message, file) = try Self.onlyNoData(in: tree)
            #expect(message.hasSuffix("Add the measured value for 2026-10 to `\(file)`."), "\(message)")
        }
    }

    /// An id that cannot be a file's name is given a row of a measurements file, not a file
    /// `measurements/OBJ/INC-01.csv` in a folder the objective does not have.
    @Test func anIdThatCannotNameAFileIsGivenARow() throws {
        let objective = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ/INC-01"])
        let tree = try TemporaryTree(ExampleTree.base.merging(["objectives/OBJ-INC-01.md": objective]) { $1 },
                                     removing: ["measurements/OBJ-INC-01.csv"])
        defer { tree.remove() }
        let message = try Self.onlyNoData(in: tree).message
        #expect(message.hasSuffix("Add the measured value for 2026-10 to a measurements file, in a row whose `objective` is `OBJ/INC-01`."),
                "\(message)")
    }

    @Test func aGapOfAWeekLeavesTheMonthsValueStanding() throws {
        // October measured whole (3.7 h, with its extract), then a gap for its last week (W44).
        let month = ExampleTree.measurements + "2026-W44,,export of the last days failed,\n"
        #expect(try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": month]).isEmpty)
        let tree = try TemporaryTree(ExampleTree.base.merging(["measurements/OBJ-INC-01.csv": month]) { $1 })
        defer { tree.remove() }
        let model = try tree.check().model
        let o = try #require(model.objectivesByID["OBJ-INC-01"])
        #expect(model.latestResult(of: o)?.value == 3.7)
        // A gap for the whole of October, later than its value, withdraws it.
        let withdrawn = ExampleTree.measurements + "2026-10,,withdrawn: the export counted P2 tickets,\n"
        #expect(places(try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": withdrawn])) == ["measurements/OBJ-INC-01.csv:11:1"])
    }

    @Test func dateFormPeriodCountsForItsMonth() throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10-31,3.7,,"])
        #expect(try findings(MonitoredNoData.self, ["measurements/OBJ-INC-01.csv": rows]).isEmpty)
    }

    // MARK: off-target

    @Test func latestFinerRowCountsNotAnAverage() throws {
        // W44 ends 2026-11-01, after the monthly row: it is October's latest, wherever it sits in the file.
        let late = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-W44,7.5,,\n2026-10,3.7,,"])
        #expect(places(try findings(MonitoredOffTarget.self, ["measurements/OBJ-INC-01.csv": late])) == ["measurements/OBJ-INC-01.csv:10:1"])
        let recovered = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-W43,9.5,,\n2026-W44,3.1,,"])
        #expect(try findings(MonitoredOffTarget.self, ["measurements/OBJ-INC-01.csv": recovered]).isEmpty)
    }

    @Test func dateFormPeriodIsTheLatestOfItsMonth() throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,\n2026-10-31,7.5,,"])
        let found = try findings(MonitoredOffTarget.self, ["measurements/OBJ-INC-01.csv": rows])
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:11:1"])
        #expect(found.first?.message.contains("`7.5 h` for 2026-10") == true)
        #expect(found.first?.message.contains("`<= 6 h`") == true)
    }

    @Test func noToleranceMeansAnyMissIsOffTarget() throws {
        let objective = ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"\n": ""])
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,4.5,,"])
        #expect(try findings(MonitoredOffTarget.self, ["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": rows]).count == 1)
    }

    /// The response asked for follows what the objective says: its `actions` when it has them,
    /// else a response agreed and recorded at the next review.
    @Test func theResponseAskedForFollowsTheObjectivesActions() throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,7.5,,"])
        // The base review of 2026-11-10 decides on the objective and gives it an action: without them.
        let noResponse = ["reviews/2026-11-10.md": Self.reviewWithoutResponse]
        let with = try findings(MonitoredOffTarget.self, noResponse.merging(["measurements/OBJ-INC-01.csv": rows]) { $1 })
        #expect(with.map(\.message) == [
            "The latest value of `OBJ-INC-01`, `7.5 h` for 2026-10, misses the target `<= 4 h` and the tolerance `<= 6 h`. Apply the objective's `actions` and record the response at its next review.",
        ])
        let objective = ExampleTree.objective(replacing: ["actions: Open a problem record when off target.\n": ""])
        let without = try findings(MonitoredOffTarget.self, noResponse.merging(["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": rows]) { $1 })
        #expect(without.map(\.message) == [
            "The latest value of `OBJ-INC-01`, `7.5 h` for 2026-10, misses the target `<= 4 h` and the tolerance `<= 6 h`. Agree the response at its next review and record it there as a decision or an action (the objective has no `actions` saying what to do when off target).",
        ])
    }

    /// A review that already decided on the objective, or gave it an action, since the latest
    /// period began is named, not asked for again; one before that period, or after the as-of
    /// date, or a decision item without its `decision`, is no response.
    @Test func aResponseAlreadyRecordedIsNamedNotAskedFor() throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,7.5,,"])
        func message(_ files: [String: String]) throws -> String? {
            try findings(MonitoredOffTarget.self, files.merging(["measurements/OBJ-INC-01.csv": rows]) { $1 }).first?.message
        }
        let answered = "The latest value of `OBJ-INC-01`, `7.5 h` for 2026-10, misses the target `<= 4 h` and the tolerance `<= 6 h`. A decision or an action on `OBJ-INC-01` is recorded since the period began (the review of 2026-11-10): follow it up at the next review."
        // The base review decides `no-change` and gives ACT-1.
        #expect(try message([:]) == answered)
        // Its action alone is a response too.
        let actionOnly = ExampleTree.edit(ExampleTree.review, ["decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": ""])
        #expect(try message(["reviews/2026-11-10.md": actionOnly]) == answered)
        // The latest of several is named; one on the period's first day counts.
        #expect(try message(["reviews/2026-10-01.md": Self.decisionReview(on: "2026-10-01"), "reviews/2026-11-10.md": Self.reviewWithoutResponse])?
            .contains("(the review of 2026-10-01)") == true)
        let asked = "Apply the objective's `actions` and record the response at its next review."
        for (path, date) in [("reviews/2026-09-30.md", "2026-09-30"), ("reviews/2026-12-01.md", "2026-12-01")] {
            #expect(try message([path: Self.decisionReview(on: date), "reviews/2026-11-10.md": Self.reviewWithoutResponse])?.hasSuffix(asked) == true)
        }
        let undecided = Self.decisionReview(on: "2026-11-20").replacingOccurrences(of: "    decision: escalate\n", with: "")
        #expect(try message(["reviews/2026-11-20.md": undecided, "reviews/2026-11-10.md": Self.reviewWithoutResponse])?.hasSuffix(asked) == true)
    }

    /// A percentage written as a fraction (`0.95` for 95 %) is told how to write it, when the
    /// value a hundred times larger would meet the target or the tolerance; a small percentage that
    /// misses anyway, or a value in another unit, is not.
    @Test func aShareWrittenAsAFractionIsToldToWriteItInPercent() throws {
        let objective = ExampleTree.objective(replacing: [
            "unit: h": "unit: \"%\"", "target: \"<= 4 h\"": "target: \">= 95 %\"", "tolerance: \"<= 6 h\"": "tolerance: \">= 90 %\"",
        ])
        func message(_ value: String, objective: String = objective) throws -> String? {
            let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,\(value),,"])
            return try findings(MonitoredOffTarget.self, ["objectives/OBJ-INC-01.md": objective, "measurements/OBJ-INC-01.csv": rows]).first?.message
        }
        #expect(try message("0.95")?.contains("`0.95 %` for 2026-10, misses the target `>= 95 %` and the tolerance `>= 90 %`. If it is a share written as a fraction, write it in percent: `95`, not `0.95`. A decision or an action") == true)
        #expect(try message("0.905")?.contains("write it in percent: `90.5`, not `0.905`.") == true)
        #expect(try message(".97")?.contains("write it in percent: `97`, not `.97`.") == true)
        #expect(try message("1")?.contains("write it in percent: `100`, not `1`.") == true)
        // 0.5 % would still miss as 50 %; 12 is no fraction.
        #expect(try message("0.5")?.contains("fraction") == false)
        #expect(try message("12")?.contains("fraction") == false)
        // Hours are not a share.
        let hours = ExampleTree.objective(replacing: ["target: \"<= 4 h\"": "target: \">= 95 h\"", "tolerance: \"<= 6 h\"": "tolerance: \">= 90 h\""])
        #expect(try message("0.95", objective: hours)?.contains("fraction") == false)
        #expect(MonitoredOffTarget.hundredfold("0.0095") == "0.95")
        #expect(MonitoredOffTarget.hundredfold("0.950") == "95")
    }

    // MARK: persistent-off-target

    @Test func decisionTheDayBeforeTheFirstPeriodDoesNotCount() throws {
        let files = ["measurements/OBJ-INC-01.csv": Self.offTargetAugustToOctober,
                     "reviews/2026-11-10.md": Self.reviewWithoutResponse]
        var before = files
        before["reviews/2026-07-31.md"] = Self.decisionReview(on: "2026-07-31")
        let found = try findings(MonitoredPersistentOffTarget.self, before)
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:10:1"])
        #expect(found.first?.message.contains("2026-08, 2026-09, 2026-10") == true)
        #expect(found.first?.message.contains("on or after 2026-08-01") == true)

        var onFirstDay = files
        onFirstDay["reviews/2026-08-01.md"] = Self.decisionReview(on: "2026-08-01")
        #expect(try findings(MonitoredPersistentOffTarget.self, onFirstDay).isEmpty)
    }

    @Test func anActionNamingTheObjectiveIsAResponse() throws {
        // The base review has no decision on the objective here, only its action.
        let review = ExampleTree.edit(ExampleTree.review, [
            "decisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: On target.\n": "",
        ])
        #expect(try findings(MonitoredPersistentOffTarget.self, ["measurements/OBJ-INC-01.csv": Self.offTargetAugustToOctober,
                                                                  "reviews/2026-11-10.md": review]).isEmpty)
    }

    @Test func fewerValuesThanTheSettingIsNotPersistent() throws {
        let rows = "period,value\n2026-09,8.1\n2026-10,9.0\n"
        let files = ["measurements/OBJ-INC-01.csv": rows, "reviews/2026-11-10.md": Self.reviewWithoutResponse]
        #expect(try findings(MonitoredPersistentOffTarget.self, files).isEmpty)
        var two = files
        two["evident.yml"] = ExampleTree.configuration + "settings:\n  persistent_off_target_periods: 2\n"
        #expect(try findings(MonitoredPersistentOffTarget.self, two).count == 1)
    }

    @Test func finerRowsFormTheRun() throws {
        // Weekly rows in the monthly objective: each month's latest week decides its status.
        let rows = "period,value\n2026-W32,3.0\n2026-W35,7.5\n2026-W38,8.0\n2026-W39,8.5\n2026-W44,9.0\n"
        let found = try findings(MonitoredPersistentOffTarget.self, ["measurements/OBJ-INC-01.csv": rows,
                                                                      "reviews/2026-11-10.md": Self.reviewWithoutResponse])
        // W35 (Thursday 08-27) is August's latest, W39 (09-24) September's, W44 (10-29) October's.
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:6:1"])
    }

    // MARK: action-overdue

    @Test func actionWithoutDueDateOrStatus() throws {
        let noDue = ExampleTree.edit(ExampleTree.review, ["    due: 2026-12-15\n": ""])
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": noDue]).isEmpty)
        // Without a status the action is open.
        let noStatus = ExampleTree.edit(ExampleTree.review, ["    status: open\n": "", "due: 2026-12-15": "due: 2026-11-28"])
        let found = try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": noStatus])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("Action `ACT-1` (`Incident Process Owner`) was due on 2026-11-28") == true)
        #expect(found.first?.objective == "OBJ-INC-01")
        // The advice is one the format allows: an action's id is declared once, so a new due date
        // is written in the action itself, not in a second declaration in a later review.
        #expect(found.first?.message.hasSuffix("if a later review agreed a new due date, write it in `due` here and name that review in the action's `text`.") == true)
    }

    /// ACT-112 (due 2026-11-15) marked done on 2026-12-20: as of 2026-11-30 it was open and late,
    /// as of 2026-12-31 it is done. Without `done_on` it would be done on every day.
    static let doneLate = ExampleTree.edit(ExampleTree.review, [
        "id: ACT-1": "id: ACT-112", "due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done\n    done_on: 2026-12-20",
    ])

    @Test func actionDoneAfterTheAsOfDateWasOpenThen() throws {
        let files = ["reviews/2026-11-10.md": Self.doneLate]
        let then = try findings(MonitoredActionOverdue.self, files, asOf: "2026-11-30")
        #expect(places(then) == ["reviews/2026-11-10.md:15:10"])
        #expect(then.first?.message == "Action `ACT-112` (`Incident Process Owner`) was due on 2026-11-15 and was still open on the as-of date 2026-11-30, 15 days later: its `done_on` (2026-12-20) is after the as-of date, so as of then it was not done. Correct the date if it is a mistake.")
        #expect(then.first?.objective == "OBJ-INC-01")
        #expect(try findings(MonitoredActionOverdue.self, files, asOf: "2026-12-31").isEmpty)
        // Done on the as-of date is done as of it.
        #expect(try findings(MonitoredActionOverdue.self, files, asOf: "2026-12-20").isEmpty)
        #expect(try findings(MonitoredActionOverdue.self, files, asOf: "2026-12-19").count == 1)
        // Old content: done without `done_on` is done on every day.
        let undated = ExampleTree.edit(Self.doneLate, ["    done_on: 2026-12-20\n": ""])
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": undated], asOf: "2026-11-30").isEmpty)
    }

    @Test func doneOnBesideAnotherStatusIsAContradiction() throws {
        let open = ExampleTree.edit(ExampleTree.review, ["status: open": "status: open\n    done_on: 2026-11-20"])
        let found = try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": open])
        #expect(places(found) == ["reviews/2026-11-10.md:17:14"])
        #expect(found.first?.message == "Action `ACT-1` says it was done on 2026-11-20 (`done_on`) but is `status: open`, and it is judged open. Mark it `status: done` if it is done, or remove `done_on` if it is not.")
        // Judged open, as its status says: late once past its due date, a finding of its own.
        let late = try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": open], asOf: "2026-12-16")
        #expect(places(late) == ["reviews/2026-11-10.md:15:10", "reviews/2026-11-10.md:17:14"])
        let noStatus = ExampleTree.edit(ExampleTree.review, ["    status: open\n": "    done_on: 2026-11-20\n"])
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": noStatus]).first?.message.contains("but has no `status`, so it is open") == true)
        // A status that cannot be read is `syntax/type`'s finding alone.
        let unread = ExampleTree.edit(ExampleTree.review, ["status: open": "status: finished\n    done_on: 2026-11-20"])
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": unread]).isEmpty)
    }

    @Test func doneBeforeTheReviewThatAgreedIt() throws {
        let early = ExampleTree.edit(ExampleTree.review, ["status: open": "status: done\n    done_on: 2026-11-09"])
        let found = try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": early])
        #expect(places(found) == ["reviews/2026-11-10.md:17:14"])
        #expect(found.first?.message.contains("before the review of 2026-11-10 that agreed it") == true)
        // In the minutes as written, whatever the as-of date.
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": early], asOf: "2026-11-01").count == 1)
        let sameDay = ExampleTree.edit(early, ["done_on: 2026-11-09": "done_on: 2026-11-10"])
        #expect(try findings(MonitoredActionOverdue.self, ["reviews/2026-11-10.md": sameDay]).isEmpty)
    }

    // MARK: unknown-objective

    @Test func fileNamedAfterAnUnknownObjectiveIsOneFindingOnTheFile() throws {
        let found = try findings(MonitoredUnknownObjective.self,
                                 ["measurements/OBJ-INC-1.csv": "period,value\n2026-10,3.1\n2026-11,3.2\n"])
        #expect(places(found) == ["measurements/OBJ-INC-1.csv:1:1"])
        #expect(found.first?.message.contains("Did you mean `OBJ-INC-01`?") == true)
    }

    @Test func objectiveColumnRowsAreJudgedOneByOne() throws {
        let rows = "objective,period,value\nOBJ-INC-01,2026-11,3.1\nOBJ-XYZ-99,2026-11,3.2\n"
        let found = try findings(MonitoredUnknownObjective.self, ["measurements/all.csv": rows])
        #expect(places(found) == ["measurements/all.csv:3:1"])
        #expect(found.first?.message.contains("(`OBJ-INC-01`)") == true)
        #expect(found.first?.message.contains("Did you mean") == false)
    }

    @Test func knownIDsAreListedUpToTen() {
        let known = (1...12).map { String(format: "OBJ-%02d", $0) }
        let message = MonitoredUnknownObjective.unknownReference("This action", "OBJ-13", known: known)
        #expect(message.contains("`OBJ-10` and 2 more"))
        #expect(!message.contains("OBJ-11"))
    }

    // MARK: evidence

    @Test func linksAreJudgedByWhereTheyLead() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evident-outside-\(UUID().uuidString).csv")
        try Data("secret\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        let rows = """
            period,value,note,evidence
            2026-07,3.1,,inside-link.csv
            2026-08,3.6,,config-link.csv
            2026-09,3.3,,outside-link.csv
            2026-10,3.7,,broken-link.csv

            """
        let found = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows]) { tree in
            let fm = FileManager.default
            let evidence = tree.url.appendingPathComponent("evidence")
            // Relative link to a file inside evidence/: fine.
            try fm.createSymbolicLink(atPath: evidence.appendingPathComponent("inside-link.csv").path,
                                      withDestinationPath: "extract-2026-10.csv")
            // Inside the content folder but outside evidence/.
            try fm.createSymbolicLink(atPath: evidence.appendingPathComponent("config-link.csv").path,
                                      withDestinationPath: "../evident.yml")
            try fm.createSymbolicLink(atPath: evidence.appendingPathComponent("outside-link.csv").path,
                                      withDestinationPath: outside.path)
            try fm.createSymbolicLink(atPath: evidence.appendingPathComponent("broken-link.csv").path,
                                      withDestinationPath: "nowhere.csv")
        }
        // A link that stays in the content folder (config-link.csv) is reported at the link, by
        // `syntax/ignored-file`, not again at the row.
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:4:14", "measurements/OBJ-INC-01.csv:5:14"])
        let byLine = Dictionary(uniqueKeysWithValues: found.map { ($0.location.line ?? 0, $0.message) })
        #expect(byLine[4]?.contains("is a link") == true)
        #expect(byLine[5]?.contains("does not exist") == true)
        // The message never prints where the link leads: output must not depend on the machine.
        #expect(byLine[4]?.contains(outside.path) == false)
    }

    @Test func evidenceInALinkedContentRootIsStillInside() throws {
        // The content folder reached through a link: paths are compared after resolving both sides.
        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.measurements
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("evident-link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: tree.path)
        defer { try? FileManager.default.removeItem(at: link) }
        let content = try ContentLoader.load(directory: link.path)
        let result = Checker.check(content, asOf: try #require(Day(iso: ExampleTree.asOf)), rules: [MonitoredEvidence.self])
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    }

    @Test func missingEvidenceSuggestsTheClosestFile() throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,extract-2026-11.csv"])
        let found = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows])
        #expect(found.first?.message.contains("Did you mean `extract-2026-10.csv`?") == true)
    }

    /// A Mac writes a file name's `ü` decomposed; a row typed on any keyboard has it composed. The
    /// two look alike, so the message says which side has which, not "did you mean" the same name.
    @Test(arguments: [(row: "Verf\u{FC}gbarkeit.csv", file: "Verfu\u{308}gbarkeit.csv", rowComposed: true),
                      (row: "Verfu\u{308}gbarkeit.csv", file: "Verf\u{FC}gbarkeit.csv", rowComposed: false)])
    func evidenceNamedInAnotherUnicodeForm(row: String, file: String, rowComposed: Bool) throws {
        let rows = Self.measurements(["2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,\(row)"])
        let found = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows, "evidence/\(file)": "a\n"])
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:10:14"])
        let message = found.first?.message ?? ""
        #expect(!message.contains("Did you mean"), "\(message)")
        #expect(message.contains(rowComposed ? "decomposed (a letter then a combining mark, as macOS writes file names), and this path has them composed"
                                             : "composed, and this path has them decomposed"), "\(message)")
        #expect(message.contains(rowComposed ? "convmv" : "Type the path in this row again"), "\(message)")
        // The same name in the same form is found.
        let same = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows, "evidence/\(row)": "a\n"])
        #expect(same.isEmpty, "\(same.map(\.message))")
    }

    @Test func folderAndWindowsPathsAreRefused() throws {
        let rows = Self.measurements([
            "2026-09,3.3,,": "2026-09,3.3,,C:\\exports\\x.csv",
            "2026-10,3.7,,extract-2026-10.csv": "2026-10,3.7,,sub",
        ])
        let found = try findings(MonitoredEvidence.self, ["measurements/OBJ-INC-01.csv": rows, "evidence/sub/a.csv": "a\n"])
        #expect(places(found) == ["measurements/OBJ-INC-01.csv:10:14", "measurements/OBJ-INC-01.csv:9:14"])
    }
}
