import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// Edge cases of the levels rules that their examples do not show.
@Suite struct LevelsRuleTests {
    private func findings(_ rule: any Rule.Type, _ files: [String: String]) throws -> [Finding] {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        defer { tree.remove() }
        return try tree.check().findings.filter { $0.rule == rule.id }
    }

    private func function(_ id: String, _ extra: String = "    owner: Someone\n    forum: ops-review\n") -> String {
        "  - id: \(id)\n    name: \(id)\n    level: process\n" + extra
    }

    private func objective(_ id: String, _ edits: KeyValuePairs<String, String>) -> String {
        ExampleTree.edit(ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \(id)"]), edits)
    }

    // MARK: unknown-function

    @Test func unknownFunctionSuggestsAndListsAtMostTen() throws {
        let config = ExampleTree.configuration + (1...11).map { function("fn-\($0)") }.joined()
        let found = try findings(LevelsUnknownFunction.self, [
            "evident.yml": config,
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["function: incident": "function: incidnet"]),
        ])
        #expect(found.count == 1)
        let message = found.first?.message ?? ""
        #expect(message.contains("(`incident`, `fn-1`, `fn-2`, `fn-3`, `fn-4`, `fn-5`, `fn-6`, `fn-7`, `fn-8`, `fn-9` and 2 more)"))
        #expect(message.contains("Did you mean `incident`?"))
    }

    @Test func missingFunctionIsReportedOnADraft() throws {
        let found = try findings(LevelsUnknownFunction.self, ["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "status: active": "status: draft", "function: incident\n": "",
        ])])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("has no `function`") == true)
    }

    // MARK: coverage and exclusion

    @Test func coverageCountsOnlyActiveObjectivesAndReportsARepeatedFunctionOnce() throws {
        let found = try findings(LevelsCoverage.self, [
            "evident.yml": ExampleTree.configuration + function("change") + function("change"),
            "objectives/OBJ-CHG-01.md": objective("OBJ-CHG-01", ["status: active": "status: retired", "function: incident": "function: change"]),
        ])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("`change`") == true)
    }

    @Test func aFunctionNotExcludedNeedsNoJustification() throws {
        let found = try findings(LevelsExclusion.self, [
            "evident.yml": ExampleTree.configuration + function("change", "    excluded: false\n"),
        ])
        #expect(found.isEmpty)
    }

    // MARK: owner and forum

    @Test func ownerMessageSaysWhereToAddIt() throws {
        let noOwner = ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner\n": ""])
        let found = try findings(LevelsOwner.self, [
            "evident.yml": noOwner,
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["owner: Incident Process Owner\n": ""]),
        ])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("its function `incident` has none either") == true)
        #expect(found.first?.objective == "OBJ-INC-01")
    }

    @Test func forumWithoutAnyDeclaredForums() throws {
        let config = ExampleTree.edit(ExampleTree.configuration, [
            "forums:\n  - { id: ops-review, name: Operational review, cadence: monthly }\n": "",
        ])
        let found = try findings(LevelsForum.self, ["evident.yml": config])
        // The function, the objective and the review all name ops-review.
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.message.contains("declares no forums") })
    }

    // MARK: no cadence

    /// All of a tree's findings, for the tests where one cause must give one finding of one rule.
    private func allFindings(_ files: [String: String], asOf: String = ExampleTree.asOf) throws -> [Finding] {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        defer { tree.remove() }
        return try tree.check(asOf: asOf).findings
    }

    private static let withoutCadence: KeyValuePairs<String, String> = ["cadence: monthly\n": "", "forum: ops-review\n": ""]

    /// A forum declared without a cadence is one `syntax/config` finding at the forum's id, not one
    /// per objective that takes its cadence from it, and the objectives are not reported again.
    @Test func aForumWithoutCadenceIsOneFindingAtTheForum() throws {
        let found = try allFindings([
            "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["cadence: monthly }": "}"]),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: Self.withoutCadence),
            "objectives/OBJ-INC-02.md": objective("OBJ-INC-02", Self.withoutCadence),
        ])
        let config = found.filter { $0.rule == "syntax/config" }
        #expect(config.count == 1)
        #expect(config.first.map { "\($0.location.file.hasSuffix("/evident.yml")):\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "true:5:11")
        #expect(config.first?.message == "Forum `ops-review` has no `cadence`; add how often it reviews its objectives (weekly, monthly, quarterly, semiannual or annual). An objective it reviews that gives no cadence of its own takes the forum's, and without one is never due.")
        #expect(found.filter { $0.rule == LevelsForum.id }.isEmpty)
    }

    /// The auditor's case: an active objective with no cadence anywhere stayed clean 18 months after
    /// its last value and review. Now its function, which names no forum, is reported, once for both
    /// of its objectives, and still is then.
    @Test func anObjectiveWithoutAnyCadenceIsReportedAtItsFunction() throws {
        let files = [
            "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review\n": ""]),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: Self.withoutCadence),
            "objectives/OBJ-INC-02.md": objective("OBJ-INC-02", Self.withoutCadence),
        ]
        for asOf in [ExampleTree.asOf, "2028-05-29"] {
            let found = try allFindings(files, asOf: asOf).filter { $0.rule == LevelsForum.id }
            #expect(found.count == 1)
            #expect(found.first.map { "\($0.location.file.hasSuffix("/evident.yml")):\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "true:7:9")
            #expect(found.first?.severity == .error)
            #expect(found.first?.objective == nil)
            #expect(found.first?.message == "Function `incident` names no forum, and its active objectives `OBJ-INC-01`, `OBJ-INC-02` name neither a `forum` nor a `cadence` of their own, so none of their periods is ever due and a missing value or review is never reported. Add `forum:` to the function with the forum that reviews them, or give each objective a `forum` or `cadence`.")
        }
    }

    /// Without a declared function, an objective has no owner or forum to take from one: that is
    /// one cause, levels/unknown-function's one finding at each, whose fix (a declared function with
    /// its owner and forum) gives both. Not also "no owner" and "no cadence", which sent the user to
    /// add `owner:` and `forum:` to the objective that the function would have given.
    @Test func anObjectiveWithoutADeclaredFunctionIsOneFinding() throws {
        let noFunction: KeyValuePairs<String, String> = ["function: incident\n": "", "owner: Incident Process Owner\n": "",
                                                         "cadence: monthly\n": "", "forum: ops-review\n": ""]
        let undeclared: KeyValuePairs<String, String> = ["function: incident": "function: isms", "owner: Incident Process Owner\n": "",
                                                         "cadence: monthly\n": "", "forum: ops-review\n": ""]
        let found = try allFindings([
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: noFunction),
            "objectives/OBJ-INC-02.md": objective("OBJ-INC-02", undeclared),
        ]).filter { $0.rule.hasPrefix("levels/") && $0.rule != LevelsCoverage.id }
        #expect(found.map(\.rule) == [LevelsUnknownFunction.id, LevelsUnknownFunction.id], "\(found.map(\.message))")
        #expect(found.map(\.objective) == ["OBJ-INC-01", "OBJ-INC-02"])
        #expect(found.last?.message == "`isms` is not a function declared in evident.yml (`incident`). Use one of them, or declare it under `functions:` with its level, owner and forum.")
    }

    /// A cadence, forum or function that could not be read has its own finding; an unknown forum too.
    @Test func aCadenceThatCannotBeKnownIsNotReportedMissing() throws {
        let noForum = ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review\n": ""])
        let unreadCadence = try allFindings([
            "evident.yml": noForum,
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: fortnightly", "forum: ops-review\n": ""]),
        ])
        #expect(unreadCadence.filter { $0.rule == LevelsForum.id }.isEmpty)
        #expect(unreadCadence.filter { $0.rule == "syntax/type" }.count == 1)
        let unknownForum = try findings(LevelsForum.self, [
            "evident.yml": noForum,
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly\n": "", "forum: ops-review": "forum: ops-reveiw"]),
        ])
        #expect(unknownForum.count == 1)
        #expect(unknownForum.first?.message.contains("Did you mean `ops-review`?") == true)
    }

    // MARK: sprawl

    @Test func sprawlAtTheLimitIsFine() throws {
        let found = try findings(LevelsSprawl.self, [
            "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 2\n",
            "objectives/OBJ-INC-02.md": objective("OBJ-INC-02", [:]),
        ])
        #expect(found.isEmpty)
    }

    @Test func sprawlUsesTheDefaultLimitOfTen() throws {
        var files: [String: String] = [:]
        for n in 2...11 { files["objectives/OBJ-INC-\(n + 10).md"] = objective("OBJ-INC-\(n + 10)", [:]) }
        let found = try findings(LevelsSprawl.self, files)
        #expect(found.count == 1)
        let message = found.first?.message ?? ""
        #expect(message.contains("owns 11 active objectives"))
        #expect(message.contains("the limit of 10"))
        #expect(message.contains("and 1 more"))
    }

    @Test func sprawlGivesOneFindingPerOwnerInOrderOfTheirFirstObjective() throws {
        let found = try findings(LevelsSprawl.self, [
            "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
            "objectives/OBJ-A.md": objective("OBJ-A", ["owner: Incident Process Owner": "owner: Zed Owner"]),
            "objectives/OBJ-B.md": objective("OBJ-B", ["owner: Incident Process Owner": "owner: Zed Owner"]),
            "objectives/OBJ-INC-02.md": objective("OBJ-INC-02", [:]),
        ])
        #expect(found.count == 2)
        #expect(found.map { $0.message.hasPrefix("`Incident Process Owner`") || $0.message.hasPrefix("`Zed Owner`") } == [true, true])
        #expect(Set(found.compactMap { $0.location.file.split(separator: "/").last.map(String.init) }) == ["OBJ-A.md", "OBJ-INC-01.md"])
    }

    @Test func sprawlListsAndPlacesByIDWhereverTheFilesLie() throws {
        // Paths in the opposite order of the ids: renaming or moving a file changes nothing.
        let found = try findings(LevelsSprawl.self, [
            "evident.yml": ExampleTree.configuration + "settings:\n  max_objectives_per_owner: 1\n",
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", ["owner: Incident Process Owner": "owner: incident process owner"]),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", [:]),
        ])
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("`Incident Process Owner` (also written `incident process owner`) owns 3 active objectives (`OBJ-INC-01`, `OBJ-INC-02`, `OBJ-INC-03`)") == true)
        #expect(found.first?.location.file.hasSuffix("objectives/OBJ-INC-01.md") == true)
    }

    @Test func exclusionListsByIDWhereverTheFilesLie() throws {
        // Paths in the opposite order of the ids.
        let found = try findings(LevelsExclusion.self, [
            "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "  - id: incident\n": "  - id: incident\n    excluded: true\n    justification: Outsourced to the group service desk.\n",
            ]),
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", [:]),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", [:]),
        ])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("the active objectives `OBJ-INC-01`, `OBJ-INC-02`, `OBJ-INC-03` are set for it") == true)
    }

    @Test func forumWithoutCadenceListsByIDWhereverTheFilesLie() throws {
        let none: KeyValuePairs<String, String> = ["cadence: monthly\n": "", "forum: ops-review\n": ""]
        let found = try findings(LevelsForum.self, [
            "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["    forum: ops-review\n": ""]),
            "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: none),
            "objectives/a/OBJ-INC-03.md": objective("OBJ-INC-03", none),
            "objectives/z/OBJ-INC-02.md": objective("OBJ-INC-02", none),
        ])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("its active objectives `OBJ-INC-01`, `OBJ-INC-02`, `OBJ-INC-03` name neither") == true)
    }
}
