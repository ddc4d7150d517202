import EvidentCheck
import EvidentModel
import Foundation

/// An objective's fields as a reviewer reads them, in the order of the SPEC's example file. Each has
/// a value to show and a value to compare: the comparison uses the normalised content of
/// `UnrecordedChange` (a reformatted target or a reordered list is not a change), so the diff and
/// the rule agree on what changed.
enum ObjectiveChanges {
    struct Field {
        var name: String
        var shown: String?
        var compared: String?
    }

    /// `renaming`: the ids renamed, as the objective's values are compared (a BASE objective's
    /// mention of an objective renamed reads as its new id; `UnrecordedChange.content(of:renaming:)`).
    static func fields(of o: Objective, renaming: IDRenames = IDRenames()) -> [Field] {
        let content = UnrecordedChange.content(of: o, renaming: renaming)
        func field(_ name: String, _ shown: String?) -> Field { Field(name: name, shown: shown, compared: content[name]) }
        func list(_ items: [Located<String>]) -> String? { items.isEmpty ? nil : items.map(\.value).joined(separator: ", ") }
        func record(_ name: String, _ shown: String?) -> Field { Field(name: name, shown: shown, compared: shown) }
        return [
            field("title", o.title?.value),
            field("statement", o.statement?.value),
            field("status", o.currentStatus.rawValue),
            field("function", o.function?.value),
            field("owner", o.owner?.value),
            field("contributors", list(o.contributors)),
            field("policy", list(o.policy)),
            field("requirements", list(o.requirements)),
            field("requirements_note", o.requirementsNote?.value),
            field("metric.name", o.metric?.name?.value),
            field("metric.definition", o.metric?.definition?.value),
            field("metric.counts", o.metric?.counts?.value),
            field("metric.excludes", o.metric?.excludes?.value),
            field("metric.unit", o.metric?.unit?.value),
            field("data_source.system", o.dataSource?.system?.value),
            field("data_source.method", o.dataSource?.method?.value),
            field("data_source.data_quality", o.dataSource?.dataQuality?.value),
            field("target", o.target?.value),
            field("tolerance", o.tolerance?.value),
            field("cadence", o.cadence?.value.rawValue),
            field("forum", o.forum?.value),
            field("actions", o.actions?.value),
            field("standards", list(o.standards)),
            field("risks", list(o.risks)),
            field("risks_note", o.risksNote?.value),
            field("customer_relevance", o.customerRelevance?.value),
            field("consultation", o.consultation?.value),
            field("evaluation", o.evaluation?.value),
            field("plan.what", o.plan?.what?.value),
            field("plan.resources", o.plan?.resources?.value),
            field("plan.responsible", o.plan?.responsible?.value),
            field("plan.due", o.plan?.due?.value.description),
            field("plan.evaluation", o.plan?.evaluation?.value),
            field("plan.integration", o.plan?.integration?.value),
            record("version", o.version.map { String($0.value) }),
            record("approved_by", o.approvedBy?.value),
            record("approved_on", o.approvedOn?.value.description),
            record("effective", o.effective?.value.description),
            // `history` is compared entry by entry (`HistoryChanges`).
            field(UnrecordedChange.historyThresholds, content[UnrecordedChange.historyThresholds]),
            // Shown by its first differing line (see `changes`), not whole.
            Field(name: "body", shown: nil, compared: content["body"]),
        ]
    }

    /// The field changes from `old` to `new`. The body is shown by its first differing line, since a
    /// whole body does not fit a table cell.
    /// `renaming`: the objectives renamed; `old` naming one by its old id is no change.
    static func changes(from old: Objective, to new: Objective, renaming: IDRenames = IDRenames()) -> [ContentDiff.FieldChange] {
        var changes: [ContentDiff.FieldChange] = []
        for (a, b) in zip(fields(of: old, renaming: renaming), fields(of: new)) where a.compared != b.compared {
            if a.name == "body" {
                let (before, after) = firstDifference(old.body, new.body, sameAs: renaming.apply)
                changes.append(.init(field: a.name, before: before, after: after))
            } else if a.name == UnrecordedChange.historyThresholds {
                // A side without steps judges every value against the objective's own thresholds: it says
                // which, so that the first step a change records reads against what was in force.
                let (before, after) = differingSteps(UnrecordedChange.pastThresholdSteps(of: old), UnrecordedChange.pastThresholdSteps(of: new))
                changes.append(.init(field: a.name, before: before ?? UnrecordedChange.thresholdsThroughout(of: old),
                                     after: after ?? UnrecordedChange.thresholdsThroughout(of: new)))
            } else {
                changes.append(.init(field: a.name, before: a.shown, after: b.shown))
            }
        }
        return changes
    }

    /// The threshold steps that differ, with the unchanged ones before and after them counted, not
    /// listed: a history of forty steps whose ninth changed shows that step, not two walls of text
    /// that a table cell cuts at the same place. nil for a side with no steps at all.
    static func differingSteps(_ a: [String], _ b: [String]) -> (String?, String?) {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        func steps(_ n: Int, _ which: String) -> String { "\(n) \(which) step\(n == 1 ? "" : "s") unchanged" }
        func shown(_ side: [String]) -> String? {
            guard !side.isEmpty else { return nil }
            let middle = side[head..<(side.count - tail)]
            var parts: [String] = []
            if head > 0 { parts.append(steps(head, "earlier")) }
            parts.append(middle.isEmpty ? "no step here" : middle.joined(separator: "; "))
            if tail > 0 { parts.append(steps(tail, "later")) }
            return parts.joined(separator: "; ")
        }
        return (shown(a), shown(b))
    }

    /// `version 2, 2026-11-20 · Target tightened. · reason: MSA renewal. · approved by Head of SM`.
    static func entry(_ h: HistoryEntry) -> String {
        var parts: [String] = []
        var head = h.version.map { "version \($0.value)" } ?? "no version"
        if let date = h.date { head += ", \(date.value)" }
        parts.append(head)
        if let change = h.change { parts.append(change.value) }
        if let reason = h.reason { parts.append("reason: \(reason.value)") }
        if let by = h.approvedBy { parts.append("approved by \(by.value)") }
        return parts.joined(separator: " · ")
    }

    /// The first non-blank line that differs on each side, with its line number in the file; nil for a
    /// side that has no such line (text added at the end, or removed from it). Blank lines are
    /// skipped: a paragraph break says less than the paragraph.
    /// `sameAs` gives what a line of `a` compares as (its text as shown).
    static func firstDifference(_ a: MarkdownBody, _ b: MarkdownBody, sameAs: (String) -> String = { $0 }) -> (String?, String?) {
        func lines(_ body: MarkdownBody) -> [(Int, String)] {
            body.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line in
                let text = line.trimmed
                return text.isEmpty ? nil : (body.firstLine + i, text)
            }
        }
        let la = lines(a), lb = lines(b)
        var i = 0
        while i < la.count, i < lb.count, sameAs(la[i].1) == lb[i].1 { i += 1 }
        func line(_ lines: [(Int, String)]) -> String? { i < lines.count ? "line \(lines[i].0): \(lines[i].1)" : nil }
        let before = line(la), after = line(lb)
        if before == nil && after == nil { return ("(white space)", "(white space)") }
        return (before, after)
    }
}
