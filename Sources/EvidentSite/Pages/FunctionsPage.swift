import EvidentModel
import EvidentSupport

/// `functions.html`: the "relevant functions and levels" mapping table, level by level, with each
/// function's owner, forum and coverage; exclusions with their justification; the forums.
enum FunctionsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let configuration = site.model.configuration
        var activeByFunction: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives where s.lifecycle == .active {
            if let f = s.functionID { activeByFunction[f, default: []].append(s) }
        }
        let levelIDs = Set(configuration.levels.map(\.id))
        var groups: [(name: String, anchor: String, functions: [Function])] = configuration.levels.map { level in
            (level.name, site.levelAnchors[level.id] ?? "level", configuration.functions.filter { $0.level?.value == level.id })
        }
        let unplaced = configuration.functions.filter { f in f.level.map { !levelIDs.contains($0.value) } ?? true }
        if !unplaced.isEmpty { groups.append(("No known level", "level-none", unplaced)) }

        let levels = groups.map { group -> View in
            let rows = group.functions.map { f -> View in
                let objectives = (activeByFunction[f.id.value] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
                let coverage: View = f.excluded
                    ? site.badge("excluded")
                    : objectives.isEmpty ? site.badge("uncovered") : site.badge("covered")
                let forum = f.forum?.value
                return [
                    "id": View(f.id.value),
                    "anchor": View(site.functionAnchors[f.id.value] ?? "function"),
                    "name": View(f.name),
                    "owner": PageContext.text(f.owner?.value),
                    "ownerHref": PageContext.text(site.ownerHref(f.owner?.value)),
                    "forum": PageContext.text(site.forumName(forum)),
                    "forumHref": PageContext.text(forum.flatMap { site.forumAnchors[$0] }.map { "#\($0)" }),
                    "cadence": PageContext.text(forum.flatMap { site.model.forumsByID[$0]?.cadence?.value.rawValue }),
                    "coverage": View(coverage),
                    "objectives": PageContext.list(objectives.map { PageContext.objectiveLink(site, id: $0.id) }),
                    "excluded": View(f.excluded),
                ]
            }
            return ["name": View(group.name), "anchor": View(group.anchor), "functions": PageContext.table(rows)]
        }
        let exclusions = configuration.functions.filter(\.excluded).map { f -> View in
            ["name": View(f.name), "href": PageContext.text(site.functionAnchors[f.id.value].map { "#\($0)" }),
             "justification": PageContext.text(f.justification?.value)]
        }
        let forums = configuration.forums.map { forum -> View in
            let id = forum.id.value
            return [
                "anchor": View(site.forumAnchors[id] ?? "forum"),
                "id": View(id),
                "name": View(forum.name),
                "cadence": PageContext.text(forum.cadence?.value.rawValue),
                "functions": View(configuration.functions.filter { $0.forum?.value == id }.count),
                "objectives": View(site.objectives.filter { s in
                    s.lifecycle == .active && site.model.forum(of: site.content.objectives[s.index])?.value == id
                }.count),
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .levels }
        let values: ViewObject = [
            "levels": PageContext.list(levels),
            "exclusions": PageContext.table(exclusions),
            "forums": PageContext.table(forums),
            "findings": PageContext.findings(site, findings),
        ]
        return PageOutput(path: "functions.html", template: "pages/functions",
                          context: PageContext.page(site, section: "functions", root: "", title: "Functions and levels", values))
    }
}
