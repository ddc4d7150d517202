import EvidentModel

/// What each item of clause 6.2 asks, in our words and in the standard's terms, and which files of
/// the evidence pack evidence it: the pack's `README.html` and `readiness.md` read both. Paths are
/// relative to the pack folder; a report lists only those the pack holds.
package enum ItemGuide {
    /// One sentence on what `standard` asks for the item and how evident checks it.
    package static func asks(_ entry: Standard.Item, in standard: Standard) -> String {
        let note = entry.note.map { " (\($0))" } ?? ""
        switch entry.item {
        case .levels:
            // As the levels rules check it: an owner and a forum may be the objective's own, so a
            // function itself need have neither.
            return "Objectives are set at the relevant functions and levels\(note): each objective names a declared function and has an owner, its own or its function's; each function not excluded has at least one active objective, and each exclusion is justified; every forum named is declared, and each active objective has a cadence, its own or its forum's; no owner holds more than the set number of active objectives. A function needs no owner or forum of its own when its objectives name theirs."
        case .policy:
            return "Objectives are consistent with the \(standard.subject) policy: each traces to a policy statement that applies to \(standard.name), and each statement is served by an objective."
        case .measurable:
            let practicable = entry.ifPracticable
                ? " Where it is not practicable, an objective may instead say how it is evaluated (`evaluation`)." : ""
            return "Objectives are measurable\(note): a defined metric with its scope, a data source and method, a target and a tolerance in the metric's unit.\(practicable)"
        case .requirements:
            return "Objectives take into account the applicable requirements\(note): each objective names the requirement clauses it takes into account, or says why none applies, and each clause is addressed by an active objective or elsewhere."
        case .risks:
            return "Objectives take into account \(entry.note ?? "risks and opportunities"): each active objective names the entries of the risk register (`risks.md`) it takes into account, or says why none applies."
        case .customer:
            return "Objectives are relevant to the conformity of products and services and to customer satisfaction: each active objective says how (`customer_relevance`)."
        case .consultation:
            return "Objectives take into account the consultation of workers: each active objective names the review or communication, held by the as-of date, where workers were consulted, or describes the consultation in a sentence (`consultation`)."
        case .monitored:
            return "Objectives are monitored: each active objective with a target has a value for its latest due period, and each is reviewed, in any forum, within its cadence plus the grace days; results off target for several periods in a row are answered by a review decision or an action; no open action is past its due date; measurements, reviews and communications name declared objectives; no value is for a period not yet begun, and the evidence files named exist."
        case .communicated:
            return "Objectives are communicated: the version in force of each active objective is named in a communication (or one to all objectives) dated on or after its approval and by the as-of date."
        case .updated:
            return "Objectives are updated as appropriate: each change carries a version, a date, a reason and an approver, and review decisions to update or retire are carried out."
        case .documented:
            return "Documented information on the objectives is kept\(note): each objective has an identifier, a title and a single-sentence statement, and is approved; the register and the change log hold them."
        case .plan:
            let integration = standard.planNeedsIntegration ? ", and how the work is integrated into the business processes" : ""
            return "Each active objective has a plan\(note): what will be done, with what resources, who is responsible, when it will be completed, and how the results will be evaluated\(integration)."
        }
    }

    /// The files that evidence an item, most telling first, with a title.
    package static func evidence(_ item: StandardItem) -> [(path: String, title: String)] {
        switch item {
        case .documented: [("site/register.html", "Register of objectives (site)"), ("register.csv", "Register of objectives (CSV)"),
                           ("register.json", "Register of objectives (JSON)"), ("site/changes.html", "Change log, with approvals (site)")]
        case .levels: [("site/functions.html", "Functions and levels, exclusions and coverage (site)"),
                       ("site/owners.html", "Owners and what each owns (site)"), ("content/evident.yml", "The functions and levels mapping table (source)"),
                       ("register.csv", "Register of objectives, with each one's function, level and owner (CSV)"),
                       ("site/index.html", "Dashboard: objectives by level (site)")]
        case .policy: [("site/policy.html", "Policy statements and the objectives that serve them (site)"),
                       ("content/policy.md", "The policy (source)"), ("traceability.csv", "Traceability matrix (CSV)")]
        case .measurable: [("site/metrics.html", "Metric dictionary (site)"), ("metric-dictionary.csv", "Metric dictionary (CSV)"),
                           ("register.csv", "Register with targets and tolerances (CSV)")]
        case .requirements: [("site/requirements.html", "Requirement clauses and their objectives (site)"),
                             ("traceability.csv", "Traceability matrix (CSV)")]
        // The site's register lists no risks, customer relevance or plan: the objective pages and
        // the register files do (`objectivePages`).
        case .risks: [("content/risks.md", "The register of risks, opportunities, aspects and hazards (source)"),
                      ("register.csv", "Register of objectives, with the risks each takes into account (CSV)"),
                      ("register.json", "Register of objectives, with the risks each takes into account (JSON)")]
        case .customer: [("register.json", "Register of objectives, with the customer relevance of each (JSON)")]
        case .consultation: [("site/reviews/index.html", "Review meetings (site)")]
        case .monitored: [("site/readiness.html", "Readiness report (site)"), ("site/reviews/index.html", "Review meetings (site)"),
                          ("site/register.html", "Latest results of every objective (site)"), ("findings.json", "Findings (JSON)")]
        case .communicated: [("site/register.html", "Register of objectives (site)"), ("site/changes.html", "Change log (site)")]
        case .updated: [("site/changes.html", "Change log: what changed, why, who approved (site)"), ("history.csv", "Change history (CSV)"),
                        ("site/reviews/index.html", "Review meetings, each linking to its minutes and decisions (site)")]
        case .plan: [("register.json", "Register of objectives, with each plan (JSON)"),
                     ("register.csv", "Register of objectives, with each plan's responsible and due date (CSV)")]
        }
    }

    /// What the objective pages of the site show for an item, as the title of their list; nil
    /// for an item whose evidence they do not hold beyond the files above.
    package static func objectivePages(_ item: StandardItem) -> String? {
        switch item {
        case .monitored, .communicated: "Objective pages: trend, measurements, reviews, communications"
        case .risks: "Objective pages, each with the risks it takes into account"
        case .customer: "Objective pages, each with its customer relevance"
        case .consultation: "Objective pages, each with where its workers were consulted"
        case .plan: "Objective pages, each with its plan"
        case .levels, .policy, .measurable, .requirements, .updated, .documented: nil
        }
    }

    /// Source folders whose every file evidences an item, with a title.
    package static func folders(_ item: StandardItem) -> [(path: String, title: String)] {
        switch item {
        case .documented: [("content/objectives/", "Objective files")]
        case .levels, .policy: []
        case .measurable: [("content/objectives/", "Objective files"), ("content/measurements/", "Measurement files")]
        case .requirements: [("content/requirements/", "Requirement files")]
        case .risks: [("content/objectives/", "Objective files, with the risks each takes into account")]
        case .customer: [("content/objectives/", "Objective files, with their customer relevance")]
        case .consultation: [("content/reviews/", "Review minutes"), ("content/communications/", "Communication records")]
        case .monitored: [("content/measurements/", "Measurement files"), ("content/reviews/", "Review minutes"),
                          ("content/evidence/", "Evidence attachments")]
        case .communicated: [("content/communications/", "Communication records")]
        case .updated: [("content/objectives/", "Objective files, with their history"), ("content/reviews/", "Review minutes, with decisions")]
        case .plan: [("content/objectives/", "Objective files, with their plans")]
        }
    }
}
