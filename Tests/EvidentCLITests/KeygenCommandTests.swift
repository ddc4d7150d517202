import Foundation
import Testing

/// `evident keygen` never replaces what is at a key path unless told to, and even then never
/// writes through a link.
@Suite struct KeygenCommandTests {
    /// A fresh folder, removed by `remove`.
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evident-keygen-\(UUID().uuidString)")

        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        /// A link at `name` to `destination`, which need not exist.
        func link(_ name: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: destination)
        }

        /// Where the link at `name` leads, or nil when `name` is not a link.
        func destination(_ name: String) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: path(name)) }

        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    @Test(arguments: ["--private-key", "--public-key"])
    func aDanglingLinkIsNotReplacedWithoutForce(option: String) throws {
        let dir = try Folder()
        defer { dir.remove() }
        let target = dir.path("elsewhere.pem")
        try dir.link("key.pem", to: target)
        let other = option == "--private-key" ? "--public-key" : "--private-key"
        let run = try CLI.run(["keygen", option, "key.pem", other, "other.pem"], in: dir.url)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "evident: `key.pem` exists; evident does not overwrite a key. Pass --force to replace it, or choose another path.\n")
        // The link is as it was, nothing was written through it, and no half of a pair was written.
        #expect(dir.destination("key.pem") == target)
        #expect(!dir.exists("elsewhere.pem"))
        #expect(!dir.exists("other.pem"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["key.pem"])
    }

    @Test(arguments: ["--private-key", "--public-key"])
    func forceReplacesTheLinkAndNeverWritesThroughIt(option: String) throws {
        let dir = try Folder()
        defer { dir.remove() }
        try dir.link("dangling.pem", to: dir.path("nowhere.pem"))
        try Data("someone else's file\n".utf8).write(to: URL(fileURLWithPath: dir.path("theirs.pem")))
        try dir.link("pointing.pem", to: dir.path("theirs.pem"))
        let other = option == "--private-key" ? "--public-key" : "--private-key"
        for link in ["dangling.pem", "pointing.pem"] {
            let run = try CLI.run(["keygen", option, link, other, "other-\(link)", "--force"], in: dir.url)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(dir.destination(link) == nil, "the link itself is replaced by a file")
            let text = try String(contentsOfFile: dir.path(link), encoding: .utf8)
            #expect(text.hasPrefix(option == "--private-key" ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN PUBLIC KEY-----\n"))
            let mode = try FileManager.default.attributesOfItem(atPath: dir.path(link))[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == (option == "--private-key" ? 0o600 : 0o644))
        }
        #expect(!dir.exists("nowhere.pem"))
        #expect(try String(contentsOfFile: dir.path("theirs.pem"), encoding: .utf8) == "someone else's file\n")
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
                == ["dangling.pem", "other-dangling.pem", "other-pointing.pem", "pointing.pem", "theirs.pem"])
    }

    /// A private key written into a git working tree, where `git add -A` would commit it, is
    /// warned about; one the repository ignores, or outside any repository, is not.
    /// The commands keygen prints run as printed: a key path with a space is quoted for the
    /// shell, and one that starts with a dash is not taken for an option.
    @Test func theSignAndVerifyCommandsRunAsPrinted() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["keygen", "--private-key", "my key.pem", "--public-key=-public.pem"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let sign = try #require(lines.first { $0.hasPrefix("Sign:   evident ") }).dropFirst("Sign:   evident ".count)
        let verify = try #require(lines.first { $0.hasPrefix("Verify: evident ") }).dropFirst("Verify: evident ".count)
        #expect(sign == "pack --sign 'my key.pem'")
        #expect(verify == "verify PACK.zip --key ./-public.pem")
        let shell = URL(fileURLWithPath: "/bin/sh")
        let packed = try CLI.run(shell, ["-c", "exec \"$0\" \(sign) --as-of 2026-11-29", CLI.binary.path], in: dir)
        #expect(packed.status == 0, "\(packed.stderr)")
        let zip = "dist/evident-pack-northwind-services-2026-11-29.zip"
        let checked = try CLI.run(shell, ["-c", "exec \"$0\" \(verify.replacingOccurrences(of: "PACK.zip", with: zip))", CLI.binary.path], in: dir)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("signature"), "\(checked.stdout)")
    }

    @Test func aPrivateKeyGitWouldCommitIsWarnedAbout() throws {
        let dir = try Folder()
        defer { dir.remove() }
        let plain = try CLI.run(["keygen"], in: dir.url)
        #expect(plain.status == 0 && plain.stderr.isEmpty, "\(plain.stderr)")
        let git = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "init", "-q", "repo"], in: dir.url)
        #expect(git.status == 0, "\(git.stderr)")
        let repo = dir.url.appendingPathComponent("repo")
        let run = try CLI.run(["keygen"], in: repo)
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("evident: warning: evident-private.pem is in the git working tree "), "\(run.stderr)")
        #expect(run.stderr.contains("`git add -A` would commit the private key. Add it to .gitignore"))
        try Data("*.pem\n".utf8).write(to: repo.appendingPathComponent(".gitignore"))
        let ignored = try CLI.run(["keygen", "--private-key", "other.pem", "--public-key", "other-public.pem"], in: repo)
        #expect(ignored.status == 0 && ignored.stderr.isEmpty, "\(ignored.stderr)")
    }

    /// In a repository another user owns, git refuses to say whether the key is ignored (its
    /// `safe.directory` check): the warning says so rather than nothing. Made only as root, which
    /// can give the repository to another user.
    @Test(.enabled(if: getuid() == 0))
    func aPrivateKeyInARepositoryGitRefusesIsWarnedAbout() throws {
        let dir = try Folder()
        defer { dir.remove() }
        let git = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["git", "init", "-q", "repo"], in: dir.url)
        #expect(git.status == 0, "\(git.stderr)")
        let repo = dir.url.appendingPathComponent("repo")
        let chown = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["chown", "-R", "65534:65534", "repo"], in: dir.url)
        #expect(chown.status == 0, "\(chown.stderr)")
        let run = try CLI.run(["keygen"], in: repo)
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("evident: warning: evident-private.pem is in the git repository "), "\(run.stderr)")
        #expect(run.stderr.contains("which git refuses to read for this user (its `safe.directory` check)"), "\(run.stderr)")
        // Trusted again, the repository is asked as any other.
        let trusted = try CLI.run(["keygen", "--private-key", "other.pem", "--public-key", "other-public.pem"], in: repo,
                                  environment: ["GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*"])
        #expect(trusted.stderr.contains("is in the git working tree") && trusted.stderr.contains("would commit the private key"), "\(trusted.stderr)")
    }

    @Test func forceNeverReplacesAFolder() throws {
        let dir = try Folder()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path("keys"), withIntermediateDirectories: false)
        let run = try CLI.run(["keygen", "--public-key", "keys", "--force"], in: dir.url)
        #expect(run.status == 2)
        #expect(run.stderr == "evident: `keys` is a folder; --force replaces a file or a link, never a folder. Choose another path.\n")
        #expect(!dir.exists("evident-private.pem"))
        let plain = try CLI.run(["keygen", "--private-key", "keys"], in: dir.url)
        #expect(plain.status == 2)
        #expect(plain.stderr.contains("`keys` exists;"))
    }

    /// A key pair is written whole or not at all: a public key that cannot be written (its folder
    /// is missing, or is a file) leaves no private key behind, so running keygen again with a
    /// path that works needs no --force and no cleaning up; an existing key is left as it was.
    @Test(arguments: [false, true])
    func aPublicKeyThatCannotBeWrittenLeavesNoPrivateKey(force: Bool) throws {
        let dir = try Folder()
        defer { dir.remove() }
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: dir.path("file")))
        if force { try Data("the user's old key\n".utf8).write(to: URL(fileURLWithPath: dir.path("evident-private.pem"))) }
        for publicKey in ["missing/public.pem", "file/public.pem"] {
            let run = try CLI.run(["keygen", "--public-key", publicKey] + (force ? ["--force"] : []), in: dir.url)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.hasPrefix("evident: Cannot write ") && run.stderr.contains(publicKey + ": "), "\(run.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
                    == (force ? ["evident-private.pem", "file"] : ["file"]))
        }
        if force {
            #expect(try String(contentsOfFile: dir.path("evident-private.pem"), encoding: .utf8) == "the user's old key\n")
        } else {
            let again = try CLI.run(["keygen"], in: dir.url)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(dir.exists("evident-private.pem") && dir.exists("evident-public.pem"))
        }
    }
}
