@testable import EvidentServe
import Testing

/// How request targets map to the site's files: never outside the site, however encoded.
@Suite struct SitePathTests {
    @Test(arguments: [
        ("/", ""),
        ("/index.html", "index.html"),
        ("/reviews/", "reviews"),
        ("/reviews", "reviews"),
        ("//reviews//rev-2026-q3.html", "reviews/rev-2026-q3.html"),
        ("/./assets/./site.css", "assets/site.css"),
        ("/register.html?sort=id&x=../../etc", "register.html"),
        ("/register.html#../../etc", "register.html"),
        ("/objectives/obj%2Dinc%2D01.html", "objectives/obj-inc-01.html"),
        ("/a%2Fb", "a/b"),
        ("/caf%C3%A9.html", "café.html"),
        ("/...", "..."),
        ("/..x/x..", "..x/x.."),
    ])
    func staysInside(target: String, path: String) {
        #expect(SitePath.resolve(target) == .inside(path))
    }

    @Test(arguments: [
        "/..", "/../content/evident.yml", "/reviews/../../content/evident.yml", "/a/../b",
        "/%2e%2e/content/evident.yml", "/%2E%2E/content", "/%2e%2e%2fcontent%2fevident.yml", "/.%2e/x", "/x/%2e./y",
        "/..%2F..%2Fetc%2Fpasswd",
    ])
    func refusesToClimbOut(target: String) {
        #expect(SitePath.resolve(target) == .outside)
    }

    @Test(arguments: ["", "*", "index.html", "http://attacker.example/", "/%", "/%zz", "/%e", "/%ff%fe.html"])
    func refusesWhatIsNotAPath(target: String) {
        #expect(SitePath.resolve(target) == .malformed)
    }

    @Test func aFolderIsAnsweredByItsIndex() {
        #expect(SitePath.candidates(for: "") == ["index.html"])
        #expect(SitePath.candidates(for: "reviews") == ["reviews", "reviews/index.html"])
    }

    @Test(arguments: [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/site.css", "text/css; charset=utf-8"),
        ("assets/site.js", "text/javascript; charset=utf-8"),
        ("data/register.json", "application/json"),
        ("data/register.csv", "text/csv; charset=utf-8"),
        ("assets/logo.svg", "image/svg+xml"),
        ("assets/logo.PNG", "image/png"),
        ("assets/photo.jpeg", "image/jpeg"),
        ("assets/logo.webp", "image/webp"),
        ("assets/favicon.ico", "image/vnd.microsoft.icon"),
        ("assets/House Sans.woff2", "font/woff2"),
        ("assets/house.ttf", "font/ttf"),
        ("README.md", "text/plain; charset=utf-8"),
        ("assets.d/noextension", "application/octet-stream"),
        ("archive.tar.gz", "application/octet-stream"),
    ])
    func contentTypes(path: String, type: String) {
        #expect(SitePath.contentType(of: path) == type)
    }
}
