import EvidentModel

/// A check over the whole model. One rule, one type, one file, in the folder of its obligation.
package protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The findings of this rule. Rules about reading files (`syntax/...`) are reported while
    /// loading, so their `check` looks only at what needs the whole model, if anything.
    static func check(_ model: CheckModel) -> [Finding]
}

extension Rule {
    package static var id: String { description.id }
}
