import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentSite

/// The owners page and the register's owner filter list names as a reader looks them up (case,
/// accents and Unicode form aside), the same on every machine: in code point order `Zahlungsdienst`
/// came before `Ärger` and `İşyeri`.
@Suite struct OwnerOrderTests {
    @Test func namesSortAsAReaderLooksThemUp() {
        #expect(NameOrder.sorted(["Zahlungsdienst", "İşyeri Hizmet Sahibi", "Ärger Team", "anna", "Berta", "サービス責任者", "Isaac"]) == [
            "anna", "Ärger Team", "Berta", "Isaac", "İşyeri Hizmet Sahibi", "Zahlungsdienst", "サービス責任者",
        ])
        // A composed and a decomposed spelling of one name keep one order between them.
        #expect(NameOrder.sorted(["Jos\u{65}\u{301}", "Jos\u{E9}"]) == NameOrder.sorted(["Jos\u{E9}", "Jos\u{65}\u{301}"]))
    }

    @Test func ownersPageAndRegisterFilterFollowIt() throws {
        var files = ExampleTree.base
        for (n, owner) in ["Zahlungsdienst", "İşyeri Hizmet Sahibi", "Ärger Team"].enumerated() {
            files["objectives/OBJ-INC-0\(n + 2).md"] = ExampleTree.objective(replacing: [
                "id: OBJ-INC-01": "id: OBJ-INC-0\(n + 2)",
                "owner: Incident Process Owner": "owner: \(owner)",
            ])
        }
        let pages = Dictionary(uniqueKeysWithValues: SiteTestSupport.pages(try SiteTestSupport.site(of: files)).map { ($0.path, $0.html) })
        func positions(_ html: String, _ names: [String]) -> [Int] {
            names.map { name in html.range(of: name).map { html.distance(from: html.startIndex, to: $0.lowerBound) } ?? -1 }
        }
        let expected = ["Ärger Team", "Incident Process Owner", "İşyeri Hizmet Sahibi", "Zahlungsdienst"]
        let owners = try #require(pages["owners.html"])
        let onOwners = positions(owners, expected)
        #expect(!onOwners.contains(-1) && onOwners == onOwners.sorted())
        let register = try #require(pages["register.html"])
        let filter = try #require(register.range(of: "<option value=\"Ärger Team\"")).lowerBound
        let options = String(register[filter...])
        let inFilter = positions(options, expected.map { "<option value=\"\($0)\"" })
        #expect(!inFilter.contains(-1) && inFilter == inFilter.sorted())
    }
}
