import Foundation
import Testing
import ZIPFoundation
@testable import EvidentFuzzTargets
@testable import EvidentModel
@testable import EvidentPack
@testable import EvidentSupport

/// The pack's own zip writer against ZIPFoundation's writer and against the readers users have
/// (Python's zipfile, `unzip`), on random entry sets: the comparison the `zipwrite` fuzz target
/// makes, run with the normal tests.
@Suite struct PackZipDifferentialTests {
    static let names = ["pack/", "site/", "content/", "a", "b", "A", "a.b", "a-b", "é", "≤ 4 h", "x.md", "y.csv", "z.html"]

    /// A random entry set: names built from `names` (so that prefixes, case and punctuation meet
    /// in the sort), contents empty, random (incompressible), or text repeated (compressible).
    static func randomInput(_ random: inout SplitMix64) -> ZipWriterDifferential.Input {
        var files: [String: Data] = [:]
        for _ in 0..<Int(random.next() % 40) {
            var name = ""
            for part in 0...Int(random.next() % 3) {
                if part > 0 { name += "/" }
                for _ in 0...Int(random.next() % 2) { name += YAMLSubsetReaderTests.pick(names, &random).replacingOccurrences(of: "/", with: "") }
            }
            let content: Data = switch random.next() % 4 {
            case 0: Data()
            case 1: Data((0..<Int(random.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            case 2: Data(String(repeating: "Objective \(random.next() % 100) is on target. ", count: Int(random.next() % 400)).utf8)
            default: Data((0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next() % 4) })
            }
            files[name] = content
        }
        return ZipWriterDifferential.Input(files: files, smallZip64Limits: random.next() % 4 == 0,
                                           batchEntries: 1 + Int(random.next() % 8),
                                           batchBytes: random.next() % 2 == 0 ? 64 : 32 << 20)
    }

    static var seed: UInt64 { ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261129 }

    @Test func agreesWithZIPFoundationOnRandomEntrySets() {
        var random = SplitMix64(seed: Self.seed)
        var written = 0
        for round in 0..<60 {
            let input = Self.randomInput(&random)
            if input.files.keys.allSatisfy(PackPath.isSafe) { written += 1 }
            #expect(throws: Never.self, "round \(round), seed \(Self.seed)") { try ZipWriterDifferential.compare(input) }
        }
        // Most sets are written and compared, not refused.
        #expect(written >= 40)
    }

    /// The comparison fails on what it is there to catch: other bytes, another order, a date or
    /// mode of ZIPFoundation's default, and an entry deflated to no smaller than it is (ZIPFoundation
    /// deflates everything; ours stores what deflate does not shrink).
    @Test func theComparisonSeesEachDifference() throws {
        let files = ["p/a.txt": Data("aaaa aaaa aaaa aaaa".utf8), "p/b.txt": Data("b".utf8)]
        let theirs = try ZipWriterDifferential.zipFoundationArchive(files)
        let ours = try PackZip.archive(files, asOf: ZipWriterDifferential.asOf)
        try ZipWriterDifferential.check(ours, against: files, theirs: theirs)
        var other = files
        other["p/b.txt"] = Data("c".utf8)
        #expect(throws: FuzzViolation.self) {
            try ZipWriterDifferential.check(PackZip.archive(other, asOf: ZipWriterDifferential.asOf), against: files, theirs: theirs)
        }
        let reversed = try ZipTestTools.zip([("p/b.txt", Data("b".utf8)), ("p/a.txt", Data("aaaa aaaa aaaa aaaa".utf8))])
        #expect(throws: FuzzViolation.self) { try ZipWriterDifferential.check(reversed, against: files, theirs: theirs) }
        // ZipTestTools dates its entries 1970 and leaves ZIPFoundation's default mode.
        let undated = try ZipTestTools.zip(PackPath.sorted(files.keys).map { ($0, files[$0] ?? Data()) })
        #expect(throws: FuzzViolation.self) { try ZipWriterDifferential.check(undated, against: files, theirs: theirs) }
        // ZIPFoundation's own zip deflates the one-byte entry to more than a byte.
        #expect(throws: FuzzViolation.self) { try ZipWriterDifferential.check(theirs, against: files, theirs: theirs) }
    }

    @Test func refusesEveryUnsafeNameAndOnlyThose() throws {
        try ZipWriterDifferential.compare(.init(files: ["../up": Data("x".utf8), "ok": Data()]))
        try ZipWriterDifferential.compare(.init(files: ["a//b": Data()]))
        try ZipWriterDifferential.run(Array("\u{0}p/a\u{0}\u{3}abc\u{0}p/b".utf8))
    }

    /// Random archives read by Python's zipfile and extracted by `unzip`: every entry's bytes.
    @Test(.enabled(if: ExternalTool.has("python3") && ExternalTool.has("unzip"), "python3 or unzip is not installed; skipping"))
    func pythonAndUnzipReadRandomArchives() throws {
        var random = SplitMix64(seed: Self.seed &+ 1)
        for round in 0..<6 {
            let input = Self.randomInput(&random)
            // Safe names, and no file where another entry needs a folder of the same name.
            let files = input.files.filter { file in
                PackPath.isSafe(file.key) && !input.files.keys.contains { $0.hasPrefix(file.key + "/") }
            }
            let zip = try PackZip.archive(files, asOf: ZipWriterDifferential.asOf,
                                          limits: input.smallZip64Limits ? PackZip.Zip64Limits(entries: 3, bytes: 1_000) : .standard,
                                          batchBytes: input.batchBytes, batchEntries: input.batchEntries)
            let entries = try PackZipTests.pythonEntries(zip)
            #expect(entries.map(\.name) == PackPath.sorted(files.keys), "round \(round)")
            for entry in entries {
                #expect(Data(base64Encoded: entry.data) == files[entry.name], "round \(round): \(entry.name)")
            }
            try PackZipTests.withFile(zip) { url in
                let folder = url.deletingLastPathComponent().appendingPathComponent("out")
                let run = try ExternalTool.run("unzip", ["-q", url.path, "-d", folder.path])
                #expect(run.status == 0, "round \(round): \(run.output)")
                for (name, data) in files {
                    #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) == data, "round \(round): \(name)")
                }
            }
        }
    }
}
