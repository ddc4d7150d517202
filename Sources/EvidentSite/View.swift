import EvidentSupport

/// A value a template reads: the whole of what Swift hands the theme. Text, whole numbers,
/// booleans, lists and objects; HTML only for what evident renders itself (Markdown bodies and the
/// trend chart). Every key a template reads is present on its object, `false` when there is
/// nothing: a missing key would make Mustache look it up in an enclosing object and show an
/// unrelated value.
package enum View: Sendable {
    /// Escaped by `{{…}}`, written as it is by `{{{…}}}`.
    case text(String)
    /// Markup evident wrote (whole UTF-8 characters), for `{{{…}}}`.
    case html(HTML)
    case bool(Bool)
    case int(Int)
    case list([View])
    /// A list whose items are made as a template reaches them and dropped after it: the rows of
    /// the site's largest tables, which would otherwise all be in memory at once.
    case rows(Rows)
    case object(ViewObject)

    /// A string, or `false` when there is none or it is empty, for `{{#key}}…{{/key}}` sections.
    package static func text(_ s: String?) -> View {
        guard let s, !s.isEmpty else { return false }
        return .text(s)
    }

    /// HTML, or `false` when there is none.
    static func html(_ bytes: [UInt8]) -> View {
        guard !bytes.isEmpty else { return false }
        var buffer = TextBuffer(capacity: bytes.count)
        buffer.append(bytes)
        return .html(HTML(buffer))
    }

    /// The object's value for `key`; nil for anything but an object, as Mustache finds no child
    /// in a text, number, boolean or list.
    subscript(key: String) -> View? {
        guard case let .object(object) = self else { return nil }
        return object[key]
    }

    /// `self[key]`, looked for first where `hint` says (`ViewObject.value(_:hint:)`).
    func child(_ key: String, hint: inout Int) -> View? {
        guard case let .object(object) = self else { return nil }
        return object.value(key, hint: &hint)
    }

    /// The value as swift-mustache reads a context: dictionaries, arrays, strings, numbers and
    /// booleans. Only a theme the compiled walk does not accept (`CompiledTemplates`) needs it.
    var mustacheValue: Any {
        switch self {
        case let .text(s): s
        case let .html(html): html.buffer.text
        case let .bool(b): b
        case let .int(i): i
        case let .list(items): items.map(\.mustacheValue)
        case let .rows(rows): (0..<rows.count).map { rows.item($0).mustacheValue }
        case let .object(object): object.mustacheValue
        }
    }
}

/// An object's keys and values in the order they were given. Templates read a handful of keys
/// from each, so a key is found by comparing names (lengths first) rather than by hashing it.
/// One array wide, so that a `View` is cheap to copy, and made in one allocation: the array a
/// dictionary literal hands over is kept as it is.
package struct ViewObject: Sendable {
    /// Each key once; never changed in place once made (an array is copied on write).
    private var entries: [(String, View)]

    package init() { entries = [] }

    /// `entries` name each key once, as a dictionary literal does.
    init(_ entries: [(String, View)]) {
        self.entries = entries
    }

    var keys: [String] { entries.map(\.0) }
    var values: [View] { entries.map(\.1) }
    var count: Int { entries.count }

    private func index(of key: String) -> Int? {
        // Comparing lengths first spares most unequal keys a call into the string comparison.
        let length = key.utf8.count
        for i in entries.indices where entries[i].0.utf8.count == length && entries[i].0 == key { return i }
        return nil
    }

    /// The value for `key`, looked for first at `hint`, which is then set to where it was found:
    /// objects made alike (the rows of a table) hold a key where the one before held it.
    func value(_ key: String, hint: inout Int) -> View? {
        if hint < entries.count, entries[hint].0 == key { return entries[hint].1 }
        guard let index = index(of: key) else { return nil }
        hint = index
        return entries[index].1
    }

    /// Setting a key that is present replaces its value; a new key goes at the end.
    package subscript(key: String) -> View? {
        get { index(of: key).map { entries[$0].1 } }
        set {
            if let index = index(of: key) {
                if let newValue { entries[index].1 = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// This object with the keys of `other` it does not have added at the end.
    func adding(_ other: ViewObject) -> ViewObject {
        var out = self
        out.entries.reserveCapacity(entries.count + other.entries.count)
        for entry in other.entries where index(of: entry.0) == nil { out.entries.append(entry) }
        return out
    }

    var mustacheValue: [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in entries { out[key] = value.mustacheValue }
        return out
    }
}

/// `count` items, item `i` made by `item(i)` each time a template reaches it.
package final class Rows: Sendable {
    let count: Int
    let item: @Sendable (Int) -> View

    package init(count: Int, item: @escaping @Sendable (Int) -> View) {
        self.count = count
        self.item = item
    }
}

/// Markup evident wrote, as one reference (a `TextBuffer` is four words wide).
package final class HTML: Sendable {
    let buffer: TextBuffer
    package init(_ buffer: TextBuffer) { self.buffer = buffer }
}

extension View: ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
    package init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(arrayLiteral elements: View...) { self = .list(elements) }
    package init(dictionaryLiteral elements: (String, View)...) { self = .object(ViewObject(elements)) }

    package init(_ value: View) { self = value }
    package init(_ value: String) { self = .text(value) }
    package init(_ value: Int) { self = .int(value) }
    package init(_ value: Bool) { self = .bool(value) }
    package init(_ value: [View]) { self = .list(value) }
    package init(_ value: ViewObject) { self = .object(value) }
}

extension ViewObject: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, View)...) { self.init(elements) }
}
