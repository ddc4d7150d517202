import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite

/// Every rule's examples are its tests: triggering examples must produce the rule's findings at
/// exactly the `↓` markers, non-triggering ones must produce none of the rule's findings.
@Suite struct RuleExampleTests {
    static let ids = RuleRegistry.all.map { $0.description.id }
    /// Rules of one content tree; diff rules are tested by the diff's own tests.
    static let checkIDs = RuleRegistry.all.filter { !$0.description.onlyInDiff }.map { $0.description.id }

    @Test func baseTreeIsClean() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let result = try tree.check()
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.location) \($0.rule) \($0.message)" })")
    }

    @Test(arguments: checkIDs) func triggeringExamples(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(!rule.description.triggering.isEmpty, "\(id) has no triggering example")
        for (n, example) in rule.description.triggering.enumerated() {
            let prepared = PreparedExample(example)
            let tree = try TemporaryTree(prepared.files, removing: example.removing, links: example.links)
            defer { tree.remove() }
            let findings = try tree.check(asOf: example.asOf).findings.filter { $0.rule == id }
            let root = ContentLoader.displayPath(tree.path) + "/"
            let got = Set(findings.map { f in
                "\(f.location.file.hasPrefix(root) ? String(f.location.file.dropFirst(root.count)) : f.location.file):\(f.location.line ?? 0):\(f.location.column ?? 0)"
            })
            #expect(!findings.isEmpty, "\(id) triggering example \(n) produced no finding")
            if !prepared.expected.isEmpty {
                #expect(got == prepared.expected, "\(id) triggering example \(n): expected \(prepared.expected.sorted()), got \(got.sorted()): \(findings.map(\.message))")
            }
            for f in findings {
                #expect(f.obligation == rule.description.obligation)
                #expect(!f.message.isEmpty)
            }
        }
    }

    @Test(arguments: checkIDs) func nonTriggeringExamples(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(!rule.description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        for (n, example) in rule.description.nonTriggering.enumerated() {
            let prepared = PreparedExample(example)
            let tree = try TemporaryTree(prepared.files, removing: example.removing, links: example.links)
            defer { tree.remove() }
            let findings = try tree.check(asOf: example.asOf).findings.filter { $0.rule == id }
            #expect(findings.isEmpty, "\(id) non-triggering example \(n): \(findings.map { "\($0.location) \($0.message)" })")
        }
    }

    /// An example objective's statement says what its target says: one that tightens the target
    /// to `<= 3 h` says "within 3 hours", not the base objective's "within 4 hours". Targets that
    /// do not parse, or are in another unit, are what their examples are about and are left alone.
    @Test func exampleStatementsAgreeWithTheirTargets() throws {
        let phrases: [(String, Threshold.Comparator)] = [("within", .atMost), ("in under", .below), ("in exactly", .equal)]
        var checked = 0
        for rule in RuleRegistry.all.map({ $0.description }) {
            for example in rule.triggering + rule.nonTriggering {
                for (path, text) in example.files where path.hasPrefix("objectives/") {
                    let lines = text.filter { $0 != RuleExample.marker }.split(separator: "\n").map(String.init)
                    guard let statement = lines.first(where: { $0.hasPrefix("statement: ") }),
                          let targetLine = lines.first(where: { $0.hasPrefix("target: ") }),
                          let target = Threshold(parsing: String(targetLine.dropFirst("target: ".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))),
                          target.unit == "h" else { continue }
                    for (phrase, comparator) in phrases {
                        guard let range = statement.range(of: " \(phrase) "),
                              let hours = Double(statement[range.upperBound...].prefix { $0.isNumber || $0 == "." }) else { continue }
                        checked += 1
                        #expect(target.comparator == comparator && target.number == hours,
                                "\(rule.id) \(path): `\(statement)` beside `\(targetLine)`")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func registryIsSortedAndUnique() {
        #expect(Self.ids == Self.ids.sorted())
        #expect(Set(Self.ids).count == Self.ids.count)
    }

    /// The ids `evident.yml`'s `rules:` is read against while loading are the registry's.
    @Test func loaderKnowsEveryRegisteredID() {
        #expect(RuleIDs.all == Self.ids, """
            RuleIDs.all (Sources/EvidentModel/Findings/RuleIDs.swift) lists the ids of RuleRegistry.all in its order: \
            missing \(Self.ids.filter { !RuleIDs.all.contains($0) }), not registered \(RuleIDs.all.filter { !Self.ids.contains($0) })
            """)
    }

    /// Every rule id of the SPEC's table is implemented and registered.
    @Test func registryHasEverySpecRule() {
        let spec = ["syntax/front-matter", "syntax/yaml", "syntax/csv", "syntax/type", "syntax/unknown-field",
                    "syntax/duplicate-id", "syntax/ignored-file", "syntax/config", "established/required", "established/statement",
                    "established/approval", "levels/unknown-function", "levels/coverage", "levels/exclusion",
                    "levels/owner", "levels/forum", "levels/sprawl", "policy/trace", "policy/unknown-statement",
                    "policy/uncovered", "measurable/metric", "measurable/scope", "measurable/data-source",
                    "measurable/target", "measurable/tolerance", "measurable/unit", "requirements/linked",
                    "requirements/unknown-clause", "requirements/unaddressed", "monitored/unknown-objective",
                    "monitored/no-data", "monitored/off-target", "monitored/persistent-off-target",
                    "monitored/review-overdue", "monitored/action-overdue", "monitored/future-value", "monitored/evidence",
                    "communicated/missing", "updated/stale", "updated/history", "updated/trigger", "updated/decision-not-applied",
                    "updated/unrecorded-change",
                    // SPEC §8.
                    "planned/plan", "planned/overdue", "requirements/risks", "requirements/unknown-risk",
                    "requirements/customer", "requirements/consultation"]
        // Rules of evident's own where the SPEC is silent, each documented in docs/rules.md.
        let own = ["syntax/link", "syntax/markdown", "monitored/future-review", "monitored/conflicting-values", "communicated/future-date", "policy/approval", "syntax/formula"]
        #expect(Set(Self.ids) == Set(spec + own), "missing: \(Set(spec + own).subtracting(Self.ids).sorted()), not in the SPEC: \(Set(Self.ids).subtracting(spec + own).sorted()) (a rule of evident's own goes in `own` above: docs/contributing.md#a-rule)")
    }

    /// A rule's id starts with its obligation's folder name.
    @Test(arguments: ids) func idMatchesObligation(id: String) throws {
        let rule = try #require(RuleRegistry.rule(id: id))
        #expect(id.hasPrefix(rule.description.obligation.rawValue + "/"))
    }
}
