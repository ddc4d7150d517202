import EvidentModel

/// The fuzz targets: each reads arbitrary bytes the way evident reads a content file, a pack or
/// git's output, and throws a `FuzzViolation` when the result breaks an invariant of that reader
/// (a crash inside the reader is a finding as well). libFuzzer's entry point (`Fuzz/`) and the
/// corpus replay in the normal test suite both call `run`, so the checks exist once.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Front-matter splitting, and the YAML subset reader against Yams (differential).
    case yaml
    /// The measurement CSV reader.
    case csv
    /// Markdown bodies: cmark-gfm, then the site's link, task item and heading rewriting.
    case markdown
    /// The zip reading of `evident verify`.
    case zip
    /// The pack's zip writer against ZIPFoundation's writer (differential).
    case zipwrite
    /// `evident diff`'s parsing of `git ls-tree -z` and `git cat-file --batch` output.
    case git
    /// The theme's walk of its templates against swift-mustache (differential).
    case templates
    /// An objective and its measurements in the starter tree: loaded, checked, its site rendered.
    case content

    public func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        switch self {
        case .yaml: try FrontMatterFuzz.run(bytes)
        case .csv: try CSVFuzz.run(bytes)
        case .markdown: try MarkdownFuzz.run(bytes)
        case .zip: try ZipFuzz.run(bytes)
        case .zipwrite: try ZipWriterDifferential.run(bytes)
        case .git: try GitOutputFuzz.run(bytes)
        case .templates: try TemplateFuzz.run(bytes)
        case .content: try ContentFuzz.run(bytes)
        }
    }
}

/// An invariant that an input broke, said in a sentence.
public struct FuzzViolation: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Throws when `condition` is false.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzViolation) {
    if !condition { throw FuzzViolation(message()) }
}

/// Findings must point at a real place: a line and column from 1.
func requirePlaced(_ findings: [Finding]) throws(FuzzViolation) {
    for finding in findings {
        try require((finding.location.line ?? 1) >= 1 && (finding.location.column ?? 1) >= 1,
                    "a finding at \(finding.location): \(finding.message)")
    }
}
