import EvidentModel
import EvidentSupport

/// A revised requirement or a newly approved policy that an objective tracing to it was not
/// reviewed against (SPEC 4 `updated/trigger`), or such a date after the as-of date, which hides
/// the trigger it records.
enum UpdatedTrigger: Rule {
    static let description = RuleDescription(
        id: "updated/trigger", name: "Update trigger not acted on", obligation: .updated, defaultSeverity: .warning,
        summary: "An active objective that references a requirements clause whose file was `revised`, or a policy statement whose policy was approved, after the objective was last approved and last reviewed: the trigger for an update was not acted on. Also a requirements file's `revised` or the policy's `approved_on` dated after the as-of date.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate. The usual reasons to update one are \
            a change to what it serves: a contract renewed with a new clause, a control set revised, a new \
            version of the policy. An auditor who sees a requirement revised in March and an objective last \
            approved in January, and not reviewed since, asks whether anyone looked. The objective does not \
            have to change: a review that names it after the revision (a decision `no-change` is enough), or a \
            new version, shows that the trigger was acted on. A requirements file says when it last changed \
            in `revised`; the policy's date is its `approved_on`. Either date after the as-of date is \
            reported at that date: as of then the source has not changed, or the policy has not been \
            approved, so the date is mistyped, or it records when a change takes effect rather than when \
            it was made, and no objective can be asked to answer it until it is corrected. A version of an \
            objective whose approval is dated after the as-of date is not in force yet, and that approval \
            is what will answer the revisions; while an earlier version is in force that day, its \
            approval (its history entry's date) is the one that counts.
            """,
        triggering: [
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-11-15\n",
            ]), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [↓MSA-7.2]"])]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "version: 1": "version: 2", "approved_on: 2026-01-05": "approved_on: 2026-11-12",
            ]), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [↓POL-1]"])]),
            // A review dated after the as-of date (2026-11-29) has not happened yet: it answers nothing.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-11-15\n",
            ]), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["requirements: [MSA-7.2]": "requirements: [↓MSA-7.2]"]),
            "reviews/2026-12-05.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-12-05", "id: ACT-1": "id: ACT-9"])]),
            // Revised after the as-of date (2026-11-29): a mistyped year, or the day the new contract
            // takes effect; either way the revision it records cannot be answered.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: ↓2027-01-01\n",
            ])]),
            // Version 2 is approved after the as-of date (2026-11-29) and version 1 is in force that day:
            // approved on 2026-01-15 and last reviewed on 2026-11-10, it has not answered the revision.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-11-15\n",
            ]), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "requirements: [MSA-7.2]": "requirements: [↓MSA-7.2]",
                "\nversion: 1": "\nversion: 2", "approved_on: 2026-01-15": "approved_on: 2026-12-10",
                "---\nRationale.": "  - version: 2\n    date: 2026-12-10\n    change: Target tightened.\n    reason: Renewed agreement.\n    approved_by: Head of Service Management\n---\nRationale.",
            ])]),
            // The policy approved after the as-of date: not approved yet.
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "version: 1": "version: 2", "approved_on: 2026-01-05": "approved_on: ↓2026-12-10",
            ])]),
        ],
        nonTriggering: [
            // Reviewed (2026-11-10) after the revision (2026-10-01): acted on.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-10-01\n",
            ])]),
            // Revised before the objective's approval.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2025-11-01\n",
            ])]),
            // Revised after the last review (2026-11-10), but the version is approved after the as-of
            // date (2026-11-29): not in force yet, and its approval is what will answer the revision.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-11-15\n",
            ]), "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 2026-12-10"])]),
            // Revised and approved on the as-of date itself: that day has come.
            RuleExample(["requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, [
                "owner: Commercial Manager\n": "owner: Commercial Manager\nrevised: 2026-11-29\n",
            ]), "policy.md": ExampleTree.edit(ExampleTree.policy, ["approved_on: 2026-01-05": "approved_on: 2026-11-29"]),
            "reviews/2026-11-29.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-29", "id: ACT-1": "id: ACT-9"])]),
        ])

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        var revisedByFile: [String: (Day, String)] = [:]
        for source in model.content.requirements {
            guard let revised = source.revised else { continue }
            let title = source.title?.value ?? source.file
            guard revised.value <= model.asOf else {
                findings.append(description.finding(futureRevision(title, revised: revised.value, asOf: model.asOf), at: revised.location))
                continue
            }
            revisedByFile[source.file] = (revised.value, title)
        }
        // The policy's version and approval, taken out once: not the whole policy for each objective.
        let policyApproved = model.content.policy.flatMap { p in p.approvedOn.map { (version: p.version?.value, day: $0.value) } }
        if let approved = model.content.policy?.approvedOn, approved.value > model.asOf {
            findings.append(description.finding(futureApproval(version: model.content.policy?.version?.value, approved: approved.value, asOf: model.asOf),
                                                at: approved.location))
        }
        for o in model.activeObjectives {
            guard let id = o.idText else { continue }
            // A version approved after the as-of date is not in force yet: its approval, to come,
            // is what answers the revisions (the date is the one finding, SPEC 4.1).
            if model.approvalIsPending(o) { continue }
            // Acted on: approved (the version in force) or reviewed on or after the trigger.
            let approved = model.approvalInForce(of: o)?.day, reviewed = model.lastReviewed(o)
            let actedOn = if let approved, let reviewed { max(approved, reviewed) } else { approved ?? reviewed }
            func missed(_ trigger: Day) -> Bool { actedOn.map { $0 < trigger } ?? true }
            // One finding per source: three clauses of one revised contract are one trigger.
            var reported: Set<String> = []
            for ref in o.requirements {
                guard let clause = model.clausesByID[ref.value], let (revised, title) = revisedByFile[clause.file],
                      missed(revised), reported.insert(clause.file).inserted else { continue }
                findings.append(description.finding(
                    requirement(id, clause: ref.value, source: title, revised: revised, actedOn: actedOn),
                    at: ref.location, objective: id))
            }
            if let (version, approved) = policyApproved, approved <= model.asOf, missed(approved),
               let ref = o.policy.first(where: { model.statementsByID.keys.contains($0.value) }) {
                findings.append(description.finding(
                    policyMessage(id, statement: ref.value, version: version, approved: approved, actedOn: actedOn),
                    at: ref.location, objective: id))
            }
        }
        return findings
    }

    // MARK: messages

    static func requirement(_ id: String, clause: String, source: String, revised: Day, actedOn: Day?) -> String {
        "\(codeSpan(clause)) comes from \(codeSpan(source)), revised on \(revised), after \(codeSpan(id)) was last approved or reviewed\(since(actedOn)). Review \(codeSpan(id)) against the revised requirement and record the outcome: a review decision naming \(codeSpan(id)) (even `no-change`), or a new version."
    }

    static func policyMessage(_ id: String, statement: String, version: Int?, approved: Day, actedOn: Day?) -> String {
        let which = version.map { "version \($0) of the policy" } ?? "the policy"
        return "Policy statement \(codeSpan(statement)) is part of \(which), approved on \(approved), after \(codeSpan(id)) was last approved or reviewed\(since(actedOn)). Review \(codeSpan(id)) against the new policy and record the outcome: a review decision naming \(codeSpan(id)) (even `no-change`), or a new version."
    }

    static func futureRevision(_ source: String, revised: Day, asOf: Day) -> String {
        "\(codeSpan(source)) says it was `revised` on \(revised), after the as-of date \(asOf): as of then it has not changed, so the objectives tracing to it cannot be asked to answer the change. Write the day the source changed (not the day a change takes effect), or correct a mistyped date."
    }

    static func futureApproval(version: Int?, approved: Day, asOf: Day) -> String {
        let which = version.map { "Version \($0) of the policy" } ?? "The policy"
        return "\(which) says it was approved on \(approved) (`approved_on`), after the as-of date \(asOf): as of then it has not been approved, so no objective can be checked against it. Write the day the approval was given, or correct a mistyped date; until the approval, keep the version in force in `policy.md`."
    }

    private static func since(_ day: Day?) -> String { day.map { " (\($0))" } ?? " (never)" }
}
