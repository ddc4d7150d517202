import Foundation
import Testing

/// `evident diff` as a user runs it: inside a git repository holding the bundled content.
@Suite struct DiffCommandTests {
    /// A repository with the bundled content committed on `main`; OBJ-INC-01 then gets a tighter
    /// target in the working tree, without a new version.
    struct Repository {
        let url: URL

        init(changed: Bool = true, target: String = "<= 1 h") throws {
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
                try text.replacingOccurrences(of: String(line), with: "target: \"\(target)\"").write(to: file, atomically: true, encoding: .utf8)
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
        let main = try repo.git("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(lines.first == "evident diff revision main (\(main)) → working tree content, as of 2026-11-29")
        // The target tightened while no history entry records the old one judges the past anew.
        let summary = lines.dropFirst().first ?? ""
        #expect(summary.hasPrefix("1 objective changed · ") && summary.contains(" past measurement values rewritten · 1 finding introduced (1 error), "), "\(run.stdout)")
        let finding = try #require(lines.first { $0.hasSuffix("[updated/unrecorded-change]") })
        #expect(finding.hasPrefix("  \(Repository.objective):"), "\(finding)")
        #expect(run.stdout.contains("    target: "))
        #expect(run.stdout.contains(" → <= 1 h\n"))
    }

    /// OBJ-INC-01 renamed as an author does it: its files moved with `git mv`, and the id replaced
    /// wherever the content writes it. The pull-request comment shows one rename, not an
    /// objective removed, another added, and every past value of its measurements rewritten.
    @Test func aRenamedObjectiveIsOneChangeInTheComment() throws {
        let repo = try Repository(changed: false)
        defer { repo.remove() }
        try repo.git("mv", Self.Repository.objective, "content/objectives/process/incident/OBJ-INC-11.md")
        try repo.git("mv", "content/measurements/OBJ-INC-01.csv", "content/measurements/OBJ-INC-11.csv")
        let id = try NSRegularExpression(pattern: "(?<![A-Za-z0-9_-])OBJ-INC-01(?![A-Za-z0-9_-])")
        let content = repo.url.appendingPathComponent("content")
        let files = FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var edited = 0
        for file in files where file.pathExtension == "md" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let replaced = id.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "OBJ-INC-11")
            if replaced != text { try replaced.write(to: file, atomically: true, encoding: .utf8); edited += 1 }
        }
        #expect(edited > 3)

        let run = try repo.run(["main", "--format", "markdown"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\n**1 objective renamed · 0 findings introduced, 0 resolved**\n"), "\(run.stdout)")
        #expect(run.stdout.contains("| Renamed: **OBJ-INC-01** → **OBJ-INC-11** | `file` | content/objectives/process/incident/OBJ-INC-01.md | content/objectives/process/incident/OBJ-INC-11.md |\n"), "\(run.stdout)")
        for absent in ["Past measurement values rewritten", "Added objectives", "Removed objectives", "Measurements"] {
            #expect(!run.stdout.contains(absent), "\(absent)")
        }
    }

    @Test func failOnNeverAndTheOtherFormats() throws {
        let repo = try Repository()
        defer { repo.remove() }
        #expect(try repo.run(["main", "--fail-on", "never"]).status == 0)

        let markdown = try repo.run(["main", "--format", "markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("<!-- evident-diff -->\n### evident diff: revision `main` (`"))
        #expect(markdown.stdout.contains("| Objective | Field | Before | After |\n| --- | --- | --- | --- |\n| **OBJ-INC-01** | `target` |"))

        let json = try repo.run(["main", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [String: Any])
        let introduced = try #require(findings["introduced"] as? [[String: Any]])
        #expect(introduced.map { $0["rule"] as? String } == ["updated/unrecorded-change"])
        #expect(introduced.first?["file"] as? String == Repository.objective)
        // The fields of `check --format json`, the standard items included.
        #expect(introduced.first.map { $0.keys.sorted() } == ["column", "file", "line", "message", "objective", "obligation", "rule", "severity", "standards"])
        let items = try #require(introduced.first?["standards"] as? [[String: Any]])
        #expect(items.map { $0["standard"] as? String } == ["iso20000-1", "iso9001", "iso27001"], "\(items)")

        let quiet = try repo.run(["main", "--quiet"])
        #expect(quiet.stdout.split(separator: "\n").count == 1)
    }

    /// A TMPDIR that is missing, a file or not writable is named with the reason; evident does not
    /// write the revision anywhere else.
    @Test func aTMPDIRThatCannotBeUsedIsNamed() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let file = repo.url.appendingPathComponent("a-file")
        try Data().write(to: file)
        for (folder, reason) in [("/nonexistent-evident-tmp", "No such file or directory"), (file.path, "it is not a folder")] {
            let run = try CLI.run(["diff", "main", "--as-of", exampleAsOf], in: repo.url, environment: ["TMPDIR": folder])
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "evident: TMPDIR is `\(folder)`, where a revision cannot be written: \(reason). "
                    + "Set TMPDIR to a folder you can write to, or unset it.\n", "\(run.stderr)")
        }
    }

    @Test func anUnchangedTreePasses() throws {
        let repo = try Repository(changed: false)
        defer { repo.remove() }
        let run = try repo.run(["main", "--fail-on", "warning"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\nno objective changed · 0 findings introduced, 0 resolved\n"))
        // Two folders need no repository.
        let folders = try CLI.run(["diff", "--base-dir", "content", "--head-dir", "content", "--as-of", exampleAsOf], in: repo.url)
        #expect(folders.status == 0, "\(folders.stderr)")
        #expect(folders.stdout.hasPrefix("evident diff folder content → folder content, as of 2026-11-29\n"))
    }

    @Test func anUnknownBaseExitsTwoWithAMessage() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let before = try repo.git("status", "--porcelain")
        let run = try repo.run(["no-such-branch"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("evident: BASE `no-such-branch` is not a revision of the git repository at "), "\(run.stderr)")
        #expect(try repo.git("status", "--porcelain") == before)

        let format = try repo.run(["main", "--format", "html"])
        #expect(format.status == 2)
        #expect(format.stdout.isEmpty)
    }

    /// A git hook, an alias or `rebase --exec` runs with GIT_DIR (and GIT_WORK_TREE) naming its own
    /// repository: the revisions are still those of the repository that holds --content.
    @Test func gitsLocationVariablesDoNotPointAtAnotherRepository() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let other = try Repository(changed: false)
        defer { other.remove() }
        try other.git("commit", "-q", "--allow-empty", "-m", "Another commit")
        let expected = try repo.run(["main"])
        #expect(expected.status == 1)
        for environment in [["GIT_DIR": other.url.path + "/.git"],
                            ["GIT_DIR": other.url.path + "/.git", "GIT_WORK_TREE": other.url.path],
                            ["GIT_DIR": ".git"]] {
            let run = try CLI.run(["diff", "main", "--as-of", exampleAsOf, "--no-color"], in: repo.url, environment: environment)
            #expect(run.status == 1, "\(environment): \(run.stdout)\(run.stderr)")
            #expect(run.stdout == expected.stdout, "\(environment)")
        }
    }

    /// A checkout owned by another user (a CI container running as root over the runner's files)
    /// is refused by git; the user reads why and what to do, not that there is no repository.
    @Test(.enabled(if: geteuid() == 0, "only root can give the checkout to another user"))
    func aRepositoryGitRefusesForItsOwnerSaysHowToMarkItSafe() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let chown = Process()
        chown.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        chown.arguments = ["chown", "-R", "65534", repo.url.path]
        try chown.run()
        chown.waitUntilExit()
        try #require(chown.terminationStatus == 0)
        // No user or system setting may mark it safe.
        let isolated = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
        let run = try CLI.run(["diff", "main", "--as-of", exampleAsOf, "--no-color"], in: repo.url, environment: isolated)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let top = repo.url.resolvingSymlinksInPath().path
        #expect(run.stderr.hasPrefix("evident: git refuses to read the repository at \(top): it belongs to a user other than"), "\(run.stderr)")
        #expect(run.stderr.contains("`git config --global --add safe.directory \(top)`"), "\(run.stderr)")
        #expect(!run.stderr.contains("not in a git repository"), "\(run.stderr)")
    }

    // MARK: a revision is always a revision

    /// A pull request that adds a folder named `main/` (a copy of its own content) and weakens a
    /// target without a version bump: `evident diff main` compares with the branch `main`, and fails.
    @Test func aFolderNamedLikeTheBaseCannotStandInForIt() throws {
        let repo = try Repository(target: "<= 5 h")
        defer { repo.remove() }
        try repo.git("checkout", "-q", "-b", "weaken-target")
        try FileManager.default.copyItem(at: repo.url.appendingPathComponent("content"), to: repo.url.appendingPathComponent("main"))
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Weaken a target, and add a folder named main")
        let main = try repo.git("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)

        let run = try repo.run(["main"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("evident diff revision main (\(main)) → working tree content, as of 2026-11-29\n1 objective changed · "), "\(run.stdout)")
        #expect(run.stdout.contains("[updated/unrecorded-change]"))
        #expect(run.stdout.contains("    target: <= 4 h → <= 5 h\n"))
        // HEAD as a revision, and the Markdown comment, say the same.
        let committed = try repo.run(["main", "HEAD", "--format", "markdown"])
        #expect(committed.status == 1)
        #expect(committed.stdout.contains("### evident diff: revision `main` (`\(main)`) → revision `HEAD` (`"))
        #expect(committed.stdout.contains("`updated/unrecorded-change`"))
    }

    /// The same with a remote-tracking branch and a folder `origin/main/`, as CI names the base.
    @Test func aFolderNamedLikeARemoteBranchCannotStandInForIt() throws {
        let repo = try Repository(target: "<= 5 h")
        defer { repo.remove() }
        try repo.git("update-ref", "refs/remotes/origin/main", "main")
        let folder = repo.url.appendingPathComponent("origin/main")
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repo.url.appendingPathComponent("content"), to: folder)
        let main = try repo.git("rev-parse", "origin/main").trimmingCharacters(in: .whitespacesAndNewlines)

        let run = try repo.run(["origin/main", "--format", "json"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let base = try #require(object["base"] as? [String: Any])
        #expect(base["kind"] as? String == "revision" && base["name"] as? String == "origin/main" && base["commit"] as? String == main)
        let head = try #require(object["head"] as? [String: Any])
        #expect(head["kind"] as? String == "working-tree" && head["path"] as? String == "content")
        let introduced = try #require((object["findings"] as? [String: Any])?["introduced"] as? [[String: Any]])
        #expect(introduced.first?["rule"] as? String == "updated/unrecorded-change")
        // Named as a folder, the copy is compared, and nothing changed.
        let folders = try repo.run(["--base-dir", "origin/main"])
        #expect(folders.status == 0, "\(folders.stdout)\(folders.stderr)")
        #expect(folders.stdout.hasPrefix("evident diff folder origin/main → working tree content, as of 2026-11-29\nno objective changed"))
    }

    @Test func aFolderNamedWithoutItsFlagIsAUsageError() throws {
        let repo = try Repository()
        defer { repo.remove() }
        try FileManager.default.copyItem(at: repo.url.appendingPathComponent("content"), to: repo.url.appendingPathComponent("old-content"))
        let base = try repo.run(["old-content"])
        #expect(base.status == 2)
        #expect(base.stdout.isEmpty)
        #expect(base.stderr.hasPrefix("evident: BASE `old-content` is not a revision of the git repository at "), "\(base.stderr)")
        #expect(base.stderr.contains("A folder named `old-content` exists, but BASE and HEAD are always revisions; to compare that folder, pass --base-dir old-content.\n"))
        let head = try repo.run(["main", "old-content"])
        #expect(head.status == 2)
        #expect(head.stderr.contains("pass --head-dir old-content."), "\(head.stderr)")
    }

    @Test func aSideNamedTwiceOrNotAtAllIsAUsageError() throws {
        let repo = try Repository()
        defer { repo.remove() }
        let base = try repo.run(["main", "HEAD", "--base-dir", "content"])
        #expect(base.status == 2 && base.stdout.isEmpty)
        #expect(base.stderr.hasPrefix("evident: BASE is named twice: by --base-dir `content` and by the revision `main`."), "\(base.stderr)")
        let head = try repo.run(["main", "HEAD", "--head-dir", "content"])
        #expect(head.status == 2 && head.stdout.isEmpty)
        #expect(head.stderr.hasPrefix("evident: HEAD is named twice: by --head-dir `content` and by the revision `HEAD`."), "\(head.stderr)")
        let none = try repo.run([])
        #expect(none.status == 2 && none.stdout.isEmpty)
        #expect(none.stderr.contains("--base-dir DIR"), "\(none.stderr)")
        let missing = try repo.run(["--base-dir", "no-such-folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "evident: --base-dir `no-such-folder` is not a folder. Name an existing content folder.\n")
    }

    @Test func anAmbiguousNameIsAUsageError() throws {
        let repo = try Repository()
        defer { repo.remove() }
        try repo.git("tag", "main", "HEAD")
        let run = try repo.run(["main"])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("evident: BASE `main` is ambiguous in the git repository at "), "\(run.stderr)")
        #expect(run.stderr.contains("refname 'main' is ambiguous"))
        #expect(run.stderr.contains("`refs/heads/…`, `refs/tags/…`"))
        let exact = try repo.run(["refs/heads/main"])
        #expect(exact.status == 1, "\(exact.stderr)")
        #expect(exact.stdout.hasPrefix("evident diff revision refs/heads/main ("))
    }

    @Test func theHelpSaysHowToCompareFolders() throws {
        let help = try CLI.run(["diff", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--base-dir <DIR>") && help.stdout.contains("--head-dir <DIR>"), "\(help.stdout)")
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("BASE and HEAD are always revisions"), "\(words)")
    }

    /// A change merged without its version is seen again in the record of the period: each commit
    /// that changed the content, compared with the one before it; a commit outside it is not listed.
    @Test func eachCommitListsTheUnrecordedChangeAfterItWasMerged() throws {
        let repo = try Repository()
        defer { repo.remove() }
        try repo.git("commit", "-q", "-am", "Tighten OBJ-INC-01")
        let evidence = try #require(FileManager.default.enumerator(atPath: repo.url.appendingPathComponent("content/evidence").path)?
            .compactMap { $0 as? String }.sorted().first { $0.hasSuffix(".csv") })
        let file = repo.url.appendingPathComponent("content/evidence/" + evidence)
        try (try String(contentsOf: file, encoding: .utf8) + "one more row\n").write(to: file, atomically: true, encoding: .utf8)
        try repo.git("commit", "-q", "-am", "Export again")
        try "notes\n".write(to: repo.url.appendingPathComponent("NOTES.txt"), atomically: true, encoding: .utf8)
        try repo.git("add", "NOTES.txt")
        try repo.git("commit", "-q", "-m", "Notes outside the content")
        let ids = try repo.git("rev-list", "--reverse", "main").split(separator: "\n").map(String.init)
        try #require(ids.count == 4)

        let run = try repo.run(["--each-commit", "main~3"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "evident diff --each-commit revision \(ids[0]) → revision \(ids[3]), as of 2026-11-29")
        #expect(lines.dropFirst().first?.hasPrefix("2 commits changed the content · findings introduced by 1 (1 unrecorded change) · ") == true, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("commit \(ids[1]) (") && $0.hasSuffix("): Tighten OBJ-INC-01") }, "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("commit \(ids[2]) (") && $0.hasSuffix("): Export again") }, "\(run.stdout)")
        #expect(!run.stdout.contains(ids[3] + " (") && !run.stdout.contains("Notes outside"), "\(run.stdout)")
        #expect(run.stdout.contains("[updated/unrecorded-change]"), "\(run.stdout)")
        #expect(run.stdout.contains("replaced: content/evidence/" + evidence) || run.stdout.contains("REPLACED (evidence of a past value): content/evidence/" + evidence), "\(run.stdout)")

        let json = try repo.run(["--each-commit", "main~3", "main", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let commits = try #require(object["commits"] as? [[String: Any]])
        #expect(commits.map { $0["commit"] as? String } == [ids[1], ids[2]])
        #expect(commits.map { $0["parent"] as? String } == [ids[0], ids[1]])
        #expect((object["summary"] as? [String: Any])?["unrecorded_changes"] as? Int == 1)

        // Nothing changed the content after the change: nothing to list, nothing fails.
        let none = try repo.run(["--each-commit", "main~1"])
        #expect(none.status == 0 && none.stdout.split(separator: "\n").dropFirst().first == "no commit changed the content", "\(none.stdout)")
        // Folders are not commits.
        let folders = try repo.run(["--each-commit", "--base-dir", "content"])
        #expect(folders.status == 2 && folders.stderr.contains("--each-commit compares the commits between two revisions"), "\(folders.stderr)")
    }
}
