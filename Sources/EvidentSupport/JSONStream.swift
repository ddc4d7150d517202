/// JSON made by calls, one value after another: into bytes as they come (`JSONStream`), or into a
/// `JSON` tree (`JSONTree`). The register is written this way once for both: the site streams
/// it, the pack keeps the tree.
package protocol JSONBuilding {
    mutating func beginObject()
    mutating func beginArray()
    /// Ends the object or array begun last.
    mutating func end()
    /// The key of the next value, in an object. Keys are literals: written without escaping.
    mutating func key(_ key: StaticString)
    mutating func value(_ value: String?)
    mutating func value(_ value: Int?)
    mutating func value(_ value: Double?)
    /// A number literal, written as given (`JSON.numberLiteral`).
    mutating func number(_ literal: String)
}

extension JSONBuilding {
    /// A measured value, digit for digit as written where a Double would round it.
    package mutating func value(_ value: Double, written: String) {
        number(JSON.numberLiteral(value, written: written))
    }
}

/// Writes what `JSON.write(into:indent:)` writes for the same values, pretty-printed from
/// nesting depth 0, without the tree.
package struct JSONStream: JSONBuilding {
    private(set) var out: TextBuffer
    /// Per open container: whether it is an object, and how many members it has so far.
    private var open: [(isObject: Bool, count: Int)] = []

    package init(capacity: Int) {
        out = TextBuffer(capacity: capacity)
    }

    /// The document written, with the line end `serialized()` puts after it, taken out of the
    /// stream: appending to a copy still shared with the stream would copy it all.
    package mutating func finish() -> TextBuffer {
        var text = TextBuffer()
        swap(&text, &out)
        text += "\n"
        return text
    }

    /// Before a value: in an array, the comma and line of a member (in an object, `key` wrote them).
    private mutating func member() {
        guard let last = open.last, !last.isObject else { return }
        newMember()
    }

    private mutating func newMember() {
        if open[open.count - 1].count > 0 { out += "," }
        open[open.count - 1].count += 1
        newline(open.count)
    }

    private mutating func newline(_ depth: Int) {
        out += "\n"
        for _ in 0..<depth { out += "  " }
    }

    package mutating func beginObject() {
        member()
        out += "{"
        open.append((true, 0))
    }

    package mutating func beginArray() {
        member()
        out += "["
        open.append((false, 0))
    }

    package mutating func end() {
        guard let last = open.popLast() else { return }
        if last.count > 0 { newline(open.count) }
        out += last.isObject ? "}" : "]"
    }

    package mutating func key(_ key: StaticString) {
        guard !open.isEmpty else { return }
        newMember()
        out += "\""
        out += key
        out += "\": "
    }

    package mutating func value(_ value: String?) {
        member()
        if let value { JSON.escape(value, into: &out) } else { out += "null" }
    }

    package mutating func value(_ value: Int?) {
        member()
        if let value { out.append(String(value)) } else { out += "null" }
    }

    package mutating func value(_ value: Double?) {
        member()
        if let value { out.append(JSON.format(value)) } else { out += "null" }
    }

    package mutating func number(_ literal: String) {
        member()
        out.append(literal)
    }
}

/// Builds the `JSON` tree of the same calls.
package struct JSONTree: JSONBuilding {
    /// The value made, once every container begun is ended.
    package private(set) var root: JSON = .null
    /// Per open container: the key it has in its parent, whether it is an object, its members.
    private var open: [(key: String, isObject: Bool, members: [(String, JSON)])] = []
    private var pendingKey = ""

    package init() {}

    private mutating func add(_ value: JSON) {
        guard !open.isEmpty else {
            root = value
            return
        }
        open[open.count - 1].members.append((pendingKey, value))
    }

    package mutating func beginObject() {
        open.append((pendingKey, true, []))
    }

    package mutating func beginArray() {
        open.append((pendingKey, false, []))
    }

    package mutating func end() {
        guard let last = open.popLast() else { return }
        pendingKey = last.key
        add(last.isObject ? .object(last.members) : .array(last.members.map(\.1)))
    }

    package mutating func key(_ key: StaticString) {
        pendingKey = key.description
    }

    package mutating func value(_ value: String?) { add(value.map(JSON.string) ?? .null) }
    package mutating func value(_ value: Int?) { add(value.map(JSON.int) ?? .null) }
    package mutating func value(_ value: Double?) { add(value.map(JSON.double) ?? .null) }
    package mutating func number(_ literal: String) { add(.number(literal)) }
}
