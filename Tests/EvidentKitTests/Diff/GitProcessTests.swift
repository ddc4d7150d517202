import Foundation
import Testing
@testable import EvidentDiff

/// Running git leaves nothing open: a diff runs it several times, and a process that gathers
/// descriptors makes every later start slower and, past the limit, impossible.
@Suite struct GitProcessTests {
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    @Test func runningGitLeavesNoDescriptorOpen() throws {
        let git = Git(directory: FileManager.default.temporaryDirectory.path)
        _ = try git.run(["--version"])
        let before = Self.openDescriptors()
        for _ in 0..<100 {
            _ = try git.run(["--version"])
            _ = try git.run(["hash-object", "--stdin"], input: Data("x".utf8))
        }
        let after = Self.openDescriptors()
        // Other tests run alongside and open their own (the whole suite peaks near 150): a leak of
        // one pipe per run is 400 here.
        #expect(after - before < 150, "\(before) descriptors open before, \(after) after")
    }
}
