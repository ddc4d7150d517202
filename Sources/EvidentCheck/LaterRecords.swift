import EvidentModel
import EvidentSupport

/// The records of a content tree dated after an as-of date and on or before another day (the day
/// evident runs): made after the as-of date, not mistyped, when that date is in the past. As of it
/// they do not exist yet, so each is a finding (`monitored/future-value`, `monitored/future-review`,
/// `communicated/future-date`, `updated/history`, …); the command line says why, and how to check
/// the content as it stood then. A record dated after `through` is left to those findings alone.
package struct LaterRecords: Sendable {
    /// Measurement rows whose period begins in the window.
    package var rows = 0
    package var reviews = 0
    package var communications = 0
    /// Change history entries of objectives, dated in the window.
    package var historyEntries = 0
    /// Objectives and policy versions whose `approved_on` is in the window.
    package var approvals = 0

    package init(_ content: ContentSet, after asOf: Day, through last: Day) {
        func inWindow(_ day: Day?) -> Bool {
            guard let day else { return false }
            return day > asOf && day <= last
        }
        guard asOf < last else { return }
        rows = content.measurements.count { inWindow($0.periodValue.start) }
        reviews = content.reviews.count { inWindow($0.date?.value) }
        communications = content.communications.count { inWindow($0.date?.value) }
        for o in content.objectives {
            historyEntries += o.history.count { inWindow($0.date?.value) }
            if inWindow(o.approvedOn?.value) { approvals += 1 }
        }
        if inWindow(content.policy?.approvedOn?.value) { approvals += 1 }
    }

    /// What the command line says of them, or nil when there are none: why they are findings, and
    /// how to check the content as it stood on `asOf` (its revision of that day, in a worktree).
    package func note(asOf: Day) -> String? {
        guard total > 0 else { return nil }
        let folder = "../as-of-\(asOf)"
        return "the as-of date \(asOf) is in the past, and the content holds \(listed) dated after it: as of \(asOf) "
            + "\(total == 1 ? "it was" : "they were") not made yet, so \(total == 1 ? "it is a finding" : "each is a finding"). "
            + "To check or pack the content as it stood on \(asOf), use the repository's revision of that day: "
            + "`git worktree add \(folder) $(git rev-list -1 --first-parent --before=\(asOf.adding(days: 1))T00:00 HEAD)`, "
            + "then give `--content` the content folder inside \(folder) (docs/pack.md, \"A pack of an earlier date\")."
    }

    package var total: Int { rows + reviews + communications + historyEntries + approvals }

    /// `48 measurement rows, 9 reviews and 1 approval`: each kind there is, counted.
    package var listed: String {
        let kinds = [(rows, "measurement row", "measurement rows"), (reviews, "review", "reviews"),
                     (communications, "communication", "communications"),
                     (historyEntries, "change history entry", "change history entries"), (approvals, "approval", "approvals")]
        let parts = kinds.filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2)" }
        guard let last = parts.last else { return "no record" }
        return parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
    }
}
