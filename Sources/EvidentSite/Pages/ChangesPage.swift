import EvidentCheck
import EvidentModel
import EvidentSupport

/// `changes.html`: the change log of every objective, newest first: what changed, why, who
/// approved it and from when it applies.
enum ChangesPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        // Each entry by its objective's and its own position: sorting the entries themselves would
        // move and copy every history entry, a structure of a dozen references.
        var entries: [(day: Int, id: String, version: Int, index: Int, entry: Int, effective: Day?)] = []
        for s in site.objectives {
            let o = site.content.objectives[s.index]
            for (k, h) in o.history.enumerated() {
                let version = h.version?.value
                // The objective's own effective date belongs to the entry of its current version, unless
                // it is earlier than that entry while an earlier version exists: then it is the day the
                // objective first applied, and the entry applies from its own date (the objective's page).
                var effective = h.effective?.value
                if effective == nil, let version, version == o.version?.value, let own = o.effective?.value {
                    let first = !o.history.contains { ($0.version?.value ?? .max) < version }
                    let notBeforeApproval = h.date.map { own >= $0.value } ?? true
                    effective = first || notBeforeApproval ? own : nil
                }
                entries.append((PageContext.ordinal(h.date?.value), s.id, version ?? Int.min, s.index, k, effective))
            }
        }
        entries.sort { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.id != b.id { return a.id < b.id }
            if a.version != b.version { return a.version > b.version }
            return a.index < b.index
        }
        let ordered = entries
        let row = { @Sendable (i: Int) -> View in
            let e = ordered[i], s = site.objectives[e.index], h = site.content.objectives[e.index].history[e.entry]
            return [
                "date": PageContext.day(h.date?.value),
                "id": View(s.id),
                "href": View(s.href),
                "title": View(s.title),
                "version": View(h.version.map { String($0.value) } ?? ""),
                "change": View(h.change?.value ?? ""),
                "reason": PageContext.text(h.reason?.value),
                "approvedBy": PageContext.text(h.approvedBy?.value),
                "effective": PageContext.day(e.effective),
                // Dated after the as-of date: not approved yet (`updated/history`).
                "future": View(h.date.map { $0.value > site.model.asOf } ?? false),
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .updated }
        let asOf = site.model.asOf
        let notApproved = ordered.count { e in site.content.objectives[e.index].history[e.entry].date.map { $0.value > asOf } ?? false }
        let values: ViewObject = [
            "changes": PageContext.table(count: ordered.count, row: row),
            "findings": PageContext.findings(site, findings),
            "countText": View(FindingsReport.plural(ordered.count, "change")),
            // Listed, each marked, but not approved yet: the caption does not count them as made.
            "notApproved": notApproved == 0 ? false : View(notApproved),
        ]
        return PageOutput(path: "changes.html", template: "pages/changes",
                          context: PageContext.page(site, section: "changes", root: "", title: "Change log", values))
    }
}
