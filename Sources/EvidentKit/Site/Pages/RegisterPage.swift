/// `register.html`: every objective in one table. The table is complete without JavaScript; the
/// theme's script adds sorting and filtering, reading the `data-` values written here.
enum RegisterPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let model = site.model
        let levelOrder = Dictionary(model.configuration.levels.enumerated().map { ($1.id, $0) }) { first, _ in first }
        let rows = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }.map { s -> [String: Any] in
            let o = site.content.objectives[s.index]
            var row = PageContext.objectiveRow(site, s)
            row["lifecycleKey"] = s.lifecycle.rawValue
            row["resultKey"] = s.result.rawValue
            row["resultRank"] = DashboardPage.attention(s.result)
            row["levelKey"] = s.levelID ?? ""
            row["levelRank"] = s.levelID.flatMap { levelOrder[$0] } ?? 99
            row["ownerKey"] = s.owner ?? ""
            row["target"] = PageContext.text(o.target?.value)
            row["latestValue"] = s.latest?.value.map(PageContext.number) ?? ""
            row["reviewed"] = PageContext.day(model.lastReviewed(o))
            row["reviewedKey"] = model.lastReviewed(o)?.description ?? ""
            row["findingCount"] = s.findings.count
            return row
        }
        let owners = Set(site.objectives.compactMap(\.owner)).sorted().map { ["value": $0, "label": $0] }
        let levels = model.configuration.levels.map { ["value": $0.id, "label": $0.name] }
        let values: [String: Any] = [
            "register": PageContext.table(rows),
            "count": rows.count,
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
