/// An RFC 4180 table read a row at a time, whose every cell knows its line and column, so findings
/// can point at a cell.
package enum CSVTable {
    package struct Cell {
        package var text: String
        package var line: Int
        package var column: Int
    }

    package struct Row {
        package var cells: [Cell]
        package var line: Int
    }

    package enum Failure: Error {
        case unterminatedQuote(line: Int, column: Int)
        case textAfterQuote(line: Int, column: Int)
    }

    /// Reads LF-terminated text (`SourceText` has already normalised line ends). Blank lines are
    /// skipped: editors leave them at the end of files and they carry no data. Columns count
    /// characters as editors do, so continuation bytes of a multi-byte character are not counted.
    ///
    /// Each row is handed to `row` as it ends, in one reused array (a table of rows had cost an
    /// array per row, 360,000 in a large tree); `row` returns false to stop. The error, if any,
    /// comes after the rows before it were handed over.
    @discardableResult
    package static func read(_ text: String, row: (Row) -> Bool) -> Failure? {
        var text = text
        return text.withUTF8 { read($0, row: row) }
    }

    /// On the bytes in place: an unquoted cell becomes a string straight from its bytes, without
    /// being copied a byte at a time first.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, row: (Row) -> Bool) -> Failure? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        let count = bytes.count
        var cells: [Cell] = []
        var quoted: [UInt8] = []
        var position = 0
        var line = 1
        var column = 1
        while position < count {
            let rowLine = line
            while true {
                let cellLine = line, cellColumn = column
                if position < count, bytes[position] == quote {
                    // A quoted cell: `""` inside is one quote; line ends inside belong to the cell.
                    quoted.removeAll(keepingCapacity: true)
                    position += 1
                    column += 1
                    while true {
                        guard position < count else { return .unterminatedQuote(line: cellLine, column: cellColumn) }
                        let byte = bytes[position]
                        if byte == quote {
                            position += 1
                            column += 1
                            guard position < count, bytes[position] == quote else { break }
                            quoted.append(quote)
                            position += 1
                            column += 1
                            continue
                        }
                        if byte == newline {
                            line += 1
                            column = 1
                        } else if byte & 0xC0 != 0x80 {
                            column += 1
                        }
                        quoted.append(byte)
                        position += 1
                    }
                    if position < count, bytes[position] != comma, bytes[position] != newline {
                        return .textAfterQuote(line: line, column: column)
                    }
                    cells.append(Cell(text: String(decoding: quoted, as: UTF8.self), line: cellLine, column: cellColumn))
                } else {
                    // An unquoted cell runs to the next comma or line end; a quote inside is text.
                    let start = position
                    while position < count {
                        let byte = bytes[position]
                        if byte == comma || byte == newline { break }
                        if byte & 0xC0 != 0x80 { column += 1 }
                        position += 1
                    }
                    cells.append(Cell(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self),
                                      line: cellLine, column: cellColumn))
                }
                guard position < count, bytes[position] == comma else { break }
                position += 1
                column += 1
            }
            // Rows that are only an empty cell (blank lines) are skipped.
            if !(cells.count == 1 && cells[0].text.isEmpty) {
                guard row(Row(cells: cells, line: rowLine)) else { return nil }
            }
            cells.removeAll(keepingCapacity: true)
            if position < count {
                // The line end.
                position += 1
                line += 1
                column = 1
            }
        }
        return nil
    }
}
