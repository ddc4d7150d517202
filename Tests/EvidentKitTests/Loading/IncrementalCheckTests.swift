import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// `serve`'s incremental check against a full `Checker.check` of the same content: after random
/// sequences of changes to the example content (those of `IncrementalLoadTests` and changes to what
/// names an objective: measurement rows, review lists, communications, statuses), each reported as
/// a watcher reports it, the findings are the same, in the same order.
@Suite struct IncrementalCheckTests {
    typealias Seeded = IncrementalLoadTests.Seeded
    static let asOf = IncrementalLoadTests.asOf

    /// One random change that moves what names an objective; returns the paths reported for it.
    static func referenceChange(_ root: URL, _ rng: inout Seeded) throws -> [String] {
        let ids = ["OBJ-INC-01", "OBJ-SD-01", "OBJ-CHG-02", "OBJ-NONE-09"]
        let id = ids.randomElement(using: &rng) ?? ids[0]
        let all = IncrementalLoadTests.files(root)
        func edit(_ folder: String, _ transform: (String) -> String) throws -> [String] {
            guard let file = all.filter({ $0.hasPrefix(folder) }).randomElement(using: &rng) else { return [] }
            let url = root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(transform(text).utf8).write(to: url)
            return [file]
        }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0 where Int.random(in: 0..<3, using: &rng) == 0:
            // The last row taken out: a rejected one no longer stands for its period.
            return try edit("measurements/") { text in
                let lines = text.split(separator: "\n")
                return lines.count > 1 ? lines.dropLast().joined(separator: "\n") + "\n" : text
            }
        case 0:
            // A row for another objective, perhaps off target, perhaps not a number (`syntax/csv`
            // rejects it, and it stands for its period), perhaps in a file named after one.
            let value = Bool.random(using: &rng) ? "n/a" : String(Int.random(in: 0...200, using: &rng))
            return try edit("measurements/") { text in
                text.hasPrefix("objective,") ? text + "\(id),2026-10,\(value),,\n" : text + "2026-10,\(value),,\n"
            }
        case 1:
            return try edit("reviews/") { $0.replacingOccurrences(of: "objectives: [", with: "objectives: [\(id), ") }
        case 2:
            return try edit("communications/") { text in
                Bool.random(using: &rng) ? text.replacingOccurrences(of: "objectives: [", with: "objectives: [\(id), ")
                    : text.replacingOccurrences(of: "date: 20", with: "date: 19")
            }
        case 3 where Bool.random(using: &rng):
            // Prose alone: the statement, perhaps one line longer, which moves every field below it.
            return try edit("objectives/") { text in
                Bool.random(using: &rng) ? text.replacingOccurrences(of: "statement: ", with: "statement: Reworded, ")
                    : text.replacingOccurrences(of: "statement: ", with: "statement: >-\n  Reworded,\n  ")
            }
        case 3:
            return try edit("objectives/") { text in
                text.contains("status: active") ? text.replacingOccurrences(of: "status: active", with: "status: retired")
                    : text.replacingOccurrences(of: "status: retired", with: "status: active")
            }
        default:
            // A review decision on another objective.
            return try edit("reviews/") { $0.replacingOccurrences(of: "decisions:\n", with: "decisions:\n  - objective: \(id)\n    decision: update\n") }
        }
    }

    /// Every objective's series as text: period, status, value and the target judged against.
    static func series(_ result: CheckResult) -> [String] {
        result.model.content.objectives.map { o in
            o.displayID + ": " + result.model.series(of: o).map { v in
                "\(v.period) \(v.status.rawValue) \(v.value.map { "\($0)" } ?? "-") \(v.judgement.target?.description ?? "-")"
            }.joined(separator: ", ")
        }
    }

    /// What the model's look-ups by objective id give each objective: the files of its reviews,
    /// decisions, actions and communications.
    static func lookUps(_ result: CheckResult) -> [String] {
        let model = result.model
        return model.content.objectives.compactMap(\.id?.value).map { id in
            let reviews = (model.reviewsByObjective[id] ?? []).map(\.file)
            let decisions = (model.decisionsByObjective[id] ?? []).map(\.review.file)
            let actions = (model.actionsByObjective[id] ?? []).map(\.review.file)
            let communications = model.communications(of: id).map(\.file)
            return "\(id): \(reviews) \(decisions) \(actions) \(communications)"
        }
    }

    static func load(_ root: URL, cache: FolderCache? = nil) throws -> ContentSet {
        try ContentLoader.load(directory: root.path, displayRoot: ContentLoader.publishedRoot, folder: cache)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64]) func randomChangesGiveTheFullChecksFindings(seed: UInt64) throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FolderCache()
        let checker = IncrementalChecker()
        var rng = Seeded(state: seed)
        let first = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(first.findings == Checker.check(try Self.load(root), asOf: Self.asOf).findings)
        var reused = 0
        for step in 0..<10 {
            let changed = Bool.random(using: &rng) ? try Self.referenceChange(root, &rng) : try IncrementalLoadTests.change(root, &rng)
            cache.changed(changed)
            checker.changed(changed)
            let incremental = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
            let full = Checker.check(try Self.load(root), asOf: Self.asOf)
            let findings = incremental.findings, expected = full.findings
            // The series kept from the last check are those a full check computes.
            #expect(Self.series(incremental) == Self.series(full), "seed \(seed), step \(step), after changing \(changed)")
            #expect(Self.lookUps(incremental) == Self.lookUps(full), "seed \(seed), step \(step), after changing \(changed)")
            if findings != expected {
                // The first difference, not both lists: they run to dozens of findings.
                let index = (0..<min(findings.count, expected.count)).first { findings[$0] != expected[$0] } ?? min(findings.count, expected.count)
                let got = index < findings.count ? "\(findings[index])" : "none"
                let want = index < expected.count ? "\(expected[index])" : "none"
                Issue.record("seed \(seed), step \(step), after changing \(changed): \(findings.count) findings, expected \(expected.count); at \(index): \(got), expected \(want)")
            }
            let judged = checker.lastJudged
            if judged.again < judged.of { reused += 1 }
        }
        // The kept findings were used: not every step judged every objective again.
        #expect(reused > 0, "seed \(seed)")
    }

    @Test func anEditToOneObjectiveJudgesOnlyItAgain() throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FolderCache()
        let checker = IncrementalChecker()
        let count = try Self.load(root).objectives.count
        _ = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: count, of: count))

        // An objective's title: that objective alone.
        let file = "objectives/process/incident/OBJ-INC-01.md"
        let url = root.appendingPathComponent(file)
        try Data(try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "title: Restore", with: "title: Recover").utf8).write(to: url)
        cache.changed([file])
        checker.changed([file])
        var result = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: 1, of: count))
        #expect(result.findings == Checker.check(try Self.load(root), asOf: Self.asOf).findings)
        // Only prose changed: of the rules over the whole model, only those that read prose ran.
        let whole = RuleRegistry.all.filter { !$0.judgesEachObjectiveAlone }
        #expect(checker.lastWholeRulesRun == whole.filter { $0.readsObjectiveProse }.count)

        // Its target: every rule over the whole model runs again.
        try Data(try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "target: \"<= 4 h\"", with: "target: \"<= 3 h\"").utf8).write(to: url)
        cache.changed([file])
        checker.changed([file])
        result = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: 1, of: count))
        #expect(checker.lastWholeRulesRun == whole.count)
        #expect(result.findings == Checker.check(try Self.load(root), asOf: Self.asOf).findings)

        // A row in a file named after an objective: that objective alone.
        let rows = "measurements/OBJ-INC-01.csv"
        let rowsURL = root.appendingPathComponent(rows)
        try Data((try String(contentsOf: rowsURL, encoding: .utf8) + "2026-11,9.5,,\n").utf8).write(to: rowsURL)
        cache.changed([rows])
        checker.changed([rows])
        result = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: 1, of: count))
        #expect(result.findings == Checker.check(try Self.load(root), asOf: Self.asOf).findings)

        // The policy: every objective; nothing reported: none; another as-of date: every objective.
        cache.changed(["policy.md"])
        checker.changed(["policy.md"])
        _ = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: count, of: count))
        _ = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        #expect(checker.lastJudged == (again: 0, of: count))
        let later = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf.adding(days: 40))
        #expect(checker.lastJudged == (again: count, of: count))
        #expect(later.findings == Checker.check(try Self.load(root), asOf: Self.asOf.adding(days: 40)).findings)
    }

    /// A row `syntax/csv` rejects stands for its period (no `monitored/no-data` for it): a file
    /// whose only row for an objective is rejected judges that objective again when it comes and
    /// when it goes, though no row of it is read.
    @Test func aRejectedRowJudgesItsObjectiveAgain() throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FolderCache()
        let checker = IncrementalChecker()
        func check(after changed: [String]) throws -> CheckResult {
            cache.changed(changed)
            checker.changed(changed)
            let result = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
            #expect(result.findings == Checker.check(try Self.load(root), asOf: Self.asOf).findings, "after changing \(changed)")
            return result
        }
        func noData(_ result: CheckResult) -> Bool {
            result.findings.contains { $0.rule == "monitored/no-data" && $0.objective == "OBJ-INC-01" }
        }
        _ = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
        // October's row taken out of the file named after the objective: no data for October.
        let rows = "measurements/OBJ-INC-01.csv"
        let rowsURL = root.appendingPathComponent(rows)
        let text = try String(contentsOf: rowsURL, encoding: .utf8)
        let october = try #require(text.split(separator: "\n").first { $0.hasPrefix("2026-10,") })
        try Data(text.replacingOccurrences(of: october + "\n", with: "").utf8).write(to: rowsURL)
        let missing = noData(try check(after: [rows]))
        #expect(missing)
        // Another file names it in a rejected row for October: `syntax/csv` only.
        let late = "measurements/late.csv"
        try Data("objective,period,value\nOBJ-INC-01,2026-10,n/a\n".utf8).write(to: root.appendingPathComponent(late))
        let rejected = try check(after: [late])
        let held = !noData(rejected), reported = rejected.findings.contains { $0.rule == "syntax/csv" && $0.objective == "OBJ-INC-01" }
        #expect(held)
        #expect(reported)
        // The file goes: no data for October again.
        try FileManager.default.removeItem(at: root.appendingPathComponent(late))
        let missingAgain = noData(try check(after: [late]))
        #expect(missingAgain)
    }

    /// Minutes that do not parse may be any objective's latest review, so while they are unread no
    /// objective is `monitored/review-overdue`: adding such a file, or correcting it, judges every
    /// objective again, not only those the minutes could be read to name.
    @Test func unreadMinutesJudgeEveryObjectiveAgain() throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let asOf = Day(iso: "2027-01-31")!
        let cache = FolderCache()
        let checker = IncrementalChecker()
        func overdue(after changed: [String]) throws -> Int {
            cache.changed(changed)
            checker.changed(changed)
            let result = checker.check(try Self.load(root, cache: cache), asOf: asOf)
            #expect(result.findings == Checker.check(try Self.load(root), asOf: asOf).findings, "after changing \(changed)")
            return result.findings.count { $0.rule == "monitored/review-overdue" }
        }
        #expect(try overdue(after: []) > 0)
        let minutes = "reviews/ops-review/2027-01-20.md"
        let url = root.appendingPathComponent(minutes)
        try Data("---\ndate: 2027-01-20\nforum: ops-review\nobjectives: [OBJ-INC-01]\ndecisions:\n  - objective: OBJ-INC-01\n    decision: no-change\n    note: Tighten the target: it is met.\n---\n".utf8).write(to: url)
        #expect(try overdue(after: [minutes]) == 0)
        try Data("---\ndate: 2027-01-20\nforum: ops-review\nobjectives: [OBJ-INC-01]\n---\n".utf8).write(to: url)
        #expect(try overdue(after: [minutes]) > 0)
    }

    /// The model keeps the series of an objective that did not change (the same judgement objects),
    /// and computes again that of an objective edited, and every one after a change elsewhere.
    @Test func seriesAreKeptForObjectivesThatDidNotChange() throws {
        let root = try IncrementalLoadTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = FolderCache()
        let checker = IncrementalChecker()
        func check(after changed: [String]) throws -> CheckResult {
            cache.changed(changed)
            checker.changed(changed)
            let result = checker.check(try Self.load(root, cache: cache), asOf: Self.asOf)
            #expect(Self.series(result) == Self.series(Checker.check(try Self.load(root), asOf: Self.asOf)), "after \(changed)")
            return result
        }
        func judgement(_ result: CheckResult, _ id: String) throws -> CheckModel.Judgement {
            let o = try #require(result.model.content.objectives.first { $0.id?.value == id })
            return try #require(result.model.series(of: o).last?.judgement)
        }
        func edit(_ file: String, _ transform: (String) -> String) throws -> [String] {
            let url = root.appendingPathComponent(file)
            try Data(transform(try String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
            return [file]
        }
        let first = try check(after: [])
        let review = try check(after: try edit("reviews/ops-review/2025-11-13.md") { $0 + "\nA line more.\n" })
        #expect(try judgement(review, "OBJ-SD-01") === judgement(first, "OBJ-SD-01"))
        #expect(try judgement(review, "OBJ-INC-01") === judgement(first, "OBJ-INC-01"))
        let objective = try check(after: try edit("objectives/process/incident/OBJ-INC-01.md") {
            $0.replacingOccurrences(of: "title: Restore", with: "title: Recover")
        })
        #expect(try judgement(objective, "OBJ-SD-01") === judgement(review, "OBJ-SD-01"))
        #expect(try judgement(objective, "OBJ-INC-01") !== judgement(review, "OBJ-INC-01"))
        let configuration = try check(after: ["evident.yml"])
        #expect(try judgement(configuration, "OBJ-SD-01") !== judgement(objective, "OBJ-SD-01"))
    }

    /// What `IncrementalChecker` relies on after an edit of prose: a rule that claims to read no
    /// objective's title, statement or body finds the same in content whose every objective has
    /// other prose (and prose where it had none), on the example content and every rule's examples.
    @Test func aRuleThatReadsNoProseFindsTheSameWhateverTheProse() throws {
        let blind = RuleRegistry.all.filter { !$0.judgesEachObjectiveAlone && !$0.readsObjectiveProse }
        #expect(blind.count > 10)
        var contents = [try Self.load(SiteTestSupport.repository.appendingPathComponent("content"))]
        for rule in RuleRegistry.all {
            for example in rule.description.triggering + rule.description.nonTriggering {
                let tree = try TemporaryTree(example)
                defer { tree.remove() }
                contents.append(try ContentLoader.load(directory: tree.path))
            }
        }
        var compared = 0
        for content in contents {
            var reworded = content
            for i in reworded.objectives.indices {
                let o = reworded.objectives[i]
                reworded.objectives[i].title = Located("Reworded `\(i)`", at: o.title?.location ?? o.location)
                reworded.objectives[i].statement = Located("Restated \(i), in other words.", at: o.statement?.location ?? o.location)
                reworded.objectives[i].body = MarkdownBody(text: "# Rewritten \(i)\n\nOther [prose](policy.md).\n", firstLine: o.body.firstLine)
                #expect(reworded.objectives[i].differsOnlyInProse(from: o))
            }
            let before = CheckModel(content: content, asOf: Self.asOf), after = CheckModel(content: reworded, asOf: Self.asOf)
            for rule in blind {
                let found = rule.check(before)
                compared += found.count
                #expect(rule.check(after) == found, "\(rule.id) reads prose")
            }
        }
        // The examples trigger the rules: the comparison is of findings, not of empty lists.
        #expect(compared > 20)
    }

    /// What `IncrementalChecker` relies on: a rule that judges each objective alone gives, over
    /// the whole model, its findings for each objective alone, concatenated in objective order.
    @Test func aRuleThatJudgesEachObjectiveAloneIsItsRunsOnEachObjective() throws {
        let model = CheckModel(content: try Self.manyObjectives(), asOf: Self.asOf)
        let alone = RuleRegistry.all.filter { $0.judgesEachObjectiveAlone }
        #expect(alone.count > 20)
        var compared = 0
        for rule in alone {
            let each = model.content.objectives.flatMap { rule.check(model.narrowed(to: $0)) }
            compared += each.count
            #expect(rule.check(model) == each, "\(rule.id)")
        }
        // Findings are compared, not empty lists.
        #expect(compared > 100)
    }

    /// `Checker.check` runs the rules that judge each objective alone over runs of objectives, each
    /// run in one job: its findings are those of every rule over the whole model, in the same
    /// order, on content with more objectives than runs and findings in every run.
    @Test func theChecksRunsOfObjectivesFindWhatEachRuleFindsOverTheWholeModel() throws {
        let content = try Self.manyObjectives()
        let model = CheckModel(content: content, asOf: Self.asOf)
        let expected = Checker.result(model, perRule: RuleRegistry.all.map { $0.check(model) })
        let found = Checker.check(content, asOf: Self.asOf)
        #expect(found.findings == expected.findings)
        let alone = Set(RuleRegistry.all.filter { $0.judgesEachObjectiveAlone }.map { $0.id })
        #expect(Set(found.findings.map(\.rule)).intersection(alone).count > 5)
        #expect(found.findings.count > 100)
    }

    /// The model makes the reviews' look-ups in two parts on two threads and joins them: joined
    /// at any place, the parts give what one pass over all the reviews gives, in the same order.
    @Test func reviewLookUpsMadeInPartsAreThoseOfOnePass() throws {
        let content = try Self.load(SiteTestSupport.repository.appendingPathComponent("content"))
        let reviews = content.reviews[...], communications = content.communications[...]
        var whole = CheckModel.ReviewLookups()
        whole.add(reviews, communications)
        #expect(reviews.count > 10 && whole.decisions.count > 3 && whole.actions.count > 3)
        func files(_ l: CheckModel.ReviewLookups) -> [[String: [String]]] {
            [l.reviews.mapValues { $0.map(\.file) }, l.decisions.mapValues { $0.map(\.review.file) },
             l.actions.mapValues { $0.map(\.review.file) }, l.communications.mapValues { $0.map(\.file) }]
        }
        for split in reviews.indices {
            var first = CheckModel.ReviewLookups(), second = CheckModel.ReviewLookups()
            first.add(reviews[..<split], communications)
            second.add(reviews[split...], [])
            first.append(second)
            #expect(files(first) == files(whole), "split at \(split)")
        }
        let model = CheckModel(content: content, asOf: Self.asOf)
        #expect(model.reviewsByObjective.mapValues { $0.map(\.file) } == whole.reviews.mapValues { $0.map(\.file) })
    }

    /// The example content with its objectives copied to 150, each copy with its own id and some of
    /// its fields dropped at random: many rules find something, for objectives throughout the list.
    static func manyObjectives() throws -> ContentSet {
        var content = try load(SiteTestSupport.repository.appendingPathComponent("content"))
        let originals = content.objectives
        var rng = Seeded(state: 17)
        content.objectives = (0..<150).map { i in
            var o = originals[i % originals.count]
            o.id = Located("OBJ-COPY-\(i)", at: o.id?.location ?? o.location)
            if Bool.random(using: &rng) { o.statement = nil }
            if Bool.random(using: &rng) { o.owner = nil }
            if Bool.random(using: &rng) { o.metric = nil }
            if Bool.random(using: &rng) { o.target = nil }
            if Bool.random(using: &rng) { o.history = [] }
            return o
        }
        return content
    }
}
