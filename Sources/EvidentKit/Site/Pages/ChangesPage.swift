/// `changes.html`: the change log of every objective, newest first: what changed, why, who
/// approved it and from when it applies.
enum ChangesPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        var entries: [(day: Int, id: String, version: Int, index: Int, row: [String: Any])] = []
        for s in site.objectives {
            let o = site.content.objectives[s.index]
            for h in o.history {
                let version = h.version?.value
                // The objective's own effective date belongs to the entry of its current version.
                let effective = h.effective?.value ?? (version != nil && version == o.version?.value ? o.effective?.value : nil)
                entries.append((PageContext.ordinal(h.date?.value), s.id, version ?? Int.min, s.index, [
                    "date": PageContext.day(h.date?.value),
                    "id": s.id,
                    "title": s.title,
                    "href": s.href,
                    "version": PageContext.text(version.map(String.init)),
                    "change": PageContext.text(h.change?.value),
                    "reason": PageContext.text(h.reason?.value),
                    "approvedBy": PageContext.text(h.approvedBy?.value),
                    "effective": PageContext.day(effective),
                ]))
            }
        }
        entries.sort { a, b in
            if a.day != b.day { return a.day > b.day }
            if a.id != b.id { return a.id < b.id }
            if a.version != b.version { return a.version > b.version }
            return a.index < b.index
        }
        let findings = site.result.findings.filter { $0.obligation == .updated }
        let values: [String: Any] = [
            "changes": PageContext.table(entries.map(\.row)),
            "findings": PageContext.findings(site, findings),
        ]
        return PageOutput(path: "changes.html", template: "pages/changes",
                          context: PageContext.page(site, section: "changes", root: "", title: "Change log", values))
    }
}
