import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// A name a template reads that no value has (a misspelling in an override) is reported with the
/// template's file, line and column and the closest name the page gives there, and changes
/// nothing in the site: the page is what Mustache makes of the template.
@Suite struct TemplateWarningTests {
    /// The built-in theme with `overrides` (path under `templates/` → text) laid over it, as read
    /// from `my-theme/`.
    private func theme(_ overrides: [String: String]) throws -> Theme {
        var files = Theme.embeddedFiles()
        var origins: [String: String] = [:]
        for (path, text) in overrides {
            files[path] = Data(text.utf8)
            origins[path] = "my-theme/\(path)"
        }
        return try Theme(files: files, origins: origins)
    }

    /// The example tree's site with `overrides`, its warnings, and whether its every file is what
    /// swift-mustache alone writes with the same theme.
    private func build(_ overrides: [String: String]) throws -> (site: [String: Data], warnings: [Theme.Warning]) {
        let compiled = try theme(overrides)
        var plain = try theme(overrides)
        plain.rendersCompiled = false
        let content = try TemporaryTree(ExampleTree.base)
        defer { content.remove() }
        let result = try content.check()
        let site = try SiteBuilder.build(result: result, theme: compiled)
        let expected = try SiteBuilder.build(result: result, theme: plain)
        #expect(site.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected { #expect(site[path] == data, "\(path) differs from Mustache's") }
        #expect(plain.warnings().isEmpty)
        return (site, compiled.warnings())
    }

    /// Line and column (in characters, from 1) of the first `needle` in `text`.
    private func place(of needle: String, in text: String) throws -> (line: Int, column: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if let range = line.range(of: needle) { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
        }
        throw CocoaError(.formatting)
    }

    @Test func aMisspeltVariableInARegisterRowIsNamedWithTheNameMeant() throws {
        let row = try #require(EmbeddedTheme.files["partials/register-row.mustache"])
        let typo = row.replacingOccurrences(of: "{{title}}", with: "{{titel}}")
        #expect(typo != row)
        let (site, warnings) = try build(["partials/register-row.mustache": typo])
        let at = try place(of: "{{titel}}", in: typo)
        #expect(warnings.map(\.description) == [
            "my-theme/partials/register-row.mustache:\(at.line):\(at.column): `{{titel}}` writes nothing: no value here is named `titel`; did you mean `title`?",
        ])
        // The column is empty, as Mustache leaves it.
        let register = String(decoding: try #require(site["register.html"]), as: UTF8.self)
        #expect(register.contains("<td class=\"title-cell\" dir=\"auto\"></td>"))
    }

    @Test func aMisspeltSectionAndInvertedSectionSayWhatTheyDo() throws {
        let page = try #require(EmbeddedTheme.files["pages/objective.mustache"])
        let typo = page.replacingOccurrences(of: "{{#ownerLink}}", with: "{{#ownerLnik}}")
            .replacingOccurrences(of: "{{/ownerLink}}{{^ownerLink}}", with: "{{/ownerLnik}}{{^ownerLnk}}")
            .replacingOccurrences(of: "<span class=\"missing\">Not set</span>{{/ownerLink}}", with: "<span class=\"missing\">Not set</span>{{/ownerLnk}}")
        #expect(typo.contains("{{^ownerLnk}}") && typo.contains("{{/ownerLnk}}") && typo.contains("{{#ownerLnik}}"))
        let (site, warnings) = try build(["pages/objective.mustache": typo])
        let section = try place(of: "{{#ownerLnik}}", in: typo), inverted = try place(of: "{{^ownerLnk}}", in: typo)
        #expect(warnings.map(\.description) == [
            "my-theme/pages/objective.mustache:\(section.line):\(section.column): `{{#ownerLnik}}` never shows its section: no value here is named `ownerLnik`; did you mean `ownerLink`?",
            "my-theme/pages/objective.mustache:\(inverted.line):\(inverted.column): `{{^ownerLnk}}` always shows its section: no value here is named `ownerLnk`; did you mean `ownerLink`?",
        ])
        let objective = try #require(site.first { $0.key.hasPrefix("objectives/") }?.value)
        #expect(String(decoding: objective, as: UTF8.self).contains("<dt>Owner</dt><dd><span class=\"missing\">Not set</span></dd>"))
    }

    /// A partial is named as itself, whichever page included it, once.
    @Test func aMisspeltNameInAPartialIsNamedInThePartial() throws {
        let (_, warnings) = try build(["partials/badge.mustache": "<span class=\"badge badge-{{kind}}\">{{lable}}</span>"])
        #expect(warnings.map(\.description) == [
            "my-theme/partials/badge.mustache:1:36: `{{lable}}` writes nothing: no value here is named `lable`; did you mean `label`?",
        ])
    }

    @Test func aMisspeltPartOfADottedNameNamesTheObjectItIsLookedForIn() throws {
        let page = try #require(EmbeddedTheme.files["pages/objective.mustache"])
        let typo = page.replacingOccurrences(of: "{{#metric.definition}}", with: "{{metric.nmae}}{{#metric.definition}}")
        #expect(typo != page)
        let (_, warnings) = try build(["pages/objective.mustache": typo])
        let at = try place(of: "{{metric.nmae}}", in: typo)
        #expect(warnings.map(\.description) == [
            "my-theme/pages/objective.mustache:\(at.line):\(at.column): `{{metric.nmae}}` writes nothing: `metric` has no `nmae`; did you mean `metric.name`?",
        ])
    }

    /// The same name twice, found by one tag and not by the other: the one that missed is named.
    /// A triple mustache is found in the text too, and a name far from any gets no guess.
    @Test func theTagThatMissedIsNamedNotAnEarlierOneAlike() throws {
        let footer = "<footer>{{#site}}{{organization}}{{/site}}\n  {{organization}} {{{zzzzqqqq}}}</footer>\n"
        let (_, warnings) = try build(["partials/footer.mustache": footer])
        #expect(warnings.map(\.description) == [
            "my-theme/partials/footer.mustache:2:3: `{{organization}}` writes nothing: no value here is named `organization` "
                + "(templates/README.md lists the names each template receives).",
            "my-theme/partials/footer.mustache:2:20: `{{{zzzzqqqq}}}` writes nothing: no value here is named `zzzzqqqq` "
                + "(templates/README.md lists the names each template receives).",
        ])
    }

    /// A name through a value the page gives as `false` (nothing there), or through a text, is
    /// not unknown; `{{.}}` and names the page gives are not either.
    @Test func aNameThroughAnEmptyValueIsNoWarning() throws {
        let theme = try theme(["pages/probe.mustache": "{{metric.name}}{{#items}}{{.}}{{.label}}{{label}}{{/items}}{{^metric.unit}}-{{/metric.unit}}{{title}}"])
        let context: View = ["metric": false, "items": ["a", "b"], "title": "T", "label": "L"]
        #expect(try theme.render("pages/probe", context).text == "aLbL-T")
        #expect(theme.warnings().isEmpty)
        let context2: View = ["metric": ["name": "N"], "items": [], "title": "T", "label": "L"]
        #expect(try theme.render("pages/probe", context2).text == "N-T")
        #expect(theme.warnings().map(\.message) == ["`{{^metric.unit}}` always shows its section: `metric` has no `unit` "
            + "(templates/README.md lists the names each template receives)."])
    }

    /// `serve` renders a page when it is asked for: each warning is handed out once per theme.
    @Test func newWarningsAreHandedOutOnce() throws {
        let theme = try theme(["pages/probe.mustache": "{{titel}}|{{#items}}{{nmae}}{{/items}}"])
        #expect(theme.newWarnings().isEmpty)
        _ = try theme.render("pages/probe", ["title": "T", "items": []])
        #expect(theme.newWarnings().map(\.message) == ["`{{titel}}` writes nothing: no value here is named `titel`; did you mean `title`?"])
        _ = try theme.render("pages/probe", ["title": "T", "items": []])
        #expect(theme.newWarnings().isEmpty)
        _ = try theme.render("pages/probe", ["title": "T", "items": [["name": "a"]]])
        #expect(theme.newWarnings().map(\.message) == ["`{{nmae}}` writes nothing: no value here is named `nmae`; did you mean `name`?"])
        #expect(theme.warnings().count == 2)
    }

    /// The built-in theme reads no name its pages do not give: on the example content, on a
    /// generated tree (`scripts/bench/gen_corpus.py`, CLI tests), here on the example tree.
    @Test func theBuiltInThemeReadsOnlyNamesItsPagesGive() throws {
        let (_, warnings) = try build([:])
        #expect(warnings.isEmpty, "\(warnings)")
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let theme = try Theme.embedded()
        _ = try SiteBuilder.build(result: result, theme: theme)
        #expect(theme.warnings().isEmpty, "\(theme.warnings())")
    }

    /// `pages/probe` of the built-in theme with `overrides`, rendered with `context`: its text,
    /// which must be what Mustache alone writes, and the warnings.
    private func probe(_ overrides: [String: String], _ context: View) throws -> (text: String, warnings: [String]) {
        let compiled = try theme(overrides)
        var plain = try theme(overrides)
        plain.rendersCompiled = false
        let text = try compiled.render("pages/probe", context).text
        #expect(text == (try plain.mustache("pages/probe", context)))
        return (text, compiled.warnings().map(\.description))
    }

    /// A dynamic partial whose value names no template writes nothing, as in Mustache, and says
    /// so at its tag with the template meant; one whose name no value has is an unknown name.
    @Test func aDynamicPartialNamingNoTemplateIsNamedWithTheTemplateMeant() throws {
        let page = "<p>\n  {{>*kind}}</p>{{>*knid}}\n"
        let mine = "partials/mine.mustache"
        let found = try probe(["pages/probe.mustache": page, mine: "({{title}})"], ["kind": "partials/mine", "title": "T"])
        #expect(found.text == "<p>\n  (T)</p>\n")
        #expect(found.warnings == [
            "my-theme/pages/probe.mustache:2:17: `{{>*knid}}` writes nothing: no value here is named `knid`; did you mean `kind`?",
        ])
        let missing = try probe(["pages/probe.mustache": page, mine: "({{title}})"], ["kind": "partials/mien", "knid": false])
        #expect(missing.text == "<p>\n  </p>\n")
        #expect(missing.warnings == [
            "my-theme/pages/probe.mustache:2:3: `{{>*kind}}` writes nothing: `kind` is `partials/mien` here, and there is no "
                + "partials/mien.mustache in the theme; did you mean `partials/mine`?",
        ])
        // A template's file name for its path: the path is meant.
        #expect(try probe(["pages/probe.mustache": page, mine: "({{title}})"], ["kind": "mine", "knid": false]).warnings == [
            "my-theme/pages/probe.mustache:2:3: `{{>*kind}}` writes nothing: `kind` is `mine` here, and there is no "
                + "mine.mustache in the theme; did you mean `partials/mine`?",
        ])
        // A value that is no text (`false`: nothing to show) names no template: no warning.
        #expect(try probe(["pages/probe.mustache": page], ["kind": false, "knid": ["a": "b"]]).warnings.isEmpty)
        // A dynamic parent too; a name far from any template's gets no guess.
        let parent = ["pages/probe.mustache": "{{<*kind}}{{$b}}x{{/b}}{{/*kind}}", "quote.mustache": "[{{$b}}{{/b}}]"]
        #expect(try probe(parent, ["kind": "quote"]) == ("[x]", []))
        #expect(try probe(parent, ["kind": "qoute"]).warnings == [
            "my-theme/pages/probe.mustache:1:1: `{{<*kind}}` writes nothing: `kind` is `qoute` here, and there is no qoute.mustache "
                + "in the theme; did you mean `quote`?",
        ])
        #expect(try probe(parent, ["kind": "zzzzzzzzzz"]).warnings == [
            "my-theme/pages/probe.mustache:1:1: `{{<*kind}}` writes nothing: `kind` is `zzzzzzzzzz` here, and there is no "
                + "zzzzzzzzzz.mustache in the theme (a dynamic partial names a template by its path under templates/ without .mustache).",
        ])
    }

    /// A dynamic partial that names its own template stops at the nesting limit, naming the
    /// page, where Mustache alone would never end.
    @Test func aDynamicPartialThatIncludesItselfStops() throws {
        let theme = try theme(["pages/probe.mustache": "x{{>*kind}}"])
        do {
            _ = try theme.render("pages/probe", ["kind": "pages/probe"])
            Issue.record("a template including itself rendered")
        } catch let failure as Theme.Failure {
            #expect(failure.file == "my-theme/pages/probe.mustache")
            #expect(failure.message.contains("nests partials and blocks more than 64 deep (… → `*kind` → `*kind`"), "\(failure.message)")
        }
        #expect(try theme.render("pages/probe", ["kind": false]).text == "x")
    }

    /// A template with a transform is checked as any other: the name it transforms, the names
    /// in its section, and the transform itself, which is named with the value's transforms.
    @Test func aTransformsNameAndTheTransformAreChecked() throws {
        let page = "{{count(items)}}|{{#reversed(items)}}{{name}}{{/reversed(items)}}|{{^empty(items)}}some{{/empty(items)}}|{{count(flag)}}\n"
        let context: View = ["items": [["name": "a"], ["name": "b"]], "flag": false, "title": "T"]
        #expect(try probe(["pages/probe.mustache": page], context) == ("2|ba|some|\n", []))
        let typos = "{{count(itmes)}}|{{#reversed(items)}}{{nmae}}{{/reversed(items)}}\n{{cuont(items)}}{{uppercased(title)}}{{upercased(title)}}\n"
        let found = try probe(["pages/probe.mustache": typos], context)
        #expect(found.text == "|\nT\n")
        #expect(found.warnings == [
            "my-theme/pages/probe.mustache:1:1: `{{count(itmes)}}` writes nothing: no value here is named `itmes`; did you mean `items`?",
            "my-theme/pages/probe.mustache:1:38: `{{nmae}}` writes nothing: no value here is named `nmae`; did you mean `name`?",
            "my-theme/pages/probe.mustache:2:1: `{{cuont(items)}}` writes nothing: `items` is a list here, and `cuont` is none of its "
                + "transforms (`count`, `empty`, `first`, `last`, `reversed`); did you mean `count`?",
            "my-theme/pages/probe.mustache:2:38: `{{upercased(title)}}` writes nothing: `title` is a text here, and `upercased` is none of "
                + "its transforms (`capitalized`, `empty`, `lowercased`, `reversed`, `uppercased`); did you mean `uppercased`?",
        ])
    }

    /// Tags alike in two blocks of a parent are placed where they are written, whatever the
    /// blocks' names, and a block written twice (Mustache keeps the last) is counted too.
    @Test func aTagInAParentsBlockIsPlacedInItsOwnBlock() throws {
        let parent = ["q.mustache": "{{$z}}{{/z}}{{$a}}{{/a}}"]
        let page = "{{<q}}\n{{$z}}{{name}}{{/z}}\n{{$a}}{{#items}}{{name}}{{/items}}{{/a}}\n{{/q}}\n"
        let context: View = ["items": [["name": "x"]]]
        #expect(try probe(parent.merging(["pages/probe.mustache": page]) { $1 }, context).warnings == [
            "my-theme/pages/probe.mustache:2:7: `{{name}}` writes nothing: no value here is named `name`.",
        ].map { $0.replacingOccurrences(of: "`name`.", with: "`name` (templates/README.md lists the names each template receives).") })
        #expect(try probe(parent.merging(["pages/probe.mustache": page]) { $1 }, ["items": [["name": "x"]], "name": "n"]) == ("nx", []))
        let twice = "{{<q}}\n{{$a}}{{name}}{{/a}}\n{{$a}}-{{name}}{{/a}}\n{{/q}}\n"
        #expect(try probe(parent.merging(["pages/probe.mustache": twice]) { $1 }, ["title": "T"]).warnings == [
            "my-theme/pages/probe.mustache:3:8: `{{name}}` writes nothing: no value here is named `name` "
                + "(templates/README.md lists the names each template receives).",
        ])
    }

    /// A value the page gives as `false` (nothing there) written as `{{x}}` writes the word
    /// `false`, as Mustache does; it is said at its tag with the section that shows it only when
    /// set. A `true` or a text written so is not.
    @Test func aFalseWrittenAsTextIsNamedWithTheSectionMeant() throws {
        let page = "<dd>{{approvedOn}}</dd>\n<dd>{{#approvedOn}}{{.}}{{/approvedOn}}{{qualitative}}{{title}}</dd>\n"
        let set = try probe(["pages/probe.mustache": page], ["approvedOn": "2026-01-15", "qualitative": true, "title": "T"])
        #expect(set == ("<dd>2026-01-15</dd>\n<dd>2026-01-15trueT</dd>\n", []))
        let missing = try probe(["pages/probe.mustache": page], ["approvedOn": false, "qualitative": true, "title": "T"])
        #expect(missing == ("<dd>false</dd>\n<dd>trueT</dd>\n", [
            "my-theme/pages/probe.mustache:1:5: `{{approvedOn}}` writes `false`: the page has no `approvedOn` to show here "
                + "(a value that may be missing is `false`); write `{{#approvedOn}}{{.}}{{/approvedOn}}` to show it only when there is one.",
        ]))
    }

    /// A Markdown body written with `{{…}}` instead of `{{{…}}}` shows its tags as text; it is
    /// said at its tag. Written with `{{{…}}}`, it is what the page means.
    @Test func aBodyWrittenEscapedIsNamedWithTheTripleMustacheMeant() throws {
        let page = try #require(EmbeddedTheme.files["pages/objective.mustache"])
        let escaped = page.replacingOccurrences(of: "<div class=\"prose\" dir=\"auto\">{{{.}}}</div>", with: "<div class=\"prose\" dir=\"auto\">{{.}}</div>")
        #expect(escaped != page)
        let (site, warnings) = try build(["pages/objective.mustache": escaped])
        let at = try place(of: "{{.}}</div>", in: escaped)
        #expect(warnings.map(\.description) == [
            "my-theme/pages/objective.mustache:\(at.line):\(at.column): `{{.}}` writes the HTML of `.` as text, its tags shown on the page; write `{{{.}}}`.",
        ])
        let objective = String(decoding: try #require(site.first { $0.key.hasPrefix("objectives/") }?.value), as: UTF8.self)
        #expect(objective.contains("<div class=\"prose\" dir=\"auto\">&lt;"))
    }

    /// A missing partial already stops the build (`Theme.init`); it now names the partial meant.
    @Test func aMissingPartialNamesThePartialMeant() throws {
        do {
            _ = try theme(["partials/footer.mustache": "<footer>\n  {{> partials/heade}}</footer>\n"])
            Issue.record("a missing partial was accepted")
        } catch let failure as Theme.Failure {
            #expect(failure.description == "my-theme/partials/footer.mustache:2:3: names the template `partials/heade`, but there is no "
                + "partials/heade.mustache in the theme; did you mean `partials/header`?")
        }
    }
}
