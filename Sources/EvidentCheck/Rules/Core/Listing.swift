import EvidentSupport

/// Lists of ids in messages: the first ten, then how many more, so that a message stays readable
/// on a tree with thousands of objectives or clauses. Each id is one code span, as every value
/// from a file is in a message.
enum Listing {
    static func ids(_ ids: [String], limit: Int = 10) -> String {
        let shown = ids.prefix(limit).map { codeSpan($0) }.joined(separator: ", ")
        return ids.count > limit ? "\(shown) and \(ids.count - limit) more" : shown
    }
}
