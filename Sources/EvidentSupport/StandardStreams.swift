import Foundation

/// The standard descriptors 0, 1 and 2 of a process started without them (`evident check >&-`).
/// A file the process opens would take the lowest free number, and what is written to stdout or
/// stderr would land in it (a page, the pack, a pipe of the runtime's).
package enum StandardStreams {
    /// Gives each of 0, 1 and 2 that is closed a descriptor of `/dev/null` opened for reading
    /// only, so that a write there fails (EBADF) and is reported as one, and no file evident
    /// opens later takes the number. Returns the numbers that were closed. Call it first in
    /// `main`, before any file is opened.
    @discardableResult
    package static func reserve() -> [Int32] {
        var reserved: [Int32] = []
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            // The lower numbers are open by now, so the lowest free one is `fd`.
            var opened = open("/dev/null", O_RDONLY)
            if opened < 0 { opened = open("/", O_RDONLY | O_DIRECTORY) }
            guard opened >= 0 else { continue }
            if opened != fd {
                _ = dup2(opened, fd)
                close(opened)
            }
            reserved.append(fd)
        }
        return reserved
    }
}
