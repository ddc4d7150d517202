import EvidentModel
import EvidentSupport

/// `register.html`: every objective in one table. The table is complete without JavaScript; the
/// theme's script adds sorting and filtering, reading the `data-` values written here.
enum RegisterPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let model = site.model
        let levelOrder = Dictionary(model.configuration.levels.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let rows = sorted.map { s -> [String: Any] in
            let o = site.content.objectives[s.index]
            return [
                "id": s.id,
                "title": s.title,
                "href": s.href,
                "lifecycle": site.badge(PageContext.kind(s.lifecycle)),
                "result": site.badge(PageContext.kind(s.result)),
                "levelID": s.levelID ?? "",
                "level": PageContext.text(site.levelName(s.levelID)),
                "levelOrder": s.levelID.flatMap { levelOrder[$0] } ?? 99,
                "function": site.functionName(s.functionID) ?? "",
                "owner": s.owner ?? "",
                "target": o.target?.value ?? "",
                "latest": PageContext.latestText(s),
                "latestValue": s.latest?.value.map(PageContext.number) ?? "",
                "attention": DashboardPage.attention(s.result),
                "lastReviewed": model.lastReviewed(o)?.description ?? "",
                "findingCount": s.findings.count,
            ]
        }
        let owners = Set(site.objectives.compactMap(\.owner)).sorted().map { ["value": $0, "label": $0] }
        let levels = model.configuration.levels.map { ["value": $0.id, "label": $0.name] }
        let values: [String: Any] = [
            "register": PageContext.table(rows),
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
