import Foundation
import Testing
@testable import EvidentCheck
import EvidentFuzzTargets
@testable import EvidentLoad
@testable import EvidentModel
@testable import EvidentSite
@testable import EvidentSupport

/// The schemas `evident schema` writes follow the `ContentFormat` tables the loader reads with.
@Suite struct ContentSchemaTests {
    /// Every table, nested ones included, with the path of fields that leads to it.
    static func tables() -> [(String, FieldTable)] {
        var out: [(String, FieldTable)] = []
        func walk(_ name: String, _ table: FieldTable) {
            out.append((name, table))
            for field in table.fields {
                switch field.type {
                case let .mapping(inner), let .mappings(inner): walk("\(name).\(field.name)", inner)
                default: break
                }
            }
        }
        for kind in ContentFormat.kinds { walk(kind.schemaFile, kind.table) }
        return out
    }

    @Test func everyRequiredFieldNamesARuleAndNamesAreUnique() {
        for (name, table) in Self.tables() {
            #expect(Set(table.names).count == table.names.count, "\(name) repeats a field")
            for field in table.fields {
                if let rule = field.requiredBy { #expect(RuleIDs.all.contains(rule), "\(name).\(field.name): \(rule)") }
            }
        }
    }

    /// The properties of every object of a schema, by the same path as `tables()`.
    static func objects(_ json: JSON, _ name: String, into out: inout [String: (properties: [String], required: [String], closed: Bool)]) {
        guard case let .object(pairs) = json else { return }
        let value = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        if case let .object(properties)? = value["properties"] {
            var required: [String] = []
            if case let .array(items)? = value["required"] {
                required = items.compactMap { if case let .string(s) = $0 { s } else { nil } }
            }
            out[name] = (properties.map(\.0), required, value["additionalProperties"] == .bool(false))
            for (key, property) in properties {
                guard case let .object(inner) = property else { continue }
                let innerValue = Dictionary(inner, uniquingKeysWith: { a, _ in a })
                if innerValue["properties"] != nil { objects(property, "\(name).\(key)", into: &out) }
                if let items = innerValue["items"] { objects(items, "\(name).\(key)", into: &out) }
            }
        }
    }

    @Test func everySchemaHasExactlyTheFieldsOfItsTable() {
        var found: [String: (properties: [String], required: [String], closed: Bool)] = [:]
        for kind in ContentFormat.kinds { Self.objects(ContentSchema.document(for: kind), kind.schemaFile, into: &found) }
        let tables = Self.tables()
        #expect(Set(found.keys) == Set(tables.map(\.0)))
        for (name, table) in tables {
            #expect(found[name]?.properties == table.names, "\(name)")
            #expect(found[name]?.required == table.fields.filter { $0.requiredBy != nil && $0.requiredUnless.isEmpty }.map(\.name), "\(name)")
            #expect(found[name]?.closed == true, "\(name): the loader reports unknown keys")
        }
    }

    @Test func choicesAndRangesComeFromTheModel() throws {
        let objective = ContentSchema.document(for: try #require(ContentFormat.kinds.first { $0.schemaFile == "objective.schema.json" }))
        let text = objective.serialized()
        #expect(text.contains("\"enum\": [\n        \"weekly\",\n        \"monthly\",\n        \"quarterly\",\n        \"semiannual\",\n        \"annual\",\n        null\n      ]"))
        #expect(text.contains("\"maximum\": \(Objective.versions.upperBound)"))
        // Same bytes every time.
        #expect(ContentSchema.files().map(\.text) == ContentSchema.files().map(\.text))
        #expect(ContentSchema.files().allSatisfy { $0.text.hasPrefix(ContentSchema.header) })
    }

    /// The schemas refuse in a field that asks who what the reader refuses as naming no one, and
    /// no more, matched as `theSchemaPlaceholderIsTheReaders` matches.
    @Test func theSchemaNoOneIsTheReaders() throws {
        guard case let .object(pairs) = ContentSchema.noOne, case let .string(pattern)? = pairs.first(where: { $0.0 == "pattern" })?.1 else {
            Issue.record("the noOne schema has no pattern")
            return
        }
        let regex = try NSRegularExpression(pattern: pattern)
        var values = ["None", "none.", " NOBODY ", "No one", "no-one", "noone", "nil", "null", "n.n.", "N.N..", "n.n", "Unknown",
                      "unassigned", "None known", "nonе", "", "none..", "Head of Service Management"]
        let alphabet: [String] = ["n", "o", "e", "N", ".", " ", "-", "u", "l", "b", "d", "y", "i"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            values.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "n" }.joined())
        }
        for value in values {
            let refuses = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
            #expect(refuses == YAMLMap.namesNoOne(value.trimmed), "\(value.debugDescription)")
        }
        // Only the fields that ask who refer to it.
        let objective = try #require(ContentSchema.files().first { $0.text.contains("\"approved_by\"") && $0.text.contains("\"excludes\"") })
        #expect(objective.text.contains("#/$defs/noOne"))
        #expect(!ContentSchema.refused("what is not counted").serialized().contains("noOne"))
        #expect(ContentSchema.refused("who approved the change").serialized().contains("noOne"))
    }

    /// The schemas refuse in an answer field what the reader refuses as a placeholder, and no
    /// more: the pattern matched as editors do (ECMAScript-like, here ICU) against the reader's
    /// test, on named values and on random ones made of the characters that matter.
    @Test func theSchemaPlaceholderIsTheReaders() throws {
        guard case let .object(pairs) = ContentSchema.placeholder, case let .string(pattern)? = pairs.first(where: { $0.0 == "pattern" })?.1 else {
            Issue.record("the placeholder schema has no pattern")
            return
        }
        let regex = try NSRegularExpression(pattern: pattern)
        func schemaRefuses(_ value: String) -> Bool {
            regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        }
        var values = ["TBD", "tbd.", " n/a ", "N.A.", "To be confirmed", "—", "...", "?", "xxx", "-", "–––", "TODO",
                      "none", "TBD by March", "n/aa", "x-ray", "", "to  do", "Tbd..", String(repeating: "-", count: 60)]
        let alphabet: [String] = ["t", "b", "d", "T", "D", "n", "/", "a", ".", " ", "-", "—", "x", "?", "o", "e"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            values.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "t" }.joined())
        }
        for value in values {
            #expect(schemaRefuses(value) == YAMLMap.isPlaceholder(value.trimmed), "\(value.debugDescription)")
        }
    }

    /// The completeness rules skip retired objectives: the schema asks for their fields only
    /// when the objective is not retired.
    @Test func aRetiredObjectiveNeedsOnlyWhatEveryObjectiveNeeds() throws {
        let kind = try #require(ContentFormat.kinds.first { $0.schemaFile == "objective.schema.json" })
        guard case let .object(pairs) = ContentSchema.document(for: kind) else {
            Issue.record("not an object")
            return
        }
        let retiredStatus: JSON = .object([("properties", .object([("status", .object([("const", .string("retired"))]))])),
                                           ("required", .array([.string("status")]))])
        let evaluationGiven: JSON = .object([("properties", .object([("evaluation", .object([("not", .object([("type", .string("null"))]))]))])),
                                             ("required", .array([.string("evaluation")]))])
        // function and policy unless retired; the measures unless retired or evaluated another way.
        #expect(pairs.first { $0.0 == "allOf" }?.1 == .array([
            .object([("if", retiredStatus), ("else", .object([("required", .array(["function", "policy"].map(JSON.string)))]))]),
            .object([("if", .object([("anyOf", .array([retiredStatus, evaluationGiven]))])),
                     ("else", .object([("required", .array(["metric", "data_source", "target"].map(JSON.string)))]))]),
        ]))
        // What the rules say: a retired objective without them has no finding of theirs.
        let retired = ExampleTree.edit(ExampleTree.objective(replacing: ["status: active": "status: retired"]), [
            "function: incident\n": "", "policy: [POL-1]\n": "", "target: \"<= 4 h\"\n": "",
        ])
        // Beside an active objective, so that the set is not one without any (`established/required`).
        let active = ExampleTree.objective(replacing: ["id: OBJ-INC-01": "id: OBJ-INC-02"])
        let tree = try TemporaryTree(ExampleTree.base.merging(["objectives/OBJ-INC-01.md": retired, "objectives/OBJ-INC-02.md": active]) { _, new in new })
        defer { tree.remove() }
        let rules = Set(try tree.check().findings.map(\.rule))
        #expect(rules.isDisjoint(with: ["levels/unknown-function", "policy/trace", "measurable/target", "established/required"]), "\(rules)")
    }

    @Test func anUnknownKeyIsReportedAgainstTheTable() throws {
        let tree = try TemporaryTree(ExampleTree.base.merging([
            "communications/2026-01-20-objectives.md": ExampleTree.edit(ExampleTree.communication, ["channel:": "chanel: email\nchannel:"]),
        ]) { _, new in new })
        defer { tree.remove() }
        let findings = try tree.check().findings.filter { $0.rule == "syntax/unknown-field" }
        #expect(findings.map(\.message) == ["`chanel` is not a field of the communication. Did you mean `channel`?"])
    }

    // MARK: writing

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("evident-schema-\(UUID().uuidString)")
    }

    @Test func writesEveryKindAndReplacesOnlyItsOwnFiles() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = try ContentSchema.write(to: dir.path, shown: "schema")
        #expect(names == ContentFormat.kinds.map(\.schemaFile))
        for (name, text) in ContentSchema.files() {
            #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == text)
        }
        // Its own files are replaced, other files left alone.
        try Data("notes".utf8).write(to: dir.appendingPathComponent("README.md"))
        try Data((ContentSchema.header + "old\"}").utf8).write(to: dir.appendingPathComponent("review.schema.json"))
        try ContentSchema.write(to: dir.path, shown: "schema")
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "notes")
        #expect(try String(contentsOf: dir.appendingPathComponent("review.schema.json"), encoding: .utf8)
            == ContentSchema.files().first { $0.name == "review.schema.json" }?.text)
        // A file it did not write stops it before anything is written.
        try Data("{}".utf8).write(to: dir.appendingPathComponent("policy.schema.json"))
        try Data("mine".utf8).write(to: dir.appendingPathComponent("evident-config.schema.json"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("objective.schema.json"))
        #expect(throws: ContentSchema.Failure.self) { try ContentSchema.write(to: dir.path, shown: "schema") }
        #expect(try String(contentsOf: dir.appendingPathComponent("evident-config.schema.json"), encoding: .utf8) == "mine")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("objective.schema.json").path))
    }

    @Test func refusesAFileAsTheFolderAndALinkAtASchemaName() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("file")
        try Data().write(to: file)
        #expect(throws: ContentSchema.Failure.self) { try ContentSchema.write(to: file.path, shown: "file") }
        let target = dir.appendingPathComponent("elsewhere.json")
        try Data((ContentSchema.header + "\"}").utf8).write(to: target)
        let schemas = dir.appendingPathComponent("schema")
        try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: schemas.appendingPathComponent("objective.schema.json"), withDestinationURL: target)
        #expect(throws: ContentSchema.Failure.self) { try ContentSchema.write(to: schemas.path, shown: "schema") }
        #expect(try String(contentsOf: target, encoding: .utf8) == ContentSchema.header + "\"}")
    }

    /// A FIFO (or a device) at a schema's name is not evident's: refused at once, never opened in
    /// a way that waits for a writer, which would hang `schema` and `init` for good.
    @Test func aFIFOAtASchemaNameIsRefusedWithoutWaiting() throws {
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fifo = dir.appendingPathComponent("policy.schema.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let path = dir.path
        DispatchQueue.global().async {
            do {
                try ContentSchema.write(to: path, shown: "schema")
                outcome.set("written")
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        if done.wait(timeout: .now() + 10) == .timedOut {
            Issue.record("ContentSchema.write waited on the FIFO")
            // Let the blocked reader go: a writer that opens and closes gives it an end of file.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
        }
        #expect(outcome.get() == "Refusing to overwrite `schema/policy.schema.json`: evident did not write it.")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["policy.schema.json"])
    }

    /// What a background run reported, read once it is done.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func set(_ value: String) { lock.withLock { text = value } }
        func get() -> String { lock.withLock { text } }
    }

    // MARK: the modeline init writes

    /// Every YAML file and front-matter `init` writes names its schema in a comment, which both YAML
    /// readers skip: the subset reader reads it (no fallback to Yams) and Yams agrees.
    @Test func initFilesNameTheirSchemaAndBothReadersSkipTheLine() throws {
        let files = StarterContent.files(today: try #require(Day(iso: ExampleTree.asOf)))
        var named = 0
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            guard let kind = ContentFormat.kind(forContentPath: path) else {
                #expect(!text.contains("yaml-language-server"), "\(path)")
                continue
            }
            let yaml: String
            if path.hasSuffix(".md") {
                guard case let .success(document) = FrontMatterDocument.split(text) else {
                    Issue.record("\(path): no front-matter")
                    continue
                }
                yaml = document.yaml
            } else {
                yaml = text
            }
            let depth = String(repeating: "../", count: path.split(separator: "/").count)
            #expect(yaml.hasPrefix("# yaml-language-server: $schema=\(depth)schema/\(kind.schemaFile)\n"), "\(path)")
            named += 1
            // The subset reader reads the file as it reads it without the line (or leaves both to
            // Yams), and Yams agrees with it.
            let without = yaml.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
            #expect(Self.keys(YAMLSubsetReader.read(yaml)) == Self.keys(YAMLSubsetReader.read(without)), "\(path)")
            #expect([.agreed, .leftToYams].contains(YAMLDifferential.compare(yaml)), "\(path)")
            if path.hasSuffix(".md") {
                #expect(Self.keys(YAMLSubsetReader.read(yaml)) != nil, "\(path): the front-matter is left to Yams")
            }
            let report = LoadReport()
            #expect(YAMLDocument.parse(yaml, file: path, firstLine: 1, table: kind.table, report: report) != nil, "\(path)")
            #expect(report.findings.isEmpty, "\(path): \(report.findings.map(\.message))")
        }
        #expect(named == ContentFormat.kinds.count)
    }

    static func keys(_ document: YAMLSubsetReader.Document?) -> [String?]? {
        guard case let .root(node)? = document, case let .mapping(pairs, _) = node.resolved else { return nil }
        return pairs.map(\.key.text)
    }

    @Test func kindsAreFoundByPath() {
        #expect(ContentFormat.kind(forContentPath: "evident.yml")?.schemaFile == "evident-config.schema.json")
        #expect(ContentFormat.kind(forContentPath: "objectives/process/OBJ-1.md")?.schemaFile == "objective.schema.json")
        #expect(ContentFormat.kind(forContentPath: "reviews/2026-01-01.md")?.schemaFile == "review.schema.json")
        #expect(ContentFormat.kind(forContentPath: "measurements/OBJ-1.csv") == nil)
        #expect(ContentFormat.kind(forContentPath: "objectives/notes.txt") == nil)
        #expect(ContentFormat.kind(forContentPath: "objectives/.md") == nil)
    }
}
