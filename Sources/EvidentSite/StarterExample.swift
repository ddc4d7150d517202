import EvidentModel

/// The example `init` dates: its texts carry the example tree's dates (approved 2026-01-15,
/// effective 2026-02-01, plan due 2026-12-31, reviewed 2026-11-10, action due 2026-12-15,
/// communicated 2026-01-20), which `StarterContent` moves, and name one objective.
struct StarterExample {
    /// The words the site and the policy are titled with, which `StarterContent` may replace.
    var subject: String
    /// `evident.yml` without its `standards` line.
    var configuration: String
    var policy: String
    var risks: String
    var requirementPath: String
    var requirement: String
    var objectiveID: String
    var objective: String
    /// Nine monthly values, each on target.
    var values: [String]
    /// The text of the evidence file the latest value names.
    var evidence: String
    var review: String
    var communication: String
    /// The objective's line after which the fields of other standards go, and the plan's line
    /// after which `integration` goes.
    var requirementsLine: String
    var evaluationLine: String
    var customerRelevance: String
    var consultation: String
    var integration: String

    /// An IT service provider's incident objective: the example tree, for a system that serves
    /// ISO/IEC 20000-1.
    static let service = StarterExample(
        subject: "Service management",
        configuration: ExampleTree.configuration,
        policy: ExampleTree.policy,
        risks: ExampleTree.risks,
        requirementPath: "requirements/msa.md",
        requirement: ExampleTree.requirement,
        objectiveID: "OBJ-INC-01",
        // The first version records its thresholds, so that a later change of target is an
        // `updated/history` finding until a new entry records the new ones.
        objective: ExampleTree.edit(ExampleTree.objective, [
            "reason: New objective set.\n    approved_by: Head of Service Management\n":
                "reason: New objective set.\n    approved_by: Head of Service Management\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n",
        ]),
        values: ["3.5", "3.9", "3.2", "3.4", "3.8", "3.1", "3.6", "3.3", "3.7"],
        evidence: ExampleTree.base["evidence/extract-2026-10.csv"] ?? "ticket,opened,restored\n",
        review: ExampleTree.review,
        communication: ExampleTree.communication,
        requirementsLine: "requirements: [MSA-7.2]",
        evaluationLine: "  evaluation: Monthly P90 restoration time against the target, at the operational review.",
        customerRelevance: "Users cannot work during a P1 incident; restoring quickly is what they judge the service by.",
        consultation: "The service desk team was consulted on the target at the operational review that set it.",
        integration: "The on-call routing becomes part of the incident process and its runbook.")

    /// Closing corrective actions on time: what every management system's clause 10 asks, in
    /// words that fit a quality, security, environmental, safety or continuity system alike.
    static let anySystem = StarterExample(
        subject: "Management system",
        configuration: """
            organization: Example Organisation
            title: Management system objectives
            scope: All sites and activities of the example organisation
            levels:
              - { id: management, name: Top management }
              - { id: process, name: Process }
            forums:
              - { id: ms-meeting, name: Management system meeting, cadence: monthly }
            functions:
              - id: improvement
                name: Nonconformity and corrective action
                level: process
                owner: Management System Manager
                forum: ms-meeting

            """,
        policy: """
            ---
            title: Management system policy
            version: 1
            approved_by: Managing Director
            approved_on: 2026-01-05
            statements:
              - id: POL-1
                text: We correct nonconformities promptly and remove their causes so that they do not recur.
            ---
            The policy.

            """,
        risks: """
            ---
            title: Risk register
            risks:
              - id: R-1
                text: A corrective action is forgotten and the nonconformity it answers recurs.
                kind: risk
            ---
            The risks, opportunities, aspects and hazards the objectives take into account.

            """,
        requirementPath: "requirements/corrective-action.md",
        requirement: """
            ---
            title: Nonconformity and corrective action procedure
            kind: internal-control
            reference: PRO-10
            owner: Management System Manager
            clauses:
              - id: PRO-10.3
                text: Each corrective action is closed by its due date, or the management system meeting sets a new one.
            ---
            Notes.

            """,
        objectiveID: "OBJ-CA-01",
        objective: """
            ---
            id: OBJ-CA-01
            title: Close corrective actions on time
            statement: Close at least 90 % of the corrective actions due each month by their due date.
            status: active
            function: improvement
            owner: Management System Manager
            policy: [POL-1]
            requirements: [PRO-10.3]
            metric:
              name: Corrective actions closed on time
              definition: Share of the corrective actions due in the month that were closed by their due date.
              counts: Corrective actions with a due date in the month.
              excludes: Actions whose due date the management system meeting moved before it passed.
              unit: "%"
            data_source:
              system: Corrective action log
              method: Actions closed by their due date over actions due, per month
            target: ">= 90 %"
            tolerance: ">= 80 %"
            cadence: monthly
            forum: ms-meeting
            actions: Raise each overdue action at the next management system meeting.
            version: 1
            approved_by: Managing Director
            approved_on: 2026-01-15
            effective: 2026-02-01
            plan:
              what: Remind each action's owner two weeks before its due date.
              resources: Half a day a month of the management system manager; no spend.
              responsible: Management System Manager
              due: 2026-12-31
              evaluation: Monthly share of actions closed on time against the target, at the management system meeting.
            history:
              - version: 1
                date: 2026-01-15
                change: First version.
                reason: New objective set.
                approved_by: Managing Director
                target: ">= 90 %"
                tolerance: ">= 80 %"
            ---
            Rationale.

            """,
        values: ["92", "95", "91", "94", "100", "93", "96", "90", "97"],
        evidence: "action,due,closed\nCA-17,2026-10-09,2026-10-06\n",
        review: """
            ---
            date: 2026-11-10
            forum: ms-meeting
            chair: Managing Director
            attendees: [Management System Manager]
            objectives: [OBJ-CA-01]
            decisions:
              - objective: OBJ-CA-01
                decision: no-change
                note: On target.
            actions:
              - id: ACT-1
                objective: OBJ-CA-01
                owner: Management System Manager
                due: 2026-12-15
                status: open
                text: Check the reminder list against the action log.
            ---
            Minutes.

            """,
        communication: """
            ---
            date: 2026-01-20
            channel: intranet
            audience: All staff
            objectives: [OBJ-CA-01]
            ---
            Published the objectives.

            """,
        requirementsLine: "requirements: [PRO-10.3]",
        evaluationLine: "  evaluation: Monthly share of actions closed on time against the target, at the management system meeting.",
        customerRelevance: "Customer complaints are among the nonconformities; closing their actions on time is what customers see of the system.",
        consultation: "Workers' representatives were consulted on the target at the management system meeting that set it.",
        integration: "The reminders become a step of the corrective action procedure.")
}
