import EvidentCheck
import EvidentModel
import EvidentSupport

/// `objectives/<slug>.html`: every field of one objective, its trend, values, reviews, decisions,
/// actions, history, communications and findings (SPEC 6).
enum ObjectivePage {
    /// The page's place in the site's navigation, and its way up to the site's top.
    static let section = "register", root = "../"

    /// The most periods the trend chart and the values table show, the latest: ten years of a
    /// weekly objective, forty of a monthly one. A chart of more is a smear, and a table of
    /// 30,000 rows makes a page of 13 MB that a browser opens slowly and no one reads.
    static let shownPeriods = 520

    static func make(_ site: SiteIndex, index: Int) -> PageOutput {
        let model = site.model
        let o = model.content.objectives[index]
        let s = site.objectives[index]
        let id = o.id?.value ?? ""
        let series = model.series(of: o)
        let target = model.target(of: o), tolerance = model.tolerance(of: o)
        let unit = o.metric?.unit?.value

        let function = o.function.map { f in
            link(site.functionName(f.value) ?? f.value, site.functionAnchors[f.value].map { "functions.html#\($0)" })
        }
        let level = s.levelID.map { l in
            link(site.levelName(l) ?? l, site.levelAnchors[l].map { "functions.html#\($0)" })
        }
        let forumID = model.forum(of: o)?.value
        let forum = forumID.map { f in
            link(site.forumName(f) ?? f, site.forumAnchors[f].map { "functions.html#\($0)" })
        }
        let ownerHref = site.ownerHref(s.owner)
        let ownerLink: View = s.owner.flatMap { $0.isEmpty ? nil : link($0, ownerHref) } ?? false

        // The statements and clauses the objective traces to.
        let policy = o.policy.map { ref in
            reference(ref.value, href: site.statementAnchors[ref.value].map { "policy.html#\($0)" },
                      text: model.statementsByID[ref.value]?.text)
        }
        let requirements = o.requirements.map { ref in
            reference(ref.value, href: site.clauseAnchors[ref.value].map { "requirements.html#\($0)" },
                      text: model.clausesByID[ref.value]?.text)
        }

        let standards = model.standards(of: o)
        let risks: View = o.risks.isEmpty && o.risksNote == nil ? false : [
            "references": PageContext.list(o.risks.map { ref in
                reference(ref.value, href: nil, text: model.risksByID[ref.value]?.text)
            }),
            "note": PageContext.text(o.risksNote?.value),
        ]
        let plan: View = o.plan.map { p -> View in
            [
                "what": PageContext.text(p.what?.value),
                "resources": PageContext.text(p.resources?.value),
                "responsible": PageContext.text(p.responsible?.value),
                "due": PageContext.day(p.due?.value),
                "evaluation": PageContext.text(p.evaluation?.value),
                "integration": PageContext.text(p.integration?.value),
            ]
        } ?? false

        let metricHref = "metrics.html#metric-\(s.slug)"
        let due = model.duePeriod(of: o)
        // A value of a period after the latest due one (all, before the first is due) is shown but
        // is not yet a result (SPEC 4.1): its row says so beside its status.
        let hasCadence = model.cadence(of: o) != nil
        // A period that ended before the objective's start is never due (SPEC 4.1 "Start of an
        // objective"): its value is shown, judged, but is no result, as its row says.
        let start = model.start(of: o)
        func endsBeforeStart(_ period: Period) -> Bool { start.map { period.end < $0 } ?? false }
        // Values judged against the same thresholds share one `Judgement`: its text is made once.
        var judgedText: (of: CheckModel.Judgement, text: View)?
        // The latest periods only: older ones are counted in a line under the table, with the
        // files that hold them, so that no page is tens of megabytes.
        let shown = series.suffix(shownPeriods)
        let older = series.prefix(series.count - shown.count)
        let measuredRows = shown.reversed().map { pv -> View in
            let judged: View
            if let known = judgedText, known.of === pv.judgement {
                judged = known.text
            } else {
                judged = View(Self.judged(pv.judgement, unit: unit))
                judgedText = (pv.judgement, judged)
            }
            // One copy of the row: `measurement` copies it whole, retaining each of its texts.
            let row = pv.measurement
            let value = PageContext.value(pv.value, unit: unit, written: row.valueText)
            return [
                "period": View(pv.period.description),
                // The value of a finer row (a month, week or day of a quarter) stands for the whole
                // period: the row says which, so the table can be matched with the file.
                "rowPeriod": row.periodValue == pv.period ? false : View(row.periodValue.description),
                "isDue": View(pv.period == due),
                "notYetDue": View(due.map { pv.period > $0 } ?? (hasCadence && !endsBeforeStart(pv.period))),
                "beforeStart": View(endsBeforeStart(pv.period)),
                "value": View(value),
                "longValue": View(PageContext.isLong(value)),
                // A value with no target to judge it against has no result: it is data, not "no data".
                "status": pv.judgement.target == nil ? false : site.badge(PageContext.kind(pv.status)),
                // What the value was judged against: the thresholds in force at the end of its period.
                "judged": judged,
                "note": View(row.note ?? ""),
                "evidence": PageContext.text(row.evidence?.value),
                "notCounted": notCounted(pv.notCounted, period: pv.period, site: site, unit: unit),
                "gap": false,
            ]
        }
        let valueRows = withUnrecordedPeriods(measuredRows, Array(shown))
        let dueValue = due.flatMap { CheckModel.entry(for: $0, in: series) }

        // Most objectives have one review (and one communication): a sort makes a new array even
        // when there is nothing to sort.
        let reviewList = model.reviewsByObjective[id] ?? []
        let reviewed = reviewList.count < 2 ? reviewList : reviewList.sorted(by: ReviewsPage.newestFirst)
        // This objective's decisions by the file of their review, in file order: read from its own
        // look-up, not from every decision of each review, which may decide on thousands of objectives.
        var decidedIn: [String: [Decision]] = [:]
        for d in model.decisionsByObjective[id] ?? [] { decidedIn[d.review.file, default: []].append(d.decision) }
        let reviewRows = reviewed.map { review -> View in
            let decisions = (decidedIn[review.file] ?? []).map { d -> View in
                ["label": View(ReviewsPage.label(d.decision?.value)), "note": PageContext.text(d.note)]
            }
            return [
                "link": View(site.reviewIndexByFile[review.file].map { link(site.reviewName($0, undated: "Undated"), site.reviewHref($0)) }
                    ?? link(review.date?.value.description ?? "Undated", nil)),
                "forum": View(site.forumName(review.forum?.value) ?? ""),
                "decisions": PageContext.list(decisions),
                // Dated after the as-of date: not held yet, so it counts nowhere (`monitored/future-review`).
                "future": View(review.date.map { $0.value > model.asOf } ?? false),
            ]
        }
        let actions = (model.actionsByObjective[id] ?? []).sorted(by: { (PageContext.ordinal($0.action.due?.value), $0.action.id?.value ?? "") < (PageContext.ordinal($1.action.due?.value), $1.action.id?.value ?? "") })
            .map { ReviewsPage.action(site, $0.action, review: $0.review, root: root) }

        // Newest version first, whatever order the file lists them in.
        let historyRows = o.history.enumerated().sorted { a, b in
            (a.element.version?.value ?? Int.min, a.offset) > (b.element.version?.value ?? Int.min, b.offset)
        }.map { _, h -> View in
            [
                "version": View(h.version.map { String($0.value) } ?? ""),
                "date": PageContext.day(h.date?.value),
                "change": View(h.change?.value ?? ""),
                "reason": View(h.reason?.value ?? ""),
                "approvedBy": View(h.approvedBy?.value ?? ""),
                // The thresholds the version set and the day they judge values from (SPEC 4.1), so
                // that a long history says which target applied when without the values table.
                "thresholds": h.target.map { text -> View in
                    guard let target = Threshold(parsing: text.value) else { return View(text.value) }
                    let tolerance = h.tolerance.flatMap { Threshold(parsing: $0.value) }
                    return View(Self.thresholds(CheckModel.Judgement(target: target, tolerance: tolerance, version: nil, since: nil), unit: unit))
                } ?? false,
                "from": PageContext.day(h.target == nil ? h.effective?.value : h.since),
                // Dated after the as-of date: not approved yet (`updated/history`).
                "future": View(h.date.map { $0.value > model.asOf } ?? false),
            ]
        }
        let communicationList = model.communications(of: id)
        let communications = communicationList.count < 2 ? communicationList : communicationList.sorted(by: {
            (PageContext.ordinal($0.date?.value), $0.file) > (PageContext.ordinal($1.date?.value), $1.file)
        })
        let communicationRows = communications.map { c -> View in
            [
                "date": PageContext.day(c.date?.value),
                "channel": PageContext.text(c.channel?.value.rawValue),
                "audience": PageContext.text(c.audience?.value),
                "coversAll": View(c.coversAll),
                // Dated after the as-of date: not made yet (`communicated/future-date`).
                "future": View(c.date.map { $0.value > model.asOf } ?? false),
                // Rendered from Markdown once per build (`SiteIndex.communicationHTML`).
                "body": site.communicationHTML[c.file] ?? false,
            ]
        }

        let title = o.title?.value ?? s.id
        var olderValues: View = false
        if let first = older.first, let last = older.last {
            let files = Set(older.map(\.measurement.file)).sorted()
            olderValues = [
                "count": View(older.count), "shown": View(shown.count),
                "from": View(first.period.description), "to": View(last.period.description),
                "files": PageContext.list(files.enumerated().map { i, file in
                    ["path": View(site.relative(file)), "last": View(i == files.count - 1)] as View
                }),
            ]
        }
        // `false` with no value to draw, as every value that may be missing.
        let chart: View = series.isEmpty ? false : .html(HTML(TrendChart.svgText(series: Array(shown), target: target, tolerance: tolerance, unit: unit,
                                                                             title: "Trend of \(s.id): \(o.metric?.name?.value ?? title)", idPrefix: "trend",
                                                                             isDue: { period in due.map { period <= $0 } ?? false })))
        let contributors = o.contributors.map { BidiText.isolatedName($0.value) }.joined(separator: ", ")
        let lastReviewed = model.lastReviewed(o)
        let values_: ViewObject = [
            "objective": [
                "id": View(s.id),
                "title": View(title),
                "statement": PageContext.text(o.statement?.value),
                "lifecycle": site.badge(PageContext.kind(s.lifecycle)),
                // As lists show it, but an objective evaluated at its reviews shows its latest value's status.
                "result": site.badge(s.qualitative ? PageContext.kind(s.result) : s.resultKind),
                "latest": View(PageContext.latestText(s)),
                "function": function ?? false,
                "level": level ?? false,
                "owner": PageContext.text(s.owner),
                "ownerHref": PageContext.text(ownerHref),
                "ownerLink": ownerLink,
                "contributors": PageContext.text(contributors),
                "policy": PageContext.list(policy),
                "requirements": PageContext.list(requirements),
                "requirementsNote": PageContext.text(o.requirementsNote?.value),
                "standards": PageContext.list(standards.enumerated().map { i, standard in
                    ["name": View(standard.name), "last": View(i == standards.count - 1)] as View
                }),
                "standardsNamed": View(!o.standards.isEmpty),
                "risks": risks,
                "customerRelevance": PageContext.text(o.customerRelevance?.value),
                "consultation": PageContext.text(o.consultation?.value),
                "evaluation": PageContext.text(o.evaluation?.value),
                // Evaluated instead of measured (SPEC §8): no target, value or result to show.
                "qualitative": View(model.evaluatedQualitatively(o)),
                "plan": plan,
                // planned/plan asks a plan of active objectives only: a draft's or a retired one's
                // absence is no finding, and is not marked as one.
                "planAsked": View(model.isActive(o) && model.asks(.plan, of: o)),
                "metric": [
                    "name": PageContext.text(o.metric?.name?.value),
                    "definition": PageContext.text(o.metric?.definition?.value),
                    "counts": PageContext.text(o.metric?.counts?.value),
                    "excludes": PageContext.text(o.metric?.excludes?.value),
                    "unit": PageContext.text(unit),
                ] as View,
                "metricHref": View(metricHref),
                "dataSource": [
                    "system": PageContext.text(o.dataSource?.system?.value),
                    "method": PageContext.text(o.dataSource?.method?.value),
                    "dataQuality": PageContext.text(o.dataSource?.dataQuality?.value),
                ] as View,
                // As of a day before the file's version was approved, the version in force then.
                "target": PageContext.text(s.inForce.map(\.target) ?? o.target?.value),
                "tolerance": PageContext.text(s.inForce.map(\.tolerance) ?? o.tolerance?.value),
                "laterVersion": PageContext.laterVersion(s),
                // The target and tolerance above apply from a day after the as-of date.
                "thresholdsFrom": PageContext.day(s.thresholdsLater?.from),
                "thresholdsInForce": PageContext.text(s.thresholdsLater?.inForce),
                "cadence": PageContext.text(model.cadence(of: o)?.rawValue),
                "forum": forum ?? false,
                "actions": PageContext.text(o.actions?.value),
                "version": PageContext.text((s.inForce.map(\.version) ?? o.version?.value).map { String($0) }),
                "approvedBy": PageContext.text(s.inForce.map(\.approvedBy) ?? o.approvedBy?.value),
                "approvedOn": PageContext.day(s.inForce.map(\.approvedOn) ?? o.approvedOn?.value),
                "approvalPending": View(s.inForce == nil && o.approvedOn.map { $0.value > model.asOf } ?? false),
                "effective": PageContext.day(s.inForce.map(\.effective) ?? o.effective?.value),
                "source": View(site.relative(o.file)),
                "body": PageContext.html(site.htmlBytes(o.body, from: o.file, root: root, under: 2)),
            ] as View,
            "chart": chart,
            // An objective evaluated at its reviews, a draft or a retired one is asked for no value
            // (monitored/no-data): no due period is shown as missing one.
            "due": s.qualitative || !model.isActive(o) ? false : due.map { d -> View in
                let value = dueValue.map { PageContext.value(of: $0, unit: unit) }
                return ["period": View(d.description),
                        "value": PageContext.text(value),
                        "result": site.badge(dueValue?.statusName ?? PageContext.kind(.noData))]
            } ?? false,
            // Why a draft or retired objective shows no due period: it is not monitored.
            "unmonitored": model.isActive(o) ? false : View(model.status(of: o) == .retired ? "Retired" : "Draft"),
            "values": PageContext.table(valueRows),
            // Periods before the latest `shownPeriods`, not on the page: how many, and where they are.
            "olderValues": olderValues,
            "reviews": PageContext.table(reviewRows),
            "lastReviewed": PageContext.day(lastReviewed),
            // A review that is late, as monitored/review-overdue judges it: a new objective whose
            // first review is not due yet is not shown as missing one.
            "reviewOverdue": View(s.findings.contains { $0.rule == MonitoredReviewOverdue.description.id }),
            "actionList": PageContext.table(actions),
            "history": PageContext.table(historyRows),
            "communications": PageContext.table(communicationRows),
            "findings": PageContext.findings(site, s.findings),
            "findingsSummary": PageContext.findingsSummary(site, s.findings),
        ]
        return PageOutput(path: s.href, template: "pages/objective",
                          context: PageContext.page(site, section: section, root: root, title: "\(s.id) \(title)", values_))
    }

    /// The most rows of a period that do not count a values table lists; it counts the rest.
    static let notCountedShown = 3

    /// A period's rows that do not count (`CheckModel.PeriodValue.notCounted`), the latest first:
    /// each row's value, its own period when it is not the table's, and where it is; `false` when
    /// there are none. A restated value is then seen beside the one that replaced it.
    static func notCounted(_ rows: [Measurement], period: Period, site: SiteIndex, unit: String?) -> View {
        guard !rows.isEmpty else { return false }
        let shown = rows.suffix(notCountedShown).reversed()
        return [
            "rows": PageContext.list(shown.enumerated().map { i, row -> View in
                [
                    "value": View(PageContext.value(row.value, unit: unit, written: row.valueText)),
                    "rowPeriod": row.periodValue == period ? false : View(row.periodValue.description),
                    "source": View(site.relative(row.file) + (row.location.line.map { ":\($0)" } ?? "")),
                    "last": View(i == shown.count - 1),
                ]
            }),
            "more": rows.count > notCountedShown ? View(rows.count - notCountedShown) : false,
        ]
    }

    /// The values table's rows, newest first, with a row for each run of periods between two
    /// measured ones that has no row in the file: the chart breaks its line there, and the table
    /// says so rather than close up. `rows[i]` is the row of `shown` counted from its end.
    static func withUnrecordedPeriods(_ rows: [View], _ shown: [CheckModel.PeriodValue]) -> [View] {
        var out: [View] = []
        out.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            out.append(row)
            let newer = shown.count - 1 - i, older = newer - 1
            guard older >= 0 else { continue }
            let a = shown[older].period, b = shown[newer].period
            // Periods of one kind only: a change of cadence leaves no run to name.
            guard a.kind == b.kind else { continue }
            let from = TrendChart.Drawing.slot(of: a) + 1, to = TrendChart.Drawing.slot(of: b) - 1
            guard from <= to, let first = TrendChart.Drawing.period(ofSlot: from, kind: a.kind),
                  let last = TrendChart.Drawing.period(ofSlot: to, kind: a.kind) else { continue }
            let count = to - from + 1
            out.append(["gap": [
                "period": View(count == 1 ? first.description : "\(first.description) to \(last.description)"),
                "count": count == 1 ? false : View(count),
            ]])
        }
        return out
    }

    /// A link for `partials/link`: its text, and where it goes from the site's top (`false` when
    /// there is nowhere to go: the text is shown alone).
    static func link(_ text: String, _ href: String?) -> View {
        ["text": View(text), "href": PageContext.text(href)]
    }

    /// A policy statement or requirement clause the objective traces to, for
    /// `partials/reference`: its id, where it is declared (`false` when it is not) and its text.
    static func reference(_ id: String, href: String?, text: String?) -> View {
        ["id": View(id), "href": PageContext.text(href), "text": PageContext.text(text)]
    }

    /// "≤ 4 h, tolerance ≤ 6 h", with "(version 2)" when a history entry's thresholds applied.
    static func judged(_ j: CheckModel.Judgement, unit: String?) -> String {
        guard j.target != nil else { return "no target" }
        var out = thresholds(j, unit: unit)
        if !j.isCurrent { out += j.version.map { " (version \($0))" } ?? " (earlier)" }
        return out
    }

    /// "≤ 6 h, tolerance ≤ 8 h": the thresholds of `j`, "no target" without one.
    static func thresholds(_ j: CheckModel.Judgement, unit: String?) -> String {
        guard let target = j.target else { return "no target" }
        var out = TrendChart.threshold(target, unit)
        if let tolerance = j.tolerance { out += ", tolerance " + TrendChart.threshold(tolerance, unit) }
        return out
    }
}
