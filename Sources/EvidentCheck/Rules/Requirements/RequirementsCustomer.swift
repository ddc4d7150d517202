import EvidentModel
import EvidentSupport

/// An active objective, serving a standard that asks objectives to be relevant to conformity and
/// customer satisfaction, that does not say how it is.
enum RequirementsCustomer: Rule {
    static let description = RuleDescription(
        id: "requirements/customer", name: "Relevant to customers", obligation: .requirements, item: .customer,
        defaultSeverity: .warning,
        summary: "An active objective without `customer_relevance`, or with one of a single word (ISO 9001).",
        rationale: """
            ISO 9001 asks that quality objectives be relevant to the conformity of products and services and \
            to enhancing customer satisfaction. An auditor of that standard asks, of a sampled objective, what \
            it does for the customer, and expects an answer the organisation wrote down when it set the \
            objective. An active objective serving ISO 9001 says so in `customer_relevance`, in a sentence: \
            which product, service or customer commitment it bears on. A single word (`Yes.`, `Customers`) \
            names none, and is reported at the value. Objectives that do not serve ISO 9001 are not checked.
            """,
        triggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001"),
                "objectives/OBJ-INC-01.md": "↓" + ExampleTree.objective,
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\ncustomer_relevance: ↓Yes.\n",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\ncustomer_relevance: Business users get their service back within the time the contract promises them.\n",
                ]),
            ]),
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["status: active": "status: draft"]),
            ]),
            // A sentence in a script written without spaces is not one word.
            RuleExample([
                "evident.yml": ExampleTree.configuration(standards: "iso20000-1, iso9001"),
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: [
                    "requirements: [MSA-7.2]\n": "requirements: [MSA-7.2]\ncustomer_relevance: 利用者は契約で約束された時間内にサービスを取り戻す。\n",
                ]),
            ]),
            RuleExample([:]),
        ])

    static let judgesEachObjectiveAlone = true

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.activeObjectives where model.asks(.customer, of: o) && !model.content.unread.any("customer_relevance", of: o) {
            // Named only in a finding.
            func asking() -> [String] { model.standards(of: o).filter { $0.has(.customer) }.map(\.name) }
            guard let relevance = o.customerRelevance else {
                findings.append(description.finding(
                    "\(codeSpan(o.displayID)) does not say how it bears on conformity of products and services or on customer satisfaction, which \(CheckModel.names(asking())) \(asking().count == 1 ? "asks" : "ask"); say it in `customer_relevance`, in a sentence.",
                    at: o.location, objective: o.idText))
                continue
            }
            // One word (`Yes.`, `Customers`) names no product, service or commitment: no answer.
            if OneWord.isOneWord(relevance.value) {
                findings.append(description.finding(
                    "`customer_relevance` of \(codeSpan(o.displayID)) is one word, \(codeSpan(relevance.value)), which does not say how the objective bears on conformity of products and services or on customer satisfaction, as \(CheckModel.names(asking())) \(asking().count == 1 ? "asks" : "ask"); say it in a sentence.",
                    at: relevance.location, objective: o.idText))
            }
        }
        return findings
    }
}
