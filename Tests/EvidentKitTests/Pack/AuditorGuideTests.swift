import Crypto
import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentPack
@testable import EvidentSite
@testable import EvidentSupport

@Suite struct AuditorGuideTests {
    static func guide(_ fixture: PackFixture, key: PackSigningKey? = nil) throws -> (String, [String: Data]) {
        let contents = try fixture.pack.contents(signingKey: key)
        return (String(decoding: contents["README.html"] ?? Data(), as: UTF8.self), contents)
    }

    static func section(_ html: String, _ id: String) -> String {
        guard let start = html.range(of: "<section id=\"\(id)\"") else { return "" }
        let rest = html[start.lowerBound...]
        guard let end = rest.range(of: "</section>") else { return String(rest) }
        return String(rest[..<end.upperBound])
    }

    /// Another version of evident renders the site and the guide otherwise, so the guide promises
    /// the same bytes only from the version that made the pack, and names it.
    @Test func theGuidePromisesTheSameBytesFromTheSameVersion() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(html.contains("<footer><p>Made by evident \(Evident.version) from the content as of \(fixture.result.model.asOf). "
            + "The same content and date give the same pack, byte for byte, made with this version of evident.</p></footer>"))
    }

    @Test func everyItemOfTheStandardHasItsClauseStatusFindingsAndEvidence() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(html.contains("<p class=\"kicker\">ISO/IEC 20000-1:2018, clause 6.2 — audit evidence pack</p>"))
        #expect(html.contains("<h1>Example Services: service management objectives</h1>"))
        #expect(Self.section(html, "iso20000-1").contains("<h2 id=\"iso20000-1-h\">ISO/IEC 20000-1:2018, clause 6.2 <span class=\"badge "))
        for entry in Standard.iso20000_1.items {
            let id = "iso20000-1-\(entry.item.rawValue)"
            let part = Self.section(html, id)
            let status = fixture.result.status(of: entry.item, in: .iso20000_1).rawValue
            #expect(part.contains("<h3 id=\"\(id)-h\"><span class=\"clause\">\(entry.clause)</span> \(entry.item.title) <span class=\"badge \(status)\">"), "\(id)")
            #expect(part.contains("<h4>How evident checks it</h4>"), "\(id)")
            #expect(part.contains("<h4>Findings</h4>"), "\(id)")
            #expect(part.contains("<h4>Evidence in this pack</h4>"), "\(id)")
            #expect(part.contains("<a href=\""), "\(id) links to no file")
            let note = entry.note.map { "<span class=\"cell-note\">\($0)</span>" } ?? ""
            #expect(html.contains("<td class=\"clause\">\(entry.clause)</td><th scope=\"row\"><a href=\"#\(id)\">\(entry.item.title)</a>\(note)</th>"), "\(id)")
        }
        #expect(Self.section(html, "iso20000-1-policy").contains("<a href=\"content/policy.md\">"))
        #expect(Self.section(html, "iso20000-1-policy").contains("<a href=\"site/policy.html\">"))
        #expect(Self.section(html, "iso20000-1-levels").contains("<a href=\"site/functions.html\">"))
        #expect(Self.section(html, "iso20000-1-monitored").contains("<a href=\"site/objectives/OBJ-INC-01.html\">OBJ-INC-01</a>"))
        #expect(Self.section(html, "iso20000-1-monitored").contains("<a href=\"content/evidence/extract-2026-10.csv\">"))
        #expect(Self.section(html, "iso20000-1-updated").contains("<a href=\"history.csv\">"))
        #expect(Self.section(html, "iso20000-1-communicated").contains("<a href=\"content/communications/2026-01-20.md\">"))
        #expect(Self.section(html, "summary").contains("<a href=\"site/standards.html\">"))
        // The zip dates every entry the as-of day (PackZipTests); the guide says so, and why.
        #expect(Self.section(html, "contents").contains("Every file in the zip is dated \(ExampleTree.asOf), 00:00, the day the pack is as of"))
    }

    /// Minutes and communication records dated after the as-of date are listed as evidence with
    /// what they are as of it: as of 2026-01-01 the review of 2026-11-10 has not been held and the
    /// communication of 2026-01-20 not made, so neither evidences monitoring or communication yet.
    @Test func recordsDatedAfterTheAsOfDateAreListedAsNotYetHeldOrMade() throws {
        let early = try PackFixture(asOf: "2026-01-01")
        defer { early.remove() }
        let (html, contents) = try Self.guide(early)
        // readiness.md counts them apart in the folder's line.
        let readiness = String(decoding: contents["readiness.md"] ?? Data(), as: UTF8.self)
        #expect(readiness.contains("- `content/reviews/`: Review minutes (1 file, 1 dated after the as-of date: not held yet)\n"), "\(readiness)")
        #expect(readiness.contains("- `content/communications/`: Communication records (1 file, 1 dated after the as-of date: not made yet)\n"), "\(readiness)")
        #expect(Self.section(html, "iso20000-1-monitored").contains(
            "<code>content/reviews/2026-11-10.md</code></a> — dated 2026-11-10, after the as-of date: not held yet</li>"), "\(html)")
        #expect(Self.section(html, "iso20000-1-communicated").contains(
            "<code>content/communications/2026-01-20.md</code></a> — dated 2026-01-20, after the as-of date: not made yet</li>"), "\(html)")
        let now = try PackFixture()
        defer { now.remove() }
        let (nowHTML, nowContents) = try Self.guide(now)
        #expect(!nowHTML.contains("after the as-of date: not"))
        #expect(!String(decoding: nowContents["readiness.md"] ?? Data(), as: UTF8.self).contains("after the as-of date: not"))
    }

    /// The objectives table counts each objective's own findings: OBJ-INC-01 without a policy
    /// reference and without its approval has two (`policy/trace`, `established/approval`), a second
    /// objective, with no metric scope and named by no review or communication, three
    /// (`measurable/scope`, `monitored/review-overdue`, `communicated/missing`).
    @Test func theObjectivesTableCountsEachObjectivesOwnFindings() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "policy: [POL-1]\n": "", "approved_by: Head of Service Management\napproved_on: 2026-01-15\n": "",
        ])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-INC-02",
            "  counts: All P1 incidents resolved in the period.\n  excludes: Incidents caused by customer-side changes.\n": "",
        ])
        files["measurements/OBJ-INC-02.csv"] = ExampleTree.measurements
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let own = Dictionary(grouping: fixture.result.findings.compactMap(\.objective)) { $0 }.mapValues(\.count)
        #expect(own["OBJ-INC-01"] == 2 && own["OBJ-INC-02"] == 3, "\(fixture.result.findings.map { ($0.rule, $0.objective) })")
        let (html, _) = try Self.guide(fixture)
        let rows = Self.section(html, "objectives").components(separatedBy: "<tr><th scope=\"row\">").dropFirst()
        func count(_ id: String) -> String? {
            rows.first { $0.hasPrefix(id) || $0.contains(">\(id)</a></th>") }?.components(separatedBy: "<td>").dropFirst(6).first?.components(separatedBy: "</td>").first
        }
        #expect(count("OBJ-INC-01") == "2", "\(Array(rows))")
        #expect(count("OBJ-INC-02") == "3", "\(Array(rows))")
    }

    /// The objectives table counts an objective's findings as the register and its page do: one
    /// without an id has its own (found by its file), and a repeated id's go to its first
    /// declaration only, not to each row of that id.
    @Test func theObjectivesTableCountsAsTheRegisterDoes() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01\n": ""])
        files["objectives/OBJ-INC-03.md"] = ExampleTree.objective(replacing: [:])
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        let register = try #require(try JSONSerialization.jsonObject(with: Data(Registers.registerJSON(fixture.result).serialized().utf8)) as? [String: Any])
        let registered = try #require(register["objectives"] as? [[String: Any]])
        let rows = Self.section(html, "objectives").components(separatedBy: "<tr><th scope=\"row\">").dropFirst()
        #expect(rows.count == registered.count)
        for objective in registered {
            let file = try #require((objective["file"] as? String).flatMap(fixture.result.model.packPath))
            let row = try #require(rows.first { $0.contains("<code>\(file)</code>") }, "\(file)")
            let count = row.components(separatedBy: "<td>").dropFirst(6).first?.components(separatedBy: "</td>").first
            #expect(count == (objective["findings"] as? Int).map(String.init), "\(file): \(row)")
        }
    }

    @Test func findingsAppearUnderTheirObligationAndPointAtTheirSource() throws {
        var files = ExampleTree.base
        // No policy reference: `policy/trace`, an error, so the policy obligation fails.
        files["objectives/OBJ-INC-01.md"] = (files["objectives/OBJ-INC-01.md"] ?? "").replacingOccurrences(of: "policy: [POL-1]\n", with: "")
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        #expect(fixture.result.status(of: .policy) == .fail)
        let (html, _) = try Self.guide(fixture)
        let policy = Self.section(html, "iso20000-1-policy")
        #expect(policy.contains("<span class=\"badge fail\">fail</span>"))
        #expect(policy.contains("<td><code>policy/trace</code></td>"))
        #expect(policy.contains("<a href=\"content/objectives/OBJ-INC-01.md\"><code>"))
        #expect(!Self.section(html, "iso20000-1-documented").contains("policy/trace"))
        let summaryRow = Self.section(html, "summary").components(separatedBy: "\n").first { $0.contains("href=\"#iso20000-1\"") } ?? ""
        #expect(summaryRow.contains("<span class=\"badge fail\">fail</span></td><td>1</td>"))
        let itemRow = html.components(separatedBy: "\n").first { $0.contains("href=\"#iso20000-1-policy\"") } ?? ""
        #expect(itemRow.contains("<td class=\"clause\">6.2.1 a</td>") && itemRow.contains("<span class=\"badge fail\">fail</span></td><td>1</td>"))
    }

    /// Every link of the guide reaches a file of the pack or an id of the guide itself, so it works
    /// offline from the unzipped folder.
    @Test func everyLinkResolvesInsideThePack() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let (html, contents) = try Self.guide(fixture, key: try PackSigningKey(pem: PackKeyTests.opensslKey))
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(hrefs.count > 30)
        for href in hrefs {
            if href.hasPrefix("#") {
                #expect(html.contains("id=\"\(href.dropFirst())\""), "\(href)")
            } else {
                #expect(!href.contains("://") && !href.hasPrefix("/"), "\(href)")
                let path = try #require(href.removingPercentEncoding)
                #expect(contents[path] != nil, "\(href) is not in the pack")
            }
        }
        // Each page of the site that documents an item is linked.
        for page in ["readiness.html", "standards.html", "register.html", "policy.html", "requirements.html", "functions.html", "metrics.html",
                     "reviews/index.html", "changes.html", "owners.html"] {
            #expect(hrefs.contains("site/" + page), "\(page)")
        }
        for register in PackFixture.registerNames { #expect(hrefs.contains(register), "\(register)") }
    }

    @Test func theStyleIsAllowedByItsHashAndNothingElseIsLoaded() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        let style = try #require(html.range(of: "<style>").flatMap { start in
            html.range(of: "</style>").map { String(html[start.upperBound..<$0.lowerBound]) }
        })
        let hash = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        #expect(html.contains("content=\"default-src 'none'; style-src 'sha256-\(hash)';"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func valuesFromTheContentAreEscaped() throws {
        var files = ExampleTree.base
        files["evident.yml"] = (files["evident.yml"] ?? "")
            .replacingOccurrences(of: "organization: Example Services", with: "organization: \"<script>alert('x')</script> & Co\"")
        let fixture = try PackFixture(files: files) { tree in
            try tree.write("evidence/<img src=x onerror=alert(1)>.txt", Data("x".utf8))
        }
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;.txt"))
        #expect(fixture.pack.folderName == "evident-pack-script-alert-x-script-co-2026-11-29")
    }

    /// An id with a backtick in it is one code span of the message, and the spans after it stay
    /// where they were: the message fences it with a longer run (CommonMark).
    @Test func anIDWithABacktickIsOneCodeSpan() throws {
        var files = ExampleTree.base
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, ["objectives: [OBJ-INC-01]": "objectives: [OBJ-INC-01, OBJ`X-9]"])
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        let row = try #require(html.components(separatedBy: "\n").first { $0.contains("monitored/unknown-objective") && $0.contains("<td>") })
        #expect(row.contains("<code>objectives</code> list names <code>OBJ`X-9</code>, which no objective declares"), "\(row)")
    }

    /// A name stored decomposed (as macOS's HFS+ writes `é`) is left out of the pack, since tar
    /// would extract it composed, and linked under neither form; SARIF's URIs keep a path's bytes.
    @Test func aDecomposedNameIsLeftOutAndNotLinked() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/re\u{301}sume\u{301} 1.pdf", Data("%PDF-1.4\n".utf8))
        }
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(!html.contains("href=\"content/evidence/re%CC%81sume%CC%81%201.pdf\""))
        #expect(!html.contains("r%C3%A9sum%C3%A9"))
        #expect(html.contains("Files left out"))
        #expect(FindingsReport.uri("evidence/re\u{301}sume\u{301} 1.pdf") == "evidence/re%CC%81sume%CC%81%201.pdf")
        #expect(FindingsReport.uri("evidence/r\u{E9}sum\u{E9}#?.pdf") == "evidence/r%C3%A9sum%C3%A9%23%3F.pdf")
    }

    /// The guide says of each register what it holds: `traceability.csv` traces objectives to policy
    /// statements and requirement clauses (its `kind` column), not to functions and levels, which
    /// `register.csv` gives; so the levels item names the register as its evidence, not the matrix.
    @Test func eachRegisterIsDescribedByWhatItHolds() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let html = try Self.guide(fixture).0
        let matrix = Registers.traceabilityCSV(fixture.result)
        #expect(matrix.hasPrefix("\u{FEFF}objective,status,kind,reference,text,source,file\r\n") && !matrix.contains(",function,") && !matrix.contains(",level,"))
        #expect(Self.section(html, "contents").contains("<dt><code>traceability.csv</code></dt><dd>each objective to the policy statements and requirement clauses it references, or the note that stands in for references</dd>"))
        let levels = Self.section(html, "iso20000-1-levels")
        #expect(!levels.contains("traceability.csv") && levels.contains("<a href=\"register.csv\">Register of objectives, with each one&#39;s function, level and owner (CSV)</a>"), "\(levels)")
    }

    /// "Files left out" says why a pack leaves files out in words true of each kind: a leftover such
    /// as `Thumbs.db` and a name Windows cannot extract are regular files inside the content folder,
    /// which is not why they are left out.
    @Test func filesLeftOutAreIntroducedByWhatIsTrueOfEach() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/Thumbs.db", Data("cache".utf8))
            try tree.write("evidence/a:b.txt", Data("colon".utf8))
        }
        defer { fixture.remove() }
        let part = Self.section(try Self.guide(fixture).0, "excluded")
        #expect(part.contains("<li><code>content/evidence/Thumbs.db</code>: ") && part.contains("<li><code>content/evidence/a:b.txt</code>: "), "\(part)")
        #expect(!part.contains("because a pack holds only regular files from inside the content folder"), "\(part)")
        #expect(part.contains("<p>These files are in the content folder but were not packed; each says why. "), "\(part)")
    }

    /// A file evident does not read is not packed: its finding names a path the pack does not
    /// hold, so "Files left out" lists it with why, once, beside those left out for their names.
    /// A file the pack holds, or one no finding names, is not listed.
    @Test func aFileEvidentDoesNotReadIsListedAsLeftOut() throws {
        let fixture = try PackFixture(published: true) { tree in
            try tree.write("objectives/notes.txt", Data("notes".utf8))
            try tree.write("evidence/Thumbs.db", Data("cache".utf8))
        }
        defer { fixture.remove() }
        let (html, contents) = try Self.guide(fixture)
        #expect(contents["content/objectives/notes.txt"] == nil)
        #expect(html.contains("<code>content/objectives/notes.txt:1:1</code>"), "the finding names it")
        let part = Self.section(html, "excluded")
        #expect(part.contains("<li><code>content/objectives/notes.txt</code>: evident does not read it, so it is not evidence (see its finding, syntax/ignored-file)</li>"), "\(part)")
        #expect(part.components(separatedBy: "content/evidence/Thumbs.db").count == 2, "listed once: \(part)")
        #expect(!part.contains("objectives/OBJ-INC-01.md"))
    }

    /// The finding on a decomposed name left out of the pack links nothing: a link under its name
    /// would point at no file, since the pack holds only the composed one (which Swift's `==` takes
    /// for the same name).
    @Test func aTwinLeftOutIsNotLinked() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/caf\u{E9}.txt", Data("composed".utf8))
            try tree.write("evidence/cafe\u{301}.txt", Data("decomposed".utf8))
        }
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(html.contains("href=\"content/evidence/caf%C3%A9.txt\""))
        #expect(!html.contains("href=\"content/evidence/cafe%CC%81.txt\""))
        // Shown, as code, under its own bytes (a `String` search would take either form).
        #expect(Data(Self.section(html, "syntax").utf8).range(of: Data("evidence/cafe\u{301}.txt:1:1</code></td>".utf8)) != nil)
    }

    /// A file that is read and checked but left out of the pack for its name is not said to be
    /// missing from the checks: the guide and `readiness.md` say a file may be either.
    @Test func aFileLeftOutIsNotCalledUnread() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/minutes\\2026.pdf", Data("%PDF-1.4\n".utf8))
        }
        defer { fixture.remove() }
        let (html, contents) = try Self.guide(fixture)
        let syntax = Self.section(html, "syntax")
        #expect(syntax.contains("evidence/minutes\\2026.pdf"))
        #expect(syntax.contains("could not be read as written, or the pack leaves them out; each finding says which."), "\(syntax)")
        let readiness = String(decoding: contents["readiness.md"] ?? Data(), as: UTF8.self)
        #expect(readiness.contains("could not be read as written, or the pack leaves them out; each finding says which."))
    }

    @Test func aSignedPackNamesItsKeyAndHowToCheckIt() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let key = try PackSigningKey(pem: PackKeyTests.opensslKey)
        let (signed, _) = try Self.guide(fixture, key: key)
        #expect(signed.contains("<dt>Signed</dt><dd>yes, Ed25519, public key \(key.verifyingKey.fingerprint)</dd>"))
        #expect(signed.contains("openssl pkeyutl -verify -pubin -inkey ../evident-public.pem -rawin -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig"))
        #expect(signed.contains("<code>evident verify \(fixture.pack.zipName) --key evident-public.pem</code>"))
        let (unsigned, _) = try Self.guide(fixture)
        #expect(unsigned.contains("<dt>Signed</dt><dd>no</dd>"))
        #expect(unsigned.contains("sha256sum -c MANIFEST.sha256"))
    }

    /// A rule turned off or changed in evident.yml is named where the auditor starts reading: a rule
    /// that is off finds nothing, and a syntax rule belongs to no item's list of rules.
    @Test func rulesChangedInEvidentYmlAreNamed() throws {
        let plain = try PackFixture()
        defer { plain.remove() }
        let (unchanged, _) = try Self.guide(plain)
        #expect(unchanged.contains("<dt>Rules changed in evident.yml</dt><dd>none: every rule at its default severity</dd>"))

        var files = ExampleTree.base
        // One set to its own default: only what differs is named.
        files["evident.yml"] = (files["evident.yml"] ?? "") + "rules:\n  syntax/yaml: off\n  communicated/missing: info\n  policy/trace: error\n"
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(html.contains("<dt>Rules changed in evident.yml</dt><dd><code>syntax/yaml</code> off (by default error), <code>communicated/missing</code> info (by default warning)</dd>"),
                "\(html.components(separatedBy: "Rules changed").dropFirst().first?.prefix(300) ?? "")")
        let readiness = Registers.readinessMarkdown(fixture.result)
        #expect(readiness.contains("- Rules changed in evident.yml: `syntax/yaml` off (by default error), `communicated/missing` info (by default warning)\n"))
        #expect(Registers.readinessMarkdown(plain.result).contains("- Rules changed in evident.yml: none\n"))
        // Where the item lists its rules, too: the auditor reading one standard's section sees it.
        #expect(readiness.contains("`communicated/missing` (info in evident.yml, by default warning)"))
        #expect(!Registers.readinessMarkdown(plain.result).contains("in evident.yml, by default"))
        // And beside the status in each standard's table of items, as `check --standard` prints it:
        // the pass of a rule turned off is not read as one of a rule that ran.
        #expect(readiness.contains("| 6.2.1 e | Communicated | **pass** (set in evident.yml: communicated/missing info) | 0 | 0 | 0 |"))
        #expect(html.contains("<td><span class=\"badge pass\">pass</span><span class=\"cell-note\">set in evident.yml: communicated/missing info</span></td>"),
                "\(html.components(separatedBy: "Communicated</a>").dropFirst().first?.prefix(300) ?? "")")
        #expect(!unchanged.contains("set in evident.yml:"))
        #expect(!Registers.readinessMarkdown(plain.result).contains("set in evident.yml:"))
    }

    /// A setting moved from its default is named beside the rules it bounds: a grace of a year lets
    /// a year pass without a value or a review, and the pass says nothing of it otherwise.
    @Test func settingsChangedInEvidentYmlAreNamed() throws {
        let plain = try PackFixture()
        defer { plain.remove() }
        let (unchanged, _) = try Self.guide(plain)
        #expect(unchanged.contains("<dt>Settings changed in evident.yml</dt><dd>none: every setting at its default</dd>"))
        #expect(!unchanged.contains("bounding these rules"))
        #expect(Registers.readinessMarkdown(plain.result).contains("- Settings changed in evident.yml: none\n"))

        var files = ExampleTree.base
        // One set to its own default: only what differs is named.
        files["evident.yml"] = (files["evident.yml"] ?? "") + "settings:\n  review_grace_days: 366\n  stale_after_days: 365\n"
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let (html, _) = try Self.guide(fixture)
        #expect(html.contains("<dt>Settings changed in evident.yml</dt><dd><code>review_grace_days</code> 366 (by default 7)</dd>"))
        #expect(html.contains("<p>Set in evident.yml, bounding these rules: <code>review_grace_days</code> 366 (by default 7).</p>"))
        let readiness = Registers.readinessMarkdown(fixture.result)
        #expect(readiness.contains("- Settings changed in evident.yml: `review_grace_days` 366 (by default 7)\n"))
        #expect(readiness.contains("Set in evident.yml, bounding these rules: `review_grace_days` 366 (by default 7)\n"))
    }

    /// A page shows what its template writes (a badge could read "On target" whatever the result),
    /// and the pack holds the pages, not the templates: the guide names the theme's files that are
    /// not the built-in theme's, with their SHA-256, or says the theme is the built-in one.
    @Test func theThemeOfTheSiteIsNamed() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let (unchanged, _) = try Self.guide(fixture)
        #expect(unchanged.contains("<dt>Theme of the site</dt><dd>the built-in theme of evident \(Evident.version), unchanged</dd>"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        let badge = Data("<span>On target</span>".utf8)
        try badge.write(to: folder.appendingPathComponent("partials/badge.mustache"))
        // A file copied as it is changes nothing, and is not named.
        try Data(try #require(EmbeddedTheme.files["partials/link.mustache"]).utf8).write(to: folder.appendingPathComponent("partials/link.mustache"))
        let theme = try Theme.load(overridesFrom: folder.path)
        #expect(Array(theme.changedFiles.keys) == ["partials/badge.mustache"])

        var pack = fixture.pack
        pack.themeChanges = theme.changedFiles.mapValues(PackManifest.hex)
        let html = String(decoding: try pack.contents(signingKey: nil)["README.html"] ?? Data(), as: UTF8.self)
        #expect(html.contains("<dt>Theme of the site</dt><dd>the built-in theme with 1 file of the organisation's: "
            + "<code>templates/partials/badge.mustache</code> (SHA-256 <code>\(PackManifest.hex(badge))</code>). "
            + "The site's pages were rendered with them, and the pack does not hold them: ask for them to see what the pages show.</dd>"), "\(html)")
    }
}
