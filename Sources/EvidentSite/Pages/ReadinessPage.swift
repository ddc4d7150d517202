import EvidentCheck
import EvidentModel
import EvidentSupport

/// `readiness.html`: for each configured standard, the items of its clause 6.2 under its own
/// numbering, each with its status, the rules that check it and the findings that bear on it; then
/// the traceability matrix of active objectives against policy statements and requirement clauses.
enum ReadinessPage {
    /// Up to this many statements and clauses, the matrix has a column for each; beyond it (a real
    /// requirement set can hold thousands of clauses) each row lists what the objective traces to.
    static let gridColumnLimit = 40

    /// Ready when nothing fails and nothing warns, and there was something to judge.
    static func overall(_ result: CheckResult) -> ObligationStatus {
        StandardReadiness.worst(Obligation.allCases.map { result.status(of: $0) })
    }

    static func make(_ site: SiteIndex) -> PageOutput {
        let result = site.result
        let standards = StandardReadiness.all(result).map { StandardViews.standard(site, $0, withFindings: true) }

        let statements = site.content.policy?.statements ?? []
        let clauses = site.content.requirements.flatMap(\.clauses)
        let active = site.objectives.filter { $0.lifecycle == .active }.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let grid = statements.count + clauses.count <= gridColumnLimit
        let columns = statements.map { s -> View in
            ["id": View(s.id.value), "href": View(site.statementAnchors[s.id.value].map { "policy.html#\($0)" } ?? "policy.html"), "kind": "statement"]
        } + clauses.map { c -> View in
            ["id": View(c.id.value), "href": View(site.clauseAnchors[c.id.value].map { "requirements.html#\($0)" } ?? "requirements.html"), "kind": "clause"]
        }
        let rows = active.map { s -> View in
            let o = site.content.objectives[s.index]
            var row: ViewObject = ["id": View(s.id), "href": View(s.href)]
            if grid {
                let policy = Set(o.policy.map(\.value)), reqs = Set(o.requirements.map(\.value))
                row["cells"] = View((statements.map { policy.contains($0.id.value) } + clauses.map { reqs.contains($0.id.value) })
                    .map { ["traced": View($0)] as View })
            } else {
                row["policy"] = PageContext.list(o.policy.map { ref in
                    ["id": View(ref.value), "href": PageContext.text(site.statementAnchors[ref.value].map { "policy.html#\($0)" })] as View
                })
                row["requirements"] = PageContext.list(o.requirements.map { ref in
                    ["id": View(ref.value), "href": PageContext.text(site.clauseAnchors[ref.value].map { "requirements.html#\($0)" })] as View
                })
                row["requirementsNote"] = PageContext.text(o.requirementsNote?.value)
            }
            return .object(row)
        }
        let values: ViewObject = [
            "overall": site.badge(PageContext.kind(overall(result))),
            "summary": View(PageContext.summary(result)),
            "standards": View(standards),
            "unreadable": StandardViews.unreadable(site),
            "matrix": [
                "grid": View(grid),
                "statementCount": View(statements.count),
                "clauseCount": View(clauses.count),
                "hasStatements": View(!statements.isEmpty),
                "hasClauses": View(!clauses.isEmpty),
                "columns": View(columns),
                "rows": View(rows),
                "hasRows": View(!active.isEmpty),
            ] as View,
        ]
        return PageOutput(path: "readiness.html", template: "pages/readiness",
                          context: PageContext.page(site, section: "readiness", root: "", title: "Audit readiness", values))
    }
}
