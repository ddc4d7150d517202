import EvidentSupport

/// `metrics.html`: the metric dictionary, one entry per objective: what is measured, what counts
/// and what does not, where the data comes from, and the target and tolerance it is held to.
enum MetricsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        // One entry per objective, written here rather than through Mustache (see
        // `PageContext.rowsTable`); the template keeps the page around them.
        var html = TextBuffer()
        html.reserveCapacity(sorted.count * 1_200)
        for s in sorted {
            let o = site.content.objectives[s.index]
            let anchor = "metric-\(s.slug)"
            html += "<article class=\"metric\" id=\""
            HTMLText.escape(anchor, into: &html)
            html += "\" aria-labelledby=\""
            HTMLText.escape(anchor, into: &html)
            html += "-heading\">\n  <h2 id=\""
            HTMLText.escape(anchor, into: &html)
            html += "-heading\">"
            HTMLText.escape(o.metric?.name?.value ?? "Metric not named", into: &html)
            html += " <span class=\"heading-note\">"
            PageContext.appendLink(s.href, s.id, into: &html)
            html += " "
            HTMLText.escape(s.title, into: &html)
            html += "</span></h2>\n  <dl class=\"fields\">\n    <dt>Definition</dt><dd>"
            PageContext.field(o.metric?.definition?.value, missing: "<span class=\"missing\">Not defined</span>", into: &html)
            html += "</dd>\n    <dt>Counts</dt><dd>"
            PageContext.field(o.metric?.counts?.value, missing: "<span class=\"missing\">Not stated</span>", into: &html)
            html += "</dd>\n    <dt>Excludes</dt><dd>"
            PageContext.field(o.metric?.excludes?.value, missing: "<span class=\"missing\">Not stated</span>", into: &html)
            html += "</dd>\n    <dt>Unit</dt><dd>"
            PageContext.field(o.metric?.unit?.value, missing: "none", into: &html)
            html += "</dd>\n    <dt>Data source</dt><dd>"
            PageContext.field(o.dataSource?.system?.value, missing: "<span class=\"missing\">Not stated</span>", into: &html)
            if let method = o.dataSource?.method?.value, !method.isEmpty {
                html += ": "
                HTMLText.escape(method, into: &html)
            }
            html += "</dd>\n    "
            if let quality = o.dataSource?.dataQuality?.value, !quality.isEmpty {
                html += "<dt>Data quality</dt><dd>"
                HTMLText.escape(quality, into: &html)
                html += "</dd>"
            }
            html += "\n    <dt>Target</dt><dd class=\"threshold\">"
            PageContext.field(o.target?.value, missing: "<span class=\"missing\">Not set</span>", into: &html)
            if let tolerance = o.tolerance?.value, !tolerance.isEmpty {
                html += ", tolerance "
                HTMLText.escape(tolerance, into: &html)
            }
            if let cadence = site.model.cadence(of: o)?.rawValue, !cadence.isEmpty {
                html += ", "
                HTMLText.escape(cadence, into: &html)
            }
            html += "</dd>\n  </dl>\n</article>\n"
        }
        let metrics = PageContext.rowsTable(html.text, count: sorted.count, key: "entriesHTML")
        return PageOutput(path: "metrics.html", template: "pages/metrics",
                          context: PageContext.page(site, section: "metrics", root: "", title: "Metric dictionary",
                                                    ["metrics": metrics, "count": sorted.count]))
    }
}
