import EvidentModel
import EvidentSupport

/// An objective changed between two versions of the content without a recorded version.
/// Only `evident diff` can see it; `UnrecordedChange.findings(base:head:)` does the comparison.
enum UpdatedUnrecordedChange: Rule {
    static let description = RuleDescription(
        id: "updated/unrecorded-change", name: "Unrecorded change", obligation: .updated, defaultSeverity: .error,
        summary: "(only in `diff`) An objective whose content changed without a raised `version` and a history entry with a reason and an approver.",
        rationale: """
            Clause 6.2.1 asks that objectives be updated as appropriate, and an auditor expects every \
            update to be controlled: a new version, the reason for it and who approved it. When a pull \
            request edits what an objective commits to (its statement, target, metric, scope, owner, \
            status, standards, plan or notes) without raising `version` and adding a history entry for the new version \
            with `reason` and `approved_by`, the published objective silently differs from the approved \
            one. `evident diff` compares the two trees and reports it at the objective's `version`. \
            Changes to `version`, `history`, `approved_on`, `approved_by` and `effective` are the record \
            of a change, not a change of content, except the thresholds a history entry records (its \
            `target`, `tolerance` and the day they applied from): values of that time are judged against \
            them, so rewriting or removing them turns past results on or off target, and is a change. \
            Reformatting a target (`<=4h` for `<= 4 h`) or reordering a list is not a change either.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": tightened(version: "↓1")]),
            RuleExample(["objectives/OBJ-INC-01.md": tightened(version: "↓2", entry: "")]),
            // Version 1's history now records a looser target: every value is judged against it.
            RuleExample(["objectives/OBJ-INC-01.md": recorded(version: "↓1", target: "<= 6 h", tolerance: "<= 8 h")]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-01.md": tightened(version: "2", entry: "    reason: MSA renewal with the customer.\n    approved_by: Head of Service Management\n")]),
            // A placeholder reason is `syntax/type`'s finding, at the value.
            RuleExample(["objectives/OBJ-INC-01.md": tightened(version: "2", entry: "    reason: TBD\n    approved_by: Head of Service Management\n")]),
            // Version 1's history records the thresholds already in force: no value is judged anew.
            RuleExample(["objectives/OBJ-INC-01.md": recorded(version: "1", target: "<= 4 h", tolerance: "<= 6 h")]),
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                "target: \"<= 4 h\"": "target: \"<=4h\"",
                "approved_by: Head of Service Management\napproved_on": "approved_by: Service Management Board\napproved_on",
            ])]),
        ],
        onlyInDiff: true)

    /// The example objective with its target tightened from `<= 4 h` to `<= 3 h`, declaring
    /// `version` (it may carry the ↓ mark) and, with `entry`, a history entry for version 2 whose
    /// lines after its `change` are `entry`'s.
    private static func tightened(version: String, entry: String? = nil) -> String {
        let history = entry.map { "  - version: 2\n    date: 2026-11-20\n    change: Target tightened from 4 h to 3 h.\n\($0)---\nRationale." }
        return ExampleTree.objective(replacing: [
            "target: \"<= 4 h\"": "target: \"<= 3 h\"",
            "statement: Restore service for priority-1 incidents within 4 hours.": "statement: Restore service for priority-1 incidents within 3 hours.",
            "\nversion: 1": "\nversion: \(version)",
            "---\nRationale.": history ?? "---\nRationale.",
        ])
    }

    /// The example objective, declaring `version`, with its version 1 history entry recording
    /// `target` and `tolerance`.
    private static func recorded(version: String, target: String, tolerance: String) -> String {
        ExampleTree.objective(replacing: [
            "\nversion: 1": "\nversion: \(version)",
            "    approved_by: Head of Service Management\n---": "    approved_by: Head of Service Management\n    target: \"\(target)\"\n    tolerance: \"\(tolerance)\"\n---",
        ])
    }

    /// `evident diff` reports this rule with `UnrecordedChange.findings(base:head:)`: one tree alone
    /// cannot show a change.
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

/// The comparison behind `updated/unrecorded-change`.
package enum UnrecordedChange {
    /// The objectives declared in both trees, by id, in id order. An id declared more than once in a
    /// tree (a copy not yet given an id of its own) pairs the declarations in the same file, when
    /// both trees have one there, so that the copy is not taken for the objective it copies.
    package static func pairs(base: CheckModel, head: CheckModel) -> [(id: String, old: Objective, new: Objective)] {
        let oldCopies = copies(base.content), newCopies = copies(head.content)
        return head.objectivesByID.keys.sorted().compactMap { id in
            guard let first = head.objectivesByID[id], let firstOld = base.objectivesByID[id] else { return nil }
            guard oldCopies[id] != nil || newCopies[id] != nil else { return (id, firstOld, first) }
            let olds = oldCopies[id] ?? [firstOld], news = newCopies[id] ?? [first]
            for new in news {
                let file = relative(new.file, head.content)
                if let old = olds.first(where: { relative($0.file, base.content) == file }) { return (id, old, new) }
            }
            return (id, firstOld, first)
        }
    }

    /// The declarations of each id declared more than once, in file order. Counted first: a tree
    /// has one declaration per id nearly always, and a group for every id would hold them all.
    private static func copies(_ content: ContentSet) -> [String: [Objective]] {
        var counts: [String: Int] = [:], declared = 0
        for o in content.objectives {
            if let id = o.idText { counts[id, default: 0] += 1; declared += 1 }
        }
        guard counts.count < declared else { return [:] }
        var out: [String: [Objective]] = [:]
        for o in content.objectives { if let id = o.idText, let n = counts[id], n > 1 { out[id, default: []].append(o) } }
        return out
    }

    /// A file as findings print it, relative to the content folder.
    private static func relative(_ file: String, _ content: ContentSet) -> String {
        let root = content.root
        guard !root.isEmpty, root != ".", file.hasPrefix(root + "/") else { return file }
        return String(file.dropFirst(root.count + 1))
    }

    /// For each objective id declared in both trees whose content differs, a finding when HEAD's
    /// `version` is not higher than BASE's, or HEAD's history has no entry for its version with both
    /// `reason` and `approved_by`. Findings point at HEAD's `version` (or its first line without one).
    /// `paired`: `pairs(base:head:)`, when the caller has made it already.
    /// `renaming`: the objectives renamed between the trees (`changedFields`).
    package static func findings(base: CheckModel, head: CheckModel,
                                 paired: [(id: String, old: Objective, new: Objective)]? = nil,
                                 renaming: IDRenames = IDRenames()) -> [Finding] {
        let rule = UpdatedUnrecordedChange.description
        var findings: [Finding] = []
        for (id, old, new) in paired ?? pairs(base: base, head: head) {
            guard !new.sharesStorage(with: old) else { continue }
            let changed = changedFields(from: old, to: new, renaming: renaming)
            guard !changed.isEmpty else { continue }
            let what = changed.map { "\(codeSpan($0))" }.joined(separator: ", ")
            let at = new.version?.location ?? new.location
            let oldVersion = old.version?.value
            let next = (oldVersion ?? 0) + 1
            guard let newVersion = new.version?.value, oldVersion.map({ newVersion > $0 }) ?? true else {
                let now = new.version.map { "`version` is still \($0.value)" } ?? "it has no `version`"
                // A new target or tolerance goes in the new entry, which judges values from its date on
                // (SPEC 4.1), so that the thresholds of each version stay on record.
                let moved = changed.contains("target") || changed.contains("tolerance")
                let fields = moved ? "`date`, `change`, `reason`, `approved_by` and the new `target` and `tolerance`"
                    : "`date`, `change`, `reason` and `approved_by`"
                let rewritten = changed.contains(historyThresholds)
                    ? " The thresholds its history records judge the values of their time, so changing them re-judges past results: restore them, or record the correction as a new version." : ""
                // A history that records no thresholds leaves every value judged against the objective's
                // current ones (SPEC 4.1): the old ones go in the entry they belonged to.
                let replaced = moved && !old.history.contains { $0.target != nil } ? formerThresholds(old, version: oldVersion) : ""
                findings.append(rule.finding(
                    "\(codeSpan(id)) changed (\(what)) but \(now); set `version: \(next)`, add a history entry for version \(next) with \(fields), and set `approved_on` to the date of that approval.\(replaced)\(rewritten)",
                    at: at, objective: id))
                continue
            }
            // A `reason` or `approved_by` written but unreadable (a placeholder) is `syntax/type`'s finding.
            let unread = head.content.unread
            let recorded = new.history.contains { entry in
                entry.version?.value == newVersion
                    && (entry.reason != nil || unread.field("reason", of: entry.location))
                    && (entry.approvedBy != nil || unread.field("approved_by", of: entry.location))
            }
            if !recorded {
                findings.append(rule.finding(
                    "\(codeSpan(id)) changed (\(what)) to version \(newVersion), but its history has no entry for version \(newVersion) with both a `reason` and an `approved_by`; add them so the change can be traced to its approval.",
                    at: at, objective: id))
            }
        }
        return findings
    }

    /// What to write so that values measured before a change of target or tolerance stay judged
    /// against the thresholds then in force, when no history entry records any: the old ones, in
    /// the entry of the version they belonged to, written as YAML when they can be quoted plainly.
    /// Empty when it had no target: there is nothing to keep.
    static func formerThresholds(_ old: Objective, version: Int?) -> String {
        guard old.target != nil else { return "" }
        let entry = version.map { "the history entry of version \($0)" } ?? "the earlier history entry"
        func yaml(_ key: String, _ value: Located<String>?) -> String? {
            guard let text = value?.value, !text.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) else { return nil }
            return codeSpan("\(key): \"\(text)\"")
        }
        let written = [yaml("target", old.target), yaml("tolerance", old.tolerance)].compactMap { $0 }
        guard written.count == (old.tolerance == nil ? 1 : 2) else {
            return " Give \(entry) the `target` and `tolerance` it had: without them, the values measured before are judged against the new ones."
        }
        return " Give \(entry) the \(written.count == 1 ? "threshold" : "thresholds") it had, \(written.joined(separator: " and ")): without \(written.count == 1 ? "it" : "them"), the values measured before are judged against the new ones."
    }

    /// The names of the fields whose value differs, in a stable order. `renaming`: the objectives
    /// renamed between the trees; an id `old` names in its text compares as the one it was given,
    /// since naming the same objective by its new id is no change of content.
    static func changedFields(from old: Objective, to new: Objective, renaming: IDRenames = IDRenames()) -> [String] {
        let a = content(of: old, renaming: renaming), b = content(of: new)
        return Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
    }

    /// `content(of:)` with the ids its values name as whole words renamed by `renaming`.
    package static func content(of o: Objective, renaming: IDRenames) -> [String: String] {
        let out = content(of: o)
        return renaming.isEmpty ? out : out.mapValues(renaming.apply)
    }

    /// What the objective commits to, field by field, with the record of its approval left out
    /// (`version`, `history`, `approved_on`, `approved_by`, `effective`) but for the thresholds the
    /// history records, which judge past values. Values are normalised so that
    /// reformatting is not a change: targets as parsed, lists as sets, the body without outer blank space.
    package static func content(of o: Objective) -> [String: String] {
        var out: [String: String] = [:]
        func put(_ key: String, _ value: String?) { if let value { out[key] = value } }
        func list(_ items: [Located<String>]) -> String? {
            items.isEmpty ? nil : items.map(\.value).sorted().joined(separator: "\u{1F}")
        }
        let unit = o.metric?.unit?.value
        func threshold(_ text: Located<String>?) -> String? {
            text.map { Threshold(parsing: $0.value)?.unit(default: unit).description ?? $0.value }
        }
        put("title", o.title?.value)
        put("statement", o.statement?.value)
        put("status", o.currentStatus.rawValue)
        put("function", o.function?.value)
        put("owner", o.owner?.value)
        put("contributors", list(o.contributors))
        put("policy", list(o.policy))
        put("requirements", list(o.requirements))
        put("requirements_note", o.requirementsNote?.value)
        put("metric.name", o.metric?.name?.value)
        put("metric.definition", o.metric?.definition?.value)
        put("metric.counts", o.metric?.counts?.value)
        put("metric.excludes", o.metric?.excludes?.value)
        put("metric.unit", o.metric?.unit?.value)
        put("data_source.system", o.dataSource?.system?.value)
        put("data_source.method", o.dataSource?.method?.value)
        put("data_source.data_quality", o.dataSource?.dataQuality?.value)
        put("target", threshold(o.target))
        put("tolerance", threshold(o.tolerance))
        put("cadence", o.cadence?.value.rawValue)
        put("forum", o.forum?.value)
        put("actions", o.actions?.value)
        put("standards", list(o.standards))
        put("risks", list(o.risks))
        put("risks_note", o.risksNote?.value)
        put("customer_relevance", o.customerRelevance?.value)
        put("consultation", o.consultation?.value)
        put("evaluation", o.evaluation?.value)
        put("plan.what", o.plan?.what?.value)
        put("plan.resources", o.plan?.resources?.value)
        put("plan.responsible", o.plan?.responsible?.value)
        put("plan.due", o.plan?.due?.value.description)
        put("plan.evaluation", o.plan?.evaluation?.value)
        put("plan.integration", o.plan?.integration?.value)
        put(historyThresholds, pastThresholds(of: o))
        let body = o.body.text.trimmed
        put("body", body.isEmpty ? nil : body)
        return out
    }

    /// The name under which `content(of:)` compares the thresholds the history records.
    package static let historyThresholds = "history thresholds"
    /// This rule's id, and `updated/history`'s, which reports a new version with no entry at the same place.
    package static let ruleID = UpdatedUnrecordedChange.description.id
    package static let historyRuleID = UpdatedHistory.description.id

    /// The thresholds values are judged against over time (SPEC 4.1 "Period-correct judgement"), as
    /// the steps history entries set, each from the day it applied. A step that keeps what was in
    /// force judges nothing anew and is left out, so recording the thresholds already applied is
    /// no change; rewriting, dating or removing one that re-judges past values is.
    static func pastThresholds(of o: Objective) -> String? {
        let steps = pastThresholdSteps(of: o)
        return steps.isEmpty ? nil : steps.joined(separator: "; ")
    }

    /// The steps of `pastThresholds`, oldest first, one text each ("from 2026-02-01: version 2,
    /// target <= 4 h, tolerance <= 6 h").
    package static func pastThresholdSteps(of o: Objective) -> [String] {
        let (steps, current) = CheckModel.judgements(of: o)
        let unit = o.metric?.unit?.value
        var inForce = text(current, unit: unit)
        var out: [String] = []
        for step in steps {
            let now = text(step, unit: unit)
            guard now != inForce, let since = step.since else { continue }
            out.append("from \(since): " + (step.version.map { "version \($0), " } ?? "") + now)
            inForce = now
        }
        return out
    }

    /// What judges every value of an objective whose history sets no step of its own
    /// (`pastThresholdSteps` is empty): its current thresholds ("throughout: target <= 4 h, …").
    package static func thresholdsThroughout(of o: Objective) -> String {
        "throughout: " + text(CheckModel.judgements(of: o).current, unit: o.metric?.unit?.value)
    }

    /// The thresholds with a unit left out shown in the metric's `unit`: one text however written.
    private static func text(_ j: CheckModel.Judgement, unit: String?) -> String {
        (j.target.map { "target \($0.unit(default: unit))" } ?? "no target")
            + (j.tolerance.map { ", tolerance \($0.unit(default: unit))" } ?? ", no tolerance")
    }
}
