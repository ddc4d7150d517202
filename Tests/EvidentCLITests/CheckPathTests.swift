import Foundation
import Testing

/// `evident check PATH...` prints the findings of those paths only, with the whole tree loaded;
/// a typo in a command is met with the closest command.
@Suite struct CheckPathTests {
    /// The bundled content with two planted errors in two files: a value that is not a number in
    /// a measurements file, and a reference to an unknown policy statement in an objective. The
    /// measurements file has no row for October, the due period, which is a finding in the file of
    /// its objective (`monitored/no-data`); the rejected row is September's, so it does not stand
    /// for October (SPEC 4.1 "One cause, one finding").
    private func plantedTree() throws -> URL {
        let dir = try CLI.copyOfContent()
        try "period,value\n2026-09,abc\n".write(to: dir.appendingPathComponent("content/measurements/OBJ-INC-01.csv"),
                                               atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-02.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("policy:") })
        try text.replacingOccurrences(of: String(line), with: "policy: [POL-11]").write(to: file, atomically: true, encoding: .utf8)
        return dir
    }

    private static let csv = "content/measurements/OBJ-INC-01.csv"
    private static let objective = "content/objectives/process/incident/OBJ-INC-02.md"

    private func findingLines(_ run: CLIRun) -> [Substring] {
        run.stdout.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") || $0.contains(": info: ") }
    }

    @Test func everyFindingWithoutPaths() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color"], in: dir)
        #expect(run.status == 1)
        let files = Set(findingLines(run).map { $0.prefix { $0 != ":" } })
        #expect(files == [Substring(Self.csv), Substring(Self.objective), "content/objectives/process/incident/OBJ-INC-01.md"], "\(run.stdout)")
    }

    /// Only the findings of the named file print, and the summary and the exit code count only them.
    @Test func aFileRestrictsTheFindings() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color", Self.csv], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let lines = findingLines(run)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix(Self.csv + ":") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasSuffix("[syntax/csv]") })
        #expect(run.stdout.contains("\(lines.count) error\(lines.count == 1 ? "" : "s"), 0 warnings"), "\(run.stdout)")
        #expect(run.stdout.contains("policy        pass"))
    }

    /// Paths as the user gives them: `./` and `..`, absolute, a folder, and through a link.
    @Test func pathsAreComparedAfterResolving() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("linked"),
                                                   withDestinationURL: dir.appendingPathComponent("content/measurements"))
        let absolute = dir.appendingPathComponent(Self.csv).path
        for path in ["./content/objectives/../measurements/OBJ-INC-01.csv", absolute, "content/measurements", "content/measurements/",
                     "linked/OBJ-INC-01.csv", "linked"] {
            let run = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color", "--quiet", path], in: dir)
            #expect(run.status == 1, "\(path): \(run.stderr)")
            let lines = findingLines(run)
            #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix(Self.csv + ":") }, "\(path): \(run.stdout)")
        }
        // From inside the content folder, relative to it.
        let inside = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color", "--quiet", "--content", ".",
                                  "objectives/process/incident"], in: dir.appendingPathComponent("content"))
        #expect(inside.status == 1, "\(inside.stderr)")
        let lines = findingLines(inside)
        #expect(Set(lines.map { $0.prefix { $0 != ":" } }) == ["objectives/process/incident/OBJ-INC-01.md", "objectives/process/incident/OBJ-INC-02.md"],
                "\(inside.stdout)")
    }

    /// The whole tree is still loaded: a measurements file checked alone keeps its objective,
    /// which another file declares, and a clean file passes; an objective checked alone still
    /// gets the finding its measurements file causes.
    @Test func crossFileRulesStayRight() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clean = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color", "content/measurements/OBJ-CHG-02.csv",
                                 "content/objectives/process/incident/OBJ-INC-03.md"], in: dir)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(findingLines(clean).isEmpty)
        #expect(clean.stdout.contains("0 errors, 0 warnings"))
        let objective = try CLI.run(["check", "--as-of", exampleAsOf, "--no-color", "--quiet",
                                     "content/objectives/process/incident/OBJ-INC-01.md"], in: dir)
        #expect(objective.status == 0, "a warning does not fail at --fail-on error")
        #expect(findingLines(objective).map { $0.hasSuffix("[monitored/no-data]") } == [true], "\(objective.stdout)")
    }

    /// Every format prints only the selected findings.
    @Test func everyFormatIsRestricted() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "json", Self.objective], in: dir)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty && findings.allSatisfy { $0["file"] as? String == Self.objective })
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["error"] as? Int == findings.filter { $0["severity"] as? String == "error" }.count)
        #expect((summary["obligations"] as? [String: String])?["syntax"] == "pass")

        let sarif = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "sarif", Self.objective], in: dir)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let uris = results.compactMap { ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String }
        #expect(!uris.isEmpty && uris.count == results.count && uris.allSatisfy { $0.hasSuffix("objectives/process/incident/OBJ-INC-02.md") }, "\(uris)")

        let github = try CLI.run(["check", "--as-of", exampleAsOf, "--format", "github", Self.csv], in: dir)
        #expect(github.status == 1)
        let commands = github.stdout.split(separator: "\n")
        #expect(!commands.isEmpty && commands.allSatisfy { $0.contains("file=\(Self.csv),") }, "\(github.stdout)")
    }

    /// A path that does not exist, or that is outside the content folder, is a usage error.
    @Test func badPathsExitTwo() throws {
        let dir = try plantedTree()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        for (path, words) in [("content/objectives/nope.md", "does not exist"), ("README.md", "not inside the content folder"),
                              ("/", "not inside the content folder"), ("content/..", "not inside the content folder")] {
            let run = try CLI.run(["check", "--as-of", exampleAsOf, path], in: dir)
            #expect(run.status == 2, "\(path): \(run.status)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(words), "\(path): \(run.stderr)")
        }
    }

    /// `evident chek` names `check`, and exits 2 like every usage error.
    @Test func unknownCommandSuggestsTheClosest() throws {
        for (word, command) in [("chek", "check"), ("biuld", "build"), ("explian", "explain")] {
            let run = try CLI.run([word, "--as-of", exampleAsOf])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("`\(word)` is not a command. Did you mean `\(command)`?"), "\(run.stderr)")
        }
        let far = try CLI.run(["frobnicate"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("`frobnicate` is not a command.") && !far.stderr.contains("Did you mean"))
        // Commands, `help` and options are unaffected.
        #expect(try CLI.run(["help", "check"]).status == 0)
        #expect(try CLI.run(["--version"]).status == 0)
    }

    /// An unknown option names the closest one (argument-parser's hint), with exit 2.
    @Test func unknownOptionSuggestsTheClosest() throws {
        let run = try CLI.run(["check", "--fromat", "json"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Did you mean '--format'?"), "\(run.stderr)")
    }

    /// `--help` says what PATHs do to the summary and the exit code.
    @Test func helpDescribesPaths() throws {
        let run = try CLI.run(["check", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("<path>"))
        #expect(run.stdout.contains("exit code"))
    }
}
