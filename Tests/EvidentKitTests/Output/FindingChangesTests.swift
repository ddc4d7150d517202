import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel

/// What `serve` prints after a rebuild: the findings that came (`+`) and went (`-`), not the list.
@Suite struct FindingChangesTests {
    static func finding(_ file: String, _ line: Int, _ message: String, rule: String = "monitored/off-target",
                        severity: Severity = .warning) -> Finding {
        Finding(rule: rule, severity: severity, obligation: .monitored, message: message,
                location: SourceLocation(file: file, line: line, column: 1))
    }

    @Test func newAndResolvedFindingsAreThoseThatDiffer() {
        let kept = Self.finding("content/a.md", 3, "kept")
        let gone = Self.finding("content/b.md", 1, "gone")
        let moved = Self.finding("content/c.md", 4, "moved")
        let came = Self.finding("content/d.md", 2, "came \u{1B}[31m", severity: .error)
        let old = [kept, gone, moved, kept]
        let new = [came, kept, Self.finding("content/c.md", 5, "moved"), kept]
        let changes = FindingChanges(from: old, to: new)
        #expect(changes.resolved == [gone, moved])
        #expect(changes.new == [Self.finding("content/c.md", 5, "moved"), came])
        #expect(changes.text(now: new, color: false) == """
            - content/b.md:1:1: warning: gone [monitored/off-target]
            - content/c.md:4:1: warning: moved [monitored/off-target]
            + content/c.md:5:1: warning: moved [monitored/off-target]
            + content/d.md:2:1: error: came \\e[31m [monitored/off-target]
            Findings: 2 new, 2 resolved; now 1 error, 3 warnings, 0 info.

            """)
    }

    /// `serve` prints every finding after its first build, then what each rebuild changed; a quiet
    /// serve prints nothing but still keeps the findings to compare the next build with.
    @Test func serveShowsEveryFindingFirstThenWhatChanged() throws {
        var files = ExampleTree.base
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: [
            "statement: Restore service for priority-1 incidents within 4 hours.":
                "statement: Restore service for priority-1 incidents within 4 hours. Report it monthly.",
        ])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let warned = try tree.check()
        try #require(warned.findings.map(\.rule) == ["established/statement"])
        let cleanTree = try TemporaryTree(ExampleTree.base)
        defer { cleanTree.remove() }
        let clean = try cleanTree.check()

        let since = FindingsSinceLastBuild()
        let first = since.text(after: warned, content: tree.path, color: false, quiet: false)
        #expect(first == FindingsReport(result: ContentCheck.shown(warned, content: tree.path)).render(.text, quiet: true))
        #expect(first?.contains("[established/statement]") == true)
        #expect(since.text(after: warned, content: tree.path, color: false, quiet: false)
                == "Findings: none changed; now 0 errors, 1 warning, 0 info.\n")
        #expect(since.text(after: clean, content: tree.path, color: false, quiet: true) == nil)
        #expect(since.text(after: clean, content: tree.path, color: false, quiet: false)
                == "Findings: none changed; now 0 errors, 0 warnings, 0 info.\n")
        let back = since.text(after: warned, content: tree.path, color: false, quiet: false) ?? ""
        #expect(back.hasPrefix("+ ") && back.hasSuffix("Findings: 1 new, 0 resolved; now 0 errors, 1 warning, 0 info.\n"), "\(back)")
    }

    /// The equal runs at both ends are skipped; what is new and resolved is the same as counting
    /// every finding (pseudo-random lists from a small alphabet, so that repeats and shifts occur).
    @Test func skippingTheEqualEndsChangesNothing() {
        let alphabet = (0..<4).map { Self.finding("content/\($0).md", $0 % 2 + 1, "f\($0 % 3)") }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func naive(_ old: [Finding], _ new: [Finding]) -> (new: [Finding], resolved: [Finding]) {
            var rest = old, added: [Finding] = []
            for f in new { if let i = rest.firstIndex(of: f) { rest.remove(at: i) } else { added.append(f) } }
            return (added.sorted(by: Finding.ordered), rest.sorted(by: Finding.ordered))
        }
        for _ in 0..<500 {
            let old = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }
            var new = old
            for _ in 0..<next(4) {
                switch next(3) {
                case 0 where !new.isEmpty: new.remove(at: next(new.count))
                case 1: new.insert(alphabet[next(alphabet.count)], at: next(new.count + 1))
                default: if !new.isEmpty { new[next(new.count)] = alphabet[next(alphabet.count)] }
                }
            }
            let changes = FindingChanges(from: old, to: new), expected = naive(old, new)
            #expect(changes.new == expected.new && changes.resolved == expected.resolved, "\(old) → \(new)")
        }
    }

    @Test func aFindingTwiceIsCountedTwice() {
        let f = Self.finding("content/a.md", 1, "twice")
        #expect(FindingChanges(from: [f], to: [f, f]).new == [f])
        #expect(FindingChanges(from: [f, f], to: [f]).resolved == [f])
        let same = FindingChanges(from: [f, f], to: [f, f])
        #expect(same.isEmpty)
        #expect(same.text(now: [f, f], color: false) == "Findings: none changed; now 0 errors, 2 warnings, 0 info.\n")
    }
}

/// `CheckResult.rebasingPaths`: a published result's paths, in locations and in messages, as the
/// terminal shows them.
@Suite struct RebasingPathsTests {
    @Test func pathsInLocationsAndMessagesMoveToThePrefix() throws {
        var files = ExampleTree.base
        // A consultation naming a file that does not exist: its message names the file.
        files["objectives/OBJ-INC-01.md"] = ExampleTree.objective(replacing: ["cadence: monthly\n": "cadence: monthly\nconsultation: reviews/none.md\n"])
        files["evident.yml"] = ExampleTree.configuration + "standards: [iso45001]\n"
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let content = try ContentLoader.load(directory: tree.path, displayRoot: ContentLoader.publishedRoot)
        let result = Checker.check(content, asOf: try #require(Day(iso: ExampleTree.asOf)))
        #expect(result.findings.allSatisfy { $0.location.file.hasPrefix("content/") })
        let shown = result.rebasingPaths(to: "site/src")
        #expect(shown.findings.count == result.findings.count)
        #expect(shown.findings.allSatisfy { $0.location.file.hasPrefix("site/src/") })
        #expect(shown.findings.contains { $0.rule == "requirements/consultation" })
        for (before, after) in zip(result.findings, shown.findings) where before.message.contains("content/") {
            #expect(after.message.contains("site/src/") && !after.message.contains("content/"), "\(after.message)")
        }
        #expect(result.rebasingPaths(to: ".").findings.allSatisfy { !$0.location.file.hasPrefix("content/") })
    }

    @Test func bytesOccur() {
        #expect(CheckResult.occurs("content/", in: "see content/a.md"))
        #expect(CheckResult.occurs("", in: "x"))
        #expect(!CheckResult.occurs("content/", in: "content"))
        #expect(!CheckResult.occurs("é/", in: "e/"))
        #expect(CheckResult.occurs("é/", in: "café/x"))
    }
}
