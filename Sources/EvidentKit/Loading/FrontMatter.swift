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
        // Works on UTF-8 bytes: splitting into Characters was a sixth of the loading time.
        let bytes = text.utf8
        guard bytes.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 }) else { return .failure(.empty) }
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            let next = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : bytes.endIndex
            if let start = yamlStart {
                if isFence(line, closing: true) {
                    let yaml = String(text[start..<lineStart]) + (start == lineStart ? "\n" : "")
                    return .success(FrontMatterDocument(yaml: yaml, yamlFirstLine: 2,
                                                        body: String(text[next...]), bodyFirstLine: lineNumber + 1))
                }
            } else {
                guard isFence(line, closing: false) else { return .failure(.missingOpening) }
                yamlStart = next
            }
            lineStart = next
            lineNumber += 1
        }
        return .failure(.unterminated)
    }

    private static func isFence(_ line: Substring.UTF8View, closing: Bool) -> Bool {
        var s = line
        while let last = s.last, last == 32 || last == 9 { s = s.dropLast() }
        return s.elementsEqual("---".utf8) || (closing && s.elementsEqual("...".utf8))
    }
}
