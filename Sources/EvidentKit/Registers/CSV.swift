/// Writing CSV for people and their spreadsheets: RFC 4180 (fields with `,` `"` CR or LF quoted,
/// quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so that Excel reads the text as
/// UTF-8 and not as the local code page, and cells neutralised against formula injection.
public enum CSV {
    /// Excel opens a BOM-less UTF-8 CSV in the machine's ANSI code page and garbles "≤" or "é";
    /// LibreOffice, pandas and Python's `utf-8-sig` all skip the mark.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell. A cell that starts with `=`, `+`, `-`, `@`, tab or CR would be run as a formula by
    /// a spreadsheet, so it gets a leading `'` (OWASP "CSV injection"). A cell that is a plain
    /// decimal number (`-3.5`, `+2`) cannot be a formula and is kept, so negative values stay numbers.
    public static func cell(_ s: String) -> String {
        var text = s
        if let first = s.unicodeScalars.first, neutralised.contains(first), !isPlainNumber(s) {
            text = "'" + s
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return text
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 4)
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        out += "\""
        return out
    }

    /// One record, ended by CRLF.
    public static func row(_ cells: [String]) -> String {
        var out = ""
        for (i, c) in cells.enumerated() {
            if i > 0 { out += "," }
            out += cell(c)
        }
        out += "\r\n"
        return out
    }

    /// A whole file: the mark, the header and the rows. Every row is padded or cut to the header's
    /// width, so a reader never sees a ragged table.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark
        out += row(header)
        for r in rows {
            if r.count == header.count {
                out += row(r)
            } else {
                out += row(Array((r + Array(repeating: "", count: max(0, header.count - r.count))).prefix(header.count)))
            }
        }
        return out
    }

    private static let neutralised: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

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
