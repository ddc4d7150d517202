import EvidentSupport

/// `policy.html`: the policy, and for each statement the objectives that serve it.
enum PolicyPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let policy = site.content.policy
        var serving: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives {
            for ref in Set(site.content.objectives[s.index].policy.map(\.value)) { serving[ref, default: []].append(s) }
        }
        let statements = (policy?.statements ?? []).map { st -> View in
            let objectives = (serving[st.id.value] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
            return [
                "id": View(st.id.value),
                "anchor": View(site.statementAnchors[st.id.value] ?? "statement"),
                "text": View(st.text),
                "objectives": PageContext.table(objectives.map { PageContext.objectiveRow(site, $0) }),
                "uncovered": View(!objectives.contains { $0.lifecycle == .active }),
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .policy }
        let values: ViewObject = [
            "policy": policy.map { p -> View in
                [
                    "title": View(p.title?.value ?? "Service management policy"),
                    "version": PageContext.text(p.version.map { String($0.value) }),
                    "approvedBy": PageContext.text(p.approvedBy?.value),
                    "approvedOn": PageContext.day(p.approvedOn?.value),
                    // Dated after the as-of date: not approved yet (`updated/trigger` reports it).
                    "approvalPending": View(p.approvedOn.map { $0.value > site.model.asOf } ?? false),
                    "source": View(site.relative(p.file)),
                    "body": PageContext.html(site.htmlBytes(p.body, from: p.file, root: "", under: 2)),
                ]
            } ?? false,
            "statements": PageContext.list(statements),
            "findings": PageContext.findings(site, findings),
        ]
        return PageOutput(path: "policy.html", template: "pages/policy",
                          context: PageContext.page(site, section: "policy", root: "", title: policy?.title?.value ?? "Policy", values))
    }

}
