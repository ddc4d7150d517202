import EvidentSupport

/// `metrics.html`: the metric dictionary, one entry per objective: what is measured, what counts
/// and what does not, where the data comes from, and the target and tolerance it is held to.
enum MetricsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let entry = { @Sendable (i: Int) -> View in
            let s = sorted[i], o = site.content.objectives[s.index]
            return [
                "anchor": "metric-\(s.slug)",
                "name": View(o.metric?.name?.value ?? "Metric not named"),
                "id": View(s.id),
                "href": View(s.href),
                "title": View(s.title),
                "definition": PageContext.text(o.metric?.definition?.value),
                "counts": PageContext.text(o.metric?.counts?.value),
                "excludes": PageContext.text(o.metric?.excludes?.value),
                "unit": PageContext.text(o.metric?.unit?.value),
                "system": PageContext.text(o.dataSource?.system?.value),
                "method": PageContext.text(o.dataSource?.method?.value),
                "dataQuality": PageContext.text(o.dataSource?.dataQuality?.value),
                "target": PageContext.text(s.inForce.map(\.target) ?? o.target?.value),
                "tolerance": PageContext.text(s.inForce.map(\.tolerance) ?? o.tolerance?.value),
                "laterVersion": PageContext.laterVersion(s),
                "cadence": PageContext.text(site.model.cadence(of: o)?.rawValue),
            ]
        }
        let metrics = PageContext.table(count: sorted.count, row: entry)
        return PageOutput(path: "metrics.html", template: "pages/metrics",
                          context: PageContext.page(site, section: "metrics", root: "", title: "Metric dictionary",
                                                    ["metrics": View(metrics), "count": View(sorted.count)]))
    }
}
