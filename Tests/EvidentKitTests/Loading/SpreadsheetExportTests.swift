import Foundation
import Testing
@testable import EvidentCheck
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite

/// Measurements files as spreadsheets and monitoring tools export them: what evident reads of them,
/// and, for what it refuses, a message that says what to write instead, at the cell. Nothing a
/// spreadsheet writes is read as a number or a period evident would have to guess.
@Suite struct SpreadsheetExportTests {
    private let path = "measurements/OBJ-INC-01.csv"

    /// The findings of the whole tree with `bytes` in place of OBJ-INC-01's measurements, and the
    /// values read for OBJ-INC-01.
    private func check(_ bytes: Data) throws -> (findings: [Finding], values: [String]) {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write(path, bytes)
        let result = try tree.check(asOf: ExampleTree.asOf)
        let values = result.model.content.measurements.filter { $0.objectiveID == "OBJ-INC-01" }
            .map { "\($0.periodValue) \($0.valueText)" }
        return (result.findings, values)
    }

    /// The `syntax/csv` findings of OBJ-INC-01's measurements with `rows` after its header and
    /// first rows, as `line:column message`.
    private func csvFindings(_ rows: String) throws -> [String] {
        let (findings, _) = try check(Data((ExampleTree.measurements + rows).utf8))
        return findings.filter { $0.rule == "syntax/csv" }
            .map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }
    }

    /// Rows as each program writes them read to the same values as the plain file.
    @Test func exportsThatReadAsThePlainFile() throws {
        let plain = ExampleTree.measurements
        let lines = plain.split(separator: "\n").map(String.init)
        let (plainFindings, expected) = try check(Data(plain.utf8))
        #expect(expected.count == 9)
        let quotedEverywhere = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }.joined(separator: ",") }
        let exports: [(String, Data)] = [
            ("Excel CSV UTF-8: a byte-order mark and CRLF", Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\r\n") + "\r\n").utf8)),
            ("LibreOffice: every cell quoted", Data((quotedEverywhere.joined(separator: "\n") + "\n").utf8)),
            ("Google Sheets: no line end after the last row", Data(lines.joined(separator: "\n").utf8)),
            ("old Excel for Mac: CR line ends", Data((lines.joined(separator: "\r") + "\r").utf8)),
            ("blank lines and rows of commas at the end", Data((plain + "\n\n,,,\n,,,\r\n ,\t, ,\n").utf8)),
            ("an objective column, every cell quoted, CRLF",
             Data(lines.enumerated().map { $0.offset == 0 ? "\"Objective\",\($0.element)" : "\"OBJ-INC-01\",\($0.element)" }.joined(separator: "\r\n").utf8)),
            ("a header in other case, with spaces", Data((plain.replacingOccurrences(of: "period,value,note,evidence", with: "Period, Value,NOTE ,Evidence")).utf8)),
        ]
        for (name, bytes) in exports {
            let (findings, values) = try check(bytes)
            #expect(values == expected, "\(name)")
            #expect(findings.map(\.message) == plainFindings.map(\.message), "\(name)")
        }
    }

    /// A note over many lines, with quotes, or that looks like a formula is read as it is written.
    @Test func notesAreReadAsWritten() throws {
        let long = String(repeating: "very long note ", count: 400)
        let text = ExampleTree.measurements + "2026-11,3.1,\"\(long)\nsecond line, \"\"quoted\"\"\n\nafter a blank line\",\n"
            + "2026-12,3.2,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",\n"
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write(path, Data(text.utf8))
        let result = try tree.check(asOf: "2027-01-20")
        let notes = result.model.content.measurements.filter { $0.objectiveID == "OBJ-INC-01" }.compactMap(\.note)
        #expect(notes == ["\(long)\nsecond line, \"quoted\"\n\nafter a blank line", "=HYPERLINK(\"http://example.com\",\"x\")"])
        #expect(!result.findings.contains { $0.rule == "syntax/csv" })
    }

    /// The site shows a note as its cell holds it: its line breaks kept, a formula as text.
    @Test func theSiteShowsTheNoteAsWritten() throws {
        var files = ExampleTree.base
        files[path] = ExampleTree.edit(ExampleTree.measurements, [
            "2026-03,3.9,,": "2026-03,3.9,\"Outage at the data centre:\r\npower, then cooling\",",
            "2026-04,3.2,,": "2026-04,3.2,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",",
        ])
        let site = try SiteTestSupport.site(of: files)
        let objective = String(decoding: try #require(site["objectives/obj-inc-01.html"]), as: UTF8.self)
        #expect(objective.contains("<td class=\"value-note\" dir=\"auto\">Outage at the data centre:\npower, then cooling</td>"))
        #expect(objective.contains("<td class=\"value-note\" dir=\"auto\">=HYPERLINK(&quot;http://example.com&quot;,&quot;x&quot;)</td>"))
        let style = String(decoding: try #require(site["assets/style.css"]), as: UTF8.self)
        #expect(style.contains("td.value-note { white-space: pre-line; }"))
    }

    /// register.csv gives the latest value as the file writes it (`3.70`, not 3.7).
    @Test func theRegisterShowsTheValueAsWritten() throws {
        let text = ExampleTree.edit(ExampleTree.measurements, ["2026-10,3.7,,": "\"2026-10\",\" 3.70 \",,"])
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write(path, Data(text.utf8))
        let register = Registers.registerCSV(try tree.check())
        let row = try #require(register.split(separator: "\r\n").first { $0.hasPrefix("OBJ-INC-01,") })
        #expect(row.contains(",2026-10,3.70,on-target,"), "\(row)")
    }

    /// Whatever a cell holds, the hints never crash, and a number or period they offer is one
    /// evident reads.
    @Test func hintsOfferOnlyWhatReads() {
        var generator = SplitMix64(seed: 2026)
        let alphabet = Array("0123456789012345.,,-+ '%$#/:()eEkQWHqw\u{A0}\u{202F}\u{2212}\u{200B}Oct-Nov\u{FEFF}é!?\u{FF13}\u{663}\u{FF0E}\u{2011}")
        for _ in 0..<3000 {
            let length = Int.random(in: 0...14, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            for message in [SpreadsheetText.valueMessage(text), SpreadsheetText.periodMessage(text),
                            SpreadsheetText.splitValueHint(text.split(separator: ",", omittingEmptySubsequences: false).map(String.init))]
                .compactMap({ $0 }) {
                // The code spans after "write"/"Write": each is a plain number or a period.
                for part in message.components(separatedBy: "rite `").dropFirst() {
                    let offered = String(part.prefix { $0 != "`" })
                    #expect(MeasurementReader.isPlainDecimalText(offered) || Period(parsing: offered) != nil,
                            "\(text.debugDescription): \(message)")
                }
            }
        }
    }

    /// A decimal comma, thousands separators, a unit, a minus that is not `-`: refused at the
    /// cell, with the plain number to write. A plain number beside them reads.
    @Test func numbersWrittenForPeopleNameThePlainNumber() throws {
        let f = try csvFindings("""
            2026-11,"99,5",,
            2026-11,"1,234.5",,
            2026-11,"1.234,5",,
            2026-11,1 234\u{A0},,
            2026-11,"1\u{202F}234,5",,
            2026-11,1.234.567,,
            2026-11,99.5%,,
            2026-11,"99,5 %",,
            2026-11,$3.30,,
            2026-11,\u{2212}3.3,,
            2026-11,(3.3),,
            2026-11,3.3 h,,

            """)
        let write = f.map { $0.split(separator: "Write ").last.map { String($0.prefix { $0 != ":" }) } ?? $0 }
        #expect(write == ["`99.5`", "`1234.5`", "`1234.5`", "`1234`", "`1234.5`", "`1234567`", "`99.5`", "`99.5`", "`3.30`",
                          "`-3.3`", "`-3.3`", "`3.3`"], "\(f)")
        #expect(f.map { $0.prefix { $0 != " " } } == (11...22).map { "\($0):9" })
        #expect(f[0] == "11:9 `99,5` is not a number evident reads: it has a decimal comma. Write `99.5`: digits with a `.` decimal point, no thousands separator and no unit.")
        #expect(f[2].contains("it has a decimal comma and `.` between thousands."))
        #expect(f[3].contains("it has spaces between thousands."))
        #expect(f[7].contains("it has a decimal comma and a unit, `%`."))
        #expect(f[9].contains("it has `−` for the minus sign, not `-`."))
        #expect(f[10].contains("it has brackets for a negative number."))
        // The reader does not know the metric's unit: a value in another unit is to be converted.
        #expect(f[11].hasSuffix("no unit. The value is read in the metric's unit: if that is not `h`, convert it first."))
        #expect(!f[0].contains("metric's unit"))
        // Both are read as numbers: the one finding is the model's, `-3.3` hours being no duration.
        let signed = try csvFindings("2026-11,-3.3,,\n2026-12, +.5 ,,\n")
        #expect(signed.count == 1 && signed.first?.hasPrefix("11:1 The value `-3.3` for 2026-11 is below zero") == true, "\(signed)")
    }

    /// `1,234` is a thousand and more or a decimal comma: both readings are named, neither chosen.
    @Test func aCommaBeforeThreeDigitsIsEitherReading() throws {
        #expect(try csvFindings("2026-11,\"1,234\",,\n") == [
            "11:9 `1,234` is not a number evident reads: its `,` may separate thousands or be a decimal comma. Write `1234` or `1.234`, whichever it means.",
        ])
        #expect(try csvFindings("2026-11,\"1,234 h\",,\n").first?.hasSuffix("Write `1234` or `1.234`, whichever it means, without the unit.") == true)
    }

    /// Text that is no number at all keeps the general message: no plain number is made up.
    @Test func otherTextKeepsTheGeneralMessage() throws {
        let f = try csvFindings("2026-11,n/a,,\n2026-11,1.2.3,,\n2026-11,\"12,34,567\",,\n2026-11,<5,,\n2026-11,about 3 to 4,,\n2026-11,-,,\n"
                                + "2026-11,3.3-,,\n2026-11,1.5k,,\n2026-11,2 Mio.,,\n")
        #expect(f.count == 9)
        #expect(f.allSatisfy { $0.contains("is not a number; write it with a `.` decimal point and no unit") }, "\(f)")
    }

    /// A spreadsheet's error value or a column too narrow, in place of a value, is said to be one.
    @Test func spreadsheetErrorsAreNamed() throws {
        let f = try csvFindings("2026-11,#DIV/0!,,\n2026-11,#N/A,,\n2026-11,#WERT!,,\n2026-11,Err:502,,\n2026-11,#####,,\n2026-11,3:30,,\n")
        #expect(f.count == 6)
        #expect(f.prefix(4).allSatisfy { $0.contains("is a spreadsheet's error, not a value: the formula of this cell failed.") }, "\(f)")
        #expect(f[4].contains("a column is too narrow for its value"))
        #expect(f[5] == "16:9 `3:30` is a duration or a time of day as a spreadsheet shows it; write it as a decimal number in the metric's unit (3 h 30 min is `3.5` in hours, `210` in minutes).")
        #expect(try csvFindings("2026-11,,#N/A in the export; rerun due,\n").isEmpty)
    }

    /// A value with a decimal comma and no quotes splits the row: said at the value, with the
    /// number to write. A row split elsewhere keeps the general message, at the row.
    @Test func aValueSplitAtItsCommaIsSaidSo() throws {
        #expect(try csvFindings("2026-11,99,5,,\n") == [
            "11:9 This row has 5 cells; the header has 4. `99,5` in the `value` column is a number with a decimal comma, split at its comma: write `99.5`.",
        ])
        #expect(try csvFindings("2026-11,1,234,567,,\n").first?.hasSuffix("`1,234,567` in the `value` column is a number with `,` between thousands, split at its commas: write `1234567`.") == true)
        #expect(try csvFindings("2026-11,1,234.5,,\n").first?.hasSuffix("`1,234.5` in the `value` column is a number with `,` between thousands, split at its comma: write `1234.5`.") == true)
        #expect(try csvFindings("2026-11,3.,5,,\n") == ["11:1 This row has 5 cells; the header has 4. Quote cells that contain commas."])
        #expect(try csvFindings("2026-11,3,4 P1 incidents, all restored,\n")
                == ["11:1 This row has 5 cells; the header has 4. Quote cells that contain commas."])
    }

    /// Periods a spreadsheet turned into dates, or wrote in its own way: the period to write.
    @Test func periodsAsSpreadsheetsWriteThem() throws {
        let f = try csvFindings("""
            Nov-26,3.1,,
            October 2026,3.1,,
            Okt. 2026,3.1,,
            1-Oct-26,3.1,,
            31/10/2026,3.1,,
            31.10.2026,3.1,,
            11/1/2026,3.1,,
            2026/10/31,3.1,,
            2026-10-31 00:00:00,3.1,,
            2026-10-31T00:00:00Z,3.1,,
            2026-q3,3.1,,
            Q3 2026,3.1,,
            2026-W5,3.1,,
            10/2026,3.1,,
            46296,3.1,,
            ######,3.1,,

            """)
        #expect(f.map { $0.prefix { $0 != " " } } == (11...26).map { "\($0):1" })
        #expect(f == [
            "11:1 `Nov-26` is a month as a spreadsheet shows a date (it may have turned `2026-11` into one); write `2026-11`, and format the column as text so that it stays so.",
            "12:1 `October 2026` is a month as a spreadsheet shows a date (it may have turned `2026-10` into one); write `2026-10`, and format the column as text so that it stays so.",
            "13:1 `Okt. 2026` is a month as a spreadsheet shows a date (it may have turned `2026-10` into one); write `2026-10`, and format the column as text so that it stays so.",
            "14:1 `1-Oct-26` is a date as a spreadsheet shows it; write it year first, `2026-10-01` (or `2026-10`, if it stands for the month a spreadsheet made a date of).",
            "15:1 `31/10/2026` is a date in the order of the machine that saved it; write it year first, `2026-10-31`.",
            "16:1 `31.10.2026` is a date in the order of the machine that saved it; write it year first, `2026-10-31`.",
            "17:1 `11/1/2026` is a date in the order of the machine that saved it, month or day first; write it year first: `2026-11-01` if the month comes first (as in the US), `2026-01-11` if the day does (or `2026-11`, if it stands for the month a spreadsheet made a date of).",
            "18:1 `2026/10/31` is a date in another form than evident reads; write it year-month-day, `2026-10-31`.",
            "19:1 `2026-10-31 00:00:00` is a date with a time; write the date alone, `2026-10-31`, or the period it stands for.",
            "20:1 `2026-10-31T00:00:00Z` is a date with a time; write the date alone, `2026-10-31`, or the period it stands for.",
            "21:1 `2026-q3` is not written as evident reads a period; write `2026-Q3` (the year first, then a dash).",
            "22:1 `Q3 2026` is not written as evident reads a period; write `2026-Q3` (the year first, then a dash).",
            "23:1 `2026-W5` is not written as evident reads a period; write `2026-W05` (the year first, then a dash).",
            "24:1 `10/2026` is not written as evident reads a period; write `2026-10` (the year first, then a dash).",
            "25:1 `46296` looks like a date a spreadsheet wrote as its serial number, `2026-10-01`; format the column as text (or as a date, yyyy-mm-dd) and export again, or write the period.",
            "26:1 `######` is what a spreadsheet shows when a column is too narrow for its value, and it saved that in the period's place; widen the column and export again.",
        ])
    }

    /// What is no period in any spreadsheet's form keeps the general message; `2026-Q3`, which
    /// spreadsheets keep as text, and every form evident reads are read.
    @Test func otherPeriodsKeepTheGeneralMessage() throws {
        let f = try csvFindings("2026-13,3.1,,\n2026-Q5,3.1,,\nsoon,3.1,,\n32/13/2026,3.1,,\nMay,3.1,,\n12345,3.1,,\n")
        #expect(f.count == 6)
        #expect(f.allSatisfy { $0.contains("is not a period; write 2026, 2026-H2, 2026-Q3, 2026-10, 2026-W42 or 2026-10-31.") }, "\(f)")
        #expect(try csvFindings("2026-11-30,3.1,,\n2026-W47,3.0,,\n").isEmpty)
    }

    /// A header a spreadsheet was given: the column it most likely means, the separator line some
    /// write, a header in `;` with the empty columns a spreadsheet adds.
    @Test func headersAsPeopleNameThem() throws {
        func header(_ text: String) throws -> [String] {
            let (findings, _) = try check(Data((text + "\n2026-10,3.1,,\n").utf8))
            return findings.filter { $0.rule == "syntax/csv" }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }
        }
        for (name, meant) in [("Month", "period"), ("Date", "period"), ("Value (%)", "value"), ("Result", "value"), ("Comment", "note"),
                              ("Evidence link", "evidence")] {
            let f = try header("period,value,note,evidence".replacingOccurrences(of: meant, with: name))
            #expect(f.count == 1 && f[0].hasSuffix("Did you mean `\(meant)`?"), "\(name): \(f)")
        }
        #expect(try header("sep=,\nperiod,value,note,evidence") == [
            "1:1 `sep=,` is the line some spreadsheets write to name the separator; evident does not read it. Delete the line, so that the file starts with the header row.",
        ])
        #expect(try header("period;value;note;evidence;;").first?.contains("The header is separated by `;`") == true)
        #expect(try header("period;amount;;").first?.contains("separated by") == false)
        #expect(try header("Period,Value,Note,Evidence").isEmpty)
        // A report's title and date above the header: where the header is, and what to delete.
        #expect(try header("Incident restoration report\nExported 2026-11-02\n\nPeriod, Value,Note,Evidence") == [
            "1:1 `Incident restoration report` is not a measurements column (objective, period, value, note, evidence). The header is on line 4; delete the 3 lines above it (a title or notes a report writes first), so that the file starts with the header.",
        ])
        #expect(try header("Incident restoration report\nperiod;value\n").first?.contains("The header is on line") == false)
    }

    /// A character that shows as nothing (a second byte order mark, a zero-width space, a soft
    /// hyphen) is named by its code, in the header, a value or a period, with what is left to write.
    /// A digit of another script or a full-width one (as an input method or a locale writes them)
    /// is named, with the number or period in ASCII digits: never read, and never taken for a
    /// unit (`٣.7` is not `0.7` in the unit `٣`).
    @Test func digitsOfOtherScriptsAreNamed() throws {
        #expect(try csvFindings("2026-11,\u{663}.7,,\n2026-11,\u{FF13}\u{FF0E}\u{FF17},,\n2026-11,\u{2212}\u{FF13},,\n2026-\u{FF11}1,3.7,,\n2026-11,\u{FF13}x\u{FF13},,\n") == [
            "11:9 `\u{663}.7` is not a number evident reads: it has `\u{663}` (U+0663), which looks like `3` but is not the character evident reads: write `3.7`.",
            "12:9 `\u{FF13}\u{FF0E}\u{FF17}` is not a number evident reads: it has `\u{FF13}` (U+FF13), which looks like `3` but is not the character evident reads: write `3.7`.",
            "13:9 `\u{2212}\u{FF13}` is not a number evident reads: it has `\u{2212}` (U+2212), which looks like `-` but is not the character evident reads: write `-3`.",
            "14:1 `2026-\u{FF11}1` is not a period evident reads: it has `\u{FF11}` (U+FF11), which looks like `1` but is not the character evident reads: write `2026-11`.",
            "15:9 `\u{FF13}x\u{FF13}` is not a number evident reads: it has digits other than 0 to 9; write it in those, with a `.` decimal point.",
        ])
    }

    @Test func invisibleCharactersAreNamed() throws {
        let (doubled, _) = try check(Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) + Data(ExampleTree.measurements.utf8))
        #expect(doubled.filter { $0.rule == "syntax/csv" }.map(\.message) == [
            "`\u{FEFF}period` holds a second byte order mark, U+FEFF (the file starts with two: a program added one to a file that had one); delete it, and the column reads as `period`.",
        ])
        let (inHeader, _) = try check(Data(("period,value\u{200B},note,evidence\n2026-10,3.1,,\n").utf8))
        #expect(inHeader.filter { $0.rule == "syntax/csv" }.map(\.message) == [
            "`value\u{200B}` holds an invisible character, U+200B; delete it, and the column reads as `value`.",
        ])
        #expect(try csvFindings("2026-11,3.1\u{AD},,\n\u{200B}2026-12,3.2,,\n2026-12,3\u{200B}x,,\n") == [
            "11:9 `3.1\u{AD}` holds an invisible character, U+00AD, which a copy from another program may bring; delete it: write `3.1`.",
            "12:1 `\u{200B}2026-12` holds an invisible character, U+200B, which a copy from another program may bring; delete it: write `2026-12`.",
            "13:9 `3\u{200B}x` holds an invisible character, U+200B, which a copy from another program may bring; delete it.",
        ])
    }

    /// An objective id with a character that shows as nothing names no objective: the message says
    /// which character, and the id it names without it; an id with no such character keeps its hint.
    @Test func anIdWithAnInvisibleCharacterSaysSo() throws {
        let tree = try TemporaryTree(ExampleTree.base)
        defer { tree.remove() }
        try tree.write("measurements/all.csv", Data("objective,period,value\n\u{200B}OBJ-INC-01,2026-10,3.1\nOBJ-INC-10,2026-10,3.1\n".utf8))
        let unknown = try tree.check().findings.filter { $0.rule == "monitored/unknown-objective" }.map(\.message)
        #expect(unknown.count == 2)
        #expect(unknown.first?.contains("It holds an invisible character, U+200B, which a copy from another program may bring; delete it, and it names `OBJ-INC-01`.") == true, "\(unknown)")
        #expect(unknown.last?.contains("Did you mean `OBJ-INC-01`?") == true, "\(unknown)")
    }

    /// A link in the evidence column (copied from a sheet's cell) is said to be one, with where the
    /// file goes; a path that is missing keeps the general message.
    @Test func aLinkAsEvidenceSaysWhereTheFileGoes() throws {
        let (findings, _) = try check(Data((ExampleTree.measurements
            + "2026-11,3.1,,https://sharepoint.example.com/sites/ops/p1.xlsx\n2026-11,3.1,,p1-2026-11.csv\n").utf8))
        let evidence = findings.filter { $0.rule == "monitored/evidence" }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" }
        #expect(evidence.count == 2)
        #expect(evidence.first?.hasPrefix("11:14 The evidence `https://sharepoint.example.com/sites/ops/p1.xlsx` is a web address, not a file in ") == true, "\(evidence)")
        #expect(evidence.first?.hasSuffix("and write its path, relative to that folder, in this cell; a link can go in `note`.") == true)
        #expect(evidence.last?.contains("does not exist in") == true)
    }

    /// Files saved in another encoding than UTF-8 are refused whole, with the encoding named and
    /// how to save them; none of their rows is read.
    @Test func otherEncodingsAreNamed() throws {
        let windows1252 = Data((ExampleTree.measurements + "2026-11,3.1,Panne contr").utf8) + Data([0xF4]) + Data("leur,\n".utf8)
        let (f1252, values1252) = try check(windows1252)
        #expect(f1252.filter { $0.rule == "syntax/csv" }.map { "\($0.location.line ?? 0):\($0.location.column ?? 0)" } == ["11:24"])
        #expect(f1252.first { $0.rule == "syntax/csv" }?.message.contains("Windows-1252") == true)
        #expect(values1252.isEmpty)
        var utf16 = Data([0xFF, 0xFE])
        for unit in ExampleTree.measurements.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let (f16, values16) = try check(utf16)
        #expect(f16.first { $0.rule == "syntax/csv" }?.message.contains("save it as UTF-8") == true)
        #expect(values16.isEmpty)
    }
}
