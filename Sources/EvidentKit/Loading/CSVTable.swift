/// An RFC 4180 table whose every cell knows its line and column, so findings can point at a cell.
struct CSVTable {
    struct Cell {
        var text: String
        var line: Int
        var column: Int
    }

    struct Row {
        var cells: [Cell]
        var line: Int
    }

    enum Failure: Error {
        case unterminatedQuote(line: Int, column: Int)
        case textAfterQuote(line: Int, column: Int)
    }

    var rows: [Row]

    /// Parses LF-terminated text (`SourceText` has already normalised line ends). Blank lines are
    /// skipped: editors leave them at the end of files and they carry no data.
    static func parse(_ text: String) -> Result<CSVTable, Failure> {
        var rows: [Row] = []
        var cells: [Cell] = []
        var field = ""
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var rowLine = 1
        var inQuotes = false
        var quoted = false
        var afterQuote = false
        var quoteLine = 1
        var quoteColumn = 1

        func endField() {
            cells.append(Cell(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            quoted = false
            afterQuote = false
        }

        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.unicodeScalars.append(scalar)
                }
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case "\"":
                if afterQuote {
                    // A doubled quote inside a quoted field is one quote.
                    field.append("\"")
                    inQuotes = true
                    afterQuote = false
                } else if field.isEmpty && !quoted {
                    inQuotes = true
                    quoted = true
                    quoteLine = line
                    quoteColumn = column
                } else {
                    field.append("\"")
                }
                column += 1
            case ",":
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case "\n":
                endField()
                rows.append(Row(cells: cells, line: rowLine))
                cells = []
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowLine = line
            default:
                if afterQuote {
                    return .failure(.textAfterQuote(line: line, column: column))
                }
                field.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if inQuotes { return .failure(.unterminatedQuote(line: quoteLine, column: quoteColumn)) }
        if !field.isEmpty || !cells.isEmpty || quoted {
            endField()
            rows.append(Row(cells: cells, line: rowLine))
        }
        // Drop rows that are only an empty cell (blank lines).
        rows.removeAll { $0.cells.count == 1 && $0.cells[0].text.isEmpty }
        return .success(CSVTable(rows: rows))
    }
}
