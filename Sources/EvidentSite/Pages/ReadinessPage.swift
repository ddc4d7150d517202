import EvidentCheck
import EvidentModel
import EvidentSupport

/// `readiness.html`: for each obligation of clause 6.2.1, its status, the rules that check it and
/// their findings; then the traceability matrix of active objectives against policy statements
/// and requirement clauses.
enum ReadinessPage {
    /// Up to this many statements and clauses, the matrix has a column for each; beyond it (a real
    /// requirement set can hold thousands of clauses) each row lists what the objective traces to.
    static let gridColumnLimit = 40

    /// The eight obligations, and `syntax` first when some content could not be read.
    static func shownObligations(_ result: CheckResult) -> [Obligation] {
        Obligation.allCases.filter { $0 != .syntax || result.findings.contains { $0.obligation == .syntax } }
    }

    /// Ready when nothing fails and nothing warns.
    static func overall(_ result: CheckResult) -> ObligationStatus {
        let statuses = Obligation.allCases.map { result.status(of: $0) }
        if statuses.contains(.fail) { return .fail }
        if statuses.contains(.warn) { return .warn }
        return .pass
    }

    static func make(_ site: SiteIndex) -> PageOutput {
        let result = site.result
        let rules = RuleRegistry.all.map { $0.description }
        let obligations = shownObligations(result).map { ob -> [String: Any] in
            let own = result.findings.filter { $0.obligation == ob }
            return [
                "key": ob.rawValue,
                "anchor": "obligation-\(ob.rawValue)",
                "title": ob.title,
                "status": site.badge(PageContext.kind(result.status(of: ob))),
                "counts": own.isEmpty ? "No findings" : FindingsReport.counts(own),
                "rules": rules.filter { $0.obligation == ob }.map(\.id).joined(separator: ", "),
                "findings": PageContext.findings(site, own, root: ""),
            ]
        }

        let statements = site.content.policy?.statements ?? []
        let clauses = site.content.requirements.flatMap(\.clauses)
        let active = site.objectives.filter { $0.lifecycle == .active }.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let grid = statements.count + clauses.count <= gridColumnLimit
        let columns = statements.map { s -> [String: Any] in
            ["id": s.id.value, "href": site.statementAnchors[s.id.value].map { "policy.html#\($0)" } ?? "policy.html", "kind": "statement"]
        } + clauses.map { c -> [String: Any] in
            ["id": c.id.value, "href": site.clauseAnchors[c.id.value].map { "requirements.html#\($0)" } ?? "requirements.html", "kind": "clause"]
        }
        // One row per active objective, written here rather than through Mustache (see
        // `PageContext.rowsTable`); the template keeps the table, its caption and header.
        var html = TextBuffer()
        html.reserveCapacity(active.count * (grid ? 200 + 60 * columns.count : 400))
        for s in active {
            let o = site.content.objectives[s.index]
            if grid {
                let policy = Set(o.policy.map(\.value)), reqs = Set(o.requirements.map(\.value))
                html += "      <tr><th scope=\"row\">"
                PageContext.appendLink(s.href, s.id, into: &html)
                html += "</th>"
                for traced in statements.map({ policy.contains($0.id.value) }) + clauses.map({ reqs.contains($0.id.value) }) {
                    html += traced ? "<td><span aria-hidden=\"true\">✓</span><span class=\"visually-hidden\">traced</span></td>" : "<td></td>"
                }
                html += "</tr>\n"
            } else {
                html += "      <tr>\n        <th scope=\"row\">"
                PageContext.appendLink(s.href, s.id, into: &html)
                html += "</th>\n        <td>"
                if o.policy.isEmpty { html += "<span class=\"missing\">None</span>" }
                for ref in o.policy {
                    reference(ref.value, href: site.statementAnchors[ref.value].map { "policy.html#\($0)" }, into: &html)
                }
                html += "</td>\n        <td>"
                if o.requirements.isEmpty {
                    if let note = o.requirementsNote?.value, !note.isEmpty {
                        html += "<span class=\"ref-text\">None apply: "
                        HTMLText.escape(note, into: &html)
                        html += "</span>"
                    } else {
                        html += "<span class=\"missing\">None</span>"
                    }
                }
                for ref in o.requirements {
                    reference(ref.value, href: site.clauseAnchors[ref.value].map { "requirements.html#\($0)" }, into: &html)
                }
                html += "</td>\n      </tr>\n"
            }
        }
        let values: [String: Any] = [
            "overall": site.badge(PageContext.kind(overall(result))),
            "summary": PageContext.summary(result),
            "obligations": obligations,
            "matrix": [
                "grid": grid,
                "statementCount": statements.count,
                "clauseCount": clauses.count,
                "hasStatements": !statements.isEmpty,
                "hasClauses": !clauses.isEmpty,
                "columns": columns,
                "rowsHTML": PageContext.rows(html.text),
                "hasRows": !active.isEmpty,
            ] as [String: Any],
        ]
        return PageOutput(path: "readiness.html", template: "pages/readiness",
                          context: PageContext.page(site, section: "readiness", root: "", title: "Audit readiness", values))
    }

    /// A statement or clause an objective traces to, followed by a space: a link, or the id
    /// alone when nothing declares it.
    static func reference(_ id: String, href: String?, into out: inout TextBuffer) {
        PageContext.appendReference(id, href: href, into: &out)
        out += " "
    }
}
