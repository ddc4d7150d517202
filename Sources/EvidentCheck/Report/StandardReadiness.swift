import EvidentModel

/// One configured standard's clause 6.2 as the reports show it (SPEC §8): each of its items under
/// its own clause number, with its status, the rules that evidence it and the findings that bear
/// on it. The site, the pack and `check --standard` all read this one account, so they agree.
package struct StandardReadiness: Sendable {
    package struct ItemReadiness: Sendable {
        /// The standard's entry: the item, its clause number, "if practicable", its note.
        package let entry: Standard.Item
        /// Exactly `CheckResult.status(of: item, in: standard)`.
        package let status: ObligationStatus
        /// The registry's rules whose `item` is this one, in registry order.
        package let rules: [RuleDescription]
        /// The findings about this item that bear on the standard, in the result's order.
        package let findings: [Finding]

        package var item: StandardItem { entry.item }
        package var clause: String { entry.clause }
    }

    package let standard: Standard
    package let items: [ItemReadiness]
    /// Whether an active objective serves the standard; without one its items are not assessed.
    package let served: Bool
    /// The content that cannot be read (`CheckResult.unreadable`) and bears on the standard: the
    /// items are judged without what it says.
    package let unread: [Finding]

    /// Fails when an item fails or content that bears on it cannot be read (an error), warns when
    /// an item or such content warns: the items are judged without an unread file, so they cannot
    /// pass for the standard while one is there.
    package var status: ObligationStatus {
        Self.worst(items.map(\.status) + (unread.isEmpty ? [] : [Self.status(of: unread)]))
    }

    /// The unread content's findings, then those of each item (each finding has one item or none,
    /// so none is counted twice).
    package var findings: [Finding] { unread + items.flatMap(\.findings) }

    /// The readiness of each configured standard, in `Standard.all`'s order.
    package static func all(_ result: CheckResult) -> [StandardReadiness] {
        of(result.model.standards, in: result)
    }

    /// The readiness of `standards`; the findings are grouped by item once, then each standard
    /// keeps those that bear on it.
    static func of(_ standards: [Standard], in result: CheckResult) -> [StandardReadiness] {
        let byItem = Dictionary(grouping: result.findings.filter { $0.item != nil }) { $0.item ?? .documented }
        let rules = RuleRegistry.all.map { $0.description }
        let rulesByItem = Dictionary(grouping: rules.filter { $0.item != nil }) { $0.item ?? .documented }
        let unreadable = result.unreadable
        return standards.map { standard in
            let assessed = result.model.activeObjectiveServes(standard)
            let items = standard.items.map { entry -> ItemReadiness in
                let own = (byItem[entry.item] ?? []).filter { result.finding($0, bearsOn: standard) }
                return ItemReadiness(entry: entry, status: status(of: own, assessed: assessed), rules: rulesByItem[entry.item] ?? [],
                                     findings: own)
            }
            return StandardReadiness(standard: standard, items: items, served: assessed,
                                     unread: unreadable.filter { result.finding($0, bearsOn: standard) })
        }
    }

    /// `fail` with an error, `warn` with a warning, else `pass`, or `notAssessed` when there was
    /// nothing to judge (not `assessed`): the rule of `status(of:in:)`.
    package static func status(of findings: [Finding], assessed: Bool = true) -> ObligationStatus {
        if findings.contains(where: { $0.severity == .error }) { return .fail }
        if findings.contains(where: { $0.severity == .warning }) { return .warn }
        return assessed ? .pass : .notAssessed
    }

    /// Fails when one fails, else warns when one warns, else is not assessed when one is not.
    package static func worst(_ statuses: [ObligationStatus]) -> ObligationStatus {
        if statuses.contains(.fail) { return .fail }
        if statuses.contains(.warn) { return .warn }
        if statuses.contains(.notAssessed) { return .notAssessed }
        return .pass
    }

    /// `ISO/IEC 27001:2022 clause 6.2`: the clause of objectives in the standard's numbering
    /// (6.2 where its items are numbered `6.2 a`, else 6.2.1 and 6.2.2 as `6.2`).
    package var heading: String { "\(standard.name), clause 6.2" }
}

extension CheckResult {
    /// The configured standards' items a finding bears on, as `findings.json` and SARIF give
    /// them: the standard, its clause number for the item, and the item.
    package func standardItems(of f: Finding) -> [(standard: Standard, entry: Standard.Item)] {
        guard let item = f.item else { return [] }
        return model.standards.compactMap { standard in
            guard let entry = standard.item(item), finding(f, bearsOn: standard) else { return nil }
            return (standard, entry)
        }
    }

    /// The content that cannot be read (`syntax/...`): it bears on every standard and on no item.
    package var unreadable: [Finding] { findings.filter { $0.item == nil } }
}
