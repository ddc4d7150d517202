/// Everything loaded from one content tree, before any rule runs. Plain values, in a stable order
/// (sorted by file path), so that every later stage is deterministic.
public struct ContentSet: Sendable {
    /// The content folder as given (for messages), and its absolute path (for evidence checks).
    public var root: String
    public var rootPath: String
    public var configuration: Configuration
    public var policy: Policy?
    public var requirements: [RequirementSource]
    public var objectives: [Objective]
    public var measurements: [Measurement]
    /// Measurement files, with whether they carry an `objective` column (for file-named ones).
    public var measurementFiles: [MeasurementFile]
    public var reviews: [Review]
    public var communications: [Communication]
    /// Paths of files under `evidence/`, relative to it.
    public var evidenceFiles: [String]
    /// Findings made while reading files (`syntax/...`).
    public var loadFindings: [Finding]
    /// What those findings say could not be read, so that no rule reports it again.
    public var unread: Unread

    public init(root: String, rootPath: String, configuration: Configuration) {
        self.root = root
        self.rootPath = rootPath
        self.configuration = configuration
        requirements = []
        objectives = []
        measurements = []
        measurementFiles = []
        reviews = []
        communications = []
        evidenceFiles = []
        loadFindings = []
        unread = Unread()
    }
}

public struct MeasurementFile: Sendable {
    public var file: String
    /// The objective the file is named after, when it has no `objective` column.
    public var namedObjective: String?
    public var rows: Int

    package init(file: String, namedObjective: String? = nil, rows: Int) {
        self.file = file
        self.namedObjective = namedObjective
        self.rows = rows
    }
}
