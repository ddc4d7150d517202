@testable import EvidentServe
import Dispatch
import Foundation
import Hummingbird
import Testing

/// A served page's live reload: made once per build and page, and the page's own
/// Content-Security-Policy `<meta>` found however a theme writes it, as a browser finds it.
@Suite struct LivePageTests {
    let rule = LoopbackHost(port: 8000)

    /// What several threads append to.
    final class Collected<Element>: @unchecked Sendable {
        // Guards `items`.
        private let lock = NSLock()
        private var items: [Element] = []
        func append(_ item: Element) { lock.withLock { items.append(item) } }
        var all: [Element] { lock.withLock { items } }
    }

    func answer(_ target: String, _ site: SiteSnapshot, method: String = "GET") -> SiteAnswer {
        SiteAnswer.answer(method: method, hosts: ["localhost:8000"], target: target, host: rule, site: site)
    }

    static let large = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>"
        + String(repeating: "<p>row</p>\n", count: 20_000) + "</body></html>"

    // MARK: Made once per build and page

    @Test func aPageIsInjectedOncePerBuildAndShared() {
        let site = SiteSnapshot(files: ["index.html": ByteBuffer(string: Self.large), "a.css": ByteBuffer(string: "p{}")])
        let first = answer("/", site)
        for target in ["/", "/index.html", "/?x=1"] {
            #expect(answer(target, site) == first, "\(target)")
        }
        #expect(answer("/", site, method: "HEAD").policy == first.policy)
        #expect(answer("/_evident/state?page=/", site).status == 200)
        #expect(answer("/a.css", site).status == 200)
        #expect(site.pages.injections == 1)
        // A failed rebuild keeps the site, and its pages as served.
        #expect(answer("/", site.failing("x")) == first)
        #expect(site.pages.injections == 1)
        // Another build injects its own.
        let next = SiteSnapshot(files: ["index.html": ByteBuffer(string: Self.large)])
        #expect(answer("/", next).body == first.body)
        #expect(next.pages.injections == 1)
        #expect(first.body.readableBytes > Self.large.utf8.count)
    }

    @Test func requestsAtOnceForOnePageInjectItOnce() {
        let site = SiteSnapshot(files: ["index.html": ByteBuffer(string: Self.large), "b.html": ByteBuffer(string: "<p>b</p>")])
        let bodies = Collected<ByteBuffer>()
        DispatchQueue.concurrentPerform(iterations: 16) { turn in
            let body = answer(turn % 4 == 3 ? "/b.html" : "/", site).body
            bodies.append(body)
        }
        #expect(site.pages.injections == 2)
        #expect(Set(bodies.all.map(\.readableBytes)).count == 2)
    }

    /// A rebuild drops the pages the old build served: nothing but the snapshot holds them.
    @Test func aRebuildReleasesTheOldBuildsPages() {
        let build = SiteBuild(files: ["index.html": Data(Self.large.utf8)])
        let site = LiveSite(build)
        #expect(answer("/", site.current).status == 200)
        weak let old = site.current.pages
        #expect(old?.injections == 1)
        site.replace(with: build)
        #expect(old == nil)
        #expect(site.current.pages.injections == 0)
    }

    // MARK: The page's policy, however it is written

    static let plain = "default-src 'none'; img-src 'self'"
    static let widened = "default-src 'none'; img-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"
    static let escapedWidened = widened.replacingOccurrences(of: "'", with: "&#39;")

    /// A head as a theme may write it → the page's tags after serving (nil: as they were).
    @Test(arguments: [
        // Single quotes, another case, the other order, no quotes, any whitespace, a self-closing slash.
        "<meta http-equiv='Content-Security-Policy' content='default-src &apos;none&apos;; img-src &#x27;self&#39;'>",
        "<META HTTP-EQUIV=\"CONTENT-security-POLICY\" CONTENT=\"default-src 'none'; img-src 'self'\">",
        "<meta content=\"default-src 'none'; img-src 'self'\" http-equiv=\"content-security-policy\">",
        "<meta\n\tcontent =\n \"default-src 'none'; img-src 'self'\"   http-equiv = content-security-policy />",
        "<meta http-equiv=content-security-policy content=\"default-src &#39;none&#39;; img-src &#39;self&#39;\"/>",
        // The first of two same-named attributes counts.
        "<meta http-equiv=\"content-security-policy\" http-equiv=\"refresh\" content=\"default-src 'none'; img-src 'self'\" content=\"x\">",
        // A `>` and quotes inside the value.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self'; report-uri /r?a>b\">",
    ])
    func aPolicyIsFoundHoweverItIsWritten(meta: String) {
        let page = "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\(meta)\n<title>a > b</title></head><body><p>x</p></body></html>"
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        let reported = meta.contains("report-uri") ? "; report-uri /r?a>b" : ""
        let widened = Self.widened.replacingOccurrences(of: "img-src 'self'", with: "img-src 'self'\(reported)")
        #expect(served.policy == widened)
        #expect(served.unreadable == [])
        let body = String(buffer: served.body)
        let value = "\"" + widened.replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: ">", with: "&gt;") + "\""
        #expect(body.contains(value))
        #expect(body.components(separatedBy: "connect-src").count == 2, "one policy, widened once")
        #expect(body.hasSuffix("<p>x</p>" + LivePage.scriptTag(version: "v") + "</body></html>"))
    }

    @Test func aValueWithQuotesIsWrittenBackEscaped() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content='default-src &apos;none&apos; \"x\"'></head><body></body>"
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        #expect(served.policy == "default-src 'none' \"x\"; script-src \"x\" 'self'; style-src \"x\" 'self'; connect-src \"x\" 'self'")
        #expect(String(buffer: served.body).hasPrefix(
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39; &quot;x&quot;; script-src &quot;x&quot; &#39;self&#39;;"))
    }

    @Test func everyPolicyOfTheHeadIsWidened() {
        let page = """
            <html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'">
            </head>
            <meta http-equiv='content-security-policy' content="script-src 'none'"><body></body></html>
            """
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        // A `<meta>` between the head's end and the body's start is put in the head, as a browser does.
        #expect(served.policy == Self.widened + ", script-src 'self'")
        let body = String(buffer: served.body)
        #expect(body.contains("content=\"\(Self.escapedWidened)\">\n</head>\n<meta http-equiv='content-security-policy' content=\"script-src &#39;self&#39;\"><body>"))
    }

    /// Text that only looks like a policy: the browser enforces none of it, so none is widened
    /// (and none goes into the header, where the browser would enforce it).
    @Test(arguments: [
        "<html><head><title>t</title></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></body></html>",
        "<html><head><!-- <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"> --></head><body></body></html>",
        "<head><script>let a = '<meta http-equiv=\"Content-Security-Policy\" content=\"default-src none\">'</script></head><body></body>",
        "<head><title><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></title></head><body></body>",
        "<head><style>/* </styles> */ a::after { content: '<meta http-equiv=Content-Security-Policy content=default-src>' }</style></head>",
        "<head><meta name=\"content-security-policy\" content=\"default-src 'none'\"><meta http-equiv=\"refresh\" content=\"content-security-policy\"></head>",
        "<head><meta http-equiv=\" content-security-policy\" content=\"default-src 'none'\"></head>",
        "<p>text</p><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
        "hello <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
        "<head><div></div><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>",
        "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'",
        "<head><meta http-equiv=\"Content-Security-Policy\" content></head>",
    ])
    func textThatOnlyLooksLikeAPolicyIsLeftAsItIs(page: String) {
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        #expect(served.policy == nil)
        #expect(served.unreadable == [])
        #expect(!String(buffer: served.body).contains("connect-src"))
    }

    @Test func aByteOrderMarkAndCommentsComeBeforeTheHead() {
        let page = "\u{FEFF}<!DOCTYPE html>\n<!-- a -- b --><?xml x?><html>\n<head><meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.plain)\"></head>"
        #expect(LivePage.inject(into: ByteBuffer(string: page), version: "v").policy == Self.widened)
    }

    @Test func aPolicyWithACommaStaysOutOfTheHeader() {
        // A header's commas separate policies; the `<meta>` holds one.
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none', img-src data:\"></head>"
        let served = LivePage.inject(into: ByteBuffer(string: page), version: "v")
        #expect(served.policy == nil)
        #expect(String(buffer: served.body).contains("; connect-src "), "widened in its <meta>")
    }

    // MARK: A policy that cannot be widened is said, once

    @Test(arguments: [
        ("<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src &none;\"></head>",
         "its Content-Security-Policy <meta> holds `&none;`, a character reference serve does not decode"),
        ("<head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'strict-dynamic' 'nonce-a'\"></head>",
         "its Content-Security-Policy has 'strict-dynamic' in script-src, under which 'self' loads no script"),
    ])
    func aPolicyThatCannotBeWidenedIsSaidOnce(page: String, reason: String) {
        let said = Collected<String>()
        let build = SiteBuild(files: ["index.html": Data(page.utf8), "b.html": Data(page.utf8)])
        let site = LiveSite(build, warn: { page, reason in said.append("\(page): \(reason)") })
        for target in ["/", "/index.html", "/b.html"] { _ = answer(target, site.current) }
        site.replace(with: build)
        _ = answer("/", site.current)
        #expect(site.current.pages.injections == 1, "the new build serves it anew")
        #expect(said.all == ["/index.html: \(reason)", "/b.html: \(reason)"])
        let served = answer("/", site.current)
        if reason.contains("decode") {
            #expect(served.policy == nil)
            #expect(String(buffer: served.body).hasPrefix(page), "left as it is")
        }
    }
}
