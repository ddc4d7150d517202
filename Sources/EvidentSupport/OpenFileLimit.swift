#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of files the process may hold open (`ulimit -n`). Reading, rendering and packing
/// open files on every core at once, and the runtime's own threads and event loops take
/// descriptors too: below a few dozen, a run fails part-way, or the runtime traps.
package enum OpenFileLimit {
    /// Fewer than this and evident refuses to start: a run would fail part-way.
    package static let minimum: rlim_t = 64
    /// What the soft limit is raised to when it is lower, as far as the hard limit allows.
    package static let wanted: rlim_t = 1024

    /// Why evident cannot run with the limit it was given.
    package struct TooLow: Error, CustomStringConvertible {
        package let limit: rlim_t
        package var description: String {
            "The process may open only \(limit) files at once (`ulimit -n`), and evident needs at least \(OpenFileLimit.minimum). Raise the limit, for example with `ulimit -n \(OpenFileLimit.wanted)`, and run evident again."
        }
    }

    /// Raises the soft limit to `wanted` when it is lower, as far as the hard limit allows; the
    /// limit evident then runs with. Throws `TooLow` when that is still below `minimum`.
    @discardableResult
    package static func raise() throws -> rlim_t {
        var limits = rlimit()
        guard getrlimit(limitResource, &limits) == 0 else { return wanted }
        if limits.rlim_cur < wanted {
            let raised = min(wanted, limits.rlim_max)
            if raised > limits.rlim_cur {
                var soft = limits
                soft.rlim_cur = raised
                if setrlimit(limitResource, &soft) == 0 { limits.rlim_cur = raised }
            }
        }
        guard limits.rlim_cur >= minimum else { throw TooLow(limit: limits.rlim_cur) }
        return limits.rlim_cur
    }

    #if canImport(Glibc)
    private static let limitResource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let limitResource = RLIMIT_NOFILE
    #endif
}
