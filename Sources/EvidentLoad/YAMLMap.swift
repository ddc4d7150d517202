import EvidentModel
import EvidentSupport
import Yams

/// Collects the findings made while one file is read. One file is read on one thread.
package final class LoadReport {
    package var findings: [Finding] = []
    /// Fields given with a value that could not be read; each has its finding in `findings`.
    var unread: [UnreadField] = []

    package init() {}

    func add(_ rule: RuleDescription, _ message: String, at location: SourceLocation, objective: String? = nil) {
        findings.append(rule.finding(message, at: location, objective: objective))
    }
}

/// Parses a YAML document into a `YAMLMap`, turning every Yams error into a positioned `syntax/yaml`
/// finding (never a raw error). The basic resolver keeps every scalar a string: dates, numbers and
/// booleans are read by `YAMLMap` where their field is known, which is both faster and stricter.
package enum YAMLDocument {
    package static func parse(_ yaml: String, file: String, firstLine: Int, table: FieldTable,
                      report: LoadReport) -> YAMLMap? {
        let start = SourceLocation(file: file, line: max(1, firstLine - 1), column: 1)
        let document: YAMLSubsetReader.Document, lines: YAMLLines
        if let read = YAMLSubsetReader.read(yaml) {
            (document, lines) = (read, YAMLLines(offset: firstLine - 1))
        } else {
            lines = YAMLLines(yaml, offset: firstLine - 1)
            guard let read = composeWithYams(yaml, file: file, lines: lines, report: report) else { return nil }
            document = read
        }
        let root: YAMLNode
        switch document {
        case .empty:
            // An empty front-matter block is a mapping with no fields: the rules say what is missing.
            return YAMLMap(pairs: [], at: start, file: file, lines: lines, table: table, report: report)
        case let .root(node):
            root = node.resolved
        }
        guard case let .mapping(pairs, _) = root else {
            report.add(SyntaxYAML.description,
                       "The front-matter must be a mapping of fields (`key: value` lines), not \(root.kindName).",
                       at: YAMLMap.location(of: root, file: file, lines: lines) ?? start)
            return nil
        }
        return YAMLMap(pairs: pairs, at: start, file: file, lines: lines, table: table, report: report)
    }

    /// Yams reads what `YAMLSubsetReader` does not, and reports every syntax error (then nil).
    private static func composeWithYams(_ yaml: String, file: String, lines: YAMLLines,
                                        report: LoadReport) -> YAMLSubsetReader.Document? {
        let firstLine = lines.offset + 1
        do {
            // The encoding is given: Yams otherwise reads the environment on every parse.
            guard let root = try Yams.compose(yaml: yaml, Resolver.basic, Constructor.default, .utf8) else { return .empty }
            return .root(.yams(root))
        } catch let error as YamlError {
            let (message, mark) = describe(error, yaml: yaml, lines: lines)
            let location = SourceLocation(file: file, line: (mark?.line ?? 1) + firstLine - 1, column: mark?.column ?? 1)
            if let tab = mark.flatMap({ indentingTab(near: $0, problem: message, in: yaml) }) {
                report.add(SyntaxYAML.description, SyntaxYAML.tabMessage,
                           at: SourceLocation(file: file, line: tab.line + firstLine - 1, column: tab.column))
            } else if let mark, let quote = unclosedQuote(endingOn: mark.line, in: yaml) {
                report.add(SyntaxYAML.description, SyntaxYAML.unclosedQuoteMessage(closedOn: mark.line + firstLine - 1, message),
                           at: SourceLocation(file: file, line: quote.line + firstLine - 1, column: quote.column))
            } else if let mark, let separator = lines.otherBreak(atOrBefore: mark.line) {
                report.add(SyntaxYAML.description, SyntaxYAML.separatorMessage(code: separator.code, message),
                           at: SourceLocation(file: file, line: separator.at.line + firstLine - 1, column: separator.at.column))
            } else if case let .reader(problem, _, value, _) = error {
                report.add(SyntaxYAML.description, SyntaxYAML.characterMessage(problem, code: value), at: location)
            } else {
                report.add(SyntaxYAML.description, SyntaxYAML.message(message), at: location)
            }
        } catch {
            report.add(SyntaxYAML.description, SyntaxYAML.message(String(describing: error)),
                       at: SourceLocation(file: file, line: firstLine, column: 1))
        }
        return nil
    }

    /// The problem, and where it is in the text (not yet offset to the file).
    private static func describe(_ error: YamlError, yaml: String, lines: YAMLLines) -> (String, (line: Int, column: Int)?) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let inText = lines.inText(line: mark.line, column: mark.column)
            let place = (inText.line, inText.column)
            if let context { return ("\(problem) \(context.text)", place) }
            return (problem, place)
        case let .duplicatedKeysInMapping(duplicates, context):
            let message = "the key \(duplicates.map { "\(codeSpan($0))" }.joined(separator: ", ")) appears twice in one mapping; keep one"
            let mapping = lines.inText(line: context.mark.line, column: context.mark.column)
            return (message, secondOccurrence(of: duplicates.first ?? "", after: mapping, in: yaml)
                ?? (mapping.line, mapping.column))
        case let .reader(problem, offset, _, _):
            // The reader stops at a character YAML does not allow; `offset` counts characters.
            return (problem, offset.flatMap { place(ofCharacter: $0, in: yaml) })
        default:
            return (String(describing: error), nil)
        }
    }

    /// The line and column (1-based, in characters) of the character `offset` characters into `yaml`.
    static func place(ofCharacter offset: Int, in yaml: String) -> (line: Int, column: Int)? {
        guard offset >= 0 else { return nil }
        var line = 1, column = 1, seen = 0
        for character in yaml {
            if seen == offset { return (line, column) }
            seen += 1
            if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return seen == offset ? (line, column) : nil
    }

    /// The tab that indents the line where libyaml stopped, or (when libyaml's reason names a tab)
    /// the nearest line above it, as line and column: YAML allows only spaces for indentation, and
    /// libyaml's words for it ("found a tab character that violates indentation", "found character
    /// that cannot start any token") do not say so. nil when no tab indents those lines.
    static func indentingTab(near mark: (line: Int, column: Int), problem: String, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let lowest = problem.contains("tab") ? 1 : mark.line
        for number in stride(from: mark.line, through: lowest, by: -1) {
            let indentation = lines[number - 1].unicodeScalars.prefix { $0 == " " || $0 == "\t" }
            if let tab = indentation.firstIndex(of: "\t") {
                return (number, indentation.distance(from: indentation.startIndex, to: tab) + 1)
            }
        }
        return nil
    }

    /// A value whose opening `"` or `'` is not closed on its line runs on as one string to the
    /// next such quote, and the parser stops after that one, lines later. The place to fix is
    /// the opening quote: a line before `line` whose value opens a quote left open, with no quote
    /// of that kind on the lines between and one on `line` itself.
    static func unclosedQuote(endingOn line: Int, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard line >= 2, line <= lines.count else { return nil }
        for quote in ["\"", "'"] as [Unicode.Scalar] where lines[line - 1].contains(quote) {
            // The nearest line above with this quote is the only one that can have opened it.
            guard let opening = stride(from: line - 1, through: 1, by: -1).first(where: { lines[$0 - 1].contains(quote) })
            else { continue }
            let text = lines[opening - 1]
            guard let start = valueStart(text), start < text.count, text[start] == quote else { continue }
            // Open when the quotes after the opening one do not close it: `\"` is no quote inside
            // "…", and '' is a quote inside '…'.
            var open = true, index = start + 1
            while index < text.count {
                if quote == "\"", text[index] == "\\" { index += 2; continue }
                if text[index] == quote {
                    if quote == "'", index + 1 < text.count, text[index + 1] == "'" { index += 2; continue }
                    open = false
                    break
                }
                index += 1
            }
            if open { return (opening, start + 1) }
        }
        return nil
    }

    /// Where a line's value begins: after `key: ` or `- `, past spaces; nil when it has neither.
    private static func valueStart(_ text: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index < text.count, text[index] == " " { index += 1 }
        if index + 1 < text.count, text[index] == "-", text[index + 1] == " " {
            index += 2
        } else {
            guard let colon = (index..<text.count).first(where: { text[$0] == ":" && ($0 + 1 == text.count || text[$0 + 1] == " ") })
            else { return nil }
            index = colon + 1
        }
        while index < text.count, text[index] == " " { index += 1 }
        return index
    }

    /// Yams points at the mapping that holds a duplicate key; the useful place is the repeated key.
    /// It is the next line after the mapping's start that has the same indentation and key.
    private static func secondOccurrence(of key: String, after mark: YAMLMark, in yaml: String) -> (Int, Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for index in max(0, mark.line - 1)..<lines.count {
            let line = lines[index]
            let indent = line.prefix(while: { $0 == " " || $0 == "-" }).count
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop(while: { $0 == " " })
            guard after.hasPrefix(":") else { continue }
            seen += 1
            if seen == 2 { return (index + 1, indent + 1) }
        }
        return nil
    }
}

extension Node {
    var mark: Mark? {
        switch self {
        case let .scalar(s): s.mark
        case let .mapping(m): m.mark
        case let .sequence(s): s.mark
        case let .alias(a): a.mark
        }
    }
}

/// A YAML mapping being read into the model, against the `FieldTable` of its kind: keys the table
/// does not name are reported once, with the closest known name, and each field is read by the
/// accessor of its table type (asserted in debug builds, so that the reader and `evident schema`,
/// which both follow the table, cannot drift apart).
package final class YAMLMap {
    let file: String
    let lines: YAMLLines
    /// Where the mapping starts (for a missing field: the front-matter's first line).
    let location: SourceLocation
    let table: FieldTable
    var kind: String { table.kind }
    let report: LoadReport
    /// The keys and their values, in file order (both readers reject duplicate keys). A field is
    /// the pair whose key is a `.scalar` of its name (`name(of:)`), found by a scan that starts
    /// after the key found last: readers ask for fields in about the order files write them, so
    /// most look-ups compare one key and none hashes.
    private var pairs: [YAMLPair]
    private var cursor = 0

    init(pairs: [YAMLPair], at location: SourceLocation, file: String, lines: YAMLLines,
         table: FieldTable, report: LoadReport) {
        self.file = file
        self.lines = lines
        self.location = location
        self.table = table
        self.report = report
        let fields = table.names
        let kind = table.kind
        // The pairs are kept as they are (not copied into a table of values), unless a key is to
        // be read under another name than its own or not at all: then their copy (`named`) gets a
        // key that says so. A Yams scalar key becomes the scalar it is; a key written under another
        // spelling, the field's name; a key that is not a scalar or is given twice through Yams is
        // left or put back as it was, which `name(of:)` never matches. Nearly every file needs
        // none of it.
        self.pairs = pairs
        var named = pairs
        defer { self.pairs = named }
        // Fields written under another spelling are read under their own name (once each), unless
        // the file gives that name too.
        var claimed: Set<String> = []
        // The texts of the keys Yams read. Yams refuses a key given twice only when both have
        // one tag, so `!x target` beside `target` reaches here: the repeat is refused and the
        // field is unread, since either value may be the one meant. (The subset reader gives up
        // on any repeated key.)
        var yamsKeys: Set<String> = []
        for index in pairs.indices {
            // The key's text read where it is; the node is copied only to report it.
            guard let (k, fromYams) = pairs.withUnsafeBufferPointer({ buffer -> (String, Bool)? in
                switch buffer[index].key {
                case let .scalar(text, _, _): (text, false)
                case .yams: buffer[index].key.text.map { ($0, true) }
                default: nil
                }
            }) else {
                let key = pairs[index].key
                report.add(SyntaxType.description, "A key in the \(kind) must be a plain name, not \(key.kindName).",
                           at: place(key) ?? location)
                continue
            }
            if fromYams, !yamsKeys.insert(k).inserted {
                if let first = named.firstIndex(where: { Self.name(of: $0.key) == k }) { named[first].key = pairs[first].key }
                unreadable(k)
                report.add(SyntaxYAML.description, SyntaxYAML.repeatedKeyMessage(k), at: place(pairs[index].key) ?? location)
                continue
            }
            if fromYams { named[index].key = pairs[index].key.resolved }
            let declared = table.declares(k)
            if !declared, let field = FieldSpelling.field(for: k, in: fields), !claimed.contains(field),
               !pairs.contains(where: { $0.key.text == field }), let mark = pairs[index].key.mark {
                claimed.insert(field)
                named[index].key = .scalar(field, plain: true, at: mark)
                report.add(SyntaxUnknownField.description, SyntaxUnknownField.respelled(k, as: field, kind: kind),
                           at: place(pairs[index].key) ?? location)
                continue
            }
            if !declared, k == "<<" {
                report.add(SyntaxUnknownField.description, SyntaxUnknownField.mergeKey(kind: kind), at: place(pairs[index].key) ?? location)
            } else if !declared {
                let hint = Self.isAsOf(k) ? " The as-of date is not a setting: give it on the command line, `--as-of YYYY-MM-DD` (today when left out)."
                    : (Suggestion.closest(to: k, in: fields) ?? Self.fieldNamedWithin(k, fields)).map { " Did you mean \(codeSpan($0))?" } ?? ""
                report.add(SyntaxUnknownField.description,
                           "\(codeSpan(k)) is not a field of the \(kind).\(hint)",
                           at: place(pairs[index].key) ?? location)
            }
        }
    }

    /// The known field an unknown key starts or ends with, past a `_`, `-` or space
    /// (`evaluation_method`, `due_date`, `meeting_date`), the longest when several are: a name too
    /// long for `Suggestion.closest`, that still says which field it means.
    static func fieldNamedWithin(_ key: String, _ fields: [String]) -> String? {
        let lowered = key.lowercased()
        guard lowered.count <= Suggestion.lengthLimit else { return nil }
        func named(_ field: String) -> Bool {
            ["_", "-", " "].contains { lowered.hasPrefix(field + $0) || lowered.hasSuffix($0 + field) }
        }
        return fields.filter(named).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }.first
    }

    /// Whether an unknown key is the as-of date (`as_of`, `as-of`, `asOf`), which only the command line sets.
    static func isAsOf(_ key: String) -> Bool {
        key.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " } == "asof"
    }

    static func location(of node: YAMLNode, file: String, lines: YAMLLines) -> SourceLocation? {
        node.mark.map { lines.location($0, file: file) }
    }

    func place(_ node: YAMLNode) -> SourceLocation? {
        YAMLMap.location(of: node, file: file, lines: lines)
    }

    /// The value node of a field, nil when absent or null.
    func node(_ key: String) -> YAMLNode? {
        guard let index = position(key) else { return nil }
        let value = pairs[index].value
        return value.isNull ? nil : value
    }

    /// Where `key` is in `pairs`, whatever its value.
    private func position(_ key: String) -> Int? {
        let length = key.utf8.count
        let found = pairs.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            var index = cursor
            for _ in 0..<count {
                if index >= count { index = 0 }
                // The key's name as `name(of:)` gives it, read in place.
                if buffer[index].key.isScalar(key, length: length) { return index }
                index += 1
            }
            return nil
        }
        if let found { cursor = found + 1 }
        return found
    }

    /// The name a pair's key is read under (see `pairs`): nil for a key that is never read.
    private static func name(of key: YAMLNode) -> String? {
        guard case let .scalar(text, _, _) = key else { return nil }
        return text
    }

    /// A single-value field's text and place, nil when absent or null; any other value is
    /// `expected`'s type error. The node is looked at once, where it is: through `node` and
    /// `scalar` it would be copied at every step.
    private func scalarField(_ key: String, expected: String) -> Located<String>? {
        scalarFieldAndStyle(key, expected: expected)?.value
    }

    /// `scalarField`, and whether the value was plain (unquoted), which `words` needs to tell
    /// `true` from `"true"`.
    private func scalarFieldAndStyle(_ key: String, expected: String) -> (value: Located<String>, plain: Bool)? {
        guard let index = position(key) else { return nil }
        guard let scalar = pairs.withUnsafeBufferPointer({ buffer -> (text: String, plain: Bool, mark: YAMLMark, decoded: Bool)? in
            switch buffer[index].value {
            case let .scalar(text, plain, mark): (text, plain, mark, false)
            case .yams: buffer[index].value.scalar.map { ($0.text, $0.plain, $0.mark, true) }
            default: nil
            }
        }) else {
            let node = pairs[index].value
            if !node.isNull { typeError(key, node, expected: expected) }
            return nil
        }
        if YAMLNode.isNull(scalar.text, plain: scalar.plain) { return nil }
        let location = lines.location(scalar.mark, file: file)
        if scalar.decoded, refusedForControlCharacter(key, scalar.text, at: location)
            || refusedForTag(key, pairs[index].value, scalar.text, at: location) { return nil }
        return (Located(scalar.text, at: location), scalar.plain)
    }

    /// A value with a YAML tag other than `!!str` or its field's own type's (`!!null 2026-01-15`,
    /// `!!float 3`, `!local`): a YAML tool reads the value as its tag says (`!!null`: no value at
    /// all), evident as its field says, so the two may disagree on what the file holds. The value
    /// is `syntax/type`'s finding and unread (no rule calls it missing as well). Only Yams reads tags.
    private func refusedForTag(_ key: String, _ node: YAMLNode, _ text: String, at location: SourceLocation) -> Bool {
        guard let tag = node.explicitTag, !text.trimmed.isEmpty else { return false }
        switch (tag, table.type(of: key)) {
        case ("!!bool", .flag?), ("!!int", .wholeNumber?), ("!!timestamp", .date?): return false
        default: break
        }
        unreadable(key)
        report.add(SyntaxType.description,
                   "\(codeSpan(key)) in the \(kind) has the YAML tag \(codeSpan(tag)), which evident does not read: a YAML tool reads the value as the tag says\(Self.tagReading(tag)), evident as \(codeSpan(key)) says, so the two may differ. Remove the tag.",
                   at: location)
        return true
    }

    /// What a YAML tool makes of a value with a standard tag, for the message: "" for another tag.
    private static func tagReading(_ tag: String) -> String {
        switch tag {
        case "!!null": " (no value at all)"
        case "!!bool": " (true or false)"
        case "!!int", "!!float": " (a number)"
        case "!!binary": " (the bytes its text encodes)"
        case "!!timestamp": " (a date and time)"
        default: ""
        }
    }

    /// A control character other than a tab or a line break, in a value Yams read: only an escape
    /// in a double-quoted value (`"\u001B"`) puts one there, since YAML refuses them written as
    /// they are. No text needs one, and a terminal, a spreadsheet or a CSV reader acts on it, so
    /// the value is `syntax/type`'s finding and unread (no rule calls it missing as well).
    private func refusedForControlCharacter(_ key: String, _ text: String, at location: SourceLocation) -> Bool {
        guard let control = text.unicodeScalars.first(where: Self.isRefusedControl) else { return false }
        unreadable(key)
        report.add(SyntaxType.description,
                   "\(codeSpan(key)) in the \(kind) holds the control character U+\(codePointHex(control.value)), written as an escape in its double-quoted value; no text needs one, and a terminal or a spreadsheet showing the value would act on it. Remove the escape.",
                   at: location)
        return true
    }

    /// An id holding a character that shows as nothing (`InvisibleCharacter`: a zero-width space,
    /// a byte order mark, a direction control) reads as another id wherever it is shown. It is
    /// `syntax/type`'s finding at the value, which is still read, so that what names it finds it.
    private func reportHiddenCharacter(in id: Located<String>) {
        // Most ids are ASCII: one pass over their bytes, without the scalars' properties.
        let ascii = id.value.utf8.withContiguousStorageIfAvailable { bytes in bytes.allSatisfy { $0 < 0x80 } }
            ?? !id.value.utf8.contains { $0 >= 0x80 }
        guard !ascii, let hidden = id.value.unicodeScalars.first(where: InvisibleCharacter.isInvisible) else { return }
        let code = "U+\(codePointHex(hidden.value))"
        let visible = InvisibleCharacter.removed(from: id.value)
        let what = PackPath.isDirectionControl(hidden)
            ? "a direction control, \(code), which shows as nothing and changes the order in which the characters around it are shown"
            : "\(InvisibleCharacter.described(in: String(hidden)) ?? code), which shows as nothing"
        report.add(SyntaxType.description,
                   "`id` in the \(kind) holds \(what): the id reads as \(codeSpan(visible)) and is another, which a reference typed as it reads does not name. Delete the character.",
                   at: id.location)
    }

    /// C0 controls but tab and line feed, DEL, and the C1 controls but NEL (which YAML reads as a
    /// line break, and which a quoted value may keep: `SyntaxYAML`).
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || ((0x7F...0x9F).contains(scalar.value) && scalar.value != 0x85)
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    /// Where a field's value is, or the mapping's start when the field is absent.
    func locationOf(_ key: String) -> SourceLocation {
        node(key).flatMap(place) ?? location
    }

    private func typeError(_ key: String, _ node: YAMLNode, expected: String) {
        unreadable(key)
        report.add(SyntaxType.description,
                   "\(codeSpan(key)) in the \(kind) must be \(expected), not \(node.kindName).",
                   at: place(node) ?? location)
    }

    /// Whether `key` has a value that could not be read (and was reported).
    func isUnread(_ key: String) -> Bool {
        report.unread.contains(UnreadField(mapping: location, field: key))
    }

    /// Records that `key` has a value that could not be read (its finding is made by the caller),
    /// so that no rule calls it missing.
    private func unreadable(_ key: String) {
        report.unread.append(UnreadField(mapping: location, field: key))
    }

    func scalar(_ key: String, _ node: YAMLNode, expected: String) -> Located<String>? {
        guard let text = node.text else {
            typeError(key, node, expected: expected)
            return nil
        }
        return Located(text, at: place(node) ?? location)
    }

    /// Whether the table gives `key` a type read by `accessor`: asserted by every accessor.
    private func declares(_ key: String, _ accessor: FieldType.Accessor) -> Bool {
        table.type(of: key)?.accessor == accessor
    }

    /// The `id` text field, as `string("id")`; one holding a character that shows as nothing is
    /// also `syntax/type`'s finding (`reportHiddenCharacter`).
    func id() -> Located<String>? {
        guard let value = string("id") else { return nil }
        reportHiddenCharacter(in: value)
        return value
    }

    /// A text field. Blank text counts as absent, so "required" rules see it as missing. In a field
    /// that answers (`FieldType.answer`), a placeholder is `syntax/type`'s finding, and the field
    /// is unread, so no rule calls it missing as well.
    /// The field's type is looked up only for a placeholder: most values are none.
    func string(_ key: String) -> Located<String>? {
        assert(declares(key, .text), "\(codeSpan(key)) is not a text field of the \(kind) table")
        guard let value = text(key) else { return nil }
        guard Self.mayBeRefused(value.value) else { return value }
        let placeholder = Self.isPlaceholder(value.value)
        guard placeholder || Self.namesNoOne(value.value) else { return value }
        switch table.type(of: key) {
        case let .answer(asks)? where placeholder:
            refuseAsPlaceholder(key, value, asks: asks)
            return nil
        case let .answer(asks)? where FieldType.asksWho(asks):
            refuseAsNoOne(key, value, asks: asks)
            return nil
        case .unit? where placeholder && !Self.timesSigns.contains(value.value):
            refuseAsPlaceholder(key, value, asks: "what unit the values are in, or leave \(codeSpan(key)) out when they have none")
            return nil
        default:
            return value
        }
    }

    /// Text in words (`FieldType.words`). YAML reads an unquoted number or true/false as that, not
    /// as text, and it says nothing of what the field asks (`evaluation: true` is no evaluation): it
    /// is `syntax/type`'s finding, and the field is unread, so no rule calls it missing as well. So
    /// is a placeholder (`TBD`, `n/a`), which holds the place of an answer without giving one.
    func words(_ key: String) -> Located<String>? {
        assert(declares(key, .words), "\(codeSpan(key)) is not a words field of the \(kind) table")
        guard let (value, plain) = scalarFieldAndStyle(key, expected: "text") else { return nil }
        let trimmed = value.value.trimmed
        if plain, let what = Self.nonText(trimmed) {
            unreadable(key)
            report.add(SyntaxType.description,
                       "\(codeSpan(key)) in the \(kind) must be text, not \(what) \(codeSpan(trimmed)); say in words \(asks(key)).",
                       at: value.location)
            return nil
        }
        guard !trimmed.isEmpty else { return nil }
        let text = Located(trimmed, at: value.location)
        if Self.namesNoOne(trimmed), FieldType.asksWho(asks(key)) {
            refuseAsNoOne(key, text, asks: asks(key))
            return nil
        }
        guard Self.isPlaceholder(trimmed) else { return text }
        refuseAsPlaceholder(key, text, asks: asks(key))
        return nil
    }

    /// Reports `text`, the trimmed value of `key`, a field that asks who, as naming no one
    /// (`namesNoOne`): `approved_by: None` is no approver, though `none` is an answer to what a
    /// metric excludes. `key` is then unread.
    private func refuseAsNoOne(_ key: String, _ text: Located<String>, asks: String) {
        unreadable(key)
        report.add(SyntaxType.description,
                   "\(codeSpan(key)) in the \(kind) names no one, \(codeSpan(text.value)); say \(asks), or leave \(codeSpan(key)) out if there is no one.",
                   at: text.location)
    }

    /// Words that name no one (`None`, `nobody`, `n.n.`…), whole and in any case, a final full stop
    /// ignored: in a field that asks who, what a placeholder is elsewhere. A plain `null` is YAML's
    /// null and never reaches here; a quoted one does.
    static func namesNoOne(_ text: String) -> Bool {
        // Every text value passes here: turned away by its length (3 to 11 bytes, `nil` to
        // `unassigned.`), then by its first byte (n or u, in either case).
        let count = text.utf8.count
        guard count >= 3, count <= 11, let first = text.utf8.first,
              first | 0x20 == UInt8(ascii: "n") || first | 0x20 == UInt8(ascii: "u") else { return false }
        var word = text.lowercased()
        if word.hasSuffix("."), word != "n.n." { word.removeLast() }
        return noOne.contains(word)
    }

    static let noOne: Set<String> = ["none", "nobody", "no one", "no-one", "noone", "nil", "null", "n.n.", "unknown", "unassigned"]

    /// What the field `key` should say (`FieldType.words`, `.answer`, `.names`), for a message:
    /// looked up only when one is made.
    private func asks(_ key: String) -> String {
        switch table.type(of: key) {
        case let .words(asks)?, let .answer(asks)?, let .names(asks)?: asks
        default: "what the field asks"
        }
    }

    /// The units made of a placeholder mark that are units all the same: `x`, times.
    static let timesSigns: Set<String> = ["x", "X"]

    /// Reports `text`, the trimmed value of `key`, as a placeholder (`isPlaceholder`), quoted or
    /// not, which holds the place of an answer without giving one; `key` is then unread.
    private func refuseAsPlaceholder(_ key: String, _ text: Located<String>, asks: String) {
        unreadable(key)
        report.add(SyntaxType.description,
                   "\(codeSpan(key)) in the \(kind) is a placeholder, \(codeSpan(text.value)), not an answer; say in words \(asks).",
                   at: text.location)
    }

    /// Words that stand for an answer still to be written (`TBD`, `n/a`, `-`, `—`, `?`, `...`,
    /// `xxx`), whole and in any case, a final full stop ignored. `none` is not one: "none" can be an answer.
    /// Every text field of every file passes through here: most values are turned away by their
    /// first character or their length, and none is copied. The JSON Schemas refuse the
    /// same values (`ContentSchema.placeholder`).
    static func isPlaceholder(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, placeholderStarts[Int(first)] else { return false }
        if text.unicodeScalars.allSatisfy(isMark) { return true }
        let count = bytes.last == UInt8(ascii: ".") ? bytes.count - 1 : bytes.count
        guard count <= longestPlaceholder else { return false }
        // Every placeholder word is ASCII, so ASCII case folding is all the comparison needs; the
        // words are compared where they are, without a lowered copy of the text.
        return placeholderWords.contains { word in
            word.count == count && zip(word, bytes).allSatisfy { w, b in w == ((0x41...0x5A).contains(b) ? b | 0x20 : b) }
        }
    }

    /// The marks a value made only of stands for nothing yet: dashes, `?`, `.`, `…`, `_`, `*`, `x`.
    static let marks: [Unicode.Scalar] = ["-", "\u{2010}", "\u{2013}", "\u{2014}", "?", ".", "\u{2026}", "_", "*", "x", "X"]
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool { marks.contains(scalar) }

    static let placeholders: Set<String> = [
        "tbd", "tbc", "tba", "todo", "to do", "fixme", "n/a", "n.a", "na", "placeholder",
        "to be defined", "to be determined", "to be decided", "to be confirmed", "to be agreed",
    ]
    private static let placeholderWords = placeholders.map { Array($0.utf8) }
    private static let longestPlaceholder = placeholders.map(\.utf8.count).max() ?? 0
    /// By byte: whether a placeholder (in either case) or a mark starts with it.
    /// Whether `text` may be a placeholder or a word for no one, by its first byte alone: every
    /// text value is asked, and most are turned away with one look-up.
    static func mayBeRefused(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return refusableStarts[Int(first)]
    }

    /// The first bytes of a placeholder, and of a word for no one (`namesNoOne`: n or u).
    private static let refusableStarts: [Bool] = {
        var starts = placeholderStarts
        for byte in "nNuU".utf8 { starts[Int(byte)] = true }
        return starts
    }()

    private static let placeholderStarts: [Bool] = {
        var starts = [Bool](repeating: false, count: 256)
        for byte in placeholders.compactMap(\.utf8.first) + marks.compactMap({ String($0).utf8.first }) {
            starts[Int(byte)] = true
            if (0x61...0x7A).contains(byte) { starts[Int(byte - 0x20)] = true }
        }
        return starts
    }()

    /// What YAML's core schema reads an unquoted value as when not as text: "the true/false value"
    /// (a word `FieldTable.flagWords` reads as a flag) or "the number"; nil for text.
    static func nonText(_ text: String) -> String? {
        // Every words value of every file passes through here: a value whose first character no
        // flag word or number starts with (most of them) is text without a copy being made.
        guard let first = text.utf8.first else { return nil }
        let mayBeFlag = text.utf8.count <= flagWordLength && flagWordInitials.contains(first | 0x20)
        let mayBeNumber = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || "+-.".utf8.contains(first)
        guard mayBeFlag || mayBeNumber else { return nil }
        let word = text.lowercased()
        if FieldTable.flagWords.true.contains(word) || FieldTable.flagWords.false.contains(word) { return "the true/false value" }
        return isNumber(word) ? "the number" : nil
    }

    private static let flagWords = FieldTable.flagWords.true + FieldTable.flagWords.false
    private static let flagWordLength = flagWords.map(\.utf8.count).max() ?? 0
    /// The flag words' first letters, in lower case (an ASCII letter `| 0x20` is its lower case).
    private static let flagWordInitials = Set(flagWords.compactMap(\.utf8.first))
    private static let digits = Set("0123456789")

    /// A number as YAML's core schema writes one (in lower case): an optional sign, digits with an
    /// optional fraction (or only a fraction) and an optional exponent; `0x` hexadecimal and `0o`
    /// octal digits; `.inf` with an optional sign; `.nan`.
    static func isNumber(_ text: String) -> Bool {
        if text.hasPrefix("0x") { return text.count > 2 && text.dropFirst(2).allSatisfy { digits.contains($0) || ("a"..."f").contains($0) } }
        if text.hasPrefix("0o") { return text.count > 2 && text.dropFirst(2).allSatisfy { ("0"..."7").contains($0) } }
        if text == ".nan" { return true }
        var rest = Substring(text)
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == ".inf" { return true }
        let whole = rest.prefix { digits.contains($0) }.count
        rest = rest.dropFirst(whole)
        var fraction = 0
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix { digits.contains($0) }.count
            rest = rest.dropFirst(fraction)
        }
        guard whole + fraction > 0 else { return false }
        if rest.first == "e" {
            rest = rest.dropFirst()
            if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
            let exponent = rest.prefix { digits.contains($0) }.count
            guard exponent > 0 else { return false }
            rest = rest.dropFirst(exponent)
        }
        return rest.isEmpty
    }

    private func text(_ key: String) -> Located<String>? {
        guard let value = scalarField(key, expected: "text") else { return nil }
        let trimmed = value.value.trimmed
        return trimmed.isEmpty ? nil : Located(trimmed, at: value.location)
    }

    /// A scalar field's text; nil when it is absent, null or blank (`""`), as for text fields, so
    /// that a blank date, number or flag reads as a field left out, never as a value that is "``".
    private func filledScalar(_ key: String, expected: String) -> Located<String>? {
        guard let scalar = scalarField(key, expected: expected) else { return nil }
        // A value that starts with a printable ASCII byte (a date, a number, a word) is not blank:
        // only the others are trimmed to tell.
        if let first = scalar.value.utf8.first, first > 32, first < 127 { return scalar }
        return scalar.value.trimmed.isEmpty ? nil : scalar
    }

    func day(_ key: String) -> Located<Day>? {
        assert(declares(key, .date), "\(codeSpan(key)) is not a date field of the \(kind) table")
        guard let text = filledScalar(key, expected: "a date (YYYY-MM-DD)") else { return nil }
        guard let day = Day(iso: text.value.trimmed) else {
            unreadable(key)
            report.add(SyntaxType.description,
                       "\(codeSpan(key)) must be a real date written YYYY-MM-DD, like 2026-01-15; \(codeSpan(text.value)) is not.\(DateHint.suggestion(for: text.value))",
                       at: text.location)
            return nil
        }
        return Located(day, at: text.location)
    }

    /// A whole number inside the range of its table type. Every number read from content has a
    /// range, so that no later arithmetic on it (days added to dates, counts of periods) can overflow.
    func int(_ key: String) -> Located<Int>? {
        guard case let .wholeNumber(range)? = table.type(of: key) else {
            assertionFailure("\(codeSpan(key)) is not a whole-number field of the \(kind) table")
            return nil
        }
        return int(key, in: range)
    }

    /// A whole number inside `range`, which a caller that reports its own range error widens;
    /// `stated` is the range the message for text that is no number names (default `range`).
    func int(_ key: String, in range: ClosedRange<Int>, stated: ClosedRange<Int>? = nil) -> Located<Int>? {
        assert(declares(key, .wholeNumber), "\(codeSpan(key)) is not a whole-number field of the \(kind) table")
        guard let text = filledScalar(key, expected: "a whole number") else { return nil }
        guard let n = Int(text.value.trimmed), range.contains(n) else {
            unreadable(key)
            report.add(SyntaxType.description,
                       "\(codeSpan(key)) must be a whole number from \((stated ?? range).lowerBound) to \((stated ?? range).upperBound); \(codeSpan(text.value)) is not.",
                       at: text.location)
            return nil
        }
        return Located(n, at: text.location)
    }

    /// A threshold of a history entry: text of the grammar `COMPARATOR NUMBER [UNIT]`. (An
    /// objective's own `target` and `tolerance` are text, judged by the measurable rules.)
    func threshold(_ key: String) -> Located<String>? {
        assert(declares(key, .threshold), "\(codeSpan(key)) is not a threshold field of the \(kind) table")
        guard let text = text(key) else { return nil }
        guard Threshold(parsing: text.value) != nil else {
            let hint = Threshold.exponentHint(text.value) ?? Threshold.decimalCommaHint(text.value)
                ?? LookAlikeASCII.hint(for: text.value, reads: { Threshold(parsing: $0) != nil })
            report.add(SyntaxType.description,
                       "\(codeSpan(key)) must be a comparison with a number, like `<= 4 h` or `>= 99.5 %`; \(codeSpan(text.value)) is not\(hint.map { ": \($0)" } ?? "").",
                       at: text.location)
            return nil
        }
        return text
    }

    func bool(_ key: String) -> Located<Bool>? {
        assert(declares(key, .flag), "\(codeSpan(key)) is not a true/false field of the \(kind) table")
        guard let text = filledScalar(key, expected: "true or false") else { return nil }
        let word = text.value.lowercased()
        if FieldTable.flagWords.true.contains(word) { return Located(true, at: text.location) }
        if FieldTable.flagWords.false.contains(word) { return Located(false, at: text.location) }
        unreadable(key)
        report.add(SyntaxType.description, "\(codeSpan(key)) must be true or false; \(codeSpan(text.value)) is not.", at: text.location)
        return nil
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) -> Located<E>? where E.RawValue == String {
        assert({ if case let .choice(values)? = table.type(of: key) { values == E.allCases.map(\.rawValue) } else { false } }(),
               "\(codeSpan(key)) is not a choice of \(E.self) in the \(kind) table")
        guard let text = text(key) else { return nil }
        guard let value = E(rawValue: text.value) else {
            unreadable(key)
            let choices = E.allCases.map(\.rawValue)
            let allowed = choices.joined(separator: ", ")
            // A word that means one of the choices is told that choice, not the closest spelling.
            let hint = ChoiceWords.hint(for: text.value, among: choices)
                ?? Suggestion.closest(to: text.value, in: choices).map { " Did you mean \(codeSpan($0))?" } ?? ""
            report.add(SyntaxType.description, "\(codeSpan(key)) must be one of \(allowed); \(codeSpan(text.value)) is not.\(hint)",
                       at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A list of texts. nil when the field is absent; blank items are skipped. A single value is
    /// a list of one (`policy: POL-1`); a plain one with commas is read as the list it means and
    /// reported, since YAML reads it as one text (`POL-1, POL-2` for `[POL-1, POL-2]`).
    func strings(_ key: String) -> [Located<String>]? {
        assert(declares(key, .list), "\(codeSpan(key)) is not a list field of the \(kind) table")
        guard let node = node(key) else { return nil }
        let resolved = node.resolved
        if case let .scalar(text, plain, _) = resolved {
            let at = place(node) ?? location
            var items = plain ? text.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty } : [text.trimmed]
            if case .yams = node {
                if refusedForTag(key, node, text, at: at) { return nil }
                items = items.filter { !refusedForControlCharacter(key, $0, at: at) }
            }
            if items.count > 1 {
                report.add(SyntaxType.description,
                           "\(codeSpan(key)) in the \(kind) is one text with commas, not a list; write \(codeSpan("[\(items.joined(separator: ", "))]")).",
                           at: at)
            }
            return refusingPlaceholderNames(key, items.filter { !$0.isEmpty }.map { Located($0, at: at) })
        }
        guard case let .sequence(seq, _) = resolved else {
            typeError(key, node, expected: "a list, like [A, B]")
            return nil
        }
        var out: [Located<String>] = []
        out.reserveCapacity(seq.count)
        for index in seq.indices {
            // Each item looked at once, where it is (as `scalarField` does).
            guard let item = seq.withUnsafeBufferPointer({ buffer -> (text: String, plain: Bool, mark: YAMLMark, decoded: Bool)? in
                switch buffer[index] {
                case let .scalar(text, plain, mark): (text, plain, mark, false)
                case .yams: buffer[index].scalar.map { ($0.text, $0.plain, $0.mark, true) }
                default: nil
                }
            }) else {
                typeError(key, seq[index], expected: "a list of single values")
                continue
            }
            let trimmed = item.text.trimmed
            if trimmed.isEmpty { continue }
            let at = lines.location(item.mark, file: file)
            if item.decoded, refusedForControlCharacter(key, trimmed, at: at) || refusedForTag(key, seq[index], trimmed, at: at) { continue }
            out.append(Located(trimmed, at: at))
        }
        return refusingPlaceholderNames(key, out)
    }

    /// The items of `key` without those that are placeholders, in a list of names that answer
    /// (`FieldType.names`): each is `syntax/type`'s finding at the item. When every item was one,
    /// the field is unread, so no rule calls it missing as well.
    private func refusingPlaceholderNames(_ key: String, _ items: [Located<String>]) -> [Located<String>] {
        // The type is looked up only when an item is a placeholder: most lists have none.
        guard items.contains(where: { Self.mayBeRefused($0.value) && (Self.isPlaceholder($0.value) || Self.namesNoOne($0.value)) }),
              case let .names(asks)? = table.type(of: key) else { return items }
        let kept = items.filter { item in
            if Self.isPlaceholder(item.value) {
                report.add(SyntaxType.description,
                           "An item of \(codeSpan(key)) in the \(kind) is a placeholder, \(codeSpan(item.value)), not a name; name \(asks), or leave the item out.",
                           at: item.location)
                return false
            }
            guard Self.namesNoOne(item.value) else { return true }
            report.add(SyntaxType.description,
                       "An item of \(codeSpan(key)) in the \(kind) names no one, \(codeSpan(item.value)); name \(asks), or leave the item out.",
                       at: item.location)
            return false
        }
        if kept.isEmpty { unreadable(key) }
        return kept
    }

    /// A nested mapping, read against the table its field's type names.
    func map(_ key: String) -> YAMLMap? {
        guard case let .mapping(fields)? = table.type(of: key) else {
            assertionFailure("\(codeSpan(key)) is not a mapping field of the \(kind) table")
            return nil
        }
        guard let node = node(key) else { return nil }
        guard case let .mapping(pairs, _) = node.resolved else {
            typeError(key, node, expected: "a mapping of fields")
            return nil
        }
        return YAMLMap(pairs: pairs, at: place(node) ?? location, file: file, lines: lines,
                       table: fields, report: report)
    }

    /// A list of mappings (statements, clauses, history entries, decisions...).
    func maps(_ key: String) -> [YAMLMap]? {
        guard case let .mappings(fields)? = table.type(of: key) else {
            assertionFailure("\(codeSpan(key)) is not a list-of-mappings field of the \(kind) table")
            return nil
        }
        guard let node = node(key) else { return nil }
        guard case let .sequence(seq, _) = node.resolved else {
            typeError(key, node, expected: "a list of entries")
            return nil
        }
        var out: [YAMLMap] = []
        for item in seq {
            guard case let .mapping(pairs, _) = item.resolved else {
                typeError(key, item, expected: "a list of entries with fields")
                continue
            }
            out.append(YAMLMap(pairs: pairs, at: place(item) ?? location, file: file, lines: lines,
                               table: fields, report: report))
        }
        return out
    }
}

/// Other spellings of a known field that can only mean it: another case, `-`, a space or camel
/// case for `_`, British for American spelling (`organisation`, `Approved-On`, `dataSource`). A
/// key so written is read as the field, with one finding that says to write its name; a mere
/// near miss (`tolerence`) is not, since it may mean something else.
enum FieldSpelling {
    static func field(for key: String, in fields: [String]) -> String? {
        let normal = normalized(key)
        return fields.first { normalized($0) == normal }
    }

    private static let british = [("isation", "ization"), ("behaviour", "behavior"), ("colour", "color"),
                                  ("catalogue", "catalog"), ("centre", "center"), ("licence", "license")]

    /// `name` in small letters without `_`, `-`, spaces and the characters that show as nothing
    /// (a zero-width space, a byte order mark pasted in with it), British spellings made American.
    static func normalized(_ name: String) -> String {
        let shown = String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter {
            $0 != "_" && $0 != "-" && $0 != " " && !InvisibleCharacter.isInvisible($0)
        }))
        var text = shown
        for (from, to) in british where text.contains(from) {
            text = text.replacing(from, with: to)
        }
        return text
    }
}

extension FieldType {
    /// The `YAMLMap` accessor that reads a field of this type.
    enum Accessor: Equatable {
        case text, words, date, wholeNumber, flag, choice, threshold, list, mapping, mappings, node
    }

    var accessor: Accessor {
        switch self {
        case .text, .answer, .unit: .text
        case .words: .words
        case .date: .date
        case .wholeNumber: .wholeNumber
        case .flag: .flag
        case .choice: .choice
        case .threshold: .threshold
        // `all` is looked for on the node first; the ids are read as a list.
        case .list, .listOrAll, .choices, .names: .list
        case .mapping: .mapping
        case .mappings: .mappings
        case .severities: .node
        }
    }
}
