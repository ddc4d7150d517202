import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// The rules of SPEC §8: which standards ask what of an objective, and how the rules that were
/// 20000-1's judge an objective set serving several standards.
@Suite struct StandardRulesTests {
    private func check(_ files: [String: String], removing: [String] = [], asOf: String = ExampleTree.asOf) throws -> CheckResult {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged, removing: removing)
        defer { tree.remove() }
        return try tree.check(asOf: asOf)
    }

    private func config(_ standards: String) -> String { ExampleTree.configuration(standards: standards) }

    private func serving(_ standards: String, _ objective: String = ExampleTree.qualitativeObjective) -> String {
        ExampleTree.edit(objective, ["status: active\n": "status: active\nstandards: [\(standards)]\n"])
    }

    private func rules(_ result: CheckResult, _ prefix: String) -> [String] {
        result.findings.filter { $0.rule.hasPrefix(prefix) }.map(\.rule).sorted()
    }

    // MARK: measurable, if practicable

    /// The acceptance test of issue 17: the same objective, evaluated qualitatively, is accepted
    /// while it serves only ISO/IEC 27001 and is `measurable/target` as soon as it serves 20000-1.
    @Test func aQualitativeObjectiveIsAcceptedUnder27001AndNotUnder20000() throws {
        let alone = try check(["evident.yml": config("iso27001"), "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective])
        #expect(rules(alone, "measurable/").isEmpty, "\(alone.findings.map(\.message))")
        let integrated = try check(["evident.yml": config("iso20000-1, iso27001"),
                                    "objectives/OBJ-INC-01.md": serving("iso27001")])
        #expect(rules(integrated, "measurable/").isEmpty)

        let both = try check(["evident.yml": config("iso20000-1, iso27001"), "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective])
        #expect(rules(both, "measurable/") == ["measurable/data-source", "measurable/metric", "measurable/scope",
                                               "measurable/target", "measurable/tolerance"])
        let target = try #require(both.findings.first { $0.rule == "measurable/target" })
        #expect(target.severity == .error)
        #expect(target.message == "`OBJ-INC-01` has no `target`; add one written COMPARATOR NUMBER [UNIT], like `target: \">= 99.5\"`. Its `evaluation` does not take the place of the measures: ISO/IEC 20000-1:2018 asks for measurable objectives.")
        // The finding bears on 20000-1 (which asks for it) and on 27001 (whose item it is too).
        #expect(both.status(of: .measurable, in: .iso20000_1) == .fail)
        #expect(both.standardItems(of: target).map { "\($0.standard.name) \($0.entry.clause)" } == ["ISO/IEC 20000-1:2018 6.2.1 b", "ISO/IEC 27001:2022 6.2 b"])

        let twenty = try check(["objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective])
        #expect(rules(twenty, "measurable/") == ["measurable/data-source", "measurable/metric", "measurable/scope",
                                                 "measurable/target", "measurable/tolerance"])
    }

    /// While evident.yml does not parse, which standards it configures is unknown: an objective
    /// evaluated qualitatively for ISO/IEC 27001, as it says, is not asked for 20000-1's measures
    /// (the YAML error is the one finding); with evident.yml read, it is judged as configured.
    @Test func whileEvidentYmlIsUnreadAnObjectiveServesTheStandardsItNames() throws {
        let objective = serving("iso27001")
        let unread = try check(["evident.yml": config("iso27001") + "scope: [oops\n", "objectives/OBJ-INC-01.md": objective])
        #expect(unread.findings.contains { $0.rule == "syntax/yaml" })
        #expect(rules(unread, "measurable/").isEmpty, "\(unread.findings.map(\.message))")
        #expect(rules(unread, "monitored/").isEmpty)
        let read = try check(["evident.yml": config("iso20000-1"), "objectives/OBJ-INC-01.md": objective])
        #expect(rules(read, "measurable/") == ["measurable/data-source", "measurable/metric", "measurable/scope",
                                               "measurable/target", "measurable/tolerance"])
    }

    /// A mistyped id in evident.yml's `standards` (`iso27002` for `iso27001`) is its own finding:
    /// an objective evaluated qualitatively for ISO/IEC 27001 is not asked for the measures of the
    /// standards that were read. An id of a standard evident knows but the list leaves out does not
    /// do this: the objective is judged against the configured ones.
    @Test func aMistypedStandardIdLeavesObjectivesServingWhatTheyName() throws {
        let objective = serving("iso27001")
        let mistyped = try check(["evident.yml": config("iso20000-1, iso27002"), "objectives/OBJ-INC-01.md": objective])
        #expect(mistyped.findings.contains { $0.rule == "syntax/config" && $0.message.hasPrefix("`iso27002` is not a standard evident knows") })
        #expect(rules(mistyped, "measurable/").isEmpty, "\(mistyped.findings.map(\.message))")
        let left = try check(["evident.yml": config("iso20000-1, iso9001"), "objectives/OBJ-INC-01.md": objective])
        #expect(rules(left, "measurable/") == ["measurable/data-source", "measurable/metric", "measurable/scope",
                                               "measurable/target", "measurable/tolerance"])
    }

    /// Without an `evaluation`, an objective under "if practicable" standards is told it may give one.
    @Test func aMissingTargetUnderIfPracticableStandardsSuggestsAnEvaluation() throws {
        let objective = ExampleTree.edit(ExampleTree.qualitativeObjective, [
            "evaluation: The operational review judges each month, from the P1 post-incident reports, whether users were kept informed and service restored without avoidable delay.\n": "",
        ])
        let result = try check(["evident.yml": config("iso27001, iso14001"), "objectives/OBJ-INC-01.md": objective])
        let target = try #require(result.findings.first { $0.rule == "measurable/target" })
        #expect(target.message.hasSuffix(" Where measuring is not practicable, say instead in `evaluation` how the objective is evaluated."))
    }

    /// Measures that are written are still judged: an evaluation excuses their absence only.
    @Test func writtenMeasuresOfAQualitativeObjectiveAreStillChecked() throws {
        let objective = ExampleTree.edit(ExampleTree.qualitativeObjective, ["cadence: monthly\n": "target: about four hours\ncadence: monthly\n"])
        let result = try check(["evident.yml": config("iso27001"), "objectives/OBJ-INC-01.md": objective])
        #expect(rules(result, "measurable/") == ["measurable/target"])
    }

    /// How monitoring treats a qualitative objective: no value is asked for and none is judged,
    /// but it is still reviewed within its cadence.
    @Test func aQualitativeObjectiveIsMonitoredByItsReviews() throws {
        let files = ["evident.yml": config("iso27001"), "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective]
        let clean = try check(files, removing: ["measurements/OBJ-INC-01.csv"])
        #expect(rules(clean, "monitored/").isEmpty, "\(clean.findings.map(\.message))")
        // Values recorded for it are not judged (there is no target), so never off target.
        var offValues = files
        offValues["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,75,,"])
        #expect(rules(try check(offValues), "monitored/").isEmpty)
        // Two months after the last review (2026-11-10), the monthly review is overdue as for any objective.
        let late = try check(files, removing: ["measurements/OBJ-INC-01.csv"], asOf: "2027-01-20")
        #expect(rules(late, "monitored/") == ["monitored/action-overdue", "monitored/review-overdue"])
        // The same objective serving 20000-1 is asked for its data.
        let strict = try check(["objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective], removing: ["measurements/OBJ-INC-01.csv"])
        #expect(rules(strict, "monitored/") == ["monitored/no-data"])
    }

    // MARK: planned

    @Test func aMissingPlanNamesEveryPartAndIntegrationWhere45001Asks() throws {
        let noPlan = ExampleTree.edit(ExampleTree.objective, [ExampleTree.plan: ""])
        let plain = try check(["objectives/OBJ-INC-01.md": noPlan])
        #expect(plain.findings.map(\.message) == [
            "`OBJ-INC-01` has no `plan` for achieving it; add one that says what will be done (`what`), with what resources (`resources`), who is responsible (`responsible`), by when (`due`, YYYY-MM-DD) and how the result will be evaluated (`evaluation`).",
        ])
        #expect(plain.findings.first?.location.line == 1)
        #expect(plain.findings.first?.item == .plan)

        let partial = ExampleTree.edit(ExampleTree.objective, ["  resources: Two days of the ITSM administrator; no spend.\n": ""])
        let hs = try check(["evident.yml": config("iso20000-1, iso45001"), "objectives/OBJ-INC-01.md": partial])
        let plan = hs.findings.filter { $0.rule == "planned/plan" }
        #expect(plan.map(\.message) == [
            "The plan of `OBJ-INC-01` has no `resources` and `integration`; add them so the plan says with what resources and how the actions are integrated into the business processes (`integration`, which ISO 45001:2018 asks).",
        ])
        #expect(plan.first?.location.line == 29 && plan.first?.location.column == 3)
    }

    /// An objective evaluated without numbers has an `evaluation` of its own; a plan without one
    /// is told that the plan's is another field, under `plan:`.
    @Test func aPlanWithoutEvaluationBesideTheObjectivesOwnSaysWhichIsMeant() throws {
        let line = "  evaluation: Monthly P90 restoration time against the target, at the operational review.\n"
        let qualitative = ExampleTree.edit(serving("iso27001"), [line: ""])
        let result = try check(["evident.yml": config("iso20000-1, iso27001"), "objectives/OBJ-INC-01.md": qualitative])
        let plan = result.findings.filter { $0.rule == "planned/plan" }.map(\.message)
        #expect(plan.count == 1 && plan.first?.contains("The objective's own `evaluation` says how the objective is judged") == true, "\(plan)")
        // Without an `evaluation` of its own, the finding says nothing of it.
        let numeric = try check(["objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.objective, [line: ""])])
        let plain = numeric.findings.filter { $0.rule == "planned/plan" }.map(\.message)
        #expect(plain.count == 1 && plain.first?.contains("own `evaluation`") == false, "\(plain)")
    }

    @Test func aPlanPastItsDueDateWhileNotOnTarget() throws {
        let due = ExampleTree.objective(replacing: ["  due: 2026-12-31": "  due: 2026-10-31"])
        let within = try check(["objectives/OBJ-INC-01.md": due, "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
            "2026-10,3.7,,": "2026-10,5.5,,",
        ])])
        #expect(within.findings.map(\.message) == [
            "The plan of `OBJ-INC-01` was due on 2026-10-31, but its latest result, `5.5 h` for 2026-10, is within tolerance, not on target (target `<= 4 h`). Record at the next review whether the plan is late or did not work, then set a new `due` or revise the plan.",
        ])
        #expect(within.findings.first?.location.line == 32)
        // On the due date itself the plan has not passed it.
        let onTheDay = try check(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  due: 2026-12-31": "  due: 2026-11-29"]),
                                  "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "2026-10,7.5,,"])])
        #expect(onTheDay.findings.filter { $0.rule == "planned/overdue" }.isEmpty)
        // No result yet is `monitored/no-data`'s finding, not this rule's.
        let noData = try check(["objectives/OBJ-INC-01.md": due], removing: ["measurements/OBJ-INC-01.csv"])
        #expect(noData.findings.map(\.rule) == ["monitored/no-data"])
    }

    // MARK: requirements

    @Test func risksAreAskedByTheStandardsThatHaveTheItem() throws {
        for (standards, asked) in [("iso20000-1", false), ("iso9001, iso22301", false), ("iso27001", true), ("iso14001", true), ("iso45001", true)] {
            let result = try check(["evident.yml": config(standards)])
            #expect(result.findings.contains { $0.rule == "requirements/risks" } == asked, "\(standards)")
        }
        let result = try check(["evident.yml": config("iso20000-1, iso27001")])
        let f = try #require(result.findings.first { $0.rule == "requirements/risks" })
        #expect(f.message == "`OBJ-INC-01` takes no risk into account, which ISO/IEC 27001:2022 asks; list in `risks` the risks.md entries it treats, like `risks: [R-1]`, or say in `risks_note` why none applies.")
        #expect(f.item == .risks)
        // A note of one word says no why.
        let none = try check(["evident.yml": config("iso20000-1, iso27001"), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks_note: None.\n",
        ])]).findings.filter { $0.rule == "requirements/risks" }
        #expect(none.map(\.message) == ["`risks_note` of `OBJ-INC-01` is one word, `None.`, which does not say why no risk of the register applies; say it in a sentence, or list in `risks` the risks.md entries it treats."])
        #expect(none.first?.location.line == 10 && none.first?.location.column == 13)
        // It bears on 27001's risks item only.
        #expect(result.status(of: .risks, in: .iso27001) == .warn)
        #expect(result.standardItems(of: f).map { "\($0.standard.name) \($0.entry.clause)" } == ["ISO/IEC 27001:2022 6.2 c"])
    }

    /// An auditor of ISO/IEC 27001 does not accept an environmental aspect as the result of an
    /// information security risk assessment, nor one of ISO 14001 a workplace hazard: each standard
    /// counts the kinds of entry its risks item names, and the finding bears on the others only.
    @Test func risksOfAKindTheStandardDoesNotCountAreReportedForThatStandardOnly() throws {
        func risks(_ kinds: [String]) -> String {
            ExampleTree.edit(ExampleTree.risks, ["    kind: risk\n": kinds.enumerated().map { i, kind in
                (i == 0 ? "" : "  - id: R-\(i + 1)\n    text: Another entry of the register.\n") + "    kind: \(kind)\n"
            }.joined()])
        }
        func objective(_ refs: String, extra: String = "") -> String {
            ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [\(refs)]\nconsultation: reviews/2026-11-10.md\n\(extra)",
                "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
            ])
        }
        func found(_ standards: String, _ kinds: [String], _ refs: String = "R-1", extra: String = "") throws -> CheckResult {
            try check(["evident.yml": config(standards), "risks.md": risks(kinds), "objectives/OBJ-INC-01.md": objective(refs, extra: extra)])
        }
        let aspect = try found("iso27001, iso14001, iso45001", ["aspect"])
        let f = try #require(aspect.findings.first { $0.rule == "requirements/risks" })
        #expect(aspect.findings.filter { $0.rule == "requirements/risks" }.count == 1)
        #expect(f.message == "`OBJ-INC-01` takes into account only environmental aspects (`risks` of kind `aspect`), but ISO/IEC 27001:2022 asks it to take into account risks and ISO 45001:2018 hazards, risks or opportunities; list in `risks` the risks.md entries of such a kind it treats, or say in `risks_note` why none applies.")
        #expect(f.location.line == 10 && f.location.column == 9)
        #expect(aspect.status(of: .risks, in: .iso27001) == .warn)
        #expect(aspect.status(of: .risks, in: .iso45001) == .warn)
        #expect(aspect.status(of: .risks, in: .iso14001) == .pass)

        // A hazard counts for ISO 45001, not for ISO 14001; an opportunity for both, not for ISO/IEC 27001.
        #expect(try found("iso14001, iso45001", ["hazard"]).findings.first { $0.rule == "requirements/risks" }?.standards == ["iso14001"])
        #expect(try found("iso27001, iso14001, iso45001", ["opportunity"]).findings.first { $0.rule == "requirements/risks" }?.standards == ["iso27001"])
        // One entry of a kind each standard counts is enough, whatever else is listed.
        #expect(try found("iso27001, iso14001, iso45001", ["aspect", "hazard", "risk"], "R-1, R-2, R-3").findings.filter { $0.rule == "requirements/risks" }.isEmpty)
        #expect(try found("iso14001, iso45001", ["aspect", "hazard"], "R-1, R-2").findings.filter { $0.rule == "requirements/risks" }.isEmpty)
        // A `risks_note` says why; an entry without a kind, or one that does not resolve, is not judged.
        #expect(try found("iso27001", ["aspect"], extra: "risks_note: The register holds no information security risk this objective treats.\n")
            .findings.filter { $0.rule == "requirements/risks" }.isEmpty)
        let untyped = ExampleTree.edit(ExampleTree.risks, ["    kind: risk\n": ""])
        #expect(try check(["evident.yml": config("iso27001"), "risks.md": untyped, "objectives/OBJ-INC-01.md": objective("R-1")])
            .findings.filter { $0.rule == "requirements/risks" }.isEmpty)
        #expect(try found("iso27001", ["aspect"], "R-1, R-9").findings.map(\.rule) == ["requirements/unknown-risk"])
    }

    @Test func anUnknownRiskSuggestsTheClosestAndAMissingRegisterIsToBeCreated() throws {
        let objective = ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks: [R-1, r-1x]\n"])
        let result = try check(["objectives/OBJ-INC-01.md": objective])
        #expect(result.findings.map(\.message) == ["`r-1x` is not a risk of the register (`R-1`). Did you mean `R-1`?"])
        #expect(result.findings.first?.severity == .error)
        #expect(result.findings.first?.location.line == 10)

        let none = try check(["objectives/OBJ-INC-01.md": objective], removing: ["risks.md"])
        #expect(none.findings.count == 2)
        #expect(none.findings.allSatisfy { $0.message.contains("there is no risks.md in the content folder. Create risks.md") })

        let unreadable = try check(["objectives/OBJ-INC-01.md": objective, "risks.md": "no front-matter\n"])
        #expect(unreadable.findings.filter { $0.rule == "requirements/unknown-risk" }.map(\.message).first
            == "`R-1` cannot be checked: risks.md could not be read. Fix the problem reported on risks.md.")
    }

    @Test func customerRelevanceIsAskedBy9001Only() throws {
        let result = try check(["evident.yml": config("iso20000-1, iso9001")])
        #expect(result.findings.map(\.rule) == ["requirements/customer"])
        #expect(result.findings.first?.message == "`OBJ-INC-01` does not say how it bears on conformity of products and services or on customer satisfaction, which ISO 9001:2015 asks; say it in `customer_relevance`, in a sentence.")
        let other = try check(["evident.yml": config("iso20000-1, iso9001"), "objectives/OBJ-INC-01.md": serving("iso20000-1", ExampleTree.objective)])
        #expect(!other.findings.contains { $0.rule == "requirements/customer" })
        // One word names no product, service or commitment; a sentence does.
        func relevance(_ value: String) throws -> [Finding] {
            try check(["evident.yml": config("iso20000-1, iso9001"), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\ncustomer_relevance: \(value)\n",
            ])]).findings.filter { $0.rule == "requirements/customer" }
        }
        let yes = try relevance("Yes.")
        #expect(yes.map(\.message) == ["`customer_relevance` of `OBJ-INC-01` is one word, `Yes.`, which does not say how the objective bears on conformity of products and services or on customer satisfaction, as ISO 9001:2015 asks; say it in a sentence."])
        #expect(yes.first?.location.line == 10 && yes.first?.location.column == 21)
        #expect(try relevance("Users judge the service by it.").isEmpty)
    }

    @Test func consultationNamesARecordOfTheTreeOrIsASentence() throws {
        func consulted(_ value: String) -> String {
            ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nconsultation: \(value)\n"])
        }
        func findings(_ value: String, _ extra: [String: String] = [:]) throws -> [Finding] {
            var files = ["evident.yml": config("iso45001"), "objectives/OBJ-INC-01.md": consulted(value)]
            for (k, v) in extra { files[k] = v }
            return try check(files).findings.filter { $0.rule == "requirements/consultation" }
        }
        #expect(try findings("reviews/2026-11-10.md").isEmpty)
        // Missing: the standard that asks is named with its edition, as the other rules of SPEC §8 name it.
        let missing = try check(["evident.yml": config("iso45001")]).findings.filter { $0.rule == "requirements/consultation" }
        #expect(missing.map(\.message) == ["`OBJ-INC-01` does not say where workers were consulted on it, which ISO 45001:2018 asks; name in `consultation` the review or communication file where they were (like `reviews/hs-committee/2026-03-12.md`), or describe the consultation in a sentence."])
        #expect(try findings("./communications/2026-01-20.md").isEmpty)
        #expect(try findings("Agreed with the on-call engineers and/or their representative at the staff forum.").isEmpty)
        // A review that cannot be read exists: its own finding says what is wrong.
        #expect(try findings("reviews/2026-11-20.md", ["reviews/2026-11-20.md": "no front-matter\n"]).isEmpty)
        #expect(try findings("reviews/2026-11-01.md").map(\.message) == [
            "`consultation` of `OBJ-INC-01` names `reviews/2026-11-01.md`, but no such review or communication is in the content folder; name the file, relative to the content folder, where workers were consulted, or describe the consultation in a sentence.",
        ])
        let outside = try findings("evidence/extract-2026-10.csv/x")
        #expect(outside.first?.message.contains("it is not a review (reviews/…) or communication (communications/…) of the content folder") == true)
        #expect(outside.first?.location.line == 10 && outside.first?.location.column == 15)
        // One word describes no consultation: it is read as a path, which leads nowhere.
        for word in ["Yes.", "consulted", "reviews", "evident.yml"] {
            #expect(try findings(word).first?.message.contains("names `\(word)`, but it is not a review") == true, "\(word)")
        }
        // A record that does not name the objective is the consultation on other objectives.
        let other = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-03", "OBJ-INC-01": "OBJ-CHG-02", "id: ACT-1": "id: ACT-2"])
        #expect(try findings("reviews/2026-11-03.md", ["reviews/2026-11-03.md": other]).map(\.message) == [
            "`consultation` of `OBJ-INC-01` names `reviews/2026-11-03.md`, which does not name `OBJ-INC-01` (in its `objectives`, decisions or actions): the consultation it records is on other objectives. Name the record of the consultation on this objective, or list `OBJ-INC-01` in that record's `objectives`.",
        ])
        // Named in a decision only, or by a communication to all, it is.
        let decided = ExampleTree.edit(other, ["objectives: [OBJ-CHG-02]": "objectives: []", "  - objective: OBJ-CHG-02\n    decision": "  - objective: OBJ-INC-01\n    decision"])
        #expect(try findings("reviews/2026-11-03.md", ["reviews/2026-11-03.md": decided]).isEmpty)
        let toAll = ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: all"])
        #expect(try findings("communications/2026-01-20.md", ["communications/2026-01-20.md": toAll]).isEmpty)
    }

    // MARK: policy, per standard

    @Test func traceAndCoverageAreJudgedPerStandard() throws {
        let policy = """
            ---
            title: Integrated policy
            approved_by: Chief Information Officer
            approved_on: 2026-01-05
            statements:
              - id: POL-1
                text: We restore disrupted services quickly.
                standards: [iso20000-1]
              - id: POL-2
                text: We protect the information entrusted to us.
                standards: [iso27001]
            ---

            """
        let result = try check(["evident.yml": config("iso20000-1, iso27001"), "policy.md": policy])
        let trace = try #require(result.findings.first { $0.rule == "policy/trace" })
        #expect(trace.message == "`OBJ-INC-01` serves ISO/IEC 27001:2022, but no statement it references (`POL-1`) applies to it; reference one that does (`POL-2`), or name the standard in a statement's `standards`.")
        #expect(trace.standards == ["iso27001"])
        #expect(trace.location.line == 8)
        let uncovered = result.findings.filter { $0.rule == "policy/uncovered" }
        #expect(uncovered.map(\.message) == ["No active objective serves policy statement `POL-2` (`We protect the information entrusted to us.`); set an active objective that lists it in `policy`, or remove the statement from the policy."])
        #expect(uncovered.first?.standards == ["iso27001"])
        // 20000-1's policy item is clean; 27001's is not.
        #expect(result.status(of: .policy, in: .iso20000_1) == .pass)
        #expect(result.status(of: .policy, in: .iso27001) == .fail)

        // Referencing both statements traces the objective for both standards and covers both.
        let fixed = try check(["evident.yml": config("iso20000-1, iso27001"), "policy.md": policy,
                               "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1, POL-2]"])])
        #expect(fixed.findings.filter { $0.obligation == .policy }.isEmpty)
    }

    @Test func aStatementServedForOneStandardOnlyIsUncoveredForTheOther() throws {
        let result = try check(["evident.yml": config("iso20000-1, iso9001"),
                                "objectives/OBJ-INC-01.md": serving("iso20000-1", ExampleTree.objective)])
        let uncovered = result.findings.filter { $0.rule == "policy/uncovered" }
        #expect(uncovered.map(\.message) == ["No active objective serving ISO 9001:2015 serves policy statement `POL-1` (`We restore disrupted services quickly and keep users informed.`): those that do (`OBJ-INC-01`) serve other standards. Set an objective serving it that lists it in `policy`, or say in the statement's `standards` which standards it applies to."])
        #expect(uncovered.first?.standards == ["iso9001"])
        #expect(result.status(of: .policy, in: .iso20000_1) == .pass)
        #expect(result.status(of: .policy, in: .iso9001) == .warn)
    }

    // MARK: syntax/config while checking

    @Test func aStandardEvidentYmlDoesNotConfigureIsReportedWhereItIsNamed() throws {
        let objective = ExampleTree.objective(replacing: ["status: active\n": "status: active\nstandards: [iso27001]\n"])
        let result = try check(["objectives/OBJ-INC-01.md": objective])
        #expect(result.findings.map(\.rule) == ["syntax/config"])
        #expect(result.findings.first?.message == "`OBJ-INC-01` names `iso27001`, but evident.yml does not configure it (its `standards` are `iso20000-1`); add `iso27001` to `standards` in evident.yml, or remove it here.")
        #expect(result.findings.first?.location.line == 6 && result.findings.first?.location.column == 13)
        // Without evident.yml the default is no choice of the project: only the missing file is reported.
        let missing = try check(["objectives/OBJ-INC-01.md": objective], removing: ["evident.yml"])
        #expect(missing.findings.filter { $0.rule == "syntax/config" }.count == 1)
    }

}
