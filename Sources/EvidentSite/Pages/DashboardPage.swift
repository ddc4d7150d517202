import EvidentCheck
import EvidentModel

/// `index.html`: the organisation and scope, the as-of date, the readiness of each configured
/// standard's clause 6.2 item by item, the status of the latest values of active objectives, and the objectives by level,
/// those needing attention first.
enum DashboardPage {
    /// Each level lists this many objectives at most; the register has them all.
    static let objectivesPerLevel = 25

    static func make(_ site: SiteIndex) -> PageOutput {
        let result = site.result
        let active = site.objectives.filter { $0.lifecycle == .active }

        let standards = StandardReadiness.all(result).map { StandardViews.standard(site, $0, withFindings: false) }

        let kinds = PageContext.resultKinds(active)
        let statusCounts = kinds.map { kind -> View in
            ["badge": site.badge(kind), "count": View(active.filter { $0.resultKind == kind }.count)]
        }

        var levels: [View] = []
        var placed = Set<Int>()
        let configuredLevels = site.model.configuration.levels
        for level in configuredLevels {
            let members = active.filter { $0.levelID == level.id }
            placed.formUnion(members.map(\.index))
            let functions = site.model.configuration.functions.filter { $0.level?.value == level.id && !$0.excluded }.count
            levels.append(self.level(site, name: level.name, anchor: site.levelAnchors[level.id] ?? "level", functions: functions, members, kinds: kinds))
        }
        let unplaced = active.filter { !placed.contains($0.index) }
        if !unplaced.isEmpty {
            levels.append(level(site, name: "No known level", anchor: "level-none", functions: 0, unplaced, kinds: kinds))
        }

        let values: ViewObject = [
            "standards": View(standards),
            "statusCounts": View(statusCounts),
            "activeCount": View(active.count),
            "activeText": View(FindingsReport.plural(active.count, "active objective")),
            "objectiveCount": View(site.objectives.count),
            "draftCount": View(site.objectives.filter { $0.lifecycle == .draft }.count),
            "retiredCount": View(site.objectives.filter { $0.lifecycle == .retired }.count),
            "summary": View(PageContext.summary(result)),
            "overall": site.badge(PageContext.kind(ReadinessPage.overall(result))),
            "levels": PageContext.list(levels),
        ]
        return PageOutput(path: "index.html", template: "pages/index",
                          context: PageContext.page(site, section: "index", root: "", title: "Dashboard", values))
    }

    static func level(_ site: SiteIndex, name: String, anchor: String, functions: Int, _ members: [ObjectiveSummary],
                      kinds: [String]) -> View {
        let ordered = members.sorted { a, b in
            let ra = attention(a), rb = attention(b)
            return ra != rb ? ra < rb : (a.id, a.index) < (b.id, b.index)
        }
        let shown = ordered.prefix(objectivesPerLevel).map { PageContext.objectiveRow(site, $0) }
        return [
            "name": View(name),
            "anchor": View("dash-" + anchor),
            "functions": View(functions),
            "count": View(members.count),
            // The counts in words, singular for one: "1 active objective · 1 function".
            "countText": View(FindingsReport.plural(members.count, "active objective")),
            "functionsText": View(FindingsReport.plural(functions, "function")),
            "counts": View(kinds.map { kind -> View in
                ["badge": View(site.badge(kind)), "count": View(members.filter { $0.resultKind == kind }.count)]
            }),
            "objectives": PageContext.table(Array(shown)),
            "more": View(members.count > objectivesPerLevel ? View(members.count - objectivesPerLevel) : false),
        ]
    }

    /// Off target first, then no data (and a value no target judges), within tolerance, on
    /// target; an objective evaluated at its reviews, asked for no value yet, or a draft or
    /// retired one with none, with those on target (nothing about it is left undone).
    static func attention(_ s: ObjectiveSummary) -> Int {
        if s.qualitative || s.nothingDue || s.unmonitored { return 3 }
        switch s.result {
        case .offTarget: return 0
        case .noData: return 1
        case .withinTolerance: return 2
        case .onTarget: return 3
        }
    }
}
