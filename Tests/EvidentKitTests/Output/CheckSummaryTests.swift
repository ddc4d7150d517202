import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentModel

/// `check`'s summary is where a reader looks for "pass": a rule that evident.yml turned off finds
/// nothing, so the line of its obligation (or item) names it beside the status.
@Suite struct CheckSummaryTests {
    @Test func aRuleTurnedOffOrChangedIsNamedBesideItsObligation() throws {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "rules:\n  communicated/missing: off\n  monitored/no-data: info\n  policy/trace: error\n"
        // Never communicated, and October's value is missing: neither is a warning now.
        files["communications/2026-01-20.md"] = nil
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": ""])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let text = FindingsReport(result: result).text(color: false, quiet: false)
        #expect(text.contains("communicated  pass  (set in evident.yml: communicated/missing off)  Communicated\n"), "\(text)")
        #expect(text.contains("monitored     pass  (1 info; set in evident.yml: monitored/no-data info)  Monitored\n"), "\(text)")
        // Set to its own default: nothing changed, nothing named.
        #expect(text.contains("policy        pass  Consistent with the policy\n"), "\(text)")
        let items = FindingsReport(result: result, standards: [.iso20000_1]).text(color: false, quiet: false)
        #expect(items.contains("  6.2.1 e    pass  (set in evident.yml: communicated/missing off)  Communicated\n"), "\(items)")
    }

    @Test func aSettingThatMovesARulesBoundsIsNamedBesideItsObligation() throws {
        var files = ExampleTree.base
        // A grace of a year: a monthly objective last reviewed a year ago, with no value for
        // October, passes monitoring.
        files["evident.yml"] = ExampleTree.configuration + "settings:\n  review_grace_days: 366\n  stale_after_days: 3660\n  persistent_off_target_periods: 3\n"
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, ["date: 2026-11-10": "date: 2025-11-10"])
        files["measurements/OBJ-INC-01.csv"] = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,extract-2026-10.csv\n": ""])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let result = try tree.check()
        let text = FindingsReport(result: result).text(color: false, quiet: false)
        #expect(text.contains("monitored     pass  (set in evident.yml: review_grace_days 366)  Monitored\n"), "\(text)")
        #expect(text.contains("updated       pass  (set in evident.yml: stale_after_days 3660)  Updated as appropriate\n"), "\(text)")
        // At its default (3): not named.
        #expect(!text.contains("persistent_off_target_periods"), "\(text)")
        let items = FindingsReport(result: result, standards: [.iso20000_1]).text(color: false, quiet: false)
        #expect(items.contains("  6.2.1 d    pass  (set in evident.yml: review_grace_days 366)  Monitored\n"), "\(items)")
    }

    /// Raw HTML in a body is reported unless `allow_raw_html` is set: syntax's pass says so.
    @Test func allowingRawHTMLIsNamedBesideSyntax() throws {
        var files = ExampleTree.base
        files["evident.yml"] = ExampleTree.configuration + "settings:\n  allow_raw_html: true\n"
        files["reviews/2026-11-10.md"] = ExampleTree.edit(ExampleTree.review, ["Minutes.": "Minutes <b>approved</b>."])
        let tree = try TemporaryTree(files)
        defer { tree.remove() }
        let text = FindingsReport(result: try tree.check()).text(color: false, quiet: false)
        #expect(text.contains("syntax        pass  (set in evident.yml: allow_raw_html true)  Readable content\n"), "\(text)")
    }

    @Test func withEveryRuleAtItsDefaultTheSummaryNamesNone() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        let text = FindingsReport(result: try tree.check()).text(color: false, quiet: false)
        #expect(!text.contains("set in evident.yml"), "\(text)")
        #expect(text.contains("communicated  pass  Communicated\n"), "\(text)")
    }
}
