import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal's two ends: the program gets `terminal` as a file, the test reads `reader`.
struct PseudoTerminal {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let reader: Int32
    let terminal: Int32

    /// Linux's ioctls for a terminal's number and lock (asm-generic, the same on x86_64 and arm64);
    /// Swift's Glibc module has neither them nor posix_openpt, grantpt, unlockpt and ptsname.
    static let getNumber: UInt = 0x8004_5430  // TIOCGPTN
    static let setLock: UInt = 0x4004_5431  // TIOCSPTLCK

    /// Both ends are close-on-exec, so that no other test's child inherits the terminal and keeps
    /// it open; the child gets it through a dup2, which clears the flag.
    init() throws {
        let reader = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard reader >= 0 else { throw Failure(description: "open /dev/ptmx: errno \(errno)") }
        var unlock: CInt = 0
        var number: CUnsignedInt = 0
        guard ioctl(reader, Self.setLock, &unlock) == 0, ioctl(reader, Self.getNumber, &number) == 0 else {
            close(reader)
            throw Failure(description: "unlocking the terminal: errno \(errno)")
        }
        let terminal = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard terminal >= 0 else {
            close(reader)
            throw Failure(description: "open /dev/pts/\(number): errno \(errno)")
        }
        self.reader = reader
        self.terminal = terminal
    }

    /// Everything written to the terminal until every copy of it is closed (the read end then
    /// reports EIO). The terminal turns "\n" into "\r\n", as a real one does.
    func readAll() -> Data {
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
            if count > 0 {
                out.append(contentsOf: buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return out
            }
        }
    }
}

extension CLI {
    /// Runs the binary as in a terminal for stderr (stdout may be a terminal too, the same one),
    /// and returns what each got. The terminal is an `xterm` unless `environment` names another
    /// `TERM` (the test's own may have none); `environment` is laid over the test's.
    static func runOnTerminal(_ arguments: [String], in directory: URL, stdoutToo: Bool = false,
                              environment: [String: String] = [:]) throws -> CLIRun {
        let pty = try PseudoTerminal()
        defer { close(pty.reader) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["XDG_CACHE_HOME"] = testCache.path
        env["TERM"] = "xterm"
        env["NO_COLOR"] = nil
        env["CLICOLOR_FORCE"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let terminal = FileHandle(fileDescriptor: pty.terminal, closeOnDealloc: false)
        let out = Pipe()
        process.standardError = terminal
        process.standardOutput = stdoutToo ? terminal : out
        // Read the terminal on another thread while the program runs: it blocks once the
        // terminal's buffer is full.
        nonisolated(unsafe) var seen = Data()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            seen = pty.readAll()
            done.signal()
        }
        do {
            try process.run()
        } catch {
            close(pty.terminal)
            done.wait()
            throw error
        }
        // The child has its own copy now; the read ends when the child's copies close.
        close(pty.terminal)
        let outData = stdoutToo ? Data() : out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        done.wait()
        let text = String(decoding: seen, as: UTF8.self)
        return CLIRun(status: process.terminationStatus, stdout: stdoutToo ? text : String(decoding: outData, as: UTF8.self),
                      stderr: text)
    }
}
