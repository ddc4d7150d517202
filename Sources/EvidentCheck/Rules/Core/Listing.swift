import EvidentModel
import EvidentSupport

/// Lists of ids in messages: the first ten, then how many more, so that a message stays readable
/// on a tree with thousands of objectives or clauses. Each id is one code span, as every value
/// from a file is in a message.
enum Listing {
    static func ids(_ ids: [String], limit: Int = 10) -> String {
        let shown = ids.prefix(limit).map { codeSpan($0) }.joined(separator: ", ")
        return ids.count > limit ? "\(shown) and \(ids.count - limit) more" : shown
    }

    /// Objectives by id (one without an id by its file), declarations of one id in path order: a
    /// list or a pick among them is the same wherever their files lie.
    static func byID(_ objectives: [Objective]) -> [Objective] {
        objectives.enumerated().sorted { ($0.element.displayID, $0.offset) < ($1.element.displayID, $1.offset) }.map(\.element)
    }
}
