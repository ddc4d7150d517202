import Foundation
import Testing
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSupport

/// The CSV reader works on bytes in place; it must read every text as the plain byte-at-a-time
/// state machine below does (the reader it replaced): the same cells, lines, columns and errors.
struct CSVTableTests {
    /// What a read gives, as one comparable string.
    static func read(_ text: String) -> String {
        var rows: [String] = []
        let failure = CSVTable.read(text) { row in
            rows.append("\(row.line):" + row.cells.map { "\($0.line).\($0.column)\($0.text.debugDescription)" }.joined(separator: ","))
            return true
        }
        return rows.joined(separator: "\n") + "\n" + (failure.map { "\($0)" } ?? "ok")
    }

    /// The reference: one byte at a time, a field buffer, and the rows delivered as they end.
    static func reference(_ text: String) -> String {
        var rows: [String] = []
        var cells: [(text: String, line: Int, column: Int)] = []
        var field: [UInt8] = []
        var line = 1, column = 1, fieldLine = 1, fieldColumn = 1, rowLine = 1
        var inQuotes = false, quoted = false, afterQuote = false, quoteLine = 1, quoteColumn = 1
        func endField() {
            cells.append((text: String(decoding: field, as: UTF8.self), line: fieldLine, column: fieldColumn))
            field.removeAll()
            quoted = false
            afterQuote = false
        }
        func deliver() {
            if !(cells.count == 1 && cells[0].text.isEmpty) {
                rows.append("\(rowLine):" + cells.map { "\($0.line).\($0.column)\($0.text.debugDescription)" }.joined(separator: ","))
            }
            cells = []
        }
        func result(_ failure: String) -> String { rows.joined(separator: "\n") + "\n" + failure }
        for byte in text.utf8 {
            let advances = byte & 0xC0 != 0x80
            if inQuotes {
                if byte == 34 { inQuotes = false; afterQuote = true } else { field.append(byte) }
                if byte == 10 { line += 1; column = 1 } else if advances { column += 1 }
                continue
            }
            switch byte {
            case 34:
                if afterQuote { field.append(34); inQuotes = true; afterQuote = false } else if field.isEmpty && !quoted {
                    inQuotes = true; quoted = true; quoteLine = line; quoteColumn = column
                } else { field.append(34) }
                column += 1
            case 44:
                endField(); column += 1; fieldLine = line; fieldColumn = column
            case 10:
                endField(); deliver(); line += 1; column = 1; fieldLine = line; fieldColumn = 1; rowLine = line
            default:
                if afterQuote { return result("\(CSVTable.Failure.textAfterQuote(line: line, column: column))") }
                field.append(byte)
                if advances { column += 1 }
            }
        }
        if inQuotes { return result("\(CSVTable.Failure.unterminatedQuote(line: quoteLine, column: quoteColumn))") }
        if !field.isEmpty || !cells.isEmpty || quoted { endField(); deliver() }
        return result("ok")
    }

    @Test func readsAsTheByteAtATimeReaderDid() {
        let cases = ["period,value,note\n2026-10,3.1,\n", "a,\"b,c\",d\n", "\"a\"\"b\",\"\"\n", "a\n\n\nb", "a,", ",\n,",
                     "\"multi\nline\",x\n", "\"open", "\"a\" b,c", "é,\"ü\",\"x\"y", "a\"b\",c\n", "\"\"\n\"\"", "", "\n",
                     // Rows of more cells than the reader first makes room for, and one of fewer after them.
                     String(repeating: "x,", count: 40) + "y\n" + String(repeating: ",\"q\"", count: 20) + "\nlast"]
        for text in cases { #expect(Self.read(text) == Self.reference(text), "\(text.debugDescription)") }
        var random = SplitMix64(seed: 4180)
        let alphabet = ["a", "1", ",", "\"", "\n", " ", "é", "\"\"", ",\n", "中"]
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 24)).map { _ in YAMLSubsetReaderTests.pick(alphabet, &random) }.joined()
            #expect(Self.read(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func stopsWhenAsked() {
        var seen = 0
        let failure = CSVTable.read("a\nb\nc\n\"open") { _ in
            seen += 1
            return seen < 2
        }
        #expect(seen == 2)
        #expect(failure == nil)
    }

    /// Exponent notation written out as the plain decimal it stands for, digit for digit.
    @Test func plainFormOfExponentNotation() {
        let cases: [(String, String?)] = [
            ("1e3", "1000"), ("1E3", "1000"), ("2.5e-2", "0.025"), ("-1.5e+2", "-150"), ("+4e0", "4"), ("12e-6", "0.000012"),
            ("1.e3", "1000"), (".5e1", "5"), ("0e5", "0"), ("-0e0", "0"), ("1.2300e1", "12.3"), ("00012e-1", "1.2"),
            ("1e31", "1" + String(repeating: "0", count: 31)), ("1e32", nil), ("1e99999999999999999999", nil), ("1e-99999999999999999999", nil),
            ("1e", nil), ("e3", nil), ("1e3h", nil), ("1.2.3e3", nil), ("1e3.5", nil), ("1000", nil), ("", nil), ("٣e3", nil),
        ]
        for (text, plain) in cases {
            #expect(DecimalText.plainForm(ofExponentNotation: text) == plain, "\(text)")
        }
        #expect(DecimalText.plainForm(ofExponentNotation: "1e32", maxLength: 40) == "1" + String(repeating: "0", count: 32))
        for (x, text) in [(0.00001, "0.00001"), (1e18, "1000000000000000000"), (-2.5, "-2.5"), (4, "4"), (1e15 + 0.5, "1000000000000000.5"),
                          (1.7976931348623157e308, "17976931348623157" + String(repeating: "0", count: 292))] {
            #expect(DecimalText.plain(x) == text, "\(x)")
            #expect(Double(DecimalText.plain(x)) == x, "\(x)")
        }
    }

    /// Measurement values are read as `Double(_:)` reads them, digit for digit.
    @Test func decimalsReadAsDoubleReadsThem() {
        let cases = ["92.31", "0", "-0", "+5", "1.", ".5", "-.5", "0.1", "123456789012345", "1234567890123456", "0.000000000000001",
                     "99999999999999.9", "1.7976931348623157", "-", ".", "", "1.2.3", "1-2", "+-1", "00012.50"]
        for text in cases {
            let expected = Double(text)
            let value = DecimalText.value(text)
            #expect(value?.bitPattern == expected?.bitPattern, "\(text)")
        }
        var random = SplitMix64(seed: 2026)
        for _ in 0..<100_000 {
            let digits = (0..<Int(1 + random.next() % 17)).map { _ in String(random.next() % 10) }.joined()
            let point = Int(random.next() % UInt64(digits.count + 1))
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if random.next() % 3 == 0 { text = "-" + text }
            #expect(DecimalText.value(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }
}

/// Every row of a tree is held at once (both trees' in `diff`): a file's rows get room for no more
/// rows than it has line breaks, the header's included.
struct MeasurementRowRoomTests {
    @Test func roomForNoMoreRowsThanLineBreaks() {
        let rows = (1...36).map { String(format: "2024-%02d,%d.5,\n", ($0 - 1) % 12 + 1, $0) }
        let years = rows.enumerated().map { i, row in row.replacingOccurrences(of: "2024-", with: "\(2021 + i / 12)-") }
        let text = "period,value,note\n" + years.joined()
        let file = MeasurementReader.read(SourceText(path: "content/measurements/OBJ-1.csv", text: text), report: LoadReport())
        #expect(file.rows.count == 36)
        // 37 line breaks: one row too many is reserved for the header, none for an end without one.
        #expect(file.rows.capacity <= 37)
        let unended = MeasurementReader.read(SourceText(path: "content/measurements/OBJ-1.csv", text: String(text.dropLast())), report: LoadReport())
        #expect(unended.rows.count == 36)
    }
}
