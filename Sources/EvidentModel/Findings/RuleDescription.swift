/// What a rule is, as `evident rules` and `evident explain` print it and as the tests run it.
package struct RuleDescription: Sendable {
    package let id: String
    package let name: String
    package let obligation: Obligation
    /// The item of the standards' clause 6.2 the rule evidences; nil for `syntax` rules.
    package let item: StandardItem?
    package let defaultSeverity: Severity
    /// One line: what the finding means (the SPEC's rule table).
    package let summary: String
    /// Why the rule exists, in the language of the standard and of an auditor.
    package let rationale: String
    /// Content that must produce the finding, at every `↓` marker.
    package var triggering: [RuleExample] { makeTriggering() }
    /// Content that must not produce it. The first one is the "fixed" example `explain` prints.
    package var nonTriggering: [RuleExample] { makeNonTriggering() }
    // The examples are made when asked for (by `explain` and the tests), not with every rule's
    // description, which every `check` makes.
    private let makeTriggering: @Sendable () -> [RuleExample]
    private let makeNonTriggering: @Sendable () -> [RuleExample]
    /// A rule that compares two versions of the content (`evident diff`): its examples are HEAD trees
    /// laid over `ExampleTree.base`, which is BASE.
    package let onlyInDiff: Bool

    /// `item` defaults to the obligation's (`StandardItem.of`).
    package init(id: String, name: String, obligation: Obligation, item: StandardItem?? = nil, defaultSeverity: Severity, summary: String,
                rationale: String, triggering: @autoclosure @escaping @Sendable () -> [RuleExample],
                nonTriggering: @autoclosure @escaping @Sendable () -> [RuleExample], onlyInDiff: Bool = false) {
        self.id = id
        self.name = name
        self.obligation = obligation
        self.item = item ?? StandardItem.of(obligation)
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        makeTriggering = triggering
        makeNonTriggering = nonTriggering
        self.onlyInDiff = onlyInDiff
    }

    /// A finding of this rule at its default severity; `Checker` applies the project's overrides.
    package func finding(_ message: String, at location: SourceLocation, objective: String? = nil) -> Finding {
        Finding(rule: id, severity: defaultSeverity, obligation: obligation, message: message,
                location: location, objective: objective, item: .some(item))
    }
}

/// An example for a rule: files laid over the small valid tree of `ExampleTree.base`, as of a date.
/// In the text, `↓` marks the place where the rule's finding must point (it is removed before use).
package struct RuleExample: Sendable {
    package let files: [String: String]
    package let removing: [String]
    package let asOf: String
    /// Findings expected at no line, which no `↓` can mark: paths (a folder) inside the tree.
    package let expecting: [String]
    /// Symbolic links made in the tree: path → target, relative to the link's folder (`ln -s TARGET PATH`).
    package let links: [String: String]

    package init(_ files: [String: String], removing: [String] = [], asOf: String = ExampleTree.asOf, expecting: [String] = [],
                 links: [String: String] = [:]) {
        self.files = files
        self.removing = removing
        self.asOf = asOf
        self.expecting = expecting
        self.links = links
    }

    package static let marker: Character = "↓"
}
