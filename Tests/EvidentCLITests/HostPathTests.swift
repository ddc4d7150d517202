import Foundation
import Testing

/// What evident publishes (the site, the registers, the pack) never holds a path of the machine
/// that made it: the same content gives the same pack from any working folder, and a link's
/// target is never printed.
@Suite struct HostPathTests {
    @Test func thePackIsTheSameFromAnyWorkingFolderAndPublishesNoHostPath() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("evident-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: secret, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: secret) }
        try Data("---\nid: OBJ-LINK\n---\n".utf8).write(to: secret.appendingPathComponent("x.md"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("content/objectives/linked.md").path,
                                                   withDestinationPath: secret.appendingPathComponent("x.md").path)
        let nested = dir.appendingPathComponent("elsewhere/deeper")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)

        let here = try CLI.run(["pack", "--content", "content", "--output", "dist", "--as-of", "2026-11-29"], in: dir)
        let there = try CLI.run(["pack", "--content", "../../content", "--output", "out", "--as-of", "2026-11-29"], in: nested)
        #expect(here.status == 0 && there.status == 0, "\(here.stderr) \(there.stderr)")
        let name = "evident-pack-northwind-services-2026-11-29.zip"
        let a = try Data(contentsOf: dir.appendingPathComponent("dist/\(name)"))
        let b = try Data(contentsOf: nested.appendingPathComponent("out/\(name)"))
        #expect(a == b, "the pack depends on the working folder")

        // The terminal shows paths from where the command ran; no output names the link's target.
        #expect(here.stdout.contains("content/objectives/linked.md:1:1: error:"))
        #expect(there.stdout.contains("../../content/objectives/linked.md:1:1: error:"))
        for text in [here.stdout, here.stderr, there.stdout, there.stderr, String(decoding: a, as: UTF8.self)] {
            #expect(!text.contains(secret.path))
            #expect(!text.contains(dir.path))
        }
    }

    @Test func theSiteIsTheSameFromAnyWorkingFolder() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nested = dir.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let here = try CLI.run(["build", "--content", "content", "--output", "one", "--as-of", "2026-11-29"], in: dir)
        let there = try CLI.run(["build", "--content", "../content", "--output", "two", "--as-of", "2026-11-29"], in: nested)
        #expect(here.status == 0 && there.status == 0, "\(here.stderr) \(there.stderr)")
        for page in ["data/register.csv", "data/findings.json", "index.html", "register.html"] {
            let x = try Data(contentsOf: dir.appendingPathComponent("one/\(page)"))
            let y = try Data(contentsOf: nested.appendingPathComponent("two/\(page)"))
            #expect(x == y, "\(page) depends on the working folder")
        }
    }
}
