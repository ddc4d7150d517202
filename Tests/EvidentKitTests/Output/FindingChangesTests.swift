import Testing
@testable import EvidentCheck
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

    @Test func aFindingTwiceIsCountedTwice() {
        let f = Self.finding("content/a.md", 1, "twice")
        #expect(FindingChanges(from: [f], to: [f, f]).new == [f])
        #expect(FindingChanges(from: [f, f], to: [f]).resolved == [f])
        let same = FindingChanges(from: [f, f], to: [f, f])
        #expect(same.isEmpty)
        #expect(same.text(now: [f, f], color: false) == "Findings: none changed; now 0 errors, 2 warnings, 0 info.\n")
    }
}
