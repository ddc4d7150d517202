import EvidentCheck
import Foundation

/// `serve`'s sites, one for each check of an `IncrementalChecker`: each reuses the index of the one
/// before where it holds (`SiteIndex`), when the check found that only objective files changed,
/// each in its place with the same id, owner and function.
package final class IncrementalSite: @unchecked Sendable {
    // Guards `last`.
    private let lock = NSLock()
    /// The last site made, and the number of the check it was made from.
    private var last: (check: Int, renderer: SiteRenderer)?

    package init() {}

    /// The site of `result`, which must be the last check of `checker`.
    package func renderer(for result: CheckResult, theme: Theme, checkedBy checker: IncrementalChecker) throws -> SiteRenderer {
        let checked = checker.lastEdit
        let previous = lock.withLock { () -> SiteRenderer? in
            guard checked.edit != .other, let last, last.check == checked.checks - 1 else { return nil }
            return last.renderer
        }
        let renderer = try SiteRenderer(result: result, theme: theme, reusing: previous)
        lock.withLock { last = (checked.checks, renderer) }
        return renderer
    }
}
