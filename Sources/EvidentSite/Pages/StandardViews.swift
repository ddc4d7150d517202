import EvidentCheck
import EvidentModel

/// Each configured standard's clause 6.2 as the readiness report and the dashboard show it
/// (SPEC §8): its items under its own clause numbers, with status, rules and findings.
enum StandardViews {
    /// `std-iso27001`: the id of a standard's section in the readiness report.
    static func anchor(_ standard: Standard) -> String { "std-" + standard.id }

    /// `std-iso27001-risks`: the id of one item of one standard in the readiness report.
    static func anchor(_ standard: Standard, _ item: StandardItem) -> String { "std-\(standard.id)-\(item.rawValue)" }

    static func counts(_ findings: [Finding]) -> String {
        findings.isEmpty ? "No findings" : FindingsReport.counts(findings)
    }

    /// A standard: `id`, `anchor`, `name`, `heading`, `subject`, `status` (a badge), `counts`,
    /// `served` (an active objective serves it; without one its items are not assessed), `unread`
    /// (`false`, or the `status` and `counts` of the unread content that bears on it), and
    /// `items`, each `anchor`, `href` (its place in the readiness report), `clause`, `title`,
    /// `note`, `ifPracticable`, `status`, `counts`, `hasFindings`, `rules` (each `id`, `anchor`: its row
    /// in the readiness report's list of rules, `summary`, `setting`: how evident.yml changed it,
    /// or `false`), `settings` (the settings evident.yml
    /// moved that bound its rules, or `false`), `changed` (either is there) and, with
    /// `withFindings`, `findings`.
    static func standard(_ site: SiteIndex, _ readiness: StandardReadiness, withFindings: Bool) -> View {
        let standard = readiness.standard
        let configuration = site.model.configuration
        let settings = FindingsReport.changedSettingValues(site.model.settings)
        let items = readiness.items.map { item -> View in
            let changedSettings = settings.filter { $0.item == item.item }.map {
                "\($0.name) \($0.value) (by default \($0.defaultValue))"
            }
            let ruleSettings = item.rules.map { setting(of: $0, in: configuration) }
            let anchor = anchor(standard, item.item)
            var values: ViewObject = [
                "anchor": View(anchor),
                "href": View("readiness.html#" + anchor),
                "clause": View(item.clause),
                "title": View(item.item.title),
                "standardName": View(standard.name),
                "note": PageContext.text(item.entry.note),
                "ifPracticable": View(item.entry.ifPracticable),
                "status": site.badge(PageContext.kind(item.status)),
                "counts": View(counts(item.findings)),
                "hasFindings": View(!item.findings.isEmpty),
                "rules": PageContext.list(zip(item.rules, ruleSettings).map { rule, setting in
                    ["id": View(rule.id), "anchor": View(RuleReference.anchor(rule.id)), "summary": View(rule.summary),
                     "setting": PageContext.text(setting)] as View
                }),
                "settings": PageContext.text(changedSettings.isEmpty ? nil : changedSettings.joined(separator: ", ")),
                "changed": View(!changedSettings.isEmpty || ruleSettings.contains { $0 != nil }),
            ]
            if withFindings {
                values["findings"] = PageContext.findings(site, item.findings, anchor: "finding-\(standard.id)-\(item.item.rawValue)")
            }
            return .object(values)
        }
        return [
            "id": View(standard.id),
            "anchor": View(anchor(standard)),
            "name": View(standard.name),
            "heading": View(readiness.heading),
            "subject": View(standard.subject),
            "status": site.badge(PageContext.kind(readiness.status)),
            "counts": View(counts(readiness.findings)),
            "served": View(readiness.served),
            "unread": readiness.unread.isEmpty ? false : [
                "status": site.badge(PageContext.kind(StandardReadiness.status(of: readiness.unread))),
                "counts": View(counts(readiness.unread)),
            ],
            "items": View(items),
        ]
    }

    /// "off in evident.yml", "info in evident.yml (by default warning)": how `evident.yml` changed
    /// `rule`, or nil at its default. A rule turned off finds nothing, so the pass beside it says so.
    static func setting(of rule: RuleDescription, in configuration: Configuration) -> String? {
        let severity = RuleRegistry.severity(of: rule, in: configuration)
        guard severity != rule.defaultSeverity else { return nil }
        return "\(severity?.rawValue ?? "off") in evident.yml (by default \(rule.defaultSeverity.rawValue))"
    }

    /// Content that cannot be read bears on every standard and on no item: `false`, or
    /// `status`, `counts` and `findings`.
    static func unreadable(_ site: SiteIndex) -> View {
        let own = site.result.unreadable
        guard !own.isEmpty else { return false }
        return [
            "status": site.badge(PageContext.kind(StandardReadiness.status(of: own))),
            "counts": View(counts(own)),
            "findings": PageContext.findings(site, own, anchor: "finding-syntax"),
        ]
    }
}
