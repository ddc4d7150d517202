import Foundation
import Testing

/// `build` and `pack` say on stderr each name a template reads that no value has, and still
/// exit as their findings say: a warning about the theme is not a finding about the content.
@Suite struct TemplateWarningCommandTests {
    static let row = "evident: warning: templates/partials/register-row.mustache:1:24: `{{titel}}` writes nothing: "
        + "no value here is named `titel`; did you mean `title`?\n"

    private func withTypo() throws -> URL {
        let dir = try CLI.copyOfContent()
        let partials = dir.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "<tr><td>{{id}}</td><td>{{titel}}</td></tr>\n".write(to: partials.appendingPathComponent("register-row.mustache"),
                                                                  atomically: true, encoding: .utf8)
        return dir
    }

    @Test func buildSaysAMisspeltNameOnceAndSucceeds() throws {
        let dir = try withTypo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["build", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == Self.row, "\(run.stderr)")
        let register = try String(contentsOf: dir.appendingPathComponent("site/register.html"), encoding: .utf8)
        #expect(register.contains("<tr><td>OBJ-INC-01</td><td></td></tr>"))
        let failing = try CLI.run(["build", "--as-of", "2026-11-29", "--quiet", "--fail-on", "warning"], in: dir)
        #expect(failing.status == 0 && failing.stderr == Self.row, "--fail-on is about the content's findings, and the example has no warning")
    }

    @Test func packSaysItToo() throws {
        let dir = try withTypo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["pack", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(Self.row), "\(run.stderr)")
    }

    /// The built-in theme reads only names its pages give, on the example content and on a
    /// generated tree (with the standards' pages): a guard on the theme itself.
    @Test func theBuiltInThemeSaysNothingOnTheExampleNorOnAGeneratedTree() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let example = try CLI.run(["build", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(example.status == 0 && example.stderr.isEmpty, "\(example.stderr)")
        for (name, extra) in [("plain", [String]()), ("standards", ["--standards", "iso20000-1,iso9001,iso27001"])] {
            let tree = dir.appendingPathComponent(name)
            #expect(try BenchCorpusTests.generate([tree.path, "--objectives", "50"] + extra) == 0)
            let run = try CLI.run(["build", "--content", tree.path, "--output", dir.appendingPathComponent("site-\(name)").path,
                                   "--as-of", "2026-11-29", "--quiet"], in: dir)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(name): \(run.stderr)")
        }
    }
}
