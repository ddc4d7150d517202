import Testing
@testable import EvidentSupport

@Suite struct CSVTests {
    /// `cell` reads bytes; it must write what reading scalars wrote (the code before it, here).
    @Test func cellsAreWhatAScalarReadingMakes() {
        func scalarCell(_ s: String) -> String {
            var text = s
            let neutralised: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
            if let first = s.unicodeScalars.first, neutralised.contains(first), !CSV.isPlainNumber(s) { text = "'" + s }
            guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
            var out = "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
            }
            return out + "\""
        }
        var random = SplitMix64(seed: 3)
        let pieces = ["a", "1", ".", ",", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "é", "≤", "\u{301}", " ", "'"]
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let expected = scalarCell(text)
            if CSV.cell(text) != expected {
                Issue.record("\(text.debugDescription) gives \(CSV.cell(text).debugDescription), not \(expected.debugDescription)")
                return
            }
        }
    }

    @Test func plainCellsAreKept() {
        #expect(CSV.cell("OBJ-INC-01") == "OBJ-INC-01")
        #expect(CSV.cell("") == "")
        #expect(CSV.cell("Temps de rétablissement ≤ 4 h") == "Temps de rétablissement ≤ 4 h")
        #expect(CSV.cell("<= 4 h") == "<= 4 h")
    }

    @Test func quotingFollowsRFC4180() {
        #expect(CSV.cell("a,b") == "\"a,b\"")
        #expect(CSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.cell("line 1\nline 2") == "\"line 1\nline 2\"")
        #expect(CSV.cell("line 1\r\nline 2") == "\"line 1\r\nline 2\"")
        #expect(CSV.cell("\"") == "\"\"\"\"")
    }

    /// OWASP CSV injection: every cell a spreadsheet would evaluate starts with a `'`.
    @Test func formulasAreNeutralised() {
        #expect(CSV.cell("=1+1") == "'=1+1")
        #expect(CSV.cell("+SUM(A1)") == "'+SUM(A1)")
        #expect(CSV.cell("-2+3") == "'-2+3")
        #expect(CSV.cell("@cmd") == "'@cmd")
        #expect(CSV.cell("\tx") == "'\tx")
        #expect(CSV.cell("\rx") == "\"'\rx\"")
        #expect(CSV.cell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSV.cell("-") == "'-")
        #expect(CSV.cell("-1e5") == "'-1e5")
        #expect(CSV.cell("- 3") == "'- 3")
        #expect(CSV.cell("+") == "'+")
        // Only the first character matters: `=` later in a cell is text.
        #expect(CSV.cell("a=1") == "a=1")
    }

    /// A cell that is entirely a decimal number cannot be a formula, so negative values stay numbers.
    @Test func plainNumbersAreNotPrefixed() {
        #expect(CSV.cell("-3") == "-3")
        #expect(CSV.cell("-3.5") == "-3.5")
        #expect(CSV.cell("+2") == "+2")
        #expect(CSV.cell("-.5") == "-.5")
        #expect(CSV.cell("3.3") == "3.3")
        #expect(CSV.cell("-1.2.3") == "'-1.2.3")
        #expect(CSV.cell("--3") == "'--3")
    }

    @Test func documentsHaveABOMAndCRLF() {
        let doc = CSV.document(header: ["a", "b"], rows: [["1", "x,y"], ["only"], ["1", "2", "3"]])
        #expect(doc == "\u{FEFF}a,b\r\n1,\"x,y\"\r\nonly,\r\n1,2\r\n")
        #expect(CSV.row([]) == "\r\n")
    }

    @Test func roundTripsThroughAReader() throws {
        let nasty = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "-3.5", "a,b", "q\"q", "l1\nl2", "l1\r\nl2", "", "≤ é"]
        let doc = CSV.document(header: nasty.indices.map { "c\($0)" }, rows: [nasty, nasty.reversed()])
        let table = try CSVReader.parse(doc)
        #expect(table.count == 3)
        let expected = nasty.map { s -> String in
            guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !CSV.isPlainNumber(s) else { return s }
            return "'" + s
        }
        #expect(table[1] == expected)
        #expect(table[2] == expected.reversed())
    }
}

/// An RFC 4180 reader for the tests (BOM skipped, CRLF or LF record ends), strict about quotes.
enum CSVReader {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field += "\""; i += 2; continue }
                    quoted = false
                    afterQuote = true
                } else {
                    field.unicodeScalars.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !afterQuote else { throw Malformed() }
                quoted = true
            case ",":
                row.append(field); field = ""; afterQuote = false
            case "\r":
                guard i + 1 < chars.count, chars[i + 1] == "\n" else { throw Malformed() }
                i += 1
                fallthrough
            case "\n":
                row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default:
                guard !afterQuote else { throw Malformed() }
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        guard !quoted else { throw Malformed() }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
