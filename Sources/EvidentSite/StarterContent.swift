import EvidentModel

/// The content tree `evident init` writes: the example tree every rule example is laid over
/// (`ExampleTree.base`), with its dates moved so that it passes `check` with no finding as of the
/// day it is written: nine monthly values up to the latest due month, a review three weeks ago,
/// an open action due in two weeks. Each YAML file and front-matter names its schema for
/// yaml-language-server (`modeline(for:)`). Serving other `standards` than the default, it names
/// them in `evident.yml` and gives the objective what their clause 6.2 asks beyond 20000-1's.
enum StarterContent {
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
    package static func modeline(for path: String) -> String? {
        guard let kind = ContentFormat.kind(forContentPath: path) else { return nil }
        let up = String(repeating: "../", count: path.split(separator: "/").count)
        return "# yaml-language-server: $schema=\(up)\(StarterProject.schemaFolder)/\(kind.schemaFile)"
    }

    /// What the objective says for the items of `standards` that ISO/IEC 20000-1 does not have
    /// (SPEC §8): a risk it takes into account, its bearing on customers, the consultation of
    /// workers, and how its plan fits the business processes.
    private static func objectiveEdits(for standards: [Standard]) -> [(String, String)] {
        var edits: [(String, String)] = []
        var fields = ""
        if standards.contains(where: { $0.has(.risks) }) { fields += "\nrisks: [R-1]" }
        if standards.contains(where: { $0.has(.customer) }) {
            fields += "\ncustomer_relevance: Users cannot work during a P1 incident; restoring quickly is what they judge the service by."
        }
        if standards.contains(where: { $0.has(.consultation) }) {
            fields += "\nconsultation: The service desk team was consulted on the target at the operational review that set it."
        }
        if !fields.isEmpty { edits.append(("requirements: [MSA-7.2]", "requirements: [MSA-7.2]" + fields)) }
        if standards.contains(where: \.planNeedsIntegration) {
            edits.append(("  evaluation: Monthly P90 restoration time against the target, at the operational review.",
                          "  evaluation: Monthly P90 restoration time against the target, at the operational review.\n"
                          + "  integration: The on-call routing becomes part of the incident process and its runbook."))
        }
        return edits
    }

    private static func exampleFiles(today: Day, standards: [Standard]) -> [String: String] {
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

        let values = ["3.5", "3.9", "3.2", "3.4", "3.8", "3.1", "3.6", "3.3", "3.7"]
        var csv = "period,value,note,evidence\n"
        for (month, value) in zip(months, values) {
            csv += "\(month),\(value),,\(month == due ? extract : "")\n"
        }

        let subject = subject(of: standards)
        // `standards` is written even when it is the default, with the other ids beside it: the
        // line a user edits to add a standard is there to edit.
        let others = Standard.all.filter { !standards.contains($0) }.map(\.id)
        let configuration = String(ExampleTree.configuration(standards: standards.map(\.id).joined(separator: ", ")).dropLast())
            + (others.isEmpty ? "" : "   # also: \(others.joined(separator: ", "))") + "\n"
        return [
            "evident.yml": ExampleTree.edit(configuration, ["title: Service management objectives": "title: \(subject) objectives"]),
            "policy.md": ExampleTree.edit(ExampleTree.policy, ["approved_on: 2026-01-05": "approved_on: \(policyApproved)",
                                                               "title: Service management policy": "title: \(subject) policy"]),
            "risks.md": ExampleTree.risks,
            "requirements/msa.md": ExampleTree.requirement,
            "objectives/OBJ-INC-01.md": objective(standards: standards, replacing: [
                "approved_on: 2026-01-15": "approved_on: \(approved)",
                "effective: 2026-02-01": "effective: \(effective)",
                "date: 2026-01-15": "date: \(approved)",
                // The plan is still ahead, so planned/overdue has nothing to say on the day of init.
                "  due: 2026-12-31": "  due: \(planDue)",
            ]),
            "measurements/OBJ-INC-01.csv": csv,
            "reviews/\(reviewed).md": ExampleTree.edit(ExampleTree.review, [
                "date: 2026-11-10": "date: \(reviewed)",
                "due: 2026-12-15": "due: \(actionDue)",
            ]),
            "communications/\(communicated).md": ExampleTree.edit(ExampleTree.communication, ["date: 2026-01-20": "date: \(communicated)"]),
            "evidence/\(extract)": ExampleTree.base["evidence/extract-2026-10.csv"] ?? "ticket,opened,restored\n",
        ]
    }

    /// What the site and the policy are titled by: "Service management" while ISO/IEC 20000-1 is
    /// served, else the one standard's subject ("Environmental"), else "Management system".
    static func subject(of standards: [Standard]) -> String {
        if standards.contains(.iso20000_1) { return "Service management" }
        guard standards.count == 1, let subject = standards.first?.subject, let first = subject.first else { return "Management system" }
        return first.uppercased() + subject.dropFirst()
    }

    /// The example objective with `edits`, and what `standards` ask of it.
    private static func objective(standards: [Standard], replacing edits: KeyValuePairs<String, String>) -> String {
        var text = ExampleTree.objective(replacing: edits)
        for (old, new) in objectiveEdits(for: standards) { text = ExampleTree.edit(text, [old: new]) }
        return text
    }
}
