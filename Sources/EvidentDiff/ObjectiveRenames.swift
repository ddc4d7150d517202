import EvidentCheck
import EvidentModel

/// Objectives removed under one id and added under another that are the same objective renamed
/// (docs/ci.md, "Renamed objectives"). A pair needs one of two kinds of evidence, and must be the
/// only candidate each way: a wrong pairing would hide a real removal from an auditor, which is
/// worse than reporting a rename as a removal and an addition.
///
/// 1. **The same but for the id**: every field compares equal (as `diff` compares them: the
///    content, the record of approval and each history entry), only `id` (and the file) differ;
///    an objective's text naming its own id compares as naming the other's.
/// 2. **The same commitment, the record kept**: the same `function`, `policy` and `requirements`,
///    the same `metric` (every field, with a `name` or a `definition`), `data_source` (`system`,
///    `method`), `target` and `tolerance`, and BASE's history entries all still there, unchanged.
///    The wording (title, statement, notes) and the rest may have changed; they are then shown,
///    and judged by `updated/unrecorded-change`, as for any changed objective.
///
/// Candidates are grouped by a key, so the pass is linear in the objectives removed and added.
enum ObjectiveRenames {
    /// The objectives of `removed` (BASE's) that are one of `added` (HEAD's) renamed, in new-id order.
    static func pairs(removed: [Objective], added: [Objective]) -> [(old: Objective, new: Objective)] {
        var out: [(old: Objective, new: Objective)] = []
        var oldLeft = removed, newLeft = added
        for kind in [Evidence.same, .measure] where !oldLeft.isEmpty && !newLeft.isEmpty {
            let found = unique(oldLeft, newLeft, key: kind.key).filter { kind.accepts($0.old, $0.new) }
            // Ids are unique among the removed and among the added (`CheckModel.objectivesByID`).
            let oldPaired = Set(found.map(\.old.displayID)), newPaired = Set(found.map(\.new.displayID))
            oldLeft.removeAll { oldPaired.contains($0.displayID) }
            newLeft.removeAll { newPaired.contains($0.displayID) }
            out += found
        }
        return out.sorted { $0.new.displayID < $1.new.displayID }
    }

    enum Evidence {
        case same, measure

        /// What an objective's mentions of its own id compare as, on either side: the same for
        /// every objective, so that `Notes for OBJ-1` and `Notes for OBJ-2` are alike.
        var ownID: String { "\u{1}id\u{1}" }

        /// The values compared for a pair, joined; nil for an objective that cannot pair this way.
        func key(_ o: Objective) -> [String?]? {
            switch self {
            case .same:
                let own = IDRenames(o.idText.map { [$0: ownID] } ?? [:])
                return ObjectiveChanges.fields(of: o, renaming: own).map(\.compared) + o.history.flatMap { HistoryChanges.values($0, renaming: own) }
            case .measure:
                guard o.metric?.name != nil || o.metric?.definition != nil else { return nil }
                let content = UnrecordedChange.content(of: o, renaming: IDRenames(o.idText.map { [$0: ownID] } ?? [:]))
                return ["function", "policy", "requirements", "metric.name", "metric.definition", "metric.counts", "metric.excludes",
                        "metric.unit", "data_source.system", "data_source.method", "target", "tolerance"].map { content[$0] }
            }
        }

        /// What the key leaves out: for the same measure, the history BASE recorded is all kept
        /// (entries added for a new version are fine, removed or rewritten ones are not).
        func accepts(_ old: Objective, _ new: Objective) -> Bool {
            switch self {
            case .same: true
            case .measure:
                !HistoryChanges.changes(from: old.history, to: new.history, renaming: IDRenames(renaming(old, new).map { [$0.from: $0.to] } ?? [:]))
                    .contains(where: \.altersRecord)
            }
        }
    }

    /// `(old id, new id)` when both objectives have one and they differ.
    static func renaming(_ old: Objective, _ new: Objective) -> (from: String, to: String)? {
        guard let a = old.idText, let b = new.idText, a != b else { return nil }
        return (a, b)
    }

    /// The pairs whose key is shared by exactly one objective of each side.
    private static func unique(_ old: [Objective], _ new: [Objective], key: (Objective) -> [String?]?) -> [(old: Objective, new: Objective)] {
        var olds: [[String?]: [Objective]] = [:], news: [[String?]: [Objective]] = [:]
        for o in old { if let k = key(o) { olds[k, default: []].append(o) } }
        for o in new { if let k = key(o) { news[k, default: []].append(o) } }
        return olds.compactMap { k, os in
            guard os.count == 1, let ns = news[k], ns.count == 1, let o = os.first, let n = ns.first else { return nil }
            return (o, n)
        }
    }
}
