/// Reads one measurements CSV (SPEC 2.5): `objective,period,value,note,evidence`, where `objective`
/// may be left out when the file is named after the objective.
enum MeasurementReader {
    static let columns = ["objective", "period", "value", "note", "evidence"]

    static func read(_ source: SourceText, report: LoadReport) -> (MeasurementFile, [Measurement]) {
        let stem = String((source.path.split(separator: "/").last ?? "").dropLast(4))
        var file = MeasurementFile(file: source.path, namedObjective: nil, rows: 0)
        let table: CSVTable
        switch CSVTable.parse(source.text) {
        case let .failure(.unterminatedQuote(line, column)):
            report.add(SyntaxCSV.description, "A quoted cell opened here is never closed; add the closing `\"`.",
                       at: SourceLocation(file: source.path, line: line, column: column))
            return (file, [])
        case let .failure(.textAfterQuote(line, column)):
            report.add(SyntaxCSV.description,
                       "Text follows a closing quote; quote the whole cell and double any quote inside it (`\"\"`).",
                       at: SourceLocation(file: source.path, line: line, column: column))
            return (file, [])
        case let .success(t):
            table = t
        }
        guard let header = table.rows.first else {
            report.add(SyntaxCSV.description, "The file is empty; a measurements CSV starts with a header row like `period,value,note`.",
                       at: .wholeFile(source.path))
            return (file, [])
        }
        var index: [String: Int] = [:]
        for (i, cell) in header.cells.enumerated() {
            let name = cell.text.trimmed.lowercased()
            let place = SourceLocation(file: source.path, line: cell.line, column: cell.column)
            guard columns.contains(name) else {
                let hint = Suggestion.closest(to: name, in: columns).map { " Did you mean `\($0)`?" } ?? ""
                report.add(SyntaxCSV.description,
                           "`\(cell.text)` is not a measurements column (objective, period, value, note, evidence).\(hint)", at: place)
                return (file, [])
            }
            if index[name] != nil {
                report.add(SyntaxCSV.description, "The column `\(name)` appears twice in the header.", at: place)
                return (file, [])
            }
            index[name] = i
        }
        for required in ["period", "value"] where index[required] == nil {
            report.add(SyntaxCSV.description, "The header has no `\(required)` column; it needs at least `period,value`.",
                       at: SourceLocation(file: source.path, line: header.line, column: 1))
            return (file, [])
        }
        if index["objective"] == nil { file.namedObjective = stem }
        // Column positions looked up once, not per cell: a large tree has hundreds of thousands of rows.
        let objectiveAt = index["objective"], periodAt = index["period"], valueAt = index["value"]
        let noteAt = index["note"], evidenceAt = index["evidence"]
        var out: [Measurement] = []
        out.reserveCapacity(table.rows.count)
        for (number, row) in table.rows.dropFirst().enumerated() {
            let rowPlace = SourceLocation(file: source.path, line: row.line, column: 1)
            guard row.cells.count == header.cells.count else {
                report.add(SyntaxCSV.description,
                           "This row has \(row.cells.count) cells; the header has \(header.cells.count). Quote cells that contain commas.",
                           at: rowPlace)
                continue
            }
            func cell(_ position: Int?) -> CSVTable.Cell? { position.map { row.cells[$0] } }
            func place(_ c: CSVTable.Cell) -> SourceLocation { SourceLocation(file: source.path, line: c.line, column: c.column) }
            guard let periodCell = cell(periodAt), let valueCell = cell(valueAt) else { continue }
            guard let period = Period(parsing: periodCell.text) else {
                report.add(SyntaxCSV.description,
                           "`\(periodCell.text)` is not a period; write 2026, 2026-H2, 2026-Q3, 2026-10, 2026-W42 or 2026-10-31.",
                           at: place(periodCell))
                continue
            }
            let valueText = valueCell.text.trimmed
            var value: Double?
            if !valueText.isEmpty {
                // Only plain decimals with a `.` point: "1,5", "95 %" or "n/a" are mistakes, not numbers.
                guard valueText.utf8.allSatisfy({ (48...57).contains($0) || $0 == 46 || $0 == 45 || $0 == 43 }),
                      let number = Double(valueText), number.isFinite else {
                    report.add(SyntaxCSV.description,
                               "`\(valueCell.text)` is not a number; write it with a `.` decimal point and no unit, or leave it empty for a known gap and say why in `note`.",
                               at: place(valueCell))
                    continue
                }
                value = number
            }
            let objective: Located<String>
            if let c = cell(objectiveAt) {
                let id = c.text.trimmed
                guard !id.isEmpty else {
                    report.add(SyntaxCSV.description, "The `objective` cell is empty; name the objective id.", at: place(c))
                    continue
                }
                objective = Located(id, at: place(c))
            } else {
                objective = Located(stem, at: rowPlace)
            }
            let note = cell(noteAt).map { $0.text.trimmed }.flatMap { $0.isEmpty ? nil : $0 }
            let evidence = cell(evidenceAt).flatMap { c -> Located<String>? in
                let path = c.text.trimmed
                return path.isEmpty ? nil : Located(path, at: place(c))
            }
            out.append(Measurement(file: source.path, objective: objective, period: Located(period, at: place(periodCell)),
                                   value: value, valueText: valueText, note: note, evidence: evidence,
                                   location: rowPlace, row: number + 1))
        }
        file.rows = out.count
        return (file, out)
    }
}
