import Foundation

/// The order of the names evident lists itself (owners): as a reader looks a name up, letter case,
/// accents and Unicode form aside (`Ärger` among the A's, `İşyeri` among the I's), then by code
/// point, so that the order is total and the same on every machine whatever its locale.
enum NameOrder {
    /// `name` with case, accents and width folded away, without a locale.
    static func key(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    static func sorted(_ names: some Sequence<String>) -> [String] {
        names.map { (key: key($0), name: $0) }.sorted { ($0.key, $0.name) < ($1.key, $1.name) }.map(\.name)
    }
}
