import Foundation
import Testing
@testable import EvidentSupport
@testable import EvidentModel
@testable import EvidentLoad
@testable import EvidentCheck
@testable import EvidentSite
import EvidentFuzzTargets

/// Pages rendered by the theme's own walk of its templates (`CompiledTemplates`) must be, byte for
/// byte, what swift-mustache writes for the same template and values.
@Suite struct CompiledTemplatesTests {
    /// The theme as it is, and the same theme rendering every page through swift-mustache alone.
    private func themes(_ files: [String: Data]? = nil) throws -> (compiled: Theme, plain: Theme) {
        let files = files ?? Theme.embeddedFiles()
        var plain = try Theme(files: files, origins: [:])
        plain.rendersCompiled = false
        return (try Theme(files: files, origins: [:]), plain)
    }

    @Test func theExampleSiteIsTheSameCompiledAndThroughMustache() throws {
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let (compiled, plain) = try themes()
        for name in Theme.pageTemplates { #expect(compiled.compiled.renderable.contains(name), "\(name)") }
        let fast = try SiteBuilder.build(result: result, theme: compiled)
        let slow = try SiteBuilder.build(result: result, theme: plain)
        #expect(fast.keys.sorted() == slow.keys.sorted())
        for (path, data) in slow { #expect(fast[path] == data, "\(path) differs") }
        // Every page's values are ones the walk accepts: none went to Mustache on the way.
        let site = try SiteIndex(result: result, theme: compiled)
        var jobs: [SiteBuilder.PageJob] = [.dashboard, .register, .policy, .requirements, .functions, .metrics, .reviews,
                                           .changes, .readiness, .owners]
        jobs += site.content.objectives.indices.map { .objective($0) } + site.content.reviews.indices.map { .review($0) }
        for job in jobs {
            let page = SiteBuilder.context(of: job, site)
            #expect((try? compiled.compiled.render(page.template, page.context)) != nil, "\(page.path)")
        }
    }

    /// Values that would confuse a careless renderer: markup, tags, line ends, bidi controls, NUL,
    /// empty texts, numbers and booleans, through every kind of tag.
    @Test func hostileValuesComeOutAsMustacheWritesThem() throws {
        var files = Theme.embeddedFiles()
        files["pages/objective.mustache"] = Data("""
            {{<layout}}{{$main}}<h1 title="{{title}}">{{{title}}}</h1>
            {{#items}}<li>{{name}}|{{{name}}}|{{&name}}|{{count}}|{{flag}}|{{.flag}}|{{title}}</li>
            {{/items}}{{^items}}none{{/items}}{{#note}}<p>{{.}}</p>{{/note}}{{#rows}}[{{name}}]{{/rows}}{{^rows}}no rows{{/rows}}
              {{> partials/p}}
            {{/main}}{{/layout}}
            """.utf8)
        files["partials/p.mustache"] = Data("a\n{{title}}\r\n{{#items}}{{name}}\n{{/items}}b\n".utf8)
        let (compiled, plain) = try themes(files)
        #expect(compiled.compiled.renderable.contains("pages/objective"))
        let values = ["", "plain", "<script>alert(1)</script>", "\u{E000}&0\u{E001}", "a & b", "line\n", "\r\n", "\r",
                      "\"quoted\" 'single'", "e\u{301}", "<\u{338}", "{{title}}", "}}}", "\u{202E}evil\u{202C}", "nul\u{0}byte",
                      "\u{1}evident-splice-x-0\u{1}"]
        for (i, value) in values.enumerated() {
            let context: View = [
                "title": View(value), "pageTitle": View(value), "root": "", "section": "s",
                "site": ["title": "S", "organization": View(value), "version": "1"],
                "nav": [["href": View(value), "label": View(value), "current": View(i % 2 == 0)]],
                "items": [["name": View(value), "count": View(i), "flag": true], ["name": View(value), "count": View(-i), "flag": false],
                          ["name": .html(HTML(TextBuffer(value))), "count": 0]],
                "note": View.text(value),
                "rows": .rows(Rows(count: 3) { ["name": View("\(value)\($0)")] }),
            ]
            let expected = try plain.mustache("pages/objective", context)
            #expect(try compiled.compiled.render("pages/objective", context).text == expected, "\(value.debugDescription)")
        }
    }

    /// What the walk does not accept goes to Mustache: the page is still Mustache's. Transforms
    /// and dynamic partials it walks, as Mustache renders them; a dynamic partial naming a
    /// template it does not accept, and transforms it does not do, go to Mustache at render time.
    @Test func whatTheWalkDoesNotAcceptIsRenderedByMustache() throws {
        var files = Theme.embeddedFiles()
        files["partials/t.mustache"] = Data("{{#items}}{{count(items)}}{{/items}}|{{#reversed(items)}}{{plusone(.)}}{{/reversed(items)}}".utf8)
        files["partials/d.mustache"] = Data("[{{>*dynamic}}]".utf8)
        files["partials/c.mustache"] = Data("{{% CONTENT_TYPE: TEXT }}\n{{a}}".utf8)
        files["partials/u.mustache"] = Data("{{> partials/t}}".utf8)
        files["partials/s.mustache"] = Data("{{#sorted(a)}}{{key}}{{/sorted(a)}}{{#items}}{{#first()}}f{{/first()}}{{/items}}".utf8)
        files["partials/ok.mustache"] = Data("{{a}}".utf8)
        let (compiled, plain) = try themes(files)
        #expect(!compiled.compiled.renderable.contains("partials/c"))
        for name in ["partials/t", "partials/d", "partials/u", "partials/s", "partials/ok"] {
            #expect(compiled.compiled.renderable.contains(name), "\(name)")
        }
        let contexts: [View] = [["a": "<x>", "items": [1, 2], "dynamic": "partials/t"], ["a": ["k": "v"], "dynamic": "partials/c"],
                                ["a": [1, 2], "dynamic": "partials/ok"], ["a": .rows(Rows(count: 2) { View($0) }), "items": false]]
        for context in contexts {
            for name in ["partials/t", "partials/c", "partials/u", "partials/d", "partials/s", "partials/ok"] {
                #expect(try compiled.render(name, context).text == (try plain.mustache(name, context)), "\(name)")
            }
        }
        // A dynamic partial naming a template the walk does not accept; a transform it does not do.
        #expect((try? compiled.compiled.render("partials/d", ["dynamic": "partials/c", "a": "x"])) == nil)
        #expect((try? compiled.compiled.render("partials/d", ["dynamic": "partials/ok", "a": "x"]))?.text == "[x]")
        #expect((try? compiled.compiled.render("partials/s", ["a": ["k": "v"], "items": [1]])) == nil)
        #expect((try? compiled.compiled.render("partials/s", ["a": "x", "items": []])) != nil)
        // An object or a list written as text is refused by the walk.
        #expect((try? compiled.compiled.render("partials/ok", ["a": ["k": "v"]])) == nil)
        #expect((try? compiled.compiled.render("partials/ok", ["a": [1]])) == nil)
        #expect((try? compiled.compiled.render("partials/ok", ["a": "x"])) != nil)
    }

    /// Random templates and contexts (`TemplateDifferential`, which the `templates` fuzz target
    /// runs on its inputs). `FUZZ_SEED` and `FUZZ_TOTAL` run more by hand.
    @Test func randomTemplatesAndContextsRenderAsMustacheDoes() throws {
        let environment = ProcessInfo.processInfo.environment
        var random = SplitMix64(seed: environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261129)
        let total = environment["FUZZ_TOTAL"].flatMap { Int($0) } ?? 200
        var outcomes: [TemplateDifferential.Outcome] = []
        for _ in 0..<total {
            let page = TemplateDifferential.template(depth: 0, &random)
            let parent = TemplateDifferential.template(depth: 2, &random)
            // A parent that is itself a page of another parent: the outer page's blocks win.
            let templates = [
                TemplateDifferential.page: page,
                TemplateDifferential.partial: TemplateDifferential.template(depth: 2, &random),
                "r": "{{$b}}" + TemplateDifferential.template(depth: 2, &random) + "{{/b}}",
                TemplateDifferential.parent: random.next() % 2 == 0 ? "{{$b}}\(parent){{/b}}" : "{{<r}}{{$b}}\(parent){{/b}}{{/r}}",
            ]
            guard let theme = TemplateDifferential.theme(templates) else { continue }
            for _ in 0..<8 {
                let outcome = TemplateDifferential.compare(theme, TemplateDifferential.context(depth: 0, &random))
                if case let .differs(expected, actual) = outcome {
                    Issue.record("differs:\n\(page)\n--- expected\n\(expected.debugDescription)\n--- actual\n\(actual.debugDescription)")
                    return
                }
                outcomes.append(outcome)
            }
        }
        // Some random templates do not parse (a block outside a parent…): most do.
        let compared = outcomes.count, walked = outcomes.filter { $0 == .agreed }.count
        #expect(compared > total * 3)
        // Most pages are the walk's: only values written whole (an object, a list) go to Mustache.
        #expect(walked > compared / 2, "\(walked) of \(compared) pages walked")
    }
}

extension SplitMix64: TemplateDifferential.Choices {}
