import Foundation
import Testing
@testable import EvidentKit

/// `evident diff` as a user runs it: inside a git repository holding the bundled content.
@Suite struct DiffCommandTests {
    /// A repository with the bundled content committed on `main`; OBJ-INC-01 then gets a tighter
    /// target in the working tree, without a new version.
    struct Repository {
        let url: URL

        init(changed: Bool = true) throws {
            url = try CLI.copyOfContent()
            try git("init", "-q", "-b", "main")
            try git("config", "user.name", "Evident Tests")
            try git("config", "user.email", "tests@example.invalid")
            try git("config", "commit.gpgsign", "false")
            try git("add", "-A")
            try git("commit", "-q", "-m", "Objectives")
            if changed {
                let file = url.appendingPathComponent(Self.objective)
                let text = try String(contentsOf: file, encoding: .utf8)
                let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("target:") })
                try text.replacingOccurrences(of: String(line), with: "target: \"<= 1 h\"").write(to: file, atomically: true, encoding: .utf8)
            }
        }

        static let objective = "content/objectives/process/incident/OBJ-INC-01.md"

        @discardableResult
        func git(_ arguments: String...) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", url.path] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
            return String(decoding: data, as: UTF8.self)
        }

        func run(_ arguments: [String]) throws -> CLIRun {
            try CLI.run(["diff"] + arguments + ["--as-of", exampleAsOf, "--no-color"], in: url)
        }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    @Test func anUnrecordedChangeFailsWithPathsInTheRepository() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let run = try repo.run(["main"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("evident diff main (") == true)
        #expect(lines.first?.hasSuffix(") → content, as of 2026-11-29") == true)
        #expect(lines.dropFirst().first?.hasPrefix("1 objective changed · 1 finding introduced (1 error), ") == true, "\(run.stdout)")
        let finding = try #require(lines.first { $0.hasSuffix("[updated/unrecorded-change]") })
        #expect(finding.hasPrefix("  \(Repository.objective):"), "\(finding)")
        #expect(run.stdout.contains("    target: "))
        #expect(run.stdout.contains(" → <= 1 h\n"))
    }

    @Test func failOnNeverAndTheOtherFormats() throws {
        let repo = try Repository()
        defer { repo.remove() }
        #expect(try repo.run(["main", "--fail-on", "never"]).status == 0)

        let markdown = try repo.run(["main", "--format", "markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("<!-- evident-diff -->\n### evident diff: `main ("))
        #expect(markdown.stdout.contains("| Objective | Field | Before | After |\n| --- | --- | --- | --- |\n| **OBJ-INC-01** | `target` |"))

        let json = try repo.run(["main", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [String: Any])
        let introduced = try #require(findings["introduced"] as? [[String: Any]])
        #expect(introduced.map { $0["rule"] as? String } == ["updated/unrecorded-change"])
        #expect(introduced.first?["file"] as? String == Repository.objective)

        let quiet = try repo.run(["main", "--quiet"])
        #expect(quiet.stdout.split(separator: "\n").count == 1)
    }

    @Test func anUnchangedTreePasses() throws {
        let repo = try Repository(changed: false)
        defer { repo.remove() }
        let run = try repo.run(["main", "--fail-on", "warning"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\nno objective changed · 0 findings introduced, 0 resolved\n"))
        // Two folders need no repository.
        let folders = try CLI.run(["diff", "content", "content", "--as-of", exampleAsOf], in: repo.url)
        #expect(folders.status == 0)
        #expect(folders.stdout.hasPrefix("evident diff content → content, as of 2026-11-29\n"))
    }

    @Test func anUnknownBaseExitsTwoWithAMessage() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let before = try repo.git("status", "--porcelain")
        let run = try repo.run(["no-such-branch"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("evident: BASE `no-such-branch` is neither a content folder nor a revision of the git repository at "), "\(run.stderr)")
        #expect(try repo.git("status", "--porcelain") == before)

        let format = try repo.run(["main", "--format", "html"])
        #expect(format.status == 2)
        #expect(format.stdout.isEmpty)
    }
}
