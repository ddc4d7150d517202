/// Why a diff could not be made: a BASE or HEAD that is not a revision (or names one ambiguously),
/// a side named twice, a missing folder, a content folder missing from a revision, git missing or
/// failing. The command line prints it and exits 2.
package struct DiffFailure: Error, CustomStringConvertible, Sendable {
    package let description: String

    init(_ description: String) {
        self.description = description
    }
}
