import EvidentCheck
import EvidentModel
import EvidentSupport

/// `owners.html`: each role, and what it owns: objectives, functions and open actions.
enum OwnersPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        var objectives: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives { if let o = s.owner { objectives[o, default: []].append(s) } }
        var functions: [String: [Function]] = [:]
        for f in site.model.configuration.functions { if let o = f.owner?.value { functions[o, default: []].append(f) } }
        var actions: [String: [View]] = [:]
        // A review dated after the as-of date has not agreed its actions yet (`monitored/action-overdue`).
        for review in site.content.reviews.sorted(by: ReviewsPage.newestFirst) where !ReviewsPage.isFuture(review, asOf: site.model.asOf) {
            for a in review.actions where a.isOpen(asOf: site.model.asOf) {
                if let o = a.owner?.value { actions[o, default: []].append(ReviewsPage.action(site, a, review: review, root: "")) }
            }
        }
        let owners = NameOrder.sorted(site.ownerAnchors.keys).map { name -> View in
            let owned = (objectives[name] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
            let active = owned.filter { $0.lifecycle == .active }
            return [
                "name": View(name),
                "anchor": View(site.ownerAnchors[name] ?? "owner"),
                "activeCount": View(active.count),
                "objectiveCount": View(owned.count),
                "objectives": PageContext.table(owned.map { PageContext.objectiveRow(site, $0) }),
                "functions": PageContext.table((functions[name] ?? []).map { f -> View in
                    ["name": View(f.name), "href": View(site.functionAnchors[f.id.value].map { "functions.html#\($0)" } ?? "functions.html"),
                     "excluded": View(f.excluded)]
                }),
                "actionList": PageContext.table(actions[name] ?? []),
                "openActions": View((actions[name] ?? []).count),
                "activeText": View(FindingsReport.plural(active.count, "active objective")),
                "openActionsText": View(FindingsReport.plural((actions[name] ?? []).count, "open action")),
            ]
        }
        return PageOutput(path: "owners.html", template: "pages/owners",
                          context: PageContext.page(site, section: "owners", root: "", title: "Owners",
                                                    ["owners": PageContext.table(owners)]))
    }

}
