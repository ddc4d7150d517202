import Foundation
import Hummingbird

/// The site being served, path → bytes, replaced as a whole on each rebuild: a request sees
/// either the old site or the new one, never a mix.
final class SiteFiles: @unchecked Sendable {
    // Guards `files`; held only to read or swap the dictionary, never while building.
    private let lock = NSLock()
    private var files: [String: ByteBuffer]

    package init(_ files: [String: Data]) {
        self.files = Self.buffers(files)
    }

    package func replace(with files: [String: Data]) {
        let buffers = Self.buffers(files)
        lock.withLock { self.files = buffers }
    }

    package func file(at path: String) -> ByteBuffer? {
        lock.withLock { files[path] }
    }

    /// Made once per build, so each answer shares the bytes instead of copying them.
    private static func buffers(_ files: [String: Data]) -> [String: ByteBuffer] {
        files.mapValues { ByteBuffer(bytes: $0) }
    }
}
