import EvidentModel
import EvidentSupport

/// `reviews/index.html` (every review meeting, newest first) and `reviews/<slug>.html` (one
/// meeting: who, which objectives, decisions, actions, minutes).
enum ReviewsPage {
    static func index(_ site: SiteIndex) -> PageOutput {
        let root = "../"
        let asOf = site.model.asOf
        let reviews = site.content.reviews.enumerated().sorted { newestFirst($0.element, $1.element) }
        // One row per meeting, written here rather than through Mustache (see
        // `PageContext.rowsTable`); the template keeps the table, its caption and header.
        var html = TextBuffer()
        html.reserveCapacity(reviews.count * 400)
        for (i, r) in reviews {
            html += "    <tr>\n      <th scope=\"row\">"
            PageContext.appendLink(root + site.reviewHref(i), r.date?.value.description ?? "Undated", into: &html)
            html += "</th>\n      <td>"
            HTMLText.escape(site.forumName(r.forum?.value) ?? "", into: &html)
            html += "</td>\n      <td>"
            HTMLText.escape(r.chair?.value ?? "", into: &html)
            html += "</td>\n      <td class=\"num\">"
            html.append(String(Set(r.objectives.map(\.value) + r.decisions.compactMap { $0.objective?.value }).count))
            html += "</td>\n      <td class=\"num\">"
            html.append(String(r.decisions.count))
            html += "</td>\n      <td class=\"num\">"
            // Zero counts are shown too: "3 (0 open, 0 overdue)" tells a reader that every action
            // of the review was closed.
            html.append("\(r.actions.count) <span class=\"hint\">(\(r.actions.filter { isOpen($0) }.count) open, ")
            html.append("\(r.actions.filter { isOverdue($0, asOf: asOf) }.count) overdue)</span></td>\n    </tr>\n")
        }
        return PageOutput(path: "reviews/index.html", template: "pages/reviews",
                          context: PageContext.page(site, section: "reviews", root: root, title: "Reviews",
                                                    ["reviews": PageContext.rowsTable(html.text, count: reviews.count)]))
    }

    static func review(_ site: SiteIndex, index: Int) -> PageOutput {
        let root = "../"
        let r = site.content.reviews[index]
        var named: [String] = []
        for id in r.objectives.map(\.value) + r.decisions.compactMap({ $0.objective?.value }) where !named.contains(id) {
            named.append(id)
        }
        // The objectives reviewed and the decisions are written here, escaped, and the fields of
        // the head one tag each (`dateHTML`…), as on an objective's page: through
        // `partials/objective-link` each objective cost six tags and each decision ten, a few
        // microseconds a tag, on each of thousands of review pages.
        var objectivesHTML = TextBuffer()
        for id in named {
            PageContext.appendObjectiveLink(site, id: id, root: root, into: &objectivesHTML)
            objectivesHTML += " "
        }
        var decisionRows = TextBuffer()
        for d in r.decisions {
            decisionRows += "      <tr>\n        <th scope=\"row\">"
            if let id = d.objective?.value { PageContext.appendObjectiveLink(site, id: id, root: root, into: &decisionRows) }
            decisionRows += "</th>\n        <td><span class=\"decision decision-"
            HTMLText.escape(d.decision?.value.rawValue ?? "unknown", into: &decisionRows)
            decisionRows += "\">"
            HTMLText.escape(label(d.decision?.value), into: &decisionRows)
            decisionRows += "</span></td>\n        <td>"
            HTMLText.escape(d.note ?? "", into: &decisionRows)
            decisionRows += "</td>\n      </tr>\n"
        }
        let findings = site.result.findings.filter { $0.location.file == r.file }
        let forum = r.forum?.value
        let forumName = site.forumName(forum)
        let forumHref = forum.flatMap { site.forumAnchors[$0] }.map { "functions.html#\($0)" }
        var forumHTML = TextBuffer()
        if let forumName, !forumName.isEmpty {
            ObjectivePage.linkOrText(forumHref.map { root + $0 }, forumName, into: &forumHTML)
        } else {
            forumHTML = TextBuffer(PageContext.missing("Not stated"))
        }
        let attendees = r.attendees.map(\.value).joined(separator: ", ")
        let title = "\(forumName ?? "Review") of \(r.date?.value.description ?? "unknown date")"
        let values: [String: Any] = [
            "review": [
                "title": title,
                "date": PageContext.day(r.date?.value),
                "dateHTML": PageContext.time(r.date?.value, missing: PageContext.missing("Not dated")),
                "forum": PageContext.text(forumName),
                "forumHref": PageContext.text(forumHref),
                "forumHTML": forumHTML.text,
                "chair": PageContext.text(r.chair?.value),
                "chairHTML": PageContext.field(r.chair?.value, missing: PageContext.missing("Not stated")),
                "attendees": PageContext.text(attendees),
                "attendeesRowHTML": PageContext.row("Attendees", attendees),
                "source": site.relative(r.file),
                "body": PageContext.html(site.htmlBytes(r.body, from: r.file, root: root, under: 2)),
            ] as [String: Any],
            "objectives": named.isEmpty ? false : ["linksHTML": objectivesHTML.text, "count": named.count] as [String: Any],
            "decisions": PageContext.rowsTable(decisionRows.text, count: r.decisions.count),
            "actionList": PageContext.table(r.actions.map { action(site, $0, review: r, root: root) }),
            "findings": PageContext.findings(site, findings, root: root),
        ]
        return PageOutput(path: site.reviewHref(index), template: "pages/review",
                          context: PageContext.page(site, section: "reviews", root: root, title: title, values))
    }

    /// Newest first; meetings on the same day by file, so the order never changes between runs.
    static func newestFirst(_ a: Review, _ b: Review) -> Bool {
        let da = PageContext.ordinal(a.date?.value), db = PageContext.ordinal(b.date?.value)
        return da != db ? da > db : a.file < b.file
    }

    static func label(_ kind: Decision.Kind?) -> String {
        switch kind {
        case .noChange: "No change"
        case .update: "Update"
        case .retire: "Retire"
        case .escalate: "Escalate"
        case nil: "Not stated"
        }
    }

    static func isOpen(_ a: ReviewAction) -> Bool { (a.status?.value ?? .open) == .open }

    static func isOverdue(_ a: ReviewAction, asOf: Day) -> Bool {
        guard isOpen(a), let due = a.due?.value else { return false }
        return due < asOf
    }

    /// An action as the review, objective and owner pages list it. `root` is the page's way back
    /// to the top of the site: the objective, the owner and the review come as `objectiveHTML`,
    /// `ownerHTML` and `reviewHTML`, a link or the text alone, and the due date as `dueHTML`, one
    /// tag each in the template instead of six, six, five and three.
    static func action(_ site: SiteIndex, _ a: ReviewAction, review: Review, root: String) -> [String: Any] {
        let overdue = isOverdue(a, asOf: site.model.asOf)
        let status: [String: Any] = isOpen(a)
            ? (overdue ? site.badge("overdue") : site.badge("open"))
            : site.badge("done")
        let ownerHref = site.ownerHref(a.owner?.value)
        var ownerHTML = TextBuffer()
        if let owner = a.owner?.value, !owner.isEmpty {
            ObjectivePage.linkOrText(ownerHref.map { root + $0 }, owner, into: &ownerHTML)
        }
        let reviewDate = review.date?.value.description ?? "Undated review"
        let reviewHref = site.reviewIndexByFile[review.file].map { site.reviewHref($0) }
        var reviewHTML = TextBuffer()
        ObjectivePage.linkOrText(reviewHref.map { root + $0 }, reviewDate, into: &reviewHTML)
        return [
            "id": PageContext.text(a.id?.value),
            "text": PageContext.text(a.text),
            "objective": a.objective.map { PageContext.objectiveLink(site, id: $0.value) } ?? false,
            "objectiveHTML": PageContext.objectiveLinkHTML(site, id: a.objective?.value, root: root),
            "owner": PageContext.text(a.owner?.value),
            "ownerHref": PageContext.text(ownerHref),
            "ownerHTML": ownerHTML.text,
            "due": PageContext.day(a.due?.value),
            "dueHTML": PageContext.time(a.due?.value, missing: ""),
            "status": status,
            "reviewDate": reviewDate,
            "reviewHref": PageContext.text(reviewHref),
            "reviewHTML": reviewHTML.text,
        ]
    }
}
