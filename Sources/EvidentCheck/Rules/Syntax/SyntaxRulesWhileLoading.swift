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
            guard let o = model.objectivesByID[run.objectiveID], let cadence = model.cadence(of: o) else { continue }
            let rows = model.rows(of: run)
            // By position: a row is copied only when it has a finding.
            for i in rows.indices where rows[i].periodValue.kind > cadence.periodKind {
                let m = rows[i]
                findings.append(description.finding(
                    "\(codeSpan(m.period.value)) is coarser than the \(cadence.rawValue) cadence of \(m.objective.value); record one value per \(cadence.periodKind) period or finer.",
                    at: m.period.location, objective: m.objective.value))
            }
        }
        return findings
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
