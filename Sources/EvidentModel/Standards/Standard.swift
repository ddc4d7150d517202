/// One management-system standard's clause 6.2 as data: its items under its own numbering. Each
/// standard is one file in this folder and one line of `all`; no other code names one (rule texts
/// name them through `names(where:)`), and `StandardTableTests` holds the docs to `all`.
/// A class: every field is constant, and the rules pass the standards around for each objective,
/// where a copy of a struct would count a reference to each of its five strings and arrays.
package final class Standard: Sendable, Hashable {
    /// One item of the standard's clause 6.2.
    package struct Item: Sendable, Hashable {
        package let item: StandardItem
        /// The standard's own clause number for the item (`6.2.1 b`, `6.2 c`).
        package let clause: String
        /// The standard asks the item only where practicable (`measurable` in 27001, 14001,
        /// 45001 and 22301): an objective may be evaluated another way.
        package let ifPracticable: Bool
        /// How the standard words the item differently, in our words (`compliance obligations`).
        package let note: String?

        /// The item in our words with the standard's own terms after it, where they differ
        /// (`Measurable (if practicable)`, `Take into account applicable requirements (compliance
        /// obligations)`): what a table row of one standard shows, since two of its items may share
        /// a clause number (27001's 6.2 c) and the words are what its auditor looks for.
        package var label: String {
            let terms = [ifPracticable ? "if practicable" : nil, note].compactMap { $0 }
            return terms.isEmpty ? item.title : "\(item.title) (\(terms.joined(separator: ", ")))"
        }

        package init(_ item: StandardItem, _ clause: String, ifPracticable: Bool = false, note: String? = nil) {
            self.item = item
            self.clause = clause
            self.ifPracticable = ifPracticable
            self.note = note
        }
    }

    /// What `evident.yml` and objectives write in `standards` (`iso27001`).
    package let id: String
    /// The standard's name and edition (`ISO/IEC 27001:2022`).
    package let name: String
    /// What its management system manages (`information security`).
    package let subject: String
    /// Its items, in the order of its clause.
    package let items: [Item]
    /// Whether an objective's plan must also say how it is integrated into business processes.
    package let planNeedsIntegration: Bool
    /// The kinds of `risks.md` entry the standard's risks item takes into account (an environmental
    /// aspect is no result of an information security risk assessment); empty without the item.
    package let riskKinds: [Risk.Kind]

    package init(id: String, name: String, subject: String, items: [Item], planNeedsIntegration: Bool = false,
                 riskKinds: [Risk.Kind] = []) {
        self.id = id
        self.name = name
        self.subject = subject
        self.items = items
        self.planNeedsIntegration = planNeedsIntegration
        self.riskKinds = riskKinds
    }

    /// The standard's entry for `item`, or nil when its clause 6.2 does not have it.
    package func item(_ item: StandardItem) -> Item? { items.first { $0.item == item } }

    /// Without taking the entry out: rules ask this for each objective, and a copy of the entry
    /// would count references to its clause and note.
    package func has(_ item: StandardItem) -> Bool { items.contains { $0.item == item } }

    /// Every standard evident knows, in the order reports list them.
    package static let all: [Standard] = [.iso20000_1, .iso9001, .iso27001, .iso14001, .iso45001, .iso22301]

    /// Every id, in `all`'s order, for help texts (`iso20000-1, iso9001, …`).
    package static var idList: String { all.map(\.id).joined(separator: ", ") }

    /// The name without its edition (`ISO/IEC 27001`), for prose.
    var shortName: String { name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name }

    /// The short names of the standards that match, in `all`'s order, joined for prose (`ISO 14001
    /// and ISO 45001`): rule descriptions name standards through this, so a new standard joins them.
    package static func names(where matches: (Standard) -> Bool, joinedBy conjunction: String = "and") -> String {
        let names = all.filter(matches).map(\.shortName)
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// Whether the standard asks for measurable objectives only where practicable.
    package var measurableOnlyIfPracticable: Bool { item(.measurable)?.ifPracticable == true }

    /// The standards a project serves when `evident.yml` names none.
    package static let defaults: [Standard] = [.iso20000_1]

    package static func named(_ id: String) -> Standard? { all.first { $0.id == id } }

    package static func == (a: Standard, b: Standard) -> Bool { a.id == b.id }
    package func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
