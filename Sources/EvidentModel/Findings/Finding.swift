/// How serious a finding is. Ordered: `info < warning < error`.
package enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The obligations of ISO/IEC 20000-1:2018 clause 6.2 that organise the rules (6.2.1, and 6.2.2's
/// plans as `planned`), plus `syntax` for content that cannot be read at all. What each standard
/// asks is `StandardItem`; `StandardItem.of` maps one to the other.
package enum Obligation: String, Sendable, Codable, CaseIterable {
    case syntax
    case established
    case levels
    case policy
    case measurable
    case requirements
    case monitored
    case communicated
    case updated
    case planned

    /// The clause's own words, for summaries and the readiness report.
    package var title: String {
        switch self {
        case .syntax: "Readable content"
        case .established: "Established"
        case .levels: "At relevant functions and levels"
        case .policy: "Consistent with the policy"
        case .measurable: "Measurable"
        case .requirements: "Take into account applicable requirements"
        case .monitored: "Monitored"
        case .communicated: "Communicated"
        case .updated: "Updated as appropriate"
        case .planned: "Planned: what, resources, who, when, how evaluated"
        }
    }
}

/// One problem found in the content: which rule, how serious, what to do, and where.
package struct Finding: Sendable, Hashable, Codable {
    package var rule: String
    package var severity: Severity
    package var obligation: Obligation
    package var message: String
    package var location: SourceLocation
    /// The objective the finding is about, when there is one.
    package var objective: String?
    /// The item of the standards' clause 6.2 it bears on (`StandardItem.of(obligation)` unless the
    /// rule says otherwise); nil for content that cannot be read.
    package var item: StandardItem?
    /// The ids of the standards the finding is about, when fewer than its item and objective give
    /// (a policy statement no objective serving ISO/IEC 27001 covers); nil for all of those.
    package var standards: [String]?
    /// How many findings this one counts instead of listing them: those of its rule, file and
    /// subject past the first `FindingFold.listed`; 0 for a finding that is only itself.
    package var unlisted = 0

    /// How many findings this one counts as: itself, or those it counts unlisted.
    package var counted: Int { Swift.max(1, unlisted) }

    package init(rule: String, severity: Severity, obligation: Obligation, message: String,
                location: SourceLocation, objective: String? = nil, item: StandardItem?? = nil) {
        self.rule = rule
        self.severity = severity
        self.obligation = obligation
        self.message = message
        self.location = location
        self.objective = objective
        self.item = item ?? StandardItem.of(obligation)
    }

    /// Findings print in file order, then by rule, so that output is the same on every run.
    package static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}

extension [Finding] {
    /// How many findings of `severity` these are, counting those a finding stands for unlisted.
    package func count(_ severity: Severity) -> Int {
        // By index, not `filter`, which would copy every finding of the severity to count them.
        var count = 0
        for index in indices where self[index].severity == severity { count += self[index].counted }
        return count
    }

    /// How many findings these are, counting those a finding stands for unlisted.
    package var counted: Int { reduce(0) { $0 + $1.counted } }
}
