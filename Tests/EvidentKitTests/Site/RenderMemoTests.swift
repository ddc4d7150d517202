import Foundation
import Testing
@testable import EvidentSite
@testable import EvidentSupport

/// Pages rendered from a skeleton per shape of context (`RenderMemo`) must be, byte for byte, what
/// Mustache writes for each page on its own.
@Suite struct RenderMemoTests {
    /// The theme as it is, and the same theme rendering every page through Mustache.
    private func themes(_ files: [String: Data]? = nil) throws -> (memo: Theme, plain: Theme) {
        let files = files ?? Theme.embeddedFiles()
        var plain = try Theme(files: files, origins: [:])
        plain.memoizable = []
        return (try Theme(files: files, origins: [:]), plain)
    }

    @Test func theExampleSiteIsTheSameWithAndWithoutSkeletons() throws {
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let (memo, plain) = try themes()
        #expect(memo.memoizable.contains("pages/objective") && memo.memoizable.contains("pages/review"))
        let fast = try SiteBuilder.build(result: result, theme: memo)
        let slow = try SiteBuilder.build(result: result, theme: plain)
        #expect(fast.keys.sorted() == slow.keys.sorted())
        for (path, data) in slow { #expect(fast[path] == data, "\(path) differs") }
        let counts = memo.skeletonCounts
        #expect(counts.misses > 0 && counts.hits > 0, "\(counts)")
        #expect(plain.skeletonCounts.hits == 0 && plain.skeletonCounts.misses == 0)
    }

    /// Values that would confuse a careless skeleton: markup, the marker characters themselves, line
    /// ends, empty texts, numbers, on pages whose shape repeats.
    @Test func hostileValuesComeOutAsMustacheWritesThem() throws {
        var files = Theme.embeddedFiles()
        files["pages/objective.mustache"] = Data("""
            {{<layout}}{{$main}}<h1 title="{{title}}">{{{title}}}</h1>
            {{#items}}<li>{{name}}|{{{name}}}|{{&name}}|{{count}}</li>
            {{/items}}{{^items}}none{{/items}}{{#note}}<p>{{.}}</p>{{/note}}{{/main}}{{/layout}}
            """.utf8)
        let (memo, plain) = try themes(files)
        #expect(memo.memoizable.contains("pages/objective"))
        let values = ["", "plain", "<script>alert(1)</script>", "\u{E000}&0\u{E001}", "\u{E000}&amp;1\u{E001}", "\u{E001}",
                      "a & b", "line\n", "\r\n", "\"quoted\" 'single'", "e\u{301}", "{{title}}"]
        for (i, value) in values.enumerated() {
            let context: [String: Any] = [
                "title": value, "pageTitle": "T", "root": "", "section": "s",
                "site": ["title": "S", "organization": "O", "version": "1"] as [String: Any],
                "chrome": ["header": "<header>", "footer": value] as [String: Any],
                "items": [["name": value, "count": i], ["name": MustacheText(value), "count": -i], ["name": bytes(value), "count": 0]] as [[String: Any]],
                "note": value.isEmpty ? false : MustacheText(value),
            ]
            #expect(try text(memo.renderByShape("pages/objective", context)) == plain.render("pages/objective", context), "\(value.debugDescription)")
        }
        #expect(memo.skeletonCounts.hits > 0)
    }

    /// A `ContextMap` is, to a template, the dictionary of its keys and values.
    @Test func aContextMapRendersAsItsDictionary() throws {
        var files = Theme.embeddedFiles()
        files["pages/objective.mustache"] = Data("""
            {{#o}}{{a}}|{{{b}}}|{{#c}}{{d}}{{/c}}|{{^e}}no e{{/e}}|{{root}}{{/o}}|{{o.a}}|{{count(o)}}|{{#empty(o)}}E{{/empty(o)}}\
            {{#sorted(o)}}{{key}}{{/sorted(o)}}|{{#o.c}}{{d}}{{/o.c}}
            """.utf8)
        let (_, plain) = try themes(files)
        let c: [String: Any] = ["d": "<d>"]
        let map: ContextMap = ["b": "<b>", "a": "<a>", "c": c]
        let dictionary: [String: Any] = ["a": "<a>", "b": "<b>", "c": c]
        let viaMap = try plain.render("pages/objective", ["o": map, "root": "../", "e": true])
        #expect(viaMap == (try plain.render("pages/objective", ["o": dictionary, "root": "../", "e": true])))
        #expect(viaMap.contains("&lt;a&gt;|<b>|&lt;d&gt;||../|&lt;a&gt;|3|abc|&lt;d&gt;"), "\(viaMap)")
        #expect(map.child(named: "c") != nil && map.child(named: "x") == nil)
        let flat: ContextMap = ["b": 1, "a": "x\"y"]
        #expect(flat.description == "[\"b\": 1, \"a\": \"x\\\"y\"]")
        #expect((["b": 1] as [String: Any]).description == (["b": 1] as ContextMap).description)
    }

    @Test func templatesWhoseOutputDependsOnMoreThanShapeAreNotMemoized() {
        #expect(RenderMemo.allows("<p>{{a}} {{{b}}} {{#c}}{{.}}{{/c}}{{^d}}x{{/d}}</p>\n{{> partials/x}}\n"))
        #expect(RenderMemo.allows("{{! a comment (with brackets) }}{{a}}"))
        #expect(RenderMemo.allows("<p>{{> partials/x}}</p>"), "not standalone: no indentation")
        #expect(!RenderMemo.allows("{{uppercased(a)}}"), "a transform")
        #expect(!RenderMemo.allows("{{#first()}}x{{/first()}}"), "a transform")
        #expect(!RenderMemo.allows("<ul>\n  {{> partials/x}}\n</ul>"), "an indented partial")
        #expect(!RenderMemo.allows("<ul>\n\t{{$block}}x{{/block}}\n</ul>"), "an indented block")
        #expect(!RenderMemo.allows("  {{<layout}}{{/layout}}"), "an indented parent")
        #expect(!RenderMemo.allows("{{=<% %>=}}<% a %>"), "changed delimiters")
        #expect(!RenderMemo.allows("{{% CONTENT_TYPE: TEXT }}\n{{a}}"), "a content type")
        #expect(!RenderMemo.allows("{{>*name}}"), "a dynamic partial")
        #expect(!RenderMemo.allows("{{> *name}}"), "a dynamic partial")
        #expect(!RenderMemo.allows("<p>\u{E000}</p>{{a}}"), "a marker character")
    }

    /// A theme with an indented partial in the objective page renders it through Mustache, still
    /// correctly; a page naming a template that names such a partial is refused too.
    @Test func aThemeThatDoesNotAllowItIsRenderedByMustache() throws {
        var files = Theme.embeddedFiles()
        files["partials/actions.mustache"] = Data("<div>\n  {{> partials/findings}}\n</div>\n".utf8)
        let theme = try Theme(files: files, origins: [:])
        #expect(!theme.memoizable.contains("pages/objective") && !theme.memoizable.contains("pages/review"))
        #expect(!theme.memoizable.contains("partials/actions"))
        #expect(theme.memoizable.contains("partials/findings"))
        #expect(theme.memoizable.contains("pages/index"))
        let result = try SiteTestSupport.check(SiteTestSupport.repository.appendingPathComponent("content").path, asOf: "2026-11-29")
        let site = try SiteBuilder.build(result: result, theme: theme)
        #expect(site["objectives/obj-inc-01.html"].map { String(decoding: $0, as: UTF8.self).contains("<div>\n  ") } == true)
        #expect(theme.skeletonCounts.hits == 0 && theme.skeletonCounts.misses == 0)
    }

    /// Random templates and contexts: each template renders many contexts, most of a few shapes
    /// with other texts, some of their own, and every page must be Mustache's.
    /// `FUZZ_SEED` and `FUZZ_TOTAL` run more by hand.
    @Test func randomTemplatesAndContextsRenderAsMustacheDoes() throws {
        let environment = ProcessInfo.processInfo.environment
        var random = SplitMix64(seed: environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261129)
        let total = environment["FUZZ_TOTAL"].flatMap { Int($0) } ?? 100
        var compared = 0, hits = 0, fromSkeletons = 0
        for _ in 0..<total {
            var files = Theme.embeddedFiles()
            files["pages/objective.mustache"] = Data(Self.template(depth: 0, &random).utf8)
            files["partials/p.mustache"] = Data(Self.template(depth: 2, &random).utf8)
            guard let pair = try? themes(files) else { continue }
            let (memo, plain) = pair
            let shapes = (0..<3).map { _ in Self.context(depth: 0, &random) }
            for k in 0..<24 {
                let context = k % 6 == 5 ? Self.context(depth: 0, &random) : Self.retexted(shapes[k % 3], &random)
                guard let dictionary = context as? [String: Any] else { continue }
                let expected = try plain.render("pages/objective", dictionary)
                let actual = try text(memo.renderByShape("pages/objective", dictionary))
                if actual != expected {
                    Issue.record("differs:\n\(String(decoding: files["pages/objective.mustache"] ?? Data(), as: UTF8.self))\n--- expected\n\(expected)\n--- actual\n\(actual)")
                    return
                }
                compared += 1
            }
            hits += memo.skeletonCounts.hits
            if memo.skeletonCounts.hits > 0 { fromSkeletons += 1 }
        }
        #expect(compared > total * 10)
        // Templates that write a dictionary or list as text, or are not allowed, go to Mustache.
        #expect(fromSkeletons > total / 4 && hits > compared / 6, "\(fromSkeletons) templates, \(hits) of \(compared) pages from skeletons")
    }

    private func text(_ buffer: TextBuffer) -> String { buffer.text }

    private func bytes(_ text: String) -> HTMLBytes {
        HTMLBytes(TextBuffer(text))
    }

    private static func bytes(_ text: String) -> HTMLBytes {
        HTMLBytes(TextBuffer(text))
    }

    private static let keys = ["a", "b", "c", "d"]
    private static let texts = ["", "x", "<b>&amp;\"'</b>", "line\n", "\r", "\r\n", "\n", "\u{E000}&0\u{E001}", "\u{E000}",
                                "a\u{301}", "{{a}}", " ", "tail\r"]

    private static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    private static func template(depth: Int, _ random: inout SplitMix64) -> String {
        var out = ""
        for _ in 0..<Int(random.next() % 7) {
            let key = pick(keys, &random)
            let name = random.next() % 4 == 0 ? "\(key).\(pick(keys, &random))" : key
            switch random.next() % 12 {
            case 0: out += "{{\(name)}}"
            case 1: out += "{{{\(name)}}}"
            case 2: out += "{{&\(name)}}"
            case 3: out += depth > 0 ? "{{.}}" : "{{\(name)}}"
            case 4 where depth < 3, 5 where depth < 3:
                let inner = template(depth: depth + 1, &random)
                let open = random.next() % 2 == 0 ? "#" : "^"
                let line = random.next() % 2 == 0 ? "\n" : ""
                out += "{{\(open)\(name)}}\(line)\(inner)\(line){{/\(name)}}\(line)"
            case 6 where depth < 2: out += random.next() % 2 == 0 ? "{{> partials/p}}" : "\n{{> partials/p}}\n"
            case 7: out += random.next() % 4 == 0 && depth < 2 ? "\n  {{> partials/p}}\n" : "{{! note }}"
            case 8: out += "\n"
            case 9 where random.next() % 8 == 0: out += "\u{E001}x"
            default: out += pick(["<p>", " text ", "&", "é"], &random)
            }
        }
        return out
    }

    private static func context(depth: Int, _ random: inout SplitMix64) -> Any {
        if depth == 0 || (depth < 3 && random.next() % 3 == 0) {
            var dictionary: [String: Any] = [:]
            for key in keys where random.next() % 4 != 0 { dictionary[key] = context(depth: depth + 1, &random) }
            // Some as a `ContextMap`, its keys in an order of their own.
            guard depth > 0, random.next() % 2 == 0 else { return dictionary }
            let order = dictionary.keys.sorted().shuffled(using: &random)
            return ContextMap(order.map { ($0, dictionary[$0] ?? false) })
        }
        switch random.next() % 8 {
        case 0: return random.next() % 2 == 0
        case 1: return Int(random.next() % 200) - 100
        case 2 where depth < 3:
            return (0..<Int(random.next() % 3)).map { _ in context(depth: depth + 1, &random) as? [String: Any] ?? [:] }
        case 3 where depth < 3:
            return (0..<Int(random.next() % 3)).map { _ in pick(texts, &random) } as [Any]
        case 4: return MustacheText(pick(texts, &random))
        case 5: return bytes(pick(texts, &random))
        default: return pick(texts, &random)
        }
    }

    /// `value` with its non-empty texts and numbers replaced by others, the shape kept.
    private static func retexted(_ value: Any, _ random: inout SplitMix64) -> Any {
        func other() -> String {
            var text = ""
            while text.isEmpty { text = pick(texts, &random) }
            return text
        }
        switch value {
        case let string as String: return string.isEmpty ? string : other()
        case let text as MustacheText: return text.value.isEmpty ? text : MustacheText(other())
        case let text as HTMLBytes: return text.bytes.isEmpty ? text : bytes(other())
        case let dictionary as [String: Any]:
            // In sorted order: a dictionary's own order changes from run to run, and so would
            // the numbers drawn, and the test.
            var out: [String: Any] = [:]
            for key in dictionary.keys.sorted() { out[key] = retexted(dictionary[key] ?? false, &random) }
            return out
        case let map as ContextMap: return ContextMap(zip(map.keys, map.values).map { ($0, retexted($1, &random)) })
        case let list as [[String: Any]]: return list.map { retexted($0, &random) as? [String: Any] ?? [:] }
        case let list as [Any]: return list.map { retexted($0, &random) }
        case is Int: return Int(random.next() % 1000)
        default: return value
        }
    }
}
