import EvidentLoad
import EvidentModel
import Foundation

/// A content file as the loader reads it: decoded, split into front-matter and body, the YAML read
/// by the subset reader and compared with Yams, then parsed into a mapping with findings.
enum FrontMatterFuzz {
    static let file = "objectives/fuzz.md"

    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        guard case let .success(source) = SourceText.decode(Data(bytes), path: file) else { return }
        let text = source.text
        switch FrontMatterDocument.split(text) {
        case let .success(document):
            try checkSplit(document, of: Array(text.utf8))
            try compareWithYams(document.yaml)
            let report = LoadReport()
            _ = YAMLDocument.parse(document.yaml, file: file, firstLine: document.yamlFirstLine, table: ContentFormat.objective,
                                   report: report)
            try requirePlaced(report.findings)
        case .failure:
            // Not a content file: its whole text still goes through both YAML readers.
            try compareWithYams(text)
        }
    }

    static func compareWithYams(_ yaml: String) throws(FuzzViolation) {
        switch YAMLDifferential.compare(yaml) {
        case .leftToYams, .agreed:
            break
        case let .yamsRejected(subset):
            throw FuzzViolation("the subset reader read \(subset) where Yams reports an error, in \(yaml.debugDescription)")
        case let .differs(subset, yams):
            throw FuzzViolation("the subset reader read \(subset), Yams \(yams), in \(yaml.debugDescription)")
        }
    }

    /// The split, checked against the text: an opening fence line, the YAML lines with no fence
    /// among them, a closing fence line, then the body, which starts on `bodyFirstLine`.
    static func checkSplit(_ document: FrontMatterDocument, of text: [UInt8]) throws(FuzzViolation) {
        let body = Array(document.body.utf8)
        try require(document.yamlFirstLine == 2, "the YAML starts on line \(document.yamlFirstLine)")
        try require(text.count >= body.count && Array(text.suffix(body.count)) == body, "the body is not the end of the text")
        // The lines before the body: fence, YAML, fence.
        var lines = text.dropLast(body.count).split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if body.count < text.count, text[text.count - body.count - 1] == 10 { lines.removeLast() }
        try require(lines.count >= 2, "the front-matter has fewer than two fence lines")
        try require(document.bodyFirstLine == lines.count + 1, "the body starts on line \(document.bodyFirstLine), after \(lines.count) lines")
        func fence(_ line: [UInt8], closing: Bool) -> Bool {
            var end = line.count
            while end > 0, line[end - 1] == 32 || line[end - 1] == 9 { end -= 1 }
            let core = line.prefix(end)
            return core.elementsEqual("---".utf8) || (closing && core.elementsEqual("...".utf8))
        }
        try require(fence(lines[0], closing: false), "the first line is not an opening fence")
        try require(fence(lines[lines.count - 1], closing: true), "the front-matter does not end with a fence line")
        let yamlLines = lines[1..<(lines.count - 1)]
        try require(!yamlLines.contains { fence($0, closing: true) }, "a fence line inside the YAML")
        let yaml = yamlLines.isEmpty ? [10] : Array(yamlLines.map { $0 + [10] }.joined())
        try require(Array(document.yaml.utf8) == yaml, "the YAML is not the lines between the fences")
    }
}
