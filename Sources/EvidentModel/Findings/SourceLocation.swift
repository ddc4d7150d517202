/// Where a value came from: a file (relative to the current directory, as diagnostics print it),
/// and a 1-based line and column when a finer place than the file is known.
///
/// Line and column are stored as 32-bit numbers, 0 for none: every value of the model carries a
/// location, and two optional 64-bit numbers would make each one twice the size. Lines and
/// columns start at 1, and no content file reaches 2³¹ lines.
/// Public only because `Located` is; its members stay `package`.
public struct SourceLocation: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    package var file: String
    private var storedLine: Int32
    private var storedColumn: Int32

    package var line: Int? {
        get { storedLine > 0 ? Int(storedLine) : nil }
        set { storedLine = Self.store(newValue) }
    }

    package var column: Int? {
        get { storedColumn > 0 ? Int(storedColumn) : nil }
        set { storedColumn = Self.store(newValue) }
    }

    package init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        storedLine = Self.store(line)
        storedColumn = Self.store(column)
    }

    private static func store(_ value: Int?) -> Int32 { value.map { Int32(clamping: max(0, $0)) } ?? 0 }

    private enum CodingKeys: String, CodingKey { case file, line, column }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try c.decode(String.self, forKey: .file), line: try c.decodeIfPresent(Int.self, forKey: .line),
                  column: try c.decodeIfPresent(Int.self, forKey: .column))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(column, forKey: .column)
    }

    /// The file alone, for findings about a whole file (SPEC 4.1: line 1).
    package static func wholeFile(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1)
    }

    public var description: String {
        switch (line, column) {
        case let (l?, c?): return "\(file):\(l):\(c)"
        case let (l?, nil): return "\(file):\(l)"
        default: return file
        }
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        return (a.column ?? 0) < (b.column ?? 0)
    }
}

/// A value and the place it was read from, so that any later stage can point at the source.
///
/// Public, where the rest of the model is `package`: only a public `@inlinable` initialiser is
/// specialised in the modules that make these (the readers make one for every value read), and
/// an unspecialised one looks up the generic type's metadata on every call.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    @inlinable
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
