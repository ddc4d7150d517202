import EvidentModel

/// A field of the wrong type or format. Reported while loading, at the value.
package enum SyntaxType: Sendable {
    package static let description = RuleDescription(
        id: "syntax/type", name: "Field type", obligation: .syntax, defaultSeverity: .error,
        summary: "A field of the wrong type or format (date, number, list, enum value), a placeholder (`TBD`, `n/a`) where an answer is due, or a field a record needs left out (a review's `date` or `forum`, an action's `owner`, `due` or `text`, a communication's `channel` or `audience`…).",
        rationale: """
            Dates, version numbers, lists of references and fixed vocabularies (status, cadence, decision, \
            channel) are what the rules compute with. A value of the wrong form would silently drop out of \
            every check, so it is reported where it stands, and only here: no other rule then calls the \
            field missing. A single value where a list is expected is a list of one; a plain value with \
            commas is read as the list it means, and reported once. A field that must say something in \
            words (an `evaluation`, the parts of a `plan`, a `requirements_note`…) is not a true/false or a \
            number: `evaluation: true` is no evaluation, `requirements_note: no` no reason. Nor is it a \
            placeholder, quoted or not (`TBD`, `TBC`, `TODO`, `n/a`, `-`, `?`, `...`, `xxx`, "to be \
            defined"): `resources: TBD` holds the place of the plan's resources without naming any, and \
            `risks_note: N/A` says that no risk applies but not why. The same holds for every other field \
            an auditor reads as an answer, though a number there is text: an objective's title, statement, \
            owner, actions and approver, the metric's and the data source's texts, a history entry's \
            change, reason and approver, the policy's approver, the text of a statement, risk or clause, a \
            source's owner, the organisation, scope and function owners of evident.yml, a review's chair, \
            decision notes and actions, a communication's audience (`metric.definition: TBD`, \
            `approved_by: TBC`). An auditor reads such a field as missing, so it is reported here, at the \
            value, and no rule calls it missing as well. So is a metric's `unit` of `TBD`, `?`, `-` or \
            `n/a`: values without a unit leave `unit` out (`%` and `x` are units); an item of \
            `contributors` or `attendees` that names no one (`attendees: [Service Desk Lead, TBD]`), which \
            is left out of the list; and the `note` of a known gap in a measurements file (a row with no \
            value), which is the answer to why there is none. A policy \
            statement, a risk of the register and a requirement clause need their `text` as well as their \
            `id`: what names them is judged against what they say. A review's decision needs its \
            `decision` (no-change, update, retire or escalate): an item that names an objective without \
            it records that the objective was discussed, not what was decided, so no rule counts it as \
            a decision (list the objective in `objectives` when it was only discussed). The records an \
            auditor asks for need what makes them evidence: a review its `date` and its `forum` (when \
            and by which meeting the objectives were reviewed); a review's action its `owner`, its `due` \
            date and its `text` (ISO 20000-1 and ISO 9001 6.2.2 ask who is responsible, when it will be \
            completed and what will be done); a communication its `date`, its `channel` and its \
            `audience` (when, how and to whom, clause 7.4). The fields a record leaves out are named in \
            one finding, at the action or at the first line of the file. An action that leaves any out \
            cannot be followed up: it is never overdue and it answers no result off target \
            (`monitored/persistent-off-target`); a communication with no audience shows no one was told, \
            so it does not count for `communicated/missing`. A field given in a form that cannot be \
            read is reported once, at its value, and the record counts as if it were complete. An `id` \
            that holds a character that shows as nothing (a zero-width space, a byte order mark, a \
            direction control such as U+202E, which also reorders what is shown around it) reads as \
            another id on every page and in every register, and a reference typed as it reads does not \
            name it: it is reported at the value and still read, so what names it finds it.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: ↓15/01/2026"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["cadence: monthly": "cadence: ↓montly"])]),
            // A zero-width space, pasted in with the id: `OBJ-INC-01` on the page, another id.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓\"OBJ-INC-01\\u200B\""])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["version: 1\napproved_by": "version: ↓one\napproved_by"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: ↓{ id: POL-1 }"])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "owner: Incident Process Owner": "owner: Incident Process Owner\ncontributors: ↓Service Desk Lead, Problem Manager",
            ])]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.edit(ExampleTree.qualitativeObjective, [
                    "\nevaluation: The operational review judges": "\nevaluation: ↓true\n# The operational review judges",
                ]),
            ]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  resources: Two days of the ITSM administrator; no spend.": "  resources: ↓0",
            ])]),
            // A placeholder is no answer, quoted or not.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  resources: Two days of the ITSM administrator; no spend.": "  resources: ↓TBD",
                "  responsible: Incident Process Owner": "  responsible: ↓\"-\"",
            ])]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso27001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\nrisks_note: ↓N/A\n"]),
            ]),
            // Nor is a placeholder an answer in the fields an auditor reads as one, family by family:
            // the objective's own, its metric and data source, its history, the registers, evident.yml,
            // a review and a communication.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "title: Restore priority-1 incidents quickly": "title: ↓TBD",
                "actions: Open a problem record when off target.": "actions: ↓\"...\"",
                "approved_by: Head of Service Management\napproved_on": "approved_by: ↓TBC\napproved_on",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  definition: Hours from the creation of a P1 ticket to the restoration of service.": "  definition: ↓To be defined.",
                "  excludes: Incidents caused by customer-side changes.": "  excludes: ↓n/a",
                "  method: 90th percentile of restoration time per month": "  method: ↓\"?\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "    reason: New objective set.": "    reason: ↓TODO",
                "    approved_by: Head of Service Management": "    approved_by: ↓tbc",
            ])]),
            RuleExample([
                "policy.md": ExampleTree.edit(ExampleTree.policy, ["approved_by: Chief Information Officer": "approved_by: ↓TBD"]),
                "risks.md": ExampleTree.edit(ExampleTree.risks, [
                    "    text: A priority-1 incident waits for an engineer outside office hours.": "    text: ↓xxx",
                ]),
                "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                    "owner: Commercial Manager": "owner: ↓TBA",
                    "    text: Priority 1 incidents are restored within 4 hours.": "    text: ↓\"-\"",
                ]),
            ]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "scope: IT services for the example business units": "scope: ↓TBD",
                "    owner: Incident Process Owner": "    owner: ↓N/A",
            ])]),
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                    "chair: Head of Service Operations": "chair: ↓TBD",
                    "    note: On target.": "    note: ↓n/a",
                    "    owner: Incident Process Owner": "    owner: ↓TBD",
                    "    text: Check the P1 runbook.": "    text: ↓FIXME",
                ]),
                "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["audience: All service desk staff": "audience: ↓To be confirmed"]),
            ]),
            // A unit, the names of contributors and attendees, and the reason for a known gap.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: ↓n/a",
                    "owner: Incident Process Owner\n": "owner: Incident Process Owner\ncontributors: [Service Desk Lead, ↓TBD]\n",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["attendees: [Incident Process Owner]": "attendees: ↓\"?\""]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,,↓TBD,"]),
            ]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["  unit: h": "  unit: ↓\"-\""])]),
            // A register entry that says nothing: objectives could name it but not be judged against it.
            RuleExample(["risks.md": ExampleTree.edit(ExampleTree.risks, [
                "  - id: R-1\n    text: A priority-1 incident waits for an engineer outside office hours.\n": "  - ↓id: R-1\n",
            ])]),
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "  - id: MSA-7.2\n    text: Priority 1 incidents are restored within 4 hours.\n": "  - ↓id: MSA-7.2\n    text: \"\"\n",
            ])]),
            RuleExample(["evident.yml": ExampleTree.configuration
                + "  - id: legacy-fax\n    name: Fax gateway\n    level: service\n    excluded: true\n    justification: ↓yes\n"]),
            // A decision that does not say what was decided.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "  - objective: OBJ-INC-01\n    decision: no-change\n": "  - ↓objective: OBJ-INC-01\n",
            ])]),
            // Records that leave out what makes them evidence: an action with no owner or due date
            // (one finding, at the item), one that says nothing of what is to be done, a review that
            // does not say which forum met, a communication that does not say how or to whom.
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "  - id: ACT-1\n": "  - ↓id: ACT-1\n", "    owner: Incident Process Owner\n    due: 2026-12-15\n": "",
            ])]),
            RuleExample(["reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, [
                "  - id: ACT-1\n": "  - ↓id: ACT-1\n", "    text: Check the P1 runbook.\n": "    text: \"\"\n",
            ])]),
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["---\ndate: 2026-11-10\nforum: ops-review\n": "↓---\ndate: 2026-11-10\n"]),
                "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, [
                    "---\ndate: 2026-01-20\nchannel: intranet\naudience: All service desk staff\n": "↓---\ndate: 2026-01-20\n",
                ]),
            ]),
            // Given in a form that cannot be read, a required field is that one finding, at the value.
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["due: 2026-12-15": "due: ↓15/12/2026", "forum: ops-review": "forum: ↓[ops-review]"]),
                "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["channel: intranet": "channel: ↓fax"]),
            ]),
        ],
        nonTriggering: [
            RuleExample([:]),
            // A single value where a list is expected is a list of one.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: POL-1"])]),
            // Outside an id, a joiner or a soft hyphen is part of the text: an emoji, a break point.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "title: Restore priority-1 incidents quickly": "title: \"Restore priority-1 incidents quickly \\U0001F469\\u200D\\U0001F4BB, in\\u00ADfra\"",
            ])]),
            // Quoted, a true/false or a number is text.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  resources: Two days of the ITSM administrator; no spend.": "  resources: \"0\"",
            ])]),
            // "None" can be an answer; a placeholder inside a sentence is the sentence's business.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  resources: Two days of the ITSM administrator; no spend.": "  resources: None beyond the administrator's usual hours.",
                "  what: Route P1 incidents straight to the resolver group's on-call rota.": "  what: Route P1 incidents to the on-call rota (the rota itself is TBD with HR).",
            ])]),
            // The same in the other fields that answer: "none", and a sentence with a placeholder in it.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "title: Restore priority-1 incidents quickly": "title: Restore priority-1 incidents quickly (wording TBC)",
                    "  definition: Hours from the creation of a P1 ticket to the restoration of service.": "  definition: Hours from the creation of a P1 ticket to restoration; pauses TBD with the vendor.",
                    "  excludes: Incidents caused by customer-side changes.": "  excludes: None",
                    "    reason: New objective set.": "    reason: New objective set; the review date is TBC.",
                ]),
                "evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                    "scope: IT services for the example business units": "scope: IT services for the example business units (field offices TBD)",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["    note: On target.": "    note: On target; n/a for the trend, too few months."]),
                "communications/2026-01-20.md": ExampleTree.edit(ExampleTree.communication, ["audience: All service desk staff": "audience: All staff, contractors TBD"]),
            ]),
            // `x` (times) and `%` are units; "none" is a name here too; beside a value a note is a
            // remark, of which nothing is asked; a known gap with a reason.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "  unit: h": "  unit: x", "target: \"<= 4 h\"": "target: \"<= 4 x\"", "tolerance: \"<= 6 h\"": "tolerance: \"<= 6 x\"",
                    "owner: Incident Process Owner\n": "owner: Incident Process Owner\ncontributors: [Service Desk Lead, TBD team lead]\n",
                ]),
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["attendees: [Incident Process Owner]": "attendees: [Incident Process Owner, None from the supplier]"]),
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,,Export failed; TBD with the vendor,", "2026-08,3.6,,": "2026-08,3.6,n/a,"]),
            ]),
        ])
}
