import CEvidentSystem
import Foundation

/// What a run interrupted by SIGINT (Ctrl-C), SIGTERM or SIGHUP removes before it ends: the
/// temporary files and staging folders it is writing, registered while they exist, the latest
/// registered first (as scopes unwind: a staging folder goes before the folder made to hold it).
/// The previous output is never among them, and a swap in progress (`holdingOff`) is finished first, so the
/// output is the previous one or the new one, whole. The run then ends by the same signal.
/// A run killed outright (SIGKILL, a power cut) leaves them to the next run (docs/site.md).
package enum Interruption {
    private final class State: @unchecked Sendable {
        /// Recursive: a swap held off may unregister what it put in place.
        let lock = NSRecursiveLock()
        var next = 0
        var cleanups: [Int: @Sendable () -> Void] = [:]
        var installed = false
    }

    private static let state = State()

    /// Registers `cleanup`, which removes a temporary that exists from now on; the handler is
    /// installed on the first registration. Returns the token for `unregister`.
    package static func register(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        state.lock.withLock {
            if !state.installed {
                state.installed = true
                install()
            }
            state.next += 1
            state.cleanups[state.next] = cleanup
            return state.next
        }
    }

    /// The temporary is gone or has become the output: an interruption leaves it alone.
    package static func unregister(_ token: Int) {
        state.lock.withLock { _ = state.cleanups.removeValue(forKey: token) }
    }

    /// Runs `body` (a swap, with the `unregister` of what it puts in place) to its end before an
    /// interruption that arrives meanwhile removes anything.
    package static func holdingOff<T>(_ body: () throws -> T) rethrows -> T {
        state.lock.lock()
        defer { state.lock.unlock() }
        return try body()
    }

    /// The handler writes the signal's number to a pipe; a thread reads it, removes what is
    /// registered, and ends the process by that signal. Without a pipe nothing is caught.
    private static func install() {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let reader = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(reader, &byte, 1)
                if n == 1 { break }
                if n < 0 && errno == EINTR { continue }
                return
            }
            let signalNumber = Int32(byte)
            // Held to the end: no swap starts once the cleanups have run.
            state.lock.lock()
            for (_, cleanup) in state.cleanups.sorted(by: { $0.key > $1.key }) { cleanup() }
            state.cleanups = [:]
            signal(signalNumber, SIG_DFL)
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            sigaddset(&unblocked, signalNumber)
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
            raise(signalNumber)
            _exit(128 + signalNumber)
        }
        thread.name = "evident-interrupts"
        thread.start()
        if evident_catch_interrupts(fds[1]) != 0 {
            close(fds[1])
        }
    }
}
