import EvidentModel
import EvidentSupport

/// A field the format does not know. Reported while loading, at the key, with the closest known name.
package enum SyntaxUnknownField: Sendable {
    package static let description = RuleDescription(
        id: "syntax/unknown-field", name: "Unknown field", obligation: .syntax, defaultSeverity: .warning,
        summary: "A field the format does not know, with the closest known name.",
        rationale: """
            A misspelt field (`tolerence`, `aproved_by`) is not an extra note: the value it carries is lost to \
            every check, and a rule then reports the real field as missing. Naming the closest known field \
            makes the fix obvious. Another spelling that can only mean a known field (`organisation`, \
            `approved-on`, `dataSource`) is read as that field, and this is then its one finding. A YAML merge \
            key (`<<: *defaults`) is not applied, so the fields it would bring in are not read: the finding says \
            to write them out.
            """,
        triggering: [
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"": "↓tolerence: \"<= 6 h\"\ntolerance: \"<= 6 h\""])]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, ["organization:": "↓organisation:"])]),
            // A YAML merge key brings in no fields: the message says so, not only that `<<` is unknown.
            RuleExample(["objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["tolerance: \"<= 6 h\"": "tolerance: \"<= 6 h\"\n↓<<: {actions: Escalate.}"])]),
        ],
        nonTriggering: [RuleExample([:])])

    /// `<<`, YAML 1.1's merge key, which evident does not apply.
    static func mergeKey(kind: String) -> String {
        "`<<` (a YAML merge key) is not applied: the fields of the mapping it names are not read as fields of the \(kind). Write each field out here."
    }

    static func respelled(_ key: String, as field: String, kind: String) -> String {
        // A key that looks like the field's name says what makes it another.
        if let invisible = InvisibleCharacter.described(in: key) {
            return "\(codeSpan(key)) holds \(invisible), which shows as nothing; it is read as \(codeSpan(field)), the name the \(kind) format uses. Delete the character."
        }
        return "\(codeSpan(key)) is read as \(codeSpan(field)), the name the \(kind) format uses; write \(codeSpan(field))."
    }
}
