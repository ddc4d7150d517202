/// An RFC 4180 table read a row at a time, whose every cell knows its line and column, so findings
/// can point at a cell.
enum CSVTable {
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

    /// Reads LF-terminated text (`SourceText` has already normalised line ends). Blank lines are
    /// skipped: editors leave them at the end of files and they carry no data. It works on UTF-8
    /// bytes (a scalar at a time was most of the time of reading 360,000 rows); columns count
    /// characters as editors do, so continuation bytes of a multi-byte character are not counted.
    ///
    /// Each row is handed to `row` as it ends, in one reused array (a table of rows had cost an
    /// array per row, 360,000 in a large tree); `row` returns false to stop. The error, if any,
    /// comes after the rows before it were handed over.
    @discardableResult
    static func read(_ text: String, row: (Row) -> Bool) -> Failure? {
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

        // Rows that are only an empty cell (blank lines) are skipped.
        func deliver() -> Bool {
            defer { cells.removeAll(keepingCapacity: true) }
            if cells.count == 1 && cells[0].text.isEmpty { return true }
            return row(Row(cells: cells, line: rowLine))
        }

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
                if !deliver() { return nil }
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowLine = line
            default:
                if afterQuote {
                    return .textAfterQuote(line: line, column: column)
                }
                field.append(byte)
                if advances { column += 1 }
            }
        }
        if inQuotes { return .unterminatedQuote(line: quoteLine, column: quoteColumn) }
        if !field.isEmpty || !cells.isEmpty || quoted {
            endField()
            _ = deliver()
        }
        return nil
    }
}
