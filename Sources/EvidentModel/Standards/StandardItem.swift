/// What clause 6.2 of the Annex SL management-system standards asks of objectives, item by item
/// (SPEC §8), in our words. A standard's table (`Standard`) says which items it has and under which
/// of its own clause numbers; a rule evidences one item (`RuleDescription.item`).
package enum StandardItem: String, Sendable, Codable, CaseIterable {
    case levels
    case policy
    case measurable
    case requirements
    case risks
    case customer
    case consultation
    case monitored
    case communicated
    case updated
    case documented
    case plan

    /// The item, in our words, for summaries and reports.
    package var title: String {
        switch self {
        case .levels: "Set at relevant functions and levels"
        case .policy: "Consistent with the policy"
        case .measurable: "Measurable"
        case .requirements: "Take into account applicable requirements"
        case .risks: "Take into account risks, opportunities, aspects or hazards"
        case .customer: "Relevant to conformity and customer satisfaction"
        case .consultation: "Take into account consultation with workers"
        case .monitored: "Monitored"
        case .communicated: "Communicated"
        case .updated: "Updated as appropriate"
        case .documented: "Documented information"
        case .plan: "Planned: what, resources, who, when, how evaluated"
        }
    }

    /// The item a rule of `obligation` evidences unless its description names another: the
    /// obligations are 20000-1's items, and `syntax` (content that cannot be read) is none.
    package static func of(_ obligation: Obligation) -> StandardItem? {
        switch obligation {
        case .syntax: nil
        case .established: .documented
        case .levels: .levels
        case .policy: .policy
        case .measurable: .measurable
        case .requirements: .requirements
        case .monitored: .monitored
        case .communicated: .communicated
        case .updated: .updated
        case .planned: .plan
        }
    }
}
