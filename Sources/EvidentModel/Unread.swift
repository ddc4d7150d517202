/// What a content tree gives but evident could not read: fields whose value failed `syntax/type`
/// (or another reading rule), and files that failed to parse. Their reading finding is the one
/// finding about them (SPEC 4.1 "One cause, one finding"): a rule that would call such a field
/// missing or wrong, or judge the whole set without such a file, says nothing instead.
package struct Unread: Sendable, Equatable {
    /// Each field as the mapping it belongs to (where that mapping starts) and its name.
    package var fields: Set<UnreadField> = []
    /// Objective files that could not be read at all (no front-matter, YAML that does not parse).
    package var objectiveFiles: [String] = []
    /// Review files that could not be read at all: any of them may be an objective's latest review.
    package var reviewFiles: [String] = []
    /// `evident.yml` exists but could not be read.
    package var configuration = false

    package init() {}

    /// Whether `field` of the mapping that starts at `mapping` was given and could not be read.
    package func field(_ field: String, of mapping: SourceLocation) -> Bool {
        !fields.isEmpty && fields.contains(UnreadField(mapping: mapping, field: field))
    }

    /// Whether any of `names` of the objective's own front-matter could not be read.
    package func any(_ names: String..., of o: Objective) -> Bool {
        !fields.isEmpty && names.contains { field($0, of: o.location) }
    }

    /// `any` of one name, which the rules ask of every objective: without the list a variadic
    /// call makes on each.
    package func any(_ name: String, of o: Objective) -> Bool {
        !fields.isEmpty && field(name, of: o.location)
    }

    /// Whether a rule that judges every objective together (a function, a statement or a clause
    /// that no objective covers) can: not while an objective file, or the `field` that rule
    /// reads from any objective, is unread, since that objective may be the one that covers it.
    package func objectivesComplete(for field: String, in objectives: [Objective]) -> Bool {
        guard objectiveFiles.isEmpty else { return false }
        guard !fields.isEmpty else { return true }
        return !objectives.contains { any(field, of: $0) }
    }
}

package struct UnreadField: Hashable, Sendable {
    package var mapping: SourceLocation
    package var field: String

    package init(mapping: SourceLocation, field: String) {
        self.mapping = mapping
        self.field = field
    }
}
