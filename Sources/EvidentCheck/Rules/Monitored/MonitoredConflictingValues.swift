import EvidentModel
import EvidentSupport

/// Two measurement files that give one objective's period different values: which counts is
/// decided by the files' paths alone (SPEC 4.1's latest row, then the later file).
enum MonitoredConflictingValues: Rule {
    static let description = RuleDescription(
        id: "monitored/conflicting-values", name: "Files disagree on a value", obligation: .monitored, defaultSeverity: .warning,
        summary: "Rows in two measurement files give one objective's period different values: the one whose file's path sorts later counts, by its name alone.",
        rationale: """
            Clause 6.2.1 asks that objectives be monitored, and an auditor asks which value is the result. \
            Of a period's rows the latest counts; of two rows for the same period in two files, the one in the \
            file whose path sorts later, so a stale copy (`measurements/old/OBJ-INC-01.csv`) or a second \
            download (`export (1).csv`, which sorts before `export.csv`) can decide a result by its name, \
            with nothing on the site but a row listed as not counted. A value restated on purpose belongs \
            in the same file, below the row it corrects, with a note saying why: rows of one file are in \
            the order they were written, and a restatement there is not reported. This rule adds to SPEC 4.1, \
            which is silent on rows of one period in two files.
            """,
        triggering: [
            // A copy in another folder says 7.5 and counts, its path sorting later; the objective's
            // own file says 3.3.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, ["2026-09,3.3,,": "↓2026-09,3.3,,"]),
                "measurements/z/OBJ-INC-01.csv": "objective,period,value,note\nOBJ-INC-01,2026-09,7.5,\n",
            ]),
            // A known gap in one file, a value in the other: they disagree too.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.edit(ExampleTree.measurements, [
                    "2026-10,3.7,,extract-2026-10.csv": "↓2026-10,3.7,,extract-2026-10.csv",
                ]),
                "measurements/extract.csv": "objective,period,value,note\nOBJ-INC-01,2026-10,,export failed\n",
            ]),
        ],
        nonTriggering: [
            // A restatement in the same file, below the row it corrects.
            RuleExample(["measurements/OBJ-INC-01.csv": ExampleTree.measurements + "2026-10,3.9,Recounted.,\n"]),
            // The same value in two files: nothing to choose between.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.measurements,
                "measurements/copy.csv": "objective,period,value,note\nOBJ-INC-01,2026-10,3.70,\n",
            ]),
            // A week's row in another file is a finer period, not the month's value.
            RuleExample([
                "measurements/OBJ-INC-01.csv": ExampleTree.measurements,
                "measurements/weekly.csv": "objective,period,value,note\nOBJ-INC-01,2026-W40,5.1,\n",
            ]),
        ])

    static let judgesEachObjectiveAlone = true
    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        var findings: [Finding] = []
        for o in model.content.objectives {
            guard let id = o.idText else { continue }
            // A period's other rows are kept beside the one that counts; nearly every period has none.
            for entry in model.series(of: o) where !entry.notCounted.isEmpty {
                let counted = entry.measurement
                for row in entry.notCounted where row.file != counted.file && row.periodValue == counted.periodValue && !same(row, counted) {
                    findings.append(description.finding(message(id, row, counted), at: row.period.location, objective: id))
                }
            }
        }
        return findings
    }

    /// One value, compared as the rules judge it: the number, and the decimal written when the
    /// number is one a Double cannot tell apart from another.
    static func same(_ a: Measurement, _ b: Measurement) -> Bool {
        guard a.value == b.value else { return false }
        guard a.value != nil else { return true }
        return ExactDecimal(a.valueText.trimmed) == ExactDecimal(b.valueText.trimmed)
    }

    // MARK: messages

    static func message(_ id: String, _ row: Measurement, _ counted: Measurement) -> String {
        func shown(_ m: Measurement) -> String { m.value == nil ? "a known gap" : codeSpan(m.valueText.trimmed) }
        return "\(codeSpan(id)) for \(row.periodValue): this row gives \(shown(row)), the row at \(counted.location) gives \(shown(counted)), and that one counts only because its file's path sorts later. Remove the row that is wrong; to correct a value, restate it in one file, below the row it corrects, with a note saying why."
    }
}
