/// Writing CSV for people and their spreadsheets: RFC 4180 (fields with `,` `"` CR or LF quoted,
/// quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so that Excel reads the text as
/// UTF-8 and not as the local code page, and cells neutralised against formula injection.
package enum CSV {
    /// Excel opens a BOM-less UTF-8 CSV in the machine's ANSI code page and garbles "≤" or "é";
    /// LibreOffice, pandas and Python's `utf-8-sig` all skip the mark.
    static let byteOrderMark = "\u{FEFF}"

    /// One cell. A cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by
    /// a spreadsheet, so it gets a leading `'` (OWASP "CSV injection"). A cell that is a plain
    /// decimal number (`-3.5`, `+2`) cannot be a formula and is kept, so negative values stay numbers.
    package static func cell(_ s: String) -> String {
        // On UTF-8: every character looked for is ASCII, and no byte of another character is.
        var text = s
        if let first = s.utf8.first, neutralised.contains(first), !isPlainNumber(s) {
            text = "'" + s
        }
        guard quoted.matches(text) else { return text }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes that make a cell quoted: `,`, `"`, CR and LF.
    private static let quoted = ByteScan([0x2C, 0x22, 0x0D, 0x0A])

    /// One record, ended by CRLF.
    static func row(_ cells: [String]) -> String {
        var out = TextBuffer()
        append(cells, to: &out)
        return out.text
    }

    private static func append(_ cells: [String], to out: inout TextBuffer) {
        for (i, c) in cells.enumerated() {
            if i > 0 { out += "," }
            out.append(cell(c))
        }
        out += "\r\n"
    }

    /// A whole file: the mark, the header and the rows. Every row is padded or cut to the header's
    /// width, so a reader never sees a ragged table.
    package static func document(header: [String], rows: [[String]]) -> String {
        // Into bytes, then one string: a `String` checks its capacity, uniqueness and encoding at every append.
        var out = TextBuffer(capacity: 64 * header.count * (rows.count + 1))
        out.append(byteOrderMark)
        append(header, to: &out)
        for r in rows {
            if r.count == header.count {
                append(r, to: &out)
            } else {
                append(Array((r + Array(repeating: "", count: max(0, header.count - r.count))).prefix(header.count)), to: &out)
            }
        }
        return out.text
    }

    private static let neutralised: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// `[+-]digits[.digits]` or `[+-].digits`: nothing a spreadsheet could evaluate as a formula.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = 0
        var dots = 0
        for (i, b) in s.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "+"), UInt8(ascii: "-"): if i != 0 { return false }
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }
}
