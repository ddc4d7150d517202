import EvidentModel

/// Which standards an objective serves and what they ask of it (SPEC §8). A rule about an item
/// applies to an objective only when a standard it serves has that item.
extension CheckModel {
    /// The standards `evident.yml` configures, in `Standard.all`'s order.
    package var standards: [Standard] { content.configuration.standards }

    /// The configured standards the objective serves: those its `standards` names, or every
    /// configured one when it names none. Naming only standards evident.yml does not configure
    /// is `syntax/config`'s finding; such an objective is judged against every configured one.
    /// While evident.yml is unread, or its `standards` names an id evident does not know, what it
    /// configures is not known in full: the objective serves the standards it names, when evident
    /// knows one of them.
    package func standards(of o: Objective) -> [Standard] {
        let configured = content.configuration.standards
        guard !o.standards.isEmpty else { return configured }
        let named = configured.filter { s in o.standards.contains { $0.value == s.id } }
        guard named.isEmpty else { return named }
        return configuredInPart ? Self.known(o.standards) ?? configured : configured
    }

    /// Whether the configured standards may not be all those meant (`standards(of:)`).
    private var configuredInPart: Bool { content.unread.configuration || content.configuration.standardsMistyped }

    /// The standards evident knows among `ids`, in `Standard.all`'s order; nil when there is none.
    private static func known(_ ids: [Located<String>]) -> [Standard]? {
        let known = Standard.all.filter { s in ids.contains { $0.value == s.id } }
        return known.isEmpty ? nil : known
    }

    /// Whether a standard the objective serves has `item`.
    package func asks(_ item: StandardItem, of o: Objective) -> Bool {
        standards(of: o).contains { $0.has(item) }
    }

    /// Whether every standard the objective serves asks for measurable objectives only where
    /// practicable, so that an `evaluation` may take the place of metric, target and tolerance.
    func measurableOnlyIfPracticable(_ o: Objective) -> Bool {
        standards(of: o).allSatisfy { $0.item(.measurable)?.ifPracticable ?? true }
    }

    /// Whether a standard the objective serves asks its plan to say how it is integrated into
    /// business processes.
    func planNeedsIntegration(_ o: Objective) -> Bool {
        standards(of: o).contains { $0.planNeedsIntegration }
    }

    /// The configured standards a policy statement applies to: those it names, or all. While
    /// the configured ones are known only in part, those it names that evident knows (as for an objective).
    package func standards(of statement: PolicyStatement) -> [Standard] {
        let configured = content.configuration.standards
        guard !statement.standards.isEmpty else { return configured }
        let named = configured.filter { s in statement.standards.contains { $0.value == s.id } }
        guard named.isEmpty, configuredInPart else { return named }
        return Self.known(statement.standards) ?? named
    }

    /// Whether an active objective serves `standard`: without one, its items have nothing to judge.
    func activeObjectiveServes(_ standard: Standard) -> Bool {
        activeObjectives.contains { standards(of: $0).contains(standard) }
    }

    /// The sources of the objectives that do not serve `standard` (their files, and the measurement
    /// files named for one of them), as the pack holds them (`packPath`): left out of that
    /// standard's evidence lists, so that its auditor samples its own objectives.
    package func sourcesOfOtherStandards(_ standard: Standard) -> Set<String> {
        let others = content.objectives.filter { !standards(of: $0).contains(standard) }
        guard !others.isEmpty else { return [] }
        let ids = Set(others.compactMap { $0.id?.value })
        let measurements = content.measurementFiles.filter { $0.namedObjective.map(ids.contains) ?? false }
        return Set((others.map(\.file) + measurements.map(\.file)).compactMap(packPath))
    }

    /// The review minutes and communication records dated after the as-of date, as the pack holds
    /// them (`packPath`), each with what it is as of then: listed as evidence, they would read as
    /// held or made, and they count nowhere (`monitored/future-review`, `communicated/future-date`).
    package var recordsAfterAsOf: [String: RecordAfterAsOf] {
        var later: [String: RecordAfterAsOf] = [:]
        for review in content.reviews {
            guard let date = review.date?.value, date > asOf, let path = packPath(review.file) else { continue }
            later[path] = RecordAfterAsOf(date: date, notYet: "not held yet")
        }
        for communication in content.communications {
            guard let date = communication.date?.value, date > asOf, let path = packPath(communication.file) else { continue }
            later[path] = RecordAfterAsOf(date: date, notYet: "not made yet")
        }
        return later
    }

    /// Where a content file, named as findings name it, is in the pack: under `content/`.
    package func packPath(_ file: String) -> String? {
        let root = content.root
        let relative = root == "." || root.isEmpty ? file : file.hasPrefix(root + "/") ? String(file.dropFirst(root.count + 1)) : nil
        return relative.map { "content/" + $0 }
    }

    /// Whether the objective with `id` serves `standard`; true for an id no objective has (a
    /// finding about an unknown objective bears on every standard).
    package func objective(_ id: String, serves standard: Standard) -> Bool {
        guard let o = objectivesByID[id] else { return true }
        return standards(of: o).contains(standard)
    }
}

extension CheckResult {
    /// Whether a finding bears on `standard`: it is about an item the standard has (or content
    /// that cannot be read, which bears on all), about an objective that serves it, if any, and
    /// names the standard when it names any.
    package func finding(_ f: Finding, bearsOn standard: Standard) -> Bool {
        if let item = f.item, !standard.has(item) { return false }
        if let id = f.objective, !model.objective(id, serves: standard) { return false }
        if let ids = f.standards, !ids.contains(standard.id) { return false }
        return true
    }

    /// `pass`, `warn` or `fail` for one item of one standard, from the findings that bear on it;
    /// `notAssessed` in place of `pass` when no active objective serves the standard.
    package func status(of item: StandardItem, in standard: Standard) -> ObligationStatus {
        StandardReadiness.status(of: findings.filter { $0.item == item && finding($0, bearsOn: standard) },
                                 assessed: model.activeObjectiveServes(standard))
    }
}

/// Review minutes or a communication record dated after the as-of date, in the pack's lists.
package struct RecordAfterAsOf: Sendable, CustomStringConvertible {
    package let date: Day
    /// What it is as of then: `not held yet` (a meeting), `not made yet` (a communication).
    package let notYet: String

    package var description: String { "dated \(date), after the as-of date: \(notYet)" }
}
