import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// Whole builds: the same input gives the same bytes, a failed build leaves the previous site as
/// it was, and findings appear on the pages they are about.
@Suite struct SiteBuildTests {
    @Test func twoBuildsAreByteIdentical() throws {
        let first = try SiteTestSupport.exampleSite()
        let second = try SiteTestSupport.exampleSite()
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path) differs between two builds") }
        // The as-of date is the only date in the site: no generation time.
        let index = String(decoding: try #require(first["index.html"]), as: UTF8.self)
        #expect(index.contains("As of <time datetime=\"2026-11-29\">2026-11-29</time>"))
    }

    @Test func aBrokenTemplateLeavesThePreviousSiteAsItWas() throws {
        let work = try TemporaryTree(["keep.txt": "x"])
        defer { work.remove() }
        let output = work.url.appendingPathComponent("site")
        let content = try TemporaryTree(ExampleTree.base)
        defer { content.remove() }
        let result = try content.check()
        let written = try SiteBuilder.write(result: result, theme: Theme.embedded(), to: output)
        let snapshot = folderSnapshot(output)
        // The site, and beside it the record of what was written.
        #expect(snapshot[SiteManifest.fileName] != nil)
        let site = snapshot.filter { $0.key != SiteManifest.fileName }
        #expect(Set(site.keys) == written.paths)
        #expect(site == (try SiteBuilder.build(result: result, theme: Theme.embedded())))
        let before = snapshot

        // A template that does not parse: the theme is refused before anything is written.
        let broken = try TemporaryTree(["pages/index.mustache": "{{<layout}}{{$main}}{{#levels}}{{/main}}{{/layout}}\n"])
        defer { broken.remove() }
        #expect(throws: Theme.Failure.self) {
            try SiteBuilder.write(result: result, theme: Theme.load(overridesFrom: broken.path), to: output)
        }
        #expect(folderSnapshot(output) == before)

        // A failure while writing (an asset path that would leave the folder): nothing changes either.
        var files = Theme.embeddedFiles()
        files["assets/../../escape.css"] = Data("x".utf8)
        let escaping = try Theme(files: files, origins: [:])
        #expect(throws: AtomicWriter.Failure.self) { try SiteBuilder.write(result: result, theme: escaping, to: output) }
        #expect(folderSnapshot(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    @Test func findingsAreShownOnTheirObjectiveAndInTheReadinessReport() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"\n": ""])
        let site = try SiteTestSupport.site(of: files)
        let objective = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(objective.contains("<code>measurable/tolerance</code>"))
        #expect(objective.contains("<code class=\"location\">objectives/OBJ-INC-01.md:1:1</code>"))
        let readiness = String(decoding: try #require(site["readiness.html"]), as: UTF8.self)
        #expect(readiness.contains("id=\"std-iso20000-1-measurable-findings\""))
        #expect(readiness.contains("<a href=\"#std-iso20000-1-measurable-findings\">1 warning</a>"))
        #expect(readiness.contains("badge-warn"))
        // Each rule beside an item links to its row in the list of rules, which reads its summary
        // with code spans as code (a `title` tooltip reached neither keyboard nor paper).
        #expect(readiness.contains("<a href=\"#rule-levels-sprawl\"><code>levels/sprawl</code></a>"))
        #expect(readiness.contains("<tr id=\"rule-levels-sprawl\"><th scope=\"row\"><code>levels/sprawl</code></th><td>warning</td><td>One owner holding more than <code>max_objectives_per_owner</code> active objectives.</td></tr>"), "\(readiness)")
        #expect(!readiness.contains("title="))
        let index = String(decoding: try #require(site["index.html"]), as: UTF8.self)
        #expect(index.contains("1 warning"))
    }

    /// A client cannot look clean by configuration: the readiness report says what evident.yml and
    /// the content set aside (a rule off, a setting moved, an excluded function, a clause addressed
    /// elsewhere, a note in place of requirements, a draft) beside the pass it qualifies.
    @Test func theReadinessReportSaysWhatWasSetAside() throws {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + """
              - id: fax
                name: Fax gateway
                level: process
                excluded: true
                justification: Decommissioned under the plan of 2026-04-23.
            settings:
              review_grace_days: 30
            rules:
              monitored/no-data: off

            """
        // Two months without a value: only `monitored/no-data` would say so, and it is off.
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": ""])
        files["requirements/msa.md"] = ExampleTree.requirement.replacingOccurrences(
            of: "---\nNotes", with: "  - id: MSA-9.9\n    text: Service credits apply.\n    addressed_elsewhere: Paid by the commercial process.\n---\nNotes")
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-INC-02", "status: active": "status: draft",
            "requirements: [MSA-7.2]": "requirements_note: No contract applies to internal users.",
        ])
        let readiness = String(decoding: try #require(SiteTestSupport.site(of: files)["readiness.html"]), as: UTF8.self)
        #expect(readiness.contains("<a href=\"#set-aside\">Set aside</a>"))
        #expect(readiness.contains("<li><code>monitored/no-data</code> off (by default warning) · <code>evident.yml:"))
        #expect(readiness.contains("<li><code>review_grace_days</code> 30 (by default 7)</li>"))
        #expect(readiness.contains("Fax gateway</a></dt><dd dir=\"auto\">Decommissioned under the plan of 2026-04-23.</dd>"))
        #expect(readiness.contains(">MSA-9.9</a> <span class=\"ref-text\" dir=\"auto\">Service credits apply.</span></dt><dd dir=\"auto\">Paid by the commercial process.</dd>"))
        #expect(readiness.contains(">OBJ-INC-02</a> draft</li>"))
        // A draft's note sets nothing aside: no rule judges the draft.
        #expect(!readiness.contains("No contract applies to internal users."))
        // Beside the rule, on the item it checks, and beside the item the setting bounds.
        #expect(readiness.contains("<a href=\"#rule-monitored-no-data\"><code>monitored/no-data</code></a> <span class=\"rule-setting\">off in evident.yml (by default warning)</span>"))
        // The list of rules at the end says what each finds, and how evident.yml set it.
        #expect(readiness.contains("<tr id=\"rule-monitored-no-data\"><th scope=\"row\"><code>monitored/no-data</code></th><td><span class=\"rule-setting\">off in evident.yml (by default warning)</span></td><td>An active objective with no value for its latest due period, or with no row for due periods between two that have one.</td></tr>"), "\(readiness)")
        #expect(readiness.contains("<span class=\"cell-note\">Set in evident.yml: review_grace_days 30 (by default 7)</span>"))

        // The dashboard marks the items whose pass rests on it, linking to the list.
        let dashboard = String(decoding: try #require(SiteTestSupport.site(of: files)["index.html"]), as: UTF8.self)
        #expect(dashboard.contains("<a class=\"item-changed\" href=\"readiness.html#set-aside\">set in evident.yml</a>"))
        #expect(!String(decoding: try #require(SiteTestSupport.site(of: ExampleTree.base)["index.html"]), as: UTF8.self).contains("item-changed"))
        // So does the Standards page, in the cell of each standard's item, naming what was set.
        let standards = String(decoding: try #require(SiteTestSupport.site(of: files)["standards.html"]), as: UTF8.self)
        #expect(standards.contains("<a class=\"cell-note item-changed\" href=\"readiness.html#set-aside\">set in evident.yml: monitored/no-data off, review_grace_days 30</a></td>"))
        #expect(!String(decoding: try #require(SiteTestSupport.site(of: ExampleTree.base)["standards.html"]), as: UTF8.self).contains("item-changed"))

        // Content that sets nothing aside has no such section.
        let plain = String(decoding: try #require(SiteTestSupport.site(of: ExampleTree.base)["readiness.html"]), as: UTF8.self)
        #expect(!plain.contains("set-aside"))
        #expect(!plain.contains("rule-setting"))
        #expect(!plain.contains("Set in evident.yml"))
    }

    /// Each standard's card on the dashboard links the same items ("Measurable" in every card): a
    /// link's name says whose item it is, for a screen reader's list of links, where no card is.
    @Test func aDashboardItemLinkNamesItsStandard() throws {
        let dashboard = String(decoding: try #require(SiteTestSupport.site(of: ExampleTree.base)["index.html"]), as: UTF8.self)
        let links = dashboard.components(separatedBy: "<li class=\"standard-item ").dropFirst().compactMap {
            $0.components(separatedBy: "<a href=\"").dropFirst().first?.components(separatedBy: "</a>").first
        }
        #expect(!links.isEmpty)
        for link in links {
            #expect(link.hasSuffix("<span class=\"visually-hidden\"> (ISO/IEC 20000-1:2018)</span>"), "\(link)")
        }
    }

    /// Objectives whose ids give the same file name each get a page, told apart in content order.
    /// An objective page shows what the standards ask of it (SPEC §8): the standards it serves,
    /// the risks it takes into account with their text, its customer relevance and consultation,
    /// its evaluation, and its plan; without a plan it says so.
    @Test func anObjectivePageShowsItsStandardsRisksAndPlan() throws {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "standards: [iso20000-1, iso9001, iso45001]\n"
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "status: active\n": """
                status: active
                standards: [iso9001, iso45001]
                risks: [R-1, R-404]
                customer_relevance: Users get <b>service</b> back sooner.
                consultation: reviews/2026-11-10.md

                """,
            "  evaluation: Monthly P90": "  integration: Part of the on-call procedure.\n  evaluation: Monthly P90",
        ])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02", ExampleTree.plan: ""])
        files["objectives/OBJ-INC-03.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-03", ExampleTree.plan: "", "status: active": "status: retired"])
        let site = try SiteTestSupport.site(of: files)
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.contains("<dt>Standards</dt><dd><a href=\"../standards.html\">ISO 9001:2015</a>, <a href=\"../standards.html\">ISO 45001:2018</a> <span class=\"unit\">(named in the objective)</span></dd>"))
        #expect(page.contains("<span class=\"ref\">R-1 <span class=\"ref-text\">A priority-1 incident waits for an engineer outside office hours.</span></span>"))
        #expect(page.contains("<span class=\"ref\">R-404 <span class=\"missing\">not in risks.md</span></span>"))
        #expect(page.contains("<dt>Customer relevance</dt><dd dir=\"auto\">Users get &lt;b&gt;service&lt;/b&gt; back sooner.</dd>"))
        #expect(page.contains("<dt>Consultation</dt><dd dir=\"auto\">reviews/2026-11-10.md</dd>"))
        #expect(page.contains("<h2 id=\"plan-heading\">Plan</h2>"))
        #expect(page.contains("<dt>What</dt><dd dir=\"auto\">Route P1 incidents straight to the resolver group&#39;s on-call rota.</dd>"))
        #expect(page.contains("<dt>Due</dt><dd><time datetime=\"2026-12-31\">2026-12-31</time></dd>"))
        #expect(page.contains("<dt>Integration</dt><dd dir=\"auto\">Part of the on-call procedure.</dd>"))
        let unplanned = String(decoding: try #require(site["objectives/obj-inc-02.html"]), as: UTF8.self)
        #expect(unplanned.contains("<dt>Standards</dt><dd><a href=\"../standards.html\">ISO/IEC 20000-1:2018</a>, <a href=\"../standards.html\">ISO 9001:2015</a>, <a href=\"../standards.html\">ISO 45001:2018</a></dd>"))
        #expect(unplanned.contains("<span class=\"missing\">No plan</span>"))
        #expect(!unplanned.contains("<dt>Risks</dt>") && !unplanned.contains("<dt>Integration</dt>"))
        // A retired objective is asked for no plan: its absence is said, not marked as missing.
        let retired = String(decoding: try #require(site["objectives/obj-inc-03.html"]), as: UTF8.self)
        #expect(retired.contains("<p>No plan (asked of active objectives only).</p>"))
        #expect(!retired.contains("<span class=\"missing\">No plan</span>"))
    }

    /// `requirements_note` and `risks_note` are shown whenever they are written, beside listed
    /// references as well as in place of them (SPEC §6: every field); without them, no such row.
    @Test func anObjectivePageShowsItsNotesBesideItsReferences() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "requirements: [MSA-7.2]\n": """
                requirements: [MSA-7.2]
                requirements_note: The restoration clause of the <i>renewed</i> MSA replaces 7.2 in 2027.
                risks: [R-1]
                risks_note: Weekend cover is assessed separately.

                """,
        ])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: [
            "id: OBJ-INC-01": "id: OBJ-INC-02",
            "requirements: [MSA-7.2]\n": "requirements_note: An internal objective; no contract asks for it.\nrisks_note: No risk of the register bears on it.\n",
        ])
        files["objectives/OBJ-INC-03.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-03"])
        let site = try SiteTestSupport.site(of: files)
        let listed = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(listed.contains("<span class=\"ref\"><a href=\"../requirements.html#"))
        #expect(listed.contains("<dt>Requirements note</dt><dd dir=\"auto\">The restoration clause of the &lt;i&gt;renewed&lt;/i&gt; MSA replaces 7.2 in 2027.</dd>"))
        #expect(listed.contains("<span class=\"ref\">R-1 <span class=\"ref-text\">"))
        #expect(listed.contains("<dt>Risks note</dt><dd dir=\"auto\">Weekend cover is assessed separately.</dd>"))
        #expect(!listed.contains("None apply"))
        let notes = String(decoding: try #require(site["objectives/obj-inc-02.html"]), as: UTF8.self)
        #expect(notes.contains("<dt>Requirements</dt>\n      <dd><span class=\"ref-text\">None apply</span></dd>"))
        #expect(notes.contains("<dt>Requirements note</dt><dd dir=\"auto\">An internal objective; no contract asks for it.</dd>"))
        #expect(notes.contains("<dt>Risks</dt><dd><span class=\"ref-text\">None apply</span></dd>"))
        #expect(notes.contains("<dt>Risks note</dt><dd dir=\"auto\">No risk of the register bears on it.</dd>"))
        let plain = String(decoding: try #require(site["objectives/obj-inc-03.html"]), as: UTF8.self)
        #expect(!plain.contains("Requirements note") && !plain.contains("Risks note") && !plain.contains("<dt>Risks</dt>"))
        #expect(plain.contains("<dt>Requirements</dt>"))
    }

    /// An objective page shows the latest 520 periods in its chart and values table, and says how
    /// many older ones there are and which file holds them; at 520 periods it shows them all.
    @Test func aLongSeriesShowsTheLatestPeriodsAndCountsTheRest() throws {
        func page(months: Int) throws -> String {
            var files = ExampleTree.base
            // Monthly values back from 2026-10, the oldest first.
            let rows = (0..<months).reversed().map { back -> String in
                let month = 2026 * 12 + 9 - back
                return "\(month / 12)-\(String(format: "%02d", month % 12 + 1)),3.5,,"
            }
            files["measurements/OBJ-INC-01.csv"] = "period,value,note,evidence\n" + rows.joined(separator: "\n") + "\n"
            let site = try SiteTestSupport.site(of: files)
            return String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        }
        func tableRows(_ html: String) -> Int {
            guard let start = html.range(of: "<table class=\"values\">"),
                  let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return -1 }
            return html[start.upperBound..<end.lowerBound].components(separatedBy: "<tr").count - 2
        }
        let all = try page(months: ObjectivePage.shownPeriods)
        #expect(tableRows(all) == 520)
        #expect(!all.contains("older-values") && all.contains("520 values from 1983-07 to 2026-10"))
        let cut = try page(months: ObjectivePage.shownPeriods + 3)
        #expect(tableRows(cut) == 520)
        #expect(cut.contains("520 values from 1983-07 to 2026-10"))
        #expect(cut.contains("<p class=\"older-values\">The chart and the table show the latest 520 periods. The 3 before them, 1983-04 to 1983-06, are in <code>measurements/OBJ-INC-01.csv</code> and in the evidence pack.</p>"))
        #expect(!cut.contains(">1983-06<"))
    }

    /// A value of hundreds of digits may wrap in the register and the values table, instead of
    /// pushing every objective's result out of view; an ordinary value stays on one line. The
    /// judged-against column writes a threshold of more than three decimals in full.
    @Test func aValueOfManyDigitsWrapsAndAThresholdIsWrittenInFull() throws {
        var files = ExampleTree.base
        let huge = "1" + String(repeating: "0", count: 300)
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "2026-09,\(huge),,"])
        let site = try SiteTestSupport.site(of: files)
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.contains("<td class=\"num long\">\(huge) h</td>"))
        #expect(page.contains("<td class=\"num\">3.7 h</td>"))
        let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
        #expect(register.contains("<td class=\"num\" data-value=\"3.7\">3.7 h (2026-10)</td>"))
        let css = String(decoding: try #require(site["assets/style.css"]), as: UTF8.self)
        #expect(css.contains("table td.num.long { white-space: normal; overflow-wrap: anywhere;"))

        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv": "2026-10,\(huge),,"])
        let hugeLatest = String(decoding: try #require(try SiteTestSupport.site(of: files)["register.html"]), as: UTF8.self)
        #expect(hugeLatest.contains("<td class=\"num long\" data-value="))

        var nines = ExampleTree.base
        nines["objectives/OBJ-INC-01.md"] = ExampleTree.edit(ExampleTree.objective, ["target: \"<= 4 h\"": "target: \"<= 3.9995 h\""])
        let ninesPage = String(decoding: try #require(try SiteTestSupport.site(of: nines)["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(ninesPage.contains("<td class=\"judged\">≤ 3.9995 h, tolerance ≤ 6 h</td>"))
    }

    /// An approval dated after the as-of date is marked on the objective page as not given yet;
    /// one dated on or before it is shown as it is.
    @Test func anApprovalAfterTheAsOfDateIsMarkedNotYetGiven() throws {
        func page(approvedOn: String) throws -> String {
            var files = ExampleTree.base
            files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: \(approvedOn)"])
            let site = try SiteTestSupport.site(of: files)
            return String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        }
        let marker = "<span class=\"missing\">after the as-of date: not approved yet</span>"
        #expect(try page(approvedOn: "2026-12-10").contains("<time datetime=\"2026-12-10\">2026-12-10</time> \(marker)"))
        #expect(!(try page(approvedOn: ExampleTree.asOf).contains(marker)))
    }

    /// The policy page says who approved the policy and when, each only where given, and marks a
    /// policy with neither as not approved rather than leaving an empty place between two dots.
    @Test func thePolicyPageSaysWhatItsApprovalRecords() throws {
        func meta(_ edits: KeyValuePairs<String, String>) throws -> String {
            var files = ExampleTree.base
            files["policy.md"] = ExampleTree.edit(ExampleTree.policy, edits)
            let html = String(decoding: try #require(try SiteTestSupport.site(of: files)["policy.html"]), as: UTF8.self)
            let start = try #require(html.range(of: "<p class=\"meta\">"))
            let end = try #require(html.range(of: "</p>", range: start.upperBound..<html.endIndex))
            return String(html[start.upperBound..<end.lowerBound])
        }
        let source = " · <code>policy.md</code>"
        #expect(try meta(["title:": "title:"]) == "Version 1 · approved by Chief Information Officer on <time datetime=\"2026-01-05\">2026-01-05</time>" + source)
        #expect(try meta(["approved_by: Chief Information Officer\n": ""]) == "Version 1 · approved on <time datetime=\"2026-01-05\">2026-01-05</time>" + source)
        #expect(try meta(["approved_on: 2026-01-05\n": ""]) == "Version 1 · approved by Chief Information Officer" + source)
        #expect(try meta(["approved_by: Chief Information Officer\napproved_on: 2026-01-05\n": ""])
            == "Version 1 · <span class=\"missing\">Not approved</span>" + source)
    }

    /// An objective evaluated instead of measured (27001 alone) shows its evaluation, not a
    /// target, tolerance and result marked missing; the same objective under 20000-1 does.
    @Test func aQualitativeObjectivePageShowsItsEvaluationNotMissingMeasures() throws {
        func page(_ standards: String) throws -> String {
            var files = ExampleTree.base
            files["evident.yml"] = ExampleTree.configuration + "standards: [\(standards)]\n"
            files["objectives/OBJ-INC-01.md"] = ExampleTree.qualitativeObjective
            let site = try SiteTestSupport.site(of: files)
            return String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        }
        let qualitative = try page("iso27001")
        #expect(qualitative.contains("<span class=\"kf-value\">Qualitative, at its reviews</span>"))
        #expect(qualitative.contains("<dt>Measured</dt><dd>No: evaluated as below"))
        #expect(qualitative.contains("<dt>Evaluation</dt><dd dir=\"auto\">The operational review judges each month"))
        #expect(!qualitative.contains("<span class=\"kf-label\">Target</span>") && !qualitative.contains("<dt>Target</dt>"))
        let measured = try page("iso20000-1")
        #expect(!measured.contains("Qualitative, at its reviews"))
        #expect(measured.contains("<dt>Target</dt><dd class=\"threshold\"><span class=\"missing\">Not set</span></dd>"))
    }

    /// An objective evaluated at its reviews and never reviewed shows "Never" as missing only when
    /// its review is late (monitored/review-overdue): a new one whose first review is not due yet
    /// is not flagged on its own page while the check has nothing to say.
    @Test func aNewQualitativeObjectiveIsNotShownAsNeverReviewed() throws {
        func keyFigure(_ edits: KeyValuePairs<String, String>) throws -> String {
            var files = ExampleTree.base
            files["evident.yml"] = ExampleTree.configuration + "standards: [iso27001]\n"
            files["objectives/OBJ-INC-01.md"] = ExampleTree.edit(ExampleTree.qualitativeObjective, edits)
            files = files.filter { !$0.key.hasPrefix("reviews/") }
            let site = try SiteTestSupport.site(of: files)
            let html = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
            let start = try #require(html.range(of: "<span class=\"kf-label\">Last reviewed</span>"))
            return String(html[start.upperBound...].prefix { $0 != "\n" })
        }
        #expect(try keyFigure([:]).contains("<span class=\"missing\">Never</span>"))
        let new = try keyFigure(["effective: 2026-02-01": "effective: 2026-11-01",
                                 "    date: 2026-01-15": "    date: 2026-01-15\n    effective: 2026-11-01"])
        #expect(new.contains("Not yet due") && !new.contains("missing"), "\(new)")
    }

    /// The register, the dashboard, the Standards page and the objective's own page show an
    /// objective evaluated at its reviews as such, not as an objective without data; under
    /// 20000-1 the same objective's values are not judged (it has no target).
    @Test func listsShowAQualitativeObjectiveAsEvaluatedAtReviews() throws {
        func site(_ standards: String) throws -> (register: String, dashboard: String, standards: String, page: String) {
            var files = ExampleTree.base
            files["evident.yml"] = ExampleTree.configuration + "standards: [\(standards)]\n"
            files["objectives/OBJ-INC-01.md"] = ExampleTree.qualitativeObjective
            let site = try SiteTestSupport.site(of: files)
            return (String(decoding: try #require(site["register.html"]), as: UTF8.self),
                    String(decoding: try #require(site["index.html"]), as: UTF8.self),
                    String(decoding: try #require(site["standards.html"]), as: UTF8.self),
                    String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self))
        }
        /// The badge of the objective's row on the Standards page, and of its page's "Result".
        func badges(_ s: (register: String, dashboard: String, standards: String, page: String)) -> (row: String, result: String) {
            let row = s.standards.components(separatedBy: ">OBJ-INC-01</a>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            let result = s.page.components(separatedBy: "<span class=\"kf-label\">Result</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
            return (row, result)
        }
        let evaluated = "<span class=\"badge badge-evaluated\">"
        let qualitative = try site("iso27001")
        #expect(qualitative.register.contains("data-result=\"evaluated\""))
        #expect(qualitative.register.contains(evaluated))
        #expect(qualitative.register.contains("<option value=\"evaluated\">Evaluated</option>"))
        #expect(qualitative.dashboard.contains(evaluated))
        #expect(badges(qualitative).row.contains(evaluated), "\(badges(qualitative).row)")
        // Its page asks no value of it: no "Result" figure, no due period shown as without data, and
        // the values it has, judged against no target, are shown as not judged rather than as no data.
        #expect(badges(qualitative).result.isEmpty && !qualitative.page.contains("<p class=\"due\">"), "\(qualitative.page)")
        #expect(!qualitative.page.contains("badge-no-data"), "\(qualitative.page)")
        #expect(qualitative.page.contains("<td class=\"num\">3.7</td><td><span class=\"cell-note\">Not judged</span>"), "\(qualitative.page)")
        let measured = try site("iso20000-1")
        #expect(!measured.register.contains(evaluated) && !measured.dashboard.contains(evaluated))
        #expect(badges(measured).row.contains("<span class=\"badge badge-not-judged\">"), "\(badges(measured).row)")
        #expect(badges(measured).result.contains("<span class=\"badge badge-not-judged\">"), "\(badges(measured).result)")
        #expect(measured.page.contains("<p class=\"due\">Latest due period: <strong>2026-10</strong>"))
        #expect(!measured.register.contains("<option value=\"evaluated\">"))
        #expect(measured.register.contains("data-result=\"not-judged\""))
    }

    /// Once a period with no value becomes due, the dashboard, the register and the objective's
    /// "Result" say no data, as `monitored/no-data` does from that day, and keep showing the last
    /// value with its period; the day before, October is the latest due period and on target.
    @Test func anObjectiveWithoutAValueForItsDuePeriodCountsAsNoData() throws {
        func site(_ asOf: String) throws -> (dashboard: String, register: String, result: String, latest: String) {
            let site = try SiteTestSupport.site(of: ExampleTree.base, asOf: asOf)
            let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
            func figure(_ label: String) -> String {
                page.components(separatedBy: "<span class=\"kf-label\">\(label)</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
            }
            return (String(decoding: try #require(site["index.html"]), as: UTF8.self),
                    String(decoding: try #require(site["register.html"]), as: UTF8.self),
                    figure("Result"), figure("Latest value"))
        }
        func count(_ kind: String, in dashboard: String) -> String? {
            dashboard.components(separatedBy: "<li class=\"status-count status-count-\(kind)\"><span class=\"status-number\">")
                .dropFirst().first?.components(separatedBy: "<").first
        }
        let before = try site("2026-12-06"), after = try site("2026-12-07")
        #expect(count("on-target", in: before.dashboard) == "1" && count("no-data", in: before.dashboard) == "0")
        #expect(before.register.contains("data-result=\"on-target\"") && before.result.contains("badge-on-target"), "\(before.result)")
        #expect(count("on-target", in: after.dashboard) == "0" && count("no-data", in: after.dashboard) == "1", "\(after.dashboard)")
        #expect(after.register.contains("data-result=\"no-data\"") && !after.register.contains("data-result=\"on-target\""))
        #expect(after.result.contains("badge-no-data"), "\(after.result)")
        #expect(after.latest.contains("3.7 h (2026-10)"), "\(after.latest)")
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        #expect(try tree.check(asOf: "2026-12-07").findings.map(\.rule) == ["monitored/no-data"])
    }

    /// A value that no target judges (the target removed: `measurable/target`) is data all the
    /// same: the register, the dashboard and the objective's "Result" say "Not judged", not
    /// "No data", and the dashboard still lists it for attention before those on target.
    @Test func aValueNoTargetJudgesIsNotJudgedRatherThanNoData() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["target: \"<= 4 h\"\n": ""])
        let site = try SiteTestSupport.site(of: files, asOf: ExampleTree.asOf)
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
        let dashboard = String(decoding: try #require(site["index.html"]), as: UTF8.self)
        let result = page.components(separatedBy: "<span class=\"kf-label\">Result</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
        #expect(result.contains("badge-not-judged") && result.contains("Not judged"), "\(result)")
        #expect(register.contains("data-result=\"not-judged\"") && !register.contains("data-result=\"no-data\""))
        #expect(register.contains("<option value=\"not-judged\">Not judged</option>"), "\(register)")
        #expect(dashboard.contains("<li class=\"status-count status-count-not-judged\"><span class=\"status-number\">1<"), "\(dashboard)")
        // The registers say the same: `latest_status` is not `no-data` beside a value.
        let csv = String(decoding: try #require(site["data/register.csv"]), as: UTF8.self)
        #expect(csv.contains(",2026-10,3.7,not-judged,2026-10,"), "\(csv)")
        let json = String(decoding: try #require(site["data/register.json"]), as: UTF8.self)
        #expect(json.contains("\"status\": \"not-judged\"") || json.contains("\"status\":\"not-judged\""), "\(json)")
    }

    /// The change history shows the thresholds each version set and the day they judge values
    /// from, so a history of many target changes says which applied when; a version that set no
    /// thresholds shows neither.
    @Test func theChangeHistoryShowsEachVersionsThresholdsAndWhenTheyApply() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "---\nRationale.": """
                  - { version: 2, date: 2026-10-20, change: Target tightened., reason: Good year., approved_by: Head of Service Management, target: "<= 3 h", tolerance: "<= 5 h", effective: 2026-10-01 }
                ---
                Rationale.
                """,
            "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"": "target: \"<= 3 h\"\ntolerance: \"<= 5 h\"",
        ])
        let site = try SiteTestSupport.site(of: files)
        let html = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let history = html.components(separatedBy: "<h2 id=\"history-heading\">").dropFirst().first?.components(separatedBy: "</section>").first ?? ""
        #expect(history.contains("<th scope=\"col\">Thresholds set</th><th scope=\"col\">Applies from</th>"), "\(history)")
        let rows = history.components(separatedBy: "<tr>").dropFirst(2).map { $0.components(separatedBy: "</tr>").first ?? "" }
        #expect(rows.count == 2)
        #expect(rows.first?.contains("<th scope=\"row\">2</th>") == true)
        #expect(rows.first?.contains("<td>≤ 3 h, tolerance ≤ 5 h</td>\n        <td><time datetime=\"2026-10-01\">2026-10-01</time></td>") == true, "\(rows)")
        #expect(rows.last?.contains("<th scope=\"row\">1</th>") == true)
        #expect(rows.last?.contains("<td></td>\n        <td></td>") == true, "\(rows)")
    }

    /// The change log gives a version the objective's `effective` only when it can be that version's:
    /// version 2, approved 2026-10-20 without an `effective` of its own, under an objective that
    /// still says `effective: 2026-02-01` (the day it first applied), applies from its own date,
    /// as the objective's page says, not from February.
    @Test func theChangeLogDoesNotDateANewVersionFromTheObjectivesStart() throws {
        func row(_ files: [String: String], version: Int) throws -> String {
            let html = String(decoding: try #require(try SiteTestSupport.site(of: files)["changes.html"]), as: UTF8.self)
            let rows = html.components(separatedBy: "<tr>").dropFirst(2).map { $0.components(separatedBy: "</tr>").first ?? "" }
            return try #require(rows.first { $0.contains("<td class=\"num\">\(version)</td>") })
        }
        let effective = "<td><time datetime=\"2026-02-01\">2026-02-01</time></td>"
        #expect(try row(ExampleTree.base, version: 1).contains(effective))
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15": "approved_on: 2026-10-20",
            "---\nRationale.": """
                  - { version: 2, date: 2026-10-20, change: Plan extended., reason: Review decision., approved_by: Head of Service Management }
                ---
                Rationale.
                """,
        ])
        let second = try row(files, version: 2)
        #expect(!second.contains("2026-02-01") && second.hasSuffix("<td></td>\n    "), "\(second)")
        // Moved with the new version, the objective's `effective` is that version's.
        files["objectives/OBJ-INC-01.md"] = files["objectives/OBJ-INC-01.md"]?.replacingOccurrences(of: "effective: 2026-02-01", with: "effective: 2026-11-01")
        #expect(try row(files, version: 2).contains("<td><time datetime=\"2026-11-01\">2026-11-01</time></td>"))
    }

    /// The target the page and the register show is the objective's own; when it applies only
    /// from a day after the as-of date, they say from when, and the page names the thresholds in
    /// force on the as-of date, which judge its values then (SPEC 4.1). Version 2 (approved
    /// 2026-10-20) tightens the target from 2026-12-01; the objective itself starts 2026-02-01.
    @Test func aTargetThatAppliesLaterSaysFromWhenAndWhatIsInForce() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15\neffective: 2026-02-01": "approved_on: 2026-10-20\neffective: 2026-12-01",
            "    reason: New objective set.\n    approved_by: Head of Service Management": """
                    reason: New objective set.
                    approved_by: Head of Service Management
                    target: "<= 4 h"
                    tolerance: "<= 6 h"
                    effective: 2026-02-01
                  - { version: 2, date: 2026-10-20, change: Target tightened., reason: Good year., approved_by: Head of Service Management, target: "<= 3 h", tolerance: "<= 5 h", effective: 2026-12-01 }
                """,
            "target: \"<= 4 h\"\ntolerance: \"<= 6 h\"": "target: \"<= 3 h\"\ntolerance: \"<= 5 h\"",
        ])
        func pages(_ asOf: String, _ files: [String: String]) throws -> (keyFigures: String, register: String) {
            let site = try SiteTestSupport.site(of: files, asOf: asOf)
            let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
            let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
            let figures = page.components(separatedBy: "<ul class=\"key-figures\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
            let row = register.components(separatedBy: "obj-inc-01.html\">OBJ-INC-01</a>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            return (figures, row)
        }
        let before = try pages("2026-11-20", files)
        #expect(before.keyFigures.contains("&lt;= 3 h</span><span class=\"cell-note\">from <time datetime=\"2026-12-01\">2026-12-01</time></span>"), "\(before.keyFigures)")
        #expect(before.keyFigures.contains("<span class=\"kf-label\">In force on 2026-11-20</span> <span class=\"kf-value threshold\">≤ 4 h, tolerance ≤ 6 h (version 1)</span>"), "\(before.keyFigures)")
        #expect(before.register.contains("<td class=\"num\">&lt;= 3 h<span class=\"cell-note\">from <time datetime=\"2026-12-01\">2026-12-01</time></span></td>"), "\(before.register)")
        // From 2026-12-01 the target shown is the one in force: nothing more is said.
        let after = try pages("2026-12-01", files)
        #expect(!after.keyFigures.contains("from <time") && !after.keyFigures.contains("In force on"), "\(after.keyFigures)")
        #expect(after.register.contains("<td class=\"num\">&lt;= 3 h</td>"), "\(after.register)")
        // An objective that has not started has no thresholds in force: its own apply from its start.
        let new = try pages("2026-01-20", ExampleTree.base)
        #expect(new.keyFigures.contains("&lt;= 4 h</span><span class=\"cell-note\">from <time datetime=\"2026-02-01\">2026-02-01</time></span>"), "\(new.keyFigures)")
        #expect(!new.keyFigures.contains("In force on"), "\(new.keyFigures)")
        #expect(try pages("2026-02-01", ExampleTree.base).register.contains("<td class=\"num\">&lt;= 4 h</td>"))
    }

    /// A retired or draft objective is asked for no value (only active objectives are monitored),
    /// so its page names no due period, which would show as "No data" years after retirement; it
    /// says why instead. As of 2026-12-07 the active one owes November and has no value for it.
    @Test func aRetiredOrDraftObjectiveShowsNoDuePeriod() throws {
        func page(_ status: String) throws -> String {
            var files = ExampleTree.base
            files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["status: active": "status: \(status)"])
            let site = try SiteTestSupport.site(of: files, asOf: "2026-12-07")
            let html = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
            return html.components(separatedBy: "<h2 id=\"trend-heading\">Trend</h2>").dropFirst().first?
                .components(separatedBy: "<figure").first ?? ""
        }
        let active = try page("active"), retired = try page("retired"), draft = try page("draft")
        #expect(active.contains("<p class=\"due\">Latest due period: <strong>2026-11</strong>") && active.contains("badge-no-data"), "\(active)")
        #expect(!retired.contains("Latest due period") && !retired.contains("badge-no-data"), "\(retired)")
        #expect(retired.contains("<p class=\"due\">Retired: not monitored, so no period is due.</p>"), "\(retired)")
        #expect(!draft.contains("Latest due period") && draft.contains("<p class=\"due\">Draft: not monitored, so no period is due.</p>"), "\(draft)")
    }

    /// A retired or draft objective with no value was asked for none: the register and its page
    /// show – Not monitored, never ○ No data, and the register's filter offers that kind; with
    /// values, its result is its latest value's status, as a record.
    @Test func aRetiredOrDraftObjectiveWithNoValueIsNotMonitoredNotNoData() throws {
        func site(_ status: String, values: Bool) throws -> (register: String, result: String) {
            var files = ExampleTree.base
            files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["status: active": "status: \(status)"])
            if !values { files["measurements/OBJ-INC-01.csv"] = nil }
            let site = try SiteTestSupport.site(of: files, asOf: ExampleTree.asOf)
            let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
            return (String(decoding: try #require(site["register.html"]), as: UTF8.self),
                    page.components(separatedBy: "<span class=\"kf-label\">Result</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? "")
        }
        for status in ["retired", "draft"] {
            let none = try site(status, values: false)
            #expect(none.register.contains("data-result=\"not-monitored\"") && !none.register.contains("data-result=\"no-data\""), "\(none.register)")
            #expect(none.register.contains("<option value=\"not-monitored\">Not monitored</option>"), "\(none.register)")
            #expect(none.register.contains("badge-not-monitored") && none.register.contains(">none</td>") && !none.register.contains(">no data</td>"))
            #expect(none.result.contains("badge-not-monitored") && none.result.contains("Not monitored"), "\(none.result)")
            let some = try site(status, values: true)
            #expect(!some.register.contains("not-monitored") && !some.result.contains("not-monitored"), "\(some.result)")
        }
        // An active objective with no value still lacks one.
        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = nil
        let active = String(decoding: try #require(try SiteTestSupport.site(of: files, asOf: ExampleTree.asOf)["register.html"]), as: UTF8.self)
        #expect(active.contains("data-result=\"no-data\"") && !active.contains("not-monitored"))
    }

    /// An active objective with no period due yet (effective 2026-02-01, monthly: February is due
    /// from 2026-03-07) is asked for no value, so it is "Not yet due", not "No data", on the
    /// dashboard, in the register and on its page, and waits with those that need nothing.
    @Test func anObjectiveWithNothingDueYetIsNotYetDueNotNoData() throws {
        func site(_ asOf: String) throws -> (dashboard: String, register: String, page: String) {
            let site = try SiteTestSupport.site(of: ExampleTree.base, asOf: asOf)
            return (String(decoding: try #require(site["index.html"]), as: UTF8.self),
                    String(decoding: try #require(site["register.html"]), as: UTF8.self),
                    String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self))
        }
        func count(_ kind: String, in dashboard: String) -> String? {
            dashboard.components(separatedBy: "<li class=\"status-count status-count-\(kind)\"><span class=\"status-number\">")
                .dropFirst().first?.components(separatedBy: "<").first
        }
        let early = try site("2026-03-06"), due = try site("2026-03-07")
        #expect(count("not-yet-due", in: early.dashboard) == "1" && count("no-data", in: early.dashboard) == "0", "\(early.dashboard)")
        #expect(early.register.contains("data-result=\"not-yet-due\"") && !early.register.contains("data-result=\"no-data\""))
        #expect(early.register.contains("<option value=\"not-yet-due\">Not yet due</option>"), "\(early.register)")
        let result = early.page.components(separatedBy: "<span class=\"kf-label\">Result</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
        #expect(result.contains("badge-not-yet-due") && result.contains("Not yet due"), "\(result)")
        // Its newest value (March's, begun) is shown as not yet due, not as "no data", on its page
        // and in the register; once February is due, February's is the latest value.
        func latest(_ page: String) -> String {
            page.components(separatedBy: "<span class=\"kf-label\">Latest value</span>").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
        }
        #expect(latest(early.page).contains("3.9 h (2026-03, not yet due)") && !latest(early.page).contains("no data"), "\(latest(early.page))")
        #expect(early.register.contains(">3.9 h (2026-03, not yet due)</td>"), "\(early.register)")
        #expect(latest(due.page).contains(" (2026-02)</span>") && !due.register.contains("not yet due)</td>"), "\(latest(due.page))")
        // Once February is due, its value judges the objective, and the kind is no longer listed.
        #expect(count("not-yet-due", in: due.dashboard) == nil && !due.register.contains("not-yet-due"))
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        #expect(!(try tree.check(asOf: "2026-03-06").findings.map(\.rule).contains("monitored/no-data")))
    }

    /// A review that decides on many objectives: each objective's page shows that review's
    /// decisions about it alone, in the order of the minutes, and the minutes list each objective
    /// reviewed once, in the order first named (in `objectives`, then in the decisions).
    @Test func aReviewOfManyObjectivesShowsEachItsOwnDecisions() throws {
        var files = ExampleTree.base
        let others = (2...40).map { String(format: "OBJ-INC-%02d", $0) }
        for id in others {
            files["objectives/\(id).md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \(id)"])
        }
        let decisions = others.map { "  - objective: \($0)\n    decision: no-change\n    note: Kept \($0).\n" }
        files["reviews/2026-11-20.md"] = """
            ---
            date: 2026-11-20
            forum: ops-review
            chair: Head of Service Operations
            objectives: [OBJ-INC-02, OBJ-INC-01, OBJ-INC-02]
            decisions:
            \(decisions[..<20].joined())  - objective: OBJ-INC-01
                decision: update
                note: First of two.
            \(decisions[20...].joined())  - objective: OBJ-INC-01
                decision: escalate
                note: Second of two.
            ---
            Minutes.

            """
        let site = try SiteTestSupport.site(of: files)
        let one = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let first = try #require(one.range(of: "First of two.")), second = try #require(one.range(of: "Second of two."))
        #expect(first.upperBound <= second.lowerBound)
        #expect(one.contains("On target.") && !one.contains("Kept OBJ-INC-"))
        let seven = String(decoding: try #require(site["objectives/obj-inc-07.html"]), as: UTF8.self)
        #expect(seven.contains("Kept OBJ-INC-07.") && !seven.contains("Kept OBJ-INC-08.") && !seven.contains("of two."))
        let minutes = try #require(SiteTestSupport.pages(site).first { $0.html.contains("First of two.") && $0.path.hasPrefix("reviews/") }?.html)
        let reviewed = try #require(minutes.range(of: "<p class=\"ref-list\">")).upperBound
        let list = minutes[reviewed..<(try #require(minutes[reviewed...].range(of: "</p>")).lowerBound)]
        let named = SiteTestSupport.attributes("href", in: String(list)).map { $0.replacingOccurrences(of: "../objectives/", with: "") }
        #expect(named == ["obj-inc-02.html", "obj-inc-01.html"] + (3...40).map { String(format: "obj-inc-%02d.html", $0) })
    }

    /// The objective's page says which of its reviews, history entries and communications are dated
    /// after the as-of date, which count nowhere yet: as of 2026-01-10 the review of 2026-11-10,
    /// version 1 of 2026-01-15 and the communication of 2026-01-20 have not happened.
    @Test func anObjectivePageMarksWhatIsDatedAfterTheAsOfDate() throws {
        func page(_ asOf: String) throws -> String {
            let site = try SiteTestSupport.site(of: ExampleTree.base, asOf: asOf)
            return String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        }
        let early = try page("2026-01-10"), now = try page(ExampleTree.asOf)
        for marker in ["2026-11-10</a> <span class=\"missing\">after the as-of date: not held yet</span>",
                       "<td><time datetime=\"2026-01-15\">2026-01-15</time> <span class=\"missing\">after the as-of date: not approved yet</span></td>",
                       " · <span class=\"missing\">after the as-of date: not made yet</span></h3>"] {
            #expect(early.contains(marker), "\(marker)")
        }
        #expect(!now.contains("after the as-of date"), "\(now)")
    }

    /// Every other page says the same of what is dated after the as-of date as the objective's page:
    /// as of 2026-01-01 the review of 2026-11-10 has not been held (the reviews list, its minutes, and
    /// the action it agreed wherever that is listed), so its open action is no one's yet (the owners
    /// page, as `monitored/action-overdue` reads it); version 1 of 2026-01-15 is not approved (the
    /// change log), nor is the policy approved on 2026-01-05.
    @Test func everyPageMarksWhatIsDatedAfterTheAsOfDate() throws {
        func pages(_ asOf: String) throws -> [String: String] {
            try SiteTestSupport.site(of: ExampleTree.base, asOf: asOf).mapValues { String(decoding: $0, as: UTF8.self) }
        }
        let early = try pages("2026-01-01"), now = try pages(ExampleTree.asOf)
        let held = "<span class=\"missing\">after the as-of date: not held yet</span>"
        let approved = "<span class=\"missing\">after the as-of date: not approved yet</span>"
        let minutes = try #require(early.keys.first { $0.hasPrefix("reviews/") && $0 != "reviews/index.html" })
        let agreed = "2026-11-10</a> \(held)</td>"
        let marked: [(String, String)] = [
            ("reviews/index.html", "2026-11-10</a> \(held)</th>"),
            (minutes, "<time datetime=\"2026-11-10\">2026-11-10</time> \(held)</dd>"),
            (minutes, agreed),
            ("objectives/obj-inc-01.html", agreed),
            ("changes.html", "<time datetime=\"2026-01-15\">2026-01-15</time> \(approved)</th>"),
            ("policy.html", "<time datetime=\"2026-01-05\">2026-01-05</time> \(approved)"),
        ]
        for (page, marker) in marked {
            #expect(early[page]?.contains(marker) == true, "\(page): \(marker)")
        }
        #expect(early["owners.html"]?.contains("0 open actions") == true && early["owners.html"]?.contains("ACT-1") == false)
        // The list counts its meetings, and says how many of them are not held yet.
        #expect(early["reviews/index.html"]?.contains("<caption id=\"reviews-caption\">1 review meeting; after the as-of date, not held yet: 1</caption>") == true)
        #expect(now["reviews/index.html"]?.contains("<caption id=\"reviews-caption\">1 review meeting</caption>") == true)
        #expect(early["changes.html"]?.contains("<caption id=\"changes-caption\">1 change; after the as-of date, not approved yet: 1</caption>") == true)
        #expect(now["changes.html"]?.contains("<caption id=\"changes-caption\">1 change</caption>") == true)
        #expect(now["owners.html"]?.contains("1 open action") == true && now["owners.html"]?.contains("ACT-1") == true)
        for (page, html) in now {
            #expect(!html.contains("<span class=\"missing\">after the as-of date"), "\(page)")
        }
    }

    /// An action marked done on 2026-12-20 (`done_on`) was open before then: as of 2026-11-30 the
    /// pages that list it say so, late (`monitored/action-overdue`), with the day it was done after
    /// the as-of date; as of 2026-12-31 they say done, on that day.
    @Test func anActionDoneLaterIsOpenAsOfAnEarlierDay() throws {
        var files = ExampleTree.base
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, [
            "id: ACT-1": "id: ACT-112", "due: 2026-12-15": "due: 2026-11-15", "status: open": "status: done\n    done_on: 2026-12-20",
        ])
        func pages(_ asOf: String) throws -> [String: String] {
            try SiteTestSupport.site(of: files, asOf: asOf).mapValues { String(decoding: $0, as: UTF8.self) }
        }
        let then = try pages("2026-11-30"), later = try pages("2026-12-31")
        let minutes = try #require(then.keys.first { $0.hasPrefix("reviews/") && $0 != "reviews/index.html" })
        let late = "Open, overdue</span> <span class=\"done-on\">done <time datetime=\"2026-12-20\">2026-12-20</time>, after the as-of date</span></td>"
        let done = "Done</span> <span class=\"done-on\"><time datetime=\"2026-12-20\">2026-12-20</time></span></td>"
        for page in [minutes, "objectives/obj-inc-01.html"] {
            #expect(then[page]?.contains(late) == true, "\(page): \(then[page] ?? "")")
            #expect(later[page]?.contains(done) == true, "\(page): \(later[page] ?? "")")
        }
        #expect(then["reviews/index.html"]?.contains("(1 open, 1 overdue)") == true)
        #expect(later["reviews/index.html"]?.contains("(0 open, 0 overdue)") == true)
        #expect(then["owners.html"]?.contains("1 open action") == true && then["owners.html"]?.contains("ACT-112") == true)
        #expect(later["owners.html"]?.contains("0 open actions") == true && later["owners.html"]?.contains("ACT-112") == false)
    }

    /// A record that leaves out a required field (`syntax/type`) shows the gap where the field
    /// would be, not an empty cell: the action's what, owner and due date on the objective and
    /// review pages, the communication's date, channel and audience on the objective page.
    @Test func anIncompleteRecordShowsWhatItLeavesOut() throws {
        var files = ExampleTree.base
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, [
            "    owner: Incident Process Owner\n    due: 2026-12-15\n": "", "    text: Check the P1 runbook.\n": "",
        ])
        files["communications/2026-01-20.md"] = ExampleTree.edit(ExampleTree.communication, [
            "date: 2026-01-20\nchannel: intranet\naudience: All service desk staff\n": "",
        ])
        let site = try SiteTestSupport.site(of: files)
        let objective = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        let review = try #require(SiteTestSupport.pages(site).first { $0.path.hasPrefix("reviews/") && $0.path != "reviews/index.html" }?.html)
        let row = "<td dir=\"auto\"><span class=\"missing\">Not stated</span></td>"
        let ownerAndDue = "<td><span class=\"missing\">Not set</span></td>\n      <td><span class=\"missing\">Not set</span></td>"
        for page in [objective, review] {
            #expect(page.contains(row) && page.contains(ownerAndDue), "\(page)")
        }
        #expect(objective.contains("<h3><span class=\"missing\">Not dated</span> · <span class=\"missing\">channel not stated</span> · <span class=\"missing\">audience not stated</span></h3>"), "\(objective)")
    }

    @Test func collidingIdsGetDistinctPages() throws {
        var files = ExampleTree.base
        files["objectives/b.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: obj_inc_01", "status: active": "status: draft"])
        files["objectives/c.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ INC 01", "status: active": "status: draft"])
        let site = try SiteTestSupport.site(of: files)
        #expect(site["objectives/obj-inc-01.html"] != nil)
        #expect(site["objectives/obj-inc-01-2.html"] != nil)
        #expect(site["objectives/obj-inc-01-3.html"] != nil)
        let page = String(decoding: try #require(site["objectives/obj-inc-01-2.html"]), as: UTF8.self)
        #expect(page.contains("<span class=\"objective-id\">obj_inc_01</span>"))
    }

    /// Two meetings of one forum on one day (an extra session) have pages, titles and links told
    /// apart by their files; a meeting alone on its day is named by its date only.
    @Test func twoReviewsOfOneForumOnOneDayAreToldApart() throws {
        var files = ExampleTree.base
        files["reviews/2026-11-10-extra.md"] = ExampleTree.edit(ExampleTree.review, ["id: ACT-1": "id: ACT-2"])
        files["reviews/2026-11-20.md"] = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-20", "id: ACT-1": "id: ACT-3"])
        let site = try SiteTestSupport.site(of: files)
        let page = { (path: String) in String(decoding: site[path] ?? Data(), as: UTF8.self) }
        #expect(page("reviews/2026-11-10.html").contains("<h1>Operational review of 2026-11-10 (reviews/2026-11-10.md)</h1>"), "\(page("reviews/2026-11-10.html"))")
        #expect(page("reviews/2026-11-10-extra.html").contains("<h1>Operational review of 2026-11-10 (reviews/2026-11-10-extra.md)</h1>"))
        #expect(page("reviews/2026-11-20.html").contains("<h1>Operational review of 2026-11-20</h1>"))
        let index = page("reviews/index.html")
        #expect(index.contains(">2026-11-10 (reviews/2026-11-10-extra.md)</a>") && index.contains(">2026-11-10 (reviews/2026-11-10.md)</a>"), "\(index)")
        let objective = page("objectives/obj-inc-01.html")
        #expect(objective.contains(">2026-11-10 (reviews/2026-11-10-extra.md)</a>") && objective.contains(">2026-11-20</a>"), "\(objective)")
    }

    /// The trend chart sits in a box of its own that the keyboard can scroll (`.chart-scroll`, which
    /// keeps the chart wide enough to read on a phone), named apart from the page's tables.
    @Test func theTrendChartScrollsInANamedBoxOfItsOwn() throws {
        let site = try SiteTestSupport.site(of: ExampleTree.base)
        let page = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(page.contains("<div class=\"chart-scroll\" role=\"region\" aria-label=\"Trend chart\" tabindex=\"0\">\n  <figure class=\"chart\"><svg"))
        let css = String(decoding: try #require(site["assets/style.css"]), as: UTF8.self)
        #expect(css.contains(".chart-scroll > .chart { min-width: 36rem;"))
    }

    /// Every page counts in words, singular for one: the dashboard's levels and totals, the
    /// register, the change log, the owners and the standards' objectives.
    @Test func pagesCountInWords() throws {
        let oneSite = try SiteTestSupport.site(of: ExampleTree.base)
        let one = { (page: String) in String(decoding: oneSite[page] ?? Data(), as: UTF8.self) }
        #expect(one("index.html").contains("<span class=\"heading-note\">1 active objective · 1 function</span>"))
        #expect(one("index.html").contains("· 1 active objective of 1 (0 draft, 0 retired)</p>"))
        #expect(one("register.html").contains(">1 objective</p>") && one("register.html").contains("<caption id=\"register-caption\">1 objective, "))
        #expect(one("changes.html").contains("<caption id=\"changes-caption\">1 change</caption>"))
        #expect(one("owners.html").contains("1 active objective of 1 · 1 open action</span>"))
        #expect(one("standards.html").contains("<caption id=\"objectives-caption\">1 objective (rows) against"))
        var files = ExampleTree.base
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])
        let twoSite = try SiteTestSupport.site(of: files)
        let two = { (page: String) in String(decoding: twoSite[page] ?? Data(), as: UTF8.self) }
        #expect(two("index.html").contains("<span class=\"heading-note\">2 active objectives · 1 function</span>"))
        #expect(two("index.html").contains("· 2 active objectives of 2 (0 draft, 0 retired)</p>"))
        #expect(two("register.html").contains("<caption id=\"register-caption\">2 objectives, "))
        #expect(two("changes.html").contains("<caption id=\"changes-caption\">2 changes</caption>"))
        #expect(two("owners.html").contains("2 active objectives of 2 · 1 open action</span>"))
        #expect(two("standards.html").contains("<caption id=\"objectives-caption\">2 objectives (rows) against"))
    }

    @Test func anEmptyContentFolderStillGivesAWholeSite() throws {
        let site = try SiteTestSupport.site(of: ["evident.yml": "organization: Empty\n"])
        for page in Theme.pageTemplates where page != "pages/objective" && page != "pages/review" {
            let path = page == "pages/reviews" ? "reviews/index.html" : page.replacingOccurrences(of: "pages/", with: "") + ".html"
            #expect(site[path] != nil, "\(path)")
        }
    }

}

@Suite struct SitePartsTests {
    @Test func slugsAreSafeAndUnique() {
        #expect(Slug.make("OBJ-INC-01") == "obj-inc-01")
        #expect(Slug.make("MSA 7.2") == "msa-7-2")
        #expect(Slug.make("Qualité / Délai") == "qualite-delai")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("<>\"'") == "item")
        var allocator = Slug.Allocator(reserved: ["index"])
        #expect(["index", "A", "a", "a-2", "a"].map { allocator.allocate($0) } == ["index-2", "a", "a-2", "a-2-2", "a-3"])
    }

    /// A page named after a Windows device (`aux.html`, `com1.html`) would not extract from the
    /// pack on Windows: file slugs pass it by, fragment ids and longer names keep theirs.
    @Test func fileSlugsAreNeverWindowsDeviceNames() {
        var files = Slug.Allocator(reserved: ["index"], fileNames: true)
        #expect(["AUX", "nul", "Com1", "LPT9", "con", "auxiliary", "OBJ-AUX-01", "com10", "lpt", "coma", "aux-2"].map { files.allocate($0) }
                    == ["aux-2", "nul-2", "com1-2", "lpt9-2", "con-2", "auxiliary", "obj-aux-01", "com10", "lpt", "coma", "aux-2-2"])
        var fragments = Slug.Allocator()
        #expect(["AUX", "con"].map { fragments.allocate($0) } == ["aux", "con"])
    }

    @Test func objectiveAndReviewPagesAreNotNamedAfterWindowsDevices() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: AUX"])
        files["objectives/OBJ-INC-02.md"] = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-AUX-02"])
        let site = try SiteTestSupport.site(of: files)
        #expect(site["objectives/aux.html"] == nil)
        #expect(site["objectives/aux-2.html"] != nil)
        #expect(site["objectives/obj-aux-02.html"] != nil)
        #expect(String(decoding: site["register.html"] ?? Data(), as: UTF8.self).contains("href=\"objectives/aux-2.html\""))
    }

    @Test func asciiSlugsAreMadeAsTheFoldingWayMakesThem() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09-_ ./<>\"'Az" + String(repeating: "x", count: 4))
        var texts = ["", "-", "--a--", "A-", String(repeating: "ab-", count: 40), String(repeating: "a", count: 79) + "-b",
                     String(repeating: "a", count: 80) + "-b", String(repeating: "-", count: 90) + "a"]
        for _ in 0..<2_000 {
            texts.append(String((0..<Int.random(in: 0...100, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" }))
        }
        for text in texts {
            #expect(Slug.ascii(text, fallback: "item") == Slug.folding(text, fallback: "item"), "\(text)")
        }
    }

    @Test func markdownLinksToContentFilesLeadToTheirPages() {
        let pages = ["policy.md": "policy.html", "objectives/a/OBJ-1.md": "objectives/obj-1.html",
                     "requirements/msa.md": "requirements.html#source-msa"]
        func link(_ href: String) -> String? {
            BodyLinks.target(ofLink: href, from: "objectives/b/OBJ-2.md", root: "../", pages: pages)
        }
        #expect(link("../../policy.md") == "../policy.html")
        #expect(link("../a/OBJ-1.md#notes") == "../objectives/obj-1.html")
        #expect(link("../../requirements/msa.md") == "../requirements.html#source-msa")
        #expect(link("../../evidence/x.csv") == nil)
        #expect(link("../../../outside.md") == nil)
        #expect(link("#section") == nil)
        #expect(link("/etc/passwd") == nil)
        #expect(link("file:///etc/passwd") == nil)
        #expect(link("https://intranet.example/wiki") == "https://intranet.example/wiki")
        #expect(link("HTTPS://Intranet.example") == "HTTPS://Intranet.example")
        #expect(link("MailTo:owner@example.org") == "MailTo:owner@example.org")
        #expect(link("http:") == nil && link("mailto") == nil && link("javascript:alert(1)") == nil && link("JaVaScRiPt:x") == nil)
        #expect(link("ftp.example:x") == nil, "a scheme of letters, digits, +, - and .")
        #expect(link("./.././/../policy.md") == "../policy.html")
        #expect(link("../a/./OBJ-1.md?x=1") == "../objectives/obj-1.html")
        #expect(link("../../objectives/a/../a/OBJ-1.md") == "../objectives/obj-1.html")
        #expect(link("../..") == nil && link("..") == nil)
        #expect(BodyLinks.resolve("x.md", from: "policy.md") == "x.md")
        #expect(BodyLinks.resolve("../x.md", from: "a/b.md") == "x.md")
        #expect(BodyLinks.resolve("..", from: "a/b.md") == nil)
        #expect(BodyLinks.resolve("é/ü.md", from: "a//b.md") == "a/é/ü.md")
        let html = BodyLinks.rewrite(#"<p><a href="../../policy.md">p</a> <img src="x.png" alt="chart" /> <img src="data:image/png;base64,AA" alt="i" /></p>"#,
                                     from: "objectives/b/OBJ-2.md", root: "../", pages: pages)
        #expect(html == #"<p><a href="../policy.html">p</a> <span class="image-omitted">[image: chart]</span> <img src="data:image/png;base64,AA" alt="i" /></p>"#)
    }

    /// cmark-gfm writes an apostrophe in a link's URL as `&#x27;`; the link keeps the URL as
    /// written (`it's`), not `it&#x27;s`, which a browser reads as `it&` and a fragment.
    @Test func aLinkWithAnApostropheKeepsItsURL() {
        let body = "[x](https://a.example/it's) https://b.example/it's <https://c.example/it's?a=1&b=2>\n"
        let html = BodyLinks.rewrite(MarkdownRenderer(allowRawHTML: false).html(body), from: "objectives/OBJ-1.md", root: "../", pages: [:])
        #expect(html.contains(#"<a href="https://a.example/it&#39;s">x</a>"#), "\(html)")
        #expect(html.contains(#"<a href="https://b.example/it&#39;s">"#), "\(html)")
        #expect(html.contains(#"<a href="https://c.example/it&#39;s?a=1&amp;b=2">"#), "\(html)")
    }

    /// Raw HTML (`allow_raw_html`) of many tags never closed: each is an ordinary byte, and the
    /// page is made in time linear in the body. Searched to the end once per tag, these 400,000
    /// would take minutes (the size is what tells: there is no clock here).
    @Test func unclosedTagsInRawHTMLStayOrdinaryBytes() {
        let unclosed = String(repeating: "<img ", count: 400_000) + " href=\"x"
        #expect(BodyLinks.rewrite(unclosed, from: "objectives/OBJ-1.md", root: "../", pages: [:]) == unclosed)
        let closedAfter = "<p><img src=\"a.png\" alt=\"a\"> <img x <a href=\"../policy.md\">p</a> href=\"y</p>"
        #expect(BodyLinks.rewrite(closedAfter, from: "objectives/OBJ-1.md", root: "../", pages: ["policy.md": "policy.html"])
            == "<p><span class=\"image-omitted\">[image: a]</span> <span class=\"image-omitted\">[image]</span>p</a> href=\"y</p>")
    }

    @Test func taskListItemsBecomeLabelledMarks() {
        let html = MarkdownRenderer(allowRawHTML: false).html("- [x] shipped\n- [ ] to do\n")
        let labelled = TaskItems.label(html)
        #expect(!labelled.contains("<input"), "\(labelled)")
        #expect(labelled.contains("<span class=\"visually-hidden\">Done:</span> shipped"))
        #expect(labelled.contains("<span class=\"visually-hidden\">To do:</span> to do"))
    }

    @Test func bodyHeadingsNestUnderTheirSection() {
        #expect(BodyHeadings.nest("<h1>A</h1><h2>B</h2>", under: 2) == "<h3>A</h3><h4>B</h4>")
        #expect(BodyHeadings.nest("<h3>A</h3><h4>B</h4>", under: 1) == "<h2>A</h2><h3>B</h3>")
        #expect(BodyHeadings.nest("<h2>A</h2>", under: 1) == "<h2>A</h2>")
        #expect(BodyHeadings.nest("<p>none</p>", under: 3) == "<p>none</p>")
    }

    /// `evident init` writes this tree; it must pass `check` with no finding on any day.
    @Test(arguments: ["2026-11-29", "2027-01-03", "2028-02-29", "2026-12-31", "2030-07-01"])
    func starterContentPassesCheck(day: String) throws {
        let today = try #require(Day(iso: day))
        let tree = try TemporaryTree(StarterContent.files(today: today))
        defer { tree.remove() }
        let result = try tree.check(asOf: day)
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.location): \($0.message) [\($0.rule)]" })")
    }

    /// `evident init --standard …`: for each standard alone and all six together, evident.yml
    /// names them and the objective says what their clause 6.2 asks, so the tree passes `check`.
    @Test(arguments: Standard.all.map { [$0] } + [Standard.all])
    func starterContentServesTheStandardsAsked(standards: [Standard]) throws {
        let day = "2026-12-04"
        let files = StarterContent.files(today: try #require(Day(iso: day)), standards: standards)
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check(asOf: day)
        #expect(result.model.standards == standards)
        #expect(result.findings.isEmpty, "\(result.findings.map { "\($0.location): \($0.message) [\($0.rule)]" })")
        // The `standards` line is written for the default too, with the other ids to add beside it.
        let others = Standard.all.filter { !standards.contains($0) }.map(\.id).joined(separator: ", ")
        let line = "\nstandards: [\(standards.map(\.id).joined(separator: ", "))]" + (others.isEmpty ? "" : "   # also: \(others)") + "\n"
        #expect(files["evident.yml"]?.hasSuffix(line) == true, "\(files["evident.yml"] ?? "")")
        // Titled for what it serves: an environmental system's site is not "Service management objectives".
        let subject = standards == [.iso14001] ? "Environmental" : standards == [.iso27001] ? "Information security"
            : standards.contains(.iso20000_1) ? "Service management" : standards.count == 1 ? nil : "Management system"
        if let subject {
            #expect(files["evident.yml"]?.contains("\ntitle: \(subject) objectives\n") == true, "\(files["evident.yml"] ?? "")")
            #expect(files["policy.md"]?.contains("\ntitle: \(subject) policy\n") == true)
        }
        #expect(StarterContent.subject(of: [.iso14001, .iso45001]) == "Management system")
        #expect(StarterContent.subject(of: [.iso45001]) == "Occupational health and safety")
    }

    /// A system that does not serve ISO/IEC 20000-1 gets an example every management system has,
    /// not an IT service provider's incident objective.
    @Test(arguments: Standard.all.filter { $0 != .iso20000_1 }.map { [$0] } + [[.iso27001, .iso22301], [.iso20000_1, .iso27001]])
    func starterExampleFitsTheStandardsServed(standards: [Standard]) throws {
        let files = StarterContent.files(today: try #require(Day(iso: "2026-12-04")), standards: standards)
        let itService = ["incident", "P1", "ITSM", "service desk", "SMS", "Master services agreement"]
        let text = files.values.joined(separator: "\n")
        if standards.contains(.iso20000_1) {
            #expect(files["objectives/OBJ-INC-01.md"] != nil)
        } else {
            #expect(files["objectives/OBJ-CA-01.md"] != nil && files["measurements/OBJ-CA-01.csv"] != nil)
            #expect(files.keys.allSatisfy { !$0.contains("INC") }, "\(files.keys.sorted())")
            for words in itService { #expect(!text.localizedCaseInsensitiveContains(words), "\(words)") }
            #expect(files["evident.yml"]?.contains("- { id: management, name: Top management }") == true)
        }
    }

    @Test func starterStandardsAreReadInTheirOrderAndUnknownOnesRefused() throws {
        #expect(try StarterProject.standards([]) == Standard.defaults)
        #expect(try StarterProject.standards(["iso27001", "iso20000-1"]) == [.iso20000_1, .iso27001])
        #expect(throws: StarterProject.Failure.self) { try StarterProject.standards(["iso2700"]) }
    }

    @Test func starterContentAsOfTheExampleDateIsTheExampleTree() throws {
        var files = StarterContent.files(today: try #require(Day(iso: ExampleTree.asOf)))
        // Less the `standards` line too, which names the default the example tree leaves unsaid.
        let others = Standard.all.map(\.id).filter { $0 != "iso20000-1" }
        let standards = "standards: [iso20000-1]   # also: \(others.joined(separator: ", "))\n"
        #expect(files["evident.yml"]?.hasSuffix("\n" + standards) == true)
        files["evident.yml"] = files["evident.yml"]?.replacing(standards, with: "")
        // Less the thresholds version 1's entry records: the starter records them from the first
        // version; the examples leave them out, so that each example of a change writes its own.
        let thresholds = "    approved_by: Head of Service Management\n    target: \"<= 4 h\"\n    tolerance: \"<= 6 h\"\n"
        #expect(files["objectives/OBJ-INC-01.md"]?.contains(thresholds) == true)
        files["objectives/OBJ-INC-01.md"] = files["objectives/OBJ-INC-01.md"]?
            .replacing(thresholds, with: "    approved_by: Head of Service Management\n", maxReplacements: 1)
        // Less the comment that says how to write the action done.
        let done = "   # once done: status: done, and done_on: YYYY-MM-DD\n"
        #expect(files["reviews/2026-11-10.md"]?.contains("    status: open" + done) == true)
        files["reviews/2026-11-10.md"] = files["reviews/2026-11-10.md"]?.replacing(done, with: "\n", maxReplacements: 1)
        for (path, text) in ExampleTree.base where !path.hasPrefix("measurements/") {
            // Less the line that names the file's schema (ContentSchemaTests).
            let written = StarterContent.modeline(for: path).map { line in
                files[path]?.replacing(line + "\n", with: "", maxReplacements: 1)
            } ?? files[path]
            #expect(written == text, "\(path)")
        }
    }
}

@Suite struct HTMLTextTests {
    @Test func messagesAreEscapedAndTheirCodeSpansSet() {
        #expect(HTMLText.message("Set `target` to `>= 99 %`.") == "Set <code>target</code> to <code>&gt;= 99 %</code>.")
        #expect(HTMLText.message("A `<script>` and an odd ` tick") == "A <code>&lt;script&gt;</code> and an odd ` tick")
        #expect(HTMLText.message("no code <b>") == "no code &lt;b&gt;")
        #expect(HTMLText.escape("\"'&") == "&quot;&#39;&amp;")
    }

    /// A direction control left open in a value would reorder what follows it in the cell; the
    /// value is isolated as `<bdi>` would isolate it, and text without one is left alone.
    @Test func textWithADirectionControlIsIsolated() {
        let (fsi, pdi) = ("\u{2068}", "\u{2069}")
        #expect(HTMLText.escape("\u{202E}gnp.exe & co") == "\(fsi)\u{202E}gnp.exe &amp; co\(pdi)")
        #expect(HTMLText.escape("a \u{2067}b") == "\(fsi)a \u{2067}b\(pdi)\(pdi)", "its own isolate is closed first")
        #expect(HTMLText.escape("a\u{2069}\u{202E}b") == "\(fsi)a\u{202E}b\(pdi)", "a stray closer cannot close the wrapper")
        #expect(HTMLText.escape("\u{2066}x\u{2069}y") == "\(fsi)\u{2066}x\u{2069}y\(pdi)")
        // Only the controls themselves: their neighbours in the code charts stay as they are.
        for scalar in 0x2000...0x20FF {
            let s = String(Character(Unicode.Scalar(UInt32(scalar)) ?? " "))
            let control = (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar)
            #expect(BidiText.holdsExplicitControl("a" + s) == control, "U+\(codePointHex(UInt32(scalar)))")
        }
        for plain in ["≥ 99.9 %", "Owner – Ops", "\u{200F}שלום", "plain", "\u{202F}%", "\u{2029}"] {
            #expect(HTMLText.escape(plain) == plain, "\(plain)")
        }
        var buffer = TextBuffer()
        HTMLText.escape("<\u{202B}x", into: &buffer)
        #expect(buffer.text == "\(fsi)&lt;\u{202B}x\(pdi)")
        var markup = TextBuffer()
        HTMLText.escape(TextBuffer("\u{202D}<b>"), into: &markup)
        #expect(markup.text == "\(fsi)\u{202D}&lt;b&gt;\(pdi)")
    }
}
