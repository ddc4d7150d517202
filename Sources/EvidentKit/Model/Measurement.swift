/// One row of a measurements CSV.
public struct Measurement: Sendable {
    public var file: String
    /// The objective id: from the `objective` column, or from the file name.
    public var objective: Located<String>
    public var period: Located<Period>
    /// nil for a known gap (the note says why).
    public var value: Double?
    public var valueText: String
    public var note: String?
    public var evidence: Located<String>?
    /// The row's first cell.
    public var location: SourceLocation
    /// The row number in its file, so that "the latest row" is well defined.
    public var row: Int
}
