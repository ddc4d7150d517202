import Crypto
import EvidentCheck
import EvidentModel
import EvidentSupport
import Foundation

/// `README.html` at the root of the pack: the auditor's guide. For each configured standard, a
/// section an auditor of that standard can follow on its own: each item of its clause 6.2 under its
/// own clause number, with its status, how evident checks it, the findings that bear on it (only
/// those) and links to the files of the pack that evidence it. One self-contained file that
/// opens offline: its stylesheet is inline and allowed by hash in the Content-Security-Policy, so
/// nothing else is loaded and no script runs. Every link is relative and points at a file that is
/// in the pack; every value from the content is escaped.
struct AuditorGuide {
    let result: CheckResult
    /// Paths relative to the pack folder of every file the guide may link to.
    let files: Set<String>
    let excluded: [PackSources.Excluded]
    let zipName: String
    /// The signing key's fingerprint, when the pack is signed.
    let signer: String?
    /// Objective id → its page, relative to `site/`.
    let objectivePages: [String: String]
    /// The theme's files that are not the built-in theme's (path under `templates/` → SHA-256).
    var themeChanges: [String: String] = [:]

    var model: CheckModel { result.model }

    /// The configured standards' items with their status, rules and findings.
    var standards: [StandardReadiness] { StandardReadiness.all(result) }

    /// What the objectives are about: the one standard's subject, or the integrated system's.
    static func subject(_ standards: [Standard]) -> String {
        standards.count == 1 ? standards[0].subject : "management system"
    }

    func render() -> String {
        let config = model.configuration
        let standards = self.standards
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Audit evidence pack: \(e(config.organizationName)), as of \(model.asOf)</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header>
        <p class="kicker">\(e(standards.map(\.standard.name).joined(separator: " · "))), clause 6.2 — audit evidence pack</p>
        <h1>\(e(config.organizationName)): \(e(Self.subject(standards.map(\.standard)))) objectives</h1>
        </header>
        <main>

        """
        out += about()
        out += summary(standards)
        out += readable()
        for readiness in standards {
            out += section(readiness)
        }
        out += objectives()
        out += contents()
        out += verification()
        out += excludedFiles()
        out += """
        </main>
        <footer><p>Made by evident \(e(Evident.version)) from the content as of \(model.asOf). The same content and date give the same pack, byte for byte, made with this version of evident.</p></footer>
        </body>
        </html>

        """
        return out
    }

    // MARK: sections

    private func about() -> String {
        let config = model.configuration
        let objectives = model.content.objectives
        var rows: [(String, String)] = [("Organisation", e(config.organizationName))]
        if let scope = config.scope?.value { rows.append(("Scope", e(scope))) }
        rows.append(("Standards", model.standards.map { "<a href=\"#\($0.id)\">\(e($0.name))</a>" }.joined(separator: ", ")))
        rows += [
            ("As of", "\(model.asOf)"),
            ("Objectives", "\(objectives.count) (\(model.activeObjectives.count) active)"),
            ("Findings", "\(plural(result.count(.error), "error")), \(plural(result.count(.warning), "warning")), \(result.count(.info)) info"),
            ("Signed", signer.map { "yes, Ed25519, public key \(e($0))" } ?? "no"),
            ("Rules changed in evident.yml", changedRules()),
            ("Settings changed in evident.yml", changedSettings()),
            ("Theme of the site", theme()),
        ]
        var out = "<section id=\"about\" aria-labelledby=\"about-h\">\n<h2 id=\"about-h\">About this pack</h2>\n<dl>\n"
        for (term, value) in rows { out += "<dt>\(term)</dt><dd>\(value)</dd>\n" }
        out += "</dl>\n<p>The pack holds the published site, machine-readable registers, the content as written by the organisation, and the findings of evident's checks, with a SHA-256 manifest. "
        out += "Each standard the objectives serve has a section of its own below, which an auditor of that standard can follow alone: "
        out += "the items of its clause 6.2 under its own numbering, the status of each, how evident checks it, the findings that bear on it and the files that evidence it."
        if let site = link("site/index.html", "the site's dashboard") { out += " Start with \(site)" }
        if let readiness = link("site/readiness.html", "the readiness report") { out += " and \(readiness)" }
        out += files.contains("site/index.html") ? ".</p>\n" : "</p>\n"
        return out + "</section>\n"
    }

    private func summary(_ standards: [StandardReadiness]) -> String {
        var out = "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">At a glance</h2>\n"
        out += "<table>\n<thead><tr><th scope=\"col\">Standard</th><th scope=\"col\">Status</th><th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Info</th></tr></thead>\n<tbody>\n"
        let unreadable = result.unreadable
        if !unreadable.isEmpty { out += summaryRow("syntax", e(Obligation.syntax.title), StandardReadiness.status(of: unreadable), unreadable) }
        for readiness in standards {
            out += summaryRow(readiness.standard.id, e(readiness.heading), readiness.status, readiness.findings)
        }
        out += "</tbody>\n</table>\n"
        out += "<p>Pass: no error or warning. Warnings: something to improve, not a nonconformity by itself. Fail: at least one error. "
        out += "Not assessed: no active objective serves the standard, so there is nothing to judge and no error or warning to show; that is not a pass. "
        out += "Info findings never change a status.</p>\n"
        let all = evidence([("findings.json", "All findings (JSON)"), ("findings.sarif", "All findings (SARIF 2.1.0)"),
                            ("readiness.md", "Readiness report (Markdown)"), ("site/readiness.html", "Readiness report (site)"),
                            ("site/standards.html", "The standards side by side, and which objectives serve which (site)")])
        if !all.isEmpty { out += "<ul class=\"files\">\n" + all + "</ul>\n" }
        return out + "</section>\n"
    }

    private func summaryRow(_ id: String, _ title: String, _ status: ObligationStatus, _ findings: [Finding]) -> String {
        var out = "<tr><th scope=\"row\"><a href=\"#\(id)\">\(title)</a></th><td>\(badge(status))</td>"
        for severity in [Severity.error, .warning, .info] {
            out += "<td>\(findings.count(severity))</td>"
        }
        return out + "</tr>\n"
    }

    /// One standard: its items as a table, then each item with what it asks, the rules, the
    /// findings that bear on it and the evidence.
    private func section(_ readiness: StandardReadiness) -> String {
        let standard = readiness.standard
        let id = standard.id
        var out = "<section id=\"\(id)\" class=\"standard\" aria-labelledby=\"\(id)-h\">\n"
        out += "<h2 id=\"\(id)-h\">\(e(readiness.heading)) \(badge(readiness.status))</h2>\n"
        out += "<p>For an auditor of \(e(standard.name)): the items of its clause 6.2 on \(e(standard.subject)) objectives and planning to achieve them, under its own numbering, with only the findings that bear on it, and the files of the objectives that serve it.</p>\n"
        if !readiness.served {
            out += "<p class=\"none\">No active objective serves \(e(standard.name)), so its items have nothing to judge: they are not assessed, which is not a pass.</p>\n"
        }
        if !readiness.unread.isEmpty {
            out += "<p class=\"unread\">Judged without content that could not be read (\(e(FindingsReport.counts(readiness.unread))); see <a href=\"#syntax\">\(e(Obligation.syntax.title))</a>): \(e(standard.name)) cannot pass until it is read.</p>\n"
        }
        out += "<table class=\"items\">\n<thead><tr><th scope=\"col\">Clause</th><th scope=\"col\">Item</th><th scope=\"col\">Status</th><th scope=\"col\">Errors</th><th scope=\"col\">Warnings</th><th scope=\"col\">Info</th></tr></thead>\n<tbody>\n"
        for item in readiness.items {
            out += "<tr><td class=\"clause\">\(e(item.clause))</td><th scope=\"row\"><a href=\"#\(id)-\(item.item.rawValue)\">\(e(item.item.title))</a>"
            if item.entry.ifPracticable { out += "<span class=\"cell-note\">if practicable</span>" }
            if let note = item.entry.note { out += "<span class=\"cell-note\">\(e(note))</span>" }
            out += "</th>"
            let set = FindingsReport.setInConfiguration(item.item, model)
            out += "<td>\(badge(item.status))\(set.isEmpty ? "" : "<span class=\"cell-note\">set in evident.yml: \(e(set.joined(separator: ", ")))</span>")</td>"
            for severity in [Severity.error, .warning, .info] {
                out += "<td>\(item.findings.count(severity))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let others = model.sourcesOfOtherStandards(standard)
        let later = model.recordsAfterAsOf
        for item in readiness.items { out += itemSection(item, of: standard, leaving: others, later: later) }
        return out + "</section>\n"
    }

    /// `later`: the records dated after the as-of date, with what each is then (`recordsAfterAsOf`).
    private func itemSection(_ item: StandardReadiness.ItemReadiness, of standard: Standard, leaving others: Set<String>,
                             later: [String: RecordAfterAsOf]) -> String {
        let id = "\(standard.id)-\(item.item.rawValue)"
        var out = "<section id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
        out += "<h3 id=\"\(id)-h\"><span class=\"clause\">\(e(item.clause))</span> \(e(item.item.title)) \(badge(item.status))</h3>\n"
        var asks = HTMLText.message(ItemGuide.asks(item.entry, in: standard))
        if item.entry.ifPracticable { asks = "Asked where practicable. " + asks }
        out += "<p class=\"asks\">\(asks)</p>\n"

        out += "<h4>How evident checks it</h4>\n"
        if item.rules.isEmpty {
            out += "<p>No rule checks this item; its evidence is below.</p>\n"
        } else {
            out += "<ul class=\"rules\">\n"
            for rule in item.rules {
                let severity = RuleRegistry.severity(of: rule, in: model.configuration)
                let label = severity.map(\.rawValue) ?? "off in evident.yml"
                let diff = rule.onlyInDiff ? "; run by <code>evident diff</code> on changes, not in this pack" : ""
                out += "<li><code>\(e(rule.id))</code> (\(label)\(diff)): \(HTMLText.message(rule.summary))</li>\n"
            }
            out += "</ul>\n"
            let settings = FindingsReport.changedSettingValues(model.settings).filter { $0.item == item.item }
            if !settings.isEmpty {
                out += "<p>Set in evident.yml, bounding these rules: " + settings.map(shown).joined(separator: ", ") + ".</p>\n"
            }
        }

        out += "<h4>Findings</h4>\n" + findingsTable(item.findings)

        out += "<h4>Evidence in this pack</h4>\n"
        let listed = evidence(ItemGuide.evidence(item.item))
        out += listed.isEmpty ? "<p>No file of the pack evidences this item.</p>\n" : "<ul class=\"files\">\n" + listed + "</ul>\n"
        for (folder, title) in ItemGuide.folders(item.item) {
            let inFolder = PackPath.sorted(files.filter { $0.hasPrefix(folder) && !others.contains($0) })
            guard !inFolder.isEmpty else { continue }
            out += "<details><summary>\(e(title)) (\(inFolder.count))</summary>\n<ul class=\"files\">\n"
            for path in inFolder { out += "<li>\(link(path, path, code: true) ?? "")\(later[path].map { " — \(e($0.description))" } ?? "")</li>\n" }
            out += "</ul>\n</details>\n"
        }
        if let title = ItemGuide.objectivePages(item.item) {
            let pages = linkedObjectivePages().filter { model.objective($0.0, serves: standard) }
            if !pages.isEmpty {
                out += "<details><summary>\(e(title)) (\(pages.count))</summary>\n<ul class=\"files\">\n"
                for (id, path) in pages { out += "<li>\(link(path, id) ?? "") <code>\(e(path))</code></li>\n" }
                out += "</ul>\n</details>\n"
            }
        }
        return out + "</section>\n"
    }

    /// Objective id → its page in the pack, for the objectives whose page the site has.
    private func linkedObjectivePages() -> [(String, String)] {
        let ids = Set(model.content.objectives.compactMap { $0.id?.value })
        return PackPath.sorted(ids).compactMap { id in
            guard let page = objectivePages[id] else { return nil }
            let path = "site/" + page
            return files.contains(path) ? (id, path) : nil
        }
    }

    /// Content that evident could not read has its own findings (`syntax/...`), which belong to no
    /// obligation but can hide evidence of any.
    private func readable() -> String {
        let own = result.unreadable
        guard !own.isEmpty else { return "" }
        return "<section id=\"syntax\" aria-labelledby=\"syntax-h\">\n<h2 id=\"syntax-h\">\(e(Obligation.syntax.title)) \(badge(StandardReadiness.status(of: own)))</h2>\n"
            + "<p>These files could not be read as written, or the pack leaves them out; each finding says which. What an unread file says is missing from the checks of every standard below, so none of them can pass until it is read; a file left out is missing from this pack.</p>\n"
            + findingsTable(own) + "</section>\n"
    }

    private func objectives() -> String {
        let list = model.content.objectives
        guard !list.isEmpty else { return "" }
        var out = "<section id=\"objectives\" aria-labelledby=\"objectives-h\">\n<h2 id=\"objectives-h\">Objectives</h2>\n"
        out += "<table>\n<thead><tr><th scope=\"col\">Objective</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Level</th><th scope=\"col\">Owner</th><th scope=\"col\">Standards</th><th scope=\"col\">Findings</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n"
        let sorted = list.sorted { ($0.displayID, $0.file) < ($1.displayID, $1.file) }
        // Counted as the register and the objective's page count them (one pass over the findings):
        // an objective without an id has its own, a repeated id's go to its first declaration.
        let counts = Registers.FindingCounts(result)
        for objective in sorted {
            let id = objective.id?.value
            let page = id.flatMap { id in objectivePages[id].flatMap { link("site/" + $0, id) } } ?? e(objective.displayID)
            let count = counts.of(objective)
            let level = model.level(of: objective).map { level in
                model.configuration.levels.first { $0.id == level }?.name ?? level
            }
            out += "<tr><th scope=\"row\">\(page)</th><td>\(e(objective.title?.value ?? ""))</td>"
            out += "<td>\(model.status(of: objective).rawValue)</td><td>\(e(level ?? ""))</td>"
            out += "<td>\(e(model.owner(of: objective)?.value ?? ""))</td>"
            out += "<td>\(e(model.standards(of: objective).map(\.id).joined(separator: ", ")))</td><td>\(count)</td>"
            out += "<td>\(sourceLink(objective.file) ?? "")</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n" + laterVersions(sorted) + "</section>\n"
    }

    /// The objectives whose file describes a version dated after the as-of date, with the version
    /// in force on it, which the registers and the site show; empty when there are none.
    private func laterVersions(_ sorted: [Objective]) -> String {
        let items = sorted.compactMap { objective -> String? in
            guard let inForce = model.versionInForce(of: objective) else { return nil }
            let page = objective.id.flatMap { id in objectivePages[id.value].flatMap { link("site/" + $0, id.value) } } ?? e(objective.displayID)
            let version = inForce.entry == nil ? "no version in force"
                : "version \(inForce.version.map(String.init) ?? "unnumbered")" + (inForce.approvedOn.map { " of \($0)" } ?? "")
                + (inForce.target.map { ", target <code>\(e($0))</code>" } ?? "")
                + (inForce.tolerance.map { ", tolerance <code>\(e($0))</code>" } ?? "")
            return "<li>\(page): \(version); \(inForce.laterText)</li>\n"
        }
        guard !items.isEmpty else { return "" }
        var out = "<p>As of \(model.asOf), these objectives were at an earlier version than their files describe today. "
        out += "The registers and the site show the version in force on \(model.asOf), its approval and its thresholds"
        out += files.contains("history.csv") ? "; <code>history.csv</code> lists every version, the later ones marked <code>yes</code> in its <code>after_as_of</code> column:</p>\n" : ":</p>\n"
        return out + "<ul>\n" + items.joined() + "</ul>\n"
    }

    private func contents() -> String {
        let parts: [(String, String)] = [
            ("README.html", "this guide"),
            ("site/", "the published site; open <code>site/index.html</code>. It works offline and makes no external request"),
            ("register.csv", "the objectives register"), ("register.json", "the objectives register, for tools"),
            ("metric-dictionary.csv", "each objective's metric, definition, scope, data source and method"),
            ("traceability.csv", "each objective to the policy statements and requirement clauses it references, or the note that stands in for references"),
            ("history.csv", "every recorded change of every objective: version, date, change, reason, approver, effective date and the thresholds it set"),
            ("findings.json", "evident's findings"), ("findings.sarif", "the same findings, SARIF 2.1.0"),
            ("readiness.md", "the readiness report, as Markdown"),
            ("content/", "the sources as the organisation wrote them: configuration, policy, requirements, objectives, measurements, reviews, communications and evidence attachments"),
            (PackManifest.fileName, "the SHA-256 of every other file"),
            (PackManifest.signatureFileName, "the Ed25519 signature of the manifest"),
        ]
        var out = "<section id=\"contents\" aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">What the pack holds</h2>\n<dl>\n"
        for (name, what) in parts {
            let present = name.hasSuffix("/") ? files.contains { $0.hasPrefix(name) }
                : name == "README.html" || name == PackManifest.fileName || (name == PackManifest.signatureFileName ? signer != nil : files.contains(name))
            guard present else { continue }
            out += "<dt><code>\(name)</code></dt><dd>\(what)</dd>\n"
        }
        out += "</dl>\n<p>Every file in the zip is dated \(model.asOf), 00:00, the day the pack is as of, whatever its date on the organisation's disk: "
        out += "the pack is made from the files' content alone, so that the same content and date give the same zip. "
        out += "The dates that matter to the audit are inside the files: each history entry's, approval's, review's, communication's and action's date, and each measurement's period.</p>\n"
        return out + "</section>\n"
    }

    /// Commands that run as written, copied from the guide, in the folder unzipping the pack makes
    /// (GNU coreutils, findutils and diffutils, bash, OpenSSL 3), whatever the zip or the folders
    /// above are called; the public key is taken from beside the zip, where `unzip` made the folder.
    private func verification() -> String {
        let manifest = PackManifest.fileName, signature = PackManifest.signatureFileName
        var out = "<section id=\"verify\" aria-labelledby=\"verify-h\">\n<h2 id=\"verify-h\">Checking that the pack is intact</h2>\n"
        out += "<p>In the folder that holds this guide, which unzipping the pack makes, with the standard tools of a Linux system (GNU coreutils, findutils and diffutils, bash, OpenSSL 3). Every file the manifest lists is there as it was packed:</p>\n"
        out += "<pre><code>sha256sum -c \(manifest)</code></pre>\n"
        let own = signer == nil ? "echo \(manifest)" : "echo \(manifest); echo \(signature)"
        out += "<p>And no file is there that the manifest does not list, which <code>sha256sum -c</code> does not look for (this prints nothing, and exits 0, when none is):</p>\n"
        out += "<pre><code>\(e("find . -type f -printf '%P\\n' | LC_ALL=C sort | diff - <( (cut -c67- \(manifest); \(own)) | LC_ALL=C sort)"))</code></pre>\n"
        if let signer {
            out += "<p>The manifest is signed with the Ed25519 key whose fingerprint is <code>\(e(signer))</code> (SHA-256 of the raw public key). "
            out += "Receive the public key from the organisation by another channel than the pack, and save it beside the zip as <code>\(Self.publicKeyName)</code> (the name <code>evident keygen</code> gives it). "
            out += "The first command prints the key's fingerprint, to compare with the one above and the one the organisation gave you; the second prints <samp>Signature Verified Successfully</samp>:</p>\n"
            out += "<pre><code>openssl pkey -pubin -in ../\(Self.publicKeyName) -outform DER | tail -c 32 | sha256sum\n"
            out += "openssl pkeyutl -verify -pubin -inkey ../\(Self.publicKeyName) -rawin -in \(manifest) -sigfile \(signature)</code></pre>\n"
            out += "<p>Or, with evident, on the zip itself, under whatever name it was received (here the one it was made with):</p>\n<pre><code>evident verify \(e(zipName)) --key \(Self.publicKeyName)</code></pre>\n"
        } else {
            out += "<p>Or, with evident, on the zip itself, under whatever name it was received (here the one it was made with):</p>\n<pre><code>evident verify \(e(zipName))</code></pre>\n"
            out += "<p>This pack is not signed: the manifest shows that the files agree with each other, not who made them.</p>\n"
        }
        return out + "</section>\n"
    }

    /// What `evident keygen` names the public key, which the commands above expect beside the zip.
    static let publicKeyName = "evident-public.pem"

    private func excludedFiles() -> String {
        guard !excluded.isEmpty else { return "" }
        var out = "<section id=\"excluded\" aria-labelledby=\"excluded-h\">\n<h2 id=\"excluded-h\">Files left out</h2>\n"
        out += "<p>These files are in the content folder but were not packed; each says why. A pack holds regular files only (no link, pipe or device), "
        out += "under names that every system extracts as they are, and none of the files that systems and applications leave beside documents (<code>Thumbs.db</code>, an Office lock file).</p>\n<ul>\n"
        for item in excluded { out += "<li><code>\(e(item.path))</code>: \(e(item.reason))</li>\n" }
        return out + "</ul>\n</section>\n"
    }

    // MARK: pieces

    private func findingsTable(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "<p>None.</p>\n" }
        var out = "<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Where</th><th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n"
        for f in findings {
            let place = sourceLink(f.location.file, label: f.location.description) ?? "<code>\(e(f.location.description))</code>"
            out += "<tr class=\"\(f.severity.rawValue)\"><td>\(f.severity.rawValue)</td><td><code>\(e(f.rule))</code></td><td>\(place)</td><td>\(HTMLText.message(f.message))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    private func evidence(_ candidates: [(String, String)]) -> String {
        candidates.compactMap { path, title in
            link(path, title).map { "<li>\($0) <code>\(e(path))</code></li>\n" }
        }.joined()
    }

    /// A link to `path` (relative to the pack folder) only when the pack holds that file.
    /// Set membership is canonical (`café` composed equals it decomposed), so the member found must
    /// also have `path`'s bytes: a twin left out of the pack is never linked under the kept one's.
    private func link(_ path: String, _ label: String, code: Bool = false) -> String? {
        guard let index = files.firstIndex(of: path), files[index].utf8.elementsEqual(path.utf8) else { return nil }
        let text = code ? "<code>\(e(label))</code>" : e(label)
        return "<a href=\"\(e(Self.href(path)))\">\(text)</a>"
    }

    /// A finding's or objective's file, as the loader printed it, linked to its copy in `content/`.
    private func sourceLink(_ file: String, label: String? = nil) -> String? {
        model.packPath(file).flatMap { link($0, label ?? $0, code: true) }
    }

    private func badge(_ status: ObligationStatus) -> String {
        let text = switch status {
        case .pass: "pass"
        case .warn: "warnings"
        case .fail: "fail"
        case .notAssessed: "not assessed"
        }
        return "<span class=\"badge \(status.rawValue)\">\(text)</span>"
    }

    /// `RuleRegistry.changed`, or that none is.
    private func changedRules() -> String {
        let changed = RuleRegistry.changed(by: model.configuration).map { rule, severity in
            "<code>\(e(rule.id))</code> \(severity.map(\.rawValue) ?? "off") (by default \(rule.defaultSeverity.rawValue))"
        }
        return changed.isEmpty ? "none: every rule at its default severity" : changed.joined(separator: ", ")
    }

    /// The files that replaced or were added to the built-in theme, or that none did: a page shows
    /// what its template writes (a badge could read "On target" whatever the result), and the pack
    /// holds the pages, not the templates, so each is named with its SHA-256 for the auditor to ask for.
    private func theme() -> String {
        guard !themeChanges.isEmpty else { return "the built-in theme of evident \(e(Evident.version)), unchanged" }
        let files = themeChanges.keys.sorted().map { path in
            "<code>templates/\(e(path))</code> (SHA-256 <code>\(e(themeChanges[path] ?? ""))</code>)"
        }
        return "the built-in theme with \(plural(files.count, "file")) of the organisation's: " + files.joined(separator: ", ")
            + ". The site's pages were rendered with them, and the pack does not hold them: ask for them to see what the pages show."
    }

    /// The settings `evident.yml` moved from their defaults, or that none is: a grace of a year
    /// lets a year pass without a value or a review, so a pass depends on them as on the rules.
    private func changedSettings() -> String {
        let changed = FindingsReport.changedSettingValues(model.settings).map(shown)
        return changed.isEmpty ? "none: every setting at its default" : changed.joined(separator: ", ")
    }

    /// A setting moved from its default, as the guide lists it.
    private func shown(_ setting: FindingsReport.ChangedSetting) -> String {
        "<code>\(e(setting.name))</code> \(e(setting.value)) (by default \(e(setting.defaultValue)))"
    }

    private func e(_ text: String) -> String { Self.escape(text) }

    private func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// The site's escaper: one definition of "safe for HTML" for every page evident writes.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A relative URL for a pack path: each component percent-encoded, so that names with spaces,
    /// `#` or `?` still reach the file.
    static func href(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            String(part).addingPercentEncoding(withAllowedCharacters: hrefAllowed) ?? ""
        }.joined(separator: "/")
    }

    private static let hrefAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    // MARK: style

    /// Allowed by its hash, so the policy can forbid every other style, script and request.
    static var contentSecurityPolicy: String {
        let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(hash)'; img-src 'self'; base-uri 'none'; form-action 'none'"
    }

    static let style = """

    body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0}
    header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
    header{border-bottom:2px solid #1f4e79;padding-bottom:.5rem}
    .kicker{margin:1rem 0 0;color:#444;font-size:.9rem}
    h1{margin:.25rem 0;font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
    a{color:#0b57a4}a:focus{outline:2px solid #000;outline-offset:2px}
    table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
    thead th{background:#eef2f7}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
    .badge{display:inline-block;padding:0 .4rem;border:1px solid;border-radius:.25rem;font-size:.85rem;font-weight:600;vertical-align:middle}
    .badge.pass{color:#0a5c2b;background:#e6f4ea}.badge.warn{color:#7a4a00;background:#fff4e0}.badge.fail{color:#a10d12;background:#fde8e8}.badge.not-assessed{color:#3d4550;background:#e9edf1;border-style:dashed}
    tr.error td:first-child{color:#a10d12;font-weight:600}tr.warning td:first-child{color:#7a4a00;font-weight:600}
    .cell-note{display:block;font-weight:normal;font-size:.85rem;color:#444}.asks{font-style:italic}.clause{font-family:ui-monospace,monospace;white-space:nowrap}h4{font-size:1rem;margin-bottom:.3rem}ul.files{padding-left:1.2rem}code{font-size:.9em;word-break:break-all}
    pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}details{margin:.5rem 0}summary{cursor:pointer}
    footer{margin-top:2rem;border-top:1px solid #ccc;color:#444;font-size:.9rem}
    @media print{a{color:inherit}details::details-content{content-visibility:visible;display:block}summary{list-style:none}h2{break-after:avoid}tr{break-inside:avoid}section.standard{break-before:page}}

    """
}
