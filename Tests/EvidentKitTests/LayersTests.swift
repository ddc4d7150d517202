import Foundation
import Testing

/// `scripts/check-layers.sh` (docs/architecture.md): it passes on this package, and refuses a
/// target that imports one later in the pipeline, or one it does not list as a dependency.
@Suite struct LayersTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs the script on `root`; its exit status and what it printed on stderr.
    static func check(_ root: URL) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", Self.root.appendingPathComponent("scripts/check-layers.sh").path, root.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A copy of the manifest and the sources, with `line` put at the top of `file`.
    static func copy(injecting line: String, into file: String) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("evident-layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["Package.swift", "Sources"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let target = copy.appendingPathComponent(file)
        let text = try String(contentsOf: target, encoding: .utf8)
        try Data((line + "\n" + text).utf8).write(to: target)
        return copy
    }

    @Test func thisPackageIsLayered() throws {
        let (status, errors) = try Self.check(Self.root)
        #expect(status == 0, "\(errors)")
    }

    @Test func aBackwardImportFails() throws {
        let copy = try Self.copy(injecting: "import EvidentDiff", into: "Sources/EvidentModel/Objective.swift")
        defer { try? FileManager.default.removeItem(at: copy) }
        let (status, errors) = try Self.check(copy)
        #expect(status == 1)
        #expect(errors.contains("Sources/EvidentModel/Objective.swift:1: EvidentModel imports EvidentDiff, which comes later in the pipeline"))
    }

    /// Every way Swift 6 writes an import is read: an access level, attributes with arguments,
    /// two declarations on one line.
    @Test(arguments: ["package import EvidentDiff", "@preconcurrency internal import EvidentDiff",
                      "@_spi(Reports) public import EvidentDiff", "import Foundation; import EvidentDiff // two"])
    func aBackwardImportWrittenAnotherWayFails(line: String) throws {
        let copy = try Self.copy(injecting: line, into: "Sources/EvidentModel/Objective.swift")
        defer { try? FileManager.default.removeItem(at: copy) }
        let (status, errors) = try Self.check(copy)
        #expect(status == 1, "\(line)")
        #expect(errors.contains("Sources/EvidentModel/Objective.swift:1: EvidentModel imports EvidentDiff, which comes later in the pipeline"), "\(line): \(errors)")
    }

    /// An import in a comment is no import.
    @Test func anImportInACommentPasses() throws {
        let copy = try Self.copy(injecting: "import Foundation // not: import EvidentDiff", into: "Sources/EvidentModel/Objective.swift")
        defer { try? FileManager.default.removeItem(at: copy) }
        let (status, errors) = try Self.check(copy)
        #expect(status == 0, "\(errors)")
    }

    @Test func anUndeclaredImportFails() throws {
        // Pack and Diff are siblings: Diff is declared later, but does not depend on Pack.
        let copy = try Self.copy(injecting: "import EvidentPack", into: "Sources/EvidentDiff/Git.swift")
        defer { try? FileManager.default.removeItem(at: copy) }
        let (status, errors) = try Self.check(copy)
        #expect(status == 1)
        #expect(errors.contains("EvidentDiff imports EvidentPack without listing it in its dependencies"))
    }
}
