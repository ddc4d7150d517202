import Foundation
import Testing
@testable import EvidentDiff
@testable import EvidentLoad
@testable import EvidentModel

/// Evidence files compared by what they hold: a file replaced by another of the same name changes
/// no row and no finding, yet the data behind a reported value is not what it was.
@Suite struct EvidenceDiffTests {
    static let extract = "content/evidence/extract-2026-10.csv"

    /// The example tree with one more attachment, committed on `day` (BASE), then the extract
    /// that the 2026-10 row names rewritten, an attachment added and one removed (the working tree).
    static func edited(committedOn day: String) throws -> GitFixture {
        let repo = try GitFixture(content: ExampleTree.base.merging(["evidence/2026-09-screenshot.png": "PNG 1"]) { $1 })
        try repo.commit("Base", at: day + "T12:00:00Z")
        try repo.write(extract, "ticket,opened,restored\nINC-1,2026-10-02T10:00,2026-10-02T12:10\n")
        try repo.write("content/evidence/extract-2026-11.csv", "ticket,opened,restored\n")
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("content/evidence/2026-09-screenshot.png"))
        return repo
    }

    @Test func aFileReplacedUnderItsNameIsShownWithTheRowThatNamesIt() throws {
        let repo = try Self.edited(committedOn: "2026-11-20")
        defer { repo.remove() }
        let fromWorkingTree = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        try repo.commit("Head")
        let betweenRevisions = try ContentDiff.compare(base: .revision("HEAD~1"), head: .revision("HEAD"), content: repo.content,
                                                       asOf: try DiffScenario.day())
        for diff in [fromWorkingTree, betweenRevisions] {
            #expect(diff.evidence.map(\.kind) == [.replaced, .added, .removed])
            #expect(diff.evidence.map(\.file) == [repo.content + "/evidence/extract-2026-10.csv", repo.content + "/evidence/extract-2026-11.csv",
                                                  repo.content + "/evidence/2026-09-screenshot.png"])
            // 2026-10 had ended when BASE was committed: the evidence of a reported value.
            #expect(diff.evidence.map(\.behindPastValue) == [true, false, false])
            let named = try #require(diff.evidence.first?.namedBy.first)
            #expect(named.objective == "OBJ-INC-01" && named.period.description == "2026-10")
            #expect(named.location == SourceLocation(file: repo.content + "/measurements/OBJ-INC-01.csv", line: 10, column: 14))
            // Nothing else differs, and no finding comes or goes.
            #expect(diff.changed.isEmpty && diff.measurements.isEmpty && diff.introduced.isEmpty && diff.resolved.isEmpty)

            let report = DiffReport(diff: diff)
            #expect(report.summary() == "no objective changed · 1 evidence file added, 1 replaced, 1 removed (1 behind a past value) · 0 findings introduced, 0 resolved")
            let text = report.text(color: false, quiet: false)
            #expect(text.contains("  REPLACED (evidence of a past value): \(repo.content)/evidence/extract-2026-10.csv  (named by OBJ-INC-01 2026-10 (\(repo.content)/measurements/OBJ-INC-01.csv:10:14))\n"), "\(text)")
            #expect(text.contains("  added: \(repo.content)/evidence/extract-2026-11.csv  (named by no row)\n"), "\(text)")
            let markdown = report.markdown()
            #expect(markdown.contains("#### ⚠️ Evidence of past values replaced or removed\n"), "\(markdown)")
            #expect(markdown.contains("| `\(repo.content)/evidence/extract-2026-10.csv` | replaced | **OBJ-INC-01** 2026-10 (`\(repo.content)/measurements/OBJ-INC-01.csv:10:14`) |\n"), "\(markdown)")
            #expect(markdown.contains("#### Evidence files\n"), "\(markdown)")
            let json = try #require(JSONSerialization.jsonObject(with: Data(report.json().serialized().utf8)) as? [String: Any])
            let counts = (json["summary"] as? [String: Any])?["evidence"] as? [String: Int]
            #expect(counts == ["replaced": 1, "added": 1, "removed": 1, "behind_past_values": 1])
            let first = try #require((json["evidence"] as? [[String: Any]])?.first)
            #expect(first["change"] as? String == "replaced" && first["behind_past_value"] as? Bool == true)
            let row = try #require((first["named_by"] as? [[String: Any]])?.first)
            #expect(row["objective"] as? String == "OBJ-INC-01" && row["period"] as? String == "2026-10")
            #expect(row["line"] as? Int == 10 && row["column"] as? Int == 14)
        }
    }

    @Test func aFileOfAPeriodNotOverWhenBaseWasCommittedIsNotBehindAPastValue() throws {
        let repo = try Self.edited(committedOn: "2026-10-20")
        defer { repo.remove() }
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.evidence.map(\.kind) == [.replaced, .added, .removed])
        #expect(diff.evidence.allSatisfy { !$0.behindPastValue })
        #expect(!DiffReport(diff: diff).markdown().contains("Evidence of past values"))
    }

    @Test func anUnchangedTreeHasNoEvidenceChange() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("Base")
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.evidence.isEmpty)
        #expect(!DiffReport(diff: diff).summary().contains("evidence"))
    }

    /// The working tree holds files as git's filters check them out (Git LFS's smudge, line ends
    /// converted): compared as git stores them, they are the files committed.
    @Test func theWorkingTreeComparesAsGitStoresItsFiles() throws {
        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        // A filter that stores upper case and checks out lower case stands in for Git LFS.
        try repo.git("config", "filter.upper.clean", "tr a-z A-Z")
        try repo.git("config", "filter.upper.smudge", "tr A-Z a-z")
        try repo.write(".gitattributes", "*.csv eol=crlf\n*.txt filter=upper\n")
        try repo.write("content/evidence/notes.txt", "minutes of the call\n")
        try repo.commit("Base")
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("content/evidence"))
        try repo.git("checkout", "--", "content/evidence")
        #expect(try repo.read(Self.extract).contains("\r\n"))
        #expect(try repo.read("content/evidence/notes.txt") == "minutes of the call\n")
        #expect(try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day()).evidence.isEmpty)

        // Edited through the filter, it differs.
        try repo.write("content/evidence/notes.txt", "minutes of another call\n")
        let edited = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(edited.evidence.map(\.kind) == [.replaced])

        // A file git no longer tracks is compared by its bytes: the same, then another.
        try repo.git("checkout", "--", "content/evidence/notes.txt")
        try repo.git("rm", "-q", "--cached", Self.extract)
        try repo.write(Self.extract, "ticket,opened,restored\nINC-1,2026-10-02T10:00,2026-10-02T13:10\n")
        #expect(try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day()).evidence.isEmpty)
        try repo.write(Self.extract, "ticket,opened,restored\n")
        let untracked = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(untracked.evidence.map(\.kind) == [.replaced])
    }

    /// A file git is told not to look at (`assume-unchanged`, `skip-worktree`) is the one
    /// committed to `git diff`, whatever the disk holds: its bytes are compared.
    @Test func aFileGitIsToldNotToLookAtIsComparedByItsBytes() throws {
        for flag in ["--assume-unchanged", "--skip-worktree"] {
            let repo = try GitFixture(content: ExampleTree.base)
            defer { repo.remove() }
            try repo.commit("Base")
            try repo.git("update-index", flag, Self.extract)
            #expect(try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day()).evidence.isEmpty)
            try repo.write(Self.extract, "ticket,opened,restored\n")
            let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
            #expect(diff.evidence.map(\.kind) == [.replaced], "\(flag)")
        }
    }

    /// Two folders compare by their bytes; a folder with a revision by git's id of the bytes.
    @Test func foldersCompareByTheirBytes() throws {
        let same = try FolderPair(head: [:])
        defer { same.remove() }
        #expect(try same.diff().evidence.isEmpty)
        let pair = try FolderPair(head: ["evidence/extract-2026-10.csv": "ticket,opened,restored\nINC-2,2026-10-02T10:00,2026-10-02T13:10\n"])
        defer { pair.remove() }
        let diff = try pair.diff()
        #expect(diff.evidence.map(\.kind) == [.replaced])
        #expect(diff.evidence.first?.file == pair.head.path + "/evidence/extract-2026-10.csv")
        // As of the date of a folder BASE, 2026-10 is over.
        #expect(diff.evidence.first?.behindPastValue == true)

        let repo = try GitFixture(content: ExampleTree.base)
        defer { repo.remove() }
        try repo.commit("Base")
        let unchanged = try ContentDiff.compare(base: .revision("HEAD"), head: .folder(same.head.path), content: repo.content,
                                                asOf: try DiffScenario.day())
        #expect(unchanged.evidence.isEmpty)
        let replaced = try ContentDiff.compare(base: .revision("HEAD"), head: .folder(pair.head.path), content: repo.content,
                                               asOf: try DiffScenario.day())
        #expect(replaced.evidence.map(\.kind) == [.replaced])
    }

    /// A name is its exact spelling, as git and the disk know it: a file replaced beside one whose
    /// name differs only in how its accents are written (composed, decomposed) is still replaced.
    @Test func aFileReplacedBesideAnotherSpellingOfItsNameIsReplaced() throws {
        let composed = "evidence/r\u{E9}sum\u{E9}.csv", decomposed = "evidence/re\u{301}sume\u{301}.csv"
        // The 2026-10 row names the composed spelling.
        let named = try #require(ExampleTree.base["measurements/OBJ-INC-01.csv"]).replacingOccurrences(of: "extract-2026-10.csv", with: "r\u{E9}sum\u{E9}.csv")
        let repo = try GitFixture(content: ExampleTree.base.merging([composed: "ticket\nINC-1\n", "measurements/OBJ-INC-01.csv": named]) { $1 })
        defer { repo.remove() }
        try repo.commit("Base")
        try repo.write("content/" + composed, "ticket\nINC-2\n")
        try repo.write("content/" + decomposed, "ticket\nINC-1\n")
        try repo.commit("Replaced, and the old one beside it under the other spelling")
        let diff = try ContentDiff.compare(base: .revision("HEAD~1"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.evidence.map(\.kind) == [.replaced, .added])
        #expect(diff.evidence.map { Array($0.file.unicodeScalars.suffix(10)) } == [Array(composed.unicodeScalars.suffix(10)), Array(decomposed.unicodeScalars.suffix(10))])
        // The row names the file replaced, not the one added: the disk opens a name by its bytes.
        #expect(diff.evidence.map(\.namedBy.count) == [1, 0])

        // A name spelt otherwise on each side, and only so, is the same file.
        try repo.git("rm", "-q", "content/" + composed)
        try repo.commit("Only the decomposed spelling")
        let respelt = try ContentDiff.compare(base: .revision("HEAD~2"), head: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(respelt.evidence.isEmpty)
    }

    /// git's `--name-status -z` listing, whose paths may hold spaces, newlines and tabs.
    @Test func gitsListingOfChangedFilesIsReadUnderTheFolder() {
        let listing = Data("M\0content/evidence/a b.csv\0D\0content/evidence/x\ny\0M\0content/evidence2/z\0T\0content/evidence/\0A\0".utf8)
        #expect(RevisionReader.nameStatus(listing, under: "content/evidence") == ["a b.csv": "M", "x\ny": "D"])
        #expect(RevisionReader.nameStatus(Data(), under: "evidence").isEmpty)
    }

    /// A link is compared by where it leads, as git stores it.
    @Test func aLinkIsComparedByWhereItLeads() throws {
        let repo = try GitFixture(content: ExampleTree.base.merging(["evidence/extract-2026-09.csv": "ticket\n"]) { $1 })
        defer { repo.remove() }
        let link = repo.url.appendingPathComponent("content/evidence/latest.csv")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "extract-2026-09.csv")
        try repo.commit("Base")
        #expect(try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day()).evidence.isEmpty)
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "extract-2026-10.csv")
        let diff = try ContentDiff.compare(base: .revision("HEAD"), content: repo.content, asOf: try DiffScenario.day())
        #expect(diff.evidence.map(\.file) == [repo.content + "/evidence/latest.csv"])
        // And a folder's link by its target's path, as git hashes a link.
        #expect(EvidenceChanges.blobID(link.path, format: .sha1) == GitObjectFormat.sha1.blobID(Data("extract-2026-10.csv".utf8)))
    }
}
