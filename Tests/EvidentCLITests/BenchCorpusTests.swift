import Foundation
import Testing

/// scripts/bench/gen_corpus.py makes the trees docs/performance.md measures: they must stay valid
/// content (no error as of the date they are made for) and the same for the same arguments.
@Suite struct BenchCorpusTests {
    static func generate(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.repository.appendingPathComponent("scripts/bench/gen_corpus.py").path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func files(under root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let prefix = root.standardizedFileURL.path + "/"
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return out }
        for case let url as URL in walk where !url.hasDirectoryPath {
            out[String(url.standardizedFileURL.path.dropFirst(prefix.count))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func generatedTreePassesCheckAndRepeats() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b"), hugo = dir.appendingPathComponent("hugo")
        #expect(try Self.generate([a.path, "--objectives", "30", "--months", "14", "--hugo", hugo.path]) == 0)
        #expect(try Self.generate([b.path, "--objectives", "30", "--months", "14"]) == 0)
        let first = try Self.files(under: a)
        #expect(first == (try Self.files(under: b)))
        #expect(first.keys.filter { $0.hasPrefix("objectives/") }.count == 30)
        #expect(first.keys.filter { $0.hasPrefix("measurements/") }.count == 30)
        let pages = try Self.files(under: hugo)
        #expect(pages.keys.filter { $0.hasPrefix("content/objectives/") }.count == 30)
        #expect(pages["hugo.toml"] != nil)

        let run = try CLI.run(["check", "--content", a.path, "--as-of", "2026-11-29", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stdout.prefix(2000))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["error"] as? Int == 0)
    }

    /// With --standards, every objective carries what the standards ask (SPEC §8), so no rule of
    /// the standards' items warns: the three-standard tree measures the rules' cost, not findings.
    @Test(arguments: ["iso20000-1,iso9001,iso27001", "iso14001,iso45001"])
    func aTreeForSeveralStandardsCarriesWhatTheyAsk(standards: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("t")
        #expect(try Self.generate([tree.path, "--objectives", "30", "--months", "14", "--standards", standards]) == 0)
        let run = try CLI.run(["check", "--content", tree.path, "--as-of", "2026-11-29", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stdout.prefix(2000))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        let standardsRules = ["planned/plan", "planned/overdue", "requirements/risks", "requirements/unknown-risk",
                              "requirements/customer", "requirements/consultation", "syntax/config"]
        #expect(rules.isDisjoint(with: standardsRules), "\(rules.sorted())")
        let config = try String(contentsOf: tree.appendingPathComponent("evident.yml"), encoding: .utf8)
        #expect(config.contains("standards: [\(standards.replacingOccurrences(of: ",", with: ", "))]"))
    }

    @Test func refusesEmptyTrees() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evident-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.generate([dir.path, "--objectives", "0"]) == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }
}
