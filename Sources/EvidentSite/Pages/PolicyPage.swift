import EvidentSupport

/// `policy.html`: the policy, and for each statement the objectives that serve it.
enum PolicyPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let policy = site.content.policy
        var serving: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives {
            for ref in Set(site.content.objectives[s.index].policy.map(\.value)) { serving[ref, default: []].append(s) }
        }
        let statements = (policy?.statements ?? []).map { st -> [String: Any] in
            let objectives = (serving[st.id.value] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
            return [
                "id": st.id.value,
                "anchor": site.statementAnchors[st.id.value] ?? "statement",
                "text": st.text,
                "objectives": PageContext.table(objectives.map { PageContext.objectiveRow(site, $0) }),
                "uncovered": !objectives.contains { $0.lifecycle == .active },
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .policy }
        let values: [String: Any] = [
            "policy": policy.map { p -> [String: Any] in
                [
                    "title": p.title?.value ?? "Service management policy",
                    "version": PageContext.text(p.version.map { String($0.value) }),
                    "approvedBy": PageContext.text(p.approvedBy?.value),
                    "approvedOn": PageContext.day(p.approvedOn?.value),
                    "source": site.relative(p.file),
                    "body": PageContext.text(site.html(p.body, from: p.file, root: "", under: 2)),
                ]
            } ?? false,
            "statements": PageContext.list(statements),
            "findings": PageContext.findings(site, findings, root: ""),
        ]
        return PageOutput(path: "policy.html", template: "pages/policy",
                          context: PageContext.page(site, section: "policy", root: "", title: policy?.title?.value ?? "Policy", values))
    }

}
