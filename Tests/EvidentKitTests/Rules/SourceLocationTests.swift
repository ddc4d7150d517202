import Foundation
import Testing
@testable import EvidentModel

/// Locations store line and column compactly; what they say must not change.
@Suite struct SourceLocationTests {
    @Test func lineAndColumnReadBackAsGiven() {
        var place = SourceLocation(file: "content/a.md", line: 12, column: nil)
        #expect(place.line == 12 && place.column == nil)
        #expect(place.description == "content/a.md:12")
        place.column = 7
        #expect(place.description == "content/a.md:12:7")
        place.line = nil
        place.column = nil
        #expect(place.description == "content/a.md")
        #expect(SourceLocation(file: "x", line: 2_000_000, column: 40_000).description == "x:2000000:40000")
        #expect(SourceLocation(file: "x", line: 1, column: 1) == .wholeFile("x"))
        #expect(SourceLocation(file: "x", line: 1) != .wholeFile("x"))
    }

    @Test func orderIsByFileThenLineThenColumn() {
        let places = [SourceLocation(file: "b", line: 1, column: 1), SourceLocation(file: "a", line: 9, column: 2),
                      SourceLocation(file: "a", line: 9, column: 1), SourceLocation(file: "a"), SourceLocation(file: "a", line: 2)]
        #expect(places.sorted().map(\.description) == ["a", "a:2", "a:9:1", "a:9:2", "b:1:1"])
    }

    @Test func codableRoundTripKeepsAbsentFieldsAbsent() throws {
        for place in [SourceLocation(file: "a", line: 3, column: 4), SourceLocation(file: "b", line: 5), SourceLocation(file: "c")] {
            let data = try JSONEncoder().encode(place)
            #expect(try JSONDecoder().decode(SourceLocation.self, from: data) == place)
            let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
            var expected: Set<String> = ["file"]
            if place.line != nil { expected.insert("line") }
            if place.column != nil { expected.insert("column") }
            #expect(Set(keys) == expected)
        }
    }
}
