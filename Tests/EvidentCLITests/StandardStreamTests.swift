import Foundation
import Testing

/// stdout and stderr as the shell hands them over: closed, full, a pipe or a terminal of one kind
/// or another. Each is told apart where it matters: an output error, colour, the progress line.
@Suite struct StandardStreamTests {
    /// A stream the process was started without (`>&-`) is never the number of a file evident
    /// opens: the report is refused as a closed stream's, exit 2.
    @Test func aClosedStdoutIsAnOutputError() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        for arguments in [["check", "--as-of", "2026-11-29"], ["build", "--as-of", "2026-11-29"], ["rules"]] {
            let run = try CLI.shell("exec >&- <&-;", arguments, in: dir)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "evident: cannot write to standard output: Bad file descriptor.\n", "\(arguments): \(run.stderr)")
        }
        // Without stderr too: the exit code still tells, and the site is whole.
        let silent = try CLI.shell("exec >&- 2>&-;", ["build", "--as-of", "2026-11-29", "--output", "quiet"], in: dir)
        #expect(silent.status == 2)
        #expect(try CLI.run(["build", "--as-of", "2026-11-29", "--output", "piped"], in: dir).status == 0)
        #expect(try CLI.files(of: dir.appendingPathComponent("quiet")) == CLI.files(of: dir.appendingPathComponent("piped")))
    }

    /// --help and --version into a full disk are refused like any other output.
    @Test(arguments: [["--help"], ["--version"], ["check", "--help"], ["help", "pack"]])
    func helpIntoAFullDiskExits2(arguments: [String]) throws {
        let dir = try CLI.scratch("env")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.shell("exec >/dev/full;", arguments, in: dir)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stderr == "evident: cannot write to standard output: No space left on device.\n", "\(run.stderr)")
        #expect(try CLI.shell("", arguments, in: dir).status == 0)
    }

    /// Colour on a terminal unless it is dumb or NO_COLOR says no; CLICOLOR_FORCE asks for it even
    /// into a pipe. The progress line is drawn on a terminal that can redraw it only.
    @Test func colourAndProgressFollowTheTerminal() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("---\nid: [\n---\n".utf8).write(to: dir.appendingPathComponent("content/objectives/broken.md"))
        let check = ["check", "--as-of", "2026-11-29"]
        let escape = "\u{1B}["
        #expect(try CLI.runOnTerminal(check, in: dir, stdoutToo: true).stdout.contains(escape))
        #expect(!(try CLI.runOnTerminal(check, in: dir, stdoutToo: true, environment: ["TERM": "dumb"]).stdout.contains(escape)))
        #expect(!(try CLI.runOnTerminal(check, in: dir, stdoutToo: true, environment: ["NO_COLOR": "1"]).stdout.contains(escape)))
        // The test runner's own NO_COLOR is set aside: an empty one asks nothing.
        #expect(try CLI.run(check, in: dir, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": ""]).stdout.contains(escape))
        #expect(!(try CLI.run(check, in: dir, environment: ["CLICOLOR_FORCE": "0", "NO_COLOR": ""]).stdout.contains(escape)))
        #expect(!(try CLI.run(check, in: dir, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"]).stdout.contains(escape)))
        #expect(!(try CLI.run(check + ["--no-color"], in: dir, environment: ["CLICOLOR_FORCE": "1"]).stdout.contains(escape)))

        let dumb = try CLI.runOnTerminal(["build", "--as-of", "2026-11-29"], in: dir, environment: ["TERM": "dumb"])
        #expect(dumb.status == 0)
        #expect(dumb.stderr.isEmpty, "\(dumb.stderr.debugDescription)")
    }
}
