@testable import EvidentServe
import Foundation
import Hummingbird
import Testing

/// Live reload on the server's side: what is injected into served pages and where, the widened
/// policy, the events and the state open pages get, the page for a missing path, and the Host rule on
/// serve's own paths. All without a socket (the built binary is tested in EvidentCLITests).
@Suite struct LiveReloadTests {
    let rule = LoopbackHost(port: 8000)
    static let themePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(themePolicy)">
        <title>OBJ-1</title>
        </head>
        <body class="page-objective">
        <h1>Restore P1 incidents</h1>
        </body>
        </html>

        """
    let files: [String: ByteBuffer] = [
        "index.html": ByteBuffer(string: page),
        "plain.html": ByteBuffer(string: "<p>no body end, no policy</p>"),
        "assets/style.css": ByteBuffer(string: "body{}</body>"),
        "data/register.json": ByteBuffer(string: "{\"a\":\"</body>\"}"),
    ]

    func answer(_ target: String, method: String = "GET", hosts: [String] = ["localhost:8000"],
                problems: [ContentProblem] = []) -> SiteAnswer {
        SiteAnswer.answer(method: method, hosts: hosts, target: target, host: rule,
                          site: SiteSnapshot(files: files, problems: problems))
    }

    @Test func theScriptGoesIntoHTMLOnlyBeforeTheBodyEnds() {
        let home = answer("/")
        let version = PageVersion.of(ByteBuffer(string: Self.page))
        let tag = "<script src=\"/_evident/live.js\" data-version=\"\(version)\" defer></script>"
        let served = String(buffer: home.body)
        #expect(served.contains("<h1>Restore P1 incidents</h1>\n\(tag)</body>\n</html>\n"))
        #expect(served.components(separatedBy: "live.js").count == 2, "one script element")
        // Without `</body>`, at the end.
        #expect(String(buffer: answer("/plain.html").body) == "<p>no body end, no policy</p>" + LivePage.scriptTag(version: PageVersion.of(ByteBuffer(string: "<p>no body end, no policy</p>"))))
        // Not into anything else, whatever it contains.
        #expect(answer("/assets/style.css").body == ByteBuffer(string: "body{}</body>"))
        #expect(answer("/data/register.json").body == ByteBuffer(string: "{\"a\":\"</body>\"}"))
        #expect(answer("/assets/style.css").policy == nil)
        // The site as built is not changed by serving it.
        #expect(files["index.html"] == ByteBuffer(string: Self.page))
    }

    @Test func theServedPolicyAllowsTheEventStreamAndNothingElse() {
        let home = answer("/")
        let widened = Self.themePolicy + "; connect-src 'self'"
        #expect(home.policy == widened)
        let served = String(buffer: home.body)
        #expect(served.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(widened.replacingOccurrences(of: "'", with: "&#39;"))\">"))
        #expect(!served.contains(Self.themePolicy + "\">"), "the page's own, narrower policy is gone")
        // A page without a policy gets no header: it allows everything already.
        #expect(answer("/plain.html").policy == nil)
    }

    @Test(arguments: [
        ("default-src 'none'", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"),
        ("default-src 'self'", "default-src 'self'"),
        ("default-src 'none'; connect-src 'none'; script-src 'self' https://cdn.example", "default-src 'none'; connect-src 'self'; script-src 'self' https://cdn.example; style-src 'self'"),
        ("script-src-elem 'none'; script-src 'self'; style-src *; connect-src https://x.example", "script-src-elem 'self'; script-src 'self'; style-src *; connect-src https://x.example 'self'"),
        ("img-src 'self'", "img-src 'self'"),
        ("Default-Src 'NONE' ;; Frame-Ancestors 'none'", "default-src 'NONE'; frame-ancestors 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"),
    ])
    func widensAPolicyJustEnough(policy: String, widened: String) {
        #expect(ServedPolicy.widen(policy) == widened)
    }

    @Test func aPolicyWrittenWithCharacterReferencesIsRead() {
        let page = "<html><head><META HTTP-EQUIV=\"Content-Security-Policy\" CONTENT=\"default-src &#39;none&#39;; connect-src &#39;none&#39;\"></head><body></body></html>"
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        #expect(served.policy == "default-src 'none'; connect-src 'self'; script-src 'self'; style-src 'self'")
        #expect(String(buffer: served.body).hasPrefix("<html><head><META HTTP-EQUIV=\"Content-Security-Policy\" CONTENT=\"default-src &#39;none&#39;; connect-src &#39;self&#39;; script-src"))
    }

    @Test func serveServesItsScriptAndStylesheet() {
        let script = answer("/_evident/live.js")
        #expect(script.status == 200)
        #expect(script.contentType == "text/javascript; charset=utf-8")
        #expect(String(buffer: script.body).contains("new EventSource(\"/_evident/events\")"))
        #expect(String(buffer: script.body).contains("navigator.locks.request(\"evident-live\""), "one stream per browser")
        let style = answer("/_evident/live.css")
        #expect(style.contentType == "text/css; charset=utf-8")
        #expect(String(buffer: style.body).contains(".evident-live-overlay"))
    }

    @Test func theEventStreamNamesNoPage() {
        let events = answer("/_evident/events")
        #expect(events.status == 200)
        #expect(events.contentType == "text/event-stream; charset=utf-8")
        #expect(events.stream)
        #expect(answer("/_evident/events?page=/&version=x").stream, "what the query says does not matter")
        #expect(answer("/_evident/events", method: "HEAD").status == 405)
        #expect(!answer("/_evident/events", method: "HEAD").stream)
        #expect(!answer("/").stream)
    }

    @Test func theStateTellsAPageItsVersionAndAFailure() {
        let snapshot = SiteSnapshot(files: files)
        let home = answer("/_evident/state?page=%2F")
        #expect(home.status == 200)
        #expect(home.contentType == "application/json")
        #expect(String(buffer: home.body) == "{\"version\":\"\(snapshot.version(ofPage: "/"))\",\"failed\":null,\"configuration\":null}")
        #expect(snapshot.version(ofPage: "/") == PageVersion.of(files["index.html"] ?? ByteBuffer()), "the version the page was served with")
        // A failed rebuild: the error, escaped for JSON, with every page's version unchanged.
        let failing = snapshot.failing("layout.mustache:3: \"unclosed\"\nsecond line")
        let failed = SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/_evident/state?page=/", host: rule, site: failing)
        #expect(String(buffer: failed.body) == "{\"version\":\"\(snapshot.version(ofPage: "/"))\",\"failed\":\"layout.mustache:3: \\\"unclosed\\\"\\nsecond line\",\"configuration\":null}")
        #expect(answer("/_evident/state").status == 400)
        #expect(answer("/_evident/state?page=objectives").status == 400)
    }

    /// A configuration that cannot be read is shown over every page: the pages are built without it.
    /// Every page loads the theme's stylesheet and script: an edit of either changes what each page
    /// shows though not its bytes, so it changes each page's version, the served page's and the
    /// state's alike, and the missing page's too.
    @Test func aPagesVersionNamesTheThemesAssets() {
        let files = ["index.html": ByteBuffer(string: "<html><body><p>home</p></body></html>"), "assets/style.css": ByteBuffer(string: "p{}")]
        let plain = SiteSnapshot(files: files, assets: PageVersion.assets(["assets/style.css": Data("p{}".utf8)]))
        let red = SiteSnapshot(files: files, assets: PageVersion.assets(["assets/style.css": Data("p{color:red}".utf8)]))
        let renamed = SiteSnapshot(files: files, assets: PageVersion.assets(["assets/site.css": Data("p{}".utf8)]))
        #expect(plain.version(ofPage: "/") != red.version(ofPage: "/"))
        #expect(plain.version(ofPage: "/") != renamed.version(ofPage: "/"))
        #expect(plain.version(ofPage: "/missing.html") != red.version(ofPage: "/missing.html"))
        #expect(plain.version(ofPage: "/") == SiteSnapshot(files: files, assets: PageVersion.assets(["assets/style.css": Data("p{}".utf8)])).version(ofPage: "/"))
        for (snapshot, page) in [(red, "/"), (red, "/missing.html")] {
            let served = String(buffer: SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: page, host: rule, site: snapshot).body)
            #expect(served.contains("data-version=\"\(snapshot.version(ofPage: page))\""), "\(page)")
        }
        #expect(PageVersion.assets([:]) == "")
    }

    /// A page open in a browser keeps the live script it was served with: after an upgrade of
    /// evident, the restarted server's script must replace it, so a page's version names the
    /// live script and stylesheet too, and another of either gives every page another version.
    @Test func aPagesVersionNamesTheLiveScript() {
        let page = ByteBuffer(string: "<html><body><p>home</p></body></html>")
        let assets = PageVersion.assets(["assets/style.css": Data("p{}".utf8)])
        let now = PageVersion.of(page, assets: assets)
        #expect(now == PageVersion.of(page, assets: assets, live: PageVersion.live))
        let olderScript = String(LiveAssets.script.dropLast(40)) + "\n"
        let older = PageVersion.assets(["live.js": Data(olderScript.utf8), "live.css": Data(LiveAssets.stylesheet.utf8)])
        #expect(now != PageVersion.of(page, assets: assets, live: older))
        let olderStyle = PageVersion.assets(["live.js": Data(LiveAssets.script.utf8), "live.css": Data("p{}".utf8)])
        #expect(now != PageVersion.of(page, assets: assets, live: olderStyle))
        #expect(SiteSnapshot(files: ["index.html": page], assets: assets).version(ofPage: "/") == now)
    }

    @Test func theStateCarriesTheFindingsOnTheConfiguration() {
        let problems = [
            ContentProblem(location: "content/evident.yml:81:1", rule: "syntax/yaml", message: "did not find expected ','", inConfiguration: true),
            ContentProblem(location: "content/objectives/OBJ-1.md:2:1", rule: "syntax/yaml", message: "mapping values are not allowed"),
        ]
        let snapshot = SiteSnapshot(files: files, problems: problems)
        #expect(snapshot.state(ofPage: "/") == "{\"version\":\"\(snapshot.version(ofPage: "/"))\",\"failed\":null,"
            + "\"configuration\":\"content/evident.yml:81:1: did not find expected ',' [syntax/yaml]\"}")
        let fine = SiteSnapshot(files: files, problems: Array(problems.dropFirst()))
        #expect(fine.state(ofPage: "/").hasSuffix(",\"configuration\":null}"), "a broken objective is shown where its page was, not over every page")
    }

    @Test(arguments: ["/_evident/live.js", "/_evident/live.css", "/_evident/events", "/_evident/state?page=/", "/no-such-page.html"])
    func theHostRuleCoversServesOwnPaths(target: String) {
        for hosts in [["attacker.example:8000"], ["localhost:8001"], [], ["localhost:8000", "localhost:8000"]] {
            let refused = answer(target, hosts: hosts, problems: [ContentProblem(location: "secret.md:1:1", rule: "syntax/yaml", message: "secret")])
            #expect(refused.status == (hosts.count == 1 ? 421 : 400))
            #expect(!refused.stream)
            #expect(refused.contentType == "text/plain; charset=utf-8")
            #expect(!String(buffer: refused.body).contains("secret"))
        }
        #expect(answer(target, method: "POST", hosts: ["attacker.example:8000"]).status == 421)
    }

    @Test func aMissingPageListsTheSyntaxFindingsEscaped() {
        let problems = [
            ContentProblem(location: "content/objectives/<b>.md:3:7", rule: "syntax/yaml",
                           message: "could not parse \"x\" & <script>alert('x')</script>"),
            ContentProblem(location: "content/policy.md:1:1", rule: "syntax/front-matter", message: "no front matter"),
        ]
        let missing = answer("/objectives/%3Cimg%20src%3Dx%3E.html", problems: problems)
        #expect(missing.status == 404)
        #expect(missing.contentType == "text/html; charset=utf-8")
        #expect(missing.policy == MissingPage.policy)
        let html = String(buffer: missing.body)
        #expect(html.contains("<code>content/objectives/&lt;b&gt;.md:3:7</code> <span class=\"evident-live-rule\">syntax/yaml</span> could not parse &quot;x&quot; &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</li>"))
        #expect(html.contains("<code>content/policy.md:1:1</code>"))
        #expect(html.contains("<h1>No page at /objectives/&lt;img src=x&gt;.html</h1>"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<a href=\"/\">Go to the dashboard</a>"))
        #expect(html.contains("<script src=\"/_evident/live.js\""), "it reloads when the file is fixed")
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src &#39;self&#39;"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"))
        // Without findings it still says where to go.
        let plain = String(buffer: answer("/nothing.html").body)
        #expect(plain.contains("The site has no page at this address."))
        #expect(!plain.contains("evident-live-problems"))
    }

    /// A snapshot makes the missing page's list of problems once, however many paths are asked
    /// for (a page elsewhere can make a browser ask for any number), and each path's page names
    /// the version its state gives.
    @Test func aMissingPagesListIsMadeOncePerSnapshot() {
        let problems = (1...500).map {
            ContentProblem(location: "content/objectives/OBJ-\($0).md:2:1", rule: "syntax/yaml", message: "could not parse <\($0)>")
        }
        let site = SiteSnapshot(files: files, problems: problems)
        for n in 1...20 {
            let target = "/gone-\(n).html"
            let page = String(buffer: SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: target, host: rule, site: site).body)
            #expect(page.contains("<h1>No page at /gone-\(n).html</h1>") && page.contains("could not parse &lt;500&gt;</li>"))
            let state = String(buffer: SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/_evident/state?page=" + target,
                                                         host: rule, site: site).body)
            #expect(page.contains("data-version=\"\(site.version(ofPage: target))\"") && state.contains(site.version(ofPage: target)))
        }
        #expect(site.pages.missingListsMade == 1)
        #expect(SiteSnapshot(files: files, problems: problems).pages.missingListsMade == 0)
    }

    // MARK: The events of open pages

    func build(_ files: [String: String], problems: [ContentProblem] = []) -> SiteBuild {
        SiteBuild(files: files.mapValues { Data($0.utf8) }, problems: problems)
    }

    /// Every event the streams got until now, as text.
    func drain(_ site: LiveSite, _ streams: [AsyncStream<ByteBuffer>]) async -> [String] {
        site.finishAll()
        var out: [String] = []
        for stream in streams {
            var text = ""
            for await chunk in stream { text += String(buffer: chunk) }
            out.append(text)
        }
        return out
    }

    /// What a page asks after a `change`: its version, and the failure.
    func state(_ site: LiveSite, _ page: String) -> String {
        String(buffer: SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/_evident/state?page=" + page,
                                         host: rule, site: site.current).body)
    }

    @Test func everyRebuildIsAChangeAndOnlyAChangedPageHasANewVersion() async {
        let first = build(["a.html": "<p>a</p>", "b/index.html": "<p>b</p>"])
        let site = LiveSite(first)
        let (a, b) = (state(site, "/a.html"), state(site, "/b/"))
        let one = site.events().stream
        let two = site.events().stream
        #expect(site.openStreams == 2)
        site.replace(with: first)
        #expect(state(site, "/a.html") == a, "the same bytes, the same version")
        site.replace(with: build(["a.html": "<p>a, edited</p>", "b/index.html": "<p>b</p>"]))
        #expect(state(site, "/a.html") != a)
        #expect(state(site, "/b/") == b, "b did not change")
        let events = await drain(site, [one, two])
        let change = "event: change\ndata: \n\n"
        #expect(events == Array(repeating: "retry: 500\n\n" + change + change, count: 2))
        #expect(site.openStreams == 0, "a finished stream is forgotten")
    }

    /// The pages whose state browsers ask for are the pages shown: a rebuild renders them before
    /// telling, and keeps only the last few.
    @Test func thePagesAskedForAreKeptToRenderFirst() {
        let site = LiveSite(build(["a.html": "<p>a</p>"]))
        #expect(state(site, "/a.html").contains("\"version\""))
        let asked = SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/_evident/state?page=%2Fa.html", host: rule, site: site.current)
        #expect(asked.statePage == "/a.html")
        #expect(answer("/a.html").statePage == nil)
        site.asked("/a.html")
        site.asked("/b.html")
        site.asked("/a.html")
        #expect(site.pagesShown == ["/b.html", "/a.html"])
        // A rebuild renders the pages shown before the browsers hear of it.
        let rendered = Paths()
        site.replace(with: SiteBuild(file: { path in
            rendered.add(path)
            return path == "a.html" ? Data("<p>a, edited</p>".utf8) : nil
        }))
        #expect(rendered.all.contains("a.html") && rendered.all.contains("b.html/index.html"), "\(rendered.all)")
        for number in 0..<(LiveSite.shownKept + 5) { site.asked("/p\(number).html") }
        #expect(site.pagesShown.count == LiveSite.shownKept)
        #expect(site.pagesShown.last == "/p\(LiveSite.shownKept + 4).html")
    }

    @Test func aFailedRebuildIsInTheStateUntilOneWorks() async {
        let first = build(["a.html": "<p>a</p>"])
        let site = LiveSite(first)
        let before = state(site, "/a.html")
        let stream = site.events().stream
        site.fail("templates/layout.mustache:3: unclosed section")
        #expect(site.current.bytes(at: "a.html") == ByteBuffer(string: "<p>a</p>"), "the last good site stays")
        #expect(state(site, "/a.html").contains("\"failed\":\"templates/layout.mustache:3: unclosed section\""))
        #expect(state(site, "/a.html").hasPrefix(before.prefix(28)), "the page's version stays")
        site.replace(with: first)
        #expect(state(site, "/a.html") == before, "the failure goes with the next good build")
        let events = await drain(site, [stream])
        #expect(events == ["retry: 500\n\nevent: change\ndata: \n\nevent: change\ndata: \n\n"])
    }

    @Test func aMissingPageComesBackWhenItsFileIsFixed() async {
        let broken = ContentProblem(location: "content/objectives/OBJ-1.md:2:1", rule: "syntax/yaml", message: "mapping values are not allowed")
        let site = LiveSite(build(["index.html": "<p>home</p>"], problems: [broken]))
        let missing = answer("/objectives/obj-1.html", problems: [broken])
        #expect(missing.status == 404)
        let version = String(buffer: missing.body).components(separatedBy: "data-version=\"").dropFirst().first?.prefix(16)
        #expect(state(site, "/objectives/obj-1.html") == "{\"version\":\"\(version ?? "")\",\"failed\":null,\"configuration\":null}",
                "the missing page's version is the one it was served with")
        // Another broken file: the list on the page changes, and so does the page.
        site.replace(with: build(["index.html": "<p>home</p>"], problems: [broken, broken]))
        let twice = state(site, "/objectives/obj-1.html")
        #expect(!twice.contains(String(version ?? "")))
        site.replace(with: build(["index.html": "<p>home</p>", "objectives/obj-1.html": "<p>back</p>"]))
        #expect(state(site, "/objectives/obj-1.html") == "{\"version\":\"\(PageVersion.of(ByteBuffer(string: "<p>back</p>")))\",\"failed\":null,\"configuration\":null}")
    }

    /// The first build failed: every address (but serve's own) answers the error, escaped, with the
    /// live script of its version; the state names that version and the failure, so the page does
    /// not reload until the error changes or a build works, and then it does.
    @Test func aSiteNeverBuiltShowsItsErrorEverywhereUntilABuildWorks() async {
        let message = "theme/layout.mustache:1:1: the template does not parse: `{{#x}}` <script>alert('x')</script> & \"y\""
        let site = LiveSite(unbuilt: message)
        for target in ["/", "/register.html", "/assets/style.css", "/nothing/"] {
            let served = SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: target, host: rule, site: site.current)
            #expect(served.status == 500, "\(target)")
            #expect(served.contentType == "text/html; charset=utf-8")
            #expect(served.policy == MissingPage.policy)
            let html = String(buffer: served.body)
            #expect(html.contains("<h1>The site cannot be built</h1>"))
            #expect(html.contains("theme/layout.mustache:1:1: the template does not parse: `{{#x}}` &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"))
            #expect(!html.contains("<script>alert"))
            let version = html.components(separatedBy: "data-version=\"").dropFirst().first?.prefix(16) ?? ""
            #expect(state(site, target).hasPrefix("{\"version\":\"\(version)\",\"failed\":\"theme/layout.mustache:1:1:"), "\(target)")
        }
        #expect(SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/_evident/live.js", host: rule, site: site.current).status == 200)
        #expect(SiteAnswer.answer(method: "GET", hosts: ["evil.example:8000"], target: "/", host: rule, site: site.current).status == 421,
                "the Host rule comes first")
        let before = state(site, "/")
        let stream = site.events().stream
        // Another error: the page changes (and reloads to show it).
        site.fail("theme/layout.mustache:2:1: another")
        #expect(state(site, "/") != before)
        #expect(String(buffer: SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/", host: rule, site: site.current).body)
            .contains("theme/layout.mustache:2:1: another"))
        // A build works: the site is served, and the page's version is its own.
        site.replace(with: build(["index.html": "<p>home</p>"]))
        #expect(state(site, "/") == "{\"version\":\"\(PageVersion.of(ByteBuffer(string: "<p>home</p>")))\",\"failed\":null,\"configuration\":null}")
        #expect(SiteAnswer.answer(method: "GET", hosts: ["localhost:8000"], target: "/", host: rule, site: site.current).status == 200)
        #expect(await drain(site, [stream]) == ["retry: 500\n\nevent: change\ndata: \n\nevent: change\ndata: \n\n"])
    }

    /// A browser that has gone is found by the next write (a keep-alive at the latest) and forgotten.
    @Test func aPageThatHasGoneIsForgotten() async throws {
        struct Gone: Error {}
        let site = LiveSite(build(["a.html": "<p>a</p>"]))
        let writes = Counter()
        let reader = Task {
            try await site.stream { _ in
                // The first write (the retry delay) works; then the connection is closed.
                if writes.next() > 1 { throw Gone() }
            }
        }
        while site.openStreams == 0 { await Task.yield() }
        site.keepAlive()
        await #expect(throws: Gone.self) { try await reader.value }
        #expect(site.openStreams == 0)
        #expect(writes.next() == 3, "two writes: the retry delay, and the keep-alive that failed")
    }

    /// Past the limit, a new stream ends the oldest one (whose browser, if still there, connects
    /// again), so streams nobody reads cannot pile up.
    @Test func aStreamPastTheLimitEndsTheOldest() async {
        let site = LiveSite(build(["a.html": "<p>a</p>"]), maxStreams: 2)
        let first = site.events().stream, second = site.events().stream
        #expect(site.openStreams == 2)
        let third = site.events().stream
        #expect(site.openStreams == 2)
        var ended = ""
        for await chunk in first { ended += String(buffer: chunk) }
        #expect(ended == "retry: 500\n\n", "the oldest stream ended after its first event")
        site.replace(with: build(["a.html": "<p>b</p>"]))
        let rest = await drain(site, [second, third])
        #expect(rest == Array(repeating: "retry: 500\n\nevent: change\ndata: \n\n", count: 2))
    }

    final class Paths: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        var all: [String] { lock.withLock { paths } }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int { lock.withLock { count += 1; return count } }
    }
}
