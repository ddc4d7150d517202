import EvidentModel
import EvidentSupport

/// Turns one decoded file into model values. Each reader reads its kind's `ContentFormat` table,
/// so unknown fields are reported with the closest known name.
enum FileReaders {
    /// Splits front-matter and parses its YAML, reporting `syntax/front-matter` and `syntax/yaml`.
    static func frontMatter(_ source: SourceText, table: FieldTable,
                            report: LoadReport) -> (YAMLMap, MarkdownBody)? {
        let kind = table.kind
        switch FrontMatterDocument.split(source.text) {
        case let .failure(failure):
            let message: String
            switch failure {
            case .empty:
                let article = kind.first.map { "aeiou".contains($0) } == true ? "an" : "a"
                message = "The file is empty; \(article) \(kind) starts with a `---` front-matter block."
            case .missingOpening: message = "The file must start with a `---` line that opens the YAML front-matter of the \(kind)."
            case .unterminated: message = "The front-matter opened on line 1 is never closed; add a `---` line after the last field."
            }
            report.add(SyntaxFrontMatter.description, message, at: .wholeFile(source.path))
            return nil
        case let .success(doc):
            guard let map = YAMLDocument.parse(doc.yaml, file: source.path, firstLine: doc.yamlFirstLine,
                                               table: table, report: report) else { return nil }
            let body = MarkdownBody(text: doc.body, firstLine: doc.bodyFirstLine)
            switch MarkdownLimits.assess(body.text) {
            case .render: break
            case let .withoutTables(reason, line):
                report.add(SyntaxMarkdown.description, SyntaxMarkdown.message(reason, plain: false),
                           at: SourceLocation(file: source.path, line: body.firstLine + line, column: 1))
            case let .plainText(reason):
                report.add(SyntaxMarkdown.description, SyntaxMarkdown.message(reason, plain: true),
                           at: SourceLocation(file: source.path, line: body.firstLine, column: 1))
            }
            return (map, body)
        }
    }

    // MARK: objectives

    static func objective(_ source: SourceText, report: LoadReport) -> Objective? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.objective, report: report) else {
            return nil
        }
        var o = Objective(file: source.path, location: .wholeFile(source.path))
        o.id = map.id()
        o.title = map.string("title")
        o.statement = map.string("statement")
        o.status = map.enumeration("status", Objective.Status.self)
        o.function = map.string("function")
        o.owner = map.string("owner")
        o.contributors = map.strings("contributors") ?? []
        o.policy = map.strings("policy") ?? []
        o.requirements = map.strings("requirements") ?? []
        o.requirementsNote = map.words("requirements_note")
        if let m = map.map("metric") {
            o.metric = Metric(location: m.location, name: m.string("name"), definition: m.string("definition"),
                              counts: m.string("counts"), excludes: m.string("excludes"), unit: m.string("unit"))
        }
        if let d = map.map("data_source") {
            o.dataSource = DataSource(location: d.location, system: d.string("system"), method: d.string("method"),
                                      dataQuality: d.string("data_quality"))
        }
        o.target = map.string("target")
        o.tolerance = map.string("tolerance")
        o.cadence = map.enumeration("cadence", Cadence.self)
        o.forum = map.string("forum")
        o.actions = map.string("actions")
        o.version = map.int("version")
        o.approvedBy = map.string("approved_by")
        o.approvedOn = map.day("approved_on")
        o.effective = map.day("effective")
        o.history = (map.maps("history") ?? []).map { h in
            HistoryEntry(location: h.location, version: h.int("version"), date: h.day("date"),
                         change: h.string("change"), reason: h.string("reason"),
                         approvedBy: h.string("approved_by"), effective: h.day("effective"),
                         target: h.threshold("target"), tolerance: h.threshold("tolerance"))
        }
        o.standards = knownStandards(map.strings("standards") ?? [], report: report)
        o.risks = map.strings("risks") ?? []
        o.risksNote = map.words("risks_note")
        o.customerRelevance = map.words("customer_relevance")
        o.consultation = map.words("consultation")
        o.evaluation = map.words("evaluation")
        if let p = map.map("plan") {
            o.plan = Plan(location: p.location, what: p.words("what"), resources: p.words("resources"),
                          responsible: p.words("responsible"), due: p.day("due"), evaluation: p.words("evaluation"),
                          integration: p.words("integration"))
        }
        o.body = body
        return o
    }

    /// The ids of a `standards` list that name a standard; each other one is a `syntax/config` finding.
    static func knownStandards(_ ids: [Located<String>], report: LoadReport) -> [Located<String>] {
        ids.filter { id in
            guard Standard.named(id.value) == nil else { return true }
            let hint = Suggestion.closest(to: id.value, in: ContentFormat.standardIDs).map { " Did you mean \(codeSpan($0))?" } ?? ""
            report.add(SyntaxConfig.description, "\(codeSpan(id.value)) is not a standard evident knows; it knows \(ContentFormat.standardIDs.joined(separator: ", ")).\(hint)",
                       at: id.location)
            return false
        }
    }

    // MARK: policy

    static func policy(_ source: SourceText, report: LoadReport) -> Policy? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.policy, report: report) else { return nil }
        let statements = (map.maps("statements") ?? []).compactMap { s -> PolicyStatement? in
            guard let id = s.id() else {
                report.add(SyntaxType.description, "A policy statement needs an `id`, like POL-1.", at: s.location)
                // The list is not all read: no rule may call the policy empty.
                report.unread.append(UnreadField(mapping: map.location, field: "statements"))
                return nil
            }
            return PolicyStatement(id: id, text: requiredText(s, "policy statement", id.value, says: "what the policy commits to", report: report),
                                   standards: knownStandards(s.strings("standards") ?? [], report: report))
        }
        return Policy(file: source.path, title: map.string("title"), version: map.int("version"),
                      approvedBy: map.string("approved_by"), approvedOn: map.day("approved_on"),
                      statements: statements, statementsLocation: map.node("statements").flatMap(map.place), body: body)
    }

    /// The `text` of a statement, risk or clause: an entry with an id and nothing else is something
    /// objectives can name but not be judged against, so its absence is `syntax/type`'s finding, at
    /// the entry. A text that cannot be read is that finding already.
    private static func requiredText(_ entry: YAMLMap, _ kind: String, _ id: String, says: String, report: LoadReport) -> String {
        if let text = entry.string("text") { return text.value }
        if !entry.isUnread("text") {
            report.add(SyntaxType.description, "The \(kind) \(codeSpan(id)) has no `text`; say \(says), so what names it can be judged against it.",
                       at: entry.location)
        }
        return ""
    }

    // MARK: risks

    static func risks(_ source: SourceText, report: LoadReport) -> RiskRegister? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.riskRegister, report: report) else { return nil }
        let risks = (map.maps("risks") ?? []).compactMap { r -> Risk? in
            guard let id = r.id() else {
                report.add(SyntaxType.description, "A risk needs an `id`, like R-12.", at: r.location)
                return nil
            }
            return Risk(id: id, text: requiredText(r, "risk", id.value, says: "what the risk, opportunity, aspect or hazard is", report: report), kind: r.enumeration("kind", Risk.Kind.self))
        }
        return RiskRegister(file: source.path, title: map.string("title"), risks: risks, body: body)
    }

    // MARK: requirements

    static func requirement(_ source: SourceText, report: LoadReport) -> RequirementSource? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.requirements, report: report) else { return nil }
        let title = map.string("title")
        let clauses = (map.maps("clauses") ?? []).compactMap { c -> Clause? in
            guard let id = c.id() else {
                report.add(SyntaxType.description, "A clause needs an `id`, like MSA-7.2.", at: c.location)
                return nil
            }
            return Clause(id: id, text: requiredText(c, "clause", id.value, says: "what the requirement asks", report: report), addressedElsewhere: c.words("addressed_elsewhere"),
                          location: c.location,
                          source: title?.value ?? source.path, file: source.path)
        }
        return RequirementSource(file: source.path, title: title,
                                 kind: map.enumeration("kind", RequirementSource.Kind.self),
                                 reference: map.string("reference"), owner: map.string("owner"),
                                 revised: map.day("revised"), clauses: clauses, body: body)
    }

    // MARK: reviews

    static func review(_ source: SourceText, report: LoadReport) -> Review? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.review, report: report) else { return nil }
        let date = map.day("date")
        let forum = map.string("forum")
        var missing: [Required] = []
        if date == nil, !map.isUnread("date") { missing.append(Required("the `date` of the meeting (YYYY-MM-DD)", tells: "when")) }
        if forum == nil, !map.isUnread("forum") {
            missing.append(Required("the `forum` that met (one of evident.yml's `forums`)", tells: "by which meeting"))
        }
        if !missing.isEmpty {
            report.add(SyntaxType.description,
                       "A review needs \(Required.listed(missing.map(\.what))): \(missing.count == 1 ? "it says" : "they say") \(Required.listed(missing.map(\.tells))) the objectives were reviewed.",
                       at: map.location)
        }
        let decisions = (map.maps("decisions") ?? []).map { d in
            let objective = d.string("objective")
            let kind = d.enumeration("decision", Decision.Kind.self)
            // An item that does not say what was decided records no decision (`updated/stale`,
            // `monitored/persistent-off-target`); one whose value could not be read is reported already.
            if kind == nil, !d.isUnread("decision") {
                let on = objective.map { " on \(codeSpan($0.value))" } ?? ""
                report.add(SyntaxType.description,
                           "This decision\(on) does not say what was decided; add `decision:` with one of no-change, update, retire or escalate, or list the objective in the review's `objectives` if it was only discussed.",
                           at: d.locationOf("decision"))
            }
            return Decision(location: d.location, objective: objective, decision: kind, note: d.string("note")?.value)
        }
        let actions = (map.maps("actions") ?? []).map { a in
            let action = ReviewAction(location: a.location, id: a.id(), objective: a.string("objective"),
                                      owner: a.string("owner"), due: a.day("due"),
                                      status: a.enumeration("status", ReviewAction.Status.self), doneOn: a.day("done_on"),
                                      text: a.string("text")?.value)
            reportMissingFields(of: action, a, report: report)
            return action
        }
        return Review(file: source.path, location: .wholeFile(source.path), date: date, forum: forum,
                      chair: map.string("chair"), attendees: map.strings("attendees") ?? [],
                      objectives: map.strings("objectives") ?? [], decisions: decisions, actions: actions, body: body)
    }

    // MARK: communications

    static func communication(_ source: SourceText, report: LoadReport) -> Communication? {
        guard let (map, body) = frontMatter(source, table: ContentFormat.communication, report: report) else { return nil }
        let date = map.day("date")
        let channel = map.enumeration("channel", Communication.Channel.self)
        let audience = map.string("audience")
        var missing: [Required] = []
        if date == nil, !map.isUnread("date") { missing.append(Required("the `date` it was made (YYYY-MM-DD)", tells: "when")) }
        if channel == nil, !map.isUnread("channel") {
            let channels = Communication.Channel.allCases.map(\.rawValue)
            missing.append(Required("its `channel` (\(channels.dropLast().joined(separator: ", ")) or \(channels.last ?? "other"))", tells: "how"))
        }
        if audience == nil, !map.isUnread("audience") { missing.append(Required("its `audience` (who was told)", tells: "to whom")) }
        if !missing.isEmpty {
            // Without an audience nothing shows that the people who work towards the objectives were told.
            let uncounted = audience == nil && !map.isUnread("audience")
                ? " Without an audience it does not count as communicating them (`communicated/missing`)." : ""
            report.add(SyntaxType.description,
                       "A communication needs \(Required.listed(missing.map(\.what))): \(missing.count == 1 ? "it says" : "they say") \(Required.listed(missing.map(\.tells))) the objectives were communicated.\(uncounted)",
                       at: map.location)
        }
        var all = false
        var objectives: [Located<String>] = []
        // `all`, or a list of ids (a single id is a list of one).
        if let text = map.node("objectives")?.text, text.trimmed.lowercased() == "all" {
            all = true
        } else {
            objectives = map.strings("objectives") ?? []
        }
        return Communication(file: source.path, location: .wholeFile(source.path), date: date,
                             channel: channel, audience: audience, coversAll: all, objectives: objectives, body: body)
    }

    // MARK: required fields of records

    /// A required field of a review, an action or a communication that is left out: what to add,
    /// and what it tells of the record.
    private struct Required {
        var what: String
        var tells: String

        init(_ what: String, tells: String) {
            self.what = what
            self.tells = tells
        }

        /// `a`, `a and b`, `a, b and c` (or `a, b or c`).
        static func listed(_ items: [String], _ conjunction: String = "and") -> String {
            guard let last = items.last else { return "" }
            return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
        }
    }

    /// An action that does not say who is responsible, by when or what is to be done cannot be
    /// followed up (ISO 20000-1 and ISO 9001 6.2.2): one `syntax/type` finding at the item names
    /// every such field left out. A field given but unreadable is its own finding already.
    private static func reportMissingFields(of action: ReviewAction, _ item: YAMLMap, report: LoadReport) {
        var missing: [Required] = []
        if action.owner == nil, !item.isUnread("owner") { missing.append(Required("`owner:` (a role)", tells: "who is responsible")) }
        if action.due == nil, !item.isUnread("due") { missing.append(Required("`due:` (YYYY-MM-DD)", tells: "by when")) }
        if action.text == nil, !item.isUnread("text") { missing.append(Required("`text:`", tells: "what is to be done")) }
        guard !missing.isEmpty else { return }
        let name = action.id.map { "Action \(codeSpan($0.value))" }
            ?? action.objective.map { "This action on \(codeSpan($0.value))" } ?? "This action"
        report.add(SyntaxType.description,
                   "\(name) does not say \(Required.listed(missing.map(\.tells), "or")); add \(Required.listed(missing.map(\.what))). Until it does, it cannot be followed up, and it does not count as a response to results off target (`monitored/persistent-off-target`).",
                   at: item.location)
    }
}
