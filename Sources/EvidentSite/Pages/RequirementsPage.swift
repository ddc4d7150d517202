import EvidentModel
import EvidentSupport

/// `requirements.html`: each source of requirements, its clauses, and the objectives that take
/// each clause into account (or why none needs to).
enum RequirementsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        var addressing: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives {
            for ref in Set(site.content.objectives[s.index].requirements.map(\.value)) { addressing[ref, default: []].append(s) }
        }
        let sources = site.content.requirements.enumerated().map { i, source -> [String: Any] in
            // One row per clause, written here rather than through Mustache (see
            // `PageContext.rowsTable`); the template keeps the table and its header.
            var html = TextBuffer()
            for c in source.clauses {
                let objectives = (addressing[c.id.value] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
                let covered = objectives.contains { $0.lifecycle == .active }
                let unaddressed = !covered && c.addressedElsewhere == nil
                html += "      <tr id=\""
                HTMLText.escape(site.clauseAnchors[c.id.value] ?? "clause", into: &html)
                html += unaddressed ? "\" class=\"is-uncovered\">\n        <th scope=\"row\">" : "\">\n        <th scope=\"row\">"
                HTMLText.escape(c.id.value, into: &html)
                html += "</th>\n        <td>"
                HTMLText.escape(c.text, into: &html)
                html += "</td>\n        <td>\n          "
                for s in objectives {
                    PageContext.appendLink(s.href, s.id, into: &html)
                    html += " "
                    html.append(PageContext.stateBadgeHTML(site, s))
                    html += "<br>"
                }
                html += "\n          "
                if let elsewhere = c.addressedElsewhere?.value, !elsewhere.isEmpty {
                    html += "<span class=\"addressed-elsewhere\">Addressed elsewhere: "
                    HTMLText.escape(elsewhere, into: &html)
                    html += "</span>"
                }
                html += "\n          "
                if unaddressed {
                    html += "<span class=\"badge badge-uncovered\"><span class=\"badge-icon\" aria-hidden=\"true\">▲</span> Not addressed</span>"
                }
                html += "\n        </td>\n      </tr>\n"
            }
            let owner = source.owner?.value
            return [
                "anchor": site.sourceAnchors[i],
                "title": source.title?.value ?? SiteIndex.fileStem(source.file),
                "kind": PageContext.text(source.kind.map { kindLabel($0.value) }),
                "reference": PageContext.text(source.reference?.value),
                "owner": PageContext.text(owner),
                "ownerHref": PageContext.text(site.ownerHref(owner)),
                "source": site.relative(source.file),
                "body": PageContext.text(site.html(source.body, from: source.file, root: "", under: 2)),
                "clauses": PageContext.rowsTable(html.text, count: source.clauses.count),
                "clauseCount": source.clauses.count,
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .requirements }
        let values: [String: Any] = [
            "sources": PageContext.list(sources),
            "findings": PageContext.findings(site, findings, root: ""),
        ]
        return PageOutput(path: "requirements.html", template: "pages/requirements",
                          context: PageContext.page(site, section: "requirements", root: "", title: "Applicable requirements", values))
    }

    static func kindLabel(_ kind: RequirementSource.Kind) -> String {
        switch kind {
        case .contract: "Contract"
        case .internalControl: "Internal control"
        case .serviceCommitment: "Service commitment"
        case .legal: "Legal"
        case .standard: "Standard"
        }
    }
}
