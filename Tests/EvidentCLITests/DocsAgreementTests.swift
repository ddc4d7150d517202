import Foundation
import Testing

/// The pages a user reads (README.md, docs/*.md, templates/README.md) against the tool they
/// describe: every link and anchor leads somewhere, every option named for a command is one it
/// has and every option it has is named, every rule named exists, every file of this repository
/// named is there, and the README's first objective does what the README says.
@Suite struct DocsAgreementTests {
    /// The user's pages, by path from the repository's top.
    static let pages: [String] = {
        let docs = (try? FileManager.default.contentsOfDirectory(atPath: CLI.repository.appendingPathComponent("docs").path)) ?? []
        return ["README.md", "templates/README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
    }()

    static func text(_ page: String) throws -> String {
        try String(contentsOf: CLI.repository.appendingPathComponent(page), encoding: .utf8)
    }

    // MARK: Links

    @Test func everyLinkBetweenPagesLeadsToAFileAndAnchorThatExist() throws {
        #expect(Self.pages.count > 10)
        var anchors: [String: Set<String>] = [:]
        func anchorsOf(_ page: String) throws -> Set<String> {
            if let known = anchors[page] { return known }
            let found = MarkdownText(try Self.text(page)).anchors
            anchors[page] = found
            return found
        }
        var broken: [String] = []
        for page in Self.pages {
            let markdown = MarkdownText(try Self.text(page))
            for (line, target) in markdown.links {
                // Another site (`https:`, `mailto:`) is not this test's to reach.
                if target.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0]), anchor = parts.count > 1 ? String(parts[1]) : ""
                let folder = (page as NSString).deletingLastPathComponent
                let linked = file.isEmpty ? page : ((folder as NSString).appendingPathComponent(file) as NSString).standardizingPath
                guard FileManager.default.fileExists(atPath: CLI.repository.appendingPathComponent(linked).path) else {
                    broken.append("\(page):\(line): \(target): no file \(linked)")
                    continue
                }
                if !anchor.isEmpty, linked.hasSuffix(".md"), !(try anchorsOf(linked)).contains(anchor) {
                    broken.append("\(page):\(line): \(target): \(linked) has no heading or anchor `\(anchor)`")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    /// The reader of anchors and links is right about what it skips and how GitHub names headings.
    @Test func theLinkReaderSkipsCodeAndNamesHeadingsAsGitHubDoes() {
        let text = """
            # One standard: `evident check --standard ID`
            ## Files, in general
            ## Files, in general
            <a id="rule-x"></a>
            See [a](a.md#b) and `[not](c.md)`, ``[nor `this`](d.md)``, [e](f.md "title").
            ````markdown
            ```
            [inside](g.md)
            ```
            [still inside](h.md)
            ````
            Split `code
            [x](i.md)` then [after](j.md).
            """
        let markdown = MarkdownText(text)
        #expect(markdown.anchors == ["one-standard-evident-check---standard-id", "files-in-general", "files-in-general-1", "rule-x"])
        #expect(markdown.links.map(\.target) == ["a.md#b", "f.md", "j.md"])
        #expect(markdown.links.map(\.line) == [5, 5, 13])
    }

    // MARK: Options

    /// `evident COMMAND --help`'s options, for each command `evident --help` lists.
    static func options() throws -> [String: Set<String>] {
        let top = try CLI.run(["--help"])
        let commands = top.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .compactMap { $0.hasPrefix("  ") && !$0.hasPrefix("   ") ? $0.split(separator: " ").first.map(String.init) : nil }
            .filter { $0.first?.isLowercase == true } ?? []
        var options: [String: Set<String>] = [:]
        for command in commands where !command.isEmpty {
            let help = try CLI.run([command, "--help"])
            #expect(help.status == 0, "\(command): \(help.stderr)")
            options[command] = Set(Self.flags(in: help.stdout))
        }
        return options
    }

    static func flags(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"(?<![\w-])--[a-z][a-z0-9-]*"#)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    /// Every `--option` written after `evident COMMAND` (in a code block, or in a code span that
    /// starts with the command) is one the command has.
    @Test func everyOptionTheDocsGiveACommandIsOneItHas() throws {
        let options = try Self.options()
        #expect(options.count >= 11, "\(options.keys.sorted())")
        var wrong: [String] = []
        for page in Self.pages {
            let markdown = MarkdownText(try Self.text(page))
            for (line, code) in markdown.codeLines {
                var words = code.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                // `evident check …` in a block or span; `check --format` in a span of prose.
                if let start = words.firstIndex(where: { $0 == "evident" || $0.hasSuffix("/evident") }) {
                    words = Array(words[(start + 1)...])
                } else if !code.hasPrefix("evident"), markdown.isSpan(line: line, code: code) {
                    // A span that starts with a command's name: `init --as-of`.
                } else {
                    continue
                }
                guard let command = words.first, let known = options[command] else { continue }
                // Up to a comment or the next command of the line.
                let rest = words.dropFirst().prefix { !$0.hasPrefix("#") && $0 != "|" && $0 != "&&" && $0 != ";" }
                for flag in Self.flags(in: rest.joined(separator: " ")) where !known.contains(flag) {
                    wrong.append("\(page):\(line): `evident \(command)` has no \(flag) (`\(code)`)")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
    }

    /// Every option `--help` lists is named in the README or in docs/, where a user looks for it.
    @Test func everyOptionOfEveryCommandIsDocumented() throws {
        let documented = try Self.pages.map { try Self.text($0) }.joined(separator: "\n")
        let named = Set(Self.flags(in: documented))
        var missing: [String] = []
        for (command, flags) in try Self.options() {
            for flag in flags.sorted() where !named.contains(flag) { missing.append("evident \(command) \(flag)") }
        }
        #expect(missing.isEmpty, "not in README.md or docs/: \(missing.sorted().joined(separator: ", "))")
    }

    /// Each option of `COMMAND --help` with the default its help gives (`(default: site)`,
    /// `Default: today, UTC.`), or nil for one without.
    static func optionDefaults(_ command: String) throws -> [(flag: String, default: String?)] {
        let help = try CLI.run([command, "--help"]).stdout
        let options = help.components(separatedBy: "OPTIONS:").last ?? ""
        var entries: [String] = []
        for line in options.split(separator: "\n") {
            if line.hasPrefix("  -") { entries.append(String(line)) } else if !entries.isEmpty { entries[entries.count - 1] += " " + line }
        }
        return entries.compactMap { entry in
            let text = entry.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard let flag = Self.flags(in: String(text.prefix { $0 != " " })).first, flag != "--help", flag != "--version" else { return nil }
            for pattern in [#"default: ([^)]+)\)"#, #"Default: (.+?)\.(?: |$)"#] {
                if let range = text.range(of: pattern, options: .regularExpression) {
                    let match = String(text[range])
                    let value = match.replacingOccurrences(of: pattern, with: "$1", options: .regularExpression)
                    return (flag, value)
                }
            }
            return (flag, nil)
        }
    }

    /// docs/cli.md's table of options has a row for every option of every command, with the
    /// default `--help` gives.
    @Test func theTableOfOptionsHasEveryOptionWithItsDefault() throws {
        let rows = try Self.text("docs/cli.md").split(separator: "\n").filter { $0.hasPrefix("| `") }
        var wrong: [String] = []
        for command in try Self.options().keys.sorted() {
            for (flag, value) in try Self.optionDefaults(command) {
                let row = rows.first { $0.hasPrefix("| `\(command)` | `\(flag)`") || $0.hasPrefix("| `\(command)` | `\(flag) ") }
                guard let row else { wrong.append("no row for `\(command)` `\(flag)`"); continue }
                // Cells split at ` | `: a `\|` inside a cell (`text\|json`) is not a boundary.
                let cells = row.components(separatedBy: " | ")
                let documented = cells.count > 2 ? cells[2].replacingOccurrences(of: "`", with: "") : ""
                if let value, documented != value { wrong.append("`\(command)` `\(flag)`: the table says \(documented), --help \(value)") }
            }
        }
        #expect(wrong.isEmpty, "docs/cli.md, Options of each command:\n\(wrong.joined(separator: "\n"))")
    }

    // MARK: Output files

    /// Every key of a JSON document, at any depth; the keys under `obligations` are obligation ids
    /// (data, not names of the format).
    static func keys(of json: Any) -> Set<String> {
        if let object = json as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { found, entry in
                if entry.key != "obligations" { found.formUnion(keys(of: entry.value)) }
            }
        }
        if let array = json as? [Any] { return array.reduce(into: []) { $0.formUnion(keys(of: $1)) } }
        return []
    }

    /// The keys of `stdout`'s JSON that none of `pages` names, as `"key"` or `` `key` ``.
    static func undocumentedKeys(_ stdout: String, pages: [String]) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        let text = try pages.map { try Self.text($0) }.joined(separator: "\n")
        return keys(of: json).filter { !text.contains("\"\($0)\"") && !text.contains("`\($0)`") }.sorted()
    }

    /// Every key `check --format json` and `diff --format json` write is named on the page that
    /// describes the format (cli.md, ci.md), on a diff that has every kind of change.
    @Test func everyKeyOfCheckAndDiffJSONIsDocumented() throws {
        let dir = try CLI.scratch("docs-json")
        defer { try? FileManager.default.removeItem(at: dir) }
        let asOf = ["--as-of", "2026-12-01"]
        #expect(try CLI.run(["init", "base"] + asOf, in: dir).status == 0)
        let head = dir.appendingPathComponent("head")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("base"), to: head)
        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = head.appendingPathComponent("content").appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        // A measured value rewritten, a new objective, a changed one without a new version, a
        // policy statement changed: findings, measurements, declarations and objectives.
        try edit("measurements/OBJ-INC-01.csv") { text in
            var lines = text.components(separatedBy: "\n")
            lines[1] = lines[1].prefix { $0 != "," } + ",9.9,,"
            return lines.joined(separator: "\n")
        }
        try edit("objectives/OBJ-INC-01.md") { $0.replacingOccurrences(of: "title: ", with: "title: Now ") }
        try edit("policy.md") { $0.replacingOccurrences(of: "text: ", with: "text: Now ") }
        let objective = try String(contentsOf: head.appendingPathComponent("content/objectives/OBJ-INC-01.md"), encoding: .utf8)
        try objective.replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-09")
            .write(to: head.appendingPathComponent("content/objectives/OBJ-INC-09.md"), atomically: true, encoding: .utf8)

        let check = try CLI.run(["check", "--format", "json", "--content", "head/content"] + asOf, in: dir)
        let checkKeys = Self.keys(of: try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)))
        #expect(checkKeys.isSuperset(of: ["fingerprint", "item", "clause", "items"]), "\(checkKeys.sorted())")
        #expect(try Self.undocumentedKeys(check.stdout, pages: ["docs/cli.md"]) == [])

        let diff = try CLI.run(["diff", "--base-dir", "base/content", "--head-dir", "head/content", "--format", "json"] + asOf, in: dir)
        #expect(diff.status == 1, "\(diff.stderr)")
        // An added objective, a changed field, a declaration, a measurement change, a finding.
        let diffKeys = Self.keys(of: try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)))
        #expect(diffKeys.isSuperset(of: ["status", "field", "kind", "period", "rule"]), "\(diffKeys.sorted())")
        // A finding has the keys of `check --format json`'s (cli.md).
        #expect(try Self.undocumentedKeys(diff.stdout, pages: ["docs/ci.md", "docs/cli.md"]) == [])
    }

    /// The pack's registers have the header rows pack.md gives, and every key of `register.json`
    /// is named there.
    @Test func thePacksRegistersAreAsPackMdDescribesThem() throws {
        let dir = try CLI.scratch("docs-registers")
        defer { try? FileManager.default.removeItem(at: dir) }
        let asOf = ["--as-of", "2026-12-01"]
        #expect(try CLI.run(["init"] + asOf, in: dir).status == 0)
        #expect(try CLI.run(["pack", "--quiet"] + asOf, in: dir).status == 0)
        let zip = try #require(CLI.listing(dir.appendingPathComponent("dist")).first)
        func member(_ name: String) throws -> String {
            let folder = zip.replacingOccurrences(of: ".zip", with: "")
            let run = try CLI.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", "dist/" + zip, "\(folder)/\(name)"], in: dir)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            return run.stdout
        }
        let page = try Self.text("docs/pack.md")
        for name in ["register.csv", "metric-dictionary.csv", "traceability.csv", "history.csv"] {
            let header = try member(name).split(separator: "\r\n").first.map { String($0.drop { $0 == "\u{FEFF}" }) } ?? ""
            let documented = page.split(separator: "\n").first { $0.hasPrefix(name + " ") }
                .map { $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces) }
            #expect(documented == header, "\(name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try member("register.json").utf8))
        #expect(Self.keys(of: json).filter { !page.contains("\"\($0)\"") }.sorted() == [])
    }

    // MARK: Rules and files

    /// A rule id in backticks (`monitored/no-data`) names a rule `evident rules` has.
    @Test func everyRuleNamedIsARule() throws {
        let run = try CLI.run(["rules", "--format", "json"])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rules = try #require(json["rules"] as? [[String: Any]])
        let ids = Set(rules.compactMap { $0["id"] as? String })
        let obligations = Set(ids.compactMap { $0.split(separator: "/").first.map(String.init) })
        #expect(ids.count > 40 && obligations.count == 10, "\(obligations.sorted())")
        let regex = try NSRegularExpression(pattern: #"`([a-z]+)/([a-z-]+)`"#)
        var unknown: [String] = []
        for page in Self.pages where page != "docs/rules.md" {
            let text = try Self.text(page), ns = text as NSString
            for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let obligation = ns.substring(with: match.range(at: 1)), id = obligation + "/" + ns.substring(with: match.range(at: 2))
                if obligations.contains(obligation), !ids.contains(id) { unknown.append("\(page): `\(id)`") }
            }
        }
        #expect(unknown.isEmpty, "no such rule: \(unknown.joined(separator: ", "))")
    }

    /// A file of this repository named in the docs (`scripts/check-schemas.py`, `Tests/Schemas`) is
    /// there; a placeholder in capitals (`Fuzz/Corpus/TARGET`) and build output are not files to find.
    @Test func everyFileOfTheRepositoryNamedIsThere() throws {
        let regex = try NSRegularExpression(pattern: #"(?<![\w./-])(scripts|Sources|Tests|docs|Fuzz)/[A-Za-z0-9_./-]+"#)
        var missing: [String] = []
        for page in Self.pages {
            let text = try Self.text(page), ns = text as NSString
            for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                var path = ns.substring(with: match.range)
                while let last = path.last, ".,:;".contains(last) { path.removeLast() }
                let parts = path.split(separator: "/")
                if parts.contains(where: { $0 == ".build" || ($0.count >= 3 && $0.allSatisfy { $0.isUppercase || $0 == "." || $0 == "_" }) }) { continue }
                if parts.contains(where: { $0.range(of: #"^[A-Z]{3,}\."#, options: .regularExpression) != nil }) { continue }
                if !FileManager.default.fileExists(atPath: CLI.repository.appendingPathComponent(path).path) {
                    missing.append("\(page): \(path)")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.joined(separator: "\n"))")
    }

    /// Every name a built-in template reads is listed in templates/README.md, where a theme
    /// author looks for what a template receives.
    @Test func everyNameTheBuiltInThemeReadsIsListed() throws {
        let readme = try Self.text("templates/README.md")
        let templates = CLI.repository.appendingPathComponent("templates")
        let files = try #require(FileManager.default.enumerator(atPath: templates.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files.count > 20)
        let tag = try NSRegularExpression(pattern: #"\{\{[#^/&{]?\s*([A-Za-z][A-Za-z0-9_.]*)"#)
        // Parents and blocks (`{{<layout}}`, `{{$main}}`) are closed by name, as sections are: not values.
        let opener = try NSRegularExpression(pattern: #"\{\{[<$]\s*([A-Za-z][A-Za-z0-9_./-]*)"#)
        var blocks: Set<String> = []
        for file in files {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8), ns = text as NSString
            for match in opener.matches(in: text, range: NSRange(location: 0, length: ns.length)) { blocks.insert(ns.substring(with: match.range(at: 1))) }
        }
        var unlisted: [String] = []
        for file in files {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8), ns = text as NSString
            for match in tag.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                // Listed as a name of its own or within a shape (`{ id, anchor, name, heading }`).
                for name in ns.substring(with: match.range(at: 1)).split(separator: ".")
                where !blocks.contains(String(name)) && readme.range(of: "\\b\(name)\\b", options: .regularExpression) == nil {
                    unlisted.append("templates/\(file): `\(name)`")
                }
            }
        }
        #expect(unlisted.isEmpty, "not in templates/README.md: \(Array(Set(unlisted)).sorted().joined(separator: ", "))")
    }

    /// Every class the HTML evident writes itself carries (a Markdown body's task boxes and
    /// omitted images, the trend chart) is named in templates/README.md: a theme that renames
    /// the built-in classes must keep these in its stylesheet, and can learn them only there.
    @Test func everyClassOfEvidentsOwnHTMLIsListed() throws {
        let readme = try Self.text("templates/README.md")
        let attribute = try NSRegularExpression(pattern: #"class=\\?"([a-z][a-z0-9 -]*)"#)
        var classes: Set<String> = []
        for source in ["Sources/EvidentSite/BodyLinks.swift", "Sources/EvidentSite/Chart/TrendChart.swift"] {
            let text = try Self.text(source), ns = text as NSString
            for match in attribute.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                for name in ns.substring(with: match.range(at: 1)).split(separator: " ") { classes.insert(String(name)) }
            }
        }
        #expect(classes.isSuperset(of: ["task", "task-done", "visually-hidden", "image-omitted", "trend-chart", "chart-line", "unassessed"]))
        let unlisted = classes.filter { readme.range(of: "(?<![\\w-])\($0)(?![\\w-])", options: .regularExpression) == nil }
        #expect(unlisted.isEmpty, "not in templates/README.md: \(unlisted.sorted().joined(separator: ", "))")
    }

    // MARK: The README's first objective

    /// README.md's "A first objective", with its own blocks: the objective and its measurements
    /// give `communicated/missing`, the communication clears it, and the site shows the value of a
    /// month not yet due with the result "Not yet due", then its result once the month is due.
    @Test func theReadmesFirstObjectiveDoesWhatItSays() throws {
        let readme = try Self.text("README.md")
        let blocks = MarkdownText(readme).blocks
        let objective = try #require(blocks.first { $0.hasPrefix("---\nid: OBJ-INC-02\n") })
        let csv = try #require(blocks.first { $0.hasPrefix("period,value,note\n") })
        let communication = try #require(blocks.first { $0.hasPrefix("---\ndate: 2026-11-20\n") })
        #expect(readme.contains("`content/communications/2026-11-20-phone-target.md`"))
        #expect(readme.contains("`communicated/missing`") && readme.contains("its result as \"Not yet due\""))

        let dir = try CLI.scratch("readme-walk")
        defer { try? FileManager.default.removeItem(at: dir) }
        // "The dates are written for December 2026."
        let asOf = ["--as-of", "2026-12-01"]
        #expect(try CLI.run(["init"] + asOf, in: dir).status == 0)
        let content = dir.appendingPathComponent("content")
        try objective.write(to: content.appendingPathComponent("objectives/OBJ-INC-02.md"), atomically: true, encoding: .utf8)
        try csv.write(to: content.appendingPathComponent("measurements/OBJ-INC-02.csv"), atomically: true, encoding: .utf8)

        let missing = try CLI.run(["check", "--no-color", "--quiet"] + asOf, in: dir)
        #expect(missing.status == 0)
        #expect(missing.stdout.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) } == ["[communicated/missing]"], "\(missing.stdout)")
        #expect(try CLI.run(["explain", "communicated/missing"], in: dir).status == 0)

        try communication.write(to: content.appendingPathComponent("communications/2026-11-20-phone-target.md"), atomically: true, encoding: .utf8)
        let clean = try CLI.run(["check", "--no-color", "--fail-on", "warning"] + asOf, in: dir)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("2 objectives (2 active), 0 errors, 0 warnings, 0 info"), "\(clean.stdout)")

        func page(asOf day: String) throws -> String {
            let build = try CLI.run(["build", "--quiet", "--as-of", day], in: dir)
            #expect(build.status == 0, "\(build.stderr)")
            return try String(contentsOf: dir.appendingPathComponent("site/objectives/obj-inc-02.html"), encoding: .utf8)
        }
        // November is due 7 days after it ends (review_grace_days): on 7 December.
        let early = try page(asOf: "2026-12-06")
        #expect(early.contains("92.4 % (2026-11, not yet due)") && early.contains("Not yet due") && !early.contains("No data"))
        let due = try page(asOf: "2026-12-07")
        #expect(!due.contains("not yet due") && due.contains("On target"))
    }
}

/// A Markdown page as the tests above read it: its fenced code blocks, its code spans, the links
/// and headings of the prose around them. CommonMark's rules for fences and spans; no more.
struct MarkdownText {
    /// Each line: its number, its text, and whether it is in a fenced block.
    private var lines: [(number: Int, text: String, fenced: Bool)] = []
    /// The fenced blocks' contents, each with a final line break.
    private(set) var blocks: [String] = []
    /// The prose (lines outside fences) with each code span's content kept, by line number.
    private var spans: [(line: Int, code: String)] = []
    /// The prose with code spans blanked out, lines joined (so that a span may cross lines).
    private var prose: [(line: Int, text: String)] = []

    init(_ text: String) {
        var fence: (mark: Character, length: Int, indent: Int)?
        var block = ""
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.drop { $0 == " " }
            let mark = trimmed.first
            let run = mark.map { m in trimmed.prefix { $0 == m }.count } ?? 0
            if let open = fence {
                if mark == open.mark, run >= open.length, trimmed.dropFirst(run).allSatisfy({ $0 == " " }) {
                    fence = nil
                    blocks.append(block)
                    lines.append((i + 1, line, true))
                    continue
                }
                // A fence's indentation is taken off each line of its block, as far as the line has it.
                block += line.dropFirst(min(line.count - trimmed.count, open.indent)) + "\n"
                lines.append((i + 1, line, true))
            } else if line.count - trimmed.count < 4, let mark, mark == "`" || mark == "~", run >= 3,
                      !(mark == "`" && trimmed.dropFirst(run).contains("`")) {
                fence = (mark, run, line.count - trimmed.count)
                block = ""
                lines.append((i + 1, line, true))
            } else {
                lines.append((i + 1, line, false))
            }
        }
        // Code spans in the prose: a run of backticks closed by the next run of the same length.
        var chars: [(Character, Int)] = []
        for line in lines where !line.fenced {
            chars += line.text.map { ($0, line.number) } + [("\n", line.number)]
        }
        var out: [(Character, Int)] = []
        var i = 0
        while i < chars.count {
            guard chars[i].0 == "`" else { out.append(chars[i]); i += 1; continue }
            var n = 0
            while i + n < chars.count, chars[i + n].0 == "`" { n += 1 }
            var j = i + n, close: Int?
            while j < chars.count {
                if chars[j].0 == "`" {
                    var m = 0
                    while j + m < chars.count, chars[j + m].0 == "`" { m += 1 }
                    if m == n { close = j; break }
                    j += m
                } else { j += 1 }
            }
            guard let close else { out += chars[i..<(i + n)]; i += n; continue }
            let code = String(chars[(i + n)..<close].map { $0.0 == "\n" ? " " : $0.0 }).trimmingCharacters(in: .whitespaces)
            spans.append((chars[i].1, code))
            out += chars[i...(close + n - 1)].map { ($0.0 == "\n" ? "\n" : " ", $0.1) }
            i = close + n
        }
        var current = "", number = out.first?.1 ?? 1
        for (c, line) in out {
            if c == "\n" { prose.append((number, current)); current = ""; number = line + 1; continue }
            if current.isEmpty { number = line }
            current.append(c)
        }
    }

    /// The links of the prose, `[text](target)` and `![alt](target)`, with their lines.
    var links: [(line: Int, target: String)] {
        let regex = try! NSRegularExpression(pattern: #"\]\(([^()\s<>]+)(?:\s+"[^"]*")?\)"#)
        return prose.flatMap { line, text in
            let ns = text as NSString
            return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { (line, ns.substring(with: $0.range(at: 1))) }
        }
    }

    /// The anchors GitHub gives the headings (lower case, punctuation dropped, spaces as `-`,
    /// `-1`, `-2`… for a repeat), and those written as `<a id="…">` or `<a name="…">`.
    var anchors: Set<String> {
        var found: Set<String> = [], seen: [String: Int] = [:]
        let explicit = try! NSRegularExpression(pattern: #"<a (?:id|name)="([^"]+)""#)
        for line in lines where !line.fenced {
            let ns = line.text as NSString
            for match in explicit.matches(in: line.text, range: NSRange(location: 0, length: ns.length)) {
                found.insert(ns.substring(with: match.range(at: 1)))
            }
            guard let heading = line.text.range(of: #"^#{1,6}\s+"#, options: .regularExpression) else { continue }
            var title = String(line.text[heading.upperBound...])
            title = title.replacingOccurrences(of: #"\s+#+\s*$"#, with: "", options: .regularExpression)
            title = title.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
            var slug = ""
            for c in title.lowercased() {
                if c.isLetter || c.isNumber || c == "-" || c == "_" { slug.append(c) } else if c == " " { slug.append("-") }
            }
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            found.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return found
    }

    /// The lines of code a user might type: each line of a fenced block, and each code span.
    var codeLines: [(line: Int, code: String)] {
        lines.filter(\.fenced).map { ($0.number, $0.text.trimmingCharacters(in: .whitespaces)) } + spans
    }

    /// Whether `code` on `line` is a code span of the prose (not a line of a block).
    func isSpan(line: Int, code: String) -> Bool {
        spans.contains { $0.line == line && $0.code == code }
    }
}
