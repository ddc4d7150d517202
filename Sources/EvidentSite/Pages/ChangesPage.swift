import EvidentModel
import EvidentSupport

/// `changes.html`: the change log of every objective, newest first: what changed, why, who
/// approved it and from when it applies.
enum ChangesPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        // Each entry by its objective's and its own position: sorting the entries themselves moved
        // and copied every history entry, a structure of a dozen references.
        var entries: [(day: Int, id: String, version: Int, index: Int, entry: Int, effective: Day?)] = []
        for s in site.objectives {
            let o = site.content.objectives[s.index]
            for (k, h) in o.history.enumerated() {
                let version = h.version?.value
                // The objective's own effective date belongs to the entry of its current version.
                let effective = h.effective?.value ?? (version != nil && version == o.version?.value ? o.effective?.value : nil)
                entries.append((PageContext.ordinal(h.date?.value), s.id, version ?? Int.min, s.index, k, effective))
            }
        }
        entries.sort { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.id != b.id { return a.id < b.id }
            if a.version != b.version { return a.version > b.version }
            return a.index < b.index
        }
        // One row per change, written here rather than through Mustache (see
        // `PageContext.rowsTable`); the template keeps the table, its caption and header.
        var html = TextBuffer()
        html.reserveCapacity(entries.count * 600)
        for e in entries {
            let s = site.objectives[e.index], h = site.content.objectives[e.index].history[e.entry]
            html += "    <tr>\n      <th scope=\"row\">"
            if h.date == nil { html += "<span class=\"missing\">Undated</span>" }
            PageContext.appendTime(h.date?.value, into: &html)
            html += "</th>\n      <td>"
            PageContext.appendLink(s.href, s.id, into: &html)
            html += " <span class=\"ref-text\">"
            HTMLText.escape(s.title, into: &html)
            html += "</span></td>\n      <td class=\"num\">"
            if let version = h.version?.value { html.append(String(version)) }
            html += "</td>\n      <td>"
            HTMLText.escape(h.change?.value ?? "", into: &html)
            html += "</td>\n      <td>"
            PageContext.field(h.reason?.value, missing: "<span class=\"missing\">No reason given</span>", into: &html)
            html += "</td>\n      <td>"
            PageContext.field(h.approvedBy?.value, missing: "<span class=\"missing\">No approver</span>", into: &html)
            html += "</td>\n      <td>"
            PageContext.appendTime(e.effective, into: &html)
            html += "</td>\n    </tr>\n"
        }
        let findings = site.result.findings.filter { $0.obligation == .updated }
        let values: [String: Any] = [
            "changes": PageContext.rowsTable(html.text, count: entries.count),
            "findings": PageContext.findings(site, findings, root: ""),
        ]
        return PageOutput(path: "changes.html", template: "pages/changes",
                          context: PageContext.page(site, section: "changes", root: "", title: "Change log", values))
    }
}
