import EvidentSupport

/// Words people write for a value of a fixed choice, mapped to the value they mean, so that the
/// `syntax/type` finding names that value rather than the closest spelling: `biannual` (twice a
/// year) is a letter or two from `annual` but means `semiannual`. A word is given only when its
/// value is one of the field's choices, so the same word may serve different fields.
enum ChoiceWords {
    /// The choice `word` means (compared without case, spaces, `-` and `_`), when it is one of `choices`.
    static func meaning(of word: String, among choices: [String]) -> String? {
        words[key(word)]?.first(where: choices.contains)
    }

    /// What to write for `word`: the choice it means (`Write \`semiannual\`.`), or, for a word
    /// that means one of several choices depending on what was done, each choice with its sense.
    static func hint(for word: String, among choices: [String]) -> String? {
        if let senses = senses[key(word)] {
            let offered = senses.filter { choices.contains($0.value) }
            if offered.count > 1 {
                return " Write " + offered.map { "\(codeSpan($0.value)) for \($0.sense)" }.joined(separator: ", or ") + "."
            }
        }
        return meaning(of: word, among: choices).map { " Write \(codeSpan($0))." }
    }

    /// Words that name a tool rather than what was done with it: a Teams meeting is a `meeting`, a
    /// post in a Teams channel is `other`.
    private static let senses: [String: [(value: String, sense: String)]] = {
        let teams: [(value: String, sense: String)] = [("meeting", "a meeting held in Teams"), ("other", "a post in a Teams chat or channel")]
        return ["teams": teams, "msteams": teams, "microsoftteams": teams]
    }()

    private static func key(_ word: String) -> String {
        String(word.lowercased().filter { !" -_".contains($0) })
    }

    private static let words: [String: [String]] = {
        var table: [String: [String]] = [:]
        for (value, others) in synonyms {
            for other in others { table[key(other), default: []].append(value) }
        }
        return table
    }()

    /// Each value with the words that mean it; a word may mean values of different fields
    /// (`closed`: a decision to retire, an action done).
    private static let synonyms: [(String, [String])] = [
        // Cadences.
        ("weekly", ["every week", "per week", "week"]),
        ("monthly", ["every month", "per month", "month"]),
        ("quarterly", ["every quarter", "per quarter", "quarter", "three-monthly", "3-monthly"]),
        ("semiannual", ["biannual", "biannually", "semiannually", "semi-annual", "half-yearly", "half-year", "halfyear",
                        "twice a year", "twice yearly", "every six months", "every 6 months", "six-monthly", "6-monthly"]),
        ("annual", ["yearly", "annually", "every year", "once a year", "per year", "year"]),
        // Kinds of requirements source.
        ("legal", ["law", "laws", "regulation", "regulatory", "statute", "statutory", "legislation", "legal requirement"]),
        ("contract", ["contractual", "agreement"]),
        // Review decisions.
        ("no-change", ["keep", "kept", "unchanged", "no change", "none", "continue", "maintain", "retain", "confirm", "confirmed"]),
        ("update", ["updated", "change", "changed", "revise", "revised", "amend", "amended"]),
        ("retire", ["retired", "withdraw", "withdrawn", "close", "closed", "stop"]),
        ("escalate", ["escalated", "escalation"]),
        // Communication channels.
        ("email", ["e-mail", "mail", "newsletter"]),
        ("meeting", ["briefing", "workshop", "town hall", "team meeting", "staff meeting", "video call", "zoom", "webex"]),
        ("intranet", ["sharepoint", "confluence", "wiki", "intranet page"]),
        ("other", ["chat", "slack", "notice board", "noticeboard", "poster"]),
        // Action status.
        ("done", ["completed", "complete", "finished", "closed", "resolved"]),
        ("open", ["in progress", "ongoing", "pending", "not started", "started"]),
    ]
}
