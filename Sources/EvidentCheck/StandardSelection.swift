import EvidentModel
import EvidentSupport

/// The standards `evident check --standard ID` prints: only the findings that bear on one of them
/// and, in the summary, their items under their own numbering.
enum StandardSelection {
    /// An id that is not a configured standard: a usage error, naming the configured ones.
    struct Failure: Error, CustomStringConvertible, Sendable {
        let description: String
    }

    /// The configured standards `ids` name, in `Standard.all`'s order, and the result with only
    /// the findings that bear on one of them; the result as it is and nil when `ids` is empty.
    static func keeping(_ ids: [String], of result: CheckResult) throws(Failure) -> (CheckResult, [Standard]?) {
        guard !ids.isEmpty else { return (result, nil) }
        let configured = result.model.standards
        let list = configured.map { "\(codeSpan($0.id))" }.joined(separator: ", ")
        for id in ids where !configured.contains(where: { $0.id == id }) {
            let shown = TerminalText.escape(id)
            if Standard.named(id) != nil {
                throw Failure(description: "\(codeSpan(shown)) is not configured in evident.yml's `standards`; this content serves \(list).")
            }
            let hint = Suggestion.closest(to: id, in: Standard.all.map(\.id)).map { " Did you mean \(codeSpan($0))?" } ?? ""
            throw Failure(description: "\(codeSpan(shown)) is not a standard evident knows.\(hint) This content serves \(list).")
        }
        let chosen = configured.filter { ids.contains($0.id) }
        let kept = result.keeping { f in chosen.contains { result.finding(f, bearsOn: $0) } }
        return (kept, chosen)
    }
}
