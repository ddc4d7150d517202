import EvidentModel

/// The content tree `evident init` writes: one of the `StarterExample`s, with its dates moved so
/// that it passes `check` with no finding as of the day it is written: nine monthly values up to
/// the latest due month, a review three weeks ago, an open action due in two weeks. Each YAML file and front-matter names its schema for
/// yaml-language-server (`modeline(for:)`). Serving other `standards` than the default, it names
/// them in `evident.yml` and gives the objective what their clause 6.2 asks beyond 20000-1's.
package enum StarterContent {
    package static func files(today: Day, standards: [Standard] = Standard.defaults) -> [String: String] {
        var files = exampleFiles(today: today, standards: standards)
        for (path, text) in files {
            guard let line = modeline(for: path) else { continue }
            if path.hasSuffix(".md"), text.hasPrefix("---\n") {
                files[path] = "---\n" + line + "\n" + text.dropFirst(4)
            } else if !path.hasSuffix(".md") {
                files[path] = line + "\n" + text
            }
        }
        return files
    }

    /// The comment that names the schema of the file at `path` (inside the content folder) for
    /// yaml-language-server, as a path relative to the file: `init` writes the schemas into
    /// `schema/` beside `content/`. nil for a file without a schema. A YAML comment, which both of
    /// evident's YAML readers skip.
    static func modeline(for path: String) -> String? {
        guard let kind = ContentFormat.kind(forContentPath: path) else { return nil }
        let up = String(repeating: "../", count: path.split(separator: "/").count)
        return "# yaml-language-server: $schema=\(up)\(StarterProject.schemaFolder)/\(kind.schemaFile)"
    }

    /// What the objective says for the items of `standards` that ISO/IEC 20000-1 does not have
    /// (SPEC §8): a risk it takes into account, its bearing on customers, the consultation of
    /// workers, and how its plan fits the business processes.
    private static func objectiveEdits(for standards: [Standard], _ example: StarterExample) -> [(String, String)] {
        var edits: [(String, String)] = []
        var fields = ""
        if standards.contains(where: { $0.has(.risks) }) { fields += "\nrisks: [R-1]" }
        if standards.contains(where: { $0.has(.customer) }) { fields += "\ncustomer_relevance: " + example.customerRelevance }
        if standards.contains(where: { $0.has(.consultation) }) { fields += "\nconsultation: " + example.consultation }
        if !fields.isEmpty { edits.append((example.requirementsLine, example.requirementsLine + fields)) }
        if standards.contains(where: \.planNeedsIntegration) {
            edits.append((example.evaluationLine, example.evaluationLine + "\n  integration: " + example.integration))
        }
        return edits
    }

    private static func exampleFiles(today: Day, standards: [Standard]) -> [String: String] {
        let example = standards.contains(.iso20000_1) ? StarterExample.service : StarterExample.anySystem
        let graceDays = Settings().reviewGraceDays
        let due = Cadence.monthly.latestDuePeriod(asOf: today, graceDays: graceDays, notBefore: nil)
            ?? Cadence.monthly.period(containing: today).previous
        var months = [due]
        while months.count < 9, let first = months.first { months.insert(first.previous, at: 0) }
        let effective = months[0].start
        let approved = effective.adding(days: -17)
        let policyApproved = approved.adding(days: -10)
        let communicated = approved.adding(days: 5)
        let reviewed = today.adding(days: -19)
        let actionDue = today.adding(days: 16)
        let planDue = today.adding(days: 32)
        let extract = "extract-\(due).csv"

        var csv = "period,value,note,evidence\n"
        for (month, value) in zip(months, example.values) {
            csv += "\(month),\(value),,\(month == due ? extract : "")\n"
        }

        let subject = subject(of: standards)
        // `standards` is written even when it is the default, with the other ids beside it: the
        // line a user edits to add a standard is there to edit.
        let others = Standard.all.filter { !standards.contains($0) }.map(\.id)
        let configuration = example.configuration + "standards: [\(standards.map(\.id).joined(separator: ", "))]"
            + (others.isEmpty ? "" : "   # also: \(others.joined(separator: ", "))") + "\n"
        var objective = ExampleTree.edit(example.objective, [
            "approved_on: 2026-01-15": "approved_on: \(approved)",
            "effective: 2026-02-01": "effective: \(effective)",
            "date: 2026-01-15": "date: \(approved)",
            // The plan is still ahead, so planned/overdue has nothing to say on the day of init.
            "  due: 2026-12-31": "  due: \(planDue)",
        ])
        for (old, new) in objectiveEdits(for: standards, example) { objective = ExampleTree.edit(objective, [old: new]) }
        return [
            "evident.yml": ExampleTree.edit(configuration, ["title: \(example.subject) objectives": "title: \(subject) objectives"]),
            "policy.md": ExampleTree.edit(example.policy, ["approved_on: 2026-01-05": "approved_on: \(policyApproved)",
                                                           "title: \(example.subject) policy": "title: \(subject) policy"]),
            "risks.md": example.risks,
            example.requirementPath: example.requirement,
            "objectives/\(example.objectiveID).md": objective,
            "measurements/\(example.objectiveID).csv": csv,
            "reviews/\(reviewed).md": ExampleTree.edit(example.review, [
                "date: 2026-11-10": "date: \(reviewed)",
                "due: 2026-12-15": "due: \(actionDue)",
                // Where to say that the action is done, and on which day.
                "    status: open\n": "    status: open   # once done: status: done, and done_on: YYYY-MM-DD\n",
            ]),
            "communications/\(communicated).md": ExampleTree.edit(example.communication, ["date: 2026-01-20": "date: \(communicated)"]),
            "evidence/\(extract)": example.evidence,
        ]
    }

    /// What the site and the policy are titled by: "Service management" while ISO/IEC 20000-1 is
    /// served, else the one standard's subject ("Environmental"), else "Management system".
    static func subject(of standards: [Standard]) -> String {
        if standards.contains(.iso20000_1) { return "Service management" }
        guard standards.count == 1, let subject = standards.first?.subject, let first = subject.first else { return "Management system" }
        return first.uppercased() + subject.dropFirst()
    }
}
