import EvidentModel
import EvidentSupport

/// `register.html`: every objective in one table. The table is complete without JavaScript; the
/// theme's script adds sorting and filtering, reading the `data-` values written here.
enum RegisterPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let model = site.model
        let levelOrder = Dictionary(model.configuration.levels.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        // One row per objective, written here rather than through Mustache (see
        // `PageContext.rowsTable`); the template keeps the table, its caption and header.
        var html = TextBuffer()
        html.reserveCapacity(sorted.count * 900)
        for s in sorted {
            let o = site.content.objectives[s.index]
            let reviewed = model.lastReviewed(o)?.description ?? ""
            html += "    <tr data-lifecycle=\""
            HTMLText.escape(s.lifecycle.rawValue, into: &html)
            html += "\" data-result=\""
            HTMLText.escape(s.result.rawValue, into: &html)
            html += "\" data-level=\""
            HTMLText.escape(s.levelID ?? "", into: &html)
            html += "\" data-owner=\""
            HTMLText.escape(s.owner ?? "", into: &html)
            html += "\">\n      <th scope=\"row\">"
            PageContext.appendLink(s.href, s.id, into: &html)
            html += "</th>\n      <td class=\"title-cell\">"
            HTMLText.escape(s.title, into: &html)
            html += "</td>\n      <td>"
            html.append(site.badgeHTML(PageContext.kind(s.lifecycle)))
            html += "</td>\n      <td data-value=\""
            html.append(String(s.levelID.flatMap { levelOrder[$0] } ?? 99))
            html += "\">"
            HTMLText.escape(site.functionName(s.functionID) ?? "", into: &html)
            if let level = site.levelName(s.levelID), !level.isEmpty {
                html += "<span class=\"cell-note\">"
                HTMLText.escape(level, into: &html)
                html += "</span>"
            }
            html += "</td>\n      <td>"
            HTMLText.escape(s.owner ?? "", into: &html)
            html += "</td>\n      <td class=\"num\">"
            HTMLText.escape(o.target?.value ?? "", into: &html)
            html += "</td>\n      <td class=\"num\" data-value=\""
            HTMLText.escape(s.latest?.value.map(PageContext.number) ?? "", into: &html)
            html += "\">"
            HTMLText.escape(PageContext.latestText(s), into: &html)
            html += "</td>\n      <td data-value=\""
            html.append(String(DashboardPage.attention(s.result)))
            html += "\">"
            html.append(site.badgeHTML(s.result))
            html += "</td>\n      <td data-value=\""
            HTMLText.escape(reviewed, into: &html)
            html += "\">"
            HTMLText.escape(reviewed, into: &html)
            html += "</td>\n      <td class=\"num\">"
            html.append(String(s.findings.count))
            html += "</td>\n    </tr>\n"
        }
        let owners = Set(site.objectives.compactMap(\.owner)).sorted().map { ["value": $0, "label": $0] }
        let levels = model.configuration.levels.map { ["value": $0.id, "label": $0.name] }
        let values: [String: Any] = [
            "register": PageContext.rowsTable(html.text, count: sorted.count),
            "count": sorted.count,
            "filters": [
                "lifecycles": Objective.Status.allCases.map { ["value": $0.rawValue, "label": site.badge(PageContext.kind($0))["label"] ?? $0.rawValue] },
                "results": ValueStatus.allCases.map { ["value": $0.rawValue, "label": $0.label] },
                "levels": levels,
                "owners": owners,
            ] as [String: Any],
        ]
        return PageOutput(path: "register.html", template: "pages/register",
                          context: PageContext.page(site, section: "register", root: "", title: "Register of objectives", values))
    }
}
