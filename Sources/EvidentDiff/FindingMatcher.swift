import EvidentModel

/// Pairs the findings of two sides to tell which were introduced and which resolved. A finding is
/// the same on both sides when its severity, rule, subject (the objective, or else the file relative
/// to the content root) and message (with paths made relative to the content root) are the same.
/// Line numbers are left out: an edit above a finding moves it without changing it. What is left
/// is then paired by position (file, line, column) instead of message, because some messages list
/// what the tree declares ("which no objective declares (OBJ-1, OBJ-2 …)") and change wording when
/// an unrelated objective is added. Equal findings are counted, so a second copy is still introduced.
struct FindingMatcher {
    let introduced: [Finding]
    let resolved: [Finding]

    init(base: DiffSide, head: DiffSide) {
        let oldKeys = base.findings.map { Self.key($0, base) }
        let newKeys = head.findings.map { Self.key($0, head) }
        let new = Self.unmatched(Array(zip(head.findings, newKeys)), against: oldKeys)
        let old = Self.unmatched(Array(zip(base.findings, oldKeys)), against: newKeys)
        let newPlaces = new.map { Self.place($0.0, head) }
        let oldPlaces = old.map { Self.place($0.0, base) }
        introduced = Self.unmatched(Array(zip(new.map(\.0), newPlaces)), against: oldPlaces).map(\.0)
        resolved = Self.unmatched(Array(zip(old.map(\.0), oldPlaces)), against: newPlaces).map(\.0)
    }

    struct Key: Hashable {
        var severity: Severity
        var rule: String
        var subject: String
        var message: String
    }

    static func key(_ f: Finding, _ side: DiffSide) -> Key {
        let relabel = Relabel(from: [side.shownRoot], to: ".")
        let subject = f.objective.map { "objective " + $0 } ?? "file " + side.relative(f.location.file)
        return Key(severity: f.severity, rule: f.rule, subject: subject, message: relabel.text(f.message))
    }

    static func place(_ f: Finding, _ side: DiffSide) -> Key {
        Key(severity: f.severity, rule: f.rule, subject: f.objective ?? "",
            message: "\(side.relative(f.location.file)):\(f.location.line ?? 0):\(f.location.column ?? 0)")
    }

    /// The findings whose key is not matched by one of `others`, each match used once, in order.
    static func unmatched(_ findings: [(Finding, Key)], against others: [Key]) -> [(Finding, Key)] {
        var available: [Key: Int] = [:]
        for key in others { available[key, default: 0] += 1 }
        var out: [(Finding, Key)] = []
        for (finding, key) in findings {
            if let n = available[key], n > 0 {
                available[key] = n - 1
            } else {
                out.append((finding, key))
            }
        }
        return out
    }
}
