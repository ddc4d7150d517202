import EvidentCheck
import EvidentModel

/// Pairs the findings of two sides to tell which were introduced and which resolved. A finding is
/// the same on both sides when its severity, rule, subject (the objective, or else the file relative
/// to the content root) and message (with paths made relative to the content root) are the same.
/// Line numbers are left out: an edit above a finding moves it without changing it. What is left
/// is then paired by position (file, line, column) instead of message, because some messages list
/// what the tree declares ("which no objective declares (OBJ-1, OBJ-2 …)") and change wording when
/// an unrelated objective is added. Last, a finding in a file only one side has pairs with one of
/// the same message and position in a file only the other side has: the file was moved or renamed.
/// Equal findings are counted, so a second copy is still introduced. A finding of an objective
/// renamed (`ObjectiveRenames`) is compared under its new id, in its subject and in messages.
struct FindingMatcher {
    let introduced: [Finding]
    let resolved: [Finding]

    /// `renamed`: BASE's id to HEAD's, for each objective renamed.
    init(base: DiffSide, head: DiffSide, renamed: [String: String] = [:]) {
        // BASE's findings as they read under the new ids; only keys use them, the findings resolved are BASE's own.
        let baseFindings = base.findings
        let renaming = IDRenames(renamed)
        let baseRenamed = renamed.isEmpty ? baseFindings : baseFindings.map { Self.renaming($0, renaming) }
        let oldKeys = baseRenamed.map { Self.key($0, base) }
        let newKeys = head.findings.map { Self.key($0, head) }
        let new = Self.unmatched(Array(zip(head.findings, newKeys)), against: oldKeys)
        let old = Self.unmatched(Array(zip(baseFindings.indices, oldKeys)), against: newKeys).map { (baseFindings[$0.0], baseRenamed[$0.0]) }
        let newPlaces = new.map { Self.place($0.0, head) }
        let oldPlaces = old.map { Self.place($0.1, base) }
        let newLeft = Self.unmatched(Array(zip(new.map(\.0), newPlaces)), against: oldPlaces).map(\.0)
        let oldLeftPairs = Self.unmatched(Array(zip(old.indices, oldPlaces)), against: newPlaces).map { old[$0.0] }
        let oldLeft = oldLeftPairs.map(\.0)
        // A file that one side has and the other does not may have been moved or renamed: its
        // findings pair, by message and position, with those of a file only the other side has.
        let pairable = !newLeft.isEmpty && !oldLeft.isEmpty
        let baseFiles = pairable ? base.files(among: Set(newLeft.map { head.relative($0.location.file) })) : []
        let headFiles = pairable ? head.files(among: Set(oldLeft.map { base.relative($0.location.file) })) : []
        let newMoved = newLeft.map { Self.moved($0, head, otherFiles: baseFiles) }
        let oldMoved = oldLeftPairs.map { Self.moved($0.1, base, otherFiles: headFiles) }
        // Only keys pair: a finding without one matches nothing.
        introduced = Self.unmatched(Array(zip(newLeft, newMoved)), against: oldMoved.filter { $0 != nil }).map(\.0)
        resolved = Self.unmatched(Array(zip(oldLeft, oldMoved)), against: newMoved.filter { $0 != nil }).map(\.0)
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

    /// A finding that counts those not listed (`Finding.unlisted`) pairs by place only with one
    /// that counts as many: more of them is a finding introduced, fewer one resolved.
    static func place(_ f: Finding, _ side: DiffSide) -> Key {
        Key(severity: f.severity, rule: f.rule, subject: f.objective ?? "",
            message: "\(side.relative(f.location.file)):\(f.location.line ?? 0):\(f.location.column ?? 0)"
                + (f.unlisted > 0 ? " +\(f.unlisted)" : ""))
    }

    /// The key of a finding in a file that `other` (those of its files the other side has,
    /// `DiffSide.files(among:)`) does not hold: its message and position without the file; nil for
    /// a finding in a file both sides have.
    static func moved(_ f: Finding, _ side: DiffSide, otherFiles other: Set<String>) -> Key? {
        guard !other.contains(side.relative(f.location.file)) else { return nil }
        let relabel = Relabel(from: [side.shownRoot], to: ".")
        return Key(severity: f.severity, rule: f.rule, subject: f.objective ?? "",
                   message: "\(f.location.line ?? 0):\(f.location.column ?? 0): \(relabel.text(f.message))")
    }

    /// A finding as it would read with the objectives renamed: its objective, and the ids its
    /// message names (`IDRenames`).
    static func renaming(_ f: Finding, _ renaming: IDRenames) -> Finding {
        var copy = f
        if let id = f.objective, let new = renaming.map[id] { copy.objective = new }
        copy.message = renaming.apply(f.message)
        return copy
    }

    /// The findings whose key is not matched by one of `others`, each match used once, in order.
    static func unmatched<T, K: Hashable>(_ findings: [(T, K)], against others: [K]) -> [(T, K)] {
        var available: [K: Int] = [:]
        for key in others { available[key, default: 0] += 1 }
        var out: [(T, K)] = []
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
