import EvidentSupport

/// Every rule's id, in the order of `RuleRegistry.all` (alphabetical). `evident.yml`'s `rules:`
/// is read against it while loading, before the rules (EvidentCheck) exist; a test keeps the
/// two lists equal (`RuleExampleTests.loaderKnowsEveryRegisteredID`).
package enum RuleIDs {
    package static let all: [String] = [
        "communicated/future-date",
        "communicated/missing",
        "established/approval",
        "established/required",
        "established/statement",
        "levels/coverage",
        "levels/exclusion",
        "levels/forum",
        "levels/owner",
        "levels/sprawl",
        "levels/unknown-function",
        "measurable/data-source",
        "measurable/metric",
        "measurable/scope",
        "measurable/target",
        "measurable/tolerance",
        "measurable/unit",
        "monitored/action-overdue",
        "monitored/conflicting-values",
        "monitored/evidence",
        "monitored/future-review",
        "monitored/future-value",
        "monitored/no-data",
        "monitored/off-target",
        "monitored/persistent-off-target",
        "monitored/review-overdue",
        "monitored/unknown-objective",
        "planned/overdue",
        "planned/plan",
        "policy/approval",
        "policy/trace",
        "policy/uncovered",
        "policy/unknown-statement",
        "requirements/consultation",
        "requirements/customer",
        "requirements/linked",
        "requirements/risks",
        "requirements/unaddressed",
        "requirements/unknown-clause",
        "requirements/unknown-risk",
        "syntax/config",
        "syntax/csv",
        "syntax/duplicate-id",
        "syntax/formula",
        "syntax/front-matter",
        "syntax/ignored-file",
        "syntax/link",
        "syntax/markdown",
        "syntax/type",
        "syntax/unknown-field",
        "syntax/yaml",
        "updated/decision-not-applied",
        "updated/history",
        "updated/stale",
        "updated/trigger",
        "updated/unrecorded-change",
    ]
}

extension RuleIDs {
    /// The rule a mistyped id most likely meant: the one whose name after the `/` is `word`
    /// (`no-data` → `monitored/no-data`), else the closest id; nil when none is close.
    package static func suggestion(for word: String) -> String? {
        let named = all.filter { $0.split(separator: "/").last.map(String.init) == word.lowercased() }
        if named.count == 1 { return named.first }
        return Suggestion.closest(to: word, in: all)
    }
}
