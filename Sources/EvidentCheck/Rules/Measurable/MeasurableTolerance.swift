import EvidentModel
import EvidentSupport

/// A tolerance that is missing (a warning), not of the grammar, or not looser than the target in the
/// same direction (errors).
enum MeasurableTolerance: Rule {
    static let description = RuleDescription(
        id: "measurable/tolerance", name: "Tolerance", obligation: .measurable, defaultSeverity: .error,
        summary: "Tolerance not of the grammar, or not looser than the target in the same direction (missing: warning).",
        rationale: """
            Measuring an objective (clause 6.2.1) includes deciding in advance what result is still acceptable \
            and what calls for action. The tolerance is that band: a value that misses the target but meets the \
            tolerance is within tolerance, anything else is off target. It is written like the target \
            (`COMPARATOR NUMBER [UNIT]`) and must contain every value that meets the target: for `>= 99.5 %` a \
            tolerance such as `>= 99 %`; for `<= 4 h` one such as `<= 6 h`; for an `==` target, any tolerance \
            that the target's own number meets. A tolerance equal to the target is allowed and means no band. \
            Without a tolerance every miss is off target, which is reported as a warning (the same rule id, so \
            a severity set for `measurable/tolerance` in evident.yml applies to every finding of the rule, \
            the missing case included). Active and draft objectives are checked. \
            Where an `evaluation` takes the place of the measures (every standard the objective serves asks for \
            measurable objectives only if practicable, and it writes no target), a missing tolerance is not \
            reported; one that is written is still checked. An objective with an `evaluation` and a `target` \
            is measured, and its values are judged, so it is asked for a tolerance like any other.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: ↓\"<= 3 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: ↓\">= 6 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: ↓\"< 4 h\"",
            ])]),
            // Stricter by the decimals written, though a Double reads both numbers as 4.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: ↓\"<= 3.99999999999999999999 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: ↓\"up to 6 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"== 4 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents in exactly 4 hours.",
                "tolerance: \"<= 6 h\"": "tolerance: ↓\">= 5 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "tolerance: \"<= 6 h\"\n": "",
            ])]),
            // An `evaluation` beside a `target`: the objective is measured, and every miss would be off target.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": "↓" + ExampleTree.edit(ExampleTree.qualitativeObjective, [
                             "cadence: monthly\n": "target: \"<= 4 h\"\ncadence: monthly\n",
                         ])]),
            // A history entry's thresholds judge the values of its time, so they are checked too.
            RuleExample(["objectives/OBJ-INC-01.md": firstVersion(target: "\"<= 6 h\"", tolerance: "↓\">= 1 h\"")]),
            RuleExample(["objectives/OBJ-INC-01.md": firstVersion(target: "\"<= 6 h\"", tolerance: "↓\"<= 5 h\"")]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"": "tolerance: \"<= 4 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"< 4 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents in under 4 hours.",
                "tolerance: \"<= 6 h\"": "tolerance: \"<= 4 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"= 4 h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents in exactly 4 hours.",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": firstVersion(target: "\"<= 6 h\"", tolerance: "\"<= 8 h\"")]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "tolerance: \"<= 6 h\"\n": "",
                "status: active": "status: retired",
            ])]),
            // Evaluated qualitatively under ISO/IEC 27001 alone, which asks for measurable objectives if practicable.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective]),
        ])

    static let judgesEachObjectiveAlone = true

    /// The example objective at version 2: version 1 set `target` and `tolerance` (either may carry
    /// the ↓ mark), version 2 tightened them to the objective's own, so the history agrees with it.
    private static func firstVersion(target: String, tolerance: String) -> String {
        ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: 2",
            "approved_on: 2026-01-15": "approved_on: 2026-01-18",
            "reason: New objective set.\n": "reason: New objective set.\n    target: \(target)\n    tolerance: \(tolerance)\n",
            "    approved_by: Head of Service Management\n---": """
                    approved_by: Head of Service Management
                  - version: 2
                    date: 2026-01-18
                    change: Target tightened from 6 h to 4 h before the objective took effect.
                    reason: Customers asked for faster restoration.
                    approved_by: Head of Service Management
                    target: "<= 4 h"
                    tolerance: "<= 6 h"
                ---
                """,
        ])
    }

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.status(of: o) != .retired {
            // A history entry's pair judges the values of its time (SPEC 4.1), so it must hold
            // together like the current one; one not of the grammar is `syntax/type`'s finding.
            let history = o.history
            for index in history.indices {
                guard let text = history[index].tolerance, let tolerance = Threshold(parsing: text.value),
                      let target = history[index].target.flatMap({ Threshold(parsing: $0.value) }) else { continue }
                if let a = target.unit, let b = tolerance.unit, a != b { continue }
                guard let problem = mismatch(of: tolerance, against: target) else { continue }
                findings.append(description.finding(message(problem, tolerance: tolerance, target: target),
                                                    at: text.location, objective: o.idText))
            }
            guard let text = o.tolerance else {
                if model.content.unread.any("tolerance", of: o) || model.measuresMayBeMissing(o) { continue }
                // Missing is the mild case of this rule (SPEC 4.1): a warning under the same id.
                var finding = description.finding(
                    "\(codeSpan(o.displayID)) has no `tolerance`, so every value that misses the target counts as off target; add the band that is still acceptable, looser than the target in the same direction (\(missingExample(model.target(of: o)))).",
                    at: o.location, objective: o.idText)
                finding.severity = .warning
                findings.append(finding)
                continue
            }
            guard let tolerance = model.tolerance(of: o) else {
                if let hint = Threshold.exponentHint(text.value) ?? Threshold.decimalCommaHint(text.value) {
                    findings.append(description.finding("The tolerance \(codeSpan(text.value)) cannot be measured against: \(hint).",
                                                        at: text.location, objective: o.idText))
                    continue
                }
                findings.append(description.finding(
                    "The tolerance \(codeSpan(text.value)) cannot be measured against: write COMPARATOR NUMBER [UNIT] like the target, with the comparator >=, >, <=, < or ==.\(MeasurableTarget.grammarHint(text.value))",
                    at: text.location, objective: o.idText))
                continue
            }
            // Without a valid target there is nothing to compare with (`measurable/target` reports it);
            // with different units the numbers do not compare (`measurable/unit` reports it).
            guard let target = model.target(of: o) else { continue }
            if let a = target.unit, let b = tolerance.unit, a != b { continue }
            guard let problem = mismatch(of: tolerance, against: target) else { continue }
            findings.append(description.finding(message(problem, tolerance: tolerance, target: target),
                                                at: text.location, objective: o.idText))
        }
        return findings
    }

    /// Why a tolerance fails to contain every value that meets the target.
    enum Mismatch: Equatable {
        /// The tolerance points the other way (or has no direction while the target has one).
        case direction
        /// Same direction, but some value that meets the target misses the tolerance; `witness` is
        /// one, as written (nil: no short one, the values between the two numbers are).
        case tighter(witness: String?)
        /// An `==` target whose number the tolerance does not accept.
        case excludesTarget
    }

    /// nil when every value that meets `target` also meets `tolerance` (SPEC 2.4), on the decimals
    /// written: `>= 99.90000000000000001` is stricter than `>= 99.9`, though both are one Double.
    static func mismatch(of tolerance: Threshold, against target: Threshold) -> Mismatch? {
        guard let higher = target.comparator.higherIsBetter else {
            return tolerance.isMet(by: target.number, written: target.exact) ? nil : .excludesTarget
        }
        guard tolerance.comparator.higherIsBetter == higher else { return .direction }
        let t = target.number, l = tolerance.number
        // How the tolerance's number lies from the target's (-1 below, 0 equal, 1 above); where
        // the Doubles are one, the decimals written decide.
        let side: Int
        if l != t {
            side = l < t ? -1 : 1
        } else if let le = tolerance.exact, let te = target.exact, le != te {
            side = le < te ? -1 : 1
        } else {
            side = 0
        }
        if higher ? side < 0 : side > 0 { return nil }
        let targetIncludes = target.comparator == .atLeast || target.comparator == .atMost
        let toleranceIncludes = tolerance.comparator == .atLeast || tolerance.comparator == .atMost
        // Same bound: contained unless the target includes it and the tolerance does not.
        if side == 0 { return !targetIncludes || toleranceIncludes ? nil : .tighter(witness: target.numberDescription) }
        // The bound is beyond the target's: the target's own number meets the target when the target
        // includes it; else the tolerance's number does, which a strict tolerance misses; else a
        // value between the two.
        if targetIncludes { return .tighter(witness: target.numberDescription) }
        if !toleranceIncludes { return .tighter(witness: tolerance.numberDescription) }
        let middle = (t + l) / 2
        return .tighter(witness: target.isMet(by: middle) && !tolerance.isMet(by: middle) ? DecimalText.plain(middle) : nil)
    }

    private static func message(_ problem: Mismatch, tolerance: Threshold, target: Threshold) -> String {
        let unit = (target.unit ?? tolerance.unit).map { " \($0)" } ?? ""
        switch problem {
        case .direction:
            let higher = target.comparator.higherIsBetter ?? true
            return "The tolerance \(codeSpan(tolerance)) does not point the same way as the target \(codeSpan(target)): \(higher ? "higher" : "lower") is better, so the tolerance must be \(codeSpan(higher ? ">=" : "<=")) (or \(codeSpan(higher ? ">" : "<"))) a number no \(higher ? "higher" : "lower") than \(format(target.number))\(unit)."
        case let .tighter(witness):
            let higher = target.comparator.higherIsBetter ?? true
            let example = witness.map { "a value of \($0)\(unit) meets" } ?? "values between \(target.numberDescription) and \(tolerance.numberDescription)\(unit) meet"
            return "The tolerance \(codeSpan(tolerance)) is stricter than the target \(codeSpan(target)): \(example) the target but \(witness == nil ? "miss" : "misses") the tolerance. Make it looser, with a bound \(higher ? "at or below" : "at or above") \(target.numberDescription)\(unit)."
        case .excludesTarget:
            return "The tolerance \(codeSpan(tolerance)) does not include the target's own value \(format(target.number))\(unit), so a result exactly on target would be outside the tolerance; choose a tolerance that \(format(target.number))\(unit) meets."
        }
    }

    private static func format(_ n: Double) -> String { DecimalText.plain(n) }

    /// What a tolerance for `target` looks like, in the target's own direction and unit; the
    /// usual example when the target is missing or cannot be read.
    static func missingExample(_ target: Threshold?) -> String {
        guard let target else { return "for `<= 4 h`, say `<= 6 h`" }
        let bound = target.numberDescription + (target.unit.map { " \($0)" } ?? "")
        switch target.comparator.higherIsBetter {
        case true?: return "for \(codeSpan(target)), `>=` a number at or below \(bound)"
        case false?: return "for \(codeSpan(target)), `<=` a number at or above \(bound)"
        case nil: return "for \(codeSpan(target)), a threshold that \(bound) itself meets, such as `<=` a number above it"
        }
    }
}
