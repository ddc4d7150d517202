import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

/// The whole site of `content/` as of 2026-11-29: every link leads somewhere inside it, and every
/// page carries the properties SPEC 6 asks of all of them.
@Suite struct SiteLinkTests {
    @Test func everyRelativeLinkAndFragmentResolves() throws {
        let site = try SiteTestSupport.exampleSite()
        let pages = SiteTestSupport.pages(site)
        var ids: [String: Set<String>] = [:]
        for page in pages { ids[page.path] = Set(SiteTestSupport.attributes("id", in: page.html)) }

        var checked = 0
        var problems: [String] = []
        for page in pages {
            for link in SiteTestSupport.attributes("href", in: page.html) + SiteTestSupport.attributes("src", in: page.html) {
                checked += 1
                let lowered = link.lowercased()
                if lowered.contains(":") || link.hasPrefix("//") || link.hasPrefix("/") {
                    problems.append("\(page.path): `\(link)` leaves the site")
                    continue
                }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let file = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : nil
                let target = file.isEmpty ? page.path : SiteTestSupport.resolve(file, from: page.path)
                guard let target, site[target] != nil else {
                    problems.append("\(page.path): `\(link)` names no file of the site")
                    continue
                }
                if let fragment, !(ids[target]?.contains(fragment) ?? false) {
                    problems.append("\(page.path): `\(link)` names no element of \(target)")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(checked > 1000, "the walker should have followed the whole site, not \(checked) links")
    }

    @Test func everyPageOfSpecSixIsThere() throws {
        let site = try SiteTestSupport.exampleSite()
        for path in ["index.html", "register.html", "policy.html", "requirements.html", "functions.html", "metrics.html",
                     "reviews/index.html", "changes.html", "readiness.html", "owners.html", "assets/style.css",
                     "assets/evident.js", "data/register.json", "data/register.csv", "data/findings.json", "README.md",
                     "objectives/obj-inc-01.html", "objectives/obj-sd-03.html", "reviews/ops-review-2026-11-12.html"] {
            #expect(site[path] != nil, "missing \(path)")
        }
        #expect(site.keys.filter { $0.hasPrefix("objectives/") }.count == 19)
        #expect(site.keys.filter { $0.hasPrefix("reviews/") && $0 != "reviews/index.html" }.count == 22)
        #expect(site["README.md"] == Data(SiteBuilder.readme.utf8))
        // The repository tracks site/README.md (the rest of site/ is ignored): the same text.
        let tracked = FileManager.default.contents(atPath: SiteTestSupport.repository.appendingPathComponent("site/README.md").path)
        #expect(tracked == Data(SiteBuilder.readme.utf8), "site/README.md differs from SiteBuilder.readme")
    }

    @Test func noPageRefersToAnythingOutsideTheSite() throws {
        let site = try SiteTestSupport.exampleSite()
        for (path, data) in site where path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js") {
            let text = String(decoding: data, as: UTF8.self)
            // Outside plain text, a URL could only appear in an attribute or a CSS url(...).
            for name in ["href", "src", "action", "srcset", "poster", "data"] {
                for value in SiteTestSupport.attributes(name, in: text) {
                    #expect(!value.contains("//"), "\(path): \(name)=\"\(value)\"")
                }
            }
            #expect(!text.contains("url("), "\(path) loads something from CSS")
            #expect(!text.contains("@import"), "\(path) imports a stylesheet")
        }
    }

    /// CSP on every page; scripts only from files; no inline styles, so `style-src 'self'` holds; a
    /// theme's own images and fonts in `assets/` load (`img-src`, `font-src`).
    @Test func everyPageHasTheContentSecurityPolicyAndNoInlineCode() throws {
        let site = try SiteTestSupport.exampleSite()
        let csp = #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'">"#
        for page in SiteTestSupport.pages(site) {
            #expect(page.html.contains(csp), "\(page.path) has no CSP")
            #expect(page.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(page.path) has no doctype or lang")
            #expect(!page.html.contains(" style=\""), "\(page.path) has an inline style")
            #expect(!page.html.contains("<style"), "\(page.path) has a style element")
            for handler in ["onclick", "onload", "onerror", "onmouseover", "onfocus", "onchange"] {
                #expect(!page.html.contains(" \(handler)="), "\(page.path) has an inline \(handler) handler")
            }
            let scripts = page.html.components(separatedBy: "<script").count - 1
            let external = page.html.components(separatedBy: "<script src=\"").count - 1
            #expect(scripts == 1 && external == 1, "\(page.path) has an inline script")
            #expect(page.html.contains(##"<a class="skip-link" href="#main">"##) && page.html.contains(##"<main id="main""##))
        }
    }

    /// Accessibility that can be read from the markup: one h1, no skipped heading level, header
    /// cells with a scope, labelled controls.
    @Test func headingsAreInOrderAndTablesHaveHeaderCells() throws {
        let site = try SiteTestSupport.exampleSite()
        for page in SiteTestSupport.pages(site) {
            var levels: [Int] = []
            var rest = page.html[...]
            while let r = rest.range(of: "<h") {
                let after = rest[r.upperBound...]
                if let c = after.first, let n = c.wholeNumberValue, (1...6).contains(n),
                   after.dropFirst().first == ">" || after.dropFirst().first == " " {
                    levels.append(n)
                }
                rest = after
            }
            #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "\(page.path): \(levels)")
            for (a, b) in zip(levels, levels.dropFirst()) {
                #expect(b <= a + 1, "\(page.path) jumps from h\(a) to h\(b)")
            }
            func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }
            let headerCells = count(page.html, "<th>") + count(page.html, "<th ")
            let scoped = page.html.components(separatedBy: "<th scope=\"").count - 1
            // Markdown tables in bodies come from cmark without a scope; count only the theme's.
            let bodyCells = page.html.components(separatedBy: "<div class=\"prose\" dir=\"auto\">").dropFirst()
                .map { $0.components(separatedBy: "</div>").first ?? "" }
                .map { count($0, "<th>") + count($0, "<th ") }.reduce(0, +)
            #expect(headerCells - bodyCells == scoped, "\(page.path): a theme header cell without scope")
            for control in SiteTestSupport.attributes("id", in: page.html) where page.html.contains("<select id=\"\(control)\"") || page.html.contains("<input type=\"search\" id=\"\(control)\"") {
                #expect(page.html.contains("<label for=\"\(control)\">"), "\(page.path): #\(control) has no label")
            }
        }
    }
}
