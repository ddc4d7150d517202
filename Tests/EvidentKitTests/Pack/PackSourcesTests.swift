import Foundation
import Testing
import ZIPFoundation
@testable import EvidentModel
@testable import EvidentLoad
@testable import EvidentPack

@Suite struct PackSourcesTests {
    @Test func packsEverySourceFileAsItIs() throws {
        let fixture = try PackFixture()
        defer { fixture.remove() }
        let expected = Set(ExampleTree.base.keys.map { "content/" + $0 })
        #expect(Set(fixture.pack.sources.files.keys) == expected)
        for (path, text) in ExampleTree.base {
            #expect(try fixture.pack.sources.files["content/" + path]?.read() == Data(text.utf8), "\(path)")
        }
        #expect(fixture.pack.sources.excluded.isEmpty)
    }

    /// A content tree that tries to smuggle files from outside into the pack: a linked evidence file,
    /// a linked evidence folder, a linked `evidence/` itself, a linked objective, and a CSV row whose
    /// evidence path climbs out. None of the outside bytes may reach the zip.
    @Test func linksAndPathsOutOfTheTreeAreNeverPacked() throws {
        let outside = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = "SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("folder"), withIntermediateDirectories: true)
        try Data(secret.utf8).write(to: outside.appendingPathComponent("folder/inner.txt"))
        let outsideObjective = (ExampleTree.base["objectives/OBJ-INC-01.md"] ?? "")
            .replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-OUT-01") + "\n" + secret + "\n"
        try Data(outsideObjective.utf8).write(to: outside.appendingPathComponent("OBJ-OUT-01.md"))

        var files = ExampleTree.base
        files["measurements/OBJ-INC-01.csv"] = (files["measurements/OBJ-INC-01.csv"] ?? "") + "2026-09,3.1,,../../../../etc/passwd\n"
        let fixture = try PackFixture(files: files) { tree in
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/linked.txt", withDestinationPath: outside.path + "/secret.txt")
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/linked-folder", withDestinationPath: outside.path + "/folder")
            try fm.createSymbolicLink(atPath: tree.path + "/objectives/OBJ-OUT-01.md", withDestinationPath: outside.path + "/OBJ-OUT-01.md")
            // A link that stays inside the tree is still a link: not packed either.
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/alias.csv", withDestinationPath: tree.path + "/evidence/extract-2026-10.csv")
        }
        defer { fixture.remove() }

        // The loader reports the escaping evidence path.
        #expect(fixture.result.findings.contains { $0.rule == "monitored/evidence" && $0.message.contains("etc/passwd") })

        let zip = try fixture.pack.zip()
        let entries = try ZipTestTools.entries(zip)
        for (name, data) in entries {
            #expect(!name.split(separator: "/").contains(".."), "\(name)")
            #expect(!name.hasPrefix("/"), "\(name)")
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(name) holds outside bytes")
        }
        #expect(zip.range(of: Data("root:x:0:0".utf8)) == nil)
        let folder = fixture.pack.folderName + "/"
        #expect(entries[folder + "content/evidence/linked.txt"] == nil)
        #expect(entries[folder + "content/evidence/alias.csv"] == nil)
        #expect(entries[folder + "content/objectives/OBJ-OUT-01.md"] == nil)
        #expect(!entries.keys.contains { $0.contains("linked-folder") || $0.contains("passwd") })
        #expect(entries[folder + "content/evidence/extract-2026-10.csv"] != nil)

        let excluded = Dictionary(uniqueKeysWithValues: fixture.pack.sources.excluded.map { ($0.path, $0.reason) })
        #expect(excluded["content/evidence/linked.txt"] == "it is a link")
        #expect(excluded["content/evidence/alias.csv"] == "it is a link")
        // The walker already refuses the objective that links out of the tree; it is not even listed.
        #expect(excluded["content/objectives/OBJ-OUT-01.md"] == nil)
        #expect(entries[folder + "README.html"].map { String(decoding: $0, as: UTF8.self).contains("content/evidence/linked.txt</code>: it is a link") } == true)
    }

    /// Every file the pack leaves out for its name is a `syntax/ignored-file` finding of the check
    /// the pack is made from, at that file or at the folder whose name is the cause.
    @Test func aFileLeftOutForItsNameIsAFindingOfTheCheck() throws {
        var files = ExampleTree.base
        files["evidence/board\npack.pdf"] = "%PDF-1.4\n"
        files["evidence/back\\slash.pdf"] = "%PDF-1.4\n"
        files["evidence/2026\tQ3/minutes.pdf"] = "%PDF-1.4\n"
        files["objectives/OBJ-INC-02\u{1}.md"] = (files["objectives/OBJ-INC-01.md"] ?? "").replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-02")
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let excluded = fixture.pack.sources.excluded.map(\.path)
        #expect(Set(excluded) == ["content/evidence/board\npack.pdf", "content/evidence/back\\slash.pdf",
                                  "content/evidence/2026\tQ3/minutes.pdf", "content/objectives/OBJ-INC-02\u{1}.md"])
        let root = fixture.result.model.content.root + "/"
        let reported = Set(fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }.map { f in
            "\(f.location.file.dropFirst(root.count)):\(f.location.line ?? 0)"
        })
        #expect(reported == ["evidence/board\npack.pdf:1", "evidence/back\\slash.pdf:1", "evidence/2026\tQ3:0",
                             "objectives/OBJ-INC-02\u{1}.md:1"])
        let messages = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }.map(\.message)
        #expect(messages.contains { $0.contains("line break") && $0.contains("Rename the file without the line break") })
        #expect(messages.contains { $0.contains("Rename the folder without the tab") })
        #expect(messages.contains { $0.contains("control character (U+0001)") })
        #expect(messages.contains { $0.contains("backslash") })
    }

    /// A name Windows would extract under another name or not at all (a trailing dot that lands
    /// `report.pdf.` on `report.pdf`, a `:`, a device name) is left out and reported like a name
    /// with a backslash; names that only look alike (`console.txt`, `com10.csv`) are packed.
    @Test func aNameWindowsCannotExtractIsLeftOutAndReported() throws {
        var files = ExampleTree.base
        files["evidence/report.pdf"] = "%PDF-1.4 the real one\n"
        files["evidence/report.pdf."] = "%PDF-1.4 the other one\n"
        files["evidence/minutes 10:30.pdf"] = "%PDF-1.4\n"
        files["evidence/nul.txt"] = "x\n"
        files["evidence/aux/extract.csv"] = "ticket\n"
        files["evidence/console.txt"] = "x\n"
        files["evidence/com10.csv"] = "x\n"
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let excluded = Dictionary(uniqueKeysWithValues: fixture.pack.sources.excluded.map { ($0.path, $0.reason) })
        let left = ["content/evidence/report.pdf.", "content/evidence/minutes 10:30.pdf", "content/evidence/nul.txt", "content/evidence/aux/extract.csv"]
        #expect(Set(excluded.keys) == Set(left))
        #expect(excluded["content/evidence/report.pdf."] == "its name is one Windows cannot extract as it is")
        #expect(excluded["content/evidence/minutes 10:30.pdf"] == "its name is one Windows cannot extract as it is")
        for kept in ["report.pdf", "console.txt", "com10.csv"] {
            #expect(fixture.pack.sources.files["content/evidence/" + kept] != nil, "\(kept)")
        }
        let root = fixture.result.model.content.root + "/"
        let findings = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
        let reported = Set(findings.map { "\($0.location.file.dropFirst(root.count)):\($0.location.line ?? 0)" })
        #expect(reported == ["evidence/report.pdf.:1", "evidence/minutes 10:30.pdf:1", "evidence/nul.txt:1", "evidence/aux:0"])
        let messages = findings.map(\.message)
        #expect(messages.contains { $0.contains("ends with a dot") && $0.contains("Rename the file without the dot at the end") })
        #expect(messages.contains { $0.contains("holds a `:`") && $0.contains("Rename the file without the `:`") })
        #expect(messages.contains { $0.contains("is `nul`, a device name on Windows") })
        #expect(messages.contains { $0.contains("Rename the folder so that the part before its first dot is not `aux`") })
    }

    /// Every link the pack leaves out is one finding of the check the pack is made from: a link
    /// that stays inside the content folder at the link (`syntax/ignored-file`, no line), whether
    /// a row names it as evidence or evident reads an objective through it; an attachment that
    /// leads out at the row that names it (`monitored/evidence`), as before, or at the link when
    /// no row does, as a broken one.
    @Test func everyLinkLeftOutIsOneFindingOfTheCheck() throws {
        let outside = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("ticket\n".utf8).write(to: outside.appendingPathComponent("extract.csv"))
        var files = ExampleTree.base
        files["evidence/2026-10/extract.csv"] = "ticket,opened,restored\n"
        files["evidence/drafts/OBJ-INC-02.md"] = (files["objectives/OBJ-INC-01.md"] ?? "").replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-02")
        files["measurements/OBJ-INC-01.csv"] = (files["measurements/OBJ-INC-01.csv"] ?? "") + "2026-08,3.2,,alias.csv\n2026-09,3.1,,outside.csv\n"
        let fixture = try PackFixture(files: files) { tree in
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/alias.csv", withDestinationPath: "2026-10/extract.csv")
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/config.yml", withDestinationPath: "../evident.yml")
            try fm.createSymbolicLink(atPath: tree.path + "/objectives/OBJ-INC-02.md", withDestinationPath: "../evidence/drafts/OBJ-INC-02.md")
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/outside.csv", withDestinationPath: outside.path + "/extract.csv")
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/unnamed.csv", withDestinationPath: outside.path + "/extract.csv")
            try fm.createSymbolicLink(atPath: tree.path + "/evidence/gone.csv", withDestinationPath: "2026-09/extract.csv")
        }
        defer { fixture.remove() }
        let links = ["evidence/alias.csv", "evidence/config.yml", "objectives/OBJ-INC-02.md"]
        let excluded = Dictionary(uniqueKeysWithValues: fixture.pack.sources.excluded.map { ($0.path, $0.reason) })
        let out = ["evidence/gone.csv", "evidence/unnamed.csv"]
        #expect(excluded == Dictionary(uniqueKeysWithValues: (links + out + ["evidence/outside.csv"]).map { ("content/" + $0, "it is a link") }))
        // The objective was read through its link: check sees it, the pack does not carry it.
        #expect(fixture.result.model.content.objectives.contains { $0.id?.value == "OBJ-INC-02" })

        let root = fixture.result.model.content.root + "/"
        let atNoLine = fixture.result.findings.filter { $0.location.line == nil }
            .map { "\($0.rule) \($0.location.file.dropFirst(root.count))" }
        #expect(atNoLine.sorted() == (links.map { "syntax/ignored-file " + $0 } + out.map { "monitored/evidence " + $0 }).sorted())
        #expect(fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
            .allSatisfy { $0.message.contains("Replace the link with the file it points to (or a copy of it)") })
        // The row naming the inside link is not reported again; the one naming the outside link is.
        let evidence = fixture.result.findings.filter { $0.rule == "monitored/evidence" && $0.location.line != nil }
        #expect(evidence.count == 1)
        #expect(evidence.first?.message.contains("`outside.csv` is a link to a file outside") == true)
    }

    /// A pipe under `evidence/` is left out of the pack and is a finding of the check, at the pipe.
    @Test func aPipeInEvidenceIsLeftOutAndReported() throws {
        let fixture = try PackFixture { tree in
            #expect(mkfifo(tree.path + "/evidence/extract.pipe", 0o644) == 0)
        }
        defer { fixture.remove() }
        let excluded = Dictionary(uniqueKeysWithValues: fixture.pack.sources.excluded.map { ($0.path, $0.reason) })
        #expect(excluded == ["content/evidence/extract.pipe": "it is not a regular file"])
        let found = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
        #expect(found.map(\.location) == [.wholeFile(fixture.tree.display("evidence/extract.pipe"))])
        #expect(found.first?.message.contains("not a regular file") == true)
    }

    @Test func aLinkedEvidenceFolderIsNeverFollowed() throws {
        let outside = try ExternalTool.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = "SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: outside.appendingPathComponent("extract-2026-10.csv"))
        let fixture = try PackFixture { tree in
            try FileManager.default.removeItem(atPath: tree.path + "/evidence")
            try FileManager.default.createSymbolicLink(atPath: tree.path + "/evidence", withDestinationPath: outside.path)
        }
        defer { fixture.remove() }
        let entries = try ZipTestTools.entries(fixture.pack.zip())
        #expect(!entries.keys.contains { $0.contains("/content/evidence/") })
        for (name, data) in entries {
            #expect(data.range(of: Data(secret.utf8)) == nil, "\(name)")
        }
        // The walker refuses the linked folder itself, so nothing in it is even listed.
        #expect(fixture.pack.sources.excluded.isEmpty)
        #expect(fixture.result.findings.contains { $0.message.hasPrefix("This folder is a link") })
    }

    @Test func namesThatCannotBeWrittenSafelyAreLeftOut() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/two\nlines.txt", Data("x".utf8))
            try tree.write("evidence/back\\slash.txt", Data("x".utf8))
            try tree.write("evidence/with space #1.txt", Data("kept".utf8))
        }
        defer { fixture.remove() }
        let files = fixture.pack.sources.files
        #expect(try files["content/evidence/with space #1.txt"]?.read() == Data("kept".utf8))
        #expect(files["content/evidence/two\nlines.txt"] == nil)
        #expect(files["content/evidence/back\\slash.txt"] == nil)
        #expect(fixture.pack.sources.excluded.count == 2)
        // The name with a space and `#` is linked from the guide, percent-encoded.
        let guide = String(decoding: try fixture.pack.contents()["README.html"] ?? Data(), as: UTF8.self)
        #expect(guide.contains("href=\"content/evidence/with%20space%20%231.txt\""))
    }
}

/// Names that Windows and macOS take for one name: the same but for letter case or for how an
/// accent is encoded (composed, NFC, or decomposed, NFD), which Swift's `==` takes as equal too.
@Suite struct PackSourceTwinsTests {
    static let composed = "evidence/caf\u{E9}.txt"
    static let decomposed = "evidence/cafe\u{301}.txt"

    @Test func twinNamesKeepTheFirstInByteOrderAndReportTheOther() throws {
        let fixture = try PackFixture { tree in
            try tree.write(Self.composed, Data("composed".utf8))
            try tree.write(Self.decomposed, Data("decomposed".utf8))
            try tree.write("evidence/Board-Pack.pdf", Data("upper".utf8))
            try tree.write("evidence/board-pack.pdf", Data("lower".utf8))
            try tree.write("evidence/distinct.txt", Data("kept".utf8))
        }
        defer { fixture.remove() }
        let files = fixture.pack.sources.files
        // Swift's dictionary cannot hold both keys, so the kept one is told by its bytes.
        let keys = files.keys.filter { $0.hasPrefix("content/evidence/caf") }
        #expect(keys.count == 1)
        // The decomposed name is left out for itself (tar would extract it composed), so the
        // composed one is kept whatever the byte order.
        #expect(keys.first.map { Array($0.utf8) } == Array(("content/" + Self.composed).utf8))
        #expect(try keys.first.flatMap { files[$0] }?.read() == Data("composed".utf8))
        #expect(try files["content/evidence/Board-Pack.pdf"]?.read() == Data("upper".utf8))
        #expect(!files.keys.contains { Array($0.utf8) == Array("content/evidence/board-pack.pdf".utf8) })
        #expect(try files["content/evidence/distinct.txt"]?.read() == Data("kept".utf8))

        let excluded = fixture.pack.sources.excluded
        #expect(excluded.map { Array($0.path.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            == [Array("content/evidence/board-pack.pdf".utf8), Array(("content/" + Self.decomposed).utf8)])
        #expect(excluded.contains { $0.path.hasSuffix("board-pack.pdf") && $0.reason.contains("only in letter case") })
        #expect(excluded.contains { $0.path.hasPrefix("content/evidence/caf") && $0.reason.contains("decomposed (NFD), which tar extracts under another name") })

        // The zip holds exactly one file of each pair, and its manifest says the same.
        let zip = try fixture.pack.zip()
        // Listed entry by entry: a dictionary keyed by name would merge the twins itself.
        let names = try Archive(data: zip, accessMode: .read).map { Array($0.path.utf8) }
        let folder = fixture.pack.folderName + "/content/"
        #expect(names.filter { $0 == Array((folder + Self.composed).utf8) || $0 == Array((folder + Self.decomposed).utf8) }.count == 1)

        // The check the pack is made from reports the one left out, naming the one kept.
        let root = fixture.result.model.content.root + "/"
        let twins = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
        #expect(twins.count == 2)
        #expect(twins.contains { Array($0.location.file.dropFirst(root.count).utf8) == Array(Self.decomposed.utf8) && $0.message.contains("has an accent decomposed") && $0.message.contains("convmv") })
        #expect(twins.contains { $0.location.file.dropFirst(root.count) == "evidence/board-pack.pdf" && $0.message.contains("`evidence/Board-Pack.pdf`") })
    }

    /// A file named as a folder but for letter case (`Q3` beside `q3/minutes.pdf`): Windows and
    /// macOS cannot make both, so the folder's files are packed and the file is left out.
    @Test func aFileNamedAsAFolderButForCaseIsLeftOut() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/Q3", Data("a file".utf8))
            try tree.write("evidence/q3/minutes.pdf", Data("minutes".utf8))
            try tree.write("evidence/r/deep/Extract", Data("extract".utf8))
            try tree.write("evidence/R/deep/extract/x.csv", Data("x".utf8))
            try tree.write("evidence/q4", Data("no folder of its name".utf8))
        }
        defer { fixture.remove() }
        let files = fixture.pack.sources.files
        #expect(try files["content/evidence/q3/minutes.pdf"]?.read() == Data("minutes".utf8))
        #expect(try files["content/evidence/R/deep/extract/x.csv"]?.read() == Data("x".utf8))
        #expect(try files["content/evidence/q4"]?.read() == Data("no folder of its name".utf8))
        #expect(files["content/evidence/Q3"] == nil && files["content/evidence/r/deep/Extract"] == nil)
        let excluded = fixture.pack.sources.excluded
        #expect(excluded.map(\.path).sorted() == ["content/evidence/Q3", "content/evidence/r/deep/Extract"])
        #expect(excluded.contains { $0.path == "content/evidence/Q3" && $0.reason.contains("the folder content/evidence/q3/'s but for letter case") }, "\(excluded)")
        let root = fixture.result.model.content.root + "/"
        let found = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
        #expect(found.map { String($0.location.file.dropFirst(root.count)) }.sorted() == ["evidence/Q3", "evidence/r/deep/Extract"])
        #expect(found.contains { $0.message.contains("beside the folder `evidence/q3/`") && $0.message.contains("a file and a folder cannot share one") }, "\(found.map(\.message))")
    }

    /// Twins are found by a hash of the folded path, made in place for ASCII: names Swift's `==`
    /// holds equal but for case fold alike and hash alike, whichever way they are written.
    @Test func foldedNamesAndTheirHashesMeetExactlyForTwins() {
        let twins: [(String, String)] = [
            ("evidence/Board-Pack.pdf", "evidence/board-pack.PDF"),
            (Self.composed, Self.decomposed),
            ("evidence/CAF\u{C9}.txt", Self.decomposed),
            // A Kelvin sign lower-cases to `k`; a Greek question mark is canonically `;`.
            ("evidence/\u{212A}.txt", "evidence/k.txt"),
            ("evidence/a\u{37E}b.txt", "evidence/a;b.txt"),
        ]
        for (a, b) in twins {
            #expect(ContentWalker.folded(a) == ContentWalker.folded(b), "\(a) \(b)")
            #expect(ContentWalker.foldedHash(a) == ContentWalker.foldedHash(b), "\(a) \(b)")
        }
        for (a, b) in [("evidence/cafe.txt", Self.composed), ("evidence/a/report.pdf", "evidence/b/report.pdf"), ("a", "a ")] {
            #expect(ContentWalker.folded(a) != ContentWalker.folded(b), "\(a) \(b)")
            #expect(ContentWalker.foldedHash(a) != ContentWalker.foldedHash(b), "\(a) \(b)")
        }
    }

    @Test func namesThatDifferInMoreThanCaseOrEncodingAreAllPacked() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/caf\u{E9}.txt", Data("accent".utf8))
            try tree.write("evidence/cafe.txt", Data("plain".utf8))
            try tree.write("evidence/a/report.pdf", Data("a".utf8))
            try tree.write("evidence/b/report.pdf", Data("b".utf8))
        }
        defer { fixture.remove() }
        #expect(fixture.pack.sources.excluded.isEmpty)
        #expect(fixture.pack.sources.files.count == ExampleTree.base.count + 4)
        #expect(!fixture.result.findings.contains { $0.rule == "syntax/ignored-file" })
    }
}

/// A name with a bidirectional control character displays as another name in every listing of
/// the pack (`invoice\u{202E}fdp.exe` reads as `invoiceexe.pdf`), so the pack never carries it.
@Suite struct PackSourceDirectionTests {
    @Test func aNameWithADirectionControlIsLeftOutAndReported() throws {
        let fixture = try PackFixture { tree in
            try tree.write("evidence/invoice\u{202E}fdp.exe", Data("MZ".utf8))
            try tree.write("evidence/\u{2067}folder\u{2069}/minutes.md", Data("# Minutes\n".utf8))
            try tree.write("evidence/\u{627}\u{644}\u{62A}\u{642}\u{631}\u{64A}\u{631}.pdf", Data("%PDF-1.4\n".utf8))
        }
        defer { fixture.remove() }
        let files = fixture.pack.sources.files
        #expect(!files.keys.contains { $0.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x2067 } })
        // Right-to-left letters are a name like any other.
        #expect(files["content/evidence/\u{627}\u{644}\u{62A}\u{642}\u{631}\u{64A}\u{631}.pdf"] != nil)
        #expect(Set(fixture.pack.sources.excluded.map(\.path))
            == ["content/evidence/invoice\u{202E}fdp.exe", "content/evidence/\u{2067}folder\u{2069}/minutes.md"])
        // Said as such on stderr and in the guide's "Files left out", not as an unsafe name.
        #expect(fixture.pack.sources.excluded.allSatisfy { $0.reason.contains("direction control (U+2") && $0.reason.contains("shows it as another name") })
        let messages = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("U+202E") && $0.contains("Rename the file") })
        #expect(messages.contains { $0.contains("U+2067") && $0.contains("Rename the folder") })
    }
}

/// What Windows, macOS, Office and browsers leave beside the files they handle (`LeftoverFile`)
/// is not evidence: the pack leaves it out and lists it, and the check it is made from reports
/// each at the file, by the same test (`ContentWalker.packExclusion`).
@Suite struct PackSourceLeftoverTests {
    static let leftovers = [
        "evidence/Thumbs.db", "evidence/thumbs.db", "evidence/2026-10/ehthumbs.db", "evidence/desktop.ini", "evidence/Icon\r",
        "evidence/~$board-report.docx", "evidence/~WRL0001.tmp", "evidence/board-report.pdf.crdownload", "evidence/export.zip.part",
    ]
    /// Names someone may give evidence, packed as they are.
    static let kept = ["evidence/board-report.docx", "evidence/report.docx.bak", "evidence/report.docx.tmp", "evidence/~draft.pdf",
                       "evidence/Icon.png", "evidence/minutes.part1.rar", "evidence/thumbs.db.csv"]

    @Test func leftoversAreLeftOutOfTheZipListedAndReportedAlike() throws {
        let fixture = try PackFixture { tree in
            for path in Self.leftovers + Self.kept { try tree.write(path, Data("\u{5}Alex Smith".utf8)) }
        }
        defer { fixture.remove() }
        let zip = try fixture.pack.zip()
        let entries = try ZipTestTools.entries(zip)
        let folder = fixture.pack.folderName + "/content/"
        for path in Self.leftovers { #expect(entries[folder + path] == nil, "\(path)") }
        for path in Self.kept { #expect(entries[folder + path] == Data("\u{5}Alex Smith".utf8), "\(path)") }

        let excluded = Dictionary(uniqueKeysWithValues: fixture.pack.sources.excluded.map { ($0.path, $0.reason) })
        #expect(Set(excluded.keys) == Set(Self.leftovers.map { "content/" + $0 }))
        #expect(excluded["content/evidence/~$board-report.docx"] == "it is the lock file Word, Excel or PowerPoint keeps while a document is open, not evidence")
        #expect(excluded["content/evidence/Thumbs.db"] == "it is Windows Explorer's thumbnail cache, not evidence")
        // Named for what it is, not for the carriage return in its name.
        #expect(excluded["content/evidence/Icon\r"] == "it is macOS Finder's custom icon for the folder, not evidence")
        // Two leftovers that differ in case are each a leftover, not twins.
        #expect(excluded["content/evidence/thumbs.db"]?.hasPrefix("it is Windows Explorer's") == true)

        // The guide's "Files left out" lists each, with why.
        let guide = String(decoding: entries[fixture.pack.folderName + "/README.html"] ?? Data(), as: UTF8.self)
        #expect(guide.contains("Files left out"))
        #expect(guide.contains("<code>content/evidence/~$board-report.docx</code>: it is the lock file Word, Excel or PowerPoint keeps while a document is open, not evidence"))
        #expect(guide.contains("<code>content/evidence/desktop.ini</code>: it is Windows&#39; display settings for the folder, not evidence")
            || guide.contains("<code>content/evidence/desktop.ini</code>: it is Windows' display settings for the folder, not evidence"))

        // The check the pack is made from reports exactly those, once each, at the file.
        let root = fixture.result.model.content.root + "/"
        let reported = fixture.result.findings.filter { $0.rule == "syntax/ignored-file" }
        #expect(Set(reported.map { String($0.location.file.dropFirst(root.count)) }) == Set(Self.leftovers))
        #expect(reported.count == Self.leftovers.count)
        #expect(reported.allSatisfy { $0.location.line == 1 && $0.message.contains("is not evidence, so `evident pack` leaves it out: ") })
        #expect(reported.contains { $0.location.file.hasSuffix("~$board-report.docx") && $0.message.hasSuffix("Close the document; delete the file if no one has it open.") })
        // No rule suggests a leftover where a row names a missing file.
        #expect(!fixture.result.model.content.evidenceFiles.contains { $0.contains("Thumbs") || $0.hasPrefix("~$") })
    }

    /// A measurements row that names a leftover as evidence is reported at its `evidence`: the file
    /// is there, but the pack leaves it out. One that is not there is `monitored/evidence`'s alone.
    @Test func aRowNamingALeftoverAsEvidenceIsReportedAtTheRow() throws {
        var files = ExampleTree.base
        files["evidence/board-report.docx"] = "PK"
        files["evidence/~$board-report.docx"] = "\u{5}Alex Smith"
        files["measurements/OBJ-INC-01.csv"] = (files["measurements/OBJ-INC-01.csv"] ?? "")
            + "2026-08,3.2,,~$board-report.docx\n2026-09,3.1,,~$gone.docx\n"
        let fixture = try PackFixture(files: files)
        defer { fixture.remove() }
        let root = fixture.result.model.content.root + "/"
        let rows = fixture.result.findings.filter { $0.location.file.hasSuffix("measurements/OBJ-INC-01.csv") }
        #expect(rows.map(\.rule).sorted() == ["monitored/evidence", "syntax/ignored-file"])
        let named = rows.first { $0.rule == "syntax/ignored-file" }
        #expect(named?.message == "The evidence file `~$board-report.docx` is not evidence: it is the lock file Word, Excel or PowerPoint keeps while a document is open, which `evident pack` leaves out, so the auditor would not receive it. Name the file that holds the evidence instead. Did you mean `board-report.docx`?")
        #expect(named?.objective == "OBJ-INC-01")
        #expect(rows.first { $0.rule == "monitored/evidence" }?.message.contains("`~$gone.docx` does not exist") == true)
        // And the file itself, once.
        #expect(fixture.result.findings.filter { $0.rule == "syntax/ignored-file" && $0.location.file == root + "evidence/~$board-report.docx" }.count == 1)
        #expect(fixture.pack.sources.excluded.map(\.path) == ["content/evidence/~$board-report.docx"])
    }
}
