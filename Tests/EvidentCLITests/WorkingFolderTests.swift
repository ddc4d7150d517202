import Foundation
import Testing

/// Where evident is run from does not change which paths it shows or selects.
@Suite struct WorkingFolderTests {
    /// A working folder whose path is 1,024 bytes or longer: findings of a content folder given by
    /// its absolute path still show that path, and a PATH relative to the working folder selects.
    @Test func aLongWorkingFolder() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        func deep(_ name: String) throws -> URL {
            var folder = dir.appendingPathComponent(name)
            while folder.path.utf8.count < 1_100 { folder.appendPathComponent(String(repeating: "d", count: 60)) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }
        let home = try deep("home"), elsewhere = try deep("elsewhere")
        let content = home.appendingPathComponent("content")
        try FileManager.default.moveItem(at: dir.appendingPathComponent("content"), to: content)
        try Data("---\nid: [\n---\n".utf8).write(to: content.appendingPathComponent("objectives/broken.md"))

        let outside = try CLI.run(["check", "--as-of", "2026-11-29", "--content", content.path], in: elsewhere)
        #expect(outside.status == 1)
        #expect(outside.stdout.hasPrefix(content.path + "/objectives/broken.md:"), "\(outside.stdout.prefix(200))")

        let inside = try CLI.run(["check", "--as-of", "2026-11-29", "--content", content.path, "content/objectives/broken.md"], in: home)
        #expect(inside.status == 1, "\(inside.stderr)")
        #expect(inside.stdout.hasPrefix("content/objectives/broken.md:"), "\(inside.stdout.prefix(200))")
    }
}
