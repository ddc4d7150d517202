import EvidentCheck
import EvidentModel

/// `standards.html`: the item-by-standard matrix of the configured standards (each item's clause
/// number and status in each standard, or none where the standard lacks it), then which objectives
/// serve which standard.
enum StandardsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let model = site.model
        let readiness = StandardReadiness.all(site.result)
        let standards = readiness.map(\.standard)
        let objectives = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        // Which configured standards each objective serves, once, in `standards`' order.
        let serves: [[Bool]] = objectives.map { s in
            let own = model.standards(of: site.content.objectives[s.index])
            return standards.map { own.contains($0) }
        }
        let active = objectives.indices.filter { objectives[$0].lifecycle == .active }

        let columns = readiness.enumerated().map { column, r -> View in
            [
                "id": View(r.standard.id),
                "name": View(r.standard.name),
                "subject": View(r.standard.subject),
                "href": View("readiness.html#" + StandardViews.anchor(r.standard)),
                "status": site.badge(PageContext.kind(r.status)),
                "activeCount": View(active.filter { serves[$0][column] }.count),
            ]
        }
        // The rows: every item some configured standard has, in the items' own order.
        let items = StandardItem.allCases.filter { item in standards.contains { $0.has(item) } }
        let rows = items.map { item -> View in
            let cells = readiness.map { r -> View in
                guard let entry = r.items.first(where: { $0.item == item }) else {
                    return ["has": false, "clause": false, "note": false, "ifPracticable": false, "status": false, "href": false, "setAside": false, "name": View(r.standard.name)]
                }
                let set = FindingsReport.setInConfiguration(item, model)
                return [
                    "setAside": PageContext.text(set.isEmpty ? nil : set.joined(separator: ", ")),
                    "has": true,
                    "clause": View(entry.clause),
                    "note": PageContext.text(entry.entry.note),
                    "ifPracticable": View(entry.entry.ifPracticable),
                    "status": site.badge(PageContext.kind(entry.status)),
                    "href": View("readiness.html#" + StandardViews.anchor(r.standard, item)),
                    "name": View(r.standard.name),
                ]
            }
            return ["title": View(item.title), "cells": View(cells)]
        }
        let objectiveRow = { @Sendable (i: Int) -> View in
            let s = objectives[i]
            return [
                "id": View(s.id),
                "title": View(s.title),
                "href": View(s.href),
                "state": View(s.lifecycle == .active ? site.badge(s.resultKind) : site.badge(PageContext.kind(s.lifecycle))),
                "named": View(!site.content.objectives[s.index].standards.isEmpty),
                "cells": View(serves[i].map { ["serves": View($0)] as View }),
            ]
        }
        let values: ViewObject = [
            "standards": View(columns),
            "standardCount": View(standards.count),
            "items": View(rows),
            "objectives": PageContext.table(count: objectives.count, row: objectiveRow),
            "objectiveCount": View(objectives.count),
            "objectivesText": View(FindingsReport.plural(objectives.count, "objective")),
        ]
        return PageOutput(path: "standards.html", template: "pages/standards",
                          context: PageContext.page(site, section: "standards", root: "", title: "Standards", values))
    }
}
