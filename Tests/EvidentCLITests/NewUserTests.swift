@testable import EvidentModel
import Foundation
import Testing

/// What the README walks a new user through, run as they would: `init`, a second objective, then
/// one partial of the theme overridden to change the register's rows.
@Suite struct NewUserTests {
    /// docs/standards.md's "Adding a standard to a running system", from the default tree: the
    /// `standards` line is in evident.yml to edit, the finding says what 27001 asks, and its fix
    /// gives a clean check.
    @Test func addingISO27001ToTheStarterTree() throws {
        let dir = try CLI.scratch("add-27001")
        defer { try? FileManager.default.removeItem(at: dir) }
        let asOf = ["--as-of", "2026-11-29"]
        #expect(try CLI.run(["init"] + asOf, in: dir).status == 0)
        let config = dir.appendingPathComponent("content/evident.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        // The other ids are every standard evident knows (Standard.all), so a new one changes nothing here.
        let others = Standard.all.map(\.id).filter { $0 != "iso20000-1" }
        let line = "standards: [iso20000-1]   # also: \(others.joined(separator: ", "))\n"
        #expect(text.hasSuffix(line), "\(text)")
        try text.replacingOccurrences(of: "[iso20000-1]", with: "[iso20000-1, iso27001]").write(to: config, atomically: true, encoding: .utf8)

        let check = try CLI.run(["check", "--no-color"] + asOf, in: dir)
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("content/objectives/OBJ-INC-01.md:1:1: warning: `OBJ-INC-01` takes no risk into account, which ISO/IEC 27001:2022 asks; "
            + "list in `risks` the risks.md entries it treats, like `risks: [R-1]`"), "\(check.stdout)")
        #expect(check.stdout.contains("0 errors, 1 warning"))

        let objective = dir.appendingPathComponent("content/objectives/OBJ-INC-01.md")
        try String(contentsOf: objective, encoding: .utf8).replacingOccurrences(of: "requirements: [MSA-7.2]\n", with: "requirements: [MSA-7.2]\nrisks: [R-1]\n")
            .write(to: objective, atomically: true, encoding: .utf8)
        let clean = try CLI.run(["check", "--no-color", "--fail-on", "warning"] + asOf, in: dir)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("ISO/IEC 27001:2022, clause 6.2    pass\n"), "\(clean.stdout)")
    }

    @Test func initAnObjectiveAndAnOverriddenRegisterRow() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-new-user-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let asOf = ["--as-of", "2026-11-29"]

        let initRun = try CLI.run(["init"] + asOf, in: dir)
        #expect(initRun.status == 0, "\(initRun.stderr)")

        // A second objective: the starter one under another id, with its own measurements.
        let objectives = dir.appendingPathComponent("content/objectives")
        let starter = try String(contentsOf: objectives.appendingPathComponent("OBJ-INC-01.md"), encoding: .utf8)
        try starter.replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-INC-02")
            .write(to: objectives.appendingPathComponent("OBJ-INC-02.md"), atomically: true, encoding: .utf8)
        let measurements = dir.appendingPathComponent("content/measurements")
        try FileManager.default.copyItem(at: measurements.appendingPathComponent("OBJ-INC-01.csv"),
                                         to: measurements.appendingPathComponent("OBJ-INC-02.csv"))
        let check = try CLI.run(["check", "--no-color"] + asOf, in: dir)
        #expect(check.stdout.contains("0 errors"), "\(check.stdout)")

        let plain = try CLI.run(["build", "--quiet"] + asOf, in: dir)
        #expect(plain.status == 0, "\(plain.stderr)")
        let before = try String(contentsOf: dir.appendingPathComponent("site/register.html"), encoding: .utf8)
        #expect(before.contains(">OBJ-INC-02</a>") && !before.contains("my-row"))

        // templates/ in the working folder is laid over the built-in theme, file by file.
        let partials = dir.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try "<tr class=\"my-row\"><th scope=\"row\">{{id}}</th><td colspan=\"9\">{{title}}, owned by {{owner}}</td></tr>\n"
            .write(to: partials.appendingPathComponent("register-row.mustache"), atomically: true, encoding: .utf8)
        let themed = try CLI.run(["build", "--quiet"] + asOf, in: dir)
        #expect(themed.status == 0, "\(themed.stderr)")
        let after = try String(contentsOf: dir.appendingPathComponent("site/register.html"), encoding: .utf8)
        let rows = after.components(separatedBy: "<tr class=\"my-row\">").count - 1
        #expect(rows == 2, "\(after)")
        #expect(after.contains("<th scope=\"row\">OBJ-INC-02</th>"))
        // Every other page keeps the built-in theme.
        let index = try String(contentsOf: dir.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(!index.contains("my-row"))
    }
}
