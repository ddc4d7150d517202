import EvidentCheck
import EvidentModel
import EvidentSupport

/// A page to render: where it goes, with which template, and the values the template reads.
/// Contexts are dictionaries (swift-mustache reads them quickly; structs go through reflection),
/// and every key a template reads is always present, `false` when there is nothing: a missing key
/// would make Mustache look it up in the enclosing context and show an unrelated value.
struct PageOutput {
    var path: String
    var template: String
    var context: [String: Any]
}

/// The parts every page shares: the frame (site name, navigation, footer), status badges, value
/// formatting, and links to objectives.
enum PageContext {
    /// The navigation, in the order a reader goes through an audit: key, page path, label.
    static let navigation: [(key: String, path: String, label: String)] = [
        ("index", "index.html", "Dashboard"),
        ("register", "register.html", "Register"),
        ("policy", "policy.html", "Policy"),
        ("requirements", "requirements.html", "Requirements"),
        ("functions", "functions.html", "Functions and levels"),
        ("metrics", "metrics.html", "Metrics"),
        ("reviews", "reviews/index.html", "Reviews"),
        ("changes", "changes.html", "Change log"),
        ("readiness", "readiness.html", "Readiness"),
        ("owners", "owners.html", "Owners"),
    ]

    /// `root` is the way back to the site's top folder from the page ("" or "../"); every link a
    /// template writes starts with it, so the site works from any folder and from `file://`.
    static func frame(_ model: CheckModel, section: String, root: String, title: String) -> [String: Any] {
        let configuration = model.configuration
        return [
            "root": root,
            "pageTitle": title,
            "section": section,
            "site": [
                "title": configuration.siteTitle,
                "organization": configuration.organizationName,
                "scope": text(configuration.scope?.value),
                "asOf": model.asOf.description,
                "version": Evident.version,
            ] as [String: Any],
            "nav": navigation.map { item -> [String: Any] in
                ["href": item.path, "label": item.label, "current": item.key == section]
            },
        ]
    }

    /// The frame with a page's own values added, and the header and footer rendered once for all
    /// pages of the same section and folder (`{{{chrome.header}}}` in the layout).
    static func page(_ site: SiteIndex, section: String, root: String, title: String, _ values: [String: Any]) -> [String: Any] {
        guard let frame = site.shared.frames["\(section)|\(root)"] else {
            var context = self.frame(site.model, section: section, root: root, title: title).merging(values) { _, own in own }
            context["chrome"] = (site.chrome["\(section)|\(root)"] ?? ["header": "", "footer": ""]) as [String: Any]
            return context
        }
        // The page's own values win over the frame's, as they did when the two were merged.
        var context = values
        context.reserveCapacity(values.count + frame.count + 1)
        for (key, value) in frame where context[key] == nil { context[key] = value }
        if values["pageTitle"] == nil { context["pageTitle"] = title }
        return context
    }

    // MARK: values

    static func number(_ value: Double) -> String { JSON.format(value) }

    /// `3.3 h`, `99.9 %`, `12`; a known gap is "no value".
    static func value(_ value: Double?, unit: String?) -> String {
        guard let value else { return "no value" }
        guard let unit, !unit.isEmpty else { return number(value) }
        return "\(number(value)) \(unit)"
    }

    /// For sorting by an optional date: an unknown date sorts first.
    static func ordinal(_ day: Day?) -> Int { day?.ordinal ?? Int.min }

    static func day(_ day: Day?) -> Any { text(day?.description) }

    /// A string, or `false` when there is none, for `{{#key}}…{{/key}}` sections (wrapped: see
    /// `MustacheText`).
    static func text(_ s: String?) -> Any {
        guard let s, !s.isEmpty else { return false }
        return MustacheText(s)
    }

    /// HTML as bytes (`HTMLBytes`), or `false` when there is none, as `text(_:)` for a string.
    static func html(_ bytes: [UInt8]) -> Any { bytes.isEmpty ? false : HTMLBytes(bytes: bytes) }

    static func list(_ items: [[String: Any]]) -> Any { items.isEmpty ? false : items }

    /// A list that a template shows as a table, with a header written once:
    /// `{{#values}}<table>…{{#rows}}<tr>…</tr>{{/rows}}</table>{{/values}}{{^values}}none{{/values}}`.
    static func table(_ rows: [[String: Any]]) -> Any {
        rows.isEmpty ? false : ["rows": rows, "count": rows.count] as [String: Any]
    }

    /// A table whose rows the site writes itself, as HTML, escaped (`HTMLText.escape`): `false`
    /// when there are none, else `rowsHTML` and `count`. Through Mustache a row per objective
    /// cost a few microseconds per tag, most of a large build's index pages; the header,
    /// caption and frame stay in the template. `html` is the rows, each ending with a line end;
    /// the last one is dropped because the template's `{{{rowsHTML}}}` line adds its own.
    static func rowsTable(_ html: consuming String, count: Int, key: String = "rowsHTML") -> Any {
        count > 0 ? [key: rows(html), "count": count] as [String: Any] : false
    }

    /// `{ count }` for a list that is shown as HTML elsewhere, or `false` when it is empty, so that
    /// `{{#x}}` and `{{^x}}` still tell whether there is any.
    static func count(_ count: Int) -> Any {
        count > 0 ? ["count": count] as [String: Any] : false
    }

    /// Rows without the line end of the last one, for `{{{rowsHTML}}}` on a line of its own.
    /// Taken, not copied: the register's rows are megabytes, and dropping a byte of a copy
    /// copied them all.
    static func rows(_ html: consuming String) -> String {
        var rows = consume html
        if rows.utf8.last == UInt8(ascii: "\n") { rows.removeLast() }
        return rows
    }

    /// A value, escaped, or the template's text for a missing one: what
    /// `{{#x}}{{.}}{{/x}}{{^x}}missing{{/x}}` writes.
    static func field(_ value: String?, missing: String, into out: inout TextBuffer) {
        if let value, !value.isEmpty { HTMLText.escape(value, into: &out) } else { out.append(missing) }
    }

    /// `field(_:missing:into:)` as a string of its own, for a `{{{xHTML}}}` key.
    static func field(_ value: String?, missing: String) -> String {
        guard let value, !value.isEmpty else { return missing }
        return HTMLText.escape(value)
    }

    /// What the theme shows for a field that is not set: `<span class="missing">Not set</span>`.
    /// `text` is the theme's own wording, never content, so it is not escaped.
    static func missing(_ text: String) -> String {
        "<span class=\"missing\">" + text + "</span>"
    }

    /// `<dt>label</dt><dd>value</dd>` with the value escaped, or nothing when it is not set: what
    /// `{{#x}}<dt>label</dt><dd>{{.}}</dd>{{/x}}` writes, for an optional row of a `<dl>`.
    static func row(_ label: String, _ value: String?) -> String {
        guard let value, !value.isEmpty else { return "" }
        var out = TextBuffer(capacity: label.utf8.count + value.utf8.count + 24)
        out += "<dt>"
        out.append(label)
        out += "</dt><dd>"
        HTMLText.escape(value, into: &out)
        out += "</dd>"
        return out.text
    }

    /// `<dt>label</dt><dd><time datetime="…">…</time></dd>`, or nothing when there is no date.
    static func row(_ label: String, _ day: Day?) -> String {
        guard day != nil else { return "" }
        var out = TextBuffer(capacity: 96)
        out += "<dt>"
        out.append(label)
        out += "</dt><dd>"
        appendTime(day, into: &out)
        out += "</dd>"
        return out.text
    }

    /// `<time …>` for the date, else `missing` as it is (the theme's own HTML).
    static func time(_ day: Day?, missing: String) -> String {
        guard day != nil else { return missing }
        var out = TextBuffer(capacity: 64)
        appendTime(day, into: &out)
        return out.text
    }

    /// `<a href="…">text</a>`, both escaped: the links of the rows the site writes itself. The
    /// rows are bytes (`TextBuffer`): appending to a string cost a hundred instructions a piece.
    static func appendLink(_ href: String, _ text: String, into out: inout TextBuffer) {
        out += "<a href=\""
        HTMLText.escape(href, into: &out)
        out += "\">"
        HTMLText.escape(text, into: &out)
        out += "</a>"
    }

    /// A policy statement or requirement clause by id: a link to it when it is declared, else the
    /// id marked as unknown.
    static func appendReference(_ id: String, href: String?, into out: inout TextBuffer) {
        if let href, !href.isEmpty {
            appendLink(href, id, into: &out)
        } else {
            out += "<span class=\"unknown-ref\">"
            HTMLText.escape(id, into: &out)
            out += "</span>"
        }
    }

    /// `<time datetime="2026-01-15">2026-01-15</time>`, or nothing when there is no date.
    static func appendTime(_ day: Day?, into out: inout TextBuffer) {
        guard let day else { return }
        // A date is digits and `-`: nothing to escape.
        out += "<time datetime=\""
        day.write(into: &out)
        out += "\">"
        day.write(into: &out)
        out += "</time>"
    }

    /// What lists of objectives show beside each: the latest result of an active objective, the
    /// status (draft, retired) of any other.
    static func stateBadgeHTML(_ site: SiteIndex, _ s: ObjectiveSummary) -> String {
        s.lifecycle == .active ? site.badgeHTML(s.result) : site.badgeHTML(kind(s.lifecycle))
    }

    // MARK: badges (colour always comes with a word and a shape)

    /// Every badge the site shows: kind (its CSS class), label and icon. Each is rendered once
    /// through `partials/badge` and pages insert the result as `{{{x.html}}}`, which keeps the
    /// markup editable in one place and spares a partial per table row.
    static let badges: [(kind: String, label: String, icon: String)] = [
        ("on-target", ValueStatus.onTarget.label, "●"),
        ("within-tolerance", ValueStatus.withinTolerance.label, "◆"),
        ("off-target", ValueStatus.offTarget.label, "▲"),
        ("no-data", ValueStatus.noData.label, "○"),
        ("pass", "Pass", "✓"), ("warn", "Warnings", "!"), ("fail", "Fails", "✕"),
        ("error", "Error", "✕"), ("warning", "Warning", "!"), ("info", "Info", "i"),
        ("active", "Active", "■"), ("draft", "Draft", "□"), ("retired", "Retired", "–"),
        ("covered", "Covered", "✓"), ("uncovered", "No objective", "▲"), ("excluded", "Excluded", "–"),
        ("open", "Open", "○"), ("overdue", "Open, overdue", "▲"), ("done", "Done", "✓"),
    ]

    static func badge(_ kind: String, _ label: String, _ icon: String) -> [String: Any] {
        ["kind": kind, "label": label, "icon": icon]
    }

    static func kind(_ status: ValueStatus) -> String { status.rawValue }

    static func kind(_ status: ObligationStatus) -> String {
        switch status {
        case .pass: "pass"
        case .warn: "warn"
        case .fail: "fail"
        }
    }

    static func kind(_ severity: Severity) -> String { severity.rawValue }
    static func kind(_ status: Objective.Status) -> String { status.rawValue }

    // MARK: objectives    // MARK: objectives

    /// A link to an objective by id; an id no objective declares shows as text (`href` false).
    static func objectiveLink(_ site: SiteIndex, id: String) -> [String: Any] {
        guard let s = site.summary(id: id) else {
            return ["id": id, "title": false, "href": false, "linked": false]
        }
        return ["id": s.id, "title": s.title, "href": s.href, "linked": true]
    }

    /// What `partials/objective-link` writes for an objective id: a link to its page, or the id
    /// marked as unknown when no objective declares it. For the lists and cells the site writes
    /// itself, where the partial would cost six tags a link.
    static func appendObjectiveLink(_ site: SiteIndex, id: String, root: String, into out: inout TextBuffer) {
        guard let s = site.summary(id: id) else {
            out += "<span class=\"unknown-ref\">"
            HTMLText.escape(id, into: &out)
            out += "</span>"
            return
        }
        out += "<a class=\"obj-ref\" href=\""
        HTMLText.escape(root, into: &out)
        HTMLText.escape(s.href, into: &out)
        out += "\">"
        HTMLText.escape(s.id, into: &out)
        out += "</a>"
    }

    /// `appendObjectiveLink` as a string of its own, or nothing when there is no objective.
    static func objectiveLinkHTML(_ site: SiteIndex, id: String?, root: String) -> String {
        guard let id else { return "" }
        var out = TextBuffer(capacity: 96)
        appendObjectiveLink(site, id: id, root: root, into: &out)
        return out.text
    }

    /// An objective as lists and tables show it.
    static func objectiveRow(_ site: SiteIndex, _ s: ObjectiveSummary) -> [String: Any] {
        [
            "id": s.id,
            "title": s.title,
            "href": s.href,
            "lifecycle": site.badge(kind(s.lifecycle)),
            "isActive": s.lifecycle == .active,
            "result": site.badge(kind(s.result)),
            "latest": latestText(s),
            "owner": text(s.owner),
            "ownerHref": PageContext.text(site.ownerHref(s.owner)),
            "function": text(site.functionName(s.functionID)),
            "level": text(site.levelName(s.levelID)),
        ]
    }

    /// "3.3 h (2026-10)", or "no data".
    static func latestText(_ s: ObjectiveSummary) -> String {
        guard let latest = s.latest else { return "no data" }
        return "\(value(latest.value, unit: s.unit)) (\(latest.period))"
    }

    // MARK: findings

    /// A finding's row; `root` is the page's way back to the top of the site, for
    /// `objectiveHTML`, the objective it is about as a link (one tag instead of a partial's six).
    static func finding(_ site: SiteIndex, _ f: Finding, root: String) -> [String: Any] {
        var location = site.relative(f.location.file)
        if let line = f.location.line {
            location += ":\(line)"
            if let column = f.location.column { location += ":\(column)" }
        }
        return [
            "severity": site.badge(kind(f.severity)),
            "rule": f.rule,
            "message": f.message,
            "messageHTML": HTMLText.message(f.message),
            "location": location,
            "objective": f.objective.map { objectiveLink(site, id: $0) } ?? false,
            "objectiveHTML": objectiveLinkHTML(site, id: f.objective, root: root),
            "obligation": f.obligation.title,
        ]
    }

    /// "0 errors, 1 warning, 6 info".
    static func summary(_ result: CheckResult) -> String {
        "\(FindingsReport.plural(result.count(.error), "error")), \(FindingsReport.plural(result.count(.warning), "warning")), \(result.count(.info)) info"
    }

    /// A findings table for `partials/findings`: false when there are none.
    static func findings(_ site: SiteIndex, _ list: [Finding], root: String) -> Any {
        table(list.map { finding(site, $0, root: root) })
    }
}

extension SiteIndex {
    /// A badge's values and its HTML rendered once through the theme.
    func badge(_ kind: String) -> [String: Any] {
        if let badge = shared.badges[kind] { return badge }
        guard let spec = PageContext.badges.first(where: { $0.kind == kind }) else {
            return ["kind": kind, "label": kind, "icon": "", "html": HTMLText.escape(kind)]
        }
        var out = PageContext.badge(spec.kind, spec.label, spec.icon)
        out["html"] = badgeHTML[kind] ?? HTMLText.escape(spec.label)
        return out
    }

    /// A badge's HTML alone, for the rows the site writes itself.
    func badgeHTML(_ kind: String) -> String {
        Self.badgeHTML(kind, rendered: badgeHTML)
    }

    /// `badgeHTML(PageContext.kind(status))`, looked up once per build rather than on each row.
    func badgeHTML(_ status: ValueStatus) -> String {
        switch status {
        case .onTarget: valueBadgeHTML.onTarget
        case .withinTolerance: valueBadgeHTML.withinTolerance
        case .offTarget: valueBadgeHTML.offTarget
        case .noData: valueBadgeHTML.noData
        }
    }

    /// The badge's HTML as the theme rendered it, else its label (or kind) as text.
    static func badgeHTML(_ kind: String, rendered: [String: String]) -> String {
        rendered[kind] ?? HTMLText.escape(PageContext.badges.first(where: { $0.kind == kind })?.label ?? kind)
    }
}
