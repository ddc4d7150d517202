import Foundation
import Testing
@testable import EvidentCheck

/// The README's rule reference must list every rule with its default severity.
@Suite struct ReadmeTests {
    @Test func readmeListsEveryRule() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for rule in RuleRegistry.all.map({ $0.description }) {
            #expect(text.contains("| `\(rule.id)` | \(rule.defaultSeverity.rawValue) |"), "README lacks \(rule.id)")
        }
    }
}
