import Foundation
import Testing

/// Every `.timeLimit` in the tests is a guard against a hang, of at least five minutes. A shorter
/// one fails at random in a full run: its clock starts while the test still waits for a thread of
/// the shared pool (a minute and more on two cores). How long work takes is said by
/// `expectQuick`, timed from the work's own start.
@Suite struct TimeLimitTests {
    static let tests = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The limits shorter than five minutes in `text`, as written.
    static func tooShort(in text: String) -> [String] {
        let limit = /\.timeLimit\(\s*\.minutes\(\s*(\d+)\s*\)\s*\)|\.timeLimit\(\s*\.(seconds|milliseconds)\(/
        return text.matches(of: limit).compactMap { match in
            if let minutes = match.output.1, let value = Int(minutes), value >= 5 { return nil }
            return String(text[match.range])
        }
    }

    @Test func limitsShorterThanFiveMinutesAreFound() {
        #expect(Self.tooShort(in: "@Test(.timeLimit(.minutes(1))) func a()") == [".timeLimit(.minutes(1))"])
        #expect(Self.tooShort(in: "@Test(.timeLimit(.seconds(30))) func a()") == [".timeLimit(.seconds("])
        #expect(Self.tooShort(in: "@Test(.timeLimit(.minutes(5))) func a() {}\n@Test(.timeLimit(.minutes(10))) func b()").isEmpty)
    }

    @Test func everyTimeLimitIsAGuardAgainstAHang() throws {
        let files = try #require(FileManager.default.enumerator(at: Self.tests, includingPropertiesForKeys: nil))
        var found: [String] = []
        var read = 0
        for case let url as URL in files where url.pathExtension == "swift" && url.lastPathComponent != "TimeLimitTests.swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            read += 1
            found += Self.tooShort(in: text).map { "\(url.lastPathComponent): \($0)" }
        }
        #expect(read > 100, "the tests' sources were not found under \(Self.tests.path)")
        #expect(found.isEmpty, "\(found)")
    }
}
