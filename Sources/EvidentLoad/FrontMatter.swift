import EvidentSupport
import Foundation

/// A Markdown file split into its YAML front-matter and its body, with the line each starts on.
package struct FrontMatterDocument: Sendable {
    package let yaml: String
    /// The file line of the first YAML line (the line after the opening `---`).
    package let yamlFirstLine: Int
    package let body: String
    /// The file line of the first body line.
    package let bodyFirstLine: Int

    package enum Failure: Error, Equatable, Sendable {
        case empty
        case missingOpening
        case unterminated
    }

    /// Splits `text` (LF line ends). The block opens with `---` on the first line and closes with
    /// `---` or `...` on a line of its own.
    package static func split(_ text: String) -> Result<FrontMatterDocument, Failure> {
        var text = text
        return text.withUTF8(split(bytes:))
    }

    /// On the UTF-8 bytes, lines found with `memchr`.
    private static func split(bytes: UnsafeBufferPointer<UInt8>) -> Result<FrontMatterDocument, Failure> {
        let count = bytes.count
        func lineEnd(from start: Int) -> Int {
            guard start < count else { return count }
            return bytes.firstIndex(of: 10, in: start..<count) ?? count
        }
        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var end = lineEnd(from: 0)
        guard isFence(bytes[0..<end], closing: false) else {
            // A file of only white space cannot start with a fence.
            let blank = !bytes.contains(where: { $0 != 32 && $0 != 9 && $0 != 10 })
            return .failure(blank ? .empty : .missingOpening)
        }
        let yamlStart = min(end + 1, count)
        var lineStart = yamlStart
        var lineNumber = 2
        while lineStart < count {
            end = lineEnd(from: lineStart)
            if isFence(bytes[lineStart..<end], closing: true) {
                let yaml = lineStart == yamlStart ? "\n" : string(yamlStart, lineStart)
                return .success(FrontMatterDocument(yaml: yaml, yamlFirstLine: 2,
                                                    body: string(min(end + 1, count), count),
                                                    bodyFirstLine: lineNumber + 1))
            }
            lineStart = end + 1
            lineNumber += 1
        }
        return .failure(.unterminated)
    }

    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>, closing: Bool) -> Bool {
        // Every line of the front-matter is asked: its first byte answers for nearly all.
        guard let first = line.first, first == UInt8(ascii: "-") || (closing && first == UInt8(ascii: ".")) else { return false }
        var s = line
        while let last = s.last, last == 32 || last == 9 { s = s.dropLast() }
        return s.elementsEqual("---".utf8) || (closing && s.elementsEqual("...".utf8))
    }
}
