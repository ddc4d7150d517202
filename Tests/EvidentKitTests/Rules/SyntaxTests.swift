import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// Edge cases of the syntax rules that their examples do not show.
@Suite struct SyntaxDuplicateIDTests {
    /// The findings of one rule on the base tree with `files` laid over it.
    private func findings(_ rule: any Rule.Type, _ files: [String: String]) throws -> (TemporaryTree, [Finding]) {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        let all = try tree.check().findings
        return (tree, all.filter { $0.rule == rule.id })
    }

    /// Every declaration is reported. The base objective's file is named after the id, so it is
    /// the original: the copies are told to change their id, the original that it keeps it.
    @Test func everyDeclarationIsReportedAndTheCopyIsBlamed() throws {
        let copy = ExampleTree.objective(replacing: ["status: active": "status: retired"])
        let (tree, found) = try findings(SyntaxDuplicateID.self, [
            "objectives/a/OBJ-X.md": copy,
            "objectives/b/OBJ-Y.md": copy,
        ])
        defer { tree.remove() }
        let original = tree.display("objectives/OBJ-INC-01.md")
        #expect(Set(found.map(\.location.file)) == [original, tree.display("objectives/a/OBJ-X.md"), tree.display("objectives/b/OBJ-Y.md")])
        #expect(found.allSatisfy { $0.objective == "OBJ-INC-01" })
        for f in found where f.location.file != original {
            #expect(f.message.contains(original + ":2:5") && f.message.contains("looks like a copy of it. Give this objective an id of its own"))
        }
        let kept = try #require(found.first { $0.location.file == original })
        #expect(kept.message.contains("OBJ-X.md:2:5") && kept.message.contains("OBJ-Y.md:2:5") && kept.message.contains("keeps it"))
    }

    /// Without a file named after the id, each declaration names the others, and the first in
    /// path order says it is the one in use.
    @Test func withoutAnOriginalEachNamesTheOthers() throws {
        let copy = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-DUP"])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["objectives/a.md": copy, "objectives/b.md": copy])
        defer { tree.remove() }
        #expect(found.map(\.location.file) == [tree.display("objectives/a.md"), tree.display("objectives/b.md")])
        #expect(found.first?.message.contains("b.md:2:5") == true && found.first?.message.contains("evident uses this one") == true)
        #expect(found.last?.message.contains("a.md:2:5") == true && found.last?.message.contains("first in path order") == true)
    }

    /// The file named after the id is the original, but when a copy comes first in path order
    /// that copy is the one in use, and every message says so.
    @Test func theDeclarationInUseIsTheFirstInPathOrder() throws {
        let copy = ExampleTree.objective(replacing: ["target: \"<= 4 h\"": "target: \"<= 3 h\""])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["objectives/A.md": copy])
        defer { tree.remove() }
        let first = tree.display("objectives/A.md"), original = tree.display("objectives/OBJ-INC-01.md")
        #expect(found.map(\.location.file) == [first, original])
        #expect(found.first?.message.contains("evident uses this one meanwhile") == true)
        let kept = try #require(found.first { $0.location.file == original })
        #expect(kept.message.contains("evident uses the first in path order, at `\(first):2:5`, meanwhile"), "\(kept.message)")
    }

    /// Many declarations of one id: each finding names the kept one and a few others, and counts
    /// the rest, so the output grows with the number of declarations, not with its square.
    @Test func manyDeclarationsNameAFewAndCountTheRest() throws {
        let copy = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-DUP"])
        var files: [String: String] = [:]
        for n in 10..<60 { files["objectives/d\(n).md"] = copy }
        let (tree, found) = try findings(SyntaxDuplicateID.self, files)
        defer { tree.remove() }
        #expect(found.count == 50)
        let kept = tree.display("objectives/d10.md") + ":2:5"
        for f in found {
            #expect(f.message.contains("and 46 more"), "\(f.message)")
            #expect(f.message.components(separatedBy: ".md:2:5").count - 1 == SyntaxDuplicateID.othersShown, "\(f.message)")
            if f.location.file != tree.display("objectives/d10.md") { #expect(f.message.contains(kept)) }
        }
        #expect(found.first?.message.contains("d11.md:2:5`, `" + tree.display("objectives/d12.md")) == true)
    }

    /// A risk declared twice is reported at both, not dropped silently: objectives name risks by id.
    /// Ids are folded to one text exactly when they differ only in case, in and outside ASCII.
    @Test func caseFoldingMatchesIdsThatDifferOnlyInCase() {
        let fold = SyntaxDuplicateID.caseFolded
        #expect(fold("obj-inc-01") == fold("OBJ-INC-01"))
        #expect(fold("Obj-Inc-01") == fold("OBJ-INC-01"))
        #expect(fold("ÄRGER-1") == fold("ärger-1"))
        #expect(fold("OBJ-INC-01") == "OBJ-INC-01")
        #expect(fold("OBJ-INC-01") != fold("OBJ-INC-1"))
    }

    /// An id that shows as another's (a zero-width space or a direction mark in it, a full-width
    /// letter) is reported at both, saying what differs; ids that differ in what they show are not.
    @Test func idsThatLookTheSameAreReported() throws {
        let look = SyntaxDuplicateID.lookAlike
        #expect(look("OBJ-INC-01\u{200B}") == look("OBJ-INC-01"))
        #expect(look("OBJ-\u{202E}INC-01") == look("obj-inc-01"))
        #expect(look("\u{FF2F}BJ-INC-01") == look("OBJ-INC-01"))
        #expect(look("OBJ-INC-01") == "OBJ-INC-01")
        // Default-ignorable characters that are not format characters show as nothing too: a
        // variation selector, the combining grapheme joiner, a Hangul filler.
        for hidden in ["\u{FE0F}", "\u{034F}", "\u{3164}"] {
            #expect(look("OBJ-INC-01" + hidden) == look("OBJ-INC-01"), "\(hidden.unicodeScalars.map(\.value))")
        }
        #expect(look("OBJ-INC-01") != look("OBJ-INC-02") && look("OBJ-INC-0\u{661}") != look("OBJ-INC-01"))
        #expect(look("ÄRGER-1") != look("ARGER-1"))

        let spoof = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-INC-01\\u200B\""])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["objectives/OBJ-INC-02.md": spoof])
        defer { tree.remove() }
        #expect(found.map(\.location.file) == [tree.display("objectives/OBJ-INC-01.md"), tree.display("objectives/OBJ-INC-02.md")])
        for f in found {
            #expect(f.message.contains("looks the same as the id of the objective") && f.message.contains("U+200B"), "\(f.message)")
        }

        let other = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-INC-0\\u0661\""])
        let (otherTree, none) = try findings(SyntaxDuplicateID.self, ["objectives/OBJ-INC-02.md": other])
        defer { otherTree.remove() }
        #expect(none.isEmpty, "an Arabic-Indic digit shows as another digit")
    }

    /// An id with a Cyrillic or Greek letter drawn as a Latin one (typed with the keyboard in
    /// another layout, or made to pass for another id) is reported with the other, naming the letter.
    @Test func idsWithCyrillicOrGreekLettersThatLookLatinAreReported() throws {
        let look = SyntaxDuplicateID.lookAlike
        #expect(look("OBJ-\u{0406}NC-01") == look("OBJ-INC-01"))
        #expect(look("\u{039F}BJ-\u{0456}nc-01") == look("OBJ-INC-01"), "Greek capital omicron, Cyrillic small i")
        #expect(look("\u{0426}\u{0415}\u{041B}\u{042C}-01") != look("OBJ-INC-01"))
        let spoof = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-\\u0406NC-01\""])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["objectives/OBJ-INC-02.md": spoof])
        defer { tree.remove() }
        #expect(found.map(\.location.file) == [tree.display("objectives/OBJ-INC-01.md"), tree.display("objectives/OBJ-INC-02.md")])
        for f in found {
            #expect(f.message.contains("they differ only in `\u{0406}` (U+0406), a Cyrillic letter drawn as the Latin `I`, or in case."), "\(f.message)")
        }
    }

    /// An accented id written composed in one file and decomposed in another (`é`, or `e` and
    /// U+0301, as macOS may write it) is one id to Swift and to a reader: reported as declared twice,
    /// saying why two ids that look alike and are spelt alike clash.
    @Test func anIdWrittenInTwoUnicodeFormsIsOneIdDeclaredTwice() throws {
        let composed = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-CAF\\u00C9-01\""])
        let decomposed = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-CAFE\\u0301-01\""])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["objectives/a.md": composed, "objectives/b.md": decomposed])
        defer { tree.remove() }
        #expect(found.count == 2)
        for f in found {
            #expect(f.message.hasSuffix("The files write an accented letter two ways (as one character, and as a letter and its accent), which read as one id."), "\(f.message)")
        }
        // Written the same way, the message says nothing of it.
        let (same, twice) = try findings(SyntaxDuplicateID.self, ["objectives/a.md": composed, "objectives/b.md": composed])
        defer { same.remove() }
        #expect(twice.count == 2 && twice.allSatisfy { !$0.message.contains("two ways") })
    }

    @Test func aRiskDeclaredTwiceIsReported() throws {
        let risks = ExampleTree.edit(ExampleTree.risks, ["---\nThe risks,": "  - id: R-1\n    text: Data centre flood.\n---\nThe risks,"])
        let (tree, found) = try findings(SyntaxDuplicateID.self, ["risks.md": risks])
        defer { tree.remove() }
        #expect(found.map(\.location.description) == [tree.display("risks.md") + ":4:9", tree.display("risks.md") + ":7:9"])
        #expect(found.last?.message.contains("is also the id of the risk at `" + tree.display("risks.md") + ":4:9`") == true)
    }

    @Test func actionsAreUniqueAcrossReviewsButKindsAreSeparate() throws {
        let (tree, found) = try findings(SyntaxDuplicateID.self, [
            "reviews/2026-11-20.md": ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-20", "id: ACT-1": "id: POL-1"]),
        ])
        defer { tree.remove() }
        #expect(found.isEmpty, "an action may share an id with a policy statement")
    }
}

/// What `syntax/link` says, beyond where: its examples hold the places.
@Suite struct SyntaxLinkTests {
    private func findings(_ files: [String: String]) throws -> (TemporaryTree, [Finding]) {
        let tree = try TemporaryTree(PreparedExample(RuleExample(files)).files)
        return (tree, try tree.check().findings.filter { $0.rule == SyntaxLink.id })
    }

    /// A `../` too many or too few: the one file of that name is offered, as written from here.
    @Test func aPathThatClimbsWrongIsOfferedTheFileOfThatName() throws {
        let (tree, found) = try findings(["objectives/team/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "Rationale.": "Rationale: see the [policy](../policy.md) and the [contract](../../requirements/gone.md).",
        ])])
        defer { tree.remove() }
        #expect(found.count == 2)
        #expect(found.first?.message.contains("leads to `objectives/policy.md`") == true)
        #expect(found.first?.message.contains("did you mean `../../policy.md`?") == true, "\(found.first?.message ?? "")")
        // No file of that name: the closest name in its folder.
        #expect(found.last?.message.contains("did you mean `../../requirements/msa.md`?") == true, "\(found.last?.message ?? "")")
    }

    /// A link to a successor not written yet (`OBJ-SD-02.md` from `OBJ-SD-01.md`) is not offered
    /// the file it is written in, the closest name in its folder.
    @Test func aLinkIsNotOfferedTheFileItIsIn() throws {
        let (tree, found) = try findings(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "Rationale.": "Superseded by [OBJ-INC-02](OBJ-INC-02.md).",
        ])])
        defer { tree.remove() }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("leads to `objectives/OBJ-INC-02.md`") == true)
        #expect(found.first?.message.contains("did you mean") == false, "\(found.first?.message ?? "")")
    }

    /// A body that the scan leaves to cmark (raw HTML, a reference definition) is still read, at
    /// the right lines.
    @Test func aBodyLeftToCmarkIsRead() throws {
        let (tree, found) = try findings(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
            "Rationale.": "Rationale, with <b>bold</b>.\n\nSee [the minutes][m].\n\n[m]: ../reviews/missing.md",
        ])])
        defer { tree.remove() }
        let lines = found.compactMap(\.location.line)
        #expect(found.count == 2 && lines.count == 2, "\(found.map(\.message))")
        #expect(found.first?.message.contains("raw HTML, from this `<b>` on") == true)
        #expect(found.last?.message.contains("leads to `reviews/missing.md`") == true)
        #expect(lines.last.map { $0 - (lines.first ?? 0) } == 2)
    }
}
