#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UTF-8 text built by appending many small pieces: the trend charts, the rows of tables, JSON,
/// the rendered pages. Where a `String` checks its capacity, uniqueness and ASCII flag on every
/// append, here an append is a capacity check and a copy.
/// `@unchecked Sendable`: a copy sent to another thread shares the memory only to read it; the
/// first append to either gets memory of its own (`isKnownUniquelyReferenced`).
package struct TextBuffer: @unchecked Sendable {
    /// Owns the memory (from `malloc`, so that growing is a `realloc`: a large page's buffer is
    /// then moved by the kernel, not held twice while it is copied). The pointer, count and
    /// capacity live in the struct itself, not in the class: a class's stored properties are
    /// checked for exclusive access on every use.
    private final class Owner {
        var base: UnsafeMutablePointer<UInt8>

        init(capacity: Int) { base = Owner.allocate(nil, capacity) }
        deinit { free(base) }

        /// `capacity` bytes, moved from `old` when there is one; stops the process when memory
        /// runs out, as `UnsafeMutablePointer.allocate` does.
        static func allocate(_ old: UnsafeMutablePointer<UInt8>?, _ capacity: Int) -> UnsafeMutablePointer<UInt8> {
            guard let raw = realloc(old, capacity) else { fatalError("TextBuffer: out of memory for \(capacity) bytes") }
            return raw.bindMemory(to: UInt8.self, capacity: capacity)
        }
    }

    private var owner: Owner
    private var base: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    private var capacity: Int

    package init(capacity: Int = 0) {
        self.capacity = Swift.max(capacity, 16)
        owner = Owner(capacity: self.capacity)
        base = owner.base
    }

    /// The bytes of `text`.
    package init(_ text: String) {
        self.init(capacity: text.utf8.count)
        append(text)
    }

    /// Room for `extra` more bytes, in memory of this buffer's own: a copy of a buffer shares
    /// the memory until one of them is appended to.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if _slowPath(count + extra > capacity || !isKnownUniquelyReferenced(&owner)) { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let capacity = Swift.max(count + extra, self.capacity * 2)
        if isKnownUniquelyReferenced(&owner) {
            owner.base = Owner.allocate(owner.base, capacity)
        } else {
            let shared = base
            owner = Owner(capacity: capacity)
            owner.base.update(from: shared, count: count)
        }
        base = owner.base
        self.capacity = capacity
    }

    /// Puts `text` in front of the bytes from `offset` on (`offset` at most `count`).
    package mutating func insert(_ text: String, at offset: Int) {
        precondition(offset >= 0 && offset <= count, "TextBuffer.insert: offset out of range")
        var text = text
        text.withUTF8 { bytes in
            guard let source = bytes.baseAddress, bytes.count > 0 else { return }
            reserve(bytes.count)
            (base + offset + bytes.count).update(from: base + offset, count: count - offset)
            (base + offset).update(from: source, count: bytes.count)
            count += bytes.count
        }
    }

    /// Room for `capacity` bytes in all, as `String.reserveCapacity` gives.
    mutating func reserveCapacity(_ capacity: Int) {
        if capacity > count { reserve(capacity - count) }
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    package mutating func append(_ text: String) {
        // A literal or native string is read in place (a small one from a copy on the stack),
        // without the copy (a retain and a release) that `withUTF8` needs; a bridged one is copied.
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var text = text
        text.withUTF8 { append($0) }
    }

    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    package mutating func append(_ other: TextBuffer) {
        other.withUnsafeBytes { append($0) }
    }

    package mutating func append(ascii byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// A literal: its bytes are where the compiler put them, so this is a check and a copy
    /// (inlined, where the literal's length is known), where a `String` must first be asked
    /// where its bytes are. Only literals are appended with `+=`; other text with `append(_:)`.
    @inline(__always)
    package mutating func append(_ literal: StaticString) {
        // A literal of one character is held as its scalar, not as bytes: `withUTF8Buffer`
        // encodes it on the stack.
        literal.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    package static func += (buffer: inout TextBuffer, literal: StaticString) {
        buffer.append(literal)
    }

    /// The bytes, for as long as `body` runs.
    package func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// A copy of the bytes.
    package var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Writes the bytes to an open file descriptor, all of them unless it refuses more (a closed
    /// pipe): false then.
    @discardableResult
    package func write(to descriptor: Int32) -> Bool {
        withUnsafeBytes { bytes in
            guard let start = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, start + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The text; the bytes are whole UTF-8 characters, since only strings and ASCII go in.
    package var text: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }
}

/// `write(2)`, apart from `TextBuffer.write(to:)`, whose name hides it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
