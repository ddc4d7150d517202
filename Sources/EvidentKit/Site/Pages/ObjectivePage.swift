/// `objectives/<slug>.html`: every field of one objective, its trend, values, reviews, decisions,
/// actions, history, communications and findings (SPEC 6).
enum ObjectivePage {
    static func make(_ site: SiteIndex, index: Int) -> PageOutput {
        let root = "../"
        let model = site.model
        let o = model.content.objectives[index]
        let s = site.objectives[index]
        let id = o.id?.value ?? ""
        let series = model.series(of: o)
        let target = model.target(of: o), tolerance = model.tolerance(of: o)
        let unit = o.metric?.unit?.value

        let function: Any = o.function.map { f -> [String: Any] in
            ["name": site.functionName(f.value) ?? f.value,
             "href": PageContext.text(site.functionAnchors[f.value].map { "functions.html#\($0)" })]
        } ?? false
        let level: Any = s.levelID.map { l -> [String: Any] in
            ["name": site.levelName(l) ?? l, "href": PageContext.text(site.levelAnchors[l].map { "functions.html#\($0)" })]
        } ?? false
        let forumID = model.forum(of: o)?.value
        let forum: Any = forumID.map { f -> [String: Any] in
            ["name": site.forumName(f) ?? f, "href": PageContext.text(site.forumAnchors[f].map { "functions.html#\($0)" })]
        } ?? false

        let policy = o.policy.map { ref -> [String: Any] in
            ["id": ref.value,
             "text": PageContext.text(model.statementsByID[ref.value]?.text),
             "href": PageContext.text(site.statementAnchors[ref.value].map { "policy.html#\($0)" })]
        }
        let requirements = o.requirements.map { ref -> [String: Any] in
            let clause = model.clausesByID[ref.value]
            return ["id": ref.value,
                    "text": PageContext.text(clause?.text),
                    "source": PageContext.text(clause?.source),
                    "href": PageContext.text(site.clauseAnchors[ref.value].map { "requirements.html#\($0)" })]
        }

        let due = model.duePeriod(of: o)
        // The values table has a row per period (three years of months is 36 rows), and rendering
        // it through Mustache was two thirds of the time of a large build: the rows are written
        // here, escaped, and the template places them with {{{values.rowsHTML}}}.
        var rowsHTML = ""
        for pv in series.reversed() {
            let badge = site.badge(PageContext.kind(pv.status))["html"] as? String ?? ""
            rowsHTML += pv.period == due ? "<tr class=\"is-due\">" : "<tr>"
            rowsHTML += "<th scope=\"row\">" + HTMLText.escape(pv.period.description) + "</th>"
            rowsHTML += "<td class=\"num\">" + HTMLText.escape(PageContext.value(pv.value, unit: unit)) + "</td>"
            rowsHTML += "<td>" + badge + "</td>"
            rowsHTML += "<td>" + HTMLText.escape(pv.measurement.note ?? "") + "</td>"
            rowsHTML += "<td class=\"evidence\">" + HTMLText.escape(pv.measurement.evidence.map { "evidence/\($0.value)" } ?? "") + "</td></tr>\n"
        }
        let values: Any = series.isEmpty ? false : ["rowsHTML": rowsHTML, "count": series.count] as [String: Any]
        let dueValue = due.flatMap { d in series.first(where: { $0.period == d }) }

        let reviews = (model.reviewsByObjective[id] ?? []).sorted(by: ReviewsPage.newestFirst).map { review -> [String: Any] in
            let decisions = review.decisions.filter { $0.objective?.value == id }.map { d -> [String: Any] in
                ["label": ReviewsPage.label(d.decision?.value), "note": PageContext.text(d.note)]
            }
            return ["date": review.date?.value.description ?? "Undated", "forum": PageContext.text(site.forumName(review.forum?.value)),
                    "href": site.reviewLink(review), "decisions": PageContext.list(decisions)]
        }
        let actions = (model.actionsByObjective[id] ?? []).sorted(by: { (PageContext.ordinal($0.action.due?.value), $0.action.id?.value ?? "") < (PageContext.ordinal($1.action.due?.value), $1.action.id?.value ?? "") })
            .map { ReviewsPage.action(site, $0.action, review: $0.review) }

        let history = o.history.reversed().map { h -> [String: Any] in
            [
                "version": PageContext.text(h.version.map { String($0.value) }),
                "date": PageContext.day(h.date?.value),
                "change": PageContext.text(h.change?.value),
                "reason": PageContext.text(h.reason?.value),
                "approvedBy": PageContext.text(h.approvedBy?.value),
                "effective": PageContext.day(h.effective?.value),
            ]
        }
        let communications = model.communications(of: id).sorted(by: { (PageContext.ordinal($0.date?.value), $0.file) > (PageContext.ordinal($1.date?.value), $1.file) })
            .map { c -> [String: Any] in
                [
                    "date": PageContext.day(c.date?.value),
                    "channel": PageContext.text(c.channel?.value.rawValue),
                    "audience": PageContext.text(c.audience?.value),
                    "coversAll": c.coversAll,
                    "body": PageContext.text(site.communicationHTML[c.file]),
                ]
            }

        let title = o.title?.value ?? s.id
        let chart = series.isEmpty ? "" : TrendChart.svg(series: series, target: target, tolerance: tolerance, unit: unit,
                                                          title: "Trend of \(s.id): \(o.metric?.name?.value ?? title)", idPrefix: "trend")
        let values_: [String: Any] = [
            "objective": [
                "id": s.id,
                "title": title,
                "statement": PageContext.text(o.statement?.value),
                "lifecycle": site.badge(PageContext.kind(s.lifecycle)),
                "result": site.badge(PageContext.kind(s.result)),
                "latest": PageContext.latestText(s),
                "function": function,
                "level": level,
                "owner": PageContext.text(s.owner),
                "ownerHref": PageContext.text(site.ownerHref(s.owner)),
                "contributors": PageContext.text(o.contributors.map(\.value).joined(separator: ", ")),
                "policy": PageContext.list(policy),
                "requirements": PageContext.list(requirements),
                "requirementsNote": PageContext.text(o.requirementsNote?.value),
                "metric": [
                    "name": PageContext.text(o.metric?.name?.value),
                    "definition": PageContext.text(o.metric?.definition?.value),
                    "counts": PageContext.text(o.metric?.counts?.value),
                    "excludes": PageContext.text(o.metric?.excludes?.value),
                    "unit": PageContext.text(unit),
                ] as [String: Any],
                "metricHref": "metrics.html#metric-\(s.slug)",
                "dataSource": [
                    "system": PageContext.text(o.dataSource?.system?.value),
                    "method": PageContext.text(o.dataSource?.method?.value),
                    "dataQuality": PageContext.text(o.dataSource?.dataQuality?.value),
                ] as [String: Any],
                "target": PageContext.text(o.target?.value),
                "tolerance": PageContext.text(o.tolerance?.value),
                "cadence": PageContext.text(model.cadence(of: o)?.rawValue),
                "forum": forum,
                "actions": PageContext.text(o.actions?.value),
                "version": PageContext.text(o.version.map { String($0.value) }),
                "approvedBy": PageContext.text(o.approvedBy?.value),
                "approvedOn": PageContext.day(o.approvedOn?.value),
                "effective": PageContext.day(o.effective?.value),
                "source": site.relative(o.file),
                "body": PageContext.text(site.html(o.body, from: o.file, root: root, under: 2)),
            ] as [String: Any],
            "chart": chart,
            "due": due.map { d -> [String: Any] in
                ["period": d.description,
                 "value": PageContext.text(dueValue.map { PageContext.value($0.value, unit: unit) }),
                 "result": site.badge(PageContext.kind(dueValue?.status ?? .noData))]
            } ?? false,
            "values": values,
            "reviews": PageContext.table(reviews),
            "lastReviewed": PageContext.day(model.lastReviewed(o)),
            "actionList": PageContext.table(actions),
            "history": PageContext.table(history),
            "communications": PageContext.list(communications),
            "findings": PageContext.findings(site, s.findings),
        ]
        return PageOutput(path: s.href, template: "pages/objective",
                          context: PageContext.page(site, section: "register", root: root, title: "\(s.id) \(title)", values_))
    }
}
