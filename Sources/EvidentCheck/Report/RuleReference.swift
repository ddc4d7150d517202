import EvidentModel

/// `evident rules` and `evident explain RULE`: the rule reference, printed from the rules' own
/// descriptions so that documentation and behaviour cannot drift apart.
public enum RuleReference {
    public static func list() -> String {
        let rules = RuleRegistry.all.map { $0.description }
        let width = rules.map(\.id.count).max() ?? 20
        var out = ""
        var current: Obligation?
        for r in rules.sorted(by: { ($0.obligation.order, $0.id) < ($1.obligation.order, $1.id) }) {
            if r.obligation != current {
                if current != nil { out += "\n" }
                out += "\(r.obligation.title) (\(r.obligation.rawValue))\n"
                current = r.obligation
            }
            let severity = r.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
            out += "  \(r.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(severity)  \(r.summary)\n"
        }
        return out
    }

    public static func explain(_ r: RuleDescription) -> String {
        var out = "\(r.id): \(r.name)\n"
        out += "Obligation: \(r.obligation.title) (\(r.obligation.rawValue)); default severity: \(r.defaultSeverity.rawValue)\(r.onlyInDiff ? "; reported by `evident diff`" : "")\n\n"
        out += r.summary + "\n\n" + r.rationale + "\n"
        if let bad = r.triggering.first {
            out += "\nExample that triggers it (the ↓ marks where the finding points):\n" + render(bad)
        }
        if let good = r.nonTriggering.first, !good.files.isEmpty || !good.removing.isEmpty {
            out += "\nFixed:\n" + render(good)
        }
        out += "\nChange its severity in evident.yml:\n  rules:\n    \(r.id): \(r.defaultSeverity == .error ? "warning" : "error")   # error | warning | info | off\n"
        return out
    }

    private static func render(_ example: RuleExample) -> String {
        var out = ""
        for path in example.files.keys.sorted() {
            out += "  content/\(path):\n"
            let text = example.files[path] ?? ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += "    \(line)\n"
            }
        }
        for path in example.removing { out += "  content/\(path): (missing)\n" }
        if example.asOf != ExampleTree.asOf { out += "  as of \(example.asOf)\n" }
        return out
    }
}

extension Obligation {
    /// The order of clause 6.2.1, syntax first.
    public var order: Int { Obligation.allCases.firstIndex(of: self) ?? 0 }
}
