import EvidentLoad
import Foundation

/// A measurements CSV: the RFC 4180 reader (every row and cell placed, and what it read written back
/// quoted reads the same), then the measurement reader's findings and rows.
enum CSVFuzz {
    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        guard case let .success(source) = SourceText.decode(Data(bytes), path: "measurements/OBJ-FUZZ-01.csv") else { return }
        let (rows, failure) = try read(source.text)
        if failure == nil {
            // Every cell quoted, quotes doubled: the same rows and cells must come back.
            let written = rows.map { row in row.map(quoted).joined(separator: ",") }.joined(separator: "\n")
            let (again, failureAgain) = try read(written)
            try require(failureAgain == nil, "the rows written back do not read: \(written.debugDescription)")
            try require(again == rows, "the rows written back read differently: \(rows) then \(again)")
        }
        let report = LoadReport()
        let file = MeasurementReader.read(source, report: report)
        let measurements = file.rows
        try requirePlaced(report.findings)
        try require(measurements.allSatisfy { $0.file == file.file }, "a row placed in another file than \(file.file)")
        try require(measurements.count <= max(0, rows.count - 1), "more measurements than data rows")
        if failure != nil {
            try require(measurements.isEmpty && report.findings.count == 1, "rows or findings kept from a file that does not read")
        }
        for (k, measurement) in measurements.enumerated() where k > 0 {
            try require(measurement.row > measurements[k - 1].row, "rows out of order")
        }
    }

    /// The cell in quotes, its quotes doubled: on UTF-8, since a quote followed by a combining mark
    /// is one `Character` with it, which a replacement of `"` by characters would miss.
    static func quoted(_ cell: String) -> String {
        var out: [UInt8] = [34]
        for byte in cell.utf8 {
            out.append(byte)
            if byte == 34 { out.append(34) }
        }
        out.append(34)
        return String(decoding: out, as: UTF8.self)
    }

    /// The texts of the rows read, and the failure; checks that rows and cells go forward in the text.
    static func read(_ text: String) throws(FuzzViolation) -> ([[String]], CSVTable.Failure?) {
        var rows: [[String]] = []
        var violation: FuzzViolation?
        var lastLine = 0
        let lineCount = text.utf8.count(where: { $0 == 10 }) + 1
        let failure = CSVTable.read(text) { row in
            var line = row.line, column = 0
            guard row.line > lastLine, !row.cells.isEmpty else {
                violation = FuzzViolation("row at line \(row.line) after line \(lastLine)")
                return false
            }
            for cell in row.cells {
                guard cell.line >= 1, cell.line <= lineCount, cell.column >= 1,
                      cell.line > line || (cell.line == line && cell.column > column) else {
                    violation = FuzzViolation("cell at \(cell.line):\(cell.column) after \(line):\(column)")
                    return false
                }
                (line, column) = (cell.line, cell.column)
            }
            lastLine = line
            rows.append(row.cells.map(\.text))
            return true
        }
        if let violation { throw violation }
        if let failure {
            switch failure {
            case let .unterminatedQuote(line, column), let .textAfterQuote(line, column):
                try require(line >= 1 && line <= lineCount && column >= 1, "a CSV failure at \(line):\(column)")
            }
        }
        return (rows, failure)
    }
}
