import EvidentCheck
import EvidentModel
import EvidentSupport

/// `readiness.html`: for each configured standard, the items of its clause 6.2 under its own
/// numbering, each with its status, the rules that check it and the findings that bear on it; then
/// the traceability matrix of active objectives against policy statements and requirement clauses.
enum ReadinessPage {
    /// Up to this many statements and clauses, the matrix has a column for each; beyond it (a real
    /// requirement set can hold thousands of clauses) each row lists what the objective traces to.
    static let gridColumnLimit = 40

    /// Ready when nothing fails and nothing warns, and there was something to judge.
    static func overall(_ result: CheckResult) -> ObligationStatus {
        StandardReadiness.worst(Obligation.allCases.map { result.status(of: $0) })
    }

    static func make(_ site: SiteIndex) -> PageOutput {
        let result = site.result
        let readiness = StandardReadiness.all(result)
        let standards = readiness.map { StandardViews.standard(site, $0, withFindings: true) }

        let statements = site.content.policy?.statements ?? []
        let clauses = site.content.requirements.flatMap(\.clauses)
        let active = site.objectives.filter { $0.lifecycle == .active }.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        let grid = statements.count + clauses.count <= gridColumnLimit
        let columns = statements.map { s -> View in
            ["id": View(s.id.value), "href": View(site.statementAnchors[s.id.value].map { "policy.html#\($0)" } ?? "policy.html"), "kind": "statement"]
        } + clauses.map { c -> View in
            ["id": View(c.id.value), "href": View(site.clauseAnchors[c.id.value].map { "requirements.html#\($0)" } ?? "requirements.html"), "kind": "clause"]
        }
        let rows = active.map { s -> View in
            let o = site.content.objectives[s.index]
            var row: ViewObject = ["id": View(s.id), "href": View(s.href)]
            if grid {
                let policy = Set(o.policy.map(\.value)), reqs = Set(o.requirements.map(\.value))
                row["cells"] = View((statements.map { policy.contains($0.id.value) } + clauses.map { reqs.contains($0.id.value) })
                    .map { ["traced": View($0)] as View })
            } else {
                row["policy"] = PageContext.list(o.policy.map { ref in
                    ["id": View(ref.value), "href": PageContext.text(site.statementAnchors[ref.value].map { "policy.html#\($0)" })] as View
                })
                row["requirements"] = PageContext.list(o.requirements.map { ref in
                    ["id": View(ref.value), "href": PageContext.text(site.clauseAnchors[ref.value].map { "requirements.html#\($0)" })] as View
                })
                row["requirementsNote"] = PageContext.text(o.requirementsNote?.value)
            }
            return .object(row)
        }
        let values: ViewObject = [
            "overall": site.badge(PageContext.kind(overall(result))),
            "summary": View(PageContext.summary(result)),
            "standards": View(standards),
            "unreadable": StandardViews.unreadable(site),
            "setAside": setAside(site),
            "ruleList": ruleList(site, readiness),
            "matrix": [
                "grid": View(grid),
                "statementCount": View(statements.count),
                "clauseCount": View(clauses.count),
                "hasStatements": View(!statements.isEmpty),
                "hasClauses": View(!clauses.isEmpty),
                "columns": View(columns),
                "rows": View(rows),
                "hasRows": View(!active.isEmpty),
            ] as View,
        ]
        return PageOutput(path: "readiness.html", template: "pages/readiness",
                          context: PageContext.page(site, section: "readiness", root: "", title: "Audit readiness", values))
    }

    /// Every rule that checks an item of a standard shown, by id, as a table (`rows`): `id`,
    /// `anchor`, `severity` (as evident.yml sets it, `off` for none), `setting` (how evident.yml
    /// changed it, or `false`) and `summaryParts` (its summary as `messageParts`).
    static func ruleList(_ site: SiteIndex, _ standards: [StandardReadiness]) -> View {
        let shown = Set(standards.flatMap { $0.items.flatMap { $0.rules.map(\.id) } })
        let configuration = site.model.configuration
        return PageContext.table(RuleRegistry.all.map { $0.description }.filter { shown.contains($0.id) }.sorted { $0.id < $1.id }.map { rule -> View in
            [
                "id": View(rule.id),
                "anchor": View(RuleReference.anchor(rule.id)),
                "severity": View(RuleRegistry.severity(of: rule, in: configuration)?.rawValue ?? "off"),
                "setting": PageContext.text(StandardViews.setting(of: rule, in: configuration)),
                "summaryParts": View(PageContext.messageParts(rule.summary)),
            ]
        })
    }

    /// What the configuration and the content set aside, that no finding shows: rules changed or
    /// turned off and settings moved in `evident.yml`, excluded functions, clauses addressed
    /// elsewhere, objectives that give a note in place of requirements or risks, and objectives
    /// that are not active. Each is a choice the organisation may make, with its reason, and one an
    /// auditor samples: a rule turned off passes whatever the content says. `false` when nothing
    /// is set aside; else `rules` (each `id`, `severity`, `defaultSeverity`, `place`), `settings`
    /// (each `name`, `value`, `defaultValue`), `exclusions` (each `name`, `href`, `justification`),
    /// `elsewhere` (each `id`, `href`, `text`, `justification`), `notes` (each `objective`, `field`,
    /// `note`) and `inactive` (each `objective`, `state`), each a table (`rows`, `count`) or `false`.
    static func setAside(_ site: SiteIndex) -> View {
        let configuration = site.model.configuration
        let rules = RuleRegistry.changed(by: configuration).map { rule, severity -> View in
            // Written as the findings are: relative to the content folder's parent.
            let place = configuration.ruleOverrides.last { $0.rule == rule.id }.map { o in
                SourceLocation(file: site.relative(o.location.file), line: o.location.line, column: o.location.column).description
            }
            return ["id": View(rule.id), "severity": View(severity?.rawValue ?? "off"),
                    "defaultSeverity": View(rule.defaultSeverity.rawValue), "place": PageContext.text(place)]
        }
        let settings = FindingsReport.changedSettingValues(site.model.settings).map { setting -> View in
            ["name": View(setting.name), "value": View(setting.value), "defaultValue": View(setting.defaultValue)]
        }
        let exclusions = configuration.functions.filter(\.excluded).map { f -> View in
            ["name": View(f.name), "href": PageContext.text(site.functionAnchors[f.id.value].map { "functions.html#\($0)" }),
             "justification": PageContext.text(f.justification?.value)]
        }
        let elsewhere = site.content.requirements.flatMap(\.clauses).compactMap { c -> View? in
            guard let justification = c.addressedElsewhere?.value else { return nil }
            return ["id": View(c.id.value), "text": View(c.text),
                    "href": View(site.clauseAnchors[c.id.value].map { "requirements.html#\($0)" } ?? "requirements.html"),
                    "justification": View(justification)]
        }
        let sorted = site.objectives.sorted { ($0.id, $0.index) < ($1.id, $1.index) }
        var notes: [View] = []
        for s in sorted where s.lifecycle == .active {
            let o = site.content.objectives[s.index]
            if o.requirements.isEmpty, let note = o.requirementsNote?.value {
                notes.append(["objective": PageContext.objectiveLink(site, id: s.id), "field": "requirements_note", "note": View(note)])
            }
            if o.risks.isEmpty, let note = o.risksNote?.value {
                notes.append(["objective": PageContext.objectiveLink(site, id: s.id), "field": "risks_note", "note": View(note)])
            }
        }
        let inactive = sorted.filter { $0.lifecycle != .active }.map { s -> View in
            ["objective": PageContext.objectiveLink(site, id: s.id), "state": View(s.lifecycle.rawValue)]
        }
        guard !(rules.isEmpty && settings.isEmpty && exclusions.isEmpty && elsewhere.isEmpty && notes.isEmpty && inactive.isEmpty) else {
            return false
        }
        return [
            "rules": PageContext.table(rules), "settings": PageContext.table(settings),
            "exclusions": PageContext.table(exclusions), "elsewhere": PageContext.table(elsewhere),
            "notes": PageContext.table(notes), "inactive": PageContext.table(inactive),
        ]
    }
}
