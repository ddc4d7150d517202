import Foundation
import Glibc

/// The permissions of the files evident writes.
package enum FileModes {
    /// A file of the site, the pack, the schemas, `init`'s content or a public key: 0666 less the
    /// umask, as `cp`, `tar` and the shell's `>` make one (0644 under the usual 022, 0600 under
    /// 077). A private key is 0600 whatever the umask.
    package static let newFile: mode_t = 0o666 & ~umask

    /// The process's umask, read without changing it where the system tells it (`/proc/self/status`);
    /// elsewhere set to 077 for a moment and back, so that a file another thread makes meanwhile
    /// is, if anything, more private.
    static let umask: mode_t = {
        if let mask = umask(status: (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? "") { return mask }
        let old = Glibc.umask(0o077)
        Glibc.umask(old)
        return old & 0o777
    }()

    /// The `Umask:` line of a `/proc/PID/status` text (octal), nil when it has none.
    static func umask(status: String) -> mode_t? {
        for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
            let digits = line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.count <= 4, let mask = mode_t(digits, radix: 8), mask <= 0o777 else { return nil }
            return mask
        }
        return nil
    }
}
