/// One objective file. Fields keep the place they were read from; absent fields are nil, and
/// `location` (the front-matter's first line) is where findings about them point.
///
/// The fields live in one shared, copy-on-write box, so that the rules and pages that walk the
/// objectives pass one reference, never fifty strings. Reading `o.title` reads the box's field.
@dynamicMemberLookup
public struct Objective: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case active, draft, retired
    }

    /// The versions an objective or a policy may declare.
    public static let versions = 0...1_000_000

    private final class Box: @unchecked Sendable {
        // Mutated only through `Objective`'s setter, and only when this box is not shared.
        var fields: ObjectiveFields
        init(_ fields: ObjectiveFields) { self.fields = fields }
    }

    private var box: Box

    public init(file: String, location: SourceLocation) {
        box = Box(ObjectiveFields(file: file, location: location))
    }

    public var fields: ObjectiveFields { box.fields }

    /// Whether both are the same stored value, which makes them equal without comparing fields:
    /// `evident diff` parses a file the two trees share once, so most objectives compare this way.
    public func sharesStorage(with other: Objective) -> Bool { box === other.box }

    public subscript<T>(dynamicMember keyPath: KeyPath<ObjectiveFields, T>) -> T {
        box.fields[keyPath: keyPath]
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<ObjectiveFields, T>) -> T {
        get { box.fields[keyPath: keyPath] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            box.fields[keyPath: keyPath] = newValue
        }
    }

    /// The id, or the file name when the id is missing, for messages.
    public var displayID: String { box.fields.id?.value ?? box.fields.file }
    public var currentStatus: Status { box.fields.status?.value ?? .active }
    public var isActive: Bool { currentStatus == .active }
    /// The start of the objective (SPEC 4.1): the effective date of its earliest history entry
    /// (default: that entry's date), else its `effective`, else its `approved_on`. Periods before
    /// it are never due, so a new version never hides the old periods.
    public var startDay: Day? {
        box.fields.history.compactMap(\.since).min() ?? box.fields.effective?.value ?? box.fields.approvedOn?.value
    }

    /// The history entry of the version in force: the first entry whose `version` is `version`
    /// (a repeated version is `updated/history`'s finding, not a second approval).
    public var currentEntry: HistoryEntry? {
        guard let version = box.fields.version?.value else { return nil }
        return box.fields.history.first { $0.version?.value == version }
    }

    /// When the current version was last approved (SPEC 4.1 "Last approved"): the later of
    /// `approved_on` and the date of the current version's history entry.
    public var lastApproved: Day? {
        [box.fields.approvedOn?.value, currentEntry?.date?.value].compactMap { $0 }.max()
    }
}

/// The fields of an objective file, as read.
public struct ObjectiveFields: Sendable {
    public var file: String
    public var location: SourceLocation
    public var id: Located<String>?
    public var title: Located<String>?
    public var statement: Located<String>?
    public var status: Located<Objective.Status>?
    public var function: Located<String>?
    public var owner: Located<String>?
    public var contributors: [Located<String>]
    public var policy: [Located<String>]
    public var requirements: [Located<String>]
    public var requirementsNote: Located<String>?
    public var metric: Metric?
    public var dataSource: DataSource?
    public var target: Located<String>?
    public var tolerance: Located<String>?
    public var cadence: Located<Cadence>?
    public var forum: Located<String>?
    public var actions: Located<String>?
    public var version: Located<Int>?
    public var approvedBy: Located<String>?
    public var approvedOn: Located<Day>?
    public var effective: Located<Day>?
    public var history: [HistoryEntry]
    public var body: MarkdownBody

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
        contributors = []
        policy = []
        requirements = []
        history = []
        body = .empty
    }
}

public struct Metric: Sendable {
    public var location: SourceLocation
    public var name: Located<String>?
    public var definition: Located<String>?
    public var counts: Located<String>?
    public var excludes: Located<String>?
    public var unit: Located<String>?

    package init(location: SourceLocation, name: Located<String>? = nil, definition: Located<String>? = nil, counts: Located<String>? = nil, excludes: Located<String>? = nil, unit: Located<String>? = nil) {
        self.location = location
        self.name = name
        self.definition = definition
        self.counts = counts
        self.excludes = excludes
        self.unit = unit
    }
}

public struct DataSource: Sendable {
    public var location: SourceLocation
    public var system: Located<String>?
    public var method: Located<String>?
    public var dataQuality: Located<String>?

    package init(location: SourceLocation, system: Located<String>? = nil, method: Located<String>? = nil, dataQuality: Located<String>? = nil) {
        self.location = location
        self.system = system
        self.method = method
        self.dataQuality = dataQuality
    }
}

public struct HistoryEntry: Sendable {
    public var location: SourceLocation
    public var version: Located<Int>?
    public var date: Located<Day>?
    public var change: Located<String>?
    public var reason: Located<String>?
    public var approvedBy: Located<String>?
    public var effective: Located<Day>?
    /// The thresholds this version set, so that values of its time are judged against them.
    public var target: Located<String>?
    public var tolerance: Located<String>?

    public init(location: SourceLocation, version: Located<Int>? = nil, date: Located<Day>? = nil,
                change: Located<String>? = nil, reason: Located<String>? = nil, approvedBy: Located<String>? = nil,
                effective: Located<Day>? = nil, target: Located<String>? = nil, tolerance: Located<String>? = nil) {
        self.location = location
        self.version = version
        self.date = date
        self.change = change
        self.reason = reason
        self.approvedBy = approvedBy
        self.effective = effective
        self.target = target
        self.tolerance = tolerance
    }

    /// From when the version applied: its `effective` date, default its `date`.
    public var since: Day? { effective?.value ?? date?.value }
}
