/// The closest name, for "did you mean" hints.
package enum Suggestion {
    /// Names longer than this get no hint and are never compared: a distance costs the product of
    /// the two lengths, so with this cap a hint costs at most a fixed amount per candidate.
    package static let lengthLimit = 64

    package static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.count <= lengthLimit else { return nil }
        let lowered = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates where candidate.count <= lengthLimit {
            let other = Array(candidate.lowercased())
            // Short of the whole name: a hint that changes every character (`a0` for `id`) is none.
            let threshold = min(max(2, candidate.count / 3), candidate.count - 1)
            // The distance is at least the difference in length.
            guard abs(other.count - lowered.count) <= threshold else { continue }
            let d = distance(lowered, other)
            if d <= threshold, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
package typealias Suggest = Suggestion
