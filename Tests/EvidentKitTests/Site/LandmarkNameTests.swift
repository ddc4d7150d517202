import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

/// Every landmark of a page has a name of its own, as axe-core's `landmark-unique` asks: a screen
/// reader lists the landmarks by name, and two of the same name cannot be told apart.
@Suite struct LandmarkNameTests {
    /// ISO/IEC 20000-1 and ISO 9001 both number the policy item 6.2.1 a: a finding on it gives
    /// each standard's readiness section a findings section of the same clause and title.
    @Test func theReadinessFindingsOfTwoStandardsWithTheSameClauseAreToldApart() throws {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "standards: [iso20000-1, iso9001]\n"
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "policy: [POL-1]": "policy: [POL-1, POL-404]",
            "status: active\n": "status: active\ncustomer_relevance: Users get service back sooner.\n",
        ])
        let site = try SiteTestSupport.site(of: files)
        let readiness = String(decoding: try #require(site["readiness.html"]), as: UTF8.self)
        let names = Self.landmarkNames(in: readiness)
        #expect(names.contains("ISO/IEC 20000-1:2018 6.2.1 a Consistent with the policy Fails"), "\(names)")
        #expect(names.contains("ISO 9001:2015 6.2.1 a Consistent with the policy Fails"), "\(names)")
        let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "landmarks named alike on readiness.html: \(repeated)")
    }

    @Test func everyPageOfTheExampleSiteNamesEachLandmarkOnce() throws {
        for (path, html) in SiteTestSupport.pages(try SiteTestSupport.exampleSite()) {
            let names = Self.landmarkNames(in: html)
            let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "landmarks named alike on \(path): \(repeated)")
        }
    }

    /// The names of the named landmarks: `<section>`, `<nav>`, `<aside>` and `role="region"` with
    /// `aria-label` or `aria-labelledby` (whose ids' texts are joined with a space).
    static func landmarkNames(in html: String) -> [String] {
        SiteTestSupport.tags(in: html).compactMap { tag -> String? in
            let isLandmark = tag.hasPrefix("<section ") || tag.hasPrefix("<nav ") || tag.hasPrefix("<aside ")
                || tag.contains(" role=\"region\"")
            guard isLandmark else { return nil }
            if let label = SiteTestSupport.attributes("aria-label", in: tag).first { return label }
            guard let ids = SiteTestSupport.attributes("aria-labelledby", in: tag).first else { return nil }
            return ids.split(separator: " ").map { text(ofElement: String($0), in: html) }.joined(separator: " ")
        }
    }

    /// The text of the element with this id, tags and `aria-hidden` parts left out, spaces collapsed.
    static func text(ofElement id: String, in html: String) -> String {
        guard let attribute = html.range(of: " id=\"\(id)\""),
              let open = html[..<attribute.lowerBound].lastIndex(of: "<") else { return "" }
        let name = html[html.index(after: open)...].prefix { $0.isLetter || $0.isNumber }
        guard let start = html[attribute.upperBound...].firstIndex(of: ">"),
              let end = html[start...].range(of: "</\(name)>") else { return "" }
        var inner = String(html[html.index(after: start)..<end.lowerBound])
        while let hidden = inner.range(of: "<span class=\"badge-icon\" aria-hidden=\"true\">"),
              let close = inner[hidden.upperBound...].range(of: "</span>") {
            inner.removeSubrange(hidden.lowerBound..<close.upperBound)
        }
        var text = ""
        var inTag = false
        for character in inner {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
