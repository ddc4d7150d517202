import Foundation
import Testing

/// The permissions of what evident writes, under the umask the user runs it with.
@Suite struct FileModeTests {
    private func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    /// Every file evident writes takes the umask as `cp` does (0666 less it), the private key
    /// excepted: 0600 under any umask. A rebuild under another umask keeps no page of the old mode.
    @Test(arguments: [(0o077, 0o600), (0o027, 0o640), (0o022, 0o644), (0o000, 0o666)])
    func filesTakeTheUmaskButThePrivateKey(umask: Int, expected: Int) throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = "umask \(String(umask, radix: 8));"
        let commands = [["build", "--as-of", "2026-11-29"], ["pack", "--as-of", "2026-11-29"], ["schema"],
                        ["init", "new", "--as-of", "2026-11-29"], ["keygen"]]
        for command in commands {
            let run = try CLI.shell(prefix, command, in: dir)
            #expect(run.status == 0, "\(command): \(run.stderr)")
        }
        for path in ["site/index.html", "site/objectives/obj-chg-01.html", "dist/evident-pack-northwind-services-2026-11-29.zip",
                     "schema/objective.schema.json", "new/content/evident.yml", "evident-public.pem"] {
            #expect(try mode(dir.appendingPathComponent(path)) == expected, "\(path) under umask \(String(umask, radix: 8))")
        }
        #expect(try mode(dir.appendingPathComponent("evident-private.pem")) == 0o600)
        #expect(try mode(dir.appendingPathComponent("site")) == 0o777 & ~umask)

        // The pages kept from a build under another umask would keep its mode.
        let other = try CLI.shell("umask \(umask == 0o022 ? "077" : "022");", ["build", "--as-of", "2026-11-29", "--output", "again"], in: dir)
        #expect(other.status == 0, "\(other.stderr)")
        let again = try CLI.shell(prefix, ["build", "--as-of", "2026-11-29", "--output", "again"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("kept unchanged"), "\(again.stdout)")
        #expect(try mode(dir.appendingPathComponent("again/objectives/obj-chg-01.html")) == expected)
    }
}
