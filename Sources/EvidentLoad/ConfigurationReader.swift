import EvidentModel
import EvidentSupport

/// Reads `evident.yml`, against `ContentFormat.configuration`.
enum ConfigurationReader {
    /// The configuration, or nil when the file is not YAML (its `syntax/yaml` finding says why).
    static func read(_ source: SourceText, report: LoadReport) -> Configuration? {
        var config = Configuration(file: source.path)
        guard let map = YAMLDocument.parse(source.text, file: source.path, firstLine: 1, table: ContentFormat.configuration,
                                           report: report) else { return nil }
        config.organization = map.string("organization")
        if config.organization == nil, !map.isUnread("organization") {
            report.add(SyntaxConfig.description,
                       "`organization` is missing: name the organisation whose objectives these are.", at: map.location)
        }
        config.title = map.string("title")
        config.scope = map.string("scope")
        if let levels = map.maps("levels") {
            config.levels = levels.compactMap { l in
                guard let id = l.id() else {
                    report.add(SyntaxConfig.description, "A level needs an `id`, like `service`.", at: l.location)
                    return nil
                }
                return Level(id: id.value, name: l.string("name")?.value ?? id.value, location: id.location)
            }
            if config.levels.isEmpty {
                report.add(SyntaxConfig.description,
                           "`levels` is empty; list the levels at which objectives are set, or leave it out for the four defaults.",
                           at: map.locationOf("levels"))
                config.levels = Level.defaults
            }
        }
        config.forums = (map.maps("forums") ?? []).compactMap { f in
            guard let id = f.id() else {
                report.add(SyntaxConfig.description, "A forum needs an `id`, like `ops-review`.", at: f.location)
                return nil
            }
            let cadence = f.enumeration("cadence", Cadence.self)
            // The forum's cadence is the default of every objective it reviews (SPEC 2.4): without
            // one, such an objective would never be due. One finding, here, however many rely on it;
            // a cadence that is not one of the five is `syntax/type`'s.
            if cadence == nil, !f.isUnread("cadence") {
                report.add(SyntaxConfig.description,
                           "Forum \(codeSpan(id.value)) has no `cadence`; add how often it reviews its objectives (weekly, monthly, quarterly, semiannual or annual). An objective it reviews that gives no cadence of its own takes the forum's, and without one is never due.",
                           at: id.location)
            }
            return Forum(id: id, name: f.string("name")?.value ?? id.value, cadence: cadence)
        }
        config.functions = (map.maps("functions") ?? [])
            .compactMap { f in
                guard let id = f.id() else {
                    report.add(SyntaxConfig.description, "A function needs an `id`, like `incident`.", at: f.location)
                    return nil
                }
                let level = f.string("level")
                let excluded = f.bool("excluded")?.value ?? false
                let ids = config.levels.map(\.id).joined(separator: ", ")
                if let level, !config.levels.contains(where: { $0.id == level.value }) {
                    report.add(SyntaxConfig.description,
                               "Function \(codeSpan(id.value)) is at level \(codeSpan(level.value)), which `levels` does not declare (\(ids)).",
                               at: level.location)
                } else if level == nil, !excluded, !f.isUnread("level") {
                    // The mapping table sets each objective at its function's level: without one, every
                    // objective of the function is at no level, and coverage by level cannot be shown.
                    report.add(SyntaxConfig.description,
                               "Function \(codeSpan(id.value)) has no `level`; add the level its objectives are set at (\(ids)).",
                               at: id.location)
                }
                return Function(id: id, name: f.string("name")?.value ?? id.value, level: level, owner: f.string("owner"),
                                forum: f.string("forum"), excluded: excluded,
                                justification: f.words("justification"), location: f.location)
            }
        if let s = map.map("settings") {
            // Out of the table's range is a `syntax/config` error, not a `syntax/type` one: the
            // number is read, and then judged.
            func count(_ key: String) -> Int? {
                guard case let .wholeNumber(range)? = ContentFormat.settings.type(of: key),
                      let n = s.int(key, in: Int.min...Int.max, stated: range) else { return nil }
                guard range.contains(n.value) else {
                    report.add(SyntaxConfig.description,
                               "\(codeSpan(key)) must be from \(range.lowerBound) to \(range.upperBound); \(n.value) is not.", at: n.location)
                    return nil
                }
                return n.value
            }
            if let n = count("review_grace_days") { config.settings.reviewGraceDays = n }
            if let n = count("stale_after_days") { config.settings.staleAfterDays = n }
            if let n = count("persistent_off_target_periods") { config.settings.persistentOffTargetPeriods = n }
            if let n = count("max_objectives_per_owner") { config.settings.maxObjectivesPerOwner = n }
            if let b = s.bool("allow_raw_html") { config.settings.allowRawHTML = b.value }
        }
        if let written = map.strings("standards") {
            let ids = FileReaders.knownStandards(written, report: report)
            config.standardsMistyped = ids.count < written.count
            config.standardsLocation = map.locationOf("standards")
            for id in ids where config.standardLocations[id.value] == nil { config.standardLocations[id.value] = id.location }
            // In `Standard.all`'s order, each once; an empty list, or one of unknown ids only (each
            // has its finding), keeps the default.
            let named = Standard.all.filter { s in ids.contains { $0.value == s.id } }
            if !named.isEmpty {
                config.standards = named
            } else if written.isEmpty {
                report.add(SyntaxConfig.description,
                           "`standards` is empty; name the standards the objectives serve, like `[iso20000-1]`, or leave it out for ISO/IEC 20000-1 alone.",
                           at: map.locationOf("standards"))
            }
        }
        if let node = map.node("rules") {
            guard case let .mapping(rules, _) = node.resolved else {
                report.add(SyntaxConfig.description, "`rules` must map rule ids to error, warning, info or off.",
                           at: map.locationOf("rules"))
                return config
            }
            let known = RuleIDs.all
            // A rule named again under a tag (`!x requirements/linked: off`), which Yams does not
            // count as a repeated key, is refused, and neither override applies: either may be
            // the one meant, and the default is the rule's own.
            var named: Set<String> = []
            for pair in rules {
                let (key, value) = (pair.key, pair.value)
                let keyPlace = map.place(key) ?? map.location
                guard let k = key.text, known.contains(k) else {
                    let name = key.text ?? "?"
                    let hint = RuleIDs.suggestion(for: name).map { " Did you mean \(codeSpan($0))?" } ?? " `evident rules` lists them."
                    report.add(SyntaxConfig.description, "\(codeSpan(name)) is not a rule.\(hint)", at: keyPlace)
                    continue
                }
                guard named.insert(k).inserted else {
                    config.ruleOverrides.removeAll { $0.rule == k }
                    report.add(SyntaxYAML.description, SyntaxYAML.repeatedKeyMessage(k), at: keyPlace)
                    continue
                }
                let text = value.text ?? ""
                let place = map.place(value) ?? keyPlace
                if text == "off" {
                    config.ruleOverrides.append(RuleOverride(rule: k, severity: nil, location: place))
                } else if let severity = Severity(rawValue: text) {
                    config.ruleOverrides.append(RuleOverride(rule: k, severity: severity, location: place))
                } else {
                    report.add(SyntaxConfig.description,
                               "The severity of \(codeSpan(k)) must be error, warning, info or off; \(codeSpan(text)) is not.", at: place)
                }
            }
        }
        return config
    }
}
