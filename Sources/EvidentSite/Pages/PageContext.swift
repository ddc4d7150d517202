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

    /// The frame with a page's own values added.
    static func page(_ site: SiteIndex, section: String, root: String, title: String, _ values: [String: Any]) -> [String: Any] {
        guard let frame = site.shared.frames["\(section)|\(root)"] else {
            return self.frame(site.model, section: section, root: root, title: title).merging(values) { _, own in own }
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

    // MARK: badges (colour always comes with a word and a shape)

    /// Every badge the site shows: kind (its CSS class), label and icon, the values
    /// `partials/badge` reads.
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

    // MARK: objectives

    /// A link to an objective by id; an id no objective declares shows as text (`href` false).
    static func objectiveLink(_ site: SiteIndex, id: String) -> [String: Any] {
        guard let s = site.summary(id: id) else {
            return ["id": id, "title": false, "href": false, "linked": false]
        }
        return ["id": s.id, "title": s.title, "href": s.href, "linked": true]
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
            // What lists of objectives show beside each: the latest result of an active
            // objective, the status (draft, retired) of any other.
            "state": s.lifecycle == .active ? site.badge(kind(s.result)) : site.badge(kind(s.lifecycle)),
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

    /// A finding's row; `number` (from 1) gives its row the id `finding-<number>`, which the
    /// summary at the top of an objective's page links to.
    static func finding(_ site: SiteIndex, _ f: Finding, number: Int) -> [String: Any] {
        var location = site.relative(f.location.file)
        if let line = f.location.line {
            location += ":\(line)"
            if let column = f.location.column { location += ":\(column)" }
        }
        return [
            "anchor": "finding-\(number)",
            "severity": site.badge(kind(f.severity)),
            "rule": f.rule,
            "message": f.message,
            "messageParts": messageParts(f.message),
            "location": location,
            "objective": f.objective.map { objectiveLink(site, id: $0) } ?? false,
            "obligation": f.obligation.title,
        ]
    }

    /// A finding's message as parts, for `{{#messageParts}}`: its `code spans` (rule ids, field
    /// names, thresholds) as `code: true`. An unpaired backtick stays in the text.
    static func messageParts(_ text: String) -> [[String: Any]] {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false)
        var out: [[String: Any]] = []
        for (i, part) in parts.enumerated() {
            if i % 2 == 0 {
                if !part.isEmpty { out.append(["text": String(part), "code": false]) }
            } else if i < parts.count - 1 {
                out.append(["text": String(part), "code": true])
            } else {
                out.append(["text": "`" + part, "code": false])
            }
        }
        return out
    }

    /// "0 errors, 1 warning, 6 info".
    static func summary(_ result: CheckResult) -> String {
        "\(FindingsReport.plural(result.count(.error), "error")), \(FindingsReport.plural(result.count(.warning), "warning")), \(result.count(.info)) info"
    }

    /// A findings table for `partials/findings`: false when there are none.
    static func findings(_ site: SiteIndex, _ list: [Finding], root: String) -> Any {
        table(list.enumerated().map { finding(site, $1, number: $0 + 1) })
    }

    /// The errors and warnings of a findings table, errors first, for the summary at the top of
    /// an objective's page: `false` when there are none, else `counts` ("1 error, 2 warnings")
    /// and `items`, the rows of those findings (`anchor` is the id of the row in the table).
    static func findingsSummary(_ site: SiteIndex, _ list: [Finding]) -> Any {
        var items: [[String: Any]] = []
        var counts: [String] = []
        for severity in [Severity.error, .warning] {
            let found = list.enumerated().filter { $0.element.severity == severity }
            guard !found.isEmpty else { continue }
            counts.append(FindingsReport.plural(found.count, severity.rawValue))
            items += found.map { finding(site, $1, number: $0 + 1) }
        }
        return items.isEmpty ? false : ["counts": counts.joined(separator: ", "), "items": items] as [String: Any]
    }
}

extension SiteIndex {
    /// A badge's values for `partials/badge`.
    func badge(_ kind: String) -> [String: Any] {
        if let badge = shared.badges[kind] { return badge }
        return ["kind": kind, "label": kind, "icon": ""]
    }
}
