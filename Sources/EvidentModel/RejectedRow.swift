/// A measurements row that `syntax/csv` rejected while reading (a value that is not a number, a
/// period that does not parse, a wrong number of cells), with what could be read of it. Its
/// finding is the one finding about it (SPEC 4.1 "One cause, one finding"): no rule reports the
/// value of its period missing, or judges a result it may have replaced.
package struct RejectedRow: Sendable, Equatable {
    /// The objective it names (its `objective` cell, or the file's name); nil when unreadable.
    package var objectiveID: String?
    /// The period it names; nil when unreadable, and then it may be any period's row.
    package var period: Period?
    /// Its line in its file.
    package var line: Int

    package init(objectiveID: String?, period: Period?, line: Int) {
        self.objectiveID = objectiveID
        self.period = period
        self.line = line
    }
}
