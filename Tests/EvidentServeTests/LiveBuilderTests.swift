@testable import EvidentServe
@testable import EvidentModel
import Foundation
import Testing

/// What a rebuild of `serve` reads again for a change report: the files named, the theme when a
/// template changed, everything when the report is unknown or names evident.yml.
@Suite struct LiveBuilderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let asOf = Day(iso: "2026-11-29")!
    static let page = "objectives/obj-inc-01.html"
    static let objective = "objectives/process/incident/OBJ-INC-01.md"

    struct Tree {
        let root: URL
        var content: URL { root.appendingPathComponent("content") }
        var templates: URL { root.appendingPathComponent("templates") }

        init() throws {
            root = URL(fileURLWithPath: Watch.standardized(FileManager.default.temporaryDirectory.path))
                .appendingPathComponent("evident-live-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: templates.appendingPathComponent("partials"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: LiveBuilderTests.repository.appendingPathComponent("content"), to: content)
        }

        func replace(_ old: String, with new: String, in relative: String) throws {
            let url = content.appendingPathComponent(relative)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
        }

        func page(_ builder: LiveBuilder, _ changes: Changes) throws -> String {
            let (_, site) = try builder.build(changes, asOf: LiveBuilderTests.asOf)
            return String(decoding: try #require(try site.file(LiveBuilderTests.page)), as: UTF8.self)
        }
    }

    @Test func aReportedFileIsReadAgainAndAnUnreportedOneIsNot() throws {
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let builder = LiveBuilder(content: tree.content.path, templates: tree.templates.path, watchedTemplates: tree.templates.path)
        #expect(try tree.page(builder, .unknown).contains("Restore priority-1 incidents"))

        try tree.replace("title: Restore priority-1", with: "title: Recover priority-1", in: Self.objective)
        // A report that names another file: this one is not read again.
        let other = tree.content.path + "/objectives/process/incident/OBJ-INC-02.md"
        #expect(try tree.page(builder, .paths([other])).contains("Restore priority-1 incidents"))
        // A report that names it, or its folder, or nothing known: it is.
        #expect(try tree.page(builder, .paths([tree.content.path + "/" + Self.objective])).contains("Recover priority-1 incidents"))
        try tree.replace("title: Recover priority-1", with: "title: Regain priority-1", in: Self.objective)
        #expect(try tree.page(builder, .paths([tree.content.path + "/objectives/process"])).contains("Regain priority-1 incidents"))
        try tree.replace("title: Regain priority-1", with: "title: Rescue priority-1", in: Self.objective)
        #expect(try tree.page(builder, .unknown).contains("Rescue priority-1 incidents"))
        try tree.replace("title: Rescue priority-1", with: "title: Reinstate priority-1", in: Self.objective)
        #expect(try tree.page(builder, .paths([tree.content.path + "/evident.yml"])).contains("Reinstate priority-1 incidents"))
    }

    @Test func aTemplateChangedIsReadAgain() throws {
        let tree = try Tree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let builder = LiveBuilder(content: tree.content.path, templates: tree.templates.path, watchedTemplates: tree.templates.path)
        #expect(try !tree.page(builder, .unknown).contains("A footer of our own"))
        try Data("<footer>A footer of our own</footer>\n".utf8).write(to: tree.templates.appendingPathComponent("partials/footer.mustache"))
        // Content reported: the theme is kept.
        #expect(try !tree.page(builder, .paths([tree.content.path + "/" + Self.objective])).contains("A footer of our own"))
        #expect(try tree.page(builder, .paths([tree.templates.path + "/partials/footer.mustache"])).contains("A footer of our own"))

        // A stylesheet of our own, then changed: the site serves each as it is.
        let css = tree.templates.appendingPathComponent("assets/style.css")
        for rule in ["body { color: navy; }\n", "body { color: teal; }\n"] {
            try FileManager.default.createDirectory(at: css.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(rule.utf8).write(to: css)
            let (_, site) = try builder.build(.paths([css.path]), asOf: Self.asOf)
            #expect(try site.file("assets/style.css") == Data(rule.utf8))
        }
    }
}
