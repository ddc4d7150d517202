import EvidentCheck
import EvidentModel
import EvidentSupport

/// `reviews/index.html` (every review meeting, newest first) and `reviews/<slug>.html` (one
/// meeting: who, which objectives, decisions, actions, minutes).
enum ReviewsPage {
    static func index(_ site: SiteIndex) -> PageOutput {
        let root = "../"
        let asOf = site.model.asOf
        let reviews = site.content.reviews.enumerated().sorted { newestFirst($0.element, $1.element) }
        let rows = reviews.map { i, r -> View in
            [
                "link": ObjectivePage.link(site.reviewName(i, undated: "Undated"), site.reviewHref(i)),
                "forum": View(site.forumName(r.forum?.value) ?? ""),
                "chair": View(r.chair?.value ?? ""),
                "objectiveCount": View(Set(r.objectives.map(\.value) + r.decisions.compactMap { $0.objective?.value }).count),
                "decisionCount": View(r.decisions.count),
                // Zero counts are shown too: "3 (0 open, 0 overdue)" tells a reader that every
                // action of the review was closed.
                "actionCount": View(r.actions.count),
                "openCount": View(r.actions.filter { $0.isOpen(asOf: asOf) }.count),
                "overdueCount": View(r.actions.filter { $0.isOverdue(asOf: asOf) }.count),
                "future": View(isFuture(r, asOf: asOf)),
            ]
        }
        let notHeld = reviews.filter { isFuture($0.element, asOf: asOf) }.count
        return PageOutput(path: "reviews/index.html", template: "pages/reviews",
                          context: PageContext.page(site, section: "reviews", root: root, title: "Reviews", [
                              "reviews": PageContext.table(rows),
                              "countText": View(FindingsReport.plural(reviews.count, "review meeting")),
                              // Listed, each marked, but held by no one yet: the caption does not count them as held.
                              "notHeld": notHeld == 0 ? false : View(notHeld),
                          ]))
    }

    static func review(_ site: SiteIndex, index: Int) -> PageOutput {
        let root = "../"
        let r = site.content.reviews[index]
        var named: [String] = [], seen: Set<String> = []
        for id in r.objectives.map(\.value) + r.decisions.compactMap({ $0.objective?.value }) where seen.insert(id).inserted {
            named.append(id)
        }
        let decisions = r.decisions.map { d -> View in
            [
                "objective": View(d.objective.map { PageContext.objectiveLink(site, id: $0.value) } ?? false),
                "kind": View(d.decision?.value.rawValue ?? "unknown"),
                "label": View(label(d.decision?.value)),
                "note": View(d.note ?? ""),
            ]
        }
        let findings = site.reviewFindings[index]
        let forum = r.forum?.value
        let forumName = site.forumName(forum)
        let forumHref = forum.flatMap { site.forumAnchors[$0] }.map { "functions.html#\($0)" }
        let attendees = r.attendees.map { BidiText.isolatedName($0.value) }.joined(separator: ", ")
        let title = "\(forumName.map(BidiText.isolatedName) ?? "Review") of \(site.reviewName(index, undated: "unknown date"))"
        let values: ViewObject = [
            "review": [
                "title": View(title),
                "date": PageContext.day(r.date?.value),
                "future": View(isFuture(r, asOf: site.model.asOf)),
                "forum": PageContext.text(forumName),
                "forumHref": PageContext.text(forumHref),
                "forumLink": View(forumName.flatMap { $0.isEmpty ? nil : ObjectivePage.link($0, forumHref) } ?? false),
                "chair": PageContext.text(r.chair?.value),
                "attendees": PageContext.text(attendees),
                "source": View(site.relative(r.file)),
                "body": PageContext.html(site.htmlBytes(r.body, from: r.file, root: root, under: 2)),
            ] as View,
            "objectives": PageContext.list(named.map { PageContext.objectiveLink(site, id: $0) }),
            "decisions": PageContext.table(decisions),
            "actionList": PageContext.table(r.actions.map { action(site, $0, review: r, root: root) }),
            "findings": PageContext.findings(site, findings),
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

    /// Dated after the as-of date: not held yet, so neither it nor its decisions and actions count
    /// (`monitored/future-review`).
    static func isFuture(_ r: Review, asOf: Day) -> Bool {
        r.date.map { $0.value > asOf } ?? false
    }

    /// An action as the review, objective and owner pages list it: the objective as
    /// `partials/objective-link` reads it, the owner and the review that agreed it as
    /// `partials/link` reads a link (`ownerLink`, `reviewLink`), and its status as a badge, as of
    /// the as-of date, with the day it was done (`doneOn`; `doneLater` when after the as-of date).
    static func action(_ site: SiteIndex, _ a: ReviewAction, review: Review, root: String) -> View {
        let asOf = site.model.asOf
        let overdue = a.isOverdue(asOf: asOf)
        // Only an action marked done was done; a `done_on` beside another status is a finding.
        let doneOn = a.status?.value == .done ? a.doneOn?.value : nil
        let status: View = a.isOpen(asOf: asOf)
            ? (overdue ? site.badge("overdue") : site.badge("open"))
            : site.badge("done")
        let ownerHref = site.ownerHref(a.owner?.value)
        let reviewDate = review.date?.value.description ?? "Undated review"
        let reviewIndex = site.reviewIndexByFile[review.file]
        let reviewHref = reviewIndex.map { site.reviewHref($0) }
        return [
            "id": PageContext.text(a.id?.value),
            "text": PageContext.text(a.text),
            "objective": View(a.objective.map { PageContext.objectiveLink(site, id: $0.value) } ?? false),
            "owner": PageContext.text(a.owner?.value),
            "ownerHref": PageContext.text(ownerHref),
            "ownerLink": View(a.owner.flatMap { $0.value.isEmpty ? nil : ObjectivePage.link($0.value, ownerHref) } ?? false),
            "due": PageContext.day(a.due?.value),
            "status": View(status),
            "doneOn": PageContext.day(doneOn),
            "doneLater": View(doneOn.map { $0 > asOf } ?? false),
            "reviewDate": View(reviewDate),
            "reviewHref": PageContext.text(reviewHref),
            "reviewLink": ObjectivePage.link(reviewIndex.map { site.reviewName($0, undated: reviewDate) } ?? reviewDate, reviewHref),
            "future": View(isFuture(review, asOf: site.model.asOf)),
        ]
    }
}
