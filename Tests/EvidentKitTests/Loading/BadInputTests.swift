import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentModel

/// Bad input of every kind gives a positioned finding, never a crash or a hang.
@Suite struct BadInputTests {
    /// Writes `bytes` at `path` over the base tree, checks it, and returns the findings for that file.
    private func findings(at path: String, _ bytes: Data, asOf: String = ExampleTree.asOf) throws -> [Finding] {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write(path, bytes)
        return try tree.check(asOf: asOf).findings.filter { $0.location.file == tree.display(path) }
    }

    private func findings(at path: String, _ text: String) throws -> [Finding] {
        try findings(at: path, Data(text.utf8))
    }

    /// An open quote is reported where it opens only when the value ran on from it to the line the
    /// parser stopped on; a quoted value that closes, even over two lines, leaves the parser's place.
    @Test func unclosedQuotePlace() throws {
        func yaml(_ f: [Finding]) -> [String] { f.filter { $0.rule == "syntax/yaml" }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } }
        let open = ExampleTree.objective(replacing: ["title: Restore priority-1 incidents quickly": "title: 'Restore priority-1 incidents quickly"])
        let openFindings = try findings(at: "objectives/OBJ-INC-01.md", open)
        #expect(yaml(openFindings) == ["3:8"])
        #expect(openFindings.first?.message.contains("the quote that opens this value is not closed on this line") == true)
        let closedOverTwoLines = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: \"Restore priority-1\n  incidents quickly\"",
            "statement: Restore": "statement: a: \"b\" Restore",
        ])
        let twoLines = yaml(try findings(at: "objectives/OBJ-INC-01.md", closedOverTwoLines))
        #expect(twoLines == ["5:13"])
        let closedOnItsLine = ExampleTree.objective(replacing: [
            "title: Restore priority-1 incidents quickly": "title: \"Restore priority-1 incidents quickly\"",
            "status: active": "status: \"active\" now",
        ])
        let oneLine = yaml(try findings(at: "objectives/OBJ-INC-01.md", closedOnItsLine))
        #expect(oneLine == ["5:18"])
    }

    /// A control character is reported at itself, named, in front-matter and in evident.yml.
    @Test func controlCharacterPlace() throws {
        let objective = ExampleTree.objective(replacing: ["  counts: All P1": "  counts: All\u{0B} P1"])
        let found = try findings(at: "objectives/OBJ-INC-01.md", objective).filter { $0.rule == "syntax/yaml" }
        let line = (objective.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\u{0B}") } ?? 0) + 1
        #expect(found.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["\(line):14"])
        #expect(found.first?.message == "The YAML cannot be read: control characters are not allowed (U+000B here). Remove it: no text needs one.")
        let config = try #require(ExampleTree.base["evident.yml"]) + "note: a\u{01}b\n"
        let inConfig = try findings(at: "evident.yml", config).filter { $0.rule == "syntax/yaml" }
        #expect(inConfig.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["\(config.split(separator: "\n").count):8"])
    }

    /// A control character written as an escape in a double-quoted value (YAML refuses it written
    /// as it is) is `syntax/type`'s finding at the value, which is then unread: the escape would
    /// reach register.csv and a terminal as it is. A tab or a line break written so is text.
    @Test func escapedControlCharacterIsRefused() throws {
        for escape in ["\\u001B[2J", "\\e[31m", "\\x9B", "\\r", "\\0"] {
            let objective = ExampleTree.objective(replacing: ["owner: Incident Process Owner": "owner: \"Incident\(escape) Process Owner\""])
            let found = try findings(at: "objectives/OBJ-INC-01.md", objective)
            let line = (objective.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("owner:") } ?? 0) + 1
            #expect(found.map { "\($0.rule) \($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["syntax/type \(line):8"], "\(escape)")
            #expect(found.first?.message.contains("`owner` in the objective holds the control character U+") == true)
        }
        let listed = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [\"POL-1\\u0007\"]"])
        #expect(try findings(at: "objectives/OBJ-INC-01.md", listed).map(\.rule) == ["syntax/type"])
        let text = ExampleTree.objective(replacing: ["owner: Incident Process Owner": "owner: \"Incident\\tProcess\\nOwner\""])
        #expect(try findings(at: "objectives/OBJ-INC-01.md", text).isEmpty)
    }

    /// A date or a threshold with a character that looks like an ASCII one (a non-breaking hyphen,
    /// a full-width digit, the minus sign) is refused, and the message names it and the value in
    /// ASCII: the two look the same on the page.
    @Test func lookAlikeCharactersAreNamed() throws {
        let path = "objectives/OBJ-INC-01.md"
        let approvedOn = try #require(ExampleTree.objective.split(separator: "\n").first { $0.hasPrefix("approved_on:") })
        for (written, char) in [("2026\u{2011}01-15", "`\u{2011}` (U+2011), which looks like `-`"), ("\u{FF12}026-01-15", "`\u{FF12}` (U+FF12), which looks like `2`")] {
            let found = try findings(at: path, ExampleTree.objective(replacing: [String(approvedOn): "approved_on: \(written)"]))
            #expect(found.map(\.message) == [
                "`approved_on` must be a real date written YYYY-MM-DD, like 2026-01-15; `\(written)` is not. It has \(char) but is not the character evident reads: write `2026-01-15`.",
            ])
        }
        let minus = try findings(at: path, ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"": "tolerance: \"<= \u{2212}6 h\""]))
        #expect(minus.map(\.message).first?.hasSuffix(" It has `\u{2212}` (U+2212), which looks like `-` but is not the character evident reads: write `<= -6 h`.") == true, "\(minus)")
        let history = ExampleTree.objective(replacing: ["    approved_by: Head of Service Management\n": "    approved_by: Head of Service Management\n    target: \"<= \u{FF14} h\"\n"])
        #expect(try findings(at: path, history).map(\.message).contains {
            $0.hasSuffix("is not: it has `\u{FF14}` (U+FF14), which looks like `4` but is not the character evident reads: write `<= 4 h`.")
        })
    }

    /// An id holding a character that shows as nothing is reported at the value, naming the
    /// character and the id it reads as; the id is still read, so what names it finds it.
    @Test func anIdWithAHiddenCharacterIsNamed() throws {
        let path = "objectives/OBJ-INC-01.md"
        let objective = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-INC-01\\u202E\""])
        let found = try findings(at: path, objective).filter { $0.rule == "syntax/type" }
        #expect(found.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["2:5"])
        #expect(found.map(\.message) == ["`id` in the objective holds a direction control, U+202E, which shows as nothing and changes the order in which the characters around it are shown: the id reads as `OBJ-INC-01` and is another, which a reference typed as it reads does not name. Delete the character."])
        let config = try #require(ExampleTree.base["evident.yml"]).replacingOccurrences(of: "  - id: incident", with: "  - id: \"inci\\u200Bdent\"")
        let inConfig = try findings(at: "evident.yml", config).filter { $0.rule == "syntax/type" }
        #expect(inConfig.map(\.message) == ["`id` in the function holds an invisible character, U+200B, which shows as nothing: the id reads as `incident` and is another, which a reference typed as it reads does not name. Delete the character."])
        let filler = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: \"OBJ-INC-01\\u3164\""])
        #expect(try findings(at: path, filler).filter { $0.rule == "syntax/type" }.map(\.message) == [
            "`id` in the objective holds an invisible character, U+3164, which shows as nothing: the id reads as `OBJ-INC-01` and is another, which a reference typed as it reads does not name. Delete the character.",
        ])
    }

    /// A value with a YAML tag is read by a YAML tool as the tag says (`!!null 2026-02-12` is no
    /// date at all) and by evident as its field says: `syntax/type`'s finding at the value, which
    /// is then unread (no `established/approval` as well). `!!str`, `!` and the field's own type's
    /// tag (`!!bool` on a flag, `!!int` on a whole number, `!!timestamp` on a date) read the same.
    @Test func taggedValueIsRefused() throws {
        func places(_ f: [Finding]) -> [String] { f.map { "\($0.rule) \($0.location.line ?? 0):\($0.location.column ?? 0)" } }
        let path = "objectives/OBJ-INC-01.md"
        let lines = ExampleTree.objective.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ prefix: String) -> Int { (lines.firstIndex { $0.hasPrefix(prefix) } ?? 0) + 1 }
        let approvedOn = try #require(lines.first { $0.hasPrefix("approved_on:") }).dropFirst("approved_on: ".count)
        for tag in ["!!null", "!!float", "!!binary", "!local", "!<tag:example.com,2026:date>"] {
            let tagged = ExampleTree.objective(replacing: ["approved_on: \(approvedOn)": "approved_on: \(tag) \(approvedOn)"])
            let found = try findings(at: path, tagged)
            #expect(places(found) == ["syntax/type \(line("approved_on:")):14"], "\(tag)")
            #expect(found.first?.message.contains("`approved_on` in the objective has the YAML tag `") == true)
        }
        let listed = ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [!!null POL-1]"])
        #expect(places(try findings(at: path, listed)) == ["syntax/type \(line("policy:")):10"])
        let readAlike = ExampleTree.objective(replacing: [
            "approved_on: \(approvedOn)": "approved_on: !!timestamp \(approvedOn)",
            "version: ": "version: !!int ", "target: \"": "target: !!str \"", "tolerance: \"": "tolerance: ! \"",
        ])
        #expect(try findings(at: path, readAlike).isEmpty)
        let config = try #require(ExampleTree.base["evident.yml"]) + "settings:\n  allow_raw_html: !!bool false\n"
        #expect(try findings(at: "evident.yml", config).isEmpty)
    }

    /// libyaml ends a line at LS, PS and NEL too; places after one are still the file's lines, and
    /// a quoted value keeps the character without a finding.
    @Test func lineSeparatorsKeepThePlaces() throws {
        func places(_ f: [Finding]) -> [String] { f.map { "\($0.rule) \($0.location.line ?? 0):\($0.location.column ?? 0)" } }
        for separator in ["\u{2028}", "\u{2029}", "\u{85}"] {
            let quoted = ExampleTree.objective(replacing: [
                "  definition: Hours from the creation of a P1 ticket to the restoration of service.":
                    "  definition: \"Ho\(separator)urs from the creation of a P1 ticket to the restoration of service.\"",
                "  counts:": "  countz:",
            ])
            let lines = quoted.split(separator: "\n", omittingEmptySubsequences: false)
            let countz = (lines.firstIndex { $0.hasPrefix("  countz:") } ?? 0) + 1
            #expect(places(try findings(at: "objectives/OBJ-INC-01.md", quoted)).contains("syntax/unknown-field \(countz):3"))
            let plain = ExampleTree.objective(replacing: ["  definition: Hours": "  definition: Ho\(separator)urs"])
            let definition = (lines.firstIndex { $0.hasPrefix("  definition:") } ?? 0) + 1
            let found = try findings(at: "objectives/OBJ-INC-01.md", plain).filter { $0.rule == "syntax/yaml" }
            #expect(places(found) == ["syntax/yaml \(definition):17"])
            #expect(found.first?.message.contains("is a line break to YAML, though editors show none") == true)
        }
    }

    @Test func invalidYAML() throws {
        let f = try findings(at: "objectives/bad.md", "---\nid: OBJ-X\ntitle: [unclosed\nstatement: x\n---\n")
        let yaml = try #require(f.first { $0.rule == "syntax/yaml" })
        #expect(yaml.location.line == 4)
        #expect(yaml.message.contains("does not parse"))
    }

    @Test func missingFrontMatter() throws {
        let f = try findings(at: "objectives/bad.md", "# Just a heading\n\nNo front-matter here.\n")
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.location.line == 1)
    }

    @Test func unterminatedFrontMatter() throws {
        let f = try findings(at: "objectives/bad.md", "---\nid: OBJ-X\ntitle: Never closed\n")
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.message.contains("never closed") == true)
    }

    @Test func duplicateKeys() throws {
        let f = try findings(at: "objectives/bad.md", "---\nid: OBJ-X\ntitle: One\ntitle: Two\n---\n")
        let yaml = try #require(f.first { $0.rule == "syntax/yaml" })
        #expect(yaml.location.line == 4)
        #expect(yaml.message.contains("`title`"))
    }

    @Test(.timeLimit(.minutes(5))) func exponentialAliases() throws {
        // "Billion laughs": nine levels of ten aliases each would expand to 10^9 items.
        var yaml = "---\nid: OBJ-LOL\ntitle: Laughs\nstatement: Laugh.\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "contributors: *a9\npolicy: *a9\n---\n"
        let f = try expectQuick(within: .seconds(20), "reading the aliases") { try findings(at: "objectives/lol.md", yaml) }
        #expect(f.contains { $0.rule == "syntax/unknown-field" })
        #expect(f.contains { $0.rule == "syntax/type" })
    }

    /// Nesting deeper than libyaml allows is a positioned finding, not a crash (a reader that
    /// recursed per level would overflow a worker thread's stack).
    @Test func deeplyNestedYAML() throws {
        var yaml = "---\nid: OBJ-DEEP\ntitle: Deep\nx:\n"
        for level in 1...1500 { yaml += String(repeating: " ", count: level) + "k\(level):\n" }
        yaml += "---\n"
        let f = try findings(at: "objectives/deep.md", yaml)
        let finding = try #require(f.first { $0.rule == "syntax/yaml" })
        #expect(finding.message.contains("nesting goes deeper than 1,000 levels"))
        #expect(!finding.message.contains("yaml_set_max_nest_level"))
        #expect((finding.location.line ?? 0) > 1000)
        // A flow value nested as deep says the same.
        let flow = try findings(at: "objectives/flow.md", "---\nid: OBJ-FLOW\ntitle: \(String(repeating: "[", count: 1500))\n---\n")
        #expect(flow.first { $0.rule == "syntax/yaml" }?.message.contains("nesting goes deeper than 1,000 levels") == true)
    }

    @Test func emptyFile() throws {
        let f = try findings(at: "reviews/empty.md", "")
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.message.contains("empty") == true)
    }

    @Test func binaryFile() throws {
        let f = try findings(at: "objectives/image.md", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]))
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.message.contains("binary") == true)
    }

    /// A file saved as UTF-16 (Windows' "Unicode") is named as such, at its first character, not
    /// as binary data to move to evidence/.
    @Test func utf16File() throws {
        let text = "---\nid: OBJ-X\ntitle: Wide\n---\n"
        for bytes in [Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data()),
                      Data([0xFE, 0xFF]) + (text.data(using: .utf16BigEndian) ?? Data()),
                      Data([0xFF, 0xFE, 0, 0]) + (text.data(using: .utf32LittleEndian) ?? Data())] {
            let f = try findings(at: "objectives/wide.md", bytes)
            #expect(f.map(\.rule) == ["syntax/front-matter"])
            #expect(f.first?.message.hasPrefix("The file is UTF-16 or UTF-32 text") == true)
            #expect(f.first?.message.contains("binary") == false)
            #expect(f.first?.location.line == 1)
            #expect(f.first?.location.column == 1)
        }
    }

    @Test func invalidUTF8() throws {
        var bytes = Data("---\nid: OBJ-X\ntitle: Caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x0A])   // Latin-1 "é"
        bytes.append(Data("---\n".utf8))
        let f = try findings(at: "objectives/latin1.md", bytes)
        let finding = try #require(f.first)
        #expect(finding.rule == "syntax/front-matter")
        #expect(finding.message == "The file is not valid UTF-8 text. The byte here, 0xE9, is `é` in Windows-1252 (what Windows calls \"ANSI\"), so the file was probably saved in that encoding. Save it as UTF-8 (in Notepad: Save As, Encoding UTF-8).")
        #expect(finding.location.line == 3)
        #expect(finding.location.column == 11)
        // Word's en dash, and a byte Windows-1252 leaves undefined.
        let dash = try findings(at: "objectives/dash.md", Data("---\nid: OBJ-X\ntitle: A ".utf8) + Data([0x96]) + Data(" B\n---\n".utf8))
        #expect(dash.first?.message.contains("The byte here, 0x96, is `–` in Windows-1252") == true, "\(dash.map(\.message))")
        let undefined = try findings(at: "objectives/odd.md", Data("---\nid: OBJ-X\ntitle: A ".utf8) + Data([0x81]) + Data(" B\n---\n".utf8))
        #expect(undefined.map(\.message) == ["The file is not valid UTF-8 text; save it as UTF-8."])
    }

    /// The first byte that is not UTF-8, or a NUL, is placed as an editor shows it: the characters
    /// before it on its line counted, not their bytes, and a lone CR (classic Mac) ending a line.
    @Test func badBytesArePlacedByCharacters() throws {
        func place(_ f: [Finding]) -> String? { f.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } }
        let head = Data("---\nid: OBJ-X\ntitle: 日本 😀 é ".utf8)
        #expect(place(try findings(at: "objectives/latin1.md", head + Data([0xE9]) + Data(" B\n---\n".utf8))) == "3:15")
        #expect(place(try findings(at: "objectives/blob.md", head + Data([0]) + Data(" B\n---\n".utf8))) == "3:15")
        let mac = Data("---\rid: OBJ-X\rtitle: 日本 ".utf8) + Data([0xE9]) + Data("\r---\r".utf8)
        #expect(place(try findings(at: "objectives/mac.md", mac)) == "3:11")
        let windows = Data("---\r\nid: OBJ-X\r\ntitle: 日本 ".utf8) + Data([0xE9]) + Data("\r\n---\r\n".utf8)
        #expect(place(try findings(at: "objectives/windows.md", windows)) == "3:11")
    }

    /// A surrogate written as UTF-8 (CESU-8) and an overlong encoding are named for what they are,
    /// not taken for Windows-1252 text.
    @Test func surrogatesAndOverlongBytesAreNamed() throws {
        func messages(_ bad: [UInt8]) throws -> [String] {
            try findings(at: "objectives/odd.md", Data("---\nid: OBJ-X\ntitle: A ".utf8) + Data(bad) + Data(" B\n---\n".utf8)).map(\.message)
        }
        // U+1F600 as CESU-8: the surrogates D83D and DE00, three bytes each.
        let cesu = try messages([0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80])
        #expect(cesu == ["The file is not valid UTF-8 text. The bytes here, ED A0 BD, encode half of a UTF-16 surrogate pair (CESU-8, which some Java programs and database exports write for an emoji or another character past U+FFFF); UTF-8 writes such a character as one sequence of four bytes. Save the file as standard UTF-8."])
        for (bad, shown) in [([UInt8]([0xC0, 0xAF]), "C0 AF"), ([0xE0, 0x80, 0xAF], "E0 80 AF"), ([0xF0, 0x80, 0x80, 0xAF], "F0 80 80 AF")] {
            let overlong = try messages(bad)
            #expect(overlong.first?.hasPrefix("The file is not valid UTF-8 text. The bytes here, \(shown), are an overlong encoding") == true, "\(overlong)")
        }
        // `í` and a non-breaking space in Windows-1252 stay that.
        #expect(try messages([0xED, 0xA0]).first?.contains("is `í` in Windows-1252") == true)
    }

    /// UTF-16 without a byte-order mark (PowerShell's and some exporters' "Unicode") is told as
    /// such, in either byte order; a file with a NUL that is not UTF-16 stays binary.
    @Test func unmarkedUTF16IsToldFromBinary() throws {
        let text = ExampleTree.objective
        for bytes in [text.data(using: .utf16LittleEndian) ?? Data(), text.data(using: .utf16BigEndian) ?? Data()] {
            let f = try findings(at: "objectives/wide.md", bytes)
            #expect(f.map(\.message) == ["The file is UTF-16 text without a byte-order mark (every other byte is NUL); save it as UTF-8."])
            #expect(f.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "1:1")
        }
        let binary = try findings(at: "objectives/blob.md", Data("---\nid: OBJ-X\n".utf8) + Data([0, 1, 2]))
        #expect(binary.first?.message.hasPrefix("The file holds binary data (a NUL byte)") == true, "\(binary.map(\.message))")
    }

    /// What a checkout without git-lfs or a locked git-crypt tree leaves in place of a file says
    /// so; a file that only quotes the LFS line is read as written.
    @Test func lfsPointersAndGitCryptFilesSayWhatToRun() throws {
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:\(String(repeating: "ab", count: 32))\nsize 443\n"
        for path in ["objectives/OBJ-INC-01.md", "measurements/OBJ-INC-01.csv"] {
            let f = try findings(at: path, pointer)
            #expect(f.map(\.message) == ["The file is a Git LFS pointer, not the file: it was checked out without Git LFS. Install git-lfs and run `git lfs pull` (on GitHub Actions, `lfs: true` for actions/checkout), or keep the files evident reads out of LFS."], "\(f.map(\.message))")
        }
        let locked = try findings(at: "objectives/OBJ-INC-01.md", Data("\0GITCRYPT\0".utf8) + Data([0x8f, 0x12]))
        #expect(locked.map(\.message) == ["The file is encrypted with git-crypt: the working tree is locked. Run `git-crypt unlock` first."])
        let quoted = try findings(at: "objectives/OBJ-INC-01.md", pointer + String(repeating: "x", count: 1024))
        #expect(!quoted.contains { $0.message.contains("LFS") })
    }

    @Test(.timeLimit(.minutes(5))) func fiftyMegabyteFile() throws {
        var big = Data("---\nid: OBJ-BIG\ntitle: Big\nstatement: Big.\n---\n".utf8)
        big.append(Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024))
        let f = try expectQuick(within: .seconds(20), "refusing the file") { try findings(at: "objectives/big.md", big) }
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.message.contains("MB") == true)
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}" + ExampleTree.objective.replacingOccurrences(of: "\n", with: "\r\n")
        let f = try findings(at: "objectives/OBJ-INC-01.md", text)
        #expect(f.isEmpty, "\(f.map(\.message))")
    }

    @Test func csvRaggedRow() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", "period,value,note\n2026-09,3.1\n2026-10,3.2,,extra\n")
        #expect(f.map(\.rule) == ["syntax/csv", "syntax/csv"])
        #expect(f.map { $0.location.line } == [2, 3])
    }

    /// A value with a decimal comma is reported at the value, quoted or split into two cells.
    @Test func csvNonNumericValue() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + "2026-11,3,5,,\n2026-11,\"3,5\",,\n")
        let cells = f.filter { $0.rule == "syntax/csv" }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" }
        #expect(cells == ["11:9", "12:9"])
    }

    /// A value in exponent notation is refused, as a threshold's number is, with the plain number
    /// to write; other text keeps the general message.
    @Test func csvExponentNotationNamesThePlainNumber() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + "2026-11, 39e-1 ,,\n2026-12,4E+0,,\n")
        let csv = f.filter { $0.rule == "syntax/csv" }
        #expect(csv.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["11:9", "12:9"])
        #expect(csv.map(\.message) == [
            "`39e-1` is in exponent notation, which evident does not read; write the plain number, `3.9`.",
            "`4E+0` is in exponent notation, which evident does not read; write the plain number, `4`.",
        ])
        let other = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + "2026-11,3.9 h,,\n2026-12,1e,,\n")
        #expect(other.filter { $0.rule == "syntax/csv" }.allSatisfy { $0.message.contains("is not a number") })
        #expect(other.filter { $0.rule == "syntax/csv" }.count == 2)
    }

    /// A plain number too large for a Double is said to be too large, not "not a number", and is
    /// quoted shortened.
    @Test func csvValueTooLargeSaysSo() throws {
        let huge = "1" + String(repeating: "0", count: 400)
        let f = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + "2026-11,\(huge),,\n")
        let csv = f.filter { $0.rule == "syntax/csv" }
        #expect(csv.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["11:9"])
        #expect(csv.first?.message == "`10000000000000000000…0000000000` (401 characters) is too large a number for evident to compare with a target; record the metric in a unit that keeps it within 308 digits (thousands, millions).")
    }

    /// Columns count characters, as editors show them, not UTF-8 bytes.
    @Test func csvColumnsCountCharacters() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", "period,note,value\n2026-10,café ≤ 4 h,abc\n")
        #expect(f.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["2:20"])
    }

    /// A sheet saved as "CSV" where the decimal mark is a comma is separated by semicolons: the
    /// header's one cell says so, and what to save instead. A cell that is not a whole header keeps
    /// the general message.
    @Test func csvHeaderWithAnotherSeparatorSaysHowToSave() throws {
        for (text, separator) in [("period;value;note\n2026-10;3,1;\n", "`;`"), ("Period\tValue\n2026-10\t3.1\n", "tabs")] {
            let f = try findings(at: "measurements/OBJ-INC-01.csv", text)
            #expect(f.map(\.rule) == ["syntax/csv"])
            #expect(f.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "1:1")
            #expect(f.first?.message.contains("The header is separated by \(separator); evident reads values separated by commas") == true,
                    "\(f.map(\.message))")
        }
        let other = try findings(at: "measurements/OBJ-INC-01.csv", "period;amount\n2026-10;3.1\n")
        #expect(other.map(\.rule) == ["syntax/csv"])
        #expect(other.first?.message.contains("separated by") == false)
    }

    /// What a spreadsheet adds around the data: rows of empty cells are skipped as blank lines are;
    /// an empty header cell and an empty period are each named as such, not as an empty code span.
    @Test func csvSpreadsheetLeftovers() throws {
        let emptyRows = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + ",,,\n , ,\t,\n,,\n")
        #expect(emptyRows.isEmpty, "\(emptyRows.map(\.message))")
        let emptyColumns = try findings(at: "measurements/OBJ-INC-01.csv", "period,value,,\n2026-10,3.1,,\n")
        #expect(emptyColumns.map(\.message) == [
            "Columns 3 to 4 of the header have no name: the trailing commas a spreadsheet writes when columns right of the data were once used. Delete those columns in the sheet (not only their contents) and export again, or delete the trailing commas.",
        ])
        #expect(emptyColumns.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "1:14")
        let oneTrailing = try findings(at: "measurements/OBJ-INC-01.csv", "period,value,\n2026-10,3.1,\n")
        #expect(oneTrailing.first?.message.hasPrefix("Column 3 of the header has no name: the trailing commas") == true, "\(oneTrailing.map(\.message))")
        let inTheMiddle = try findings(at: "measurements/OBJ-INC-01.csv", "period,,value\n2026-10,,3.1\n")
        #expect(inTheMiddle.map(\.message) == ["Column 2 of the header has no name; name it (objective, period, value, note or evidence) or delete the column."])
        let emptyPeriod = try findings(at: "measurements/OBJ-INC-01.csv", ExampleTree.measurements + " ,3.1,,\n")
        #expect(emptyPeriod.filter { $0.rule == "syntax/csv" }.map(\.message)
                == ["The period is empty; write 2026, 2026-H2, 2026-Q3, 2026-10, 2026-W42 or 2026-10-31."])
    }

    /// A blank date, number or flag (`approved_on: ""`) is a field left out, as a blank text is:
    /// the rule that asks for it says so, not syntax/type about a value "``".
    @Test func blankScalarIsAFieldLeftOut() throws {
        let blankDate = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: \"\""]))
        #expect(blankDate.map(\.rule) == ["established/approval"], "\(blankDate.map(\.message))")
        let blankNumber = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: ["\nversion: 1\n": "\nversion: ' '\n"]))
        #expect(!blankNumber.contains { $0.rule == "syntax/type" }, "\(blankNumber.map(\.message))")
        let notADate = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: soon"]))
        #expect(notADate.map(\.message) == ["`approved_on` must be a real date written YYYY-MM-DD, like 2026-01-15; `soon` is not."])
    }

    /// A date in a form people write says which YYYY-MM-DD it is, or both when the order of day
    /// and month is not clear; a value that is no date says nothing more.
    @Test(arguments: [
        ("2026-3-5", " Write `2026-03-05`."), ("2026/03/05", " Write `2026-03-05`."),
        ("2026-03-05T10:00:00", " Write the date alone: `2026-03-05`."), ("2026-03-05 10:00", " Write the date alone: `2026-03-05`."),
        ("05/03/2026", " Write `2026-03-05` if the day comes first, `2026-05-03` if the month does."),
        ("25/12/2026", " Write `2026-12-25`."), ("12/25/2026", " Write `2026-12-25`."), ("05.05.2026", " Write `2026-05-05`."),
        ("5 March 2026", " Write `2026-03-05`."), ("March 5, 2026", " Write `2026-03-05`."), ("5 Sept 2026", " Write `2026-09-05`."),
        ("2026-02-30", " February 2026 has 28 days."), ("2028-02-30", " February 2028 has 29 days."), ("2026-04-31", " April 2026 has 30 days."),
        ("2026-13-01", " There is no month 13 (`2026-01-13` if 13 is the day)."), ("2026-13-13", " There is no month 13."), ("2026-00-05", " There is no month 0."),
        ("2026-01-00", ""), ("31/31/2026", ""), ("soon", ""), ("5 Smarch 2026", ""), ("1/2/3", ""), ("2026-03-05x", ""), ("2026-02-30T10:00", ""),
    ])
    func dateHint(text: String, hint: String) throws {
        #expect(DateHint.suggestion(for: text) == hint)
    }

    @Test func aDateWrittenDayFirstSaysWhichDateItIs() throws {
        let f = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: 15/01/2026"]))
        #expect(f.map(\.message) == ["`approved_on` must be a real date written YYYY-MM-DD, like 2026-01-15; `15/01/2026` is not. Write `2026-01-15`."])
    }

    /// A quoted date is the date (docs/content-format.md: a scalar is text until its field says
    /// what it is), and a date written another way is the same error quoted or not.
    @Test func aQuotedDateReadsAsThePlainOne() throws {
        let quoted = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: [
            "approved_on: 2026-01-15": "approved_on: \"2026-01-15\"", "effective: 2026-02-01": "effective: '2026-02-01'",
            "    date: 2026-01-15": "    date: \"2026-01-15\"",
        ]))
        #expect(quoted.isEmpty, "\(quoted.map(\.message))")
        let wrong = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective(replacing: ["approved_on: 2026-01-15": "approved_on: \"15/01/2026\""]))
        #expect(wrong.map(\.message) == ["`approved_on` must be a real date written YYYY-MM-DD, like 2026-01-15; `15/01/2026` is not. Write `2026-01-15`."])
    }

    /// `as_of` in evident.yml, at the top or under `settings`, is told where the as-of date is set.
    @Test func asOfInEvidentYmlSaysTheCommandLineSetsIt() throws {
        let hint = " The as-of date is not a setting: give it on the command line, `--as-of YYYY-MM-DD` (today when left out)."
        let top = try findings(at: "evident.yml", ExampleTree.configuration + "as_of: 2026-11-29\n")
        #expect(top.map(\.message) == ["`as_of` is not a field of the configuration." + hint])
        let setting = try findings(at: "evident.yml", ExampleTree.configuration + "settings:\n  asOf: 2026-11-29\n")
        #expect(setting.map(\.message) == ["`asOf` is not a field of the settings." + hint])
        let other = try findings(at: "evident.yml", ExampleTree.configuration + "settings:\n  review_grace_day: 10\n")
        #expect(other.map(\.message) == ["`review_grace_day` is not a field of the settings. Did you mean `review_grace_days`?"])
    }

    /// A key given again with a tag before it is a key Yams does not count as repeated: it is
    /// refused at the repeat, and neither value is read: the field is unread (no rule calls it
    /// missing), and a rule named twice under `rules:` keeps its default severity.
    @Test func aKeyRepeatedUnderATagIsRefused() throws {
        let objective = ExampleTree.objective(replacing: ["target: \"<= 4 h\"\n": "target: \"<= 4 h\"\n!x target: \"<= 40 h\"\n"])
        let f = try findings(at: "objectives/OBJ-INC-01.md", objective)
        #expect(f.map(\.rule) == ["syntax/yaml"])
        #expect(f.first?.message.contains("The key `target` appears twice in one mapping") == true)
        let rules = try findings(at: "evident.yml", ExampleTree.configuration + "rules:\n  syntax/unknown-field: info\n  !x syntax/unknown-field: off\nstray: 1\n")
        #expect(rules.map(\.rule).sorted() == ["syntax/unknown-field", "syntax/yaml"])
        #expect(rules.first { $0.rule == "syntax/unknown-field" }?.severity == .warning)
    }

    /// `<<`, a YAML merge key, is not applied: its finding says so, since the fields it would
    /// bring in are then reported missing.
    @Test func aMergeKeyIsNamedAsOne() throws {
        let objective = ExampleTree.objective(replacing: ["actions: ": "<<: {owner: Service Desk Lead}\nactions: "])
        #expect(try findings(at: "objectives/OBJ-INC-01.md", objective).map(\.message) == [
            "`<<` (a YAML merge key) is not applied: the fields of the mapping it names are not read as fields of the objective. Write each field out here.",
        ])
    }

    /// A key that is a known field with a word added (`evaluation_method`, `due_date`) is asked
    /// whether it meant that field, though too long for the closest spelling to find it.
    /// A key with a character that shows as nothing in it (a zero-width space pasted in with it)
    /// is read as the field it shows, and the finding names the character.
    @Test func aKeyWithAnInvisibleCharacterIsReadAsTheFieldItShows() throws {
        let objective = ExampleTree.objective(replacing: ["status: active": "sta\u{200B}tus: active"])
        let found = try findings(at: "objectives/OBJ-INC-01.md", objective)
        #expect(found.map(\.message) == [
            "`sta\u{200B}tus` holds an invisible character, U+200B, which shows as nothing; it is read as `status`, the name the objective format uses. Delete the character.",
        ])
        #expect(found.map(\.rule) == ["syntax/unknown-field"])
    }

    @Test func aFieldWithAWordAddedIsAskedAbout() throws {
        let objective = ExampleTree.objective(replacing: ["actions: ": "owner_role: Incident Lead\nevaluation_method: At the review.\nactions: "])
        #expect(try findings(at: "objectives/OBJ-INC-01.md", objective).filter { $0.rule == "syntax/unknown-field" }.map(\.message) == [
            "`owner_role` is not a field of the objective. Did you mean `owner`?",
            "`evaluation_method` is not a field of the objective. Did you mean `evaluation`?",
        ])
        let review = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2026-11-10\nmeeting-date: 2026-11-10"])
        #expect(try findings(at: "reviews/2026-11-10.md", review).map(\.message) == [
            "`meeting-date` is not a field of the review. Did you mean `date`?",
        ])
        // No field in it: no hint.
        let other = ExampleTree.objective(replacing: ["actions: ": "remarks_of_board: Fine.\nactions: "])
        #expect(try findings(at: "objectives/OBJ-INC-01.md", other).map(\.message) == ["`remarks_of_board` is not a field of the objective."])
    }

    @Test func csvUnknownPeriod() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", "period,value\n2026-Q5,3.1\nOctober,3.2\n")
        #expect(f.filter { $0.rule == "syntax/csv" }.map { $0.location.line } == [2, 3])
    }

    @Test func csvUnterminatedQuote() throws {
        let f = try findings(at: "measurements/OBJ-INC-01.csv", "period,value,note\n2026-10,3.1,\"never closed\n")
        #expect(f.map(\.rule) == ["syntax/csv"])
        #expect(f.first?.location.line == 2)
    }

    /// Rows are read as the CSV is parsed; a quoting error further down still discards the file's
    /// rows and what was said about them, leaving the one finding on the quote.
    @Test func csvQuoteErrorAfterBadRowsIsTheOnlyFinding() throws {
        let text = "period,value,note\n2026-08,abc,\n2026-09,3.1\n2026-10,3.2,\"closed\" late\n2026-11,3.3,\n"
        let f = try findings(at: "measurements/OBJ-INC-01.csv", text)
        #expect(f.map(\.rule) == ["syntax/csv"])
        #expect(f.first.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == "4:21")
        #expect(f.first?.message.contains("Text follows a closing quote") == true)
    }

    @Test func csvHeaderOnlyAndBlankFiles() throws {
        let header = try findings(at: "measurements/OBJ-INC-01.csv", "period,value,note\n\n")
        #expect(header.filter { $0.rule == "syntax/csv" }.isEmpty)
        let blank = try findings(at: "measurements/OBJ-INC-01.csv", "\n\n")
        #expect(blank.map(\.rule) == ["syntax/csv"])
        #expect(blank.first?.message.contains("The file is empty") == true)
        let noValue = try findings(at: "measurements/OBJ-INC-01.csv", "period,note\n2026-10,x\n")
        #expect(noValue.map(\.rule) == ["syntax/csv"])
        #expect(noValue.first?.message.contains("no `value` column") == true)
    }

    @Test func anEmptyMarkdownFileSaysWhatItsKindStartsWith() throws {
        let objective = try findings(at: "objectives/OBJ-INC-02.md", "")
        #expect(objective.map(\.message) == ["The file is empty; an objective starts with a `---` front-matter block."])
        let review = try findings(at: "reviews/2026-11-20.md", "")
        #expect(review.map(\.message) == ["The file is empty; a review starts with a `---` front-matter block."])
    }

    @Test func frontMatterFences() throws {
        let cases: [(String, String)] = [
            ("---\n---\nbody\n", "yaml \"\\n\" at 2, body \"body\\n\" at 3"),
            ("--- \t\nid: A\n... \n\nbody", "yaml \"id: A\\n\" at 2, body \"\\nbody\" at 4"),
            ("---\nid: A\n----\n---", "yaml \"id: A\\n----\\n\" at 2, body \"\" at 5"),
        ]
        for (text, expected) in cases {
            guard case let .success(doc) = FrontMatterDocument.split(text) else {
                Issue.record("did not split: \(text.debugDescription)")
                continue
            }
            #expect("yaml \(doc.yaml.debugDescription) at \(doc.yamlFirstLine), body \(doc.body.debugDescription) at \(doc.bodyFirstLine)" == expected)
        }
        func failure(_ text: String) -> FrontMatterDocument.Failure? {
            if case let .failure(failure) = FrontMatterDocument.split(text) { return failure }
            return nil
        }
        #expect(failure("") == .empty)
        #expect(failure(" \n\t\n") == .empty)
        #expect(failure("---") == .unterminated)
        #expect(failure("...\nid: A\n---\n") == .missingOpening)
        #expect(failure("--- x\n---\n") == .missingOpening)
    }

    @Test func symlinkLeavingTheContentFolder() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evident-outside-\(UUID().uuidString).md")
        try Data(ExampleTree.objective.utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: tree.url.appendingPathComponent("objectives/linked.md"),
                                                   withDestinationURL: outside)
        let result = try tree.check()
        let f = result.findings.filter { $0.location.file == tree.display("objectives/linked.md") }
        #expect(f.map(\.rule) == ["syntax/front-matter"])
        #expect(f.first?.message.contains("outside the content folder") == true)
        // The linked file was not read: only the base objective is in the model.
        #expect(result.model.content.objectives.count == 1)
    }

    /// A kind's folder at the top that is a link is refused as a linked folder deeper down is.
    @Test(arguments: ["objectives", "evidence"])
    func aTopFolderThatIsALinkIsNotFollowed(folder: String) throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("evident-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data(ExampleTree.objective.replacingOccurrences(of: "id: OBJ-INC-01", with: "id: OBJ-OUTSIDE").utf8)
            .write(to: outside.appendingPathComponent("OBJ-OUTSIDE.md"))
        let inside = tree.url.appendingPathComponent(folder)
        try FileManager.default.removeItem(at: inside)
        try FileManager.default.createSymbolicLink(at: inside, withDestinationURL: outside)
        let result = try tree.check()
        let f = result.findings.filter { $0.location.file == tree.display(folder) }
        #expect(f.map(\.message) == ["This folder is a link; evident does not follow linked folders. Move the files into the content folder."])
        #expect(!result.model.content.objectives.contains { $0.id?.value == "OBJ-OUTSIDE" })
        if folder == "evidence" { #expect(result.model.content.evidenceFiles.isEmpty) }
    }

    @Test(.timeLimit(.minutes(5))) func pipeDoesNotHang() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        #expect(mkfifo(tree.url.appendingPathComponent("objectives/pipe.md").path, 0o644) == 0)
        let f = try tree.check().findings.filter { $0.location.file == tree.display("objectives/pipe.md") }
        #expect(f.first?.message.contains("not a regular file") == true)
    }

    /// A socket cannot be opened at all (ENXIO); it is named as the pipe is, not as a file that
    /// cannot be read.
    @Test func socketIsNotARegularFile() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let path = tree.url.appendingPathComponent("objectives/socket.md").path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let fits = withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            guard path.utf8.count < sunPath.count else { return false }
            sunPath.copyBytes(from: path.utf8)
            return true
        }
        try #require(fits, "the socket path is too long for sun_path: \(path)")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        let f = try tree.check().findings.filter { $0.location.file == tree.display("objectives/socket.md") }
        #expect(f.map(\.message) == ["This is not a regular file (a pipe, socket or device); remove it from the content tree."])
    }

    /// A file the walk listed and that is gone when it is opened was removed meanwhile: the message
    /// says so, not the bare "No such file or directory".
    @Test func fileRemovedAfterTheListing() throws {
        let gone = FileManager.default.temporaryDirectory.appendingPathComponent("evident-gone-\(UUID().uuidString).md").path
        guard case let .failure(failure) = SourceText.read(file: gone, path: "objectives/gone.md") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(failure.describe(path: "objectives/gone.md").message
            == "The file was removed or renamed while evident read the content folder; run evident again.")
    }

    /// A name that is not UTF-8 names no file evident can open: an objective's is an error of its
    /// kind (it would be missing from every rule), an attachment's or a stray folder's a warning;
    /// none is called unreadable for want of permissions.
    @Test func namesThatAreNotUTF8() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        func create(_ bytes: [UInt8], folder: Bool = false) {
            let path = Array(tree.path.utf8) + bytes + [0]
            path.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { c in
                    guard let name = c.baseAddress else { return }
                    if folder { #expect(mkdir(name, 0o755) == 0) } else { #expect(close(open(name, O_CREAT | O_WRONLY, 0o644)) == 0) }
                }
            }
        }
        create(Array("/objectives/OBJ-X".utf8) + [0xFF] + Array(".md".utf8))
        create(Array("/evidence/x".utf8) + [0xFE] + Array(".csv".utf8))
        create(Array("/f".utf8) + [0xFE], folder: true)
        let findings = try tree.check().findings.filter { $0.message.contains("not valid UTF-8") }
        #expect(findings.map { "\($0.rule) \($0.severity) \($0.location.file.dropFirst(tree.display("").count))" }.sorted() == [
            "syntax/front-matter error objectives/OBJ-X\u{FFFD}.md",
            "syntax/ignored-file warning f\u{FFFD}",
            "syntax/ignored-file warning evidence/x\u{FFFD}.csv",
        ].sorted(), "\(findings.map { "\($0.rule) \($0.location)" })")
    }

    /// What Windows, Office and editors leave beside content is named for what it is, with what
    /// to do, not "did you mean `Thumbs.md`?"; any other file keeps the closest name evident reads.
    @Test func leftoversOfWindowsOfficeAndEditorsSayWhatTheyAre() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let objective = Data(ExampleTree.objective.utf8)
        let files: [String: Data] = [
            "objectives/Thumbs.db": Data([0, 1]), "reviews/desktop.ini": Data("[.ShellClassInfo]\r\n".utf8),
            "objectives/~$OBJ-INC-01.docx": Data([0, 1]), "objectives/OBJ-INC-01.md~": objective,
            "objectives/OBJ-INC-01.md.bak": objective, "objectives/OBJ-INC-01.md.swp": objective,
            "objectives/#OBJ-INC-01.md#": objective, "objectives/OBJ-INC-02.md#": objective, "#policy.md#": Data(ExampleTree.policy.utf8),
            "objectives/OBJ-INC-02.md.txt": objective, "measurements/OBJ-INC-01.CSV.orig": Data("period,value\n".utf8),
            "policy.md.bak": Data(ExampleTree.policy.utf8), "objectives/OBJ-INC-03.markdown": objective,
            "objectives/notes.txt": Data("x".utf8),
        ]
        for (path, data) in files { try tree.write(path, data) }
        let found = try tree.check().findings.filter { $0.rule == "syntax/ignored-file" }
        var messages: [String: String] = [:]
        for f in found { messages[String(f.location.file.dropFirst(tree.display("").count))] = f.message }
        #expect(Set(messages.keys) == Set(files.keys), "\(messages)")
        #expect(messages["objectives/Thumbs.db"] == "evident does not read `Thumbs.db`: Windows Explorer writes it to hold the thumbnails of the folder's files. Delete it (Windows writes it again unless thumbnail caching on network folders is turned off).")
        #expect(messages["reviews/desktop.ini"]?.hasPrefix("evident does not read `desktop.ini`: Windows writes it to hold the folder's display settings.") == true)
        #expect(messages["objectives/~$OBJ-INC-01.docx"]?.hasPrefix("evident does not read `~$OBJ-INC-01.docx`: Word, Excel and PowerPoint write a `~$` file while the document is open") == true)
        for backup in ["objectives/OBJ-INC-01.md~", "objectives/OBJ-INC-01.md.bak"] {
            #expect(messages[backup]?.hasSuffix(": it looks like a backup copy of `OBJ-INC-01.md`. Delete it, or move it out of the content folder (evident reads only `OBJ-INC-01.md`).") == true, "\(messages[backup] ?? "")")
        }
        #expect(messages["measurements/OBJ-INC-01.CSV.orig"]?.hasSuffix("a backup copy of `OBJ-INC-01.CSV`. Delete it, or move it out of the content folder (evident reads only `OBJ-INC-01.CSV`).") == true)
        #expect(messages["policy.md.bak"]?.hasSuffix("a backup copy of `policy.md`. Delete it, or move it out of the content folder (evident reads only `policy.md`).") == true)
        #expect(messages["objectives/OBJ-INC-01.md.swp"]?.contains("an editor's working copy of `OBJ-INC-01.md`") == true)
        // emacs's auto-save file `#name#` is a copy of `name`, not of `#name`.
        #expect(messages["objectives/#OBJ-INC-01.md#"] == "evident does not read `#OBJ-INC-01.md#`: it looks like an editor's working copy of `OBJ-INC-01.md`, left while the file is open or after a crash. Close the file in the editor; delete this copy if no editor has it open.")
        #expect(messages["objectives/OBJ-INC-02.md#"]?.contains("an editor's working copy of `OBJ-INC-02.md`,") == true)
        #expect(messages["#policy.md#"]?.contains("an editor's working copy of `policy.md`,") == true)
        #expect(messages["objectives/OBJ-INC-02.md.txt"] == "evident does not read `OBJ-INC-02.md.txt`: it is `OBJ-INC-02.md` saved as a text document, with `.txt` added (which Windows hides by default). Rename it `OBJ-INC-02.md` (in Notepad, save with \"All files\" as the type).")
        #expect(messages["objectives/OBJ-INC-03.markdown"] == "evident does not read `OBJ-INC-03.markdown`: in objectives/ it reads only Markdown files ending `.md`. Did you mean `OBJ-INC-03.md`?")
        #expect(messages["objectives/notes.txt"] == "evident does not read `notes.txt`: in objectives/ it reads only Markdown files ending `.md`. Did you mean `notes.md`?")
    }

    /// Excel's owner file while it has the measurements open ends `.csv` but is not read (it is not
    /// UTF-8 text), nor is an Office working copy beside the objectives: each is named for what it is.
    @Test func officeFilesBesideTheFoldersEvidentReadsAreNotRead() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write("measurements/~$OBJ-INC-01.csv", Data([5] + Array("Alex Smith".utf8) + [UInt8](repeating: 0, count: 40)))
        try tree.write("objectives/~WRL0001.tmp", Data([0, 1]))
        try tree.write("reviews/2026-11-20.md.crdownload", Data("---\n".utf8))
        let found = try tree.check().findings.filter { $0.rule.hasPrefix("syntax/") }
        #expect(found.map { "\($0.rule) \($0.location.file.dropFirst(tree.display("").count))" }.sorted() == [
            "syntax/ignored-file measurements/~$OBJ-INC-01.csv", "syntax/ignored-file objectives/~WRL0001.tmp",
            "syntax/ignored-file reviews/2026-11-20.md.crdownload",
        ])
        #expect(found.first { $0.location.file.hasSuffix("~$OBJ-INC-01.csv") }?.message.hasPrefix("evident does not read `~$OBJ-INC-01.csv`: Word, Excel and PowerPoint write a `~$` file while the document is open") == true)
        #expect(found.first { $0.location.file.hasSuffix("~WRL0001.tmp") }?.message.contains("write a `~….tmp` file while they save a document") == true)
        #expect(found.first { $0.location.file.hasSuffix(".crdownload") }?.message.contains("Finish the download") == true)
        #expect(ContentWalker.kind(of: "measurements/~$OBJ-INC-01.csv") == nil)
    }

    /// evident.yml saved under another name is there but unread: the finding says to rename it,
    /// and no rule asks to declare in evident.yml the functions and forums that file declares.
    @Test(arguments: ["evident.yaml", "Evident.yml", "evident.yml.txt"])
    func evidentYmlUnderAnotherNameIsUnreadNotMissing(name: String) throws {
        let tree = try TemporaryTree(ExampleTree.base, removing: ["evident.yml"])
        defer { tree.remove() }
        try tree.write(name, Data(ExampleTree.configuration.utf8))
        let found = try tree.check().findings
        let config = found.filter { $0.rule == "syntax/config" }
        #expect(config.map(\.message) == ["There is no evident.yml in the content folder, and evident does not read `\(name)` in its place. Rename `\(name)` to evident.yml."])
        #expect(found.contains { $0.rule == "syntax/ignored-file" && $0.location.file == tree.display(name) })
        let levels = found.filter { $0.rule.hasPrefix("levels/") }
        #expect(!levels.isEmpty && levels.allSatisfy { $0.message.contains("evident.yml could not be read") }, "\(levels.map(\.message))")

        // Without it, evident.yml is missing, and the references say what to declare.
        let bare = try TemporaryTree(ExampleTree.base, removing: ["evident.yml"])
        defer { bare.remove() }
        let missing = try bare.check().findings
        #expect(missing.filter { $0.rule == "syntax/config" }.map(\.message) == ["There is no evident.yml in the content folder; it names the organisation, its functions and forums. `evident init` writes one."])
        #expect(missing.contains { $0.rule == "levels/unknown-function" && $0.message.contains("evident.yml declares none") })
    }

    /// policy.md or risks.md saved under another name: the findings that say it is missing ask to
    /// rename that file, not to add one; a file of another name leaves them as they were.
    @Test func policyAndRisksUnderAnotherNameAreToBeRenamed() throws {
        let tree = try TemporaryTree(ExampleTree.base, removing: ["policy.md", "risks.md"])
        defer { tree.remove() }
        try tree.write("Policy.MD", Data(ExampleTree.policy.utf8))
        try tree.write("risks.markdown", Data(ExampleTree.risks.utf8))
        try tree.write("objectives/OBJ-INC-01.md", Data(ExampleTree.objective(replacing: ["policy: [POL-1]": "policy: [POL-1]\nrisks: [R-1]"]).utf8))
        let found = try tree.check().findings
        #expect(found.filter { $0.rule == "policy/trace" }.map(\.message) == [
            "There is no policy.md in the content folder, and evident does not read `Policy.MD` in its place, so no objective can be traced to the policy. Rename `Policy.MD` to policy.md."])
        #expect(found.filter { $0.rule == "policy/unknown-statement" }.map(\.message) == [
            "`POL-1` cannot be checked: there is no policy.md in the content folder (evident does not read `Policy.MD` in its place). Rename `Policy.MD` to policy.md."])
        #expect(found.filter { $0.rule == "requirements/unknown-risk" }.map(\.message) == [
            "`R-1` cannot be checked: there is no risks.md in the content folder (evident does not read `risks.markdown` in its place). Rename `risks.markdown` to risks.md."])

        let other = try TemporaryTree(ExampleTree.base, removing: ["policy.md"])
        defer { other.remove() }
        try other.write("policies.md", Data(ExampleTree.policy.utf8))
        #expect(try other.check().findings.filter { $0.rule == "policy/trace" }.map(\.message) == [
            "There is no policy.md in the content folder, so no objective can be traced to the policy. Add policy.md with the service management policy and its numbered `statements` (id and text)."])
    }

    /// A folder where evident.yml or policy.md belongs is called a folder, at that path.
    @Test(arguments: ["evident.yml", "policy.md"])
    func folderWhereAFileBelongs(name: String) throws {
        let tree = try TemporaryTree(ExampleTree.base, removing: [name])
        defer { tree.remove() }
        try FileManager.default.createDirectory(at: tree.url.appendingPathComponent(name), withIntermediateDirectories: false)
        let f = try tree.check().findings.filter { $0.location.file == tree.display(name) }
        #expect(f.map(\.message) == ["This is a folder where a file belongs; put the file here in its place."])
    }

    /// A file that does not open is an error of its kind that says why in the user's terms: a link
    /// to nothing, a loop of links, or (but as root, who reads any file) a permission; only the last
    /// is sent to its permissions.
    @Test func unreadableFile() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let objectives = tree.url.appendingPathComponent("objectives")
        let dangling = objectives.appendingPathComponent("OBJ-INC-01.md").path
        try FileManager.default.removeItem(atPath: dangling)
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "gone.md")
        try FileManager.default.createSymbolicLink(atPath: objectives.appendingPathComponent("OBJ-LOOP.md").path, withDestinationPath: "OBJ-LOOP.md")
        let denied = tree.url.appendingPathComponent("policy.md").path
        if getuid() != 0 { #expect(chmod(denied, 0) == 0) }
        let findings = try tree.check().findings
        func messages(_ file: String) -> [String] {
            findings.filter { $0.location.file == tree.display(file) && $0.rule == "syntax/front-matter" }.map(\.message)
        }
        #expect(messages("objectives/OBJ-INC-01.md") == [
            "The file is a symbolic link to `gone.md`, which leads to no file; point the link at the file, or put the file here in its place.",
        ])
        #expect(messages("objectives/OBJ-LOOP.md") == [
            "The file is a symbolic link that leads back to itself (a loop of links); put the file here in its place.",
        ])
        if getuid() != 0 {
            #expect(findings.contains { $0.location.file == tree.display("policy.md") && $0.message.hasSuffix("; check its permissions.") })
        }
        #expect(!findings.contains { $0.message.contains("permissions") && $0.location.file != tree.display("policy.md") })
    }

    /// A kind's folder that exists but cannot be listed (here a file where the folder belongs; as
    /// root no mode stops a listing) is an error naming it, never a tree without its files.
    @Test func aFolderThatCannotBeListedIsAnError() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let reviews = tree.url.appendingPathComponent("reviews")
        try FileManager.default.removeItem(at: reviews)
        try Data("not a folder".utf8).write(to: reviews)
        #expect {
            try ContentLoader.load(directory: tree.path)
        } throws: { error in
            "\(error)".contains("reviews` cannot be read (Not a directory)")
        }
    }

    /// The content folder itself that cannot be listed is recorded too (a walker given a file
    /// stands in for a folder without permission, which root would still list).
    @Test func aContentFolderThatCannotBeListedIsRecorded() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let file = tree.url.appendingPathComponent("evident.yml")
        let walker = ContentWalker(rootURL: file, rootReal: file.path, displayRoot: "shown")
        _ = walker.walk()
        #expect(walker.unreadable.first?.path == "shown")
        #expect(walker.unreadable.first?.reason == "Not a directory")
    }

    @Test func missingContentFolderIsAnError() {
        #expect(throws: ContentLoader.Failure.self) { try ContentLoader.load(directory: "/nonexistent/evident-content") }
    }

    @Test func frontMatterThatIsNotAMapping() throws {
        let f = try findings(at: "objectives/list.md", "---\n- a\n- b\n---\n")
        #expect(f.map(\.rule) == ["syntax/yaml"])
    }

    /// A setting past its range is a finding at its value, and the check goes on with the default:
    /// a grace of 2^63-1 days once trapped in date arithmetic.
    @Test(arguments: [
        ("review_grace_days", "9223372036854775807"), ("review_grace_days", "367"), ("stale_after_days", "0"),
        ("persistent_off_target_periods", "100000000000"), ("max_objectives_per_owner", "-1"),
    ])
    func settingOutOfRange(key: String, value: String) throws {
        var files = ExampleTree.base
        let config = try #require(files["evident.yml"])
        files["evident.yml"] = config + "settings:\n  \(key): \(value)\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let found = result.findings.filter { $0.location.file == tree.display("evident.yml") }
        #expect(found.count == 1, "\(found.map(\.message))")
        let f = try #require(found.first)
        #expect(f.rule == "syntax/config")
        #expect(f.message.contains("`\(key)` must be from"))
        #expect(f.location.line == config.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
        #expect(f.location.column == key.count + 5)
    }

    /// A setting that is no whole number is told the setting's own range.
    @Test(arguments: [
        ("review_grace_days", "seven", "0 to 366"), ("persistent_off_target_periods", "1.5", "1 to 120"),
        ("max_objectives_per_owner", "99999999999999999999", "1 to 100000"),
    ])
    func settingThatIsNoWholeNumber(key: String, value: String, range: String) throws {
        var files = ExampleTree.base
        let config = try #require(files["evident.yml"])
        files["evident.yml"] = config + "settings:\n  \(key): \(value)\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let found = try tree.check().findings.filter { $0.location.file == tree.display("evident.yml") }
        #expect(found.map(\.rule) == ["syntax/type"])
        #expect(found.first?.message == "`\(key)` must be a whole number from \(range); `\(value)` is not.")
    }

    @Test(arguments: ["-1", "1000001", "99999999999999999999"])
    func versionOutOfRange(value: String) throws {
        let f = try findings(at: "objectives/OBJ-INC-01.md", ExampleTree.objective.replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: \(value)\n"))
        let type = try #require(f.first { $0.rule == "syntax/type" })
        #expect(type.message == "`version` must be a whole number from 0 to 1000000; `\(value)` is not.")
        #expect(type.location.column == 10)
    }
}
