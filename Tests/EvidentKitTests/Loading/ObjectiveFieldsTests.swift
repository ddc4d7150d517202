import Foundation
import Testing
@testable import EvidentModel

/// `Objective`'s field accessors (Objective+Fields.swift): one for every field of
/// `ObjectiveFields`, each reading and writing that field, and a write changes one copy only.
@Suite struct ObjectiveFieldsTests {
    static let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/EvidentModel")

    /// The names declared `package var NAME:` in `text` from `start` up to `end`.
    static func names(in file: String, from start: String, to end: String) throws -> [String] {
        let text = try String(contentsOf: model.appendingPathComponent(file), encoding: .utf8)
        let from = try #require(text.range(of: start))
        let to = try #require(text.range(of: end, range: from.upperBound..<text.endIndex))
        return text[from.upperBound..<to.lowerBound].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("    package var ") else { return nil }
            return line.dropFirst("    package var ".count).split(separator: ":").first.map(String.init)
        }
    }

    @Test func everyFieldHasAnAccessor() throws {
        let fields = try Self.names(in: "Objective.swift", from: "package struct ObjectiveFields: Sendable, Equatable {",
                                    to: "package init(file: String, location: SourceLocation)")
        let accessors = try Self.names(in: "Objective+Fields.swift", from: "extension Objective {", to: "\n}\n")
        #expect(fields.count > 30)
        #expect(accessors == fields)
        // Stored properties seen at run time are those the source declares, in order.
        let stored = Mirror(reflecting: ObjectiveFields(file: "f.md", location: SourceLocation(file: "f.md"))).children.compactMap(\.label)
        #expect(stored == fields)
    }

    /// Prose is the title, the statement and the body; any other field, or the place of one, is not.
    @Test func proseIsTheTitleTheStatementAndTheBody() {
        var a = Objective(file: "a.md", location: SourceLocation(file: "a.md", line: 1))
        a.title = Located("First", at: SourceLocation(file: "a.md", line: 2))
        a.target = Located("<= 4 h", at: SourceLocation(file: "a.md", line: 3, column: 9))
        var b = a
        b.title = Located("Second, longer", at: SourceLocation(file: "a.md", line: 2))
        b.statement = Located("Added.", at: SourceLocation(file: "a.md", line: 4))
        b.body = MarkdownBody(text: "Other words.\n", firstLine: 7)
        #expect(b.differsOnlyInProse(from: a) && a.differsOnlyInProse(from: b))
        var c = b
        c.target = Located("<= 3 h", at: SourceLocation(file: "a.md", line: 3, column: 9))
        #expect(!c.differsOnlyInProse(from: a))
        c.target = Located("<= 4 h", at: SourceLocation(file: "a.md", line: 4, column: 9))
        #expect(!c.differsOnlyInProse(from: a))
        c = b
        c.history = [HistoryEntry(location: SourceLocation(file: "a.md", line: 9))]
        #expect(!c.differsOnlyInProse(from: a))
    }

    @Test func aWriteChangesThisCopyOnly() {
        var a = Objective(file: "a.md", location: SourceLocation(file: "a.md", line: 1))
        a.title = Located("First", at: SourceLocation(file: "a.md", line: 2))
        var b = a
        #expect(b.sharesStorage(with: a))
        b.title = Located("Second", at: SourceLocation(file: "a.md", line: 2))
        b.history = [HistoryEntry(location: SourceLocation(file: "a.md", line: 9))]
        #expect(a.title?.value == "First" && b.title?.value == "Second")
        #expect(a.history.isEmpty && b.history.count == 1)
        #expect(!b.sharesStorage(with: a))
        #expect(a.fields.title?.value == "First" && b.fields.title?.value == "Second")
    }
}
