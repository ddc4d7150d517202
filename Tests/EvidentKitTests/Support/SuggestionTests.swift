import Testing
@testable import EvidentSupport

@Suite struct SuggestionTests {
    @Test func theClosestNameWithinTheThresholdIsSuggested() {
        #expect(Suggestion.closest(to: "OBJ-INC-1", in: ["OBJ-CHG-01", "OBJ-INC-01"]) == "OBJ-INC-01")
        #expect(Suggestion.closest(to: "obj-inc-01", in: ["OBJ-INC-01"]) == "OBJ-INC-01")
        #expect(Suggestion.closest(to: "POL-9", in: ["OBJ-INC-01"]) == nil)
        #expect(Suggestion.distance("kitten", "sitting") == 3)
    }

    /// A short name is suggested only for a word that keeps part of it: `a0` and `x` share nothing
    /// with `id`, though both are within two edits of it.
    @Test func aHintThatChangesEveryCharacterIsNone() {
        #expect(Suggestion.closest(to: "a0", in: ["id", "title"]) == nil)
        #expect(Suggestion.closest(to: "x", in: ["id"]) == nil)
        #expect(Suggestion.closest(to: "ix", in: ["id"]) == "id")
        #expect(Suggestion.closest(to: "ID", in: ["id"]) == "id")
        #expect(Suggestion.closest(to: "chek", in: ["check", "build"]) == "check")
        #expect(Suggestion.closest(to: "dew", in: ["due"]) == "due")
    }

    /// Past the length cap neither the word nor a candidate is compared, however close they are.
    @Test func namesLongerThanTheCapGetNoHint() {
        let long = String(repeating: "a", count: Suggestion.lengthLimit + 1)
        #expect(Suggestion.closest(to: long, in: [long + "b"]) == nil)
        #expect(Suggestion.closest(to: "aaaa", in: [long, "aaab"]) == "aaab")
        #expect(Suggestion.closest(to: String(long.dropLast()), in: [long]) == nil)
    }

    /// Many long unknown names against many long candidates: the cap keeps each hint cheap.
    @Test func longNamesDoNotMakeHintsSlow() {
        let candidates = (0..<300).map { "POL-\($0)-" + String(repeating: "x", count: 2_000) }
        expectQuick(within: .seconds(20), "300 hints") {
            for n in 0..<300 {
                #expect(Suggestion.closest(to: "POL-\(n)-" + String(repeating: "y", count: 2_000), in: candidates) == nil)
            }
        }
    }
}
