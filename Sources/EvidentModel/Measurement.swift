/// One row of a measurements CSV.
///
/// Every place in a row is in the row's own file, so the file is stored once and each place as a
/// line and column: rows are copied into series and pages, and a copy with a file name in every
/// place would count a reference for each place instead of one.
package struct Measurement: Sendable {
    // The fields are in this order so that none is padded: every row of the tree is held at once.
    package var file: String
    /// The objective id alone, without building its place.
    package private(set) var objectiveID: String
    package var valueText: String
    package var note: String?
    /// The `evidence` cell, without building its place.
    package private(set) var evidencePath: String?
    /// nil for a known gap (the note says why).
    package var value: Double?
    package var periodValue: Period
    private var line: Int32
    private var objectivePlace: Place
    private var periodPlace: Place
    private var evidencePlace: Place
    private var storedRow: Int32

    /// The row number in its file, so that "the latest row" is well defined.
    package var row: Int {
        get { Int(storedRow) }
        set { storedRow = Int32(clamping: newValue) }
    }

    /// A line and column in the row's file; 0 for none.
    private struct Place: Sendable {
        var line: Int32
        var column: Int32

        init(_ location: SourceLocation) {
            line = Int32(clamping: location.line ?? 0)
            column = Int32(clamping: location.column ?? 0)
        }

        init(line: Int, column: Int) {
            self.line = Int32(clamping: line)
            self.column = Int32(clamping: column)
        }

        func location(in file: String) -> SourceLocation {
            SourceLocation(file: file, line: line > 0 ? Int(line) : nil, column: column > 0 ? Int(column) : nil)
        }
    }

    /// The objective id: from the `objective` column, or from the file name.
    package var objective: Located<String> { Located(objectiveID, at: objectivePlace.location(in: file)) }
    package var period: Located<Period> { Located(periodValue, at: periodPlace.location(in: file)) }
    package var evidence: Located<String>? { evidencePath.map { Located($0, at: evidencePlace.location(in: file)) } }
    /// An `evidence` cell as the file it names, relative to `evidence/`: `./a/./b.csv` as `a/b.csv`.
    package static func evidenceFile(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
    /// The row's first cell.
    package var location: SourceLocation { SourceLocation(file: file, line: line > 0 ? Int(line) : nil, column: 1) }
}

// In an extension, so that the memberwise initialiser the reader uses exists.
extension Measurement {
    /// Places are taken as lines and columns of `file`.
    package init(file: String, objective: Located<String>, period: Located<Period>, value: Double?, valueText: String,
                note: String?, evidence: Located<String>?, location: SourceLocation, row: Int) {
        self.init(file: file, objectiveID: objective.value, valueText: valueText, note: note, evidencePath: evidence?.value,
                  value: value, periodValue: period.value, line: Int32(clamping: location.line ?? 0),
                  objectivePlace: Place(objective.location), periodPlace: Place(period.location),
                  evidencePlace: evidence.map { Place($0.location) } ?? Place(SourceLocation(file: file)),
                  storedRow: Int32(clamping: row))
    }

    /// The reader's: each place as a line and column of `file` (0 for none), without making a
    /// location for every cell.
    package init(file: String, objectiveID: String, objectiveAt: (line: Int, column: Int), period: Period,
         periodAt: (line: Int, column: Int), value: Double?, valueText: String, note: String?, evidencePath: String?,
         evidenceAt: (line: Int, column: Int), line: Int, row: Int) {
        // Through the memberwise initialiser: assigned field by field, the row would be made twice
        // over on the stack and copied into place.
        self.init(file: file, objectiveID: objectiveID, valueText: valueText, note: note, evidencePath: evidencePath,
                  value: value, periodValue: period, line: Int32(clamping: line),
                  objectivePlace: Place(line: objectiveAt.line, column: objectiveAt.column),
                  periodPlace: Place(line: periodAt.line, column: periodAt.column),
                  evidencePlace: Place(line: evidenceAt.line, column: evidenceAt.column), storedRow: Int32(clamping: row))
    }
}
