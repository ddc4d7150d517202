import EvidentModel

/// A check over the whole model. One rule, one type, one file, in the folder of its obligation.
package protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The findings of this rule. Rules about reading files (`syntax/...`) are reported while
    /// loading, so their `check` looks only at what needs the whole model, if anything.
    static func check(_ model: CheckModel) -> [Finding]
    /// True when `check` is one loop over the objectives (all or the active ones, in order) whose
    /// findings for an objective depend only on it, on the measurement rows (read or rejected),
    /// reviews, decisions, actions and communications naming its id, and on the configuration,
    /// policy, requirements, risks and as-of date: then `check` equals its run on the model
    /// narrowed to each objective in turn, concatenated, and `IncrementalChecker` runs it again
    /// only for changed objectives.
    static var judgesEachObjectiveAlone: Bool { get }
    /// False when `check` never reads an objective's title, statement or body (its prose, which
    /// `Objective.differsOnlyInProse` leaves out): after an edit of only prose, `IncrementalChecker`
    /// keeps such a rule's findings over the whole model. `IncrementalCheckTests` holds each rule to it
    /// (`aRuleThatReadsNoProseFindsTheSameWhateverTheProse`).
    static var readsObjectiveProse: Bool { get }
}

extension Rule {
    package static var id: String { description.id }
    package static var judgesEachObjectiveAlone: Bool { false }
    package static var readsObjectiveProse: Bool { true }
}
