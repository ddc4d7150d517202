import Foundation

/// The large HTML values of an index page, kept out of Mustache. The register of 10,000 objectives
/// has 8 MB of rows; rendered through the layout, each level of nesting (section, block, layout)
/// made its own growing copy of them, and two such pages at once were the peak memory of a build.
/// Instead the template gets a short marker in place of each large value, and the page is written
/// as the rendered text with each marker replaced by its value: the same bytes, one copy. (A
/// template that writes such a value with `{{…}}` instead of `{{{…}}}` gets it as HTML too, not
/// escaped into text: the values spliced are the rows evident writes, escaped already.)
struct Splices {
    /// Values at least this long are spliced. An objective page's largest values are a few
    /// kilobytes: they stay in the context.
    static let threshold = 64 * 1024

    /// Marker → value.
    private(set) var values: [(marker: String, value: String)] = []
    /// Unique to the build, so that no text from content can pass for a marker; it never reaches
    /// the output, so the output stays the same from run to run.
    private let token: String

    init(token: String = UUID().uuidString) {
        self.token = token
    }

    /// Replaces every large string in `context`, at any depth, by a marker.
    mutating func lift(_ context: inout [String: Any]) {
        for (key, value) in context {
            if let replaced = lift(value) { context[key] = replaced }
        }
    }

    private mutating func lift(_ value: Any) -> Any? {
        switch value {
        case let text as String where text.utf8.count >= Self.threshold:
            return marker(for: text)
        case let text as MustacheText where text.value.utf8.count >= Self.threshold:
            return MustacheText(marker(for: text.value))
        case var dictionary as [String: Any]:
            var changed = false
            for (key, inner) in dictionary {
                if let replaced = lift(inner) {
                    dictionary[key] = replaced
                    changed = true
                }
            }
            return changed ? dictionary : nil
        case var array as [[String: Any]]:
            var changed = false
            for index in array.indices {
                var element = array[index]
                let before = values.count
                lift(&element)
                if values.count != before {
                    array[index] = element
                    changed = true
                }
            }
            return changed ? array : nil
        default:
            return nil
        }
    }

    private mutating func marker(for value: String) -> String {
        let marker = "\u{1}evident-splice-\(token)-\(values.count)\u{1}"
        values.append((marker, value))
        return marker
    }

    /// The rendered page as parts to write one after the other: the text between markers and the
    /// value of each marker. A value the template does not show is left out; one it shows twice
    /// is written twice.
    func place(in rendered: String) -> [String] {
        guard !values.isEmpty else { return [rendered] }
        let byMarker = Dictionary(values.map { ($0.marker, $0.value) }, uniquingKeysWith: { first, _ in first })
        let prefix = "\u{1}evident-splice-\(token)-"
        var parts: [String] = []
        var rest = Substring(rendered)
        while let start = rest.range(of: prefix) {
            guard let end = rest[start.upperBound...].firstIndex(of: "\u{1}") else { break }
            let marker = String(rest[start.lowerBound...end])
            guard let value = byMarker[marker] else { break }
            parts.append(String(rest[..<start.lowerBound]))
            parts.append(value)
            rest = rest[rest.index(after: end)...]
        }
        parts.append(String(rest))
        return parts
    }
}
