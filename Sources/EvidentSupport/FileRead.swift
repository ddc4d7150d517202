#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read to its end a chunk at a time, with `pread` from its first byte: what the
/// descriptor read before does not matter, and a read a signal interrupted is tried again.
package enum FileRead {
    /// A read that failed, in the system's words (`strerror`).
    package struct Failure: Error, Sendable {
        package let reason: String
    }

    /// Calls `body` with each chunk of `fd`'s bytes, in order, from its first byte to its end or
    /// until `limit` bytes were given. Throws `Failure`, or what `body` throws.
    package static func chunks(of fd: Int32, size: Int = 1 << 16, limit: Int = .max,
                               _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withUnsafeTemporaryAllocation(byteCount: max(size, 1), alignment: 16) { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < limit {
                let n = pread(fd, base, min(buffer.count, limit - offset), off_t(offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(reason: String(cString: strerror(errno)))
                }
                if n == 0 { return }
                try body(UnsafeRawBufferPointer(start: base, count: n))
                offset += n
            }
        }
    }

    /// `fd`'s bytes from its first, at most `limit` of them.
    package static func bytes(of fd: Int32, limit: Int) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        do {
            try chunks(of: fd, limit: limit) { out.append(contentsOf: $0) }
        } catch let failure as Failure {
            throw failure
        } catch {
            // `body` above throws nothing.
            throw Failure(reason: "\(error)")
        }
        return out
    }
}
