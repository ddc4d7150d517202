import EvidentModel
import EvidentSupport

/// An objective with no target, or a target that is not `COMPARATOR NUMBER [UNIT]`.
enum MeasurableTarget: Rule {
    static let description = RuleDescription(
        id: "measurable/target", name: "Target", obligation: .measurable, defaultSeverity: .error,
        summary: "Target missing or not of the grammar.",
        rationale: """
            Clause 6.2.1 asks for measurable objectives, and an objective is measurable only against a target \
            that a number either meets or misses. The target is written `COMPARATOR NUMBER [UNIT]`, with the \
            comparator `>=`, `>`, `<=`, `<` or `==`: `>= 99.5 %`, `<= 4 h`. Wording such as "about 4 hours" or \
            "as fast as possible" cannot be evaluated, so every result would be a matter of opinion in the \
            audit. The number is a plain decimal with a `.` decimal point, as measured values are: \
            exponent notation (`1e3`) and a decimal comma (`4,5`) are refused with the plain number to write \
            (`1000`, `4.5`). Active and draft \
            objectives are checked. \
            Where every standard an objective serves asks for measurable objectives only if practicable \
            (\(Standard.names(where: \.measurableOnlyIfPracticable))), an `evaluation` saying how it is evaluated may take the \
            place of the target; as soon as it also serves \(Standard.names(where: { !$0.measurableOnlyIfPracticable }, joinedBy: "or")), the target is required \
            again.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: ↓\"about 4 h\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: ↓4 h",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "---\nid: OBJ-INC-01\n": "↓---\nid: OBJ-INC-01\n",
                "target: \"<= 4 h\"\n": "",
            ])]),
            // A number in exponent notation (4 h = 1.44e4 s): the message gives the plain `<= 14400 s`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  unit: h\n": "  unit: s\n", "target: \"<= 4 h\"": "target: ↓\"<= 1.44e4 s\"", "tolerance: \"<= 6 h\"": "tolerance: \"<= 21600 s\"",
            ])]),
            // A decimal comma: the message gives `<= 4.5 h`, not a unit `,5 h`.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: ↓\"<= 4,5 h\"",
            ])]),
            // The same objective serving ISO/IEC 20000-1, which asks for measurable objectives.
            RuleExample(["objectives/OBJ-INC-01.md": "↓" + ExampleTree.qualitativeObjective]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<4h\"",
                "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents in under 4 hours.",
            ])]),
            // The same number written plain.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "  unit: h\n": "  unit: s\n", "target: \"<= 4 h\"": "target: \"<= 14400 s\"", "tolerance: \"<= 6 h\"": "tolerance: \"<= 21600 s\"",
            ])]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"about 4 h\"",
                "status: active": "status: retired",
            ])]),
            // Evaluated qualitatively under ISO/IEC 27001 alone, which asks for measurable objectives if practicable.
            RuleExample(["evident.yml": ExampleTree.configuration(standards: "iso27001"),
                         "objectives/OBJ-INC-01.md": ExampleTree.qualitativeObjective]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives where model.status(of: o) != .retired {
            guard let target = o.target else {
                if model.content.unread.any("target", of: o) || model.evaluationMayTakePlace(o) { continue }
                findings.append(description.finding(
                    "\(codeSpan(o.displayID)) has no `target`; add one written COMPARATOR NUMBER [UNIT], like \(codeSpan("target: \"\(example(o))\"")).\(model.evaluationHint(o))",
                    at: o.location, objective: o.idText))
                continue
            }
            guard model.target(of: o) == nil else { continue }
            if let hint = Threshold.exponentHint(target.value) ?? Threshold.decimalCommaHint(target.value) {
                findings.append(description.finding("The target \(codeSpan(target.value)) cannot be measured against: \(hint).",
                                                    at: target.location, objective: o.idText))
                continue
            }
            findings.append(description.finding(
                "The target \(codeSpan(target.value)) cannot be measured against: write COMPARATOR NUMBER [UNIT], with the comparator >=, >, <=, < or ==, like \(codeSpan(example(o))).\(grammarHint(target.value))",
                at: target.location, objective: o.idText))
        }
        return findings
    }

    /// A sample threshold in the metric's unit, for messages.
    static func example(_ o: Objective) -> String {
        guard let unit = o.metric?.unit?.value else { return ">= 99.5" }
        return unit == "%" ? ">= 99.5 %" : "<= 4 \(unit)"
    }

    /// Quotation marks YAML reads as text: typographic ones, as editors and word processors write.
    static let curlyQuotes: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{201E}", "\u{2018}", "\u{2019}", "\u{00AB}", "\u{00BB}"]

    /// A hint for the common ways a threshold misses the grammar, or "".
    static func grammarHint(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        // A word processor's quotes are characters of the value to YAML, not quotation marks.
        if let first = t.unicodeScalars.first, Self.curlyQuotes.contains(first) {
            let inner = String(t.unicodeScalars.drop(while: { Self.curlyQuotes.contains($0) }).reversed()
                .drop(while: { Self.curlyQuotes.contains($0) }).reversed().map(Character.init))
            return " The curly quotation marks are part of the value; quote it with straight ones, \(codeSpan("\"\(inner)\""))."
        }
        if let hint = LookAlikeASCII.hint(for: t, reads: { Threshold(parsing: $0) != nil }) {
            return " I" + hint.dropFirst() + "."
        }
        if t.hasPrefix("=>") { return " Did you mean `>=`?" }
        if t.hasPrefix("=<") { return " Did you mean `<=`?" }
        if t.hasPrefix("≥") { return " Write `>=` for ≥." }
        if t.hasPrefix("≤") { return " Write `<=` for ≤." }
        if let first = t.first, first.isNumber || first == "-" || first == "." {
            return " Put a comparator before the number: `>=` when higher is better, `<=` when lower is better."
        }
        return ""
    }
}
