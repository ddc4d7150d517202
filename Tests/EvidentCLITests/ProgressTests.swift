import Foundation
import Testing

/// `build` and `pack` show their progress on stderr when it is a terminal, in place, and clear it
/// at the end; never in a pipe, never with `--quiet`.
@Suite struct ProgressTests {
    static let clear = "\r\u{1B}[K"

    /// What a terminal would show after `text`: carriage return, line feed and erase-to-end-of-line
    /// applied, the lines left on the screen.
    static func screen(_ text: String) -> [String] {
        var lines: [[Character]] = [[]]
        var column = 0
        var rest = Substring(text)
        while let ch = rest.first {
            rest = rest.dropFirst()
            switch ch {
            case "\r":
                column = 0
            case "\n", "\r\n":
                lines.append([])
                column = 0
            case "\u{1B}":
                if rest.hasPrefix("[K") {
                    lines[lines.count - 1].removeSubrange(min(column, lines[lines.count - 1].count)...)
                    rest = rest.dropFirst(2)
                }
            default:
                var line = lines[lines.count - 1]
                while line.count < column { line.append(" ") }
                if column < line.count { line[column] = ch } else { line.append(ch) }
                lines[lines.count - 1] = line
                column += 1
            }
        }
        return lines.map { String($0) }.filter { !$0.isEmpty }
    }

    /// The bundled content renders 51 pages and 3 data files.
    static let jobs = 55

    @Test func buildShowsRenderingOnATerminalAndClearsIt() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.runOnTerminal(["build", "--as-of", "2026-11-29"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix(Self.clear + "Rendering pages 1/\(Self.jobs)"), "\(run.stderr.debugDescription)")
        #expect(run.stderr.hasSuffix(Self.clear), "\(run.stderr.debugDescription)")
        #expect(Self.screen(run.stderr).isEmpty, "\(run.stderr.debugDescription)")
        // stdout is a pipe here: the findings and the summary, without any terminal control.
        #expect(run.stdout.contains("Wrote 52 pages to site/"))
        #expect(!run.stdout.contains("\r") && !run.stdout.contains("\u{1B}"))
    }

    /// stdout and stderr on one terminal: the findings, printed while the pages render, and the
    /// summary are left whole on the screen, with no progress text among them.
    @Test func theFindingsAndSummaryStayWholeOnTheSameTerminal() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let piped = try CLI.run(["build", "--as-of", "2026-11-29", "--no-color", "--output", "other"], in: dir)
        let run = try CLI.runOnTerminal(["build", "--as-of", "2026-11-29", "--no-color"], in: dir, stdoutToo: true)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Rendering pages"))
        let expected = piped.stdout.replacingOccurrences(of: "other/", with: "site/").split(separator: "\n").map(String.init)
        #expect(Self.screen(run.stdout) == expected.filter { !$0.isEmpty }, "\(run.stdout.debugDescription)")
    }

    @Test func packShowsRenderingThenPacking() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.runOnTerminal(["pack", "--as-of", "2026-11-29"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let rendering = try #require(run.stderr.range(of: Self.clear + "Rendering pages 1/\(Self.jobs)"))
        let packing = try #require(run.stderr.range(of: Self.clear + "Packing files "))
        #expect(rendering.upperBound < packing.lowerBound)
        #expect(run.stderr.hasSuffix(Self.clear))
        #expect(Self.screen(run.stderr).isEmpty, "\(run.stderr.debugDescription)")
    }

    @Test func quietShowsNoProgressOnATerminal() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let build = try CLI.runOnTerminal(["build", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(build.status == 0)
        #expect(build.stderr.isEmpty, "\(build.stderr.debugDescription)")
        let pack = try CLI.runOnTerminal(["pack", "--as-of", "2026-11-29", "--quiet"], in: dir)
        #expect(pack.status == 0)
        #expect(pack.stderr.isEmpty, "\(pack.stderr.debugDescription)")
    }

    @Test func aPipeGetsNoProgress() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["build", "pack"] {
            let run = try CLI.run([command, "--as-of", "2026-11-29"], in: dir)
            #expect(run.status == 0)
            #expect(run.stderr.isEmpty, "\(command): \(run.stderr.debugDescription)")
        }
    }
}
