@testable import EvidentServe
import Dispatch
import Foundation
import Hummingbird
import Testing

/// A served page's live reload: made once per build and page.
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
}
