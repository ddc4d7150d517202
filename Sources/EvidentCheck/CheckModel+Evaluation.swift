import EvidentModel

/// Objectives evaluated another way than by a number (SPEC §8): where every standard an objective
/// serves asks for measurable objectives only if practicable, its `evaluation` takes the place of
/// metric, data source, target and tolerance.
extension CheckModel {
    /// Whether the objective's `evaluation` is accepted in place of the measures: it has one, and
    /// no standard it serves asks for measurable objectives without exception.
    func evaluationAccepted(_ o: Objective) -> Bool {
        o.evaluation != nil && measurableOnlyIfPracticable(o)
    }

    /// Whether an `evaluation` may take the place of the measures: one is accepted, or one was
    /// written but could not be read (`syntax/type`: `evaluation: true`) where it would be. An
    /// unread one is no evaluation (the objective is not evaluated qualitatively), but it may be
    /// the one meant to take their place, so the rules that would call the measures missing, or ask
    /// for values, say nothing (SPEC 4.1 "One cause, one finding").
    func evaluationMayTakePlace(_ o: Objective) -> Bool {
        (o.evaluation != nil || content.unread.any("evaluation", of: o)) && measurableOnlyIfPracticable(o)
    }

    /// Whether the metric, data source and tolerance may be missing: an `evaluation` may take their
    /// place and no target of the grammar is written. A target makes the objective measured (its
    /// values are judged against it), so what they measure must be defined all the same; one not of
    /// the grammar (or unread) is its own finding and may yet be removed, so it excuses them.
    func measuresMayBeMissing(_ o: Objective) -> Bool {
        evaluationMayTakePlace(o) && target(of: o) == nil
    }

    /// `evaluatedQualitatively`, or would be but for an `evaluation` that could not be read.
    func mayBeEvaluatedQualitatively(_ o: Objective) -> Bool {
        evaluationMayTakePlace(o) && o.target == nil && !content.unread.any("target", of: o)
    }

    /// Whether the objective is evaluated qualitatively: its evaluation is accepted and it has no
    /// target, so no value can be judged and its monitoring is its reviews. A target written but
    /// unreadable is `syntax/type`'s finding; the objective is then not taken as qualitative.
    package func evaluatedQualitatively(_ o: Objective) -> Bool {
        evaluationAccepted(o) && o.target == nil && !content.unread.any("target", of: o)
    }

    /// For the message of a missing measure: why `evaluation` does not take its place, or that it
    /// could; "" when neither applies.
    func evaluationHint(_ o: Objective) -> String {
        if o.evaluation != nil {
            let strict = standards(of: o).filter { !($0.item(.measurable)?.ifPracticable ?? true) }.map(\.name)
            guard !strict.isEmpty else {
                guard target(of: o) != nil else { return "" }
                return " It has a `target`, so it is measured and its `evaluation` does not take the place of the measures; remove the `target` to evaluate it at its reviews instead."
            }
            return " Its `evaluation` does not take the place of the measures: \(Self.names(strict)) \(strict.count == 1 ? "asks" : "ask") for measurable objectives."
        }
        guard measurableOnlyIfPracticable(o) else { return "" }
        return " Where measuring is not practicable, say instead in `evaluation` how the objective is evaluated."
    }

    /// `A`, `A and B`, `A, B and C`.
    static func names(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}
