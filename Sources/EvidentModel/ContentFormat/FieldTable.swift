/// How the loader reads a field's value. The loader reads every field through the accessor of its
/// type (EvidentLoad's `YAMLMap`), and `evident schema` turns the same types into JSON Schema, so
/// what an editor accepts is what `evident check` reads.
package enum FieldType: Sendable {
    /// Any single value (text, number, true/false), trimmed; blank counts as absent.
    case text
    /// Text in words, for a field that says something a rule asks for (how an objective is
    /// evaluated, what a plan will do): an unquoted number or true/false says nothing there, so it
    /// is refused rather than read as text. `asks` is what the field should say, for the message
    /// (`how the results will be evaluated`).
    case words(asks: String)
    /// Text read as `text` reads it (a number or true/false is its text: a title may be `2030`),
    /// for a field an auditor reads as the answer to what it asks (a metric's definition, who
    /// approved a change): a placeholder (`TBD`, `n/a`) holds the place of that answer without
    /// giving one, so it is refused. `asks` is what the field should say, for the message.
    case answer(asks: String)
    /// A unit of measure, read as `text` reads it. A placeholder (`TBD`, `?`) is no unit, and `-` or
    /// `n/a` say "none", which is said by leaving the field out, so all are refused; `x` (times) and
    /// `%` are units.
    case unit
    /// A real date written YYYY-MM-DD.
    case date
    /// A whole number inside the range (every number read from content has one).
    case wholeNumber(ClosedRange<Int>)
    /// true or false (also yes/no and on/off, in any case): `FieldTable.flagWords`.
    case flag
    /// One of these values, exactly as written here.
    case choice([String])
    /// A list of these values (a single value is a list of one), each exactly as written here.
    case choices([String])
    /// `COMPARATOR NUMBER [UNIT]`, as `Threshold(parsing:)` reads it.
    case threshold
    /// A list of single values; a single value is a list of one, and a plain value with commas
    /// is reported (it is one text in YAML).
    case list
    /// A list of names an auditor reads as answers (who contributes, who attended), read as `list`
    /// reads it: an item that is a placeholder (`TBD`, `?`) names no one, so it is refused and
    /// left out. `asks` is what an item should say, for the message.
    case names(asks: String)
    /// A list of single values, or the word `all`.
    case listOrAll
    /// A mapping with these fields.
    case mapping(FieldTable)
    /// A list of mappings with these fields.
    case mappings(FieldTable)
    /// A mapping of rule ids (`RuleIDs.all`) to `error`, `warning`, `info` or `off`.
    case severities

    /// The values of an enumeration, as a choice.
    static func choice<E: RawRepresentable & CaseIterable>(_: E.Type) -> FieldType where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }
}

/// One field of a file kind or of a nested mapping.
package struct Field: Sendable {
    /// Another field of the same mapping that lifts a requirement: with this value
    /// (`status: retired`), or with any value when `value` is nil (`evaluation` written).
    package struct Exception: Sendable, Hashable {
        package let field: String
        package let value: String?
    }

    package let name: String
    package let type: FieldType
    /// The rule whose error reports the field missing; nil for an optional field.
    package let requiredBy: String?
    /// When the rule does not ask for the field: any one of these lifts the requirement.
    package let requiredUnless: [Exception]
    /// One line for editors (the schema's `description`).
    package let summary: String

    package init(_ name: String, _ type: FieldType, required requiredBy: String? = nil,
                 unless requiredUnless: [Exception] = [], _ summary: String) {
        self.name = name
        self.type = type
        self.requiredBy = requiredBy
        self.requiredUnless = requiredUnless
        self.summary = summary
    }
}

/// The fields of one mapping: a file kind's front-matter or a nested mapping. The loader reports
/// every key that is not one of `names` (`syntax/unknown-field`).
package struct FieldTable: Sendable {
    /// How messages name the mapping (`objective`, `history entry`).
    package let kind: String
    package let fields: [Field]
    /// The field names, in table order.
    package let names: [String]
    /// The places in `fields` of the names of each length in UTF-8 bytes, in table order: a reader
    /// asks for every key of every file, and a name is found among the few of its length without
    /// hashing it.
    private let byLength: [[Int]]

    package init(_ kind: String, _ fields: [Field]) {
        self.kind = kind
        self.fields = fields
        names = fields.map(\.name)
        var byLength: [[Int]] = Array(repeating: [], count: (fields.map(\.name.utf8.count).max() ?? 0) + 1)
        for (i, field) in fields.enumerated() { byLength[field.name.utf8.count].append(i) }
        self.byLength = byLength
    }

    package func field(_ name: String) -> Field? { position(of: name).map { fields[$0] } }

    /// The type of the field `name`, without copying the rest of its `Field`: readers ask for it
    /// for every value they read, from tables both cores share.
    package func type(of name: String) -> FieldType? { position(of: name).map { fields[$0].type } }

    /// Whether `name` is one of the table's fields.
    package func declares(_ name: String) -> Bool { position(of: name) != nil }

    private func position(of name: String) -> Int? {
        let length = name.utf8.count
        guard length < byLength.count else { return nil }
        // A loop, not `first(where:)`: its closure would take a copy of the table's arrays on every call.
        for index in byLength[length] where fields[index].name == name { return index }
        return nil
    }

    /// The words read as true and as false, in any case.
    package static let flagWords: (true: [String], false: [String]) = (["true", "yes", "on"], ["false", "no", "off"])
    /// The values of a `rules:` entry: a severity, or off.
    package static let ruleSettings = Severity.allCases.map(\.rawValue).reversed() + ["off"]
}

extension FieldType {
    /// Whether a field that answers asks who (`asks` "who approved the change", "to whom it was
    /// communicated"): there a word that names no one (`None`, `nobody`) is no answer.
    package static func asksWho(_ asks: String) -> Bool {
        asks.hasPrefix("who ") || asks.hasPrefix("to whom ")
    }
}
