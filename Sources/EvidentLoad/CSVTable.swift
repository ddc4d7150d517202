/// An RFC 4180 table read a row at a time, whose every cell knows its line and column, so findings
/// can point at a cell.
package enum CSVTable {
    /// A cell: its UTF-8 and where it starts. The bytes are the file's own for an unquoted cell
    /// and the reader's for a quoted one, and stay valid only while the row is handed over: a
    /// reader makes a `String` of the cells it keeps, and none of the others (most cells of a
    /// measurements file are a period, a number or empty).
    package struct Cell {
        let bytes: UnsafeBufferPointer<UInt8>
        package let line: Int
        package let column: Int

        package var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    package struct Row {
        /// The row's cells, valid (as their bytes are) only while the row is handed over: the
        /// reader's memory for them, reused for every row.
        package var cells: UnsafeBufferPointer<Cell>
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
    /// Each row is handed to `row` as it ends, its cells in memory reused for every row; `row`
    /// returns false to stop.
    /// The error, if any, comes after the rows before it were handed over.
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
        // The row's cells, in memory of the reader's own, reused for every row and grown when a
        // row has more cells than any before it. A cell holds no reference: nothing to release.
        var cells = UnsafeMutableBufferPointer<Cell>.allocate(capacity: 8)
        var cellCount = 0
        defer { cells.deallocate() }
        func append(_ cell: Cell) {
            if cellCount == cells.count {
                let larger = UnsafeMutableBufferPointer<Cell>.allocate(capacity: cells.count * 2)
                _ = larger.initialize(fromContentsOf: cells)
                cells.deallocate()
                cells = larger
            }
            cells.initializeElement(at: cellCount, to: cell)
            cellCount += 1
        }
        var quoted: [UInt8] = []
        // The text of each quoted cell of the row being read, in memory that stays put until the
        // row has been handed over.
        var quotedCells: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { for cell in quotedCells { cell.deallocate() } }
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
                    let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(quoted.count, 1))
                    _ = copy.initialize(from: quoted)
                    quotedCells.append(copy)
                    append(Cell(bytes: UnsafeBufferPointer(rebasing: copy[0..<quoted.count]), line: cellLine, column: cellColumn))
                } else {
                    // An unquoted cell runs to the next comma or line end; a quote inside is text.
                    let start = position
                    while position < count {
                        let byte = bytes[position]
                        if byte == comma || byte == newline { break }
                        if byte & 0xC0 != 0x80 { column += 1 }
                        position += 1
                    }
                    append(Cell(bytes: UnsafeBufferPointer(rebasing: bytes[start..<position]), line: cellLine, column: cellColumn))
                }
                guard position < count, bytes[position] == comma else { break }
                position += 1
                column += 1
            }
            // Rows that are only an empty cell (blank lines) are skipped.
            if !(cellCount == 1 && cells[0].bytes.isEmpty) {
                guard row(Row(cells: UnsafeBufferPointer(rebasing: cells[0..<cellCount]), line: rowLine)) else { return nil }
            }
            cellCount = 0
            for cell in quotedCells { cell.deallocate() }
            quotedCells.removeAll(keepingCapacity: true)
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
