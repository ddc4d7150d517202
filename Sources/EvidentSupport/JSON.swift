/// A JSON value whose objects keep their key order, written the same way on every run. The
/// reports, the registers and the pack need byte-identical output, and keys in the order a
/// reader expects them ("rule" before "message"), which `JSONEncoder` does not give.
package indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A number literal written as it is: a measured value, digit for digit (`numberLiteral`).
    case number(String)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    package static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    package static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    package static func optional(_ n: Int?) -> JSON { n.map(JSON.int) ?? .null }

    /// Pretty-printed with two spaces, a newline at the end.
    package func serialized(pretty: Bool = true) -> String {
        var out = TextBuffer()
        write(into: &out, indent: pretty ? 0 : nil)
        if pretty { out += "\n" }
        return out.text
    }

    /// Writes the value as it appears at nesting depth `indent` (nil: on one line), into bytes.
    package func write(into out: inout TextBuffer, indent: Int?) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(n): out.append(String(n))
        case let .double(d): out.append(JSON.format(d))
        case let .number(literal): out.append(literal)
        case let .string(s): JSON.escape(s, into: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                item.write(into: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(&out, indent.map { $0 + 1 })
                JSON.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout TextBuffer, _ indent: Int?) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<indent { out += "  " }
    }

    /// Numbers as people write them: 99.5, 4, -0.25; never 4.0 or exponent forms for ordinary values.
    package static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// A measured value as a JSON number: as `format` writes its Double when that is the number
    /// written, else the written decimal itself (`99.5010000000000000001`, which a Double holds as
    /// 99.501 and which misses `<= 99.501`), so that a register never states a value that reads
    /// as meeting a threshold it was judged to miss.
    package static func numberLiteral(_ value: Double, written: String) -> String {
        let formatted = format(value)
        guard let exact = ExactDecimal(written.trimmed), ExactDecimal(formatted) != exact else { return formatted }
        return exact.jsonNumber
    }

    /// Control characters, `"`, `\`, `<`, `>`, `&` and 0xE2.
    static let specials = ByteScan([0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2], below: 0x20)

    package static func escape(_ s: String, into out: inout TextBuffer) {
        out += "\""
        // Most strings (ids, dates, names) need no escape: append them whole. 0xE2 leads the
        // UTF-8 of U+2028 and U+2029 (and of other characters, which the loop keeps as they are).
        guard specials.matches(s) else {
            out.append(s)
            out += "\""
            return
        }
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            // Escaped so that JSON embedded in HTML can never close a <script> or open a comment.
            case 0x3C: out += "\\u003c"
            case 0x3E: out += "\\u003e"
            case 0x26: out += "\\u0026"
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                out += bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                i += 2
            case ..<0x20:
                let hex = String(byte, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default:
                out.append(ascii: byte)
            }
            i += 1
        }
        out += "\""
    }
}
