import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// SPEC 4.1 "One cause, one finding": a value that fails `syntax/type` or `syntax/yaml` is not
/// reported again by another rule, and a file that does not parse is reported once, plus the
/// references other files make to what it declared. Each test plants one cause in the example
/// tree and expects exactly the findings that name it: rule, place and message.
@Suite struct CascadeTests {
    /// One finding as the tests compare it: the rule, the path inside the tree, line and column.
    struct Seen: Hashable, CustomStringConvertible {
        var rule: String
        var file: String
        var line: Int?
        var column: Int?
        var description: String { "\(rule) \(file):\(line ?? 0):\(column ?? 0)" }
    }

    /// The base tree with `files` laid over it, checked as of the examples' date.
    private func check(_ files: [String: String]) throws -> (seen: [Seen], findings: [Finding], result: CheckResult) {
        var merged = ExampleTree.base
        for (path, text) in files { merged[path] = text }
        let tree = try TemporaryTree(merged)
        defer { tree.remove() }
        let result = try tree.check()
        let root = ContentLoader.displayPath(tree.path) + "/"
        let seen = result.findings.map { f in
            Seen(rule: f.rule, file: f.location.file.hasPrefix(root) ? String(f.location.file.dropFirst(root.count)) : f.location.file,
                 line: f.location.line, column: f.location.column)
        }
        return (seen, result.findings, result)
    }

    /// The line and column (from 1) where `needle` first occurs in `text`.
    private func place(of needle: String, in text: String, after anchor: String = "") throws -> (line: Int, column: Int) {
        let start = try #require(anchor.isEmpty ? text.startIndex : text.range(of: anchor)?.upperBound, "`\(anchor)` is not in the text")
        let range = try #require(text.range(of: needle, range: start..<text.endIndex), "`\(needle)` is not in the text")
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        return (line, column)
    }

    private func seen(_ rule: String, _ file: String, at place: (line: Int, column: Int)) -> Seen {
        Seen(rule: rule, file: file, line: place.line, column: place.column)
    }

    static let objectivePath = "objectives/OBJ-INC-01.md"

    // MARK: bad values

    /// A date that does not exist is one `syntax/type` finding at the value: not also "no
    /// `approved_on`" (established/approval) or anything that reads the approval date.
    @Test func impossibleApprovalDateIsOneFinding() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-02-30"])
        let run = try check([Self.objectivePath: text])
        #expect(run.seen == [seen("syntax/type", Self.objectivePath, at: try place(of: "2026-02-30", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
        #expect(run.findings.first?.message.contains("`2026-02-30` is not") == true)
    }

    /// The same for a policy's approval date and a history entry's date.
    @Test func impossibleDatesElsewhereAreOneFindingEach() throws {
        let policy = ExampleTree.edit(ExampleTree.policy, ["approved_on: 2026-01-05": "approved_on: 2026-13-05"])
        let objective = ExampleTree.objective(replacing: ["    date: 2026-01-15": "    date: 15.01.2026"])
        let run = try check(["policy.md": policy, Self.objectivePath: objective])
        #expect(Set(run.seen) == [seen("syntax/type", "policy.md", at: try place(of: "2026-13-05", in: policy)),
                                  seen("syntax/type", Self.objectivePath, at: try place(of: "15.01.2026", in: objective))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
    }

    /// A `metric` written as text instead of a mapping is one finding, not also "no `metric`"
    /// (measurable/metric) and "no `counts` and `excludes`" (measurable/scope) and a unit mismatch.
    @Test func metricOfTheWrongShapeIsOneFinding() throws {
        let text = ExampleTree.objective(replacing: [
            "metric:\n  name: P1 restoration time, 90th percentile\n  definition: Hours from the creation of a P1 ticket to the restoration of service.\n  counts: All P1 incidents resolved in the period.\n  excludes: Incidents caused by customer-side changes.\n  unit: h\n":
                "metric: P1 restoration time\n",
        ])
        let run = try check([Self.objectivePath: text])
        #expect(run.seen == [seen("syntax/type", Self.objectivePath, at: try place(of: "P1 restoration time\n", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
    }

    /// An owner given as a list is one finding, not also "no owner" (levels/owner).
    @Test func ownerOfTheWrongShapeIsOneFinding() throws {
        let text = ExampleTree.objective(replacing: ["owner: Incident Process Owner": "owner: { role: Incident Process Owner }"])
        let run = try check([Self.objectivePath: text])
        #expect(run.seen == [seen("syntax/type", Self.objectivePath, at: try place(of: "{ role", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
    }

    /// `organization` given as a list in evident.yml: one `syntax/type`, not also "`organization` is missing".
    @Test func organizationOfTheWrongShapeIsOneFinding() throws {
        let text = ExampleTree.edit(ExampleTree.configuration, ["organization: Example Services": "organization: [Example Services]"])
        let run = try check(["evident.yml": text])
        #expect(run.seen == [seen("syntax/type", "evident.yml", at: try place(of: "[Example", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
    }

    /// One planted value that cannot be read: the file, the text replaced, and the value's text.
    struct BadValue: Sendable, CustomStringConvertible {
        var file: String
        var old: String
        var new: String
        var value: String
        var description: String { "\(file): \(new)" }
    }

    static let badValues: [BadValue] = [
        // Each of these gave a second finding before: the rule named after `→`.
        BadValue(file: objectivePath, old: "  - version: 1", new: "  - version: one", value: "one"),  // → updated/history
        BadValue(file: objectivePath, old: "function: incident", new: "function: [incident]", value: "[incident]"),  // → levels/unknown-function, levels/coverage
        BadValue(file: objectivePath, old: "  unit: h", new: "  unit: [h]", value: "[h]"),  // → measurable/unit twice
        BadValue(file: objectivePath, old: "target: \"<= 4 h\"", new: "target: [4]", value: "[4]"),  // → measurable/target
        BadValue(file: objectivePath, old: "tolerance: \"<= 6 h\"", new: "tolerance: { max: 6 }", value: "{ max"),  // → measurable/tolerance
        BadValue(file: objectivePath, old: "policy: [POL-1]", new: "policy: { id: POL-1 }", value: "{ id"),  // → policy/trace, policy/uncovered
        BadValue(file: objectivePath, old: "requirements: [MSA-7.2]", new: "requirements: { id: MSA-7.2 }", value: "{ id"),  // → requirements/linked, requirements/unaddressed
        BadValue(file: objectivePath, old: "  name: P1 restoration time, 90th percentile", new: "  name: [P1 restoration time]", value: "[P1"),  // → measurable/metric
        BadValue(file: objectivePath, old: "  system: ServiceNow incident table", new: "  system: [ServiceNow]", value: "[Service"),  // → measurable/data-source
        BadValue(file: objectivePath, old: "statement: Restore service", new: "statement: [Restore service]\n#", value: "[Restore"),  // → established/required
        BadValue(file: "reviews/2026-11-10.md", old: "date: 2026-11-10", new: "date: 2026-11-31", value: "2026-11-31"),  // → monitored/review-overdue
        BadValue(file: "communications/2026-01-20.md", old: "date: 2026-01-20", new: "date: 2026-01-32", value: "2026-01-32"),  // → communicated/missing
    ]

    /// A value of the wrong type or format is its one `syntax/type` finding, at the value.
    @Test(arguments: badValues) func badValueIsOneFinding(_ bad: BadValue) throws {
        let base = try #require(ExampleTree.base[bad.file])
        let text = ExampleTree.edit(base, [bad.old: bad.new])
        let run = try check([bad.file: text])
        let expected = [seen("syntax/type", bad.file, at: try place(of: bad.value, in: text))]
        #expect(run.seen == expected, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    /// An `excluded` that is not true or false: one finding, not also "no active objective" for
    /// the function it may exclude.
    @Test func unreadableExclusionIsOneFinding() throws {
        let text = ExampleTree.configuration + "  - id: fax\n    name: Fax gateway\n    level: process\n    excluded: maybe\n    justification: Retired.\n"
        let run = try check(["evident.yml": text])
        #expect(run.seen == [seen("syntax/type", "evident.yml", at: try place(of: "maybe", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
    }

    // MARK: an approval after the as-of date

    /// An `approved_on` after the as-of date is an approval not yet given: one
    /// `established/approval` finding at the date, not also "not communicated since" a day that
    /// has not come (communicated/missing).
    @Test func approvalAfterTheAsOfDateIsOneFinding() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-12-10"])
        let run = try check([Self.objectivePath: text])
        #expect(run.seen == [seen("established/approval", Self.objectivePath, at: try place(of: "2026-12-10", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.first?.message
            == "`OBJ-INC-01` is active, but its `approved_on` (2026-12-10) is after the as-of date 2026-11-29: as of then it has not been approved. Correct the date if it is a mistake, or set `status: draft` until the approval is given and record that day in `approved_on`.")
    }

    /// Approved on the as-of date itself: given, no finding.
    @Test func approvalOnTheAsOfDateIsGiven() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-11-29"])
        let communication = ExampleTree.edit(ExampleTree.communication, ["date: 2026-01-20": "date: 2026-11-29"])
        let run = try check([Self.objectivePath: text, "communications/2026-01-20.md": communication])
        #expect(run.seen.isEmpty, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    // MARK: text fields given a number or true/false

    /// The findings of the tree with an objective serving ISO/IEC 27001 alone whose `evaluation`
    /// line is `evaluation` (empty: the valid one).
    private func qualitative(evaluation: String) throws -> (run: (seen: [Seen], findings: [Finding], result: CheckResult), text: String) {
        let valid = "evaluation: The operational review judges each month, from the P1 post-incident reports, whether users were kept informed and service restored without avoidable delay."
        let text = evaluation.isEmpty ? ExampleTree.qualitativeObjective : ExampleTree.edit(ExampleTree.qualitativeObjective, [valid: evaluation])
        return (try check(["evident.yml": ExampleTree.configuration(standards: "iso27001"), Self.objectivePath: text]), text)
    }

    /// `evaluation: true` on an objective serving ISO/IEC 27001 alone, where an evaluation may take
    /// the place of the measures: one `syntax/type` at the value, and no evaluation. Beside the
    /// findings of the same tree with a real evaluation, nothing else: not the missing measures
    /// (measurable/*) or values (monitored/no-data) that the evaluation was meant to replace.
    @Test(arguments: ["true", "yes", "False", "1", "-2.5", "1e3"]) func evaluationThatIsNotTextIsOneFinding(_ value: String) throws {
        let baseline = try qualitative(evaluation: "")
        let (run, text) = try qualitative(evaluation: "evaluation: \(value)")
        let finding = seen("syntax/type", Self.objectivePath, at: try place(of: value, in: text, after: "\nevaluation: "))
        #expect(Set(run.seen) == Set(baseline.run.seen).union([finding]), "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        let message = try #require(run.findings.first { $0.rule == "syntax/type" }?.message)
        let what = ["true", "yes", "False"].contains(value) ? "the true/false value" : "the number"
        #expect(message == "`evaluation` in the objective must be text, not \(what) `\(value)`; say in words how the objective is evaluated.")
        let o = try #require(run.result.model.content.objectives.first)
        #expect(o.evaluation == nil)
        #expect(!run.result.model.evaluatedQualitatively(o))
    }

    /// Quoted, or in words, it is text: the objective is evaluated qualitatively.
    @Test(arguments: ["\"true\"", "'42'", "Yes, at each review", "2 reviews a year"]) func evaluationInWordsIsRead(_ value: String) throws {
        let baseline = try qualitative(evaluation: "")
        let (run, _) = try qualitative(evaluation: "evaluation: \(value)")
        #expect(run.seen == baseline.run.seen, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        let o = try #require(run.result.model.content.objectives.first)
        #expect(run.result.model.evaluatedQualitatively(o))
    }

    /// The plan's parts that are a number or true/false: one `syntax/type` each, at the value, and
    /// the plan is not reported as missing them (planned/plan).
    @Test func planPartsThatAreNotTextAreOneFindingEach() throws {
        let text = ExampleTree.objective(replacing: [
            "  what: Route P1 incidents straight to the resolver group's on-call rota.": "  what: yes",
            "  resources: Two days of the ITSM administrator; no spend.": "  resources: 0",
            "  responsible: Incident Process Owner": "  responsible: true",
            "  evaluation: Monthly P90 restoration time against the target, at the operational review.": "  evaluation: 12.5",
        ])
        let run = try check([Self.objectivePath: text])
        #expect(Set(run.seen) == [seen("syntax/type", Self.objectivePath, at: try place(of: "yes", in: text, after: "  what: ")),
                                  seen("syntax/type", Self.objectivePath, at: try place(of: "0", in: text, after: "  resources: ")),
                                  seen("syntax/type", Self.objectivePath, at: try place(of: "true", in: text, after: "  responsible: ")),
                                  seen("syntax/type", Self.objectivePath, at: try place(of: "12.5", in: text, after: "  evaluation: "))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.contains { $0.message == "`resources` in the plan must be text, not the number `0`; say in words what resources it needs." })
        let plan = try #require(run.result.model.content.objectives.first?.plan)
        #expect(plan.what == nil && plan.resources == nil && plan.responsible == nil && plan.evaluation == nil)
    }

    /// The notes that stand in for a reference, as a true/false or a number: one `syntax/type`
    /// each, at the value, and not also the missing reference (requirements/linked,
    /// requirements/risks, requirements/customer, requirements/consultation) that an objective
    /// serving ISO 9001, ISO/IEC 27001 and ISO 45001 without them is asked for. Beside the
    /// findings of the same tree with the notes in words, nothing else.
    @Test func notesThatAreNotTextAreOneFindingEach() throws {
        let configuration = ExampleTree.configuration(standards: "iso20000-1, iso9001, iso27001, iso45001")
        func objective(_ requirements: String, _ risks: String, _ customer: String, _ consultation: String) -> String {
            ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]\n": "requirements_note: \(requirements)\nrisks_note: \(risks)\ncustomer_relevance: \(customer)\nconsultation: \(consultation)\n",
                "  due: 2026-12-31\n": "  due: 2026-12-31\n  integration: Part of the incident process's on-call procedure.\n",
            ])
        }
        let words = try check(["evident.yml": configuration, Self.objectivePath: objective(
            "Internal target, no contract sets it.", "No entry of the register bears on it.",
            "Users feel every hour of a P1 outage.", "The on-call engineers agreed the rota at the staff forum.")])
        #expect(!words.seen.contains { ["requirements/linked", "requirements/risks", "requirements/customer", "requirements/consultation"].contains($0.rule) })
        let text = objective("no", "false", "yes", "1")
        let run = try check(["evident.yml": configuration, Self.objectivePath: text])
        #expect(Set(run.seen) == Set(words.seen).union([
            seen("syntax/type", Self.objectivePath, at: try place(of: "no", in: text, after: "requirements_note: ")),
            seen("syntax/type", Self.objectivePath, at: try place(of: "false", in: text, after: "risks_note: ")),
            seen("syntax/type", Self.objectivePath, at: try place(of: "yes", in: text, after: "customer_relevance: ")),
            seen("syntax/type", Self.objectivePath, at: try place(of: "1", in: text, after: "consultation: ")),
        ]), "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.contains { $0.message == "`requirements_note` in the objective must be text, not the true/false value `no`; say in words why no requirement applies." })
    }

    /// What YAML reads as a number or true/false when unquoted, and what it reads as text.
    @Test func plainValuesThatAreNotText() {
        for value in ["true", "TRUE", "no", "Off", "0", "-1", "+3.5", ".5", "1.", "1e10", "2.5E-3", "0x1F", "0o17", ".inf", "-.inf", ".nan"] {
            #expect(YAMLMap.nonText(value) != nil, "\(value)")
        }
        for value in ["", "yes please", "1,5", "95 %", "2026-01-15", "1e", ".", "-", "0x", "0xG1", "0o8", "nan", "inf", "v2", "1.2.3", "4 h"] {
            #expect(YAMLMap.nonText(value) == nil, "\(value)")
        }
    }

    // MARK: placeholders in the fields that answer

    /// A placeholder in each field an auditor reads as an answer (`FieldType.answer`), family by
    /// family: the objective's own, its metric and data source, its history, the registers,
    /// evident.yml, a review and a communication.
    static let placeholders: [BadValue] = [
        // → established/required
        BadValue(file: objectivePath, old: "title: Restore priority-1 incidents quickly", new: "title: TBD", value: "TBD"),
        BadValue(file: objectivePath, old: "statement: Restore service for priority-1 incidents within 4 hours.", new: "statement: \"to be defined\"", value: "\"to be"),
        // → levels/owner would take the function's owner; nothing else reads it
        BadValue(file: objectivePath, old: "owner: Incident Process Owner", new: "owner: \"?\"", value: "\"?\""),
        BadValue(file: objectivePath, old: "actions: Open a problem record when off target.", new: "actions: ...", value: "..."),
        // → established/approval
        BadValue(file: objectivePath, old: "approved_by: Head of Service Management\napproved_on", new: "approved_by: TBC\napproved_on", value: "TBC"),
        // → measurable/metric, measurable/scope, measurable/data-source
        BadValue(file: objectivePath, old: "  name: P1 restoration time, 90th percentile", new: "  name: xxx", value: "xxx"),
        BadValue(file: objectivePath, old: "  definition: Hours from the creation of a P1 ticket to the restoration of service.", new: "  definition: TBD", value: "TBD"),
        BadValue(file: objectivePath, old: "  counts: All P1 incidents resolved in the period.", new: "  counts: n/a", value: "n/a"),
        BadValue(file: objectivePath, old: "  excludes: Incidents caused by customer-side changes.", new: "  excludes: N/A.", value: "N/A."),
        BadValue(file: objectivePath, old: "  system: ServiceNow incident table", new: "  system: TODO", value: "TODO"),
        BadValue(file: objectivePath, old: "  method: 90th percentile of restoration time per month", new: "  method: \"-\"", value: "\"-\""),
        BadValue(file: objectivePath, old: "  method: 90th percentile of restoration time per month", new: "  method: 90th percentile of restoration time per month\n  data_quality: tbd", value: "tbd"),
        // → updated/history
        BadValue(file: objectivePath, old: "    change: First version.", new: "    change: FIXME", value: "FIXME"),
        BadValue(file: objectivePath, old: "    reason: New objective set.", new: "    reason: To be agreed.", value: "To be agreed."),
        BadValue(file: objectivePath, old: "    approved_by: Head of Service Management", new: "    approved_by: TBC", value: "TBC"),
        // → the text a statement, risk or clause is judged against (syntax/type at the entry)
        BadValue(file: "policy.md", old: "approved_by: Chief Information Officer", new: "approved_by: TBD", value: "TBD"),
        BadValue(file: "policy.md", old: "    text: We restore disrupted services quickly and keep users informed.", new: "    text: TBD", value: "TBD"),
        BadValue(file: "risks.md", old: "    text: A priority-1 incident waits for an engineer outside office hours.", new: "    text: \"...\"", value: "\"...\""),
        BadValue(file: "requirements/msa.md", old: "    text: Priority 1 incidents are restored within 4 hours.", new: "    text: To be confirmed", value: "To be confirmed"),
        BadValue(file: "requirements/msa.md", old: "owner: Commercial Manager", new: "owner: TBA", value: "TBA"),
        // → syntax/config ("`organization` is missing")
        BadValue(file: "evident.yml", old: "organization: Example Services", new: "organization: TBD", value: "TBD"),
        BadValue(file: "evident.yml", old: "scope: IT services for the example business units", new: "scope: n/a", value: "n/a"),
        BadValue(file: "evident.yml", old: "    owner: Incident Process Owner", new: "    owner: TBD", value: "TBD"),
        BadValue(file: "reviews/2026-11-10.md", old: "chair: Head of Service Operations", new: "chair: TBD", value: "TBD"),
        BadValue(file: "reviews/2026-11-10.md", old: "    note: On target.", new: "    note: n/a", value: "n/a"),
        BadValue(file: "reviews/2026-11-10.md", old: "    owner: Incident Process Owner", new: "    owner: \"?\"", value: "\"?\""),
        BadValue(file: "reviews/2026-11-10.md", old: "    text: Check the P1 runbook.", new: "    text: TODO", value: "TODO"),
        BadValue(file: "communications/2026-01-20.md", old: "audience: All service desk staff", new: "audience: TBD", value: "TBD"),
    ]

    /// A placeholder in a field that answers is its one `syntax/type` finding, at the value, and
    /// the field is read as absent: no rule calls it missing or judges it as well.
    @Test(arguments: placeholders) func placeholderInAnAnswerIsOneFinding(_ bad: BadValue) throws {
        let base = try #require(ExampleTree.base[bad.file])
        let text = ExampleTree.edit(base, [bad.old: bad.new])
        let run = try check([bad.file: text])
        let expected = [seen("syntax/type", bad.file, at: try place(of: bad.value, in: text, after: String(bad.new.prefix { $0 != ":" })))]
        #expect(run.seen == expected, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.first?.message.contains("is a placeholder, `") == true)
    }

    /// A placeholder unit is one `syntax/type` finding that asks for the unit; `x` (times) is a
    /// unit, read as written, though a value of marks alone is a placeholder elsewhere.
    @Test func placeholderUnitIsRefusedAndTimesIsRead() throws {
        let refused = ExampleTree.objective(replacing: ["  unit: h\n": "  unit: TBD\n"])
        let run = try check([Self.objectivePath: refused])
        #expect(run.seen == [seen("syntax/type", Self.objectivePath, at: try place(of: "TBD", in: refused))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.first?.message.contains("say in words what unit the values are in") == true)
        let times = ExampleTree.objective(replacing: ["  unit: h\n": "  unit: x\n"])
        let read = try check([Self.objectivePath: times])
        #expect(!read.findings.contains { $0.rule == "syntax/type" })
        #expect(read.findings.contains { $0.rule == "measurable/unit" && $0.message.contains("measured in `x`") },
                "\(read.findings.map { "\($0.rule) \($0.message)" })")
    }

    /// Without owners of their own, the objective takes its function's, and a placeholder there is
    /// one finding too: not also "no owner" (levels/owner).
    @Test func placeholderOwnerOfTheFunctionIsOneFinding() throws {
        let configuration = ExampleTree.edit(ExampleTree.configuration, ["    owner: Incident Process Owner": "    owner: TBD"])
        let objective = ExampleTree.objective(replacing: ["owner: Incident Process Owner\n": ""])
        let run = try check(["evident.yml": configuration, Self.objectivePath: objective])
        #expect(run.seen == [seen("syntax/type", "evident.yml", at: try place(of: "TBD", in: configuration))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    /// What is a placeholder as a whole value, and what is not.
    @Test func placeholderWords() {
        for value in ["TBD", "tbd.", "TBC", "tba", "TODO", "to do", "FIXME", "n/a", "N/A.", "N.A.", "na", "placeholder",
                      "To be defined", "to be determined.", "To be decided", "to be confirmed", "to be agreed",
                      "-", "--", "—", "–", "?", "???", "...", "…", "x", "XXX", "_", "***"] {
            #expect(YAMLMap.isPlaceholder(value), "\(value)")
        }
        for value in ["", "none", "None.", "nil", "0", "x-ray", "TBD with HR", "n/a to P2", "to be defined by the board",
                      "- see the runbook", "Service Desk", "— the vendor's portal"] {
            #expect(!YAMLMap.isPlaceholder(value), "\(value)")
        }
        // The first-byte gate before both tests lets through every value either refuses.
        let refused = YAMLMap.placeholders.flatMap { [$0, $0.uppercased(), $0 + "."] } + YAMLMap.marks.map { String($0) }
            + YAMLMap.noOne.flatMap { [$0, $0.uppercased(), $0.capitalized] }
        for value in refused where YAMLMap.isPlaceholder(value) || YAMLMap.namesNoOne(value) {
            #expect(YAMLMap.mayBeRefused(value), "\(value)")
        }
        #expect(refused.filter { YAMLMap.isPlaceholder($0) || YAMLMap.namesNoOne($0) }.count > 40)
        #expect(!YAMLMap.mayBeRefused("Service Desk") && !YAMLMap.mayBeRefused(""))
    }

    /// A placeholder inside a sentence, or `none`, is an answer: the fields of every family read as
    /// written, and the tree stays clean.
    @Test func sentencesWithAPlaceholderInsideAreRead() throws {
        let objective = ExampleTree.objective(replacing: [
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 4 hours, n/a to P2.",
            "  excludes: Incidents caused by customer-side changes.": "  excludes: none",
            "  system: ServiceNow incident table": "  system: ServiceNow incident table (the archive is TBD)",
            "    approved_by: Head of Service Management": "    approved_by: Head of Service Management, TBC by the board",
        ])
        let files = [
            Self.objectivePath: objective,
            "risks.md": ExampleTree.edit(ExampleTree.risks, ["outside office hours.": "outside office hours (rota TBD)."]),
            "evident.yml": ExampleTree.edit(ExampleTree.configuration, ["organization: Example Services": "organization: TBD Services Ltd"]),
            "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["    text: Check the P1 runbook.": "    text: Check the P1 runbook; sections marked TODO first."]),
            "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["audience: All service desk staff": "audience: All service desk staff; n/a to contractors"]),
        ]
        let run = try check(files)
        #expect(run.seen.isEmpty, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        let o = try #require(run.result.model.content.objectives.first)
        #expect(o.metric?.excludes?.value == "none")
        #expect(o.dataSource?.system?.value == "ServiceNow incident table (the archive is TBD)")
        #expect(run.result.model.configuration.organization?.value == "TBD Services Ltd")
    }

    // MARK: measurement rows that cannot be read

    static let measurementsPath = "measurements/OBJ-INC-01.csv"

    /// A row of the due period (October) that `syntax/csv` rejects is its one finding, at the cell
    /// (at the value split at its decimal comma), about the objective it names: not also "no value
    /// for October" (monitored/no-data).
    @Test(arguments: [
        ("2026-10,n/a,,extract-2026-10.csv", "n/a"),
        ("2026-10,3.7 h,,extract-2026-10.csv", "3.7 h"),
        ("2026-10,3,7,,extract-2026-10.csv", "3,7,,"),
        ("2026-1O,3.7,,extract-2026-10.csv", "2026-1O"),
        ("2026-W44,n/a,,", "n/a"),
    ]) func unreadableRowOfTheDuePeriodIsOneFinding(_ row: String, _ cell: String) throws {
        let text = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv": row])
        let run = try check([Self.measurementsPath: text])
        #expect(run.seen == [seen("syntax/csv", Self.measurementsPath, at: try place(of: cell, in: text))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.first?.objective == "OBJ-INC-01")
    }

    /// The same when the row names its objective in an `objective` column.
    @Test func unreadableRowWithAnObjectiveColumnIsOneFinding() throws {
        let text = "objective,period,value\nOBJ-INC-01,2026-09,3.3\nOBJ-INC-01,2026-10,n/a\n"
        let run = try check([Self.measurementsPath: text])
        #expect(run.seen == [Seen(rule: "syntax/csv", file: Self.measurementsPath, line: 3, column: 20)],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        #expect(run.findings.first?.objective == "OBJ-INC-01")
    }

    /// A file that cannot be read at all (a quote left open, a bad header) loses every row: its one
    /// finding, not also "no value" for the objective it is named after.
    @Test(arguments: [
        (ExampleTree.measurements.replacingOccurrences(of: "2026-09,3.3,,", with: "2026-09,\"3.3,,"), 9, 9),
        (ExampleTree.measurements.replacingOccurrences(of: "period,value,note,evidence", with: "period,amount,note,evidence"), 1, 8),
    ]) func unreadableFileIsOneFinding(_ text: String, _ line: Int, _ column: Int) throws {
        let run = try check([Self.measurementsPath: text])
        #expect(run.seen == [Seen(rule: "syntax/csv", file: Self.measurementsPath, line: line, column: column)],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    /// A file whose text cannot be read (UTF-16, not UTF-8, binary) stands for the objective it is
    /// named after, as a bad header does: its one finding, not also "no value for October" with a
    /// hint to create the file that is there.
    @Test(arguments: [
        // UTF-16 with its byte-order mark, as Windows saves "Unicode" text.
        (Data([0xFF, 0xFE] + ExampleTree.measurements.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), 1, 1),
        // Latin-1: `é` is the one byte E9.
        (Data(ExampleTree.measurements.utf8).replacing(Data("2026-09,3.3,,".utf8), with: Data("2026-09,3.3,caf\u{E9},".utf8.dropLast(3)) + Data([0xE9, 0x2C])), 9, 16),
        (Data(ExampleTree.measurements.utf8) + Data([0, 1, 2]), 11, 1),
    ]) func fileThatIsNotTextIsOneFinding(_ bytes: Data, _ line: Int, _ column: Int) throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write(Self.measurementsPath, bytes)
        let result = try tree.check()
        let root = ContentLoader.displayPath(tree.path) + "/"
        #expect(result.findings.map { "\($0.rule) \($0.location.file.dropFirst(root.count)):\($0.location.line ?? 0):\($0.location.column ?? 0)" }
                == ["syntax/csv \(Self.measurementsPath):\(line):\(column)"], "\(result.findings.map(\.message))")
    }

    /// A rejected row of October holds back what it may change: September is not judged as the
    /// latest value (monitored/off-target), nor July to September as a run off target
    /// (monitored/persistent-off-target).
    @Test func unreadableRowHoldsBackTheLatestResult() throws {
        let text = ExampleTree.edit(ExampleTree.measurements, [
            "2026-07,3.1,,": "2026-07,6.5,,", "2026-08,3.6,,": "2026-08,7.5,,", "2026-09,3.3,,": "2026-09,8.1,,",
            "2026-10,3.7,,extract-2026-10.csv": "2026-10,n/a,,extract-2026-10.csv",
        ])
        let run = try check([Self.measurementsPath: text, "reviews/2026-11-10.md": MonitoredPersistentOffTarget.reviewWithoutResponse])
        #expect(run.seen == [seen("syntax/csv", Self.measurementsPath, at: try place(of: "n/a", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    /// A rejected row of another period stands for that period only: October has no row, and says so.
    @Test func unreadableRowOfAnotherPeriodDoesNotHideTheDueOne() throws {
        let text = ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,n/a,,", "2026-10,3.7,,extract-2026-10.csv\n": ""])
        let run = try check([Self.measurementsPath: text])
        #expect(Set(run.seen) == [seen("syntax/csv", Self.measurementsPath, at: try place(of: "n/a", in: text)),
                                  Seen(rule: "monitored/no-data", file: Self.objectivePath, line: 1, column: 1)],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    // MARK: a single value where a list is expected

    /// A single value where a list is expected is read as a list of one: `policy: POL-1` is
    /// `policy: [POL-1]`, with no finding, in objectives, reviews and communications alike.
    @Test func singleValueIsAListOfOne() throws {
        let objective = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: POL-1", "requirements: [MSA-7.2]": "requirements: MSA-7.2"])
        let review = ExampleTree.edit(ExampleTree.review, ["objectives: [OBJ-INC-01]": "objectives: OBJ-INC-01",
                                                           "attendees: [Incident Process Owner]": "attendees: Incident Process Owner"])
        let communication = ExampleTree.edit(ExampleTree.communication, ["objectives: [OBJ-INC-01]": "objectives: OBJ-INC-01"])
        let run = try check([Self.objectivePath: objective, "reviews/2026-11-10.md": review,
                             "communications/2026-01-20.md": communication])
        #expect(run.seen.isEmpty, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        let o = try #require(run.result.model.content.objectives.first)
        #expect(o.policy.map(\.value) == ["POL-1"])
        #expect(o.requirements.map(\.value) == ["MSA-7.2"])
        #expect(run.result.model.content.reviews.first?.objectives.map(\.value) == ["OBJ-INC-01"])
        #expect(run.result.model.content.communications.first?.objectives.map(\.value) == ["OBJ-INC-01"])
    }

    /// `policy: POL-1, POL-2` is one text, not a list: one `syntax/type` finding that shows the
    /// list to write, and both ids are read, so nothing downstream (policy/trace, policy/uncovered,
    /// policy/unknown-statement) reports them again.
    @Test func commaSeparatedValueIsOneFindingAndIsRead() throws {
        let policy = ExampleTree.edit(ExampleTree.policy, [
            "    text: We restore disrupted services quickly and keep users informed.\n":
                "    text: We restore disrupted services quickly and keep users informed.\n  - id: POL-2\n    text: We inform users.\n",
        ])
        let objective = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: POL-1, POL-2"])
        let run = try check(["policy.md": policy, Self.objectivePath: objective])
        #expect(run.seen == [seen("syntax/type", Self.objectivePath, at: try place(of: "POL-1, POL-2", in: objective))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
        #expect(run.findings.first?.message.contains("[POL-1, POL-2]") == true)
        #expect(run.result.model.content.objectives.first?.policy.map(\.value) == ["POL-1", "POL-2"])
    }

    // MARK: spellings

    /// `organisation` is the British spelling of `organization`: one finding that says to write
    /// `organization`, and the value is read (the site shows the name), rather than "not a field"
    /// and "`organization` is missing".
    @Test func britishSpellingIsOneFindingAndIsRead() throws {
        let text = ExampleTree.edit(ExampleTree.configuration, ["organization: Example Services": "organisation: Example Services"])
        let run = try check(["evident.yml": text])
        #expect(run.seen == [seen("syntax/unknown-field", "evident.yml", at: try place(of: "organisation", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
        #expect(run.findings.first?.message.contains("write `organization`") == true)
        #expect(run.result.model.configuration.organization?.value == "Example Services")
    }

    /// Other spellings of a known field (case, `-` for `_`, camel case) are read the same way:
    /// `approved-on` is one finding, not also "no `approved_on`" (established/approval).
    @Test func otherSpellingsOfAKnownFieldAreOneFinding() throws {
        let text = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved-on: 2026-01-15",
                                                     "data_source:": "dataSource:", "title: Restore": "Title: Restore"])
        let run = try check([Self.objectivePath: text])
        #expect(Set(run.seen) == [seen("syntax/unknown-field", Self.objectivePath, at: try place(of: "approved-on", in: text)),
                                  seen("syntax/unknown-field", Self.objectivePath, at: try place(of: "dataSource", in: text)),
                                  seen("syntax/unknown-field", Self.objectivePath, at: try place(of: "Title", in: text))],
                "\(run.findings.map { "\($0.rule) \($0.message)" })")
        #expect(run.findings.contains { $0.message.contains("write `approved_on`") })
        #expect(run.result.model.content.objectives.first?.approvedOn?.value == Day(iso: "2026-01-15"))
    }

    /// A spelling of a field that is also given under its own name is not read: the field's own
    /// value counts, and the other is reported as unknown, as before.
    @Test func spellingBesideTheFieldIsNotRead() throws {
        let text = ExampleTree.edit(ExampleTree.configuration, ["organization: Example Services": "organization: Example Services\norganisation: Other"])
        let run = try check(["evident.yml": text])
        #expect(run.seen == [seen("syntax/unknown-field", "evident.yml", at: try place(of: "organisation", in: text))])
        #expect(run.result.model.configuration.organization?.value == "Example Services")
    }

    // MARK: tabs and files that do not parse

    /// What the rest of the tree says when the example objective cannot be read: only the
    /// references other files make to it (the measurements file named after it, the review's
    /// list, decision and action, the communication).
    private func referencesToTheObjective() throws -> Set<Seen> {
        let review = ExampleTree.review, communication = ExampleTree.communication
        return [
            Seen(rule: "monitored/unknown-objective", file: "measurements/OBJ-INC-01.csv", line: 1, column: 1),
            seen("monitored/unknown-objective", "reviews/2026-11-10.md", at: try place(of: "OBJ-INC-01]", in: review)),
            seen("monitored/unknown-objective", "reviews/2026-11-10.md", at: try place(of: "OBJ-INC-01", in: review, after: "decisions:")),
            seen("monitored/unknown-objective", "reviews/2026-11-10.md", at: try place(of: "OBJ-INC-01", in: review, after: "ACT-1")),
            seen("monitored/unknown-objective", "communications/2026-01-20.md", at: try place(of: "OBJ-INC-01]", in: communication)),
        ]
    }

    /// A tab used for indentation: one `syntax/yaml` finding at the tab that says so in plain
    /// words (not libyaml's "found character that cannot start any token"), plus the references
    /// to what the file declared; no function, statement or clause is reported uncovered because
    /// of it.
    @Test func tabIndentationInAnObjective() throws {
        let text = ExampleTree.objective(replacing: ["  definition: Hours": "\tdefinition: Hours"])
        let run = try check([Self.objectivePath: text])
        let yaml = seen("syntax/yaml", Self.objectivePath, at: try place(of: "\tdefinition", in: text))
        #expect(Set(run.seen) == (try referencesToTheObjective()).union([yaml]),
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        let message = try #require(run.findings.first { $0.rule == "syntax/yaml" }?.message)
        #expect(message.contains("YAML does not allow tabs for indentation"))
        #expect(!message.contains("cannot start any token"))
    }

    /// The same in evident.yml, which is read without front-matter.
    @Test func tabIndentationInTheConfiguration() throws {
        let text = ExampleTree.edit(ExampleTree.configuration, ["    name: Incident management": "\tname: Incident management"])
        let run = try check(["evident.yml": text])
        let yaml = try #require(run.findings.first { $0.rule == "syntax/yaml" })
        #expect(run.seen.filter { $0.rule == "syntax/yaml" } == [seen("syntax/yaml", "evident.yml", at: try place(of: "\tname", in: text))])
        #expect(yaml.message.contains("YAML does not allow tabs for indentation"))
    }

    /// evident.yml that does not parse: its finding, and the references objectives and reviews
    /// make to its functions and forums, which say that evident.yml could not be read; not "no
    /// owner" for an objective whose owner would come from its function.
    @Test func configurationThatDoesNotParse() throws {
        let configuration = ExampleTree.edit(ExampleTree.configuration, ["    name: Incident management": "\tname: Incident management"])
        let objective = ExampleTree.objective(replacing: ["owner: Incident Process Owner\n": "", "forum: ops-review\n": ""])
        let run = try check(["evident.yml": configuration, Self.objectivePath: objective])
        let review = ExampleTree.review
        #expect(Set(run.seen) == [seen("syntax/yaml", "evident.yml", at: try place(of: "\tname", in: configuration)),
                                  seen("levels/unknown-function", Self.objectivePath, at: try place(of: "incident", in: objective, after: "function: ")),
                                  seen("levels/forum", "reviews/2026-11-10.md", at: try place(of: "ops-review", in: review))],
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
        for f in run.findings where f.rule.hasPrefix("levels/") {
            #expect(f.message.contains("evident.yml could not be read"), "\(f.message)")
        }
    }

    /// A tab after a key, or inside a value, is allowed by YAML and gives no finding.
    @Test func tabsThatAreNotIndentationAreRead() throws {
        let text = ExampleTree.objective(replacing: ["title: Restore": "title:\tRestore", "excludes: Incidents caused": "excludes: Incidents\tcaused"])
        let run = try check([Self.objectivePath: text])
        #expect(run.seen.isEmpty, "\(run.findings.map { "\($0.rule) \($0.message)" })")
        #expect(run.result.model.content.objectives.first?.title?.value == "Restore priority-1 incidents quickly")
    }

    /// A file that does not parse is reported once, plus the references to what it declared;
    /// not `levels/coverage`, `policy/uncovered` or `requirements/unaddressed`, which cannot be
    /// judged while an objective is unread.
    @Test func objectiveThatDoesNotParse() throws {
        let text = ExampleTree.objective(replacing: ["title: Restore priority-1 incidents quickly": "title: [Restore priority-1 incidents quickly"])
        let run = try check([Self.objectivePath: text])
        let yaml = try #require(run.seen.first { $0.rule == "syntax/yaml" })
        #expect(yaml.file == Self.objectivePath)
        #expect(Set(run.seen) == (try referencesToTheObjective()).union([yaml]),
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }

    /// The same for an objective file without front-matter.
    @Test func objectiveWithoutFrontMatter() throws {
        let run = try check([Self.objectivePath: "# Restore priority-1 incidents quickly\n"])
        #expect(Set(run.seen) == (try referencesToTheObjective()).union([Seen(rule: "syntax/front-matter", file: Self.objectivePath, line: 1, column: 1)]),
                "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }
}
