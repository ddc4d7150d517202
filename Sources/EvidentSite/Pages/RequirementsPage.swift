import EvidentModel
import EvidentSupport

/// `requirements.html`: each source of requirements, its clauses, and the objectives that take
/// each clause into account (or why none needs to).
enum RequirementsPage {
    static func make(_ site: SiteIndex) -> PageOutput {
        var addressing: [String: [ObjectiveSummary]] = [:]
        for s in site.objectives {
            for ref in Set(site.content.objectives[s.index].requirements.map(\.value)) { addressing[ref, default: []].append(s) }
        }
        let sources = site.content.requirements.enumerated().map { i, source -> View in
            let clauses = source.clauses.map { c -> View in
                let objectives = (addressing[c.id.value] ?? []).sorted { ($0.id, $0.index) < ($1.id, $1.index) }
                let covered = objectives.contains { $0.lifecycle == .active }
                return [
                    "anchor": View(site.clauseAnchors[c.id.value] ?? "clause"),
                    "id": View(c.id.value),
                    "text": View(c.text),
                    "objectives": View(objectives.map { PageContext.objectiveRow(site, $0) }),
                    "elsewhere": PageContext.text(c.addressedElsewhere?.value),
                    "unaddressed": View(!covered && c.addressedElsewhere == nil),
                ]
            }
            let owner = source.owner?.value
            return [
                "anchor": View(site.sourceAnchors[i]),
                "title": View(source.title?.value ?? SiteIndex.fileStem(source.file)),
                "kind": PageContext.text(source.kind.map { kindLabel($0.value) }),
                "reference": PageContext.text(source.reference?.value),
                "owner": PageContext.text(owner),
                "ownerHref": PageContext.text(site.ownerHref(owner)),
                "source": View(site.relative(source.file)),
                "body": PageContext.html(site.htmlBytes(source.body, from: source.file, root: "", under: 2)),
                "clauses": PageContext.table(clauses),
                "clauseCount": View(source.clauses.count),
            ]
        }
        let findings = site.result.findings.filter { $0.obligation == .requirements }
        let values: ViewObject = [
            "sources": PageContext.list(sources),
            "findings": PageContext.findings(site, findings),
        ]
        return PageOutput(path: "requirements.html", template: "pages/requirements",
                          context: PageContext.page(site, section: "requirements", root: "", title: "Applicable requirements", values))
    }

    static func kindLabel(_ kind: RequirementSource.Kind) -> String {
        switch kind {
        case .contract: "Contract"
        case .internalControl: "Internal control"
        case .serviceCommitment: "Service commitment"
        case .legal: "Legal"
        case .standard: "Standard"
        }
    }
}
