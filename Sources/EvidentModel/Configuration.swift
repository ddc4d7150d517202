/// `evident.yml`: the organisation, its levels, forums and functions, settings and rule overrides.
public struct Configuration: Sendable {
    public var file: String
    public var organization: Located<String>?
    public var title: Located<String>?
    public var scope: Located<String>?
    public var levels: [Level]
    public var forums: [Forum]
    public var functions: [Function]
    public var settings: Settings
    public var ruleOverrides: [RuleOverride]

    public init(file: String, organization: Located<String>? = nil, title: Located<String>? = nil,
                scope: Located<String>? = nil, levels: [Level] = Level.defaults, forums: [Forum] = [],
                functions: [Function] = [], settings: Settings = Settings(), ruleOverrides: [RuleOverride] = []) {
        self.file = file
        self.organization = organization
        self.title = title
        self.scope = scope
        self.levels = levels
        self.forums = forums
        self.functions = functions
        self.settings = settings
        self.ruleOverrides = ruleOverrides
    }

    public var organizationName: String { organization?.value ?? "Unnamed organisation" }
    public var siteTitle: String { title?.value ?? "Service management objectives" }
}

public struct Level: Sendable, Hashable {
    public var id: String
    public var name: String
    public var location: SourceLocation?

    public static let defaults: [Level] = [
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

public struct Forum: Sendable {
    public var id: Located<String>
    public var name: String
    public var cadence: Located<Cadence>?

    package init(id: Located<String>, name: String, cadence: Located<Cadence>? = nil) {
        self.id = id
        self.name = name
        self.cadence = cadence
    }
}

public struct Function: Sendable {
    public var id: Located<String>
    public var name: String
    public var level: Located<String>?
    public var owner: Located<String>?
    public var forum: Located<String>?
    public var excluded: Bool
    public var justification: Located<String>?
    /// Where the entry starts, for findings about the function as a whole.
    public var location: SourceLocation

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

public struct Settings: Sendable {
    public var reviewGraceDays = 7
    public var staleAfterDays = 365
    public var persistentOffTargetPeriods = 3
    public var maxObjectivesPerOwner = 10
    public var allowRawHTML = false

    /// The values `evident.yml` may give each setting: wide enough for any real use, and small
    /// enough that date arithmetic on them (days added to a day, periods counted back) cannot
    /// overflow.
    public static let reviewGraceDaysRange = 0...366
    public static let staleAfterDaysRange = 1...3660
    public static let persistentOffTargetPeriodsRange = 1...120
    public static let maxObjectivesPerOwnerRange = 1...100_000

    public init() {}
}

/// `rules: { id: error | warning | info | off }` in `evident.yml`.
public struct RuleOverride: Sendable {
    public var rule: String
    /// nil means `off`.
    public var severity: Severity?
    public var location: SourceLocation

    package init(rule: String, severity: Severity? = nil, location: SourceLocation) {
        self.rule = rule
        self.severity = severity
        self.location = location
    }
}
