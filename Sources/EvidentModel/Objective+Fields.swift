// One accessor per field of `ObjectiveFields`, so that `o.title` is a field read, not a key-path
// projection through the runtime, as `@dynamicMemberLookup` makes it (rules and pages read
// fields of every objective). A field added to `ObjectiveFields` is reached through
// `@dynamicMemberLookup` until it gets an accessor here (`ObjectiveFieldsTests` fails until then).

extension Objective {
    package var file: String {
        get { box.fields.file }
        set { unique().fields.file = newValue }
    }

    package var location: SourceLocation {
        get { box.fields.location }
        set { unique().fields.location = newValue }
    }

    package var id: Located<String>? {
        get { box.fields.id }
        set { unique().fields.id = newValue }
    }

    package var title: Located<String>? {
        get { box.fields.title }
        set { unique().fields.title = newValue }
    }

    package var statement: Located<String>? {
        get { box.fields.statement }
        set { unique().fields.statement = newValue }
    }

    package var status: Located<Objective.Status>? {
        get { box.fields.status }
        set { unique().fields.status = newValue }
    }

    package var function: Located<String>? {
        get { box.fields.function }
        set { unique().fields.function = newValue }
    }

    package var owner: Located<String>? {
        get { box.fields.owner }
        set { unique().fields.owner = newValue }
    }

    package var contributors: [Located<String>] {
        get { box.fields.contributors }
        set { unique().fields.contributors = newValue }
    }

    package var policy: [Located<String>] {
        get { box.fields.policy }
        set { unique().fields.policy = newValue }
    }

    package var requirements: [Located<String>] {
        get { box.fields.requirements }
        set { unique().fields.requirements = newValue }
    }

    package var requirementsNote: Located<String>? {
        get { box.fields.requirementsNote }
        set { unique().fields.requirementsNote = newValue }
    }

    package var metric: Metric? {
        get { box.fields.metric }
        set { unique().fields.metric = newValue }
    }

    package var dataSource: DataSource? {
        get { box.fields.dataSource }
        set { unique().fields.dataSource = newValue }
    }

    package var target: Located<String>? {
        get { box.fields.target }
        set { unique().fields.target = newValue }
    }

    package var tolerance: Located<String>? {
        get { box.fields.tolerance }
        set { unique().fields.tolerance = newValue }
    }

    package var cadence: Located<Cadence>? {
        get { box.fields.cadence }
        set { unique().fields.cadence = newValue }
    }

    package var forum: Located<String>? {
        get { box.fields.forum }
        set { unique().fields.forum = newValue }
    }

    package var actions: Located<String>? {
        get { box.fields.actions }
        set { unique().fields.actions = newValue }
    }

    package var version: Located<Int>? {
        get { box.fields.version }
        set { unique().fields.version = newValue }
    }

    package var approvedBy: Located<String>? {
        get { box.fields.approvedBy }
        set { unique().fields.approvedBy = newValue }
    }

    package var approvedOn: Located<Day>? {
        get { box.fields.approvedOn }
        set { unique().fields.approvedOn = newValue }
    }

    package var effective: Located<Day>? {
        get { box.fields.effective }
        set { unique().fields.effective = newValue }
    }

    package var history: [HistoryEntry] {
        get { box.fields.history }
        set { unique().fields.history = newValue }
    }

    package var standards: [Located<String>] {
        get { box.fields.standards }
        set { unique().fields.standards = newValue }
    }

    package var risks: [Located<String>] {
        get { box.fields.risks }
        set { unique().fields.risks = newValue }
    }

    package var risksNote: Located<String>? {
        get { box.fields.risksNote }
        set { unique().fields.risksNote = newValue }
    }

    package var customerRelevance: Located<String>? {
        get { box.fields.customerRelevance }
        set { unique().fields.customerRelevance = newValue }
    }

    package var consultation: Located<String>? {
        get { box.fields.consultation }
        set { unique().fields.consultation = newValue }
    }

    package var evaluation: Located<String>? {
        get { box.fields.evaluation }
        set { unique().fields.evaluation = newValue }
    }

    package var plan: Plan? {
        get { box.fields.plan }
        set { unique().fields.plan = newValue }
    }

    package var body: MarkdownBody {
        get { box.fields.body }
        set { unique().fields.body = newValue }
    }
}
