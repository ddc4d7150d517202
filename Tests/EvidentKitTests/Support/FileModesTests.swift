import Foundation
import Testing
@testable import EvidentSupport

/// The mode of a new file: 0666 less the umask, the umask read without changing it.
@Suite struct FileModesTests {
    @Test func theUmaskIsReadFromTheStatusText() {
        #expect(FileModes.umask(status: "Name:\tevident\nUmask:\t0022\nState:\tR (running)\n") == 0o022)
        #expect(FileModes.umask(status: "Umask:\t0077\n") == 0o077)
        #expect(FileModes.umask(status: "Umask:\t0000") == 0)
        #expect(FileModes.umask(status: "Name:\tevident\n") == nil)
        #expect(FileModes.umask(status: "Umask:\t\n") == nil)
        #expect(FileModes.umask(status: "Umask:\t0089\n") == nil)
        #expect(FileModes.umask(status: "Umask:\t17777\n") == nil)
    }

    /// The test process's own umask, read the way a shell would tell it.
    @Test func aNewFileIsReadWriteLessTheUmask() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let mask = try #require(FileModes.umask(status: status))
        #expect(FileModes.umask == mask)
        #expect(FileModes.newFile == 0o666 & ~mask)
    }
}
