import EvidentModel
import EvidentSupport

/// Reads one measurements CSV (SPEC 2.5): `objective,period,value,note,evidence`, where `objective`
/// may be left out when the file is named after the objective.
package enum MeasurementReader {
    /// In this order: `header` reads each column's cell by its place here.
    static let columns = ["objective", "period", "value", "note", "evidence"]

    /// Digits, `.`, `-` and `+` only (a plain decimal as written; `DecimalText` reads it).
    static func isPlainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where !((48...57).contains(byte) || byte == 46 || byte == 45 || byte == 43) { return false }
        return true
    }

    /// `isPlainDecimal` of a string that `DecimalText` reads as a finite number.
    static func isPlainDecimalText(_ text: String) -> Bool {
        var text = text
        return !text.isEmpty && text.withUTF8 { isPlainDecimal($0) && DecimalText.value($0)?.isFinite == true }
    }

    /// A value cell's text without the white space around it, and the number it holds (nil for an
    /// empty cell, a known gap); nil when the text is not a plain decimal with a `.` point ("1,5",
    /// "95 %" and "n/a" are mistakes, not numbers) or not finite. ASCII text is read in place, and
    /// only a number's text becomes a string; other text is trimmed of Unicode white space first.
    static func value(_ cell: CSVTable.Cell) -> (text: String, number: Double?)? {
        let bytes = cell.bytes
        if bytes.contains(where: { $0 >= 0x80 }) {
            var text = cell.text.trimmed
            if text.isEmpty { return ("", nil) }
            guard let number = text.withUTF8({ isPlainDecimal($0) ? DecimalText.value($0) : nil }), number.isFinite else {
                return nil
            }
            return (text, number)
        }
        let digits = bytes.trimmingASCIISpaces()
        if digits.isEmpty { return ("", nil) }
        guard isPlainDecimal(digits), let number = DecimalText.value(digits), number.isFinite else { return nil }
        return (String(decoding: digits, as: UTF8.self), number)
    }

    /// Why a value cell's text is refused, and what to write instead.
    static func notANumber(_ text: String) -> String {
        let trimmed = text.trimmed
        if let plain = DecimalText.plainForm(ofExponentNotation: trimmed) {
            return "\(codeSpan(trimmed)) is in exponent notation, which evident does not read; write the plain number, \(codeSpan(plain))."
        }
        // A plain decimal refused all the same is beyond what a Double holds (about 1.8 × 10^308).
        if ExactDecimal(trimmed) != nil {
            return "\(codeSpan(trimmed.count > 40 ? trimmed.prefix(20) + "…" + trimmed.suffix(10) : trimmed)) (\(trimmed.count) characters) is too large a number for evident to compare with a target; record the metric in a unit that keeps it within 308 digits (thousands, millions)."
        }
        return SpreadsheetText.valueMessage(trimmed)
            ?? "\(codeSpan(text)) is not a number; write it with a `.` decimal point and no unit, or leave it empty for a known gap and say why in `note`."
    }

    /// A cell's text without the white space around it; an empty cell makes no string.
    static func trimmedText(_ cell: CSVTable.Cell) -> String {
        cell.bytes.isEmpty ? "" : cell.text.trimmed
    }

    /// The file's name without `.csv` (four ASCII bytes: only such files are listed), found from
    /// the end among the path's bytes, not its characters.
    static func stem(of path: String) -> String {
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let nameEnd = utf8.index(utf8.endIndex, offsetBy: -4, limitedBy: nameStart) ?? nameStart
        return String(path[nameStart..<nameEnd])
    }

    /// A file whose text could not be read at all (not UTF-8, binary, too large, unreadable), as
    /// one whose header is bad: it stands, at any period, for the objective it is named after, so
    /// that its rows are not also reported missing.
    package static func unreadable(path: String, line: Int) -> MeasurementFile {
        MeasurementFile(file: path, rejected: [RejectedRow(objectiveID: stem(of: path), period: nil, line: line)])
    }

    package static func read(_ source: SourceText, report: LoadReport) -> MeasurementFile {
        let stem = stem(of: source.path)
        var file = MeasurementFile(file: source.path)
        var out: [Measurement] = []
        // A row per line at most, less the header (so no more than the line breaks): room for all
        // at once, not grown row by row. Capped: blank lines are no rows, and a file of them must
        // not reserve gigabytes.
        out.reserveCapacity(min(source.text.count(ofByte: 10), 4096))
        // The header's column positions, looked up once per file, not per cell. nil until the
        // header is read.
        var columnsAt: (objective: Int?, period: Int, value: Int, note: Int?, evidence: Int?, count: Int)?
        var number = 0
        var headerLine: Int?
        var rejected: [RejectedRow] = []
        // A quoting error discards the file's rows and what was reported on them, as if the file had
        // not been read: the rows after it cannot be trusted to be the ones the author meant.
        let reportedBefore = report.findings.count
        let failure = CSVTable.read(source.text) { row in
            guard let at = columnsAt else {
                headerLine = row.line
                guard let found = header(row, file: &file, stem: stem, report: report, text: source.text) else { return false }
                columnsAt = found
                return true
            }
            // A row of empty cells (the `,,,` a spreadsheet writes for a formatted but empty row)
            // holds nothing, as a blank line does.
            // Most rows start with a period: one byte tells they are not blank.
            if !(row.cells.first?.bytes.first.map { $0 > 32 } ?? false),
               row.cells.allSatisfy({ $0.bytes.allSatisfy { $0 == 32 || $0 == 9 } }) { return true }
            number += 1
            // A rejected row's one finding, about the objective it names where that can be read
            // (its `objective` cell, or the file's name), and what it names kept in `rejected`.
            func reject(_ message: String, at location: SourceLocation, period: Period?) {
                let id = at.objective.map { $0 < row.cells.count ? trimmedText(row.cells[$0]) : "" } ?? stem
                let objective = id.isEmpty ? nil : id
                report.add(SyntaxCSV.description, message, at: location, objective: objective)
                rejected.append(RejectedRow(objectiveID: objective, period: period, line: row.line))
            }
            guard row.cells.count == at.count else {
                // The period cell, when the row reaches it, names the period (commas usually split a
                // value or a note, after it). A value split at its decimal comma is said so, at the value.
                let extra = row.cells.count - at.count
                let split = extra > 0 && at.value + extra < row.cells.count
                    ? SpreadsheetText.splitValueHint(row.cells[at.value...(at.value + extra)].map(\.text)) : nil
                let place = split == nil ? SourceLocation(file: source.path, line: row.line, column: 1)
                    : SourceLocation(file: source.path, line: row.cells[at.value].line, column: row.cells[at.value].column)
                reject("This row has \(row.cells.count) cells; the header has \(at.count).\(split ?? " Quote cells that contain commas.")",
                       at: place, period: at.period < row.cells.count ? Period(parsingUTF8: row.cells[at.period].bytes) : nil)
                return true
            }
            func place(_ c: CSVTable.Cell) -> SourceLocation { SourceLocation(file: source.path, line: c.line, column: c.column) }
            let periodCell = row.cells[at.period], valueCell = row.cells[at.value]
            guard let period = Period(parsingUTF8: periodCell.bytes) else {
                let text = trimmedText(periodCell)
                let what = text.isEmpty ? "The period is empty" : "\(codeSpan(periodCell.text)) is not a period"
                reject(SpreadsheetText.periodMessage(text) ?? "\(what); write 2026, 2026-H2, 2026-Q3, 2026-10, 2026-W42 or 2026-10-31.",
                       at: place(periodCell), period: nil)
                return true
            }
            guard let (valueText, value) = Self.value(valueCell) else {
                reject(notANumber(valueCell.text), at: place(valueCell), period: period)
                return true
            }
            var objectiveID = stem
            var objectiveAt = (line: row.line, column: 1)
            if let c = at.objective.map({ row.cells[$0] }) {
                objectiveID = trimmedText(c)
                guard !objectiveID.isEmpty else {
                    report.add(SyntaxCSV.description, "The `objective` cell is empty; name the objective id.", at: place(c))
                    return true
                }
                objectiveAt = (c.line, c.column)
            }
            var note = at.note.map { trimmedText(row.cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            // On a known gap the note is the answer to why there is no value: a placeholder there
            // (`TBD`, `n/a`) gives none. Beside a value a note is a remark, and nothing is asked of it.
            if value == nil, let text = note, let c = at.note.map({ row.cells[$0] }), YAMLMap.isPlaceholder(text) {
                report.add(SyntaxType.description,
                           "The `note` of this known gap is a placeholder, \(codeSpan(text)), not a reason; say why there is no value for \(period).",
                           at: place(c), objective: objectiveID)
                note = nil
            }
            // Text cells as written: a spreadsheet reads them so, whatever evident trims.
            func formula(_ column: String, _ c: CSVTable.Cell) {
                report.add(SyntaxFormula.description, SyntaxFormula.message(column: column, c.text), at: place(c), objective: objectiveID)
            }
            if let i = at.note, SyntaxFormula.isFormula(row.cells[i].bytes) { formula("note", row.cells[i]) }
            if let i = at.evidence, SyntaxFormula.isFormula(row.cells[i].bytes) { formula("evidence", row.cells[i]) }
            var evidencePath: String?
            var evidenceAt = (line: 0, column: 0)
            if let c = at.evidence.map({ row.cells[$0] }) {
                let path = trimmedText(c)
                if !path.isEmpty {
                    evidencePath = path
                    evidenceAt = (c.line, c.column)
                }
            }
            out.append(Measurement(file: source.path, objectiveID: objectiveID, objectiveAt: objectiveAt, period: period,
                                   periodAt: (periodCell.line, periodCell.column), value: value, valueText: valueText,
                                   note: note, evidencePath: evidencePath, evidenceAt: evidenceAt, line: row.line, row: number))
            return true
        }
        if let failure {
            report.findings.removeSubrange(reportedBefore...)
            file.namedObjective = nil
            // Every row is lost, those after the quote unseen: the file stands, at any period, for
            // each objective it named before it, and for the one it is named after when it has no
            // `objective` column.
            var named = Set(out.map(\.objectiveID) + rejected.compactMap(\.objectiveID))
            if columnsAt.map({ $0.objective == nil }) ?? true { named.insert(stem) }
            let line = switch failure { case let .unterminatedQuote(line, _), let .textAfterQuote(line, _): line }
            file.rejected = named.sorted().map { RejectedRow(objectiveID: $0, period: nil, line: line) }
        }
        switch failure {
        case let .unterminatedQuote(line, column):
            report.add(SyntaxCSV.description, "A quoted cell opened here is never closed; add the closing `\"`.",
                       at: SourceLocation(file: source.path, line: line, column: column))
            return file
        case let .textAfterQuote(line, column):
            report.add(SyntaxCSV.description,
                       "Text follows a closing quote; quote the whole cell and double any quote inside it (`\"\"`).",
                       at: SourceLocation(file: source.path, line: line, column: column))
            return file
        case nil:
            break
        }
        guard let headerLine else {
            report.add(SyntaxCSV.description, "The file is empty; a measurements CSV starts with a header row like `period,value,note`.",
                       at: .wholeFile(source.path))
            return file
        }
        guard columnsAt != nil else {
            // A header that cannot be read loses every row: the file stands, at any period, for the
            // objective it is named after.
            file.rejected = [RejectedRow(objectiveID: stem, period: nil, line: headerLine)]
            return file
        }
        file.rows = out
        file.rejected = rejected
        return file
    }

    /// What to do when a header cell is a whole header written with another separator, as a
    /// spreadsheet saves "CSV" in locales whose decimal mark is a comma: nil unless every part is a column.
    private static func separatorHint(_ cell: String) -> String? {
        for (separator, name) in [(";", "`;`"), ("\t", "tabs")] where cell.contains(separator) {
            // Empty columns a spreadsheet may add at the end (`period;value;;`) do not count.
            var parts = cell.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmed }
            while parts.last?.isEmpty == true { parts.removeLast() }
            guard parts.count >= 2, parts.allSatisfy({ columns.contains($0) }) else { continue }
            return " The header is separated by \(name); evident reads values separated by commas, with a `.` decimal point. "
                + "Save the sheet as comma-separated CSV (in Excel: \"CSV UTF-8 (Comma delimited)\")."
        }
        return nil
    }

    /// Where the header is when rows come before it (a report's title, its date, a blank row):
    /// the first of the next 20 lines whose cells are all column names and include `period` and
    /// `value`. Only a file whose first row is no header comes here.
    static func laterHeader(in text: String, after line: Int) -> String? {
        for (index, content) in text.split(separator: "\n", maxSplits: line + 20, omittingEmptySubsequences: false)
            .enumerated().dropFirst(line).prefix(20) {
            var names = content.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed.lowercased() }
            while names.last?.isEmpty == true { names.removeLast() }
            guard names.allSatisfy({ columns.contains($0) }), names.contains("period"), names.contains("value") else { continue }
            let above = index
            return " The header is on line \(index + 1); delete the \(above == 1 ? "line" : "\(above) lines") above it (a title or notes a report writes first), so that the file starts with the header."
        }
        return nil
    }

    /// The column a header a spreadsheet was given most likely means: a unit or a word after the
    /// column's name (`Value (%)`, `Evidence link`), a word people use for it (`Month`, `Comment`),
    /// or a near spelling (`notes`).
    static func columnHint(_ name: String) -> String? {
        let words = name.split { !$0.isLetter }.map(String.init)
        if let first = words.first, columns.contains(first) { return first }
        if let word = words.first(where: { columnWords[$0] != nil }), let column = columnWords[word] { return column }
        return Suggestion.closest(to: name, in: columns)
    }

    private static let columnWords: [String: String] = [
        "month": "period", "date": "period", "quarter": "period", "week": "period", "year": "period", "day": "period",
        "result": "value", "actual": "value", "measurement": "value", "measured": "value", "score": "value",
        "comment": "note", "comments": "note", "remark": "note", "remarks": "note", "notes": "note", "reason": "note",
        "source": "evidence", "link": "evidence", "attachment": "evidence", "file": "evidence",
        "id": "objective", "kpi": "objective",
    ]

    /// Reads the header row: the position of each column, or nil after reporting what is wrong.
    private static func header(_ row: CSVTable.Row, file: inout MeasurementFile, stem: String, report: LoadReport, text: String)
        -> (objective: Int?, period: Int, value: Int, note: Int?, evidence: Int?, count: Int)? {
        // Each column's cell, by the column's place in `columns`: an array, not a dictionary,
        // which would be built and hashed for every file.
        var index: [Int?] = Array(repeating: nil, count: columns.count)
        for (i, cell) in row.cells.enumerated() {
            let name = cell.text.trimmed.lowercased()
            let place = SourceLocation(file: file.file, line: cell.line, column: cell.column)
            if name.isEmpty {
                // Empty to the end of the row: the commas a spreadsheet writes for columns right of
                // the data that were once used, on every line. Each row's cells there are unread, so
                // the file is not read (a value split into one of them would be lost).
                let trailing = row.cells[i...].allSatisfy { $0.text.trimmed.isEmpty }
                let columnsText = trailing && row.cells.count - i > 1 ? "Columns \(i + 1) to \(row.cells.count) of the header have no name"
                    : "Column \(i + 1) of the header has no name"
                report.add(SyntaxCSV.description, trailing
                           ? "\(columnsText): the trailing commas a spreadsheet writes when columns right of the data were once used. Delete those columns in the sheet (not only their contents) and export again, or delete the trailing commas."
                           : "\(columnsText); name it (objective, period, value, note or evidence) or delete the column.",
                           at: place)
                return nil
            }
            guard let column = columns.firstIndex(of: name) else {
                if let invisible = InvisibleCharacter.described(in: name) {
                    let meant = InvisibleCharacter.removed(from: name)
                    let then = columns.contains(meant) ? ", and the column reads as \(codeSpan(meant))" : ""
                    // The one byte order mark a file may start with is not read as text: this is a second.
                    let what = i == 0 && name.hasPrefix("\u{FEFF}")
                        ? "a second byte order mark, U+FEFF (the file starts with two: a program added one to a file that had one)" : invisible
                    report.add(SyntaxCSV.description, "\(codeSpan(cell.text)) holds \(what); delete it\(then).", at: place)
                    return nil
                }
                if i == 0, name.hasPrefix("sep="), name.count <= 5 {
                    report.add(SyntaxCSV.description,
                               "\(codeSpan(row.cells.count > 1 ? name + "," : name)) is the line some spreadsheets write to name the separator; evident does not read it. Delete the line, so that the file starts with the header row.",
                               at: place)
                    return nil
                }
                let hint = separatorHint(name) ?? laterHeader(in: text, after: row.line)
                    ?? columnHint(name).map { " Did you mean \(codeSpan($0))?" } ?? ""
                report.add(SyntaxCSV.description,
                           "\(codeSpan(cell.text)) is not a measurements column (objective, period, value, note, evidence).\(hint)", at: place)
                return nil
            }
            if index[column] != nil {
                report.add(SyntaxCSV.description, "The column \(codeSpan(name)) appears twice in the header.", at: place)
                return nil
            }
            index[column] = i
        }
        let (objective, period, value, note, evidence) = (index[0], index[1], index[2], index[3], index[4])
        guard let period, let value else {
            let missing = period == nil ? "period" : "value"
            report.add(SyntaxCSV.description, "The header has no \(codeSpan(missing)) column; it needs at least `period,value`.",
                       at: SourceLocation(file: file.file, line: row.line, column: 1))
            return nil
        }
        if objective == nil { file.namedObjective = stem }
        return (objective, period, value, note, evidence, row.cells.count)
    }
}
