import EvidentModel
import EvidentSupport
import Foundation

/// `evident schema`: a JSON Schema (draft 2020-12) for each content file kind, made from the
/// `ContentFormat` tables the loader reads the files with. Each field type becomes what the loader
/// accepts for it, in YAML 1.2 terms (an editor's view): text is any single value, a date is a
/// YYYY-MM-DD string, a list may be one value, and every field may be null (null is absent).
package enum ContentSchema {
    /// How every schema file starts: what marks a file as one evident wrote and may replace.
    static let header = "{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"$id\": \"urn:evident:schema:"

    /// Every schema file: its name and its bytes, in `ContentFormat.kinds` order. The same binary
    /// always gives the same bytes.
    static func files() -> [(name: String, text: String)] {
        ContentFormat.kinds.map { ($0.schemaFile, document(for: $0).serialized()) }
    }

    static func document(for kind: ContentFormat.Kind) -> JSON {
        let id = kind.schemaFile.hasSuffix(".schema.json") ? String(kind.schemaFile.dropLast(12)) : kind.schemaFile
        var pairs: [(String, JSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("urn:evident:schema:\(id)")),
            ("$comment", .string("Written by `evident schema` from the field tables evident reads content with; do not edit.")),
            ("title", .string("evident: \(kind.title)")),
            ("description", .string("""
                \(kind.title) (content/\(kind.paths.joined(separator: ", content/"))), as evident reads it \
                (docs/content-format.md). A field evident does not know is rejected here; evident reports it \
                as syntax/unknown-field.
                """)),
        ]
        pairs += object(kind.table, nullable: false)
        pairs.append(("$defs", .object([("placeholder", placeholder), ("noOne", noOne)])))
        return .object(pairs)
    }

    /// The keywords of a mapping read against `table`.
    static func object(_ table: FieldTable, nullable: Bool) -> [(String, JSON)] {
        var pairs: [(String, JSON)] = [("type", nullable ? types("object", "null") : .string("object"))]
        pairs.append(("properties", .object(table.fields.map { ($0.name, property($0)) })))
        let required = table.fields.filter { $0.requiredBy != nil && $0.requiredUnless.isEmpty }.map { JSON.string($0.name) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        // Fields required unless other fields have a value: each set of exceptions is one `if`
        // (any of them), whose `else` requires the fields.
        var exceptions: [[Field.Exception]] = []
        for field in table.fields where !field.requiredUnless.isEmpty && !exceptions.contains(field.requiredUnless) {
            exceptions.append(field.requiredUnless)
        }
        if !exceptions.isEmpty {
            pairs.append(("allOf", .array(exceptions.map { set in
                let fields = table.fields.filter { $0.requiredBy != nil && $0.requiredUnless == set }.map { JSON.string($0.name) }
                let conditions = set.map(condition)
                return .object([
                    ("if", conditions.count == 1 ? conditions[0] : .object([("anyOf", .array(conditions))])),
                    ("else", .object([("required", .array(fields))])),
                ])
            })))
        }
        pairs.append(("additionalProperties", .bool(false)))
        return pairs
    }

    /// What makes an exception hold: the field has its value, or any value but null (null is absent).
    static func condition(_ e: Field.Exception) -> JSON {
        let value: JSON = e.value.map { .object([("const", .string($0))]) } ?? .object([("not", .object([("type", .string("null"))]))])
        return .object([("properties", .object([(e.field, value)])), ("required", .array([.string(e.field)]))])
    }

    /// A required field may not be null either: evident reads null as absent.
    static func property(_ field: Field) -> JSON {
        let unless = field.requiredUnless.isEmpty ? ""
            : " unless " + field.requiredUnless.map { e in e.value.map { "\(e.field) is \($0)" } ?? "\(e.field) is given" }.joined(separator: " or ")
        let description = field.summary + (field.requiredBy.map { " Required\(unless) (\($0))." } ?? "")
        var pairs = keywords(field.type)
        if field.requiredBy != nil {
            pairs = pairs.map { key, value in
                guard key == "type" || key == "enum", case let .array(items) = value else { return (key, value) }
                let kept = items.filter { $0 != .null && $0 != .string("null") }
                return (key, key == "type" && kept.count == 1 ? kept[0] : .array(kept))
            }
        }
        return .object([("description", .string(description))] + pairs)
    }

    /// A single value: YAML reads unquoted numbers and true/false as such, and the loader reads them as text.
    static let scalar = types("string", "number", "boolean", "null")

    static func keywords(_ type: FieldType) -> [(String, JSON)] {
        switch type {
        case .text:
            return [("type", scalar)]
        case let .answer(asks):
            return [("type", scalar), ("not", refused(asks))]
        case let .words(asks):
            return [("type", types("string", "null")), ("not", refused(asks))]
        case .unit:
            // `x` (times) is made of a placeholder mark, and is a unit.
            let times = "^\\s*(\(YAMLMap.timesSigns.sorted().joined(separator: "|")))\\s*$"
            return [("type", scalar), ("not", .object([("allOf", .array([
                placeholderReference, .object([("not", .object([("pattern", .string(times))]))]),
            ]))]))]
        case .date:
            return [("type", types("string", "null")), ("format", .string("date")),
                    ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
        case let .wholeNumber(range):
            // A quoted number is read too; its range is checked by evident only.
            return [("type", types("integer", "string", "null")), ("minimum", .int(range.lowerBound)),
                    ("maximum", .int(range.upperBound)), ("pattern", .string("^[+-]?[0-9]+$"))]
        case .flag:
            let words = (FieldTable.flagWords.true + FieldTable.flagWords.false).map(anyCase)
            return [("type", types("boolean", "string", "null")), ("pattern", .string("^(\(words.joined(separator: "|")))$"))]
        case let .choice(values):
            return [("enum", .array(values.map(JSON.string) + [.null]))]
        case .threshold:
            return [("type", types("string", "null")), ("pattern", .string("^\\s*(>=|<=|==|>|<|=)\\s*[-+.0-9]*[0-9]"))]
        case .names:
            // As a list, each item no placeholder (nor the one value written without brackets).
            return [("type", types("array", "string", "number", "boolean", "null")),
                    ("items", .object([("type", scalar), ("not", refused("who"))])),
                    ("pattern", .string("^[^,]*$")), ("not", refused("who"))]
        case .list, .listOrAll:
            // One value is a list of one; a plain one with commas is reported (write a YAML list).
            return [("type", types("array", "string", "number", "boolean", "null")), ("items", .object([("type", scalar)])),
                    ("pattern", .string("^[^,]*$"))]
        case let .choices(values):
            // One value is a list of one.
            return [("type", types("array", "string", "null")), ("items", .object([("enum", .array(values.map(JSON.string)))])),
                    ("pattern", .string("^(\(values.map(escaped).joined(separator: "|")))$"))]
        case let .mapping(table):
            return object(table, nullable: true)
        case let .mappings(table):
            return [("type", types("array", "null")), ("items", .object(object(table, nullable: false)))]
        case .severities:
            return [("type", types("object", "null")),
                    ("propertyNames", .object([("enum", .array(RuleIDs.all.map(JSON.string)))])),
                    ("additionalProperties", .object([("enum", .array(FieldTable.ruleSettings.map(JSON.string)))]))]
        }
    }

    static func types(_ names: String...) -> JSON { .array(names.map(JSON.string)) }

    /// Where answer and words fields refer to `placeholder`, which every file's schema defines once.
    static let placeholderReference: JSON = .object([("$ref", .string("#/$defs/placeholder"))])

    /// What an answer asking `asks` refuses: a placeholder, and in a field that asks who, a word
    /// that names no one (`YAMLMap.namesNoOne`).
    static func refused(_ asks: String) -> JSON {
        guard FieldType.asksWho(asks) || asks == "who" else { return placeholderReference }
        return .object([("anyOf", .array([placeholderReference, .object([("$ref", .string("#/$defs/noOne"))])]))])
    }

    /// The text values `YAMLMap.namesNoOne` refuses in a field that asks who, around white space
    /// the reader trims.
    static let noOne: JSON = {
        let words = YAMLMap.noOne.subtracting(["n.n."]).sorted().map { anyCase(escaped($0)) }.joined(separator: "|")
        return .object([("type", .string("string")), ("pattern", .string("^\\s*((\(words))\\.?|\(anyCase("n\\.n\\."))\\.?)\\s*$"))])
    }()

    /// The text values `YAMLMap.isPlaceholder` refuses where an answer is due: marks alone (`-`,
    /// `?`, `…`), or a placeholder word in any case with an optional final full stop, around
    /// white space the reader trims.
    static let placeholder: JSON = {
        let marks = YAMLMap.marks.map { $0 == "-" ? "\\-" : escaped(String($0)) }.joined()
        let words = YAMLMap.placeholders.sorted().map { anyCase(escaped($0)) }.joined(separator: "|")
        return .object([("type", .string("string")), ("pattern", .string("^\\s*([\(marks)]+|(\(words))\\.?)\\s*$"))])
    }()

    /// A value as a pattern that matches only it.
    static func escaped(_ value: String) -> String {
        value.map { c in "\\^$.|?*+()[]{}".contains(c) ? "\\\(c)" : String(c) }.joined()
    }

    /// `yes` as `[Yy][Ee][Ss]`: JSON Schema patterns have no flag for case.
    static func anyCase(_ word: String) -> String {
        word.map { c in
            let lower = c.lowercased(), upper = c.uppercased()
            return lower == upper ? String(c) : "[\(upper)\(lower)]"
        }.joined()
    }
}

// MARK: - Writing

extension ContentSchema {
    /// A schema file that cannot be written: one evident did not write is in the way, or the write failed.
    package struct Failure: Error, CustomStringConvertible, Sendable {
        package let description: String
    }

    /// Refuses, before anything is written, when `folder` is a file, or when a file of a schema's
    /// name exists there that evident did not write (it does not start with `header`).
    /// Other files in the folder are left alone.
    package static func checkWritable(_ folder: String, shown: String) throws {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw Failure(description: "Refusing to write the schemas into \(codeSpan(shown)): it is a file, not a folder.")
        }
        for kind in ContentFormat.kinds {
            let path = (folder as NSString).appendingPathComponent(kind.schemaFile)
            guard fm.fileExists(atPath: path) || isSymbolicLink(path) else { continue }
            guard wroteByEvident(path) else {
                let name = shown.hasSuffix("/") ? shown + kind.schemaFile : shown + "/" + kind.schemaFile
                throw Failure(description: "Refusing to overwrite \(codeSpan(name)): evident did not write it.")
            }
        }
    }

    /// Writes every schema into `folder` (created when missing): all are written beside their
    /// targets before any is renamed into place, so a failed write leaves the folder as it was. The
    /// names written, in order.
    @discardableResult
    package static func write(to folder: String, shown: String) throws -> [String] {
        try checkWritable(folder, shown: shown)
        removeLeftovers(in: folder)
        let files = files().map { (name: $0.0, data: Data($0.1.utf8)) }
        try AtomicWriter.writeFiles(files, into: URL(fileURLWithPath: folder, isDirectory: true))
        return files.map(\.name)
    }

    /// Removes the temporary files a killed `schema` left in `folder`: only a regular file (not a
    /// link) of this user named `.NAME.tmp-PID-N` for a schema's NAME, whose process has ended, and
    /// that is empty or starts with `header`. Anything else is left. Returns the names removed.
    @discardableResult
    static func removeLeftovers(in folder: String) -> [String] {
        let header = Array(Self.header.utf8)
        return AtomicWriter.removeKilledRunsFiles(in: folder, of: ContentFormat.kinds.map(\.schemaFile), reading: header.count) { start, size in
            size == 0 || start == header
        }
    }

    /// A regular file (not a link, a folder, a FIFO or a device) that starts with `header`. It is
    /// opened without following a link and without waiting, so a FIFO there never blocks the run.
    private static func wroteByEvident(_ path: String) -> Bool {
        start(of: path).map { $0.bytes == Data(header.utf8) } ?? false
    }

    /// The first bytes (as many as `header` has) of a regular file, and its status; nil for anything
    /// else. Opened without following a link and without waiting on a FIFO.
    private static func start(of path: String) -> (bytes: Data, info: stat)? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return ((try? handle.read(upToCount: header.utf8.count)) ?? Data(), info)
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }
}
