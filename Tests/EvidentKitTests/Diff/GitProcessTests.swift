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
        for _ in 0..<40 {
            _ = try git.run(["--version"])
            _ = try git.run(["hash-object", "--stdin"], input: Data("x".utf8))
        }
        let after = Self.openDescriptors()
        // Other tests run alongside and open their own: a leak of even one pipe per run is 80 here.
        #expect(after - before < 40, "\(before) descriptors open before, \(after) after")
    }
}
