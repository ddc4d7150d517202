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
    /// skipped: editors leave them at the end of files and they carry no data. It works on UTF-8
    /// bytes (a scalar at a time was most of the time of reading 360,000 rows); columns count
    /// characters as editors do, so continuation bytes of a multi-byte character are not counted.
    static func parse(_ text: String) -> Result<CSVTable, Failure> {
        var rows: [Row] = []
        var cells: [Cell] = []
        var field: [UInt8] = []
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
            cells.append(Cell(text: String(decoding: field, as: UTF8.self), line: fieldLine, column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            quoted = false
            afterQuote = false
        }

        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        for byte in text.utf8 {
            // Only the first byte of a character moves the column.
            let advances = byte & 0xC0 != 0x80
            if inQuotes {
                if byte == quote {
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.append(byte)
                }
                if byte == newline { line += 1; column = 1 } else if advances { column += 1 }
                continue
            }
            switch byte {
            case quote:
                if afterQuote {
                    // A doubled quote inside a quoted field is one quote.
                    field.append(quote)
                    inQuotes = true
                    afterQuote = false
                } else if field.isEmpty && !quoted {
                    inQuotes = true
                    quoted = true
                    quoteLine = line
                    quoteColumn = column
                } else {
                    field.append(quote)
                }
                column += 1
            case comma:
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case newline:
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
                field.append(byte)
                if advances { column += 1 }
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
