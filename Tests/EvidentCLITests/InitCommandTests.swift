import Foundation
@testable import EvidentModel
import Testing

/// `evident init`: what it writes, what it keeps, and that it writes all or nothing.
@Suite struct InitCommandTests {
    /// The theme for a project that already has content: its content and schemas stay as they are.
    @Test func templatesInAProjectWithContentWritesOnlyTheTheme() throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["init", "--as-of", "2026-11-29"], in: dir).status == 0)
        let objective = dir.appendingPathComponent("content/objectives/OBJ-INC-01.md")
        let edited = try String(contentsOf: objective, encoding: .utf8) + "\nEdited by the user.\n"
        try edited.write(to: objective, atomically: true, encoding: .utf8)

        let run = try CLI.run(["init", "--templates"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Wrote templates/; content/ is yours and was kept. Edit the templates you change, delete the others, then `evident build`.\n")
        #expect(try String(contentsOf: objective, encoding: .utf8) == edited)
        #expect(CLI.listing(dir) == ["content", "schema", "templates"])
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("templates/layout.mustache").path))

        let again = try CLI.run(["init", "--templates"], in: dir)
        #expect(again.status == 2)
        #expect(again.stderr == "evident: Refusing to overwrite `templates`: it already exists and is not empty.\n")
        let plain = try CLI.run(["init"], in: dir)
        #expect(plain.status == 2)
        #expect(plain.stderr == "evident: Refusing to overwrite `content`: it already exists and is not empty.\n")
    }

    /// The theme `init --templates` copies builds without a note; once the built-in version of a
    /// file kept has changed (here: its digest in the copy record is another), `build` notes it.
    @Test func buildNotesAnOverrideWhoseBuiltInVersionChangedSinceTheCopy() throws {
        let dir = try CLI.scratch("init-outdated")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["init", "--templates", "--as-of", "2026-11-29"], in: dir).status == 0)
        let fresh = try CLI.run(["build", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(fresh.status == 0 && !fresh.stderr.contains("note:"), "\(fresh.stderr)")

        let record = dir.appendingPathComponent("templates/.evident-theme")
        let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let older = lines.map { $0.hasSuffix("  partials/footer.mustache") ? String(repeating: "0", count: 64) + "  partials/footer.mustache" : String($0) }
        try older.joined(separator: "\n").write(to: record, atomically: true, encoding: .utf8)
        let noted = try CLI.run(["build", "--quiet", "--as-of", "2026-11-29"], in: dir)
        #expect(noted.status == 0)
        #expect(noted.stderr.contains("evident: note: templates/partials/footer.mustache was copied from evident "), "\(noted.stderr)")
        #expect(!noted.stderr.contains("header.mustache"))
    }

    /// A file where a folder of init's goes is told as a file: kept as the user's with --templates
    /// (the message asks for the content folder), refused otherwise, and never overwritten.
    @Test func aFileNamedContentOrTemplatesIsToldAsAFile() throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("mine\n".utf8).write(to: dir.appendingPathComponent("content"))

        let plain = try CLI.run(["init"], in: dir)
        #expect(plain.status == 2)
        #expect(plain.stderr == "evident: Refusing to overwrite `content`: it is a file, not a folder.\n")
        let standard = try CLI.run(["init", "--templates", "--standard", "iso27001"], in: dir)
        #expect(standard.status == 2)
        #expect(standard.stderr.hasPrefix("evident: `--standard` chooses the standards of the content `init` writes, and `content` is a file of yours, which init keeps"), "\(standard.stderr)")
        #expect(CLI.listing(dir) == ["content"])

        let run = try CLI.run(["init", "--templates"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "Wrote templates/; content is a file of yours and was kept. Edit the templates you change, delete the others, then `evident build --content DIR`, DIR your content folder.\n")
        #expect(try Data(contentsOf: dir.appendingPathComponent("content")) == Data("mine\n".utf8))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("proj"), withIntermediateDirectories: false)
        try Data("mine\n".utf8).write(to: dir.appendingPathComponent("proj/content"))
        let project = try CLI.run(["init", "--templates", "proj"], in: dir)
        #expect(project.status == 0, "\(project.stderr)")
        #expect(project.stdout.contains("then `evident build --content DIR --templates proj/templates`"), "\(project.stdout)")

        try FileManager.default.removeItem(at: dir.appendingPathComponent("templates"))
        try Data("mine\n".utf8).write(to: dir.appendingPathComponent("templates"))
        let theme = try CLI.run(["init", "--templates"], in: dir)
        #expect(theme.status == 2)
        #expect(theme.stderr == "evident: Refusing to overwrite `templates`: it is a file, not a folder.\n")
    }

    /// The first line of `evident --help` names every standard evident serves, not 20000-1 alone.
    @Test func helpNamesEveryStandard() throws {
        let run = try CLI.run(["--help"])
        #expect(run.status == 0)
        // The help wraps its lines to the terminal's width.
        let help = run.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(help.hasPrefix("OVERVIEW: Check, publish and pack management-system objectives: clause 6.2 of ISO/IEC 20000-1,"), "\(run.stdout)")
        for standard in Standard.all { #expect(help.contains(standard.shortName), "\(standard.id)") }
    }

    /// The starter dates its example from about eleven months before the as-of date to two months
    /// after: at the ends of what a date can hold it is refused (exit 2, nothing written) rather
    /// than written with dates `check` cannot read; the first and last days it accepts pass.
    @Test func anAsOfDateTheStarterCannotBeDatedForIsRefused() throws {
        for day in ["0000-06-01", "9999-12-31"] {
            let dir = try CLI.scratch("init")
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = try CLI.run(["init", "--as-of", day], in: dir)
            #expect(run.status == 2, "\(day)")
            #expect(run.stderr.contains("give a day from 0001-01-01 to 9998-12-31"), "\(run.stderr)")
            #expect(CLI.listing(dir).isEmpty, "\(day)")
        }
        for day in ["0001-01-01", "9998-12-31"] {
            let dir = try CLI.scratch("init")
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(try CLI.run(["init", "--as-of", day], in: dir).status == 0, "\(day)")
            let check = try CLI.run(["check", "--as-of", day], in: dir)
            #expect(check.status == 0, "\(day): \(check.stdout)\(check.stderr)")
        }
    }

    /// The starter's first version records its thresholds: a target changed later without a new
    /// version is an error of `check` at the history's target, not only of `diff`.
    @Test(arguments: [("iso20000-1", "OBJ-INC-01", "target: \"<= 4 h\"", "target: \"<= 3 h\""),
                      ("iso9001", "OBJ-CA-01", "target: \">= 90 %\"", "target: \">= 95 %\"")])
    func theStartersFirstVersionRecordsItsThresholds(standard: String, id: String, old: String, new: String) throws {
        let dir = try CLI.scratch("init-thresholds")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try CLI.run(["init", "--standard", standard, "--as-of", "2026-12-04"], in: dir).status == 0)
        let objective = dir.appendingPathComponent("content/objectives/\(id).md")
        let text = try String(contentsOf: objective, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        // Once as the objective's, once in the history's version 1 entry.
        #expect(lines.filter { $0 == old }.count == 1 && lines.filter { $0 == "    " + old }.count == 1, "\(text)")
        try text.replacingOccurrences(of: "\n" + old + "\n", with: "\n" + new + "\n")
            .write(to: objective, atomically: true, encoding: .utf8)

        let check = try CLI.run(["check", "--no-color", "--quiet", "--as-of", "2026-12-04"], in: dir)
        #expect(check.status == 1)
        let historyLine = try #require(lines.firstIndex(of: "    " + old)) + 1
        #expect(check.stdout.hasPrefix("content/objectives/\(id).md:\(historyLine):13: error: The history of `\(id)` sets"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("[updated/history]\n"), "\(check.stdout)")
    }

    /// `--standard` names the standards in evident.yml; an unknown one writes nothing.
    @Test func standardsAreWrittenAndAnUnknownOneRefused() throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = try CLI.run(["init", "--standard", "iso2700"], in: dir)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("`iso2700` is not a standard evident knows. Did you mean `iso27001`?"), "\(wrong.stderr)")
        #expect(CLI.listing(dir).isEmpty)

        let run = try CLI.run(["init", "--standard", "iso27001", "--standard", "iso20000-1", "--as-of", "2026-12-04"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let configuration = try String(contentsOf: dir.appendingPathComponent("content/evident.yml"), encoding: .utf8)
        let others = Standard.all.map(\.id).filter { !["iso20000-1", "iso27001"].contains($0) }
        #expect(configuration.contains("standards: [iso20000-1, iso27001]   # also: \(others.joined(separator: ", "))\n"), "\(configuration)")
        let check = try CLI.run(["check", "--as-of", "2026-12-04"], in: dir)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // The theme alone for a project whose content is kept: its standards are its own.
        let kept = try CLI.run(["init", "--templates", "--standard", "iso9001"], in: dir)
        #expect(kept.status == 2)
        #expect(kept.stderr.contains("`--standard` chooses the standards of the content `init` writes"), "\(kept.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("templates").path))
    }

    /// A link in a folder's place is the user's, wherever it points: an empty folder, or nothing.
    @Test(arguments: [["init"], ["init", "--templates"]])
    func aLinkIsNeverReplaced(arguments: [String]) throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        let elsewhere = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("content").path, withDestinationPath: "elsewhere")

        let run = try CLI.run(arguments, in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == "evident: Refusing to replace `content`: it is a symbolic link.\n")
        let link = try? FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("content").path)
        #expect(link == "elsewhere")
        #expect(CLI.listing(elsewhere).isEmpty)
        #expect(CLI.listing(dir) == ["content", "elsewhere"])
    }

    /// A dangling link where the theme would go stops `init` before it writes the content.
    @Test func nothingIsWrittenWhenOneFolderIsRefused() throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("templates").path, withDestinationPath: "/nonexistent/theme")

        let run = try CLI.run(["init", "--templates"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == "evident: Refusing to replace `templates`: it is a symbolic link.\n")
        #expect(CLI.listing(dir) == ["templates"])
    }

    /// The staging folders a killed `init` left are removed by the next `init` of the same project,
    /// and only those: a lookalike without evident's marker, or of a running process, stays.
    @Test func leftoversOfAKilledInitAreRemovedAndLookalikesKept() throws {
        let dir = try CLI.scratch("init")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dead = BuildOutputTests.deadPID, live = String(getpid())
        let marker = #"{"generator": "evident", "kind": "site", "version": 1, "complete": false, "folders": [], "files": []}"#
        for staging in [".content.tmp-\(dead)-1", ".templates.tmp-\(dead)-2", ".content.tmp-\(live)-3"] {
            try BuildOutputTests.write(marker, to: "\(staging)/.evident-site.json", in: dir)
            try BuildOutputTests.write("---\nid: OBJ-INC-01\n", to: "\(staging)/objectives/OBJ-INC-01.md", in: dir)
        }
        try BuildOutputTests.write("mine\n", to: ".content.tmp-\(dead)-4/notes.txt", in: dir)

        let run = try CLI.run(["init", "--templates"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(CLI.listing(dir)) == [".content.tmp-\(live)-3", ".content.tmp-\(dead)-4", "content", "schema", "templates"])
        #expect(!BuildOutputTests.exists("content/.evident-site.json", in: dir))
    }
}
