import EvidentCheck
import EvidentSupport

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

        // A field the page shows as a value or as "Not set" is written here whole (`functionHTML`,
        // `targetHTML`…), and an optional row of a list as its `<dt>`/`<dd>` pair (`…RowHTML`):
        // swift-mustache costs a few microseconds a tag and `{{#x}}{{.}}{{/x}}{{^x}}…{{/x}}` is
        // three, on each of 10,000 pages. The plain values stay beside them for themes that word
        // things their own way.
        let notSet = PageContext.missing("Not set")
        let function = o.function.map { f in
            named(site.functionName(f.value) ?? f.value, site.functionAnchors[f.value].map { "functions.html#\($0)" }, root: root)
        }
        let level = s.levelID.map { l in
            named(site.levelName(l) ?? l, site.levelAnchors[l].map { "functions.html#\($0)" }, root: root)
        }
        let forumID = model.forum(of: o)?.value
        let forum = forumID.map { f in
            named(site.forumName(f) ?? f, site.forumAnchors[f].map { "functions.html#\($0)" }, root: root)
        }
        let ownerHref = site.ownerHref(s.owner)
        var ownerHTML = TextBuffer()
        if let owner = s.owner, !owner.isEmpty {
            linkOrText(ownerHref.map { root + $0 }, owner, into: &ownerHTML)
        } else {
            ownerHTML = TextBuffer(notSet)
        }

        // The statements and clauses the objective traces to, written here like table rows.
        var policyHTML = TextBuffer()
        for ref in o.policy {
            reference(ref.value, href: site.statementAnchors[ref.value].map { root + "policy.html#\($0)" },
                      text: model.statementsByID[ref.value]?.text, into: &policyHTML)
        }
        if o.policy.isEmpty { policyHTML = TextBuffer(PageContext.missing("No policy statement")) }
        var requirementsHTML = TextBuffer()
        for ref in o.requirements {
            reference(ref.value, href: site.clauseAnchors[ref.value].map { root + "requirements.html#\($0)" },
                      text: model.clausesByID[ref.value]?.text, into: &requirementsHTML)
        }
        if o.requirements.isEmpty {
            if let note = o.requirementsNote?.value, !note.isEmpty {
                requirementsHTML = TextBuffer("<span class=\"ref-text\">None apply: ")
                HTMLText.escape(note, into: &requirementsHTML)
                requirementsHTML += "</span>"
            } else {
                requirementsHTML = TextBuffer(PageContext.missing("None linked"))
            }
        }

        let metricHref = "metrics.html#metric-\(s.slug)"
        var metricHTML = TextBuffer()
        if let name = o.metric?.name?.value, !name.isEmpty {
            PageContext.appendLink(root + metricHref, name, into: &metricHTML)
        } else {
            metricHTML = TextBuffer(PageContext.missing("Not named"))
        }
        if let unit, !unit.isEmpty {
            metricHTML += " <span class=\"unit\">("
            HTMLText.escape(unit, into: &metricHTML)
            metricHTML += ")</span>"
        }

        let due = model.duePeriod(of: o)
        // The values table has a row per period (three years of months is 36 rows), and rendering
        // it through Mustache was two thirds of the time of a large build: the rows are written
        // here, escaped, and the template places them with {{{values.rowsHTML}}}.
        let escapedUnit = unit.flatMap { $0.isEmpty ? nil : HTMLText.escape($0) }
        var rows = TextBuffer(capacity: series.count * 240)
        for pv in series.reversed() {
            rows += pv.period == due ? "<tr class=\"is-due\">" : "<tr>"
            rows += "<th scope=\"row\">"
            // A period's label is digits, `-` and a letter: nothing to escape.
            pv.period.write(into: &rows)
            rows += "</th><td class=\"num\">"
            // `PageContext.value(pv.value, unit: unit)`, escaped: a number has nothing to escape.
            if let value = pv.value {
                rows.append(PageContext.number(value))
                if let escapedUnit {
                    rows += " "
                    rows.append(escapedUnit)
                }
            } else {
                rows += "no value"
            }
            rows += "</td><td>"
            rows.append(site.badgeHTML(pv.status))
            rows += "</td><td class=\"judged\">"
            // What the value was judged against: the thresholds in force at the end of its period.
            HTMLText.escape(Self.judged(pv.judgement, unit: unit), into: &rows)
            rows += "</td><td>"
            HTMLText.escape(pv.measurement.note ?? "", into: &rows)
            rows += "</td><td class=\"evidence\">"
            if let evidence = pv.measurement.evidence {
                rows += "evidence/"
                HTMLText.escape(evidence.value, into: &rows)
            }
            rows += "</td></tr>\n"
        }
        let values: Any = series.isEmpty ? false : ["rowsHTML": HTMLBytes(rows), "count": series.count] as [String: Any]
        let dueValue = due.flatMap { d in series.first(where: { $0.period == d }) }

        // The reviews, history and communications are written here too, for the same reason as
        // the values: a handful of rows on each of 10,000 pages, a dozen tags a row.
        // Most objectives have one review (and one communication): a sort makes a new array even
        // when there is nothing to sort.
        let reviewList = model.reviewsByObjective[id] ?? []
        let reviewed = reviewList.count < 2 ? reviewList : reviewList.sorted(by: ReviewsPage.newestFirst)
        var reviewRows = TextBuffer()
        for review in reviewed {
            let date = review.date?.value.description ?? "Undated"
            reviewRows += "      <tr>\n        <th scope=\"row\">"
            if let i = site.reviewIndexByFile[review.file] {
                PageContext.appendLink(root + site.reviewHref(i), date, into: &reviewRows)
            } else {
                HTMLText.escape(date, into: &reviewRows)
            }
            reviewRows += "</th>\n        <td>"
            HTMLText.escape(site.forumName(review.forum?.value) ?? "", into: &reviewRows)
            reviewRows += "</td>\n        <td>"
            var decided = false
            for d in review.decisions where d.objective?.value == id {
                decided = true
                reviewRows += "<p class=\"decision\"><strong>"
                HTMLText.escape(ReviewsPage.label(d.decision?.value), into: &reviewRows)
                reviewRows += "</strong>"
                if let note = d.note, !note.isEmpty {
                    reviewRows += ": "
                    HTMLText.escape(note, into: &reviewRows)
                }
                reviewRows += "</p>"
            }
            if !decided { reviewRows += "Reviewed, no decision recorded" }
            reviewRows += "</td>\n      </tr>\n"
        }
        let actions = (model.actionsByObjective[id] ?? []).sorted(by: { (PageContext.ordinal($0.action.due?.value), $0.action.id?.value ?? "") < (PageContext.ordinal($1.action.due?.value), $1.action.id?.value ?? "") })
            .map { ReviewsPage.action(site, $0.action, review: $0.review, root: root) }

        var historyRows = TextBuffer()
        for h in o.history.reversed() {
            historyRows += "      <tr>\n        <th scope=\"row\">"
            if let version = h.version?.value { historyRows.append(String(version)) }
            historyRows += "</th>\n        <td>"
            PageContext.appendTime(h.date?.value, into: &historyRows)
            historyRows += "</td>\n        <td>"
            HTMLText.escape(h.change?.value ?? "", into: &historyRows)
            historyRows += "</td>\n        <td>"
            HTMLText.escape(h.reason?.value ?? "", into: &historyRows)
            historyRows += "</td>\n        <td>"
            HTMLText.escape(h.approvedBy?.value ?? "", into: &historyRows)
            historyRows += "</td>\n      </tr>\n"
        }
        let communicationList = model.communications(of: id)
        let communications = communicationList.count < 2 ? communicationList : communicationList.sorted(by: {
            (PageContext.ordinal($0.date?.value), $0.file) > (PageContext.ordinal($1.date?.value), $1.file)
        })
        var communicationEntries = TextBuffer()
        for c in communications {
            communicationEntries += "  <article class=\"communication\">\n    <h3>"
            PageContext.appendTime(c.date?.value, into: &communicationEntries)
            if let channel = c.channel?.value.rawValue, !channel.isEmpty {
                communicationEntries += " · "
                HTMLText.escape(channel, into: &communicationEntries)
            }
            if let audience = c.audience?.value, !audience.isEmpty {
                communicationEntries += " · "
                HTMLText.escape(audience, into: &communicationEntries)
            }
            communicationEntries += "</h3>\n    "
            if c.coversAll { communicationEntries += "<p class=\"meta\">Covers all objectives.</p>" }
            communicationEntries += "\n    "
            // Rendered from Markdown once per build (`SiteIndex.communicationHTML`), already HTML.
            if let body = site.communicationHTML[c.file], !body.isEmpty {
                communicationEntries += "<div class=\"prose\">"
                communicationEntries.append(body)
                communicationEntries += "</div>"
            }
            communicationEntries += "\n  </article>\n"
        }

        let title = o.title?.value ?? s.id
        let chart: Any = series.isEmpty ? "" : HTMLBytes(TrendChart.svgText(series: series, target: target, tolerance: tolerance, unit: unit,
                                                                             title: "Trend of \(s.id): \(o.metric?.name?.value ?? title)", idPrefix: "trend"))
        let targetHTML = PageContext.field(o.target?.value, missing: notSet)
        let toleranceHTML = PageContext.field(o.tolerance?.value, missing: notSet)
        let contributors = o.contributors.map(\.value).joined(separator: ", ")
        var dueResultHTML = TextBuffer()
        if let value = dueValue.map({ PageContext.value($0.value, unit: unit) }), !value.isEmpty {
            HTMLText.escape(value, into: &dueResultHTML)
            dueResultHTML += " "
        }
        dueResultHTML.append(site.badgeHTML(dueValue?.status ?? .noData))
        let lastReviewed = model.lastReviewed(o)
        let cadence = model.cadence(of: o)?.rawValue
        let version = o.version.map { String($0.value) }
        let values_: [String: Any] = [
            "objective": [
                "id": s.id,
                "title": title,
                "statement": PageContext.text(o.statement?.value),
                "lifecycle": site.badge(PageContext.kind(s.lifecycle)),
                "result": site.badge(PageContext.kind(s.result)),
                "latest": PageContext.latestText(s),
                "function": function.map { $0.values as Any } ?? false,
                "functionHTML": function?.html ?? notSet,
                "level": level.map { $0.values as Any } ?? false,
                "levelHTML": level?.html ?? PageContext.missing("Unknown"),
                "owner": PageContext.text(s.owner),
                "ownerHref": PageContext.text(ownerHref),
                "ownerHTML": ownerHTML.text,
                "ownerNameHTML": PageContext.field(s.owner, missing: notSet),
                "contributors": PageContext.text(contributors),
                "contributorsRowHTML": PageContext.row("Contributors", contributors),
                "policy": PageContext.count(o.policy.count),
                "policyHTML": policyHTML.text,
                "requirements": PageContext.count(o.requirements.count),
                "requirementsHTML": requirementsHTML.text,
                "requirementsNote": PageContext.text(o.requirementsNote?.value),
                "metric": [
                    "name": PageContext.text(o.metric?.name?.value),
                    "definition": PageContext.text(o.metric?.definition?.value),
                    "counts": PageContext.text(o.metric?.counts?.value),
                    "excludes": PageContext.text(o.metric?.excludes?.value),
                    "unit": PageContext.text(unit),
                ] as [String: Any],
                "metricHref": metricHref,
                "metricHTML": metricHTML.text,
                "definitionRowHTML": PageContext.row("Definition", o.metric?.definition?.value),
                "countsRowHTML": PageContext.row("Counts", o.metric?.counts?.value),
                "excludesRowHTML": PageContext.row("Excludes", o.metric?.excludes?.value),
                "dataSource": [
                    "system": PageContext.text(o.dataSource?.system?.value),
                    "method": PageContext.text(o.dataSource?.method?.value),
                    "dataQuality": PageContext.text(o.dataSource?.dataQuality?.value),
                ] as [String: Any],
                "dataSourceHTML": PageContext.field(o.dataSource?.system?.value, missing: notSet),
                "methodRowHTML": PageContext.row("Method", o.dataSource?.method?.value),
                "dataQualityRowHTML": PageContext.row("Data quality", o.dataSource?.dataQuality?.value),
                "target": PageContext.text(o.target?.value),
                "targetHTML": targetHTML,
                "tolerance": PageContext.text(o.tolerance?.value),
                "toleranceHTML": toleranceHTML,
                "cadence": PageContext.text(cadence),
                "cadenceHTML": PageContext.field(cadence, missing: notSet),
                "forum": forum.map { $0.values as Any } ?? false,
                "forumHTML": forum?.html ?? notSet,
                "actions": PageContext.text(o.actions?.value),
                "actionsRowHTML": PageContext.row("When off target", o.actions?.value),
                "version": PageContext.text(version),
                "versionHTML": PageContext.field(version, missing: notSet),
                "approvedBy": PageContext.text(o.approvedBy?.value),
                "approvedByHTML": PageContext.field(o.approvedBy?.value, missing: PageContext.missing("Not approved")),
                "approvedOn": PageContext.day(o.approvedOn?.value),
                "approvedOnHTML": PageContext.time(o.approvedOn?.value, missing: notSet),
                "effective": PageContext.day(o.effective?.value),
                "effectiveRowHTML": PageContext.row("Effective", o.effective?.value),
                "source": site.relative(o.file),
                "body": PageContext.html(site.htmlBytes(o.body, from: o.file, root: root, under: 2)),
            ] as ContextMap,
            "chart": chart,
            "due": due.map { d -> [String: Any] in
                ["period": d.description,
                 "value": PageContext.text(dueValue.map { PageContext.value($0.value, unit: unit) }),
                 "result": site.badge(PageContext.kind(dueValue?.status ?? .noData)),
                 "resultHTML": dueResultHTML.text]
            } ?? false,
            "values": values,
            "reviews": PageContext.rowsTable(reviewRows.text, count: reviewed.count),
            "lastReviewed": PageContext.day(lastReviewed),
            "lastReviewedHTML": PageContext.time(lastReviewed, missing: "never"),
            "actionList": PageContext.table(actions),
            "history": PageContext.rowsTable(historyRows.text, count: o.history.count),
            "communications": PageContext.rowsTable(communicationEntries.text, count: communications.count, key: "entriesHTML"),
            "findings": PageContext.findings(site, s.findings, root: root),
        ]
        return PageOutput(path: s.href, template: "pages/objective",
                          context: PageContext.page(site, section: "register", root: root, title: "\(s.id) \(title)", values_))
    }

    /// A function, level or forum: its name and where it is described (`href`, from the site's
    /// top), and `html`, the name as a link there from an objective's page, or the name alone.
    static func named(_ name: String, _ href: String?, root: String) -> (values: [String: Any], html: String) {
        var html = TextBuffer()
        linkOrText(href.map { root + $0 }, name, into: &html)
        return (["name": name, "href": PageContext.text(href)], html.text)
    }

    /// `<a href="…">text</a>`, or the text alone when there is nowhere to link to.
    static func linkOrText(_ href: String?, _ text: String, into out: inout TextBuffer) {
        if let href, !href.isEmpty {
            PageContext.appendLink(href, text, into: &out)
        } else {
            HTMLText.escape(text, into: &out)
        }
    }

    /// A policy statement or requirement clause the objective traces to: its id, a link when it
    /// is declared, and its text.
    static func reference(_ id: String, href: String?, text: String?, into out: inout TextBuffer) {
        out += "<span class=\"ref\">"
        PageContext.appendReference(id, href: href, into: &out)
        if let text, !text.isEmpty {
            out += " <span class=\"ref-text\">"
            HTMLText.escape(text, into: &out)
            out += "</span>"
        }
        out += "</span>"
    }

    /// "≤ 4 h, tolerance ≤ 6 h", with "(version 2)" when a history entry's thresholds applied.
    static func judged(_ j: CheckModel.Judgement, unit: String?) -> String {
        guard let target = j.target else { return "no target" }
        var out = TrendChart.threshold(target, unit)
        if let tolerance = j.tolerance { out += ", tolerance " + TrendChart.threshold(tolerance, unit) }
        if !j.isCurrent { out += j.version.map { " (version \($0))" } ?? " (earlier)" }
        return out
    }
}
