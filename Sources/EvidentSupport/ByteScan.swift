#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a text holds any of a few bytes, eight bytes at a time. Every value the site and the
/// reports write is first checked for characters to escape; most have none, and go out as they are.
package struct ByteScan {
    private let targets: [UInt64]
    /// Bytes below this count too (0 for none): control characters.
    private let below: UInt8
    /// Whether each byte value counts, for the bytes short texts and word tails are made of.
    private let table: [Bool]

    package init(_ bytes: [UInt8], below: UInt8 = 0) {
        targets = bytes.map { 0x0101_0101_0101_0101 &* UInt64($0) }
        self.below = below
        table = (0...255).map { byte in byte < Int(below) || bytes.contains(UInt8(byte)) }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `text` is one of the bytes, or below `below`.
    package func matches(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ matches($0) }) { return found }
        return text.utf8.contains(where: { table[Int($0)] })
    }

    package func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var i = 0
        // Eight bytes at a time when there are enough of them; a table look-up per byte else.
        if count >= 16 {
            let limit = below == 0 ? 0 : Self.ones &* UInt64(below)
            let found = targets.withUnsafeBufferPointer { targets -> Bool in
                while i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    // A zero byte in `word ^ target` is a byte equal to the target (the classic
                    // test: (v - 0x01…) & ~v & 0x80… is non-zero exactly when v has a zero byte).
                    for target in targets {
                        let v = word ^ target
                        if (v &- Self.ones) & ~v & Self.highs != 0 { return true }
                    }
                    // A byte below `below` (< 0x80): (word - below…) & ~word & 0x80… flags it.
                    if limit != 0, (word &- limit) & ~word & Self.highs != 0 { return true }
                    i += 8
                }
                return false
            }
            if found { return true }
        }
        return table.withUnsafeBufferPointer { table in
            while i < count {
                if table[Int(base[i])] { return true }
                i += 1
            }
            return false
        }
    }
}

extension String {
    /// How many times `byte` occurs in the string's UTF-8, found with `memchr`.
    package func count(ofByte byte: UInt8) -> Int {
        var text = self
        return text.withUTF8 { buffer in
            var count = 0, at = 0
            while let found = buffer.firstIndex(of: byte, in: at..<buffer.count) {
                count += 1
                at = found + 1
            }
            return count
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// How many bytes from `start` on are printable ASCII (0x20–0x7E), eight at a time while
    /// there are eight: where the first control character, DEL or non-ASCII byte is, or `count`.
    package func printableASCIIRun(from start: Int = 0) -> Int {
        guard let base = baseAddress, start >= 0 else { return 0 }
        var end = start
        while end + 8 <= count, !Self.holdsUnprintable(UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)) {
            end += 8
        }
        while end < count, base[end] >= 0x20, base[end] < 0x7F { end += 1 }
        return end - start
    }

    /// Whether a byte of `word` is below 0x20, 0x7F or from 0x80 (a set high bit; below 0x20: the
    /// classic `(v - 0x20…) & ~v & 0x80…`; 0x7F: a zero byte of `word ^ 0x7F…`). Never false when
    /// one is.
    @inline(__always)
    private static func holdsUnprintable(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let delete = word ^ (ones &* 0x7F)
        return (word | ((word &- ones &* 0x20) & ~word) | ((delete &- ones) & ~delete)) & highs != 0
    }

    /// The bytes without the ASCII white space (space, tab, line ends) around them.
    package func trimmingASCIISpaces() -> UnsafeBufferPointer<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }
        var start = 0, end = count
        while start < end, isSpace(self[start]) { start += 1 }
        while end > start, isSpace(self[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }

    /// Where `byte` first is in `range` (positions of this buffer), found with `memchr`.
    package func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard let base = baseAddress, range.lowerBound >= 0, range.upperBound <= count, !range.isEmpty,
              let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
