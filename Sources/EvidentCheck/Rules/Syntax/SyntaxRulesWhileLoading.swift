import EvidentLoad
import EvidentModel
import EvidentSupport

// The `syntax/...` rules that reading a file reports are described in EvidentLoad, which makes
// their findings; here they join the registry. Only syntax/csv also needs the whole model.

extension SyntaxCSV: Rule {
    package static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for run in model.measurementRuns {
            guard let o = model.objectivesByID[run.objectiveID] else { continue }
            let rows = model.rows(of: run)
            let cadence = model.cadence(of: o)
            // By position: a row is copied only when it has a finding. A coarser row is that one finding.
            for i in rows.indices {
                if let cadence, rows[i].periodValue.kind > cadence.periodKind {
                    let m = rows[i]
                    findings.append(description.finding(
                        "\(codeSpan(m.period.value)) is coarser than the \(cadence.rawValue) cadence of \(m.objective.value); record one value per \(cadence.periodKind) period or finer.",
                        at: m.period.location, objective: m.objective.value))
                } else if CheckModel.isImpossible(rows[i].value, negativeIsImpossible: model.negativeIsImpossible(o)) {
                    let m = rows[i]
                    findings.append(description.finding(negativeDuration(m, unit: o.metric?.unit?.value ?? model.target(of: o)?.unit ?? ""),
                                                        at: m.period.location, objective: m.objective.value))
                }
            }
        }
        return findings
    }

    static func negativeDuration(_ m: Measurement, unit: String) -> String {
        "The value \(codeSpan(m.valueText.trimmed)) for \(m.periodValue) is below zero, but \(codeSpan(m.objective.value))'s metric is measured in \(codeSpan(unit.trimmed)), a unit of time, and no duration is. Correct the value (a sign added, or a start and an end subtracted the wrong way round, in the export), or leave it empty with a `note` saying why; until then it counts nowhere. If the metric is a change in time, which may be below zero, give it a unit that says so (`\(unit.trimmed) change`)."
    }
}

/// Loading reports the standard ids evident does not know; with the whole model, this reports
/// objectives and policy statements that name a known standard `evident.yml` does not configure.
extension SyntaxConfig: Rule {
    package static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let content = model.content
        // Without a readable evident.yml the configured standards are the default, not a choice.
        if content.unread.configuration || content.loadFindings.contains(where: { $0.location == .wholeFile(content.configuration.file) }) {
            return []
        }
        let configured = model.standards.map(\.id)
        let shown = configured.map { codeSpan($0) }.joined(separator: ", ")
        func unconfigured(_ ids: [Located<String>], of what: String, objective: String?) -> [Finding] {
            ids.filter { !configured.contains($0.value) }.map { id in
                description.finding(
                    "\(what) names \(codeSpan(id.value)), but evident.yml does not configure it (its `standards` are \(shown)); add \(codeSpan(id.value)) to `standards` in evident.yml, or remove it here.",
                    at: id.location, objective: objective)
            }
        }
        var findings: [Finding] = []
        for o in content.objectives where !o.standards.isEmpty {
            findings += unconfigured(o.standards, of: codeSpan(o.displayID), objective: o.idText)
        }
        for statement in content.policy?.statements ?? [] where !statement.standards.isEmpty {
            findings += unconfigured(statement.standards, of: "Policy statement \(codeSpan(statement.id.value))", objective: nil)
        }
        return findings
    }
}

extension SyntaxFormula: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxFrontMatter: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxMarkdown: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxType: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxUnknownField: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxYAML: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}
