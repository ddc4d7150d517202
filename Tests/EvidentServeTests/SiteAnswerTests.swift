@testable import EvidentServe
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

    func answer(_ target: String, method: String = "GET", hosts: [String] = ["localhost:8000"]) -> SiteAnswer {
        SiteAnswer.answer(method: method, hosts: hosts, target: target, host: rule, site: SiteSnapshot(files: site))
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
}
