import EvidentLoad
import EvidentModel

// The `syntax/...` rules that reading a file reports are described in EvidentLoad, which makes
// their findings; here they join the registry. Only syntax/csv also needs the whole model.

extension SyntaxCSV: Rule {
    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for run in model.measurementRuns {
            guard let o = model.objectivesByID[run.objectiveID], let cadence = model.cadence(of: o) else { continue }
            for m in model.content.measurements[run.rows] where m.periodValue.kind > cadence.periodKind {
                findings.append(description.finding(
                    "`\(m.period.value)` is coarser than the \(cadence.rawValue) cadence of \(m.objective.value); record one value per \(cadence.periodKind) period or finer.",
                    at: m.period.location, objective: m.objective.value))
            }
        }
        return findings
    }
}

extension SyntaxConfig: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxFrontMatter: Rule {
    package static func check(_ model: CheckModel) -> [Finding] { [] }
}

extension SyntaxIgnoredFile: Rule {
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
