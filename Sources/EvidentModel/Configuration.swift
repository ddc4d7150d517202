/// `evident.yml`: the organisation, its levels, forums and functions, settings and rule overrides.
package struct Configuration: Sendable {
    package var file: String
    package var organization: Located<String>?
    package var title: Located<String>?
    package var scope: Located<String>?
    package var levels: [Level]
    package var forums: [Forum]
    package var functions: [Function]
    package var settings: Settings
    package var ruleOverrides: [RuleOverride]
    /// The standards the objective set serves (SPEC §8), in `Standard.all`'s order; default
    /// `Standard.defaults`. Ids that name no standard are `syntax/config` findings, not kept.
    package var standards: [Standard]
    /// Where `standards` is written, for findings about it; nil when it is not.
    package var standardsLocation: SourceLocation?
    /// Where `standards` names each standard it configures (the first time), by id.
    package var standardLocations: [String: SourceLocation] = [:]
    /// `standards` names an id evident does not know (a `syntax/config` finding): which standards
    /// were meant is not known in full.
    package var standardsMistyped = false

    package init(file: String, organization: Located<String>? = nil, title: Located<String>? = nil,
                scope: Located<String>? = nil, levels: [Level] = Level.defaults, forums: [Forum] = [],
                functions: [Function] = [], settings: Settings = Settings(), ruleOverrides: [RuleOverride] = [],
                standards: [Standard] = Standard.defaults, standardsLocation: SourceLocation? = nil) {
        self.file = file
        self.organization = organization
        self.title = title
        self.scope = scope
        self.levels = levels
        self.forums = forums
        self.functions = functions
        self.settings = settings
        self.ruleOverrides = ruleOverrides
        self.standards = standards
        self.standardsLocation = standardsLocation
    }

    package var organizationName: String { organization?.value ?? "Unnamed organisation" }
    package var siteTitle: String { title?.value ?? "Service management objectives" }
}

package struct Level: Sendable, Hashable {
    package var id: String
    package var name: String
    package var location: SourceLocation?

    package static let defaults: [Level] = [
        Level(id: "management", name: "SMS management"),
        Level(id: "service", name: "Service"),
        Level(id: "process", name: "Process"),
        Level(id: "team", name: "Operational team"),
    ]

    package init(id: String, name: String, location: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.location = location
    }
}

package struct Forum: Sendable {
    package var id: Located<String>
    package var name: String
    package var cadence: Located<Cadence>?

    package init(id: Located<String>, name: String, cadence: Located<Cadence>? = nil) {
        self.id = id
        self.name = name
        self.cadence = cadence
    }
}

package struct Function: Sendable {
    package var id: Located<String>
    package var name: String
    package var level: Located<String>?
    package var owner: Located<String>?
    package var forum: Located<String>?
    package var excluded: Bool
    package var justification: Located<String>?
    /// Where the entry starts, for findings about the function as a whole.
    package var location: SourceLocation

    package init(id: Located<String>, name: String, level: Located<String>? = nil, owner: Located<String>? = nil, forum: Located<String>? = nil, excluded: Bool, justification: Located<String>? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.level = level
        self.owner = owner
        self.forum = forum
        self.excluded = excluded
        self.justification = justification
        self.location = location
    }
}

package struct Settings: Sendable {
    package var reviewGraceDays = 7
    package var staleAfterDays = 365
    package var persistentOffTargetPeriods = 3
    package var maxObjectivesPerOwner = 10
    package var allowRawHTML = false

    /// The values `evident.yml` may give each setting: wide enough for any real use, and small
    /// enough that date arithmetic on them (days added to a day, periods counted back) cannot
    /// overflow.
    static let reviewGraceDaysRange = 0...366
    static let staleAfterDaysRange = 1...3660
    static let persistentOffTargetPeriodsRange = 1...120
    static let maxObjectivesPerOwnerRange = 1...100_000

    package init() {}

    /// Each setting by its name in `evident.yml`, with the value in effect (its default when not given).
    package var named: [(name: String, value: String)] {
        [("review_grace_days", "\(reviewGraceDays)"), ("stale_after_days", "\(staleAfterDays)"),
         ("persistent_off_target_periods", "\(persistentOffTargetPeriods)"),
         ("max_objectives_per_owner", "\(maxObjectivesPerOwner)"), ("allow_raw_html", "\(allowRawHTML)")]
    }
}

/// `rules: { id: error | warning | info | off }` in `evident.yml`.
package struct RuleOverride: Sendable {
    package var rule: String
    /// nil means `off`.
    package var severity: Severity?
    package var location: SourceLocation

    package init(rule: String, severity: Severity? = nil, location: SourceLocation) {
        self.rule = rule
        self.severity = severity
        self.location = location
    }
}
