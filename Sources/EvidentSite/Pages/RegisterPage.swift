import EvidentCheck
import EvidentModel
import EvidentSupport

/// `register.html`: every objective in one table. The table is complete without JavaScript; the
/// theme's script adds sorting and filtering, reading the `data-` values written here.
enum RegisterPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let model = site.model
        let levelOrder = Dictionary(model.configuration.levels.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let row = { @Sendable (i: Int) -> View in
            let s = sorted[i], o = site.content.objectives[s.index]
            let latest = PageContext.latestText(s)
            let register: ViewObject = [
                "id": View(s.id),
                "title": View(s.title),
                "href": View(s.href),
                "lifecycle": site.badge(PageContext.kind(s.lifecycle)),
                "result": site.badge(s.resultKind),
                "levelID": View(s.levelID ?? ""),
                "level": PageContext.text(site.levelName(s.levelID)),
                "levelOrder": View(s.levelID.flatMap { levelOrder[$0] } ?? 99),
                "function": View(site.functionName(s.functionID) ?? ""),
                "owner": View(s.owner ?? ""),
                "target": View((s.inForce.map(\.target) ?? o.target?.value) ?? ""),
                "laterVersion": PageContext.laterVersion(s),
                "targetFrom": PageContext.day(s.thresholdsLater?.from),
                "latest": View(latest),
                "longLatest": View(PageContext.isLong(latest)),
                "latestValue": View(s.latest?.value.map(PageContext.number) ?? ""),
                "attention": View(DashboardPage.attention(s)),
                "lastReviewed": View(model.lastReviewed(o)?.description ?? ""),
                "findingCount": View(s.findings.counted),
            ]
            // Every value of an objective row (templates/README.md) is there too, as in every list
            // of objectives: a theme's row that reads `ownerHref` or `state` gets it, not a blank.
            guard case .object(let objectiveRow) = PageContext.objectiveRow(site, s) else { return .object(register) }
            return .object(register.adding(objectiveRow))
        }
        let owners = NameOrder.sorted(Set(site.objectives.compactMap(\.owner))).map { ["value": View($0), "label": View($0)] as View }
        let levels = model.configuration.levels.map { ["value": View($0.id), "label": View($0.name)] as View }
        let values: ViewObject = [
            "register": PageContext.table(count: sorted.count, row: row),
            "count": View(sorted.count),
            "countText": View(FindingsReport.plural(sorted.count, "objective")),
            "filters": [
                "lifecycles": View(Objective.Status.allCases.map { ["value": View($0.rawValue), "label": View(PageContext.badgeLabel(PageContext.kind($0)))] as View }),
                "results": View(PageContext.resultKinds(site.objectives).map { ["value": View($0), "label": View(PageContext.badgeLabel($0))] as View }),
                "levels": View(levels),
                "owners": View(owners),
            ] as View,
        ]
        return PageOutput(path: "register.html", template: "pages/register",
                          context: PageContext.page(site, section: "register", root: "", title: "Register of objectives", values))
    }
}
