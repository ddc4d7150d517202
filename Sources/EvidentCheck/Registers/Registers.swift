import EvidentModel
import EvidentSupport

/// The machine-readable registers of the site's `data/` folder and of the evidence pack (SPEC 6, 7):
/// the objective register (JSON and CSV), the findings, the metric dictionary, the traceability
/// matrix, the change history and the readiness report. Objectives are listed by id, then by file,
/// so that the same content and as-of date give the same bytes.
package enum Registers {
    // MARK: register

    static let registerHeader = [
        "id", "title", "status", "level", "function", "owner", "forum", "cadence", "policy", "requirements",
        "metric", "unit", "target", "tolerance", "latest_period", "latest_value", "latest_status", "due_period",
        "last_reviewed", "version", "approved_by", "approved_on", "effective", "file", "findings",
        "standards", "risks", "evaluation", "plan_responsible", "plan_due", "latest_target", "latest_tolerance",
    ]

    /// `{"as_of", "organization", "objectives": [...]}`: every field of each objective, with the
    /// defaults resolved (owner, forum, cadence, level) and the derived values of the check.
    package static func registerJSON(_ result: CheckResult) -> JSON {
        var tree = JSONTree()
        register(result, into: &tree)
        return tree.root
    }

    /// `registerJSON(result).serialized()`, written one value at a time, never holding the tree of
    /// every objective at once.
    static func registerJSONText(_ result: CheckResult) -> String {
        registerJSONBytes(result).text
    }

    /// `registerJSONText` as UTF-8, for the site to write without a copy as a `String`.
    package static func registerJSONBytes(_ result: CheckResult) -> TextBuffer {
        var stream = JSONStream(capacity: 2048 * result.model.content.objectives.count)
        register(result, into: &stream)
        return stream.finish()
    }

    private static func register<Out: JSONBuilding>(_ result: CheckResult, into out: inout Out) {
        let model = result.model
        let counts = FindingCounts(result)
        out.beginObject()
        out.key("as_of")
        out.value(model.asOf.description)
        out.key("organization")
        out.value(model.configuration.organizationName)
        out.key("objectives")
        out.beginArray()
        for o in sortedObjectives(model) { registerEntry(model, o, counts, into: &out) }
        out.end()
        out.end()
    }

    private static func registerEntry<Out: JSONBuilding>(_ model: CheckModel, _ o: Objective, _ counts: FindingCounts, into out: inout Out) {
        func field(_ key: StaticString, _ value: String?) {
            out.key(key)
            out.value(value)
        }
        func list(_ key: StaticString, _ values: [Located<String>]) {
            out.key(key)
            out.beginArray()
            for value in values { out.value(value.value) }
            out.end()
        }
        out.beginObject()
        field("id", o.idText)
        field("title", o.title?.value)
        field("statement", o.statement?.value)
        field("status", model.status(of: o).rawValue)
        field("level", model.level(of: o))
        field("function", o.function?.value)
        field("owner", model.owner(of: o)?.value)
        list("contributors", o.contributors)
        field("forum", model.forum(of: o)?.value)
        field("cadence", model.cadence(of: o)?.rawValue)
        list("policy", o.policy)
        list("requirements", o.requirements)
        field("requirements_note", o.requirementsNote?.value)
        out.key("metric")
        out.beginObject()
        field("name", o.metric?.name?.value)
        field("definition", o.metric?.definition?.value)
        field("counts", o.metric?.counts?.value)
        field("excludes", o.metric?.excludes?.value)
        field("unit", o.metric?.unit?.value)
        out.end()
        out.key("data_source")
        out.beginObject()
        field("system", o.dataSource?.system?.value)
        field("method", o.dataSource?.method?.value)
        field("data_quality", o.dataSource?.dataQuality?.value)
        out.end()
        // As of a day before the file's version was approved, the version in force then.
        let inForce = model.versionInForce(of: o)
        field("target", inForce.map(\.target) ?? o.target?.value)
        field("tolerance", inForce.map(\.tolerance) ?? o.tolerance?.value)
        field("actions", o.actions?.value)
        // SPEC §8: the standards it serves (resolved), and what they ask of it.
        out.key("standards")
        out.beginArray()
        for standard in model.standards(of: o) { out.value(standard.id) }
        out.end()
        list("risks", o.risks)
        field("risks_note", o.risksNote?.value)
        field("customer_relevance", o.customerRelevance?.value)
        field("consultation", o.consultation?.value)
        field("evaluation", o.evaluation?.value)
        out.key("plan")
        if let plan = o.plan {
            out.beginObject()
            field("what", plan.what?.value)
            field("resources", plan.resources?.value)
            field("responsible", plan.responsible?.value)
            field("due", plan.due?.value.description)
            field("evaluation", plan.evaluation?.value)
            field("integration", plan.integration?.value)
            out.end()
        } else {
            out.value(nil as String?)
        }
        out.key("latest")
        if let latest = latestValue(model, o) {
            out.beginObject()
            field("period", latest.period.description)
            out.key("value")
            if let value = latest.value {
                out.value(value, written: latest.measurement.valueText)
            } else {
                out.value(nil as Double?)
            }
            field("status", latest.statusName)
            // What it was judged against (SPEC 4.1): the thresholds in force at its period's end,
            // which are not the current ones when it predates a change.
            let judged = model.thresholdTexts(of: o, latest.judgement)
            field("target", judged.target)
            field("tolerance", judged.tolerance)
            out.end()
        } else {
            out.value(nil as String?)
        }
        field("due_period", model.owedPeriod(of: o)?.description)
        field("last_reviewed", model.lastReviewed(o)?.description)
        out.key("version")
        if let inForce {
            out.value(inForce.version)
            field("approved_by", inForce.approvedBy)
            field("approved_on", inForce.approvedOn?.description)
            field("effective", inForce.effective?.description)
            // Only when a version is dated after the as-of date: the first of them.
            out.key("later_version")
            out.beginObject()
            out.key("version")
            out.value(inForce.laterVersion)
            field("date", inForce.laterDate.description)
            out.end()
        } else {
            out.value(o.version?.value)
            field("approved_by", o.approvedBy?.value)
            field("approved_on", o.approvedOn?.value.description)
            field("effective", o.effective?.value.description)
        }
        field("file", o.file)
        out.key("findings")
        out.value(counts.of(o))
        out.end()
    }

    /// One row per objective; lists are joined with "; ".
    package static func registerCSV(_ result: CheckResult) -> String {
        let model = result.model
        let counts = FindingCounts(result)
        let rows: [[String]] = sortedObjectives(model).map { o in
            let latest = latestValue(model, o)
            let judged = latest.map { model.thresholdTexts(of: o, $0.judgement) }
            let inForce = model.versionInForce(of: o)
            return [
                o.idText ?? "",
                o.title?.value ?? "",
                model.status(of: o).rawValue,
                model.level(of: o) ?? "",
                o.function?.value ?? "",
                model.owner(of: o)?.value ?? "",
                model.forum(of: o)?.value ?? "",
                model.cadence(of: o)?.rawValue ?? "",
                list(o.policy),
                list(o.requirements),
                o.metric?.name?.value ?? "",
                o.metric?.unit?.value ?? "",
                (inForce.map(\.target) ?? o.target?.value) ?? "",
                (inForce.map(\.tolerance) ?? o.tolerance?.value) ?? "",
                latest?.period.description ?? "",
                latest.map { $0.measurement.valueText.trimmed } ?? "",
                latest?.statusName ?? "",
                model.owedPeriod(of: o)?.description ?? "",
                model.lastReviewed(o)?.description ?? "",
                (inForce.map(\.version) ?? o.version?.value).map { String($0) } ?? "",
                (inForce.map(\.approvedBy) ?? o.approvedBy?.value) ?? "",
                (inForce.map(\.approvedOn) ?? o.approvedOn?.value)?.description ?? "",
                (inForce.map(\.effective) ?? o.effective?.value)?.description ?? "",
                o.file,
                String(counts.of(o)),
                model.standards(of: o).map(\.id).joined(separator: "; "),
                list(o.risks),
                o.evaluation?.value ?? "",
                o.plan?.responsible?.value ?? "",
                o.plan?.due?.value.description ?? "",
                judged?.target ?? "",
                judged?.tolerance ?? "",
            ]
        }
        return CSV.document(header: registerHeader, rows: rows)
    }

    // MARK: findings

    /// Exactly what `evident check --format json` prints.
    package static func findingsJSON(_ result: CheckResult) -> JSON {
        FindingsReport(result: result).json()
    }

    // MARK: metric dictionary

    static let metricDictionaryHeader = [
        "objective", "metric", "definition", "counts", "excludes", "unit",
        "data_source_system", "data_source_method", "data_quality",
    ]

    package static func metricDictionaryCSV(_ result: CheckResult) -> String {
        let rows: [[String]] = sortedObjectives(result.model).map { o in
            [
                o.idText ?? "",
                o.metric?.name?.value ?? "",
                o.metric?.definition?.value ?? "",
                o.metric?.counts?.value ?? "",
                o.metric?.excludes?.value ?? "",
                o.metric?.unit?.value ?? "",
                o.dataSource?.system?.value ?? "",
                o.dataSource?.method?.value ?? "",
                o.dataSource?.dataQuality?.value ?? "",
            ]
        }
        return CSV.document(header: metricDictionaryHeader, rows: rows)
    }

    // MARK: traceability

    static let traceabilityHeader = ["objective", "status", "kind", "reference", "text", "source", "file"]

    /// One row per objective and link: its policy statements, then its requirement clauses, in the
    /// order the objective lists them, then its `requirements_note` when it has one. A reference the
    /// policy or the requirements do not declare keeps its row with empty text and source, so the
    /// matrix shows the broken link instead of hiding it.
    package static func traceabilityCSV(_ result: CheckResult) -> String {
        let model = result.model
        var rows: [[String]] = []
        for o in sortedObjectives(model) {
            let id = o.idText ?? ""
            let status = model.status(of: o).rawValue
            for ref in o.policy {
                let statement = model.statementsByID[ref.value]
                rows.append([id, status, "policy", ref.value, statement?.text ?? "",
                             statement == nil ? "" : (model.content.policy?.title?.value ?? "Policy"),
                             statement == nil ? "" : (model.content.policy?.file ?? "")])
            }
            for ref in o.requirements {
                let clause = model.clausesByID[ref.value]
                rows.append([id, status, "requirement", ref.value, clause?.text ?? "", clause?.source ?? "", clause?.file ?? ""])
            }
            if let note = o.requirementsNote {
                rows.append([id, status, "requirements-note", "", note.value, "", o.file])
            }
        }
        return CSV.document(header: traceabilityHeader, rows: rows)
    }

    // MARK: history

    static let historyHeader = ["objective", "version", "date", "change", "reason", "approved_by", "effective", "target", "tolerance", "after_as_of"]

    /// Every history entry, objectives by id, entries by version (then date; file order on ties),
    /// with the thresholds it set as the file writes them: with `effective`, which target judged a
    /// value of any period (SPEC 4.1 "Period-correct judgement"). `after_as_of` is `yes` for an
    /// entry dated after the as-of date, not approved yet as of that date, else `no`.
    package static func historyCSV(_ result: CheckResult) -> String {
        let asOf = result.model.asOf
        var rows: [[String]] = []
        for o in sortedObjectives(result.model) {
            let entries = o.history.enumerated().sorted { a, b in
                let va = a.element.version?.value ?? Int.max, vb = b.element.version?.value ?? Int.max
                if va != vb { return va < vb }
                let da = a.element.date?.value.ordinal ?? Int.max, db = b.element.date?.value.ordinal ?? Int.max
                if da != db { return da < db }
                return a.offset < b.offset
            }.map(\.element)
            for h in entries {
                rows.append([
                    o.idText ?? "",
                    h.version.map { String($0.value) } ?? "",
                    h.date?.value.description ?? "",
                    h.change?.value ?? "",
                    h.reason?.value ?? "",
                    h.approvedBy?.value ?? "",
                    h.effective?.value.description ?? "",
                    h.target?.value ?? "",
                    h.tolerance?.value ?? "",
                    h.date.map { $0.value > asOf } ?? false ? "yes" : "no",
                ])
            }
        }
        return CSV.document(header: historyHeader, rows: rows)
    }

    // MARK: shared

    /// Every objective (drafts and retired too), by id, then file; objectives without an id last.
    static func sortedObjectives(_ model: CheckModel) -> [Objective] {
        // Each objective's id and file are read once, then positions sorted by them (a stable
        // sort, so equal keys keep the content's order).
        let objectives = model.content.objectives
        let keys = objectives.map { (id: $0.idText, file: $0.file) }
        let order = keys.indices.sorted { i, j in
            switch (keys[i].id, keys[j].id) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return keys[i].file < keys[j].file
            }
        }
        return order.map { objectives[$0] }
    }

    /// The latest result, as every report shows it (`CheckModel.latestResult`).
    static func latestValue(_ model: CheckModel, _ o: Objective) -> CheckModel.PeriodValue? {
        model.latestResult(of: o)
    }

    static func list(_ refs: [Located<String>]) -> String {
        refs.map(\.value).joined(separator: "; ")
    }

    /// How many findings are about each objective, counted as the site's pages count them
    /// (`ObjectiveFindings`): a repeated id's findings go to its first declaration only.
    package struct FindingCounts {
        /// By the objective's file: one objective per file.
        private var countByFile: [String: Int] = [:]

        package init(_ result: CheckResult) {
            let objectives = result.model.content.objectives
            let (byID, byFile) = ObjectiveFindings.indices(objectives)
            let findings = ObjectiveFindings.byObjective(result.findings, objectives: objectives.count, byID: byID, byFile: byFile)
            for (i, o) in objectives.enumerated() { countByFile[o.file, default: 0] += findings[i].counted }
        }

        package func of(_ o: Objective) -> Int {
            countByFile[o.file] ?? 0
        }
    }
}
