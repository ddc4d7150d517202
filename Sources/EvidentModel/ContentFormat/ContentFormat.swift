/// The fields of every content file kind (docs/content-format.md): the one table the loader reads
/// each file with and `evident schema` writes the JSON Schemas from. A new field is one line here,
/// its reading in EvidentLoad's `FileReaders`, and the model and rules that use it.
package enum ContentFormat {
    /// A file kind with a schema: its table and the name of its schema file.
    package struct Kind: Sendable {
        package let table: FieldTable
        /// The schema's file name (`objective.schema.json`).
        package let schemaFile: String
        /// What the schema describes, for its title.
        package let title: String
        /// Where files of the kind live in the content folder, as globs (`**` any folders).
        package let paths: [String]
    }

    /// Every kind, in the order `evident schema` lists them.
    package static let kinds: [Kind] = [
        Kind(table: configuration, schemaFile: "evident-config.schema.json", title: "evident.yml", paths: ["evident.yml"]),
        Kind(table: policy, schemaFile: "policy.schema.json", title: "Policy front-matter", paths: ["policy.md"]),
        Kind(table: riskRegister, schemaFile: "risks.schema.json", title: "Risk register front-matter", paths: ["risks.md"]),
        Kind(table: requirements, schemaFile: "requirements.schema.json", title: "Requirements source front-matter",
             paths: ["requirements/**/*.md"]),
        Kind(table: objective, schemaFile: "objective.schema.json", title: "Objective front-matter", paths: ["objectives/**/*.md"]),
        Kind(table: review, schemaFile: "review.schema.json", title: "Review front-matter", paths: ["reviews/**/*.md"]),
        Kind(table: communication, schemaFile: "communication.schema.json", title: "Communication front-matter",
             paths: ["communications/**/*.md"]),
    ]

    /// The kind of the file at `path` inside the content folder, by where it lives; nil for a file
    /// without a schema (measurements, evidence).
    package static func kind(forContentPath path: String) -> Kind? {
        kinds.first { kind in
            kind.paths.contains { pattern in
                guard let star = pattern.firstIndex(of: "*"), let last = pattern.lastIndex(of: "*") else { return path == pattern }
                let prefix = pattern[..<star], suffix = pattern[pattern.index(after: last)...]
                return path.count > prefix.count + suffix.count && path.hasPrefix(prefix) && path.hasSuffix(suffix)
            }
        }
    }

    // MARK: evident.yml

    package static let configuration = FieldTable("configuration", [
        Field("organization", .answer(asks: "the organisation whose objectives these are"), required: "syntax/config", "Whose objectives these are; on every page and in the pack's name."),
        Field("title", .text, "The site's title."),
        Field("scope", .answer(asks: "the scope of the management system"), "The scope of the service management system."),
        Field("levels", .mappings(level), "The levels at which objectives are set, top first (default: management, service, process, team)."),
        Field("forums", .mappings(forum), "The meetings that review objectives."),
        Field("functions", .mappings(function), "The functions objectives are set for."),
        Field("settings", .mapping(settings), "Thresholds the rules use."),
        Field("rules", .severities, "Changes a rule's severity (error, warning, info) or turns it off."),
        Field("standards", .choices(standardIDs), "The standards the objectives serve (default [iso20000-1])."),
    ])

    /// What `standards` may name: `Standard.all`'s ids.
    package static let standardIDs = Standard.all.map(\.id)

    package static let level = FieldTable("level", [
        Field("id", .text, required: "syntax/config", "What functions name in `level`."),
        Field("name", .text, "Shown on the site; default: the id."),
    ])

    package static let forum = FieldTable("forum", [
        Field("id", .text, required: "syntax/config", "What objectives and functions name in `forum`."),
        Field("name", .text, "Shown on the site; default: the id."),
        Field("cadence", .choice(Cadence.self), required: "syntax/config", "The default cadence of the objectives the forum reviews."),
    ])

    package static let function = FieldTable("function", [
        Field("id", .text, required: "syntax/config", "What objectives name in `function`."),
        Field("name", .text, "Shown on the site; default: the id."),
        Field("level", .text, "A `levels` id: the level of every objective of the function."),
        Field("owner", .answer(asks: "who owns the function's objectives: a role"), "The default owner of the function's objectives: a role."),
        Field("forum", .text, "A `forums` id: the default forum of the function's objectives."),
        Field("excluded", .flag, "In scope but deliberately without objectives."),
        Field("justification", .words(asks: "why no objective is set for the function"), "Why an excluded function has no objectives."),
    ])

    package static let settings = FieldTable("settings", [
        Field("review_grace_days", .wholeNumber(Settings.reviewGraceDaysRange), "Days after a period ends before it is due (default 7)."),
        Field("stale_after_days", .wholeNumber(Settings.staleAfterDaysRange), "Days after which an unreviewed objective is stale (default 365)."),
        Field("persistent_off_target_periods", .wholeNumber(Settings.persistentOffTargetPeriodsRange),
              "Off-target periods in a row that need a decision (default 3)."),
        Field("max_objectives_per_owner", .wholeNumber(Settings.maxObjectivesPerOwnerRange), "Objectives one owner may hold (default 10)."),
        Field("allow_raw_html", .flag, "Keep raw HTML in Markdown bodies (default false)."),
    ])

    // MARK: policy.md

    package static let policy = FieldTable("policy", [
        Field("title", .text, "The policy's title."),
        Field("version", .wholeNumber(Objective.versions), "The policy's version."),
        Field("approved_by", .answer(asks: "who approved this version of the policy"), "Who approved this version."),
        Field("approved_on", .date, "When this version was approved (YYYY-MM-DD), not after the as-of date (updated/trigger)."),
        Field("statements", .mappings(policyStatement), "The statements objectives name in `policy`."),
    ])

    static let policyStatement = FieldTable("policy statement", [
        Field("id", .text, required: "syntax/type", "What objectives name in `policy`, like POL-1."),
        Field("text", .answer(asks: "what the policy commits to"), required: "syntax/type", "The statement."),
        Field("standards", .choices(standardIDs), "The standards the statement applies to (default: every one evident.yml names)."),
    ])

    // MARK: risks.md

    package static let riskRegister = FieldTable("risk register", [
        Field("title", .text, "The register's title."),
        Field("risks", .mappings(risk), "The risks, opportunities, aspects and hazards objectives name in `risks`."),
    ])

    static let risk = FieldTable("risk", [
        Field("id", .text, required: "syntax/type", "What objectives name in `risks`, like R-12."),
        Field("text", .answer(asks: "what the risk, opportunity, aspect or hazard is"), required: "syntax/type", "The risk, opportunity, aspect or hazard."),
        Field("kind", .choice(Risk.Kind.self), "risk, opportunity, aspect (environmental) or hazard (health and safety)."),
    ])

    // MARK: requirements/*.md

    package static let requirements = FieldTable("requirements source", [
        Field("title", .text, "The source's name (default: the file's path)."),
        Field("kind", .choice(RequirementSource.Kind.self), "What sort of source it is."),
        Field("reference", .text, "Its reference (contract number, control set id)."),
        Field("owner", .answer(asks: "who owns the source: a role"), "Who owns the source."),
        Field("revised", .date, "When the source last changed (YYYY-MM-DD), not after the as-of date (updated/trigger)."),
        Field("clauses", .mappings(clause), "The clauses objectives name in `requirements`."),
    ])

    package static let clause = FieldTable("clause", [
        Field("id", .text, required: "syntax/type", "What objectives name in `requirements`, unique across all sources."),
        Field("text", .answer(asks: "what the requirement asks"), required: "syntax/type", "The clause."),
        Field("addressed_elsewhere", .words(asks: "where the clause is addressed instead of by an objective"), "Why no objective addresses this clause."),
    ])

    // MARK: objectives/*.md

    /// The completeness rules do not look at retired objectives, a historical record
    /// (docs/content-format.md, "Which objectives a rule looks at").
    static let retired = Field.Exception(field: "status", value: Objective.Status.retired.rawValue)
    /// Where every standard an objective serves asks for measurable objectives only if practicable,
    /// an `evaluation` takes the place of the measures; only the rules know the standards, so the
    /// schema accepts any objective with an `evaluation` without them.
    static let evaluated = Field.Exception(field: "evaluation", value: nil)

    package static let objective = FieldTable("objective", [
        Field("id", .text, required: "established/required", "The objective's id, unique; what measurements, reviews and communications name."),
        Field("title", .answer(asks: "the objective's short name"), required: "established/required", "A short name."),
        Field("statement", .answer(asks: "the commitment, in one sentence"), required: "established/required", "The commitment, in one sentence of at most 40 words."),
        Field("status", .choice(Objective.Status.self), "Default active; drafts are not monitored, retired ones are a record."),
        Field("function", .text, required: "levels/unknown-function", unless: [retired], "A `functions` id of evident.yml: gives level, owner and forum."),
        Field("owner", .answer(asks: "who answers for the objective: a role"), "Who answers for the objective: a role (default: the function's owner)."),
        Field("contributors", .names(asks: "who contributes"), "Others who contribute."),
        Field("policy", .list, required: "policy/trace", unless: [retired], "The policy statement ids the objective serves."),
        Field("requirements", .list, "The requirement clause ids it takes into account."),
        Field("requirements_note", .words(asks: "why no requirement applies"), "Why no requirement applies, when `requirements` is empty."),
        Field("metric", .mapping(metric), required: "measurable/metric", unless: [retired, evaluated], "What is measured."),
        Field("data_source", .mapping(dataSource), required: "measurable/data-source", unless: [retired, evaluated], "Where the values come from."),
        Field("target", .text, required: "measurable/target", unless: [retired, evaluated], "What counts as success: COMPARATOR NUMBER [UNIT], like \">= 90 %\"."),
        Field("tolerance", .text, "The band that still counts as within tolerance, same grammar as `target`."),
        Field("cadence", .choice(Cadence.self), "How often it is measured and reviewed (default: the forum's cadence)."),
        Field("forum", .text, "A `forums` id: the forum that reviews it (default: the function's forum)."),
        Field("actions", .answer(asks: "what is done when the objective is off target"), "What is done when the objective is off target."),
        Field("version", .wholeNumber(Objective.versions), "The current version; it needs a history entry."),
        Field("approved_by", .answer(asks: "who approved the current version"), "Who approved the current version."),
        Field("approved_on", .date, "When the current version was approved (YYYY-MM-DD)."),
        Field("effective", .date, "From when the objective applies (default: approved_on)."),
        Field("history", .mappings(historyEntry), "One entry per version."),
        Field("standards", .choices(standardIDs), "The standards the objective serves (default: every one evident.yml names)."),
        Field("plan", .mapping(plan), "How the objective will be achieved: what, resources, who, when, how evaluated."),
        Field("risks", .list, "The `risks.md` ids the objective takes into account."),
        Field("risks_note", .words(asks: "why no risk applies"), "Why no risk applies, when `risks` is empty."),
        Field("customer_relevance", .words(asks: "how the objective bears on conformity or customer satisfaction"), "How the objective bears on conformity of products and services or customer satisfaction."),
        Field("consultation", .words(asks: "where workers were consulted: a review or communication file, or a sentence"), "Where workers were consulted: a review or communication file, or a sentence."),
        Field("evaluation", .words(asks: "how the objective is evaluated"), "How the objective is evaluated when it is not measured (standards that ask measurable only if practicable)."),
    ])

    package static let plan = FieldTable("plan", [
        Field("what", .words(asks: "what will be done"), "What will be done."),
        Field("resources", .words(asks: "what resources it needs"), "What resources it needs."),
        Field("responsible", .words(asks: "who is responsible: a role"), "Who is responsible: a role."),
        Field("due", .date, "When it will be completed (YYYY-MM-DD)."),
        Field("evaluation", .words(asks: "how the results will be evaluated"), "How the results will be evaluated."),
        Field("integration", .words(asks: "how the actions are integrated into the business processes"), "How the actions are integrated into business processes (\(Standard.names(where: \.planNeedsIntegration)))."),
    ])

    package static let metric = FieldTable("metric", [
        Field("name", .answer(asks: "what the metric is called"), required: "measurable/metric", "The metric's name."),
        Field("definition", .answer(asks: "how a value is computed"), required: "measurable/metric", "How a value is computed."),
        Field("counts", .answer(asks: "what is counted"), "What is counted."),
        Field("excludes", .answer(asks: "what is not counted (`none` when nothing is left out)"), "What is not counted."),
        Field("unit", .unit, "The unit of values, targets and tolerances; left out when they have none."),
    ])

    package static let dataSource = FieldTable("data source", [
        Field("system", .answer(asks: "the system the values come from"), required: "measurable/data-source", "The system the values come from."),
        Field("method", .answer(asks: "how the values are extracted"), required: "measurable/data-source", "How they are extracted."),
        Field("data_quality", .answer(asks: "the known limits of the data"), "Known limits of the data."),
    ])

    static let historyEntry = FieldTable("history entry", [
        Field("version", .wholeNumber(Objective.versions), required: "updated/history", "The version the entry records."),
        Field("date", .date, required: "updated/history", "When the change was approved (YYYY-MM-DD)."),
        Field("change", .answer(asks: "what changed"), required: "updated/history", "What changed."),
        Field("reason", .answer(asks: "why it changed"), required: "updated/history", "Why."),
        Field("approved_by", .answer(asks: "who approved the change"), required: "updated/history", "Who approved it."),
        Field("effective", .date, "From when its thresholds applied (default: date)."),
        Field("target", .threshold, "The target this version set: COMPARATOR NUMBER [UNIT]."),
        Field("tolerance", .threshold, "The tolerance this version set: COMPARATOR NUMBER [UNIT]."),
    ])

    // MARK: reviews/*.md

    package static let review = FieldTable("review", [
        Field("date", .date, required: "syntax/type", "When the meeting took place (YYYY-MM-DD)."),
        Field("forum", .text, required: "syntax/type", "A `forums` id: which forum met."),
        Field("chair", .answer(asks: "who chaired the meeting"), "Who chaired."),
        Field("attendees", .names(asks: "who attended"), "Who attended."),
        Field("objectives", .list, "The ids of the objectives reviewed."),
        Field("decisions", .mappings(decision), "One decision per objective reviewed."),
        Field("actions", .mappings(action), "Actions agreed."),
    ])

    package static let decision = FieldTable("decision", [
        Field("objective", .text, "The objective's id."),
        Field("decision", .choice(Decision.Kind.self), required: "syntax/type", "What was decided."),
        Field("note", .answer(asks: "why it was decided"), "Why."),
    ])

    static let action = FieldTable("action", [
        Field("id", .text, "The action's id, unique across all reviews."),
        Field("objective", .text, "The objective's id."),
        Field("owner", .answer(asks: "who does the action: a role"), required: "syntax/type", "Who is responsible for it."),
        Field("due", .date, required: "syntax/type", "When it will be completed (YYYY-MM-DD)."),
        Field("status", .choice(ReviewAction.Status.self), "open (the default) or done."),
        Field("done_on", .date, "When it was done (YYYY-MM-DD), with status done: as of an earlier day it is open."),
        Field("text", .answer(asks: "what is to be done"), required: "syntax/type", "What is to be done."),
    ])

    // MARK: communications/*.md

    package static let communication = FieldTable("communication", [
        Field("date", .date, required: "syntax/type", "When it was communicated (YYYY-MM-DD)."),
        Field("channel", .choice(Communication.Channel.self), required: "syntax/type", "How."),
        Field("audience", .answer(asks: "to whom it was communicated"), required: "syntax/type", "To whom."),
        Field("objectives", .listOrAll, "The ids of the objectives communicated, or all."),
    ])
}
