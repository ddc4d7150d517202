import EvidentModel

/// A check over the whole model. One rule, one type, one file, in the folder of its obligation.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The findings of this rule. Rules about reading files (`syntax/...`) are reported while
    /// loading, so their `check` looks only at what needs the whole model, if anything.
    static func check(_ model: CheckModel) -> [Finding]
}

extension Rule {
    public static var id: String { description.id }
}
