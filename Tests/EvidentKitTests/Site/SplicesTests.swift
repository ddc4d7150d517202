import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentSite

/// Large values of an index page are placed after Mustache has rendered it: the page must come
/// out exactly as Mustache alone would write it.
@Suite struct SplicesTests {
    private let large = String(repeating: "<tr><td>row</td></tr>\n", count: Splices.threshold / 20)

    @Test func largeValuesAtAnyDepthBecomeMarkersAndComeBack() throws {
        var context: [String: Any] = [
            "small": "kept",
            "top": large,
            "table": ["rowsHTML": large + "1", "count": 3] as [String: Any],
            "list": [["html": MustacheText(large + "2")], ["html": "small"]] as [[String: Any]],
        ]
        var splices = Splices(token: "T")
        splices.lift(&context)
        #expect(splices.values.count == 3)
        #expect(context["small"] as? String == "kept")
        let marker = try #require(context["top"] as? String)
        #expect(marker.utf8.count < 100)
        let table = try #require(context["table"] as? [String: Any])
        let list = try #require(context["list"] as? [[String: Any]])
        #expect(list[1]["html"] as? String == "small")
        let rowsMarker = try #require(table["rowsHTML"] as? String)
        let listMarker = try #require(list[0]["html"] as? MustacheText).value
        let rendered = "<p>\(marker)</p><table>\(rowsMarker)</table>\(rowsMarker)<ul>\(listMarker)</ul>"
        #expect(splices.place(in: rendered).joined()
            == "<p>\(large)</p><table>\(large)1</table>\(large)1<ul>\(large)2</ul>")
    }

    @Test func textThatOnlyLooksLikeAMarkerStays() {
        var context: [String: Any] = ["rows": large]
        var splices = Splices(token: "T")
        splices.lift(&context)
        let lookalike = "\u{1}evident-splice-OTHER-0\u{1} and \u{1}evident-splice-T-9\u{1}"
        #expect(splices.place(in: lookalike).joined() == lookalike)
        #expect(Splices(token: "U").place(in: "no markers") == ["no markers"])
    }

    /// The register of a tree large enough to be spliced, as the site writes it, is what Mustache
    /// renders from the same context without splicing; on disk too.
    @Test func aSplicedRegisterIsWhatMustacheWouldWrite() throws {
        var files = ExampleTree.base
        for i in 0..<150 {
            let id = String(format: "OBJ-GEN-%03d", i)
            files["objectives/\(id).md"] = ExampleTree.objective(replacing: ["OBJ-INC-01": id])
        }
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check(asOf: ExampleTree.asOf)
        let theme = try Theme.embedded()
        let site = try SiteIndex(result: result, theme: theme)
        let page = SiteBuilder.context(of: .register, site)
        let plain = try theme.render(page.template, page.context)
        #expect(plain.utf8.count > Splices.threshold)
        let built = try SiteBuilder.build(result: result, theme: theme)
        #expect(built["register.html"] == Data(plain.utf8))
        let output = tree.url.appendingPathComponent("site")
        try SiteBuilder.write(result: result, theme: theme, to: output)
        #expect(try Data(contentsOf: output.appendingPathComponent("register.html")) == Data(plain.utf8))
        #expect(try Data(contentsOf: output.appendingPathComponent("data/register.json"))
            == Data(Registers.registerJSON(result).serialized().utf8))
    }
}
