/// The small, valid content tree that every rule example is laid over. It passes every rule as of
/// `asOf`; an example replaces or adds the files it names, so each example shows only what matters.
package enum ExampleTree {
    package static let asOf = "2026-11-29"

    package static let configuration = """
        organization: Example Services
        title: Service management objectives
        scope: IT services for the example business units
        forums:
          - { id: ops-review, name: Operational review, cadence: monthly }
        functions:
          - id: incident
            name: Incident management
            level: process
            owner: Incident Process Owner
            forum: ops-review

        """

    package static let policy = """
        ---
        title: Service management policy
        version: 1
        approved_by: Chief Information Officer
        approved_on: 2026-01-05
        statements:
          - id: POL-1
            text: We restore disrupted services quickly and keep users informed.
        ---
        The policy.

        """

    package static let risks = """
        ---
        title: Risk register
        risks:
          - id: R-1
            text: A priority-1 incident waits for an engineer outside office hours.
            kind: risk
        ---
        The risks, opportunities, aspects and hazards the objectives take into account.

        """

    package static let requirement = """
        ---
        title: Master services agreement
        kind: contract
        reference: MSA-2025-014
        owner: Commercial Manager
        clauses:
          - id: MSA-7.2
            text: Priority 1 incidents are restored within 4 hours.
        ---
        Notes.

        """

    /// The base objective's plan, as its front-matter writes it (tests replace or remove it whole).
    package static let plan = """
        plan:
          what: Route P1 incidents straight to the resolver group's on-call rota.
          resources: Two days of the ITSM administrator; no spend.
          responsible: Incident Process Owner
          due: 2026-12-31
          evaluation: Monthly P90 restoration time against the target, at the operational review.
        """

    package static let objective = """
        ---
        id: OBJ-INC-01
        title: Restore priority-1 incidents quickly
        statement: Restore service for priority-1 incidents within 4 hours.
        status: active
        function: incident
        owner: Incident Process Owner
        policy: [POL-1]
        requirements: [MSA-7.2]
        metric:
          name: P1 restoration time, 90th percentile
          definition: Hours from the creation of a P1 ticket to the restoration of service.
          counts: All P1 incidents resolved in the period.
          excludes: Incidents caused by customer-side changes.
          unit: h
        data_source:
          system: ServiceNow incident table
          method: 90th percentile of restoration time per month
        target: "<= 4 h"
        tolerance: "<= 6 h"
        cadence: monthly
        forum: ops-review
        actions: Open a problem record when off target.
        version: 1
        approved_by: Head of Service Management
        approved_on: 2026-01-15
        effective: 2026-02-01
        \(plan)
        history:
          - version: 1
            date: 2026-01-15
            change: First version.
            reason: New objective set.
            approved_by: Head of Service Management
        ---
        Rationale.

        """

    package static let measurements = """
        period,value,note,evidence
        2026-02,3.5,,
        2026-03,3.9,,
        2026-04,3.2,,
        2026-05,3.4,,
        2026-06,3.8,,
        2026-07,3.1,,
        2026-08,3.6,,
        2026-09,3.3,,
        2026-10,3.7,,extract-2026-10.csv

        """

    package static let review = """
        ---
        date: 2026-11-10
        forum: ops-review
        chair: Head of Service Operations
        attendees: [Incident Process Owner]
        objectives: [OBJ-INC-01]
        decisions:
          - objective: OBJ-INC-01
            decision: no-change
            note: On target.
        actions:
          - id: ACT-1
            objective: OBJ-INC-01
            owner: Incident Process Owner
            due: 2026-12-15
            status: open
            text: Check the P1 runbook.
        ---
        Minutes.

        """

    package static let communication = """
        ---
        date: 2026-01-20
        channel: intranet
        audience: All service desk staff
        objectives: [OBJ-INC-01]
        ---
        Published the objectives.

        """

    /// `evident.yml` serving `standards` (ids, comma-separated), for the examples of rules that
    /// apply only to some standards.
    package static func configuration(standards: String) -> String {
        configuration + "standards: [\(standards)]\n"
    }

    /// The base objective evaluated qualitatively (SPEC §8): no metric, data source, target or
    /// tolerance, and an `evaluation` saying how it is evaluated instead.
    package static let qualitativeObjective = objective(replacing: [
        """
        metric:
          name: P1 restoration time, 90th percentile
          definition: Hours from the creation of a P1 ticket to the restoration of service.
          counts: All P1 incidents resolved in the period.
          excludes: Incidents caused by customer-side changes.
          unit: h
        data_source:
          system: ServiceNow incident table
          method: 90th percentile of restoration time per month
        target: "<= 4 h"
        tolerance: "<= 6 h"

        """: "evaluation: The operational review judges each month, from the P1 post-incident reports, whether users were kept informed and service restored without avoidable delay.\n",
    ])

    /// Path inside the content folder → text.
    package static let base: [String: String] = [
        "evident.yml": configuration,
        "policy.md": policy,
        "risks.md": risks,
        "requirements/msa.md": requirement,
        "objectives/OBJ-INC-01.md": objective,
        "measurements/OBJ-INC-01.csv": measurements,
        "reviews/2026-11-10.md": review,
        "communications/2026-01-20.md": communication,
        "evidence/extract-2026-10.csv": "ticket,opened,restored\nINC-1,2026-10-02T10:00,2026-10-02T13:10\n",
    ]

    /// The base objective with some of its text replaced, for compact examples:
    /// `ExampleTree.objective(replacing: ["target: \"<= 4 h\"": "target: ↓\"four hours\""])`.
    package static func objective(replacing edits: KeyValuePairs<String, String>) -> String {
        edit(objective, edits)
    }

    package static func edit(_ text: String, _ edits: KeyValuePairs<String, String>) -> String {
        var out = text
        for (old, new) in edits {
            precondition(out.contains(old), "example edit does not apply: \(old)")
            out = out.replacingOccurrences(of: old, with: new)
        }
        return out
    }
}
