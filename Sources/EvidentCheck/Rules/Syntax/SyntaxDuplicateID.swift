import EvidentModel
import EvidentSupport
import Foundation

/// Two objectives, policy statements, risks, clauses, functions, forums or actions with one id.
enum SyntaxDuplicateID: Rule {
    static let description = RuleDescription(
        id: "syntax/duplicate-id", name: "Duplicate id", obligation: .syntax, defaultSeverity: .error,
        summary: "Two objectives, statements, risks, clauses, functions, forums or actions with one id; reported at every declaration, each naming the first few others.",
        rationale: """
            Ids are how the content refers to itself: measurements, reviews and communications name \
            objectives, objectives name policy statements, risks, clauses, functions and forums, and minutes name \
            actions. When two entries share an id, every reference to it is ambiguous, so an auditor cannot \
            tell which objective a result, a decision or a communication evidences. Every declaration is \
            reported, each naming the first few others and counting the rest, so that the fix can be made where it belongs; the one first in \
            path order is the one every other rule uses meanwhile. When an objective file was copied to \
            start a new one, the copy is the file not named after the id, and the finding says so. Ids that \
            differ only in case (`OBJ-INC-01`, `obj-inc-01`) are reported too, at the first declaration of \
            each: people, and tools that ignore case, read them as one id. So are ids that look the same \
            and differ in a character that shows as nothing (a zero-width space, a direction mark) or in \
            a full-width letter or digit (`ＯＢＪ-INC-01`), or in a Cyrillic or Greek letter drawn as a Latin \
            one (`OBJ-ІNC-01`, with the Cyrillic `І`, typed with the keyboard in another layout): a copied id, \
            or one made to pass for another; the finding names the character. Ids only need to be unique \
            within their kind: a forum may share a name with a function.
            """,
        triggering: [
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"]),
            ]),
            RuleExample(["policy.md": ExampleTree.edit(ExampleTree.policy, [
                "id: POL-1": "id: ↓POL-1",
                "---\nThe policy.": "  - id: ↓POL-1\n    text: We change services without harming their availability.\n---\nThe policy.",
            ])]),
            RuleExample(["risks.md": ExampleTree.edit(ExampleTree.risks, [
                "id: R-1": "id: ↓R-1",
                "---\nThe risks,": "  - id: ↓R-1\n    text: Data centre flood.\n    kind: hazard\n---\nThe risks,",
            ])]),
            RuleExample([
                "requirements/msa.md": ExampleTree.edit(ExampleTree.requirement, ["id: MSA-7.2": "id: ↓MSA-7.2"]),
                "requirements/sla.md": ExampleTree.edit(ExampleTree.requirement, ["id: MSA-7.2": "id: ↓MSA-7.2"]),
            ]),
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "{ id: ops-review": "{ id: ↓ops-review",
                "  - id: incident": "  - id: ↓incident",
                "cadence: monthly }\n": "cadence: monthly }\n  - { id: ↓ops-review, name: Operations board, cadence: monthly }\n",
            ]) + "  - id: ↓incident\n    name: Major incident management\n    level: process\n    owner: Major Incident Manager\n"]),
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"]),
                "objectives/obj-inc-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓obj-inc-01"]),
            ]),
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓\"OBJ-INC-01\\u200B\""]),
            ]),
            // The Cyrillic `І` (U+0406) in place of the Latin `I`.
            RuleExample([
                "objectives/OBJ-INC-01.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓OBJ-INC-01"]),
                "objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ↓\"OBJ-\\u0406NC-01\""]),
            ]),
            RuleExample([
                "reviews/2026-11-10.md": ExampleTree.edit(ExampleTree.review, ["id: ACT-1": "id: ↓ACT-1"]),
                "reviews/2026-11-20.md": ExampleTree.edit(ExampleTree.review, [
                    "date: 2026-11-10": "date: 2026-11-20", "id: ACT-1": "id: ↓ACT-1",
                ]),
            ]),
        ],
        nonTriggering: [
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])]),
            // Ids in Cyrillic that do not look like another.
            RuleExample(["objectives/OBJ-INC-02.md": ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: ЦЕЛЬ-01"])]),
            // A forum and a function may share a name: ids are unique per kind.
            RuleExample(["evident.yml": ExampleTree.edit(ExampleTree.configuration, [
                "cadence: monthly }\n": "cadence: monthly }\n  - { id: incident, name: Incident review, cadence: monthly }\n",
            ])]),
        ])

    static let readsObjectiveProse = false

    package static func check(_ model: CheckModel) -> [Finding] {
        let content = model.content
        // Clauses and actions are referenced without their file, so they must be unique across files.
        // Declarations are in path order (the walk's), so the first is the one `CheckModel` keeps.
        let kinds: [(kind: String, ids: [(Located<String>, file: String)])] = [
            ("objective", content.objectives.compactMap { o in o.id.map { ($0, o.file) } }),
            ("policy statement", (content.policy?.statements ?? []).map { ($0.id, $0.id.location.file) }),
            ("risk", (content.risks?.risks ?? []).map { ($0.id, $0.id.location.file) }),
            ("clause", content.requirements.flatMap(\.clauses).map { ($0.id, $0.file) }),
            ("function", content.configuration.functions.map { ($0.id, $0.id.location.file) }),
            ("forum", content.configuration.forums.map { ($0.id, $0.id.location.file) }),
            ("action", content.reviews.flatMap { r in r.actions.compactMap { a in a.id.map { ($0, r.file) } } }),
        ]
        var findings: [Finding] = []
        for (kind, ids) in kinds {
            // Each id's first position, and every position of the ids that repeat: few repeat.
            var first: [String: Int] = [:]
            first.reserveCapacity(ids.count)
            var repeats: [String: [Int]] = [:]
            for (i, entry) in ids.enumerated() {
                if let f = first[entry.0.value] { repeats[entry.0.value, default: [f]].append(i) } else { first[entry.0.value] = i }
            }
            // In the order each id first appears.
            for (id, positions) in repeats.sorted(by: { ($0.value.first ?? 0) < ($1.value.first ?? 0) }) {
                let all = positions.map { ids[$0] }
                // A copied objective file: the original is the one file named after the id.
                let named = kind == "objective" ? all.filter { stem($0.file) == id } : []
                let original = named.count == 1 ? named.first : nil
                // Swift compares text as Unicode says it reads: `é` composed and `e` + U+0301 are one id.
                let encodedTwoWays = Set(all.map { Array($0.0.value.unicodeScalars) }).count > 1
                for (index, entry) in all.enumerated() {
                    // The first few others, the kept first declaration among them: the findings grow
                    // with the number of declarations, not with its square.
                    let others = Array(all.indices.lazy.filter { $0 != index }.prefix(othersShown).map { all[$0].0.location })
                    let more = all.count - 1 - others.count
                    let text: String
                    if let original {
                        // Whichever file is the original, the first in path order is the one in use.
                        let inUse = index == 0 ? nil : all.first?.0.location
                        text = entry.0.location == original.0.location
                            ? copiedFrom(id, copies: others, more: more, inUse: inUse)
                            : copy(id, original: original.0.location, inUse: inUse)
                    } else {
                        text = message(id, kind: kind, others: others, more: more, inUse: index == 0, encodedTwoWays: encodedTwoWays)
                    }
                    findings.append(description.finding(text, at: entry.0.location, objective: kind == "objective" ? id : nil))
                }
            }
            // Ids that differ only in case, in characters that show as nothing or in how a character
            // is encoded (a full-width letter), each at its first declaration: people read them as one.
            var spellings: [String: [Int]] = [:]
            for (id, i) in first { spellings[lookAlike(id), default: []].append(i) }
            for group in spellings.values.filter({ $0.count > 1 }).map({ $0.sorted() }).sorted(by: { ($0.first ?? 0) < ($1.first ?? 0) }) {
                for i in group {
                    let others = group.filter { $0 != i }
                    let shown = others.prefix(othersShown).map { (id: ids[$0].0.value, at: ids[$0].0.location) }
                    let id = ids[i].0.value
                    findings.append(description.finding(caseVariant(id, kind: kind, others: Array(shown), more: others.count - shown.count),
                                                        at: ids[i].0.location, objective: kind == "objective" ? id : nil))
                }
            }
        }
        return findings
    }

    /// The file name without its folder and ending.
    private static func stem(_ file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// How many other declarations a finding names; the rest are counted.
    static let othersShown = 3

    private static func list(_ locations: [SourceLocation], more: Int) -> String {
        let shown = locations.map { codeSpan($0) }.joined(separator: ", ")
        return more > 0 ? "\(shown) and \(more) more" : shown
    }

    // MARK: messages

    static func message(_ id: String, kind: String, others: [SourceLocation], more: Int = 0, inUse: Bool,
                        encodedTwoWays: Bool = false) -> String {
        let list = list(others, more: more)
        let use = inUse ? "evident uses this one meanwhile" : "evident uses the first in path order meanwhile"
        let encoding = encodedTwoWays
            ? " The files write an accented letter two ways (as one character, and as a letter and its accent), which read as one id."
            : ""
        return "\(codeSpan(id)) is also the id of the \(kind) at \(list); give each \(kind) an id of its own (\(use)).\(encoding)"
    }

    /// `id` in capitals: the same text for ids that differ only in case. An ASCII id without a small
    /// letter (most are: `OBJ-INC-01`) is its own, without making a new string.
    static func caseFolded(_ id: String) -> String {
        id.utf8.contains { $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x80 } ? id.uppercased() : id
    }

    /// `caseFolded`, and for an id that is not ASCII, without the characters that show as nothing
    /// (`InvisibleCharacter`), with compatibility forms (a full-width `Ｏ`) made plain and with the
    /// Cyrillic and Greek letters drawn as Latin ones made those (`LookAlikeLetter`): the same text
    /// for ids a reader cannot tell apart.
    static func lookAlike(_ id: String) -> String {
        guard id.utf8.contains(where: { $0 >= 0x80 }) else { return caseFolded(id) }
        let visible = String(String.UnicodeScalarView(id.unicodeScalars.filter { !InvisibleCharacter.isInvisible($0) }))
        return LookAlikeLetter.latinised(visible.precomposedStringWithCompatibilityMapping.uppercased())
    }

    static func caseVariant(_ id: String, kind: String, others: [(id: String, at: SourceLocation)], more: Int = 0) -> String {
        let shown = others.map { "\(codeSpan($0.id)) at \(codeSpan($0.at))" }.joined(separator: ", ")
        let list = more > 0 ? "\(shown) and \(more) more" : shown
        // Only case differs when the ids fold alike without the rest of `lookAlike`.
        guard others.allSatisfy({ caseFolded($0.id) == caseFolded(id) }) else {
            let invisible = InvisibleCharacter.described(in: id) ?? others.lazy.compactMap { InvisibleCharacter.described(in: $0.id) }.first
            let letter = others.lazy.compactMap { other in
                LookAlikeLetter.described(in: id, against: other.id) ?? LookAlikeLetter.described(in: other.id, against: id)
            }.first
            let how = invisible.map { "in \($0), which shows as nothing" }
                ?? letter.map { "in \($0)" }
                ?? "in how a character is encoded (a full-width or compatibility form)"
            return "\(codeSpan(id)) looks the same as the id of the \(kind) \(list): they differ only \(how), or in case. People read them as one id, so a reference to either is ambiguous; give each \(kind) an id that differs in what it shows."
        }
        return "\(codeSpan(id)) differs only in case from the id of the \(kind) \(list). People, and tools that ignore case, read them as one id, so a reference to either is ambiguous; give each \(kind) an id that differs in more than case."
    }

    /// `inUse`: the declaration evident uses meanwhile, nil when it is this one.
    static func copiedFrom(_ id: String, copies: [SourceLocation], more: Int = 0, inUse: SourceLocation?) -> String {
        let list = list(copies, more: more)
        return "\(codeSpan(id)) is also declared at \(list), which looks like a copy of this file: give the objective there an id of its own. This file, named after \(codeSpan(id)), keeps it (\(using(inUse)))."
    }

    static func copy(_ id: String, original: SourceLocation, inUse: SourceLocation?) -> String {
        "\(codeSpan(id)) is the id of the objective at \(codeSpan(original)), the file named after it: this file looks like a copy of it. Give this objective an id of its own (and name the file after that id; \(using(inUse)))."
    }

    private static func using(_ inUse: SourceLocation?) -> String {
        inUse.map { "evident uses the first in path order, at \(codeSpan($0)), meanwhile" } ?? "evident uses this one meanwhile"
    }
}
