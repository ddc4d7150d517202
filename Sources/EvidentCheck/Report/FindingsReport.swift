import EvidentModel
import EvidentSupport
import Foundation

/// The ways `evident check` prints its findings (SPEC 5): text for people, JSON for scripts, SARIF
/// for code scanning, and GitHub workflow commands for pull-request annotations.
package enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github
}

package struct FindingsReport: Sendable {
    package let result: CheckResult
    let toolVersion: String
    /// With `check --standard`: the standards whose items the summary shows, in their numbering,
    /// in place of the obligations (the findings are already those that bear on them).
    package let standards: [Standard]?

    package init(result: CheckResult, toolVersion: String = Evident.version, standards: [Standard]? = nil) {
        self.result = result
        self.toolVersion = toolVersion
        self.standards = standards
    }

    package func render(_ format: ReportFormat, color: Bool = false, quiet: Bool = false) -> String {
        switch format {
        case .text: text(color: color, quiet: quiet)
        case .json: json().serialized()
        case .sarif: sarif().serialized()
        case .github: github()
        }
    }

    // MARK: text

    package func text(color: Bool, quiet: Bool) -> String {
        let parts = textParts(color: color, quiet: quiet)
        var out = TextBuffer(capacity: parts.reduce(0) { $0 + $1.count })
        for part in parts { out.append(part) }
        return out.text
    }

    /// What `render` gives, in pieces to be written one after another: the text report's lines
    /// are made a thousand findings at a time on every core, and written as made, never joined
    /// (a long report is megabytes, which each copy touches afresh).
    package func output(_ format: ReportFormat, color: Bool = false, quiet: Bool = false) -> [TextBuffer] {
        format == .text ? textParts(color: color, quiet: quiet) : [TextBuffer(render(format, color: color, quiet: quiet))]
    }

    private func textParts(color: Bool, quiet: Bool) -> [TextBuffer] {
        let findings = result.findings
        var parts = parallelMap(Array(stride(from: 0, to: findings.count, by: 1024))) { start in
            var part = TextBuffer(capacity: 64 * 1024)
            for f in findings[start..<min(start + 1024, findings.count)] { Self.line(f, color: color, into: &part) }
            return part
        }
        if !quiet { parts.append(TextBuffer(summary(color: color))) }
        return parts
    }

    /// The lines after the findings: each obligation's (or configured standard's) status, and the totals.
    private func summary(color: Bool) -> String {
        var out = ""
        if !result.findings.isEmpty { out += "\n" }
        if let standards {
            out += standardsSummary(standards, color: color)
        } else {
            let width = Obligation.allCases.map(\.rawValue.count).max() ?? 12
            let changed = RuleRegistry.changed(by: result.model.configuration)
            let settings = Self.changedSettings(result.model.settings)
            for obligation in Obligation.allCases {
                let own = result.findings.filter { $0.obligation == obligation }
                let label = Self.label(result.status(of: obligation), color: color)
                let name = obligation.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                let note = Self.note(Self.counts(own), Self.named(changed.filter { $0.rule.obligation == obligation })
                                     + settings.filter { $0.obligation == obligation }.map(\.text))
                out += "\(name)  \(label)\(note)  \(obligation.title)\n"
            }
            out += standardLines(color: color)
        }
        let model = result.model
        out += "\(Self.plural(model.content.objectives.count, "objective")) (\(model.activeObjectives.count) active), "
        out += "\(Self.plural(result.count(.error), "error")), \(Self.plural(result.count(.warning), "warning")), "
        out += "\(result.count(.info)) info; as of \(model.asOf)\n"
        return out
    }

    /// With more than one standard configured, a line per standard with its status, so that an
    /// integrated system sees each certification at a glance; `--standard` shows one's items.
    func standardLines(color: Bool) -> String {
        let all = StandardReadiness.all(result)
        guard all.count > 1 else { return "" }
        let width = all.map(\.heading.count).max() ?? 0
        var out = ""
        for readiness in all {
            let counts = Self.counts(readiness.findings)
            let heading = readiness.heading.padding(toLength: width, withPad: " ", startingAt: 0)
            out += "\(heading)  \(Self.label(readiness.status, color: color))\(counts.isEmpty ? "" : "  (\(counts))")\n"
        }
        return out + "(item by item: \(all.map { "--standard \($0.standard.id)" }.joined(separator: ", ")))\n"
    }

    /// Each standard's heading and status, then a line per item: its clause number, status,
    /// counts and title. Content that cannot be read bears on every standard: it comes first.
    func standardsSummary(_ standards: [Standard], color: Bool) -> String {
        var out = ""
        let unreadable = result.unreadable
        if !unreadable.isEmpty {
            out += "\(Obligation.syntax.title): \(Self.label(StandardReadiness.status(of: unreadable), color: color))  (\(Self.counts(unreadable)))\n"
        }
        for readiness in StandardReadiness.of(standards, in: result) {
            let counts = Self.counts(readiness.findings)
            out += "\(readiness.heading): \(Self.label(readiness.status, color: color))\(counts.isEmpty ? "" : "  (\(counts))")\n"
            if !readiness.unread.isEmpty {
                out += "  \(Obligation.syntax.title): \(Self.label(StandardReadiness.status(of: readiness.unread), color: color))  (\(Self.counts(readiness.unread))); the items below are judged without it\n"
            }
            let width = readiness.items.map(\.clause.count).max() ?? 8
            for item in readiness.items {
                let clause = item.clause.padding(toLength: width, withPad: " ", startingAt: 0)
                let note = Self.note(Self.counts(item.findings), Self.setInConfiguration(item.item, result.model))
                out += "  \(clause)  \(Self.label(item.status, color: color))\(note)  \(item.entry.label)\n"
            }
        }
        return out
    }

    /// "  (1 info; set in evident.yml: communicated/missing off)": the counts beside a status, and
    /// the rules behind it that evident.yml turned off or changed, and the settings that move their
    /// bounds. A rule turned off finds nothing, and a grace of a year lets a year pass, so a pass
    /// beside either says less than it seems; "" when there is nothing to say.
    static func note(_ counts: String, _ set: [String]) -> String {
        let parts = [counts] + (set.isEmpty ? [] : ["set in evident.yml: " + set.joined(separator: ", ")])
        let text = parts.filter { !$0.isEmpty }.joined(separator: "; ")
        return text.isEmpty ? "" : "  (\(text))"
    }

    /// What `evident.yml` set that the status of `item` rests on, as `check --standard` names it
    /// beside the item: the rules behind it turned off or changed (`requirements/risks off`), then
    /// the settings that bound them (`review_grace_days 30`). Every report's item table says it
    /// beside the status, so that no pass of a rule turned off reads as one of a rule that ran.
    package static func setInConfiguration(_ item: StandardItem, _ model: CheckModel) -> [String] {
        named(RuleRegistry.changed(by: model.configuration).filter { $0.rule.item == item })
            + changedSettings(model.settings).filter { StandardItem.of($0.obligation) == item }.map(\.text)
    }

    /// `requirements/risks off`, `communicated/missing error`: each rule evident.yml changed.
    static func named(_ changed: [(rule: RuleDescription, severity: Severity?)]) -> [String] {
        changed.map { "\($0.rule.id) \($0.severity?.rawValue ?? "off")" }
    }

    /// The settings that differ from their defaults, each with the obligation whose rules it
    /// bounds: `review_grace_days 30` for monitored.
    static func changedSettings(_ s: Settings) -> [(obligation: Obligation, text: String)] {
        changedSettingValues(s).map { ($0.obligation, "\($0.name) \($0.value)") }
    }

    /// A setting `evident.yml` moved from its default, with the obligation whose rules it bounds.
    package struct ChangedSetting: Sendable {
        let obligation: Obligation
        package let name: String
        package let value: String
        package let defaultValue: String
        /// The readiness item whose rules it bounds.
        package var item: StandardItem? { StandardItem.of(obligation) }
    }

    /// `changedSettings` with each setting's name, value and default apart, for the site and the pack.
    package static func changedSettingValues(_ s: Settings) -> [ChangedSetting] {
        let defaults = Settings().named
        return s.named.compactMap { name, value in
            guard let obligation = boundedObligation[name], let byDefault = defaults.first(where: { $0.name == name })?.value,
                  byDefault != value else { return nil }
            return ChangedSetting(obligation: obligation, name: name, value: value, defaultValue: byDefault)
        }
    }

    /// The obligation whose rules each setting bounds: `allow_raw_html` keeps `syntax/link` from
    /// reporting raw HTML.
    private static let boundedObligation: [String: Obligation] = [
        "review_grace_days": .monitored, "persistent_off_target_periods": .monitored,
        "stale_after_days": .updated, "max_objectives_per_owner": .levels, "allow_raw_html": .syntax,
    ]

    static func label(_ status: ObligationStatus, color: Bool) -> String {
        guard color else { return status.word }
        switch status {
        case .pass: return "\u{1B}[32mpass\u{1B}[0m"
        case .warn: return "\u{1B}[33mwarn\u{1B}[0m"
        case .fail: return "\u{1B}[31mfail\u{1B}[0m"
        case .notAssessed: return "\u{1B}[2mnot assessed\u{1B}[0m"
        }
    }

    /// `path:line:col: severity: message [rule]`, one line, with the file name and the message
    /// escaped for the terminal: content can hold neither a line end nor an escape sequence here.
    package static func line(_ f: Finding, color: Bool) -> String {
        var out = TextBuffer(capacity: 256)
        line(f, color: color, into: &out)
        return out.text
    }

    /// `line(_:color:)` appended to `out`, piece by piece, without a string per line.
    static func line(_ f: Finding, color: Bool, into out: inout TextBuffer) {
        if color { out += "\u{1B}[1m" }
        out.append(TerminalText.escape(f.location.file))
        if let line = f.location.line {
            out.append(ascii: UInt8(ascii: ":"))
            out.append(String(line))
            if let column = f.location.column {
                out.append(ascii: UInt8(ascii: ":"))
                out.append(String(column))
            }
        }
        if color { out += "\u{1B}[0m" }
        out += ": "
        switch (f.severity, color) {
        case (.error, true): out += "\u{1B}[1;31merror\u{1B}[0m"
        case (.warning, true): out += "\u{1B}[1;33mwarning\u{1B}[0m"
        case (.info, true): out += "\u{1B}[1;36minfo\u{1B}[0m"
        case (let s, false): out.append(s.rawValue)
        }
        out += ": "
        out.append(TerminalText.escape(f.message))
        out += " ["
        out.append(f.rule)
        out += "]\n"
    }

    /// "2 errors, 1 warning, 3 info": every finding counted, or with `listed`, each finding listed
    /// as one (`diff`, whose findings introduced are those it lists).
    package static func counts(_ findings: [Finding], listed: Bool = false) -> String {
        Severity.allCases.reversed().compactMap { s -> String? in
            let n = listed ? findings.filter { $0.severity == s }.count : findings.count(s)
            guard n > 0 else { return nil }
            return s == .info ? "\(n) info" : plural(n, s.rawValue)
        }.joined(separator: ", ")
    }

    package static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    // MARK: JSON

    /// A finding as `findings.json` gives it; `standards`, when given, the standard items it bears
    /// on (`{"standard": "iso27001", "clause": "6.2 c", "item": "risks"}`).
    package static func json(_ f: Finding, standards: [(standard: Standard, entry: Standard.Item)]?, fingerprint: String? = nil) -> JSON {
        var pairs: [(String, JSON)] = [
            ("rule", .string(f.rule)),
            ("severity", .string(f.severity.rawValue)),
            ("obligation", .string(f.obligation.rawValue)),
            ("message", .string(f.message)),
            ("file", .string(f.location.file)),
            ("line", .optional(f.location.line)),
            ("column", .optional(f.location.column)),
            ("objective", .optional(f.objective)),
        ]
        if f.unlisted > 0 { pairs.append(("unlisted", .int(f.unlisted))) }
        if let standards { pairs.append(("standards", .array(standards.map(Self.json)))) }
        if let fingerprint { pairs.append(("fingerprint", .string(fingerprint))) }
        return .object(pairs)
    }

    static func json(_ item: (standard: Standard, entry: Standard.Item)) -> JSON {
        .object([
            ("standard", .string(item.standard.id)),
            ("clause", .string(item.entry.clause)),
            ("item", .string(item.entry.item.rawValue)),
        ])
    }

    /// Counts by severity, each obligation's status, and each standard's (those `--standard`
    /// chose, or every configured one) with the status of its items under their clause numbers.
    package func summary() -> JSON {
        let shown = StandardReadiness.of(standards ?? result.model.standards, in: result)
        return .object([
            ("error", .int(result.count(.error))),
            ("warning", .int(result.count(.warning))),
            ("info", .int(result.count(.info))),
            ("obligations", .object(Obligation.allCases.map { ($0.rawValue, .string(result.status(of: $0).rawValue)) })),
            ("standards", .array(shown.map { readiness in
                .object([
                    ("standard", .string(readiness.standard.id)),
                    ("name", .string(readiness.standard.name)),
                    ("status", .string(readiness.status.rawValue)),
                    ("items", .array(readiness.items.map { item in
                        .object([
                            ("item", .string(item.item.rawValue)),
                            ("clause", .string(item.clause)),
                            ("status", .string(item.status.rawValue)),
                        ])
                    })),
                ])
            })),
        ])
    }

    package func json() -> JSON {
        let fingerprints = Self.fingerprints(result.findings)
        return .object([
            ("as_of", .string(result.model.asOf.description)),
            ("findings", .array(zip(result.findings, fingerprints).map { f, print in
                Self.json(f, standards: result.standardItems(of: f), fingerprint: print)
            })),
            ("summary", summary()),
        ])
    }

    // MARK: SARIF 2.1.0

    /// Code scanning rejects a run of more results than this (GitHub's documented hard limit).
    static let sarifResultLimit = 25_000

    /// GitHub shows a rule's descriptions up to 1,024 characters.
    static let sarifDescriptionLimit = 1024

    /// `inPack`: the run is the evidence pack's `findings.sarif`, whose URIs are relative to the
    /// pack's folder (`content/…`) and whose findings are all in `findings.json` beside it.
    package func sarif(inPack: Bool = false) -> JSON {
        let rules = RuleRegistry.all.map { $0.description }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driverRules: [JSON] = rules.map { r in
            .object([
                ("id", .string(r.id)),
                ("name", .string(r.name)),
                ("shortDescription", .object([("text", .string(Self.sarifClipped(r.summary)))])),
                ("fullDescription", .object([("text", .string(Self.sarifClipped(r.rationale)))])),
                ("help", .object([("text", .string(Self.sarifText("\(r.summary)\n\n\(r.rationale)\n\nRun `evident explain \(r.id)` for an example.")))])),
                ("defaultConfiguration", .object([("level", .string(Self.sarifLevel(r.defaultSeverity)))])),
                ("properties", .object(ruleProperties(r))),
            ])
        }
        let findings = result.findings
        let fingerprints = Self.fingerprints(findings)
        let kept = Self.sarifKept(findings)
        let results: [JSON] = kept.map { i in
            let f = findings[i]
            // A finding of a whole file (no line) is put on its first line: code scanning needs a line.
            var region: [(String, JSON)] = [("startLine", .int(f.location.line ?? 1))]
            if let c = f.location.column { region.append(("startColumn", .int(c))) }
            var pairs: [(String, JSON)] = [("ruleId", .string(f.rule))]
            if let i = index[f.rule] { pairs.append(("ruleIndex", .int(i))) }
            pairs += [
                ("level", .string(Self.sarifLevel(f.severity))),
                ("message", .object([("text", .string(Self.sarifText(f.message)))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(Self.uri(f.location.file))), ("uriBaseId", .string("%SRCROOT%"))])),
                    ("region", .object(region)),
                ]))])])),
                // The only key code scanning reads; evident's identity of the finding, not a hash of its line.
                ("partialFingerprints", .object([("primaryLocationLineHash", .string(fingerprints[i]))])),
            ]
            var properties: [(String, JSON)] = []
            if let o = f.objective { properties.append(("objective", .string(o))) }
            if f.unlisted > 0 { properties.append(("unlisted", .int(f.unlisted))) }
            let items = result.standardItems(of: f)
            if !items.isEmpty {
                properties.append(("standards", .array(items.map(Self.json))))
                properties.append(("tags", .array(items.map { .string(Self.tag($0.standard, $0.entry)) })))
            }
            if !properties.isEmpty { pairs.append(("properties", .object(properties))) }
            return .object(pairs)
        }
        var run: [(String, JSON)] = [
            ("tool", .object([("driver", .object([
                ("name", .string("evident")),
                ("version", .string(toolVersion)),
                ("rules", .array(driverRules)),
            ]))])),
            // Relative URIs are relative to the folder evident ran in (the repository's top in CI),
            // or in a pack to the pack's folder.
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([
                ("description", .object([("text", .string(inPack
                    ? "The folder that holds this file, which unzipping the evidence pack makes: each uri names a file of the pack (content/…)."
                    : "The folder evident ran in: the repository's top in CI."))])),
            ]))])),
        ]
        if kept.count < findings.count {
            let left = findings.count - kept.count
            run.append(("invocations", .array([.object([
                ("executionSuccessful", .bool(true)),
                ("toolExecutionNotifications", .array([.object([
                    ("level", .string("warning")),
                    ("message", .object([("text", .string("\(Self.plural(left, "finding")) of \(findings.count) left out: code scanning takes at most \(Self.sarifResultLimit) results in a run. The most severe are kept; \(inPack ? "`findings.json` beside this file" : "`evident check --format json`") has them all."))])),
                ])])),
            ])])))
        }
        run.append(("results", .array(results)))
        // Columns count Unicode scalars (code points) from 1, as in the text and JSON formats;
        // the schema gives no default, and viewers that assume UTF-16 would drift after an emoji.
        run.append(("columnKind", .string("unicodeCodePoints")))
        run.append(("properties", .object([("asOf", .string(result.model.asOf.description))])))
        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    /// The indexes of the findings a SARIF run holds: all of them, or past the limit the most
    /// severe, each kept in file order.
    static func sarifKept(_ findings: [Finding], limit: Int = sarifResultLimit) -> [Int] {
        guard findings.count > limit else { return Array(findings.indices) }
        var kept: [Int] = []
        for severity in Severity.allCases.reversed() where kept.count < limit {
            let own = findings.indices.filter { findings[$0].severity == severity }
            kept += own.prefix(limit - kept.count)
        }
        return kept.sorted()
    }

    /// A text of at most `sarifDescriptionLimit` UTF-16 units as `sarifText` writes it: whole
    /// sentences, then "…", where the text is longer (`help` holds it whole).
    static func sarifClipped(_ text: String, limit: Int = sarifDescriptionLimit) -> String {
        let whole = sarifText(text)
        guard whole.utf16.count > limit else { return whole }
        let ends = text.indices.filter { i in
            let next = text.index(after: i)
            return ".!?".contains(text[i]) && next < text.endIndex && text[next] == " "
        }
        for end in ends.reversed() {
            let clipped = sarifText(text[...end] + " …")
            if clipped.utf16.count <= limit { return clipped }
        }
        // A first sentence too long to fit: cut within it.
        var n = min(text.count, limit)
        while n > 0 && sarifText(text.prefix(n) + "…").utf16.count > limit { n -= 1 }
        return sarifText(text.prefix(n) + "…")
    }

    /// Each finding's identity across runs, `16 hex digits:n`, for code scanning
    /// (`partialFingerprints`) and GitLab Code Quality (`fingerprint`): a hash of its rule, file,
    /// objective and message, and n counting the findings before it with the same hash. Line and
    /// column are left out, so an edit above a finding keeps it the same alert, and so are the
    /// numbers the message computes (outside its code spans: days overdue, counts, dates) and the
    /// `:line:col` a code span gives of another place, which change without the finding changing.
    static func fingerprints(_ findings: [Finding]) -> [String] {
        var seen: [UInt64: Int] = [:]
        return findings.map { f in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                hash = hash &* 0x0000_0100_0000_01b3  // the part's terminating 0
            }
            add(f.rule.utf8)
            add(f.location.file.utf8)
            add((f.objective ?? "").utf8)
            add(identityBytes(f.message))
            let n = seen[hash, default: 0] + 1
            seen[hash] = n
            let hex = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex + ":\(n)"
        }
    }

    /// `identityText(message)`'s UTF-8. An ASCII message is read byte by byte, which gives the same
    /// bytes: only outside ASCII can a digit or a backtick be part of a larger character.
    static func identityBytes(_ message: String) -> [UInt8] {
        let bytes = Array(message.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(identityText(message).utf8) }
        let backtick = UInt8(ascii: "`")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var spanStart = 0, inSpan = false, lastWasDigit = false
        for (i, byte) in bytes.enumerated() {
            if byte == backtick {
                if inSpan { out += strippingLocator(bytes[spanStart..<i]) }
                out.append(byte)
                inSpan.toggle()
                spanStart = i + 1
                lastWasDigit = false
            } else if inSpan {
                continue
            } else if (0x30...0x39).contains(byte) {
                if !lastWasDigit { out.append(UInt8(ascii: "0")) }
                lastWasDigit = true
            } else {
                out.append(byte)
                lastWasDigit = false
            }
        }
        if inSpan { out += bytes[spanStart...] }
        return out
    }

    /// `stripLocator` of an ASCII span's bytes.
    private static func strippingLocator(_ span: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = span
        for _ in 0..<2 {
            guard let colon = text.lastIndex(of: UInt8(ascii: ":")) else { break }
            let tail = text[(colon + 1)...]
            guard !tail.isEmpty, tail.allSatisfy({ (0x30...0x39).contains($0) }) else { break }
            text = text[..<colon]
        }
        return text
    }

    /// A message as its fingerprint reads it: runs of digits outside code spans as `0`, and a
    /// code span's trailing `:line` or `:line:col` left out.
    static func identityText(_ message: String) -> String {
        var out = "", span = "", inSpan = false, lastWasDigit = false
        for c in message {
            if c == "`" {
                if inSpan { out += stripLocator(span); span = "" }
                out.append(c)
                inSpan.toggle()
                lastWasDigit = false
            } else if inSpan {
                span.append(c)
            } else if c.isASCII && c.isNumber {
                if !lastWasDigit { out.append("0") }
                lastWasDigit = true
            } else {
                out.append(c)
                lastWasDigit = false
            }
        }
        return out + span
    }

    /// `content/a.md:12:3` as `content/a.md`; a span without such an ending as it is.
    static func stripLocator(_ span: String) -> String {
        var text = Substring(span)
        for _ in 0..<2 {
            guard let colon = text.lastIndex(of: ":") else { break }
            let tail = text[text.index(after: colon)...]
            guard !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }) else { break }
            text = text[..<colon]
        }
        return String(text)
    }

    /// A message (or a rule's description) as a SARIF plain text message string: the code spans
    /// keep their backticks, which read as quotes without Markdown. A brace is doubled (SARIF 3.11.5: `{0}` is a placeholder,
    /// `{{` a brace), and where the text holds `](`, which a viewer may read as an embedded link
    /// (3.11.6: `[text](1)` or `[text](https://…)`, a live link in GitHub's alert), every square
    /// bracket and a backslash before one are backslash-escaped, so a value from a file
    /// (`OBJ-[x](https://…)`) shows as written and links nowhere. A control character, a
    /// direction control and a character that shows as nothing are written as a visible escape
    /// (`\u{202E}`), as on a terminal: a code-scanning alert would otherwise show `OBJ-INC-01` for
    /// an id with a zero-width space, or let an override reorder the rest of the message.
    static func sarifText(_ message: String) -> String {
        let braced = GFM.replacing(TerminalText.escape(message, keeping: ["\n", "\t"]), ["{": "{{", "}": "}}"])
        guard braced.contains("](") else { return braced }
        var out = String.UnicodeScalarView()
        let scalars = Array(braced.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "[", "]": out.append("\\"); out.append(c)
            case "\\" where i + 1 < scalars.count && (scalars[i + 1] == "[" || scalars[i + 1] == "]" || scalars[i + 1] == "\\"):
                out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return String(out)
    }

    /// A rule's property bag: its obligation, the item it evidences, and as `tags` (SARIF 3.8's
    /// classification strings) the obligation and the configured standards' clauses for the item.
    func ruleProperties(_ r: RuleDescription) -> [(String, JSON)] {
        var tags: [JSON] = [.string(r.obligation.rawValue)]
        var pairs: [(String, JSON)] = [("obligation", .string(r.obligation.rawValue))]
        if let item = r.item {
            pairs.append(("item", .string(item.rawValue)))
            for standard in result.model.standards {
                if let entry = standard.item(item) { tags.append(.string(Self.tag(standard, entry))) }
            }
        }
        pairs.append(("tags", .array(tags)))
        return pairs
    }

    /// `iso27001 6.2 c`: a standard's clause for an item, as a SARIF tag.
    static func tag(_ standard: Standard, _ entry: Standard.Item) -> String { "\(standard.id) \(entry.clause)" }

    static func sarifLevel(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A relative URI reference: path segments percent-encoded, `/` kept.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#[]@!$&'()*+,;=:")
        allowed.insert("/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    // MARK: GitHub workflow commands

    func github() -> String {
        var out = ""
        for f in result.findings {
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var props = ["file=\(Self.property(f.location.file))"]
            if let l = f.location.line { props.append("line=\(l)") }
            if let c = f.location.column { props.append("col=\(c)") }
            props.append("title=\(Self.property(f.rule))")
            out += "::\(command) \(props.joined(separator: ","))::\(Self.data(f.message))\n"
        }
        return out
    }

    /// GitHub's escaping for a command's message and its properties. Control and bidirectional
    /// characters are written as visible escapes first: the log shows ANSI sequences.
    static func data(_ s: String) -> String {
        TerminalText.escape(s, keeping: ["\r", "\n", "\t"]).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
