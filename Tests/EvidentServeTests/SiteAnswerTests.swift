@testable import EvidentServe
import Foundation
import Hummingbird
import Testing

/// The whole request policy of `serve`, request by request, without a socket.
@Suite struct SiteAnswerTests {
    let rule = LoopbackHost(port: 8000)
    let site: [String: ByteBuffer] = [
        "index.html": ByteBuffer(string: "<p>home</p>"),
        "reviews/index.html": ByteBuffer(string: "<p>reviews</p>"),
        "assets/site.css": ByteBuffer(string: "body{}"),
    ]

    func answer(_ target: String, method: String = "GET", hosts: [String] = ["localhost:8000"],
                origins: [String] = [], fetchSites: [String] = []) -> SiteAnswer {
        SiteAnswer.answer(method: method, hosts: hosts, target: target, host: rule, site: SiteSnapshot(files: site),
                          origins: origins, fetchSites: fetchSites)
    }

    /// A page of another origin (a site on the internet, another server on this machine) can make
    /// the browser open live reload's stream and ask for states with this server's own Host; the
    /// browser names that page in `Origin` and `Sec-Fetch-Site`, and the channel refuses it.
    @Test(arguments: ["/_evident/events", "/_evident/state?page=%2F"])
    func liveReloadAnswersOnlyThisServersPages(target: String) {
        let foreign = ["http://attacker.example", "http://localhost:3000", "null", "https://localhost:8000",
                       "http://localhost:8000.attacker.example", "http://127.0.0.1:8000@attacker.example", "http://localhost"]
        for origin in foreign {
            let refused = answer(target, origins: [origin])
            #expect(refused.status == 403, "Origin: \(origin)")
            #expect(refused.stream == false)
            #expect(refused.statePage == nil, "a refused question names no page to render")
        }
        #expect(answer(target, origins: ["http://localhost:8000", "http://attacker.example"]).status == 403)
        for site in ["cross-site", "same-site"] {
            #expect(answer(target, fetchSites: [site]).status == 403, "Sec-Fetch-Site: \(site)")
        }
        // Its own pages, under any name of the Host rule, and a client that sends neither (curl).
        for origin in ["http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"] {
            #expect(answer(target, origins: [origin], fetchSites: ["same-origin"]).status == 200, "Origin: \(origin)")
        }
        #expect(answer(target).status == 200)
        #expect(answer(target, fetchSites: ["none"]).status == 200)
    }

    /// The site itself is not the channel: a link from another site opens its page.
    @Test func aLinkFromAnotherSiteOpensThePage() {
        #expect(answer("/", origins: ["http://attacker.example"], fetchSites: ["cross-site"]).status == 200)
        #expect(answer("/_evident/live.js", fetchSites: ["cross-site"]).status == 200)
    }

    @Test func servesFilesAndFolderIndexes() {
        let home = answer("/")
        #expect(home.status == 200)
        #expect(home.contentType == "text/html; charset=utf-8")
        #expect(String(buffer: home.body).hasPrefix("<p>home</p><script src=\"/_evident/live.js\""))
        #expect(String(buffer: answer("/reviews/").body).hasPrefix("<p>reviews</p>"))
        #expect(String(buffer: answer("/reviews").body).hasPrefix("<p>reviews</p>"))
        let css = answer("/assets/site.css?v=2", method: "HEAD")
        #expect(css.status == 200)
        #expect(css.contentType == "text/css; charset=utf-8")
        #expect(css.body == ByteBuffer(string: "body{}"), "only HTML gets the live script")
    }

    @Test func aWrongHostGetsNothingOfTheSite() {
        for hosts in [["attacker.example:8000"], ["attacker.example"], ["localhost"], ["localhost:8001"]] {
            let refused = answer("/", hosts: hosts)
            #expect(refused.status == 421)
            #expect(refused.contentType == "text/plain; charset=utf-8")
            #expect(String(buffer: refused.body).contains("home") == false)
            #expect(String(buffer: refused.body).contains("127.0.0.1:8000, localhost:8000, [::1]:8000"))
        }
        // The Host rule comes before anything else: a foreign name learns neither methods nor paths.
        #expect(answer("/", method: "POST", hosts: ["attacker.example:8000"]).status == 421)
        #expect(answer("/../x", hosts: ["attacker.example:8000"]).status == 421)
    }

    @Test func noHostOrTwoHostsIsABadRequest() {
        #expect(answer("/", hosts: []).status == 400)
        #expect(answer("/", hosts: ["localhost:8000", "localhost:8000"]).status == 400)
        #expect(answer("/", hosts: ["localhost:8000", "attacker.example"]).status == 400)
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT"])
    func onlyGetAndHead(method: String) {
        let refused = answer("/", method: method)
        #expect(refused.status == 405)
        #expect(refused.allow == "GET, HEAD")
    }

    @Test func pathsNeverLeaveTheSite() {
        #expect(answer("/../index.html").status == 404)
        #expect(answer("/%2e%2e/index.html").status == 404)
        #expect(answer("/reviews/%2E%2E/index.html").status == 404)
        #expect(answer("/missing.html").status == 404)
        #expect(answer("/_evident/../index.html").status == 404)
        #expect(answer("/%zz").status == 400)
    }

    /// Any web page open in the browser can send requests to 127.0.0.1 (an image, a no-cors fetch),
    /// each for a new missing path up to the 16 KB head limit: were misses kept, the server's memory
    /// would grow with every one until the next rebuild. A file is made once; a miss is not kept.
    @Test func aMissingPathIsNotKept() {
        let asked = Asked()
        let snapshot = SiteSnapshot(SiteBuild(file: { path in
            asked.add(path)
            return path == "index.html" ? Data("<p>home</p>".utf8) : nil
        }))
        for _ in 0..<3 {
            #expect(snapshot.bytes(at: "index.html") != nil)
            #expect(snapshot.bytes(at: "missing.html") == nil)
        }
        #expect(asked.count("index.html") == 1, "a file is made once per build")
        #expect(asked.count("missing.html") == 3, "a miss is looked up again, never remembered")
    }
}

/// The paths a build was asked for, from any thread.
private final class Asked: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ path: String) { lock.withLock { paths.append(path) } }
    func count(_ path: String) -> Int { lock.withLock { paths.filter { $0 == path }.count } }
}
