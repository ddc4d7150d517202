@testable import EvidentCheck
@testable import EvidentModel
import Foundation
import Testing

/// `evident schema`, the schemas `init` writes, and `evident rules --format json`.
@Suite struct SchemaCommandTests {
    static let regenerate = "swift build && .build/debug/evident schema --output docs/schema"
    static let names = ["communication.schema.json", "evident-config.schema.json", "objective.schema.json",
                        "policy.schema.json", "requirements.schema.json", "review.schema.json", "risks.schema.json"]

    /// docs/schema is what `evident schema` writes, so the schemas users find cannot drift.
    @Test func docsSchemaIsTheGeneratedSchema() throws {
        let dir = try CLI.scratch("schema-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["schema", "--output", dir.appendingPathComponent("out").path])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("Wrote \(Self.names.count) schemas into "))
        let docs = CLI.repository.appendingPathComponent("docs/schema")
        #expect(CLI.listing(dir.appendingPathComponent("out")) == Self.names)
        #expect(CLI.listing(docs) == Self.names, "docs/schema holds other files, or misses one. Regenerate: \(Self.regenerate)")
        for name in Self.names {
            let written = try Data(contentsOf: dir.appendingPathComponent("out/\(name)"))
            let shipped = try? Data(contentsOf: docs.appendingPathComponent(name))
            #expect(written == shipped, "docs/schema/\(name) differs from `evident schema`. Regenerate: \(Self.regenerate)")
            #expect((try? JSONSerialization.jsonObject(with: written)) != nil, "\(name) is not JSON")
        }
    }

    @Test func defaultFolderIsSchemaAndAForeignFileIsNeverOverwritten() throws {
        let dir = try CLI.scratch("schema-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try CLI.run(["schema"], in: dir)
        #expect(first.status == 0)
        #expect(CLI.listing(dir.appendingPathComponent("schema")) == Self.names)
        // Again: its own files are replaced.
        #expect(try CLI.run(["schema"], in: dir).status == 0)
        let mine = dir.appendingPathComponent("schema/objective.schema.json")
        try Data("{\"mine\": true}\n".utf8).write(to: mine)
        let refused = try CLI.run(["schema"], in: dir)
        #expect(refused.status == 2)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "evident: Refusing to overwrite `schema/objective.schema.json`: evident did not write it.\n")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "{\"mine\": true}\n")
    }

    /// A killed `schema` leaves its temporary files beside the schemas; the next `schema` into that
    /// folder removes them, and nothing else: not a live run's, not a link, not another file's, not
    /// a file that is not a schema.
    @Test func theTemporaryFilesOfAKilledSchemaAreRemovedByTheNext() throws {
        let dir = try CLI.scratch("schema-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("schema")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        // The first bytes of a schema, as a write cut short leaves them.
        let partial = try Data(contentsOf: CLI.repository.appendingPathComponent("docs/schema/objective.schema.json")).prefix(150)
        let removed: [String: Data] = [
            ".objective.schema.json.tmp-\(dead)-12345": partial,
            ".review.schema.json.tmp-\(dead)-7": Data(),
        ]
        let kept: [String: Data] = [
            ".objective.schema.json.tmp-\(getpid())-12345": partial,  // a schema still running
            ".objective.schema.json.tmp-\(dead)-x": partial,
            ".notes.json.tmp-\(dead)-12345": partial,
            ".policy.schema.json.tmp-\(dead)-999": Data("the user's notes".utf8),
            "notes.txt": Data("mine".utf8),
        ]
        for (entry, data) in kept.merging(removed, uniquingKeysWith: { a, _ in a }) {
            try data.write(to: out.appendingPathComponent(entry))
        }
        let link = ".risks.schema.json.tmp-\(dead)-777"
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent(link).path,
                                                   withDestinationPath: out.appendingPathComponent("notes.txt").path)
        let run = try CLI.run(["schema"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(hidden == (Array(kept.keys) + [link] + Self.names).sorted())
        #expect(try Data(contentsOf: out.appendingPathComponent("notes.txt")) == Data("mine".utf8))
    }

    @Test func initWritesTheSchemasItsFilesName() throws {
        let dir = try CLI.scratch("schema-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try CLI.run(["init", "project", "--as-of", "2026-11-29"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Wrote project/content/ and project/schema/. Next: "), "\(run.stdout)")
        let project = dir.appendingPathComponent("project")
        #expect(CLI.listing(project.appendingPathComponent("schema")) == Self.names)
        for name in Self.names {
            #expect(try Data(contentsOf: project.appendingPathComponent("schema/\(name)"))
                == (try? Data(contentsOf: CLI.repository.appendingPathComponent("docs/schema/\(name)"))), "\(name)")
        }
        let config = try String(contentsOf: project.appendingPathComponent("content/evident.yml"), encoding: .utf8)
        #expect(config.hasPrefix("# yaml-language-server: $schema=../schema/evident-config.schema.json\norganization: "))
        let objective = try String(contentsOf: project.appendingPathComponent("content/objectives/OBJ-INC-01.md"), encoding: .utf8)
        #expect(objective.hasPrefix("---\n# yaml-language-server: $schema=../../schema/objective.schema.json\nid: OBJ-INC-01\n"))
        // The modelines change nothing for evident: the tree passes with no finding.
        let check = try CLI.run(["check", "--content", "project/content", "--as-of", "2026-11-29", "--fail-on", "warning"], in: dir)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("0 errors, 0 warnings"), "\(check.stdout)")
    }

    @Test func initWritesNothingWhenASchemaFileIsNotEvidents() throws {
        let dir = try CLI.scratch("schema-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("schema"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: dir.appendingPathComponent("schema/review.schema.json"))
        let run = try CLI.run(["init"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr == "evident: Refusing to overwrite `schema/review.schema.json`: evident did not write it.\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("content").path))
        #expect(CLI.listing(dir.appendingPathComponent("schema")) == ["review.schema.json"])
    }

    // MARK: evident rules --format json

    @Test func rulesJSONHasEveryRuleWithItsExamples() throws {
        let run = try CLI.run(["rules", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(try CLI.run(["rules", "--format", "json"]).stdout == run.stdout, "the same bytes on every run")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let tree = try #require(root["example_tree"] as? [String: Any])
        #expect(tree["as_of"] as? String == ExampleTree.asOf)
        #expect((tree["files"] as? [String: String]) == ExampleTree.base)
        let rules = try #require(root["rules"] as? [[String: Any]])
        let registry = RuleRegistry.all.map { $0.description }
            .sorted(by: { ($0.obligation.order, $0.id) < ($1.obligation.order, $1.id) })
        #expect(rules.compactMap { $0["id"] as? String } == registry.map(\.id))
        for (json, rule) in zip(rules, registry) {
            #expect(json["name"] as? String == rule.name)
            #expect(json["obligation"] as? String == rule.obligation.rawValue)
            #expect(json["default_severity"] as? String == rule.defaultSeverity.rawValue)
            #expect(json["summary"] as? String == rule.summary)
            #expect(json["rationale"] as? String == rule.rationale)
            #expect(json["only_in_diff"] as? Bool == rule.onlyInDiff)
            let triggering = try #require(json["triggering"] as? [[String: Any]], "\(rule.id)")
            #expect(triggering.count == rule.triggering.count, "\(rule.id)")
            #expect((json["non_triggering"] as? [[String: Any]])?.count == rule.nonTriggering.count, "\(rule.id)")
            for (example, expected) in zip(triggering, rule.triggering) {
                #expect(example["files"] as? [String: String] == expected.files, "\(rule.id)")
                #expect(example["removing"] as? [String] == expected.removing.sorted(), "\(rule.id)")
                #expect(example["as_of"] as? String == expected.asOf, "\(rule.id)")
            }
        }
    }
}
