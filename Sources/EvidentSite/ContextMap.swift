import Mustache

/// A template context that keeps its keys in the order the page wrote them: for the objective's
/// own fields on its page, some sixty on each of 10,000 pages. `RenderMemo` reads a dictionary's
/// keys sorted, to walk any two of the same keys alike; this one it reads as it is. To a template
/// it is the dictionary of the same keys and values: the same look-ups and transforms, and the same
/// text when written whole (in a fixed order).
struct ContextMap: MustacheParent, MustacheTransformable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    let keys: [String]
    let values: [Any]

    init(dictionaryLiteral elements: (String, Any)...) {
        self.init(elements)
    }

    init(_ elements: [(String, Any)]) {
        // A loop, not `map(\.0)`: a key path per element cost more than the page's other fields.
        var keys: [String] = []
        var values: [Any] = []
        keys.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        for (key, value) in elements {
            keys.append(key)
            values.append(value)
        }
        self.keys = keys
        self.values = values
    }

    /// The value of the first `name`.
    func child(named name: String) -> Any? {
        keys.firstIndex(of: name).map { values[$0] }
    }

    var dictionary: [String: Any] {
        Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first })
    }

    func transform(_ name: String) -> Any? { dictionary.transform(name) }

    /// As a dictionary describes itself, `["key": value, …]`, in the map's order: a dictionary's
    /// order changes from one run to the next, and the site must not.
    var description: String {
        guard !keys.isEmpty else { return "[:]" }
        return "[" + zip(keys, values).map { String(reflecting: $0) + ": " + String(reflecting: $1) }.joined(separator: ", ") + "]"
    }
}
