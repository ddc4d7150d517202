import Foundation
import Testing
@testable import EvidentSupport

@Suite struct WorkingDirectoryTests {
    @Test func aRelativePathIsMadeAbsoluteAgainstTheWorkingFolder() throws {
        let cwd = try #require(WorkingDirectory.path())
        #expect(cwd.hasPrefix("/"))
        #expect(cwd == FileManager.default.currentDirectoryPath)
        #expect(WorkingDirectory.absolute("content/x.md") == (cwd == "/" ? "" : cwd) + "/content/x.md")
        #expect(WorkingDirectory.absolute("/etc/x") == "/etc/x")
        #expect(WorkingDirectory.absolute("") == "")
    }
}
