import Foundation
import ZIPFoundation
@testable import EvidentCheck
@testable import EvidentModel
@testable import EvidentPack

/// A pack of the small example tree, with a stand-in site and registers, so the pack can be tested
/// apart from the site builder.
struct PackFixture {
    let tree: TemporaryTree
    let result: CheckResult
    let pack: EvidencePack

    static let site: [String: String] = [
        "index.html": "<!DOCTYPE html><title>Dashboard</title>",
        "register.html": "<!DOCTYPE html><title>Register</title>",
        "readiness.html": "<!DOCTYPE html><title>Readiness</title>",
        "standards.html": "<!DOCTYPE html><title>Standards</title>",
        "policy.html": "<!DOCTYPE html><title>Policy</title>",
        "requirements.html": "<!DOCTYPE html><title>Requirements</title>",
        "functions.html": "<!DOCTYPE html><title>Functions</title>",
        "metrics.html": "<!DOCTYPE html><title>Metrics</title>",
        "changes.html": "<!DOCTYPE html><title>Changes</title>",
        "owners.html": "<!DOCTYPE html><title>Owners</title>",
        "reviews/index.html": "<!DOCTYPE html><title>Reviews</title>",
        "reviews/2026-11-10.html": "<!DOCTYPE html><title>Review</title>",
        "objectives/OBJ-INC-01.html": "<!DOCTYPE html><title>OBJ-INC-01</title>",
        "assets/style.css": "body{margin:0}",
        "data/register.json": "[]\n",
    ]

    /// The pack writes `readiness.md` itself, with `README.html`.
    static let registerNames = ["register.csv", "register.json", "metric-dictionary.csv", "traceability.csv",
                                "history.csv", "findings.json", "findings.sarif"]

    init(files: [String: String] = ExampleTree.base, asOf: String = ExampleTree.asOf,
         published: Bool = false, prepare: (TemporaryTree) throws -> Void = { _ in }) throws {
        tree = try TemporaryTree(files)
        try prepare(tree)
        result = try tree.check(asOf: asOf, published: published)
        let site = Self.site.mapValues { Data($0.utf8) }
        var registers: [String: Data] = [:]
        for name in Self.registerNames { registers[name] = Data("\(name) as of \(asOf)\n".utf8) }
        pack = EvidencePack(result: result, siteFiles: site, registers: registers,
                            sources: try PackSources.read(root: result.model.content.rootPath),
                            objectivePages: ["OBJ-INC-01": "objectives/OBJ-INC-01.html"])
    }

    func remove() { tree.remove() }
}

enum ZipTestTools {
    /// Every file entry of a zip, by name.
    static func entries(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            out[entry.path] = bytes
        }
        return out
    }

    /// A zip of exactly `files`, in the given order, with no check on the names: for hostile packs.
    static func zip(_ files: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in files {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Date(timeIntervalSince1970: 0), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// The pack rebuilt with `change` applied to its files (folder prefix included).
    static func rezip(_ data: Data, _ change: (inout [String: Data]) -> Void) throws -> Data {
        var files = try entries(data)
        change(&files)
        return try zip(files.keys.sorted().map { ($0, files[$0] ?? Data()) })
    }

    /// `zip` with the last central-directory record of `name` given a Unix folder mode (`S_IFDIR`),
    /// its name and data left as they are: what unzip extracts as a file, ZIPFoundation calls a folder.
    static func markAsFolder(_ zip: Data, entry name: String) throws -> Data {
        var bytes = [UInt8](zip)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let nameBytes = [UInt8](name.utf8)
        var at = bytes.count - 46 - nameBytes.count
        while at >= 0 {
            let nameLength = Int(bytes[at + 28]) | Int(bytes[at + 29]) << 8
            if Array(bytes[at..<at + 4]) == signature, nameLength == nameBytes.count,
               Array(bytes[at + 46..<at + 46 + nameLength]) == nameBytes {
                bytes[at + 5] = 3 // made by Unix
                let mode = UInt32(0o040755) << 16
                for i in 0..<4 { bytes[at + 38 + i] = UInt8(truncatingIfNeeded: mode >> (8 * UInt32(i))) }
                return Data(bytes)
            }
            at -= 1
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    static func flipByte(_ data: Data, at offset: Int? = nil) -> Data {
        var bytes = data
        let index = bytes.startIndex + (offset ?? bytes.count / 2)
        bytes[index] ^= 0x01
        return bytes
    }
}

/// External tools the acceptance tests use; tests that need a missing one are skipped and say so.
enum ExternalTool {
    static func path(_ name: String) -> String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for dir in dirs {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func has(_ name: String) -> Bool { path(name) != nil }

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs a tool, stdout and stderr together.
    static func run(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(name) ?? name)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evident-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
