/// A Markdown file split into its YAML front-matter and its body, with the line each starts on.
public struct FrontMatterDocument: Sendable {
    public let yaml: String
    /// The file line of the first YAML line (the line after the opening `---`).
    public let yamlFirstLine: Int
    public let body: String
    /// The file line of the first body line.
    public let bodyFirstLine: Int

    public enum Failure: Error, Equatable, Sendable {
        case empty
        case missingOpening
        case unterminated
    }

    /// Splits `text` (LF line ends). The block opens with `---` on the first line and closes with
    /// `---` or `...` on a line of its own.
    public static func split(_ text: String) -> Result<FrontMatterDocument, Failure> {
        if text.allSatisfy(\.isWhitespace) { return .failure(.empty) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, isFence(first, closing: false) else { return .failure(.missingOpening) }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            lineNumber += 1
            if isFence(line, closing: true) {
                let body = lines.joined(separator: "\n")
                return .success(FrontMatterDocument(
                    yaml: yamlLines.joined(separator: "\n") + "\n", yamlFirstLine: 2,
                    body: body, bodyFirstLine: lineNumber + 1))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }

    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var s = line
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s == "---" || (closing && s == "...")
    }
}
