import EvidentCheck
import EvidentModel
import EvidentSupport

/// A page to render: where it goes, with which template, and the values the template reads.
struct PageOutput {
    var path: String
    var template: String
    var context: View
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
        ("standards", "standards.html", "Standards"),
        ("owners", "owners.html", "Owners"),
    ]

    /// `root` is the way back to the site's top folder from the page ("" or "../"); every link a
    /// template writes starts with it, so the site works from any folder and from `file://`.
    static func frame(_ model: CheckModel, section: String, root: String, title: String) -> ViewObject {
        let configuration = model.configuration
        return [
            "root": View(root),
            "pageTitle": View(title),
            "section": View(section),
            "site": [
                "title": View(configuration.siteTitle),
                "organization": View(configuration.organizationName),
                "scope": View(text(configuration.scope?.value)),
                "asOf": View(model.asOf.description),
                "version": View(Evident.version),
                "standards": View(model.standards.map(\.name).joined(separator: ", ")),
            ] as View,
            "nav": View(navigation.map { item -> View in
                ["href": View(item.path), "label": View(item.label), "current": View(item.key == section)]
            }),
        ]
    }

    /// The frame with a page's own values added.
    static func page(_ site: SiteIndex, section: String, root: String, title: String, _ values: ViewObject) -> View {
        var frame = site.shared.frames["\(section)|\(root)"] ?? self.frame(site.model, section: section, root: root, title: "")
        frame["pageTitle"] = .text(title)
        // The page's own values win over the frame's.
        return .object(values.adding(frame))
    }

    // MARK: values

    static func number(_ value: Double) -> String { JSON.format(value) }

    /// `3.3 h`, `99.9 %`, `12`; a known gap is "no value". `written` is the value's cell: shown
    /// instead where the Double's shortest form is another number (`99.8999999999999999999`, which
    /// reads back as `99.9`) or has an exponent (`1e-10`), which evident does not read.
    static func value(_ value: Double?, unit: String?, written: String? = nil) -> String {
        guard let value else { return "no value" }
        var text = number(value)
        // Nearly every cell is written as the number's shortest form: only another text is read.
        if let written, written != text {
            let trimmed = written.trimmed
            if let exact = ExactDecimal(trimmed), ExactDecimal(text) != exact {
                text = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
            }
        }
        guard let unit, !unit.isEmpty else { return text }
        return "\(text) \(BidiText.isolatedName(unit))"
    }

    /// Whether a value's text is longer than a number's cell should be (a value of hundreds of
    /// digits, or a long unit): the theme lets it wrap rather than push the table's other columns
    /// out of view. Shorter values stay on one line.
    static func isLong(_ text: String) -> Bool { text.utf8.count > 40 }

    /// A period's value as its row writes it, with `unit`.
    static func value(of pv: CheckModel.PeriodValue, unit: String?) -> String {
        value(pv.value, unit: unit, written: pv.measurement.valueText)
    }

    /// For sorting by an optional date: an unknown date sorts first.
    static func ordinal(_ day: Day?) -> Int { day?.ordinal ?? Int.min }

    static func day(_ day: Day?) -> View { text(day?.description) }

    /// A string, or `false` when there is none, for `{{#key}}…{{/key}}` sections.
    static func text(_ s: String?) -> View { View.text(s) }

    /// HTML, or `false` when there is none.
    static func html(_ bytes: [UInt8]) -> View { View.html(bytes) }

    static func list(_ items: [View]) -> View { items.isEmpty ? false : .list(items) }

    /// A list that a template shows as a table, with a header written once:
    /// `{{#values}}<table>…{{#rows}}<tr>…</tr>{{/rows}}</table>{{/values}}{{^values}}none{{/values}}`.
    /// `table(_:)` for a long table: row `i` is made by `row(i)` when the template reaches it.
    static func table(count: Int, row: @escaping @Sendable (Int) -> View) -> View {
        count == 0 ? false : ["rows": .rows(Rows(count: count, item: row)), "count": View(count)]
    }

    static func table(_ rows: [View]) -> View {
        rows.isEmpty ? false : ["rows": View(rows), "count": View(rows.count)]
    }

    // MARK: badges (colour always comes with a word and a shape)

    /// Every badge the site shows: kind (its CSS class), label and icon, the values
    /// `partials/badge` reads.
    static let badges: [(kind: String, label: String, icon: String)] = [
        ("on-target", ValueStatus.onTarget.label, "●"),
        ("within-tolerance", ValueStatus.withinTolerance.label, "◆"),
        ("off-target", ValueStatus.offTarget.label, "▲"),
        ("no-data", ValueStatus.noData.label, "○"),
        (ObjectiveSummary.evaluated, "Evaluated", "◇"),
        (ObjectiveSummary.notYetDue, "Not yet due", "◌"),
        (ObjectiveSummary.notMonitored, "Not monitored", "–"), (ObjectiveSummary.notJudged, "Not judged", "○"),
        ("pass", "Pass", "✓"), ("warn", "Warnings", "!"), ("fail", "Fails", "✕"), ("not-assessed", "Not assessed", "○"),
        ("error", "Error", "✕"), ("warning", "Warning", "!"), ("info", "Info", "i"),
        ("active", "Active", "■"), ("draft", "Draft", "□"), ("retired", "Retired", "–"),
        ("covered", "Covered", "✓"), ("uncovered", "No objective", "▲"), ("excluded", "Excluded", "–"),
        ("open", "Open", "○"), ("overdue", "Open, overdue", "▲"), ("done", "Done", "✓"),
    ]

    /// The label of the badge `kind`; the kind itself when there is no such badge.
    static func badgeLabel(_ kind: String) -> String {
        badges.first(where: { $0.kind == kind })?.label ?? kind
    }

    static func badge(_ kind: String, _ label: String, _ icon: String) -> View {
        ["kind": View(kind), "label": View(label), "icon": View(icon)]
    }

    static func kind(_ status: ValueStatus) -> String { status.rawValue }

    /// The results lists count and filter by: the statuses of a value, `evaluated` when some of
    /// `objectives` are evaluated at their reviews, `not-yet-due` when some are asked for no
    /// value yet, `not-monitored` when some are drafts or retired with no value, and
    /// `not-judged` when some have a latest value no target judges.
    static func resultKinds(_ objectives: [ObjectiveSummary]) -> [String] {
        ValueStatus.allCases.map(\.rawValue) + (objectives.contains(where: \.qualitative) ? [ObjectiveSummary.evaluated] : [])
            + (objectives.contains { $0.resultKind == ObjectiveSummary.notYetDue } ? [ObjectiveSummary.notYetDue] : [])
            + (objectives.contains(where: \.unmonitored) ? [ObjectiveSummary.notMonitored] : [])
            + (objectives.contains { $0.resultKind == ObjectiveSummary.notJudged } ? [ObjectiveSummary.notJudged] : [])
    }

    static func kind(_ status: ObligationStatus) -> String {
        switch status {
        case .pass: "pass"
        case .warn: "warn"
        case .fail: "fail"
        case .notAssessed: "not-assessed"
        }
    }

    static func kind(_ severity: Severity) -> String { severity.rawValue }
    static func kind(_ status: Objective.Status) -> String { status.rawValue }

    // MARK: objectives

    /// A link to an objective by id; an id no objective declares shows as text (`href` false).
    static func objectiveLink(_ site: SiteIndex, id: String) -> View {
        guard let s = site.summary(id: id) else {
            return ["id": View(id), "title": false, "href": false, "linked": false]
        }
        return ["id": View(s.id), "title": View(s.title), "href": View(s.href), "linked": true]
    }

    /// An objective as lists and tables show it.
    static func objectiveRow(_ site: SiteIndex, _ s: ObjectiveSummary) -> View {
        [
            "id": View(s.id),
            "title": View(s.title),
            "href": View(s.href),
            "lifecycle": site.badge(kind(s.lifecycle)),
            "isActive": View(s.lifecycle == .active),
            "result": site.badge(s.resultKind),
            // What lists of objectives show beside each: the latest result of an active
            // objective, the status (draft, retired) of any other.
            "state": View(s.lifecycle == .active ? site.badge(s.resultKind) : site.badge(kind(s.lifecycle))),
            "latest": View(latestText(s)),
            "owner": View(text(s.owner)),
            "ownerHref": PageContext.text(site.ownerHref(s.owner)),
            "function": View(text(site.functionName(s.functionID))),
            "level": View(text(site.levelName(s.levelID))),
        ]
    }

    /// `false`, or when the version in force on the as-of date is not the file's own
    /// (`ObjectiveSummary.inForce`): the first version dated after it (`version`, `false` when the
    /// entry names none, and `date`) and the version in force (`inForce`, `false` when none is).
    static func laterVersion(_ s: ObjectiveSummary) -> View {
        guard let inForce = s.inForce else { return false }
        return [
            "version": inForce.laterVersion.map { View(String($0)) } ?? false,
            "date": View(inForce.laterDate.description),
            "inForce": inForce.entry == nil ? false : View(inForce.version.map { String($0) } ?? "unnumbered"),
        ]
    }

    /// "3.3 h (2026-10)", "no data" ("none" for a draft or retired objective), or "not measured"
    /// for an objective evaluated at its reviews;
    /// "5 h (2026-10, judged against ≤ 6 h, tolerance ≤ 8 h of version 1)" when the value predates
    /// the current thresholds; "92.4 % (2026-11, not yet due)" when no due period has a value.
    static func latestText(_ s: ObjectiveSummary) -> String {
        guard let latest = s.latest else {
            if let next = s.newestNotYetDue {
                return "\(value(of: next, unit: s.unit)) (\(next.period), not yet due)"
            }
            // A draft or retired objective was asked for none: it lacks nothing.
            return s.qualitative ? "not measured" : s.unmonitored ? "none" : "no data"
        }
        let against = s.latestJudgedAgainst.map { ", judged against \($0)" } ?? ""
        return "\(value(of: latest, unit: s.unit)) (\(latest.period)\(against))"
    }

    // MARK: findings

    /// A finding's row; `number` (from 1) gives its row the id `finding-<number>`, which the
    /// summary at the top of an objective's page links to.
    static func finding(_ site: SiteIndex, _ f: Finding, number: Int, anchor: String = "finding") -> View {
        var location = site.relative(f.location.file)
        if let line = f.location.line {
            location += ":\(line)"
            if let column = f.location.column { location += ":\(column)" }
        }
        return [
            "anchor": "\(anchor)-\(number)",
            "severity": site.badge(kind(f.severity)),
            "rule": View(f.rule),
            "message": View(f.message),
            "messageParts": View(messageParts(f.message)),
            "location": View(location),
            "objective": View(f.objective.map { objectiveLink(site, id: $0) } ?? false),
            "obligation": View(f.obligation.title),
        ]
    }

    /// A finding's message as parts, for `{{#messageParts}}`: its `code spans` (rule ids, field
    /// names, thresholds) as `code: true`, as CommonMark reads them (`CodeSpan.parts`). An unpaired
    /// backtick stays in the text.
    static func messageParts(_ text: String) -> [View] {
        CodeSpan.parts(text).map { ["text": View($0.text), "code": View($0.code)] }
    }

    /// "0 errors, 1 warning, 6 info".
    static func summary(_ result: CheckResult) -> String {
        "\(FindingsReport.plural(result.count(.error), "error")), \(FindingsReport.plural(result.count(.warning), "warning")), \(result.count(.info)) info"
    }

    /// A findings table for `partials/findings`: false when there are none.
    /// `anchor` starts the rows' ids: a page with several findings tables gives each its own.
    static func findings(_ site: SiteIndex, _ list: [Finding], anchor: String = "finding") -> View {
        // Made row by row as the template reaches them: the readiness page lists every finding.
        table(count: list.count) { finding(site, list[$0], number: $0 + 1, anchor: anchor) }
    }

    /// The errors and warnings of a findings table, errors first, for the summary at the top of
    /// an objective's page: `false` when there are none, else `counts` ("1 error, 2 warnings")
    /// and `items`, the rows of those findings (`anchor` is the id of the row in the table).
    static func findingsSummary(_ site: SiteIndex, _ list: [Finding]) -> View {
        var items: [View] = []
        var counts: [String] = []
        for severity in [Severity.error, .warning] {
            let found = list.enumerated().filter { $0.element.severity == severity }
            guard !found.isEmpty else { continue }
            counts.append(FindingsReport.plural(list.count(severity), severity.rawValue))
            items += found.map { finding(site, $1, number: $0 + 1) }
        }
        // Info findings are not listed here, but the heading says they are in the table below, so
        // that its counts do not read as all the findings.
        let info = list.count(.info)
        let more = info == 0 ? "" : " (and \(FindingsReport.plural(info, Severity.info.rawValue)), in the table below)"
        return items.isEmpty ? false : ["counts": View(counts.joined(separator: ", ") + more), "items": View(items)]
    }
}

extension SiteIndex {
    /// A badge's values for `partials/badge`.
    func badge(_ kind: String) -> View {
        if let badge = shared.badges[kind] { return badge }
        return ["kind": View(kind), "label": View(kind), "icon": ""]
    }
}
