/// UTF-8 text built by appending many small pieces: the trend charts, some nine kilobytes each on
/// every objective page. A `String` checks its capacity, uniqueness and ASCII flag on every
/// append, which made appending a third of the time of drawing a chart; bytes only grow.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    mutating func append(ascii byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ other: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: other)
    }

    static func += (buffer: inout TextBuffer, text: String) {
        buffer.append(text)
    }

    /// The text; the bytes are whole UTF-8 characters, since only strings and ASCII go in.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
