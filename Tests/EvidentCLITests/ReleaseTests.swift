import Foundation
import Testing

/// What the release tarball is made of: the completions and the man page's source come from the
/// binary itself, and scripts/release.sh lays them out the same way, byte for byte, every time.
/// (The static build and the run with the toolchain hidden are scripts/release-check.sh's: too
/// slow for the suite.)
@Suite struct ReleaseTests {
    static func shell(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CLIRun {
        try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, in: directory, environment: environment)
    }

    static let commands = ["init", "check", "build", "diff", "pack", "serve", "verify", "keygen", "rules", "explain"]

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(shell: String) throws {
        let run = try CLI.run(["--generate-completion-script", shell])
        #expect(run.status == 0, "\(run.stderr)")
        for command in Self.commands {
            #expect(run.stdout.contains(command), "\(shell) completion lacks \(command)")
        }
        #expect(run.stdout.contains("as-of") && run.stdout.contains("fail-on"))
        if shell == "bash" {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-completion-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            try Data(run.stdout.utf8).write(to: dir.appendingPathComponent("evident"))
            let loaded = try Self.shell(["bash", "-c", "source ./evident && complete -p evident"], in: dir)
            #expect(loaded.status == 0, "\(loaded.stderr)")
            #expect(loaded.stdout.contains("evident"))
        }
    }

    /// The man page is written from this description (swift-argument-parser's generate-manual reads it).
    @Test func theManPageSourceDescribesEveryCommand() throws {
        let run = try CLI.run(["--experimental-dump-help"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let command = try #require(json["command"] as? [String: Any])
        #expect(command["commandName"] as? String == "evident")
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        #expect(Set(Self.commands).isSubset(of: Set(names)), "\(names)")
        // mdoc warns of an empty input line, which `groff -ww` (release-check.sh) makes an error:
        // no abstract or discussion may hold one.
        func texts(_ value: Any) -> [String] {
            if let object = value as? [String: Any] {
                return object.flatMap { key, child in
                    (key == "abstract" || key == "discussion") ? [child as? String].compactMap { $0 } : texts(child)
                }
            }
            if let list = value as? [Any] { return list.flatMap(texts) }
            return []
        }
        let all = texts(command)
        #expect(all.count > 20)
        for text in all { #expect(!text.split(separator: "\n", omittingEmptySubsequences: false).contains(""), "\(text)") }
    }

    /// A stand-in for the binary: answers what release.sh asks of it.
    static let fakeBinary = """
        #!/bin/sh
        case "$1" in
          --version) echo 9.8.7 ;;
          --generate-completion-script) echo "# $2 completion for evident" ;;
          *) exit 2 ;;
        esac

        """

    struct Release {
        let dir: URL
        var output: URL { dir.appendingPathComponent("out") }

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-release-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(ReleaseTests.fakeBinary.utf8).write(to: dir.appendingPathComponent("evident"))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("evident").path)
            try Data(".Dd December 1, 2026\n.Dt EVIDENT 1\n".utf8).write(to: dir.appendingPathComponent("evident.1"))
        }

        func run(_ extra: [String] = []) throws -> CLIRun {
            try ReleaseTests.shell([CLI.repository.appendingPathComponent("scripts/release.sh").path,
                                    "--binary", dir.appendingPathComponent("evident").path,
                                    "--manual", dir.appendingPathComponent("evident.1").path,
                                    "--output", output.path, "--no-check"] + extra,
                                   in: dir, environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        }

        func remove() { try? FileManager.default.removeItem(at: dir) }
    }

    static var arch: String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    @Test func theTarballHoldsTheLayoutWithChecksumsAndIsTheSameEveryTime() throws {
        let release = try Release()
        defer { release.remove() }
        let first = try release.run()
        #expect(first.status == 0, "\(first.stderr)")
        let name = "evident-9.8.7-linux-\(Self.arch)"
        let written = try FileManager.default.contentsOfDirectory(atPath: release.output.path).sorted()
        #expect(written == ["\(name).tar.gz", "\(name).tar.gz.sha256"])
        let bytes = try Data(contentsOf: release.output.appendingPathComponent("\(name).tar.gz"))

        // The checksum beside the tarball, and the one inside for every file, check out.
        let outside = try Self.shell(["sha256sum", "--check", "\(name).tar.gz.sha256"], in: release.output)
        #expect(outside.status == 0, "\(outside.stdout)\(outside.stderr)")
        let listing = try Self.shell(["tar", "--list", "--verbose", "--numeric-owner", "--file", "\(name).tar.gz"], in: release.output)
        #expect(listing.status == 0)
        let rows = listing.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        let paths = rows.compactMap { $0.last.map(String.init) }
        #expect(paths == [
            "\(name)/", "\(name)/LICENSE", "\(name)/NOTICE", "\(name)/SHA256SUMS", "\(name)/bin/", "\(name)/bin/evident",
            "\(name)/share/", "\(name)/share/bash-completion/", "\(name)/share/bash-completion/completions/",
            "\(name)/share/bash-completion/completions/evident", "\(name)/share/fish/", "\(name)/share/fish/vendor_completions.d/",
            "\(name)/share/fish/vendor_completions.d/evident.fish", "\(name)/share/man/", "\(name)/share/man/man1/",
            "\(name)/share/man/man1/evident.1", "\(name)/share/zsh/", "\(name)/share/zsh/site-functions/",
            "\(name)/share/zsh/site-functions/_evident",
        ])
        // Owner 0/0, and every date the one given (2025-12-01 00:00 UTC, shown in local time).
        #expect(rows.allSatisfy { $0.count > 1 && $0[1] == "0/0" }, "\(listing.stdout)")
        #expect(Set(rows.compactMap { $0.count > 4 ? "\($0[3]) \($0[4])" : nil }).count == 1, "\(listing.stdout)")
        #expect(rows.filter { $0.first == "-rwxr-xr-x" }.compactMap { $0.last } == ["\(name)/bin/evident"])

        let unpacked = release.dir.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        #expect(try Self.shell(["tar", "-xzf", release.output.appendingPathComponent("\(name).tar.gz").path], in: unpacked).status == 0)
        let tree = unpacked.appendingPathComponent(name)
        let inside = try Self.shell(["sha256sum", "--check", "SHA256SUMS"], in: tree)
        #expect(inside.status == 0, "\(inside.stdout)\(inside.stderr)")
        #expect(inside.stdout.split(separator: "\n").count == 7, "\(inside.stdout)")
        let fish = try String(contentsOf: tree.appendingPathComponent("share/fish/vendor_completions.d/evident.fish"), encoding: .utf8)
        #expect(fish == "# fish completion for evident\n")
        let license = try Data(contentsOf: tree.appendingPathComponent("LICENSE"))
        #expect(license == (try Data(contentsOf: CLI.repository.appendingPathComponent("LICENSE"))))

        // Again: the same bytes, so the files already there are left as they are.
        let second = try release.run()
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: release.output.appendingPathComponent("\(name).tar.gz")) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: release.output.path).sorted() == written)
    }

    @Test func aFileItDidNotWriteIsNeverReplaced() throws {
        let release = try Release()
        defer { release.remove() }
        let name = "evident-9.8.7-linux-\(Self.arch).tar.gz"
        try FileManager.default.createDirectory(at: release.output, withIntermediateDirectories: true)
        let mine = release.output.appendingPathComponent(name)
        try Data("someone else's file\n".utf8).write(to: mine)
        let run = try release.run()
        #expect(run.status == 1)
        #expect(run.stderr.contains("exists with other bytes"), "\(run.stderr)")
        #expect(try Data(contentsOf: mine) == Data("someone else's file\n".utf8))
        // Neither the checksum file nor the staging folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: release.output.path) == [name])
    }

    @Test func wrongArgumentsExit2() throws {
        let release = try Release()
        defer { release.remove() }
        let script = CLI.repository.appendingPathComponent("scripts/release.sh").path
        #expect(try Self.shell([script, "--bogus"], in: release.dir).status == 2)
        #expect(try Self.shell([script, "--binary", "x"], in: release.dir).status == 2)
        #expect(!FileManager.default.fileExists(atPath: release.output.path))
    }
}
