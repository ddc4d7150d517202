import Foundation
import Testing
@testable import EvidentModel
@testable import EvidentPack

/// `pack` and `verify` hold a large file a chunk at a time: their peak memory does not grow with it.
@Suite struct PackMemoryTests {
    /// Runs the binary in `dir` and returns its exit status and its own peak resident memory in
    /// bytes. Python forks and waits for it: a process started straight from this one (posix_spawn
    /// shares the test runner's memory until exec) would count the runner's peak as its own.
    static func peak(_ arguments: [String], in dir: URL) throws -> (status: Int32, bytes: Int) {
        let script = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            os.chdir(sys.argv[1])
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, dir.path, CLI.binary.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 2 else { throw CocoaError(.executableLoad) }
        // ru_maxrss is in kilobytes on Linux.
        return (Int32(fields[0]), fields[1] * 1024)
    }

    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") }

    static func sparseFile(_ url: URL, size: UInt64) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: size)
        try handle.close()
    }

    static let size: UInt64 = 192 << 20

    /// A 192 MB attachment (sparse: no disk) adds far less than its size to `pack`'s peak memory;
    /// before, the file was read whole and the zip made in memory.
    @Test(.enabled(if: hasPython, "python3 is not installed; skipping the memory measure"))
    func packPeakMemoryDoesNotGrowWithAnAttachment() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let without = try Self.peak(["pack", "--as-of", "2026-11-29", "--output", "small"], in: dir)
        #expect(without.status == 0)
        try Self.sparseFile(dir.appendingPathComponent("content/evidence/large-extract.bin"), size: Self.size)
        let with = try Self.peak(["pack", "--as-of", "2026-11-29", "--output", "large"], in: dir)
        #expect(with.status == 0)
        let growth = with.bytes - without.bytes
        #expect(growth < Int(Self.size) / 6, "peak \(with.bytes >> 20) MB grew by \(growth >> 20) MB for a \(Self.size >> 20) MB file")
        let zip = dir.appendingPathComponent("large/evident-pack-northwind-services-2026-11-29.zip")
        #expect(FileManager.default.fileExists(atPath: zip.path))
    }

    /// A pack whose manifest declares 100 bytes and inflates to 192 MB of zeros: `verify` stops at
    /// the declared size, reports the manifest unreadable (exit 1), and its memory stays small.
    @Test(.enabled(if: hasPython, "python3 is not installed; skipping the memory measure"))
    func verifyStopsAManifestBomb() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.sparseFile(dir.appendingPathComponent("bomb-source/evidence/zeros"), size: Self.size)
        var sink = MemorySink()
        let sources = try PackSources.read(root: dir.appendingPathComponent("bomb-source").path, keeping: 0)
        let file = try #require(sources.files["content/evidence/zeros"])
        try PackZip.write(["pack/MANIFEST.sha256": .file(file)], asOf: Day(year: 2026, month: 11, day: 29) ?? Day(ordinal: 0),
                          to: &sink, limits: .standard, batching: PackZip.Batching(streamBytes: 0))
        var bytes = [UInt8](sink.data)
        // The one entry: its local header at 0, its central header after the data. The declared
        // uncompressed size becomes 100 in both.
        var central = bytes.count - 4
        while central > 0, bytes[central..<(central + 4)] != [0x50, 0x4B, 0x01, 0x02] { central -= 1 }
        #expect(central > 0)
        for at in [22, central + 24] {
            bytes[at] = 100
            bytes[at + 1] = 0
            bytes[at + 2] = 0
            bytes[at + 3] = 0
        }
        let bomb = dir.appendingPathComponent("bomb.zip")
        try Data(bytes).write(to: bomb)
        let run = try Self.peak(["verify", bomb.path], in: dir)
        #expect(run.status == 1)
        #expect(run.bytes < Int(Self.size) / 2, "verify peaked at \(run.bytes >> 20) MB")
        let text = try CLI.run(["verify", bomb.path], in: dir)
        #expect(text.stdout.contains("MANIFEST.sha256 cannot be read") || text.stderr.contains("MANIFEST.sha256 cannot be read"),
                "\(text.stdout)\(text.stderr)")
    }
}
