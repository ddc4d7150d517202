import Foundation
import Testing
@testable import EvidentKit

/// `pack` and `verify` hold a large file a chunk at a time: their peak memory does not grow with it.
@Suite struct PackMemoryTests {
    /// Runs the binary in `dir` and returns its exit status and its own peak resident memory in
    /// bytes, from `wait4` (other tests' processes do not count).
    static func peak(_ arguments: [String], in dir: URL) throws -> (status: Int32, bytes: Int) {
        let binary = CLI.binary.path
        // `sh` changes folder and becomes the binary (`exec`): the process waited for is evident.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", dir.path, binary] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw CocoaError(.executableLoad) }
        }
        // ru_maxrss is in kilobytes on Linux.
        return ((status >> 8) & 0xFF, usage.ru_maxrss * 1024)
    }

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
    @Test func packPeakMemoryDoesNotGrowWithAnAttachment() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let without = try Self.peak(["pack", "--as-of", "2026-11-29", "--output", "small"], in: dir)
        #expect(without.status == 0)
        try Self.sparseFile(dir.appendingPathComponent("content/evidence/large-extract.bin"), size: Self.size)
        let with = try Self.peak(["pack", "--as-of", "2026-11-29", "--output", "large"], in: dir)
        #expect(with.status == 0)
        let growth = with.bytes - without.bytes
        #expect(growth < Int(Self.size) / 6, "peak grew by \(growth >> 20) MB for a \(Self.size >> 20) MB file")
        let zip = dir.appendingPathComponent("large/evident-pack-northwind-services-2026-11-29.zip")
        #expect(FileManager.default.fileExists(atPath: zip.path))
    }

    /// A pack whose manifest declares 100 bytes and inflates to 192 MB of zeros: `verify` stops at
    /// the declared size, reports the manifest unreadable (exit 1), and its memory stays small.
    @Test func verifyStopsAManifestBomb() throws {
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
