import CZlibDeflate
import Crypto
import Dispatch
import EvidentModel
import EvidentSupport
import Foundation

/// Writes the pack's zip so that the same files and as-of date give the same bytes on any machine,
/// in any time zone and locale: entries sorted by path, file entries only (folders are implied by
/// the paths; every extractor creates them), every timestamp the as-of date at 00:00:00, every
/// permission 0644, deflate (or stored, as `zip` does, when deflate would not make an entry smaller).
///
/// The zip is written here on zlib rather than with ZIPFoundation (which still reads zips for
/// `verify` and the tests), because ZIPFoundation deflates one entry at a time on one thread and
/// rewrites its whole central directory after each entry, while here entries are deflated in
/// parallel and the directory is written once. `pack` writes it straight to a file, and a large
/// source file goes through a chunk at a time. `ZipWriterDifferential` (the `zipwrite` fuzz target
/// and `PackZipDifferentialTests`) checks it against ZIPFoundation's writer on the same entries.
package enum PackZip {
    package enum Failure: Error, CustomStringConvertible {
        case unsafeEntry(String)
        case zip(String)

        package var description: String {
            switch self {
            case let .unsafeEntry(path): "Refusing to pack \(codeSpan(path)): zip entries must be relative and stay inside the pack folder."
            case let .zip(reason): "Cannot write the zip: \(reason)"
            }
        }
    }

    package static let filePermissions: UInt16 = 0o644

    /// The entries' modification time: as-of at 00:00:00 UTC. The zip holds it as DOS date and time
    /// fields (`dosDate(asOf:)`, time 0), which have no time zone and are computed from the `Day`
    /// itself, so every zone gives the same fields and every reader shows the as-of date at
    /// midnight. DOS dates cover 1980–2107; an as-of date outside is clamped to that range.
    package static func entryDate(asOf: Day) -> Date {
        // `Day.ordinal` counts days since 1970-01-01.
        Date(timeIntervalSince1970: TimeInterval(asOf.ordinal) * 86_400)
    }

    /// An entry's bytes: in memory, deflated as they were made, or a source file read from disk a
    /// chunk at a time.
    enum Entry: Sendable {
        case data(Data)
        case packed(Packed)
        case file(PackSources.File)

        var size: UInt64 {
            switch self {
            case let .data(data): UInt64(data.count)
            case let .packed(packed): UInt64(packed.size)
            case let .file(file): file.size
            }
        }

        /// The bytes: as held, inflated, or read again from disk and checked against their hash.
        func bytes() throws -> Data {
            switch self {
            case let .data(data): data
            case let .packed(packed): try packed.bytes()
            case let .file(file): try file.read()
            }
        }

        /// The entry as it goes into the zip, when it was deflated as it was made or read.
        var packed: Packed? {
            switch self {
            case let .packed(packed): packed
            case let .file(file): file.kept
            case .data: nil
            }
        }

        /// The SHA-256 of the bytes, when it was taken as they were read or made.
        var sha256: String? {
            switch self {
            case .data: nil
            case let .packed(packed): packed.sha256
            case let .file(file): file.sha256
            }
        }
    }

    /// A file deflated as soon as it was made (`DeflaterPool.pack`), so that only its deflated
    /// bytes are held until the zip is written: the entry `Deflater.encode` would make of it.
    struct Packed: Sendable, Equatable {
        var size: Int
        var encoded: Encoded
        /// The bytes, kept only when they are stored: deflate did not make them smaller.
        var stored: Data?
        /// Lowercase hex, for the manifest.
        var sha256: String

        /// The bytes, inflated again when they were deflated.
        func bytes() throws(PackZip.Failure) -> Data {
            guard let deflated = encoded.deflated else { return stored ?? Data() }
            return try Deflater.inflate(deflated, size: size)
        }
    }

    /// The zip of `files` (entry path → bytes).
    static func archive(_ files: [String: Data], asOf: Day) throws -> Data {
        try archive(files, asOf: asOf, limits: .standard)
    }

    /// Where zip64 records start to be needed. The standard limits are the largest values the
    /// classic fields can hold (the all-ones value itself means "see the zip64 record"); tests
    /// lower them to write zip64 records in a small archive.
    package struct Zip64Limits: Sendable {
        /// An entry count at or above this needs the zip64 end of central directory record.
        var entries: Int
        /// A size or offset at or above this needs a zip64 field.
        var bytes: UInt64

        package init(entries: Int, bytes: UInt64) {
            self.entries = entries
            self.bytes = bytes
        }

        package static let standard = Zip64Limits(entries: 0xFFFF, bytes: 0xFFFF_FFFF)
    }

    /// How an archive is cut into work: batches of up to `batchEntries` entries or about
    /// `batchBytes` of input, and files from `streamBytes` up deflated alone as they are read.
    struct Batching: Sendable {
        var batchBytes = 32 << 20
        var batchEntries = 512
        var streamBytes: UInt64 = 4 << 20
        /// The size of the chunks a streamed file is read in.
        var chunkBytes = PackSources.chunkSize
    }

    package static func archive(_ files: [String: Data], asOf: Day, limits: Zip64Limits,
                                batchBytes: Int = 32 << 20, batchEntries: Int = 512) throws -> Data {
        var sink = MemorySink()
        try write(files.mapValues(Entry.data), asOf: asOf, to: &sink, limits: limits,
                  batching: Batching(batchBytes: batchBytes, batchEntries: batchEntries))
        return sink.data
    }

    /// Writes the zip of `entries` to the file `fd`, from its start.
    static func write(_ entries: [String: Entry], asOf: Day, toFile fd: Int32, path: String,
                      limits: Zip64Limits = .standard, batching: Batching = Batching(),
                      progress: ProgressMeter = .silent) throws {
        var sink = FileSink(fd: fd, path: path)
        try write(entries, asOf: asOf, to: &sink, limits: limits, batching: batching, progress: progress)
        try sink.flush()
    }

    /// The archive, deflated batch by batch: each batch is read and deflated on every core, then
    /// appended in order before the next one starts, so that only one batch's bytes and deflated
    /// copies are held at a time; a large file is deflated alone, a chunk at a time, straight into
    /// the sink. Either way an entry gets the same bytes.
    static func write<Sink: ZipSink>(_ files: [String: Entry], asOf: Day, to sink: inout Sink, limits: Zip64Limits,
                                     batching: Batching, progress: ProgressMeter = .silent) throws {
        let paths = PackPath.sorted(files.keys)
        // Every name is checked before any work, so a bad name costs no deflate.
        for path in paths {
            guard PackPath.isSafe(path) else { throw Failure.unsafeEntry(path) }
            guard path.utf8.count <= 0xFFFF else { throw Failure.zip("\(path): the name is longer than 65,535 bytes") }
        }
        var writer = ZipWriter(limits: limits, dosDate: dosDate(asOf: asOf))
        progress.begin("Packing files", total: paths.count)
        defer { progress.end() }
        func streamed(_ index: Int) -> PackSources.File? {
            if case let .file(file) = files[paths[index]], file.kept == nil, file.size >= batching.streamBytes { return file }
            return nil
        }
        var start = 0
        while start < paths.count {
            if let file = streamed(start) {
                try Deflater.stream(file, name: paths[start], into: &writer, sink: &sink, chunkBytes: batching.chunkBytes)
                progress.advance()
                start += 1
                continue
            }
            var end = start
            var batchSize = 0
            while end < paths.count, end - start < batching.batchEntries, batchSize < batching.batchBytes, streamed(end) == nil {
                batchSize += Int(clamping: files[paths[end]]?.size ?? 0)
                end += 1
            }
            // Sources not kept in memory are read here, on every core, and checked against their hash.
            let loaded = parallelMap(Array(start..<end)) { index -> Result<Data, Error> in
                // An entry deflated as it was made or read is written as it is.
                if files[paths[index]]?.packed != nil { return .success(Data()) }
                return Result { try files[paths[index]]?.bytes() ?? Data() }
            }
            let contents = try loaded.map { try $0.get() }
            let encoded = try Deflater.encode(contents)
            for (offset, index) in (start..<end).enumerated() {
                if let packed = files[paths[index]]?.packed {
                    try writer.append(name: paths[index], size: packed.size, encoded: packed.encoded, stored: packed.stored ?? Data(), to: &sink)
                } else {
                    try writer.append(name: paths[index], size: contents[offset].count, encoded: encoded[offset], stored: contents[offset], to: &sink)
                }
            }
            progress.advance(by: end - start)
            start = end
        }
        try writer.finish(to: &sink)
    }

    /// The DOS date field: (year − 1980) << 9 | month << 5 | day, computed from the `Day` so that no
    /// calendar or time zone is involved. Dates before 1980-01-01 or after 2107-12-31 (the field's
    /// range) are clamped to those days.
    static func dosDate(asOf: Day) -> UInt16 {
        let (year, month, day) = asOf.civil
        if year < 1980 { return 1 << 5 | 1 }
        if year > 2107 { return 127 << 9 | 12 << 5 | 31 }
        return UInt16((year - 1980) << 9 | month << 5 | day)
    }
}

/// One entry's CRC-32 and its raw deflate stream, or nil when it is stored as it is.
struct Encoded: Sendable, Equatable {
    var crc: UInt32
    var deflated: [UInt8]?
}

/// Deflates entries on every core with zlib.
enum Deflater {
    /// Each entry's CRC-32 and deflated bytes, in the order given. The entries are split into
    /// contiguous chunks, several per core so that one large file does not leave a core idle; each
    /// chunk sets up one zlib stream (about 256 KB of state) and resets it between entries rather
    /// than allocating one per file. A reset stream gives the same bytes as a fresh one, so the
    /// output does not depend on how the entries were split.
    static func encode(_ entries: [Data]) throws -> [Encoded] {
        if entries.isEmpty { return [] }
        let chunks = min(entries.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 8)
        let buffer = UnsafeMutableBufferPointer<Result<Encoded, PackZip.Failure>?>.allocate(capacity: entries.count)
        buffer.initialize(repeating: nil)
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        // Each index is written by exactly one chunk, so the writes never overlap.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * entries.count / chunks)..<((chunk + 1) * entries.count / chunks)
            do throws(PackZip.Failure) {
                try withDeflater { stream in
                    for index in range { slots[index] = encode(entries[index], with: stream) }
                }
            } catch {
                for index in range { slots[index] = .failure(error) }
            }
        }
        return try buffer.map { slot in
            guard let slot else { throw PackZip.Failure.zip("an entry was not deflated") }
            return try slot.get()
        }
    }

    /// A raw deflate stream (negative window bits: no zlib header or trailer, as zip wants), level
    /// 6, the default 32 KB window and memory level 8, as `zip` uses; `endDeflater` frees it.
    static func makeDeflater() throws(PackZip.Failure) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw PackZip.Failure.zip("zlib could not start deflating (\(status))")
        }
        return stream
    }

    static func endDeflater(_ stream: UnsafeMutablePointer<z_stream>) {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// `body` with a deflater made for it and freed after.
    static func withDeflater(_ body: (UnsafeMutablePointer<z_stream>) -> Void) throws(PackZip.Failure) {
        let stream = try makeDeflater()
        defer { endDeflater(stream) }
        body(stream)
    }

    /// Writes a source file's entry a chunk at a time, so that it is never held in memory: its
    /// header with the final values left out, the deflate stream as it comes, then the header again
    /// with its CRC-32 and sizes. When the stream gets as large as the file, deflating stops and
    /// the file is stored instead, as `encode` does: the entry has the bytes it would have in memory.
    /// The file is hashed on the way; if it is no longer the file that was hashed for the manifest,
    /// the zip is not written.
    static func stream<Sink: ZipSink>(_ file: PackSources.File, name: String, into writer: inout ZipWriter,
                                      sink: inout Sink, chunkBytes: Int) throws {
        let location = file.location
        let changed = PackSources.Failure.changed(location.path)
        var header = ZipWriter.Header(name: Array(name.utf8), size: file.size, compressedSize: file.size, crc: 0, method: 8)
        let offset = sink.offset
        try sink.write(writer.local(header, offset: offset))
        let dataStart = sink.offset
        let fd = try location.open()
        defer { close(fd) }

        let stream = try Self.makeDeflater()
        defer { Self.endDeflater(stream) }

        var crc: uLong = 0
        var hasher = SHA256()
        var read: UInt64 = 0
        var produced: UInt64 = 0
        // An empty file is stored; so is one whose deflate stream is not smaller.
        var storing = file.size == 0
        try withUnsafeTemporaryAllocation(byteCount: 256 << 10, alignment: 16) { out in
            guard let outBase = out.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
            /// Runs deflate until it wants more input (or, finishing, until the stream ends), writing what it makes.
            func drain(_ flush: Int32) throws {
                var result = Z_OK
                repeat {
                    stream.pointee.next_out = outBase
                    stream.pointee.avail_out = uInt(out.count)
                    result = deflate(stream, flush)
                    guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                        throw PackZip.Failure.zip("zlib could not deflate \(name) (\(result))")
                    }
                    let made = out.count - Int(stream.pointee.avail_out)
                    if made > 0 {
                        try sink.write(UnsafeRawBufferPointer(start: outBase, count: made))
                        produced += UInt64(made)
                    }
                    if produced >= file.size {
                        storing = true
                        return
                    }
                } while flush == Z_FINISH ? result != Z_STREAM_END : (stream.pointee.avail_out == 0 || stream.pointee.avail_in > 0)
            }
            try PackSources.readChunks(fd, path: location.path, chunkSize: chunkBytes) { chunk in
                guard let base = chunk.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
                read += UInt64(chunk.count)
                guard read <= file.size else { throw changed }
                crc = crc32_z(crc, base, chunk.count)
                hasher.update(bufferPointer: chunk)
                if storing { return }
                // zlib never writes through next_in; the type is mutable only for old compilers.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
                stream.pointee.avail_in = uInt(chunk.count)
                try drain(Z_NO_FLUSH)
            }
            guard read == file.size, PackManifest.hex(digest: hasher.finalize()) == file.sha256 else { throw changed }
            if !storing {
                stream.pointee.next_in = nil
                stream.pointee.avail_in = 0
                try drain(Z_FINISH)
            }
        }
        header.crc = UInt32(truncatingIfNeeded: crc)
        if storing {
            // Stored: the deflated bytes go, and the file is copied as it is, checked once more.
            try sink.truncate(to: dataStart)
            var copied: UInt64 = 0
            var again: uLong = 0
            var rehash = SHA256()
            try PackSources.readChunks(fd, path: location.path, chunkSize: chunkBytes) { chunk in
                guard let base = chunk.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
                copied += UInt64(chunk.count)
                guard copied <= file.size else { throw changed }
                again = crc32_z(again, base, chunk.count)
                rehash.update(bufferPointer: chunk)
                try sink.write(chunk)
            }
            guard copied == file.size, again == crc, PackManifest.hex(digest: rehash.finalize()) == file.sha256 else { throw changed }
            header.method = 0
            header.compressedSize = file.size
        } else {
            header.compressedSize = produced
        }
        try sink.overwrite(writer.local(header, offset: offset), at: offset)
        writer.record(header, offset: offset)
    }

    private static func encode(_ data: Data, with stream: UnsafeMutablePointer<z_stream>) -> Result<Encoded, PackZip.Failure> {
        data.withUnsafeBytes { encode($0, with: stream) }
    }

    /// The CRC-32 of `raw` and its deflated bytes, or nil (stored) when deflating does not make it
    /// smaller, which is also the case of an empty entry.
    static func encode(_ raw: UnsafeRawBufferPointer, with stream: UnsafeMutablePointer<z_stream>) -> Result<Encoded, PackZip.Failure> {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: Bytef.self), raw.count > 0 else {
            return .success(Encoded(crc: 0, deflated: nil))
        }
        let count = raw.count
        // crc32_z takes a size_t length; deflate's lengths are 32-bit `uInt`, so larger entries
        // go through it in 4 GB slices.
        let crc = crc32_z(0, base, count)
        let slice = Int(UInt32.max)
        guard deflateReset(stream) == Z_OK else { return .failure(.zip("zlib could not reset its stream")) }
        // deflateBound is enough for the whole stream in one pass with Z_FINISH.
        let bound = Int(deflateBound(stream, uLong(count)))
        var status = Z_OK
        let deflated = [UInt8](unsafeUninitializedCapacity: bound) { out, produced in
            guard let outBase = out.baseAddress else { return }
            var consumed = 0
            while status == Z_OK {
                let input = min(count - consumed, slice)
                let room = min(bound - produced, slice)
                // zlib never writes through next_in; the type is mutable only for old compilers.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: base + consumed)
                stream.pointee.avail_in = uInt(input)
                stream.pointee.next_out = outBase + produced
                stream.pointee.avail_out = uInt(room)
                status = deflate(stream, consumed + input == count ? Z_FINISH : Z_NO_FLUSH)
                consumed += input - Int(stream.pointee.avail_in)
                produced += room - Int(stream.pointee.avail_out)
            }
        }
        guard status == Z_STREAM_END else { return .failure(.zip("zlib could not deflate an entry (\(status))")) }
        return .success(Encoded(crc: UInt32(truncatingIfNeeded: crc), deflated: deflated.count < count ? deflated : nil))
    }

    /// The `size` bytes a raw deflate stream holds; anything else in it, or fewer bytes, is a failure.
    static func inflate(_ deflated: [UInt8], size: Int) throws(PackZip.Failure) -> Data {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PackZip.Failure.zip("zlib could not start inflating")
        }
        defer { inflateEnd(stream) }
        guard size >= 0, size <= Int(UInt32.max), deflated.count <= Int(UInt32.max) else {
            throw PackZip.Failure.zip("a deflated entry of \(size) bytes is too large to inflate in one pass")
        }
        var out = Data(count: size)
        // One pass: the output has room for exactly the bytes the entry says it holds, and one more
        // would leave the stream unfinished.
        let status = deflated.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBytes { output in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(output.count)
                return CZlibDeflate.inflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.pointee.avail_out == 0, stream.pointee.avail_in == 0 else {
            throw PackZip.Failure.zip("a deflated entry does not hold its \(size) bytes")
        }
        return out
    }
}

/// Deflaters lent to the threads that make a site, so that each file is deflated as soon as it is
/// made, on the core that made it. A deflater is used by one thread at a time (taken and given back
/// under the lock) and reset between files; the pool frees them.
final class DeflaterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [UnsafeMutablePointer<z_stream>] = []

    init() {}

    deinit {
        for stream in idle { Deflater.endDeflater(stream) }
    }

    /// `pack` of the UTF-8 bytes of `text`.
    func pack(text: String) throws -> PackZip.Packed {
        var text = text
        return try text.withUTF8 { try pack(UnsafeRawBufferPointer($0)) }
    }

    /// `bytes` deflated as `Deflater.encode` deflates an entry, with their SHA-256 (taken here
    /// unless the caller took it as it read them: `sha256`, lowercase hex).
    func pack(_ bytes: UnsafeRawBufferPointer, sha256: String? = nil) throws -> PackZip.Packed {
        let stream = try lock.withLock { idle.popLast() } ?? Deflater.makeDeflater()
        defer { lock.withLock { idle.append(stream) } }
        var encoded = try Deflater.encode(bytes, with: stream).get()
        // `encode` leaves room for the worst case; a packed file holds only its bytes (a copy from
        // a pointer: an array made from a whole array, or a slice of all of it, shares its buffer).
        encoded.deflated = encoded.deflated.map { deflated in deflated.withUnsafeBufferPointer { Array($0) } }
        return PackZip.Packed(size: bytes.count, encoded: encoded, stored: encoded.deflated == nil ? Data(bytes) : nil,
                              sha256: sha256 ?? PackManifest.hex(digest: SHA256.hash(data: bytes)))
    }
}

/// Where the archive's bytes go: appended in order, with a local header rewritten in place once a
/// streamed entry's CRC and size are known, and a streamed entry cut back to be stored instead.
protocol ZipSink {
    /// The number of bytes written so far: where the next ones go.
    var offset: UInt64 { get }
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes `bytes` over bytes already written at `at`; they must lie inside what was written.
    mutating func overwrite(_ bytes: [UInt8], at: UInt64) throws
    /// Drops what was written from `offset` on.
    mutating func truncate(to offset: UInt64) throws
}

extension ZipSink {
    mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// The archive in memory.
struct MemorySink: ZipSink {
    var data = Data()

    var offset: UInt64 { UInt64(data.count) }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        data.append(contentsOf: bytes)
    }

    mutating func overwrite(_ bytes: [UInt8], at: UInt64) throws {
        let start = data.startIndex + Int(at)
        data.replaceSubrange(start..<(start + bytes.count), with: bytes)
    }

    mutating func truncate(to offset: UInt64) throws {
        data.removeSubrange((data.startIndex + Int(offset))...)
    }
}

/// The archive in a file, written through a buffer with `pwrite` at known offsets.
struct FileSink: ZipSink {
    let fd: Int32
    let path: String
    private var buffer: [UInt8] = []
    /// Bytes already in the file; the buffer follows them.
    private var flushed: UInt64 = 0
    private static let bufferBytes = 1 << 20

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(Self.bufferBytes)
    }

    var offset: UInt64 { flushed + UInt64(buffer.count) }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > Self.bufferBytes { try flush() }
        if bytes.count >= Self.bufferBytes {
            try Self.pwriteAll(fd, bytes, at: flushed, path: path)
            flushed += UInt64(bytes.count)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBytes { try Self.pwriteAll(fd, $0, at: flushed, path: path) }
        flushed += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func overwrite(_ bytes: [UInt8], at: UInt64) throws {
        try flush()
        try bytes.withUnsafeBytes { try Self.pwriteAll(fd, $0, at: at, path: path) }
    }

    mutating func truncate(to offset: UInt64) throws {
        try flush()
        guard ftruncate(fd, off_t(offset)) == 0 else { throw PackZip.Failure.zip("\(path): \(String(cString: strerror(errno)))") }
        flushed = offset
    }

    private static func pwriteAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at start: UInt64, path: String) throws {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let n = pwrite(fd, base + done, bytes.count - done, off_t(start) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw PackZip.Failure.zip("\(path): \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }
}

/// Appends local file headers and data to the archive and keeps the central directory aside until
/// the end (APPNOTE 6.3: 4.3.7 local header, 4.3.12 central header, 4.3.14–4.3.16 end records,
/// 4.5.3 zip64 extended information).
struct ZipWriter {
    let limits: PackZip.Zip64Limits
    let dosDate: UInt16
    var central: [UInt8] = []
    var count = 0

    init(limits: PackZip.Zip64Limits, dosDate: UInt16) {
        self.limits = limits
        self.dosDate = dosDate
    }

    /// Made by UNIX (3), so that readers take the high half of the external attributes as a mode.
    static let unix: UInt16 = 3 << 8
    /// A regular file with mode 0644, in the high half of the external attributes (no DOS bits).
    static let externalAttributes = (UInt32(0o100000) | UInt32(PackZip.filePermissions)) << 16

    /// What the headers say of one entry.
    struct Header {
        var name: [UInt8]
        var size: UInt64
        var compressedSize: UInt64
        var crc: UInt32
        /// 0: stored, 8: deflated.
        var method: UInt16

        /// Bit 11: the name is UTF-8. Left clear for ASCII names, as `zip` does.
        var flags: UInt16 { name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11 }
    }

    /// Whether the local header holds a zip64 field. An entry is stored whenever deflate does not
    /// make it smaller, so its compressed size never exceeds its size, and this is known from the
    /// size alone: a streamed entry's header keeps its length when it is rewritten.
    func sizesNeedZip64(_ header: Header) -> Bool {
        header.size >= limits.bytes || header.compressedSize >= limits.bytes
    }

    func local(_ header: Header, offset: UInt64) -> [UInt8] {
        let zip64 = sizesNeedZip64(header)
        // 4.5 (zip64) needs version 4.5; deflate and stored need 2.0.
        let version: UInt16 = zip64 || offset >= limits.bytes ? 45 : 20
        var local: [UInt8] = []
        local.reserveCapacity(30 + header.name.count + 20)
        local.le32(0x0403_4B50)
        local.le16(version)
        local.le16(header.flags)
        local.le16(header.method)
        local.le16(0) // time: 00:00:00
        local.le16(dosDate)
        local.le32(header.crc)
        // A local zip64 field holds both sizes whenever either needs it (4.5.3).
        local.le32(zip64 ? 0xFFFF_FFFF : UInt32(header.compressedSize))
        local.le32(zip64 ? 0xFFFF_FFFF : UInt32(header.size))
        local.le16(UInt16(header.name.count))
        local.le16(zip64 ? 20 : 0)
        local.append(contentsOf: header.name)
        if zip64 {
            local.le16(0x0001)
            local.le16(16)
            local.le64(header.size)
            local.le64(header.compressedSize)
        }
        return local
    }

    /// Adds the entry's central directory record.
    mutating func record(_ header: Header, offset: UInt64) {
        let offsetNeedsZip64 = offset >= limits.bytes
        let version: UInt16 = sizesNeedZip64(header) || offsetNeedsZip64 ? 45 : 20
        // The central zip64 field holds only the values whose classic field overflows, in this order.
        var zip64: [UInt8] = []
        if header.size >= limits.bytes { zip64.le64(header.size) }
        if header.compressedSize >= limits.bytes { zip64.le64(header.compressedSize) }
        if offsetNeedsZip64 { zip64.le64(offset) }
        central.le32(0x0201_4B50)
        // "Made by" is never older than what the entry needs.
        central.le16(Self.unix | version)
        central.le16(version)
        central.le16(header.flags)
        central.le16(header.method)
        central.le16(0)
        central.le16(dosDate)
        central.le32(header.crc)
        central.le32(header.compressedSize >= limits.bytes ? 0xFFFF_FFFF : UInt32(header.compressedSize))
        central.le32(header.size >= limits.bytes ? 0xFFFF_FFFF : UInt32(header.size))
        central.le16(UInt16(header.name.count))
        central.le16(zip64.isEmpty ? 0 : UInt16(4 + zip64.count))
        central.le16(0) // comment length
        central.le16(0) // disk number start
        central.le16(0) // internal attributes
        central.le32(Self.externalAttributes)
        central.le32(offsetNeedsZip64 ? 0xFFFF_FFFF : UInt32(offset))
        central.append(contentsOf: header.name)
        if !zip64.isEmpty {
            central.le16(0x0001)
            central.le16(UInt16(zip64.count))
            central.append(contentsOf: zip64)
        }
        count += 1
    }

    /// Appends an entry of `size` bytes whose deflated copy is in memory, or, when it is stored,
    /// its bytes (`stored`, ignored otherwise).
    mutating func append<Sink: ZipSink>(name: String, size: Int, encoded: Encoded, stored: Data, to sink: inout Sink) throws {
        guard encoded.deflated != nil || stored.count == size else { throw PackZip.Failure.zip("\(name): the stored bytes are not the entry's") }
        let header = Header(name: Array(name.utf8), size: UInt64(size),
                            compressedSize: UInt64(encoded.deflated?.count ?? size),
                            crc: encoded.crc, method: encoded.deflated == nil ? 0 : 8)
        let offset = sink.offset
        try sink.write(local(header, offset: offset))
        if let deflated = encoded.deflated {
            try sink.write(deflated)
        } else {
            try stored.withUnsafeBytes { try sink.write($0) }
        }
        record(header, offset: offset)
    }

    /// Writes the central directory and the end records.
    mutating func finish<Sink: ZipSink>(to sink: inout Sink) throws {
        let centralOffset = sink.offset
        let centralSize = UInt64(central.count)
        try sink.write(central)
        let countNeedsZip64 = count >= limits.entries
        let sizeNeedsZip64 = centralSize >= limits.bytes
        let offsetNeedsZip64 = centralOffset >= limits.bytes
        var end: [UInt8] = []
        if countNeedsZip64 || sizeNeedsZip64 || offsetNeedsZip64 {
            let zip64EndOffset = sink.offset
            // Zip64 end of central directory record (4.3.14), with no extensible data.
            end.le32(0x0606_4B50)
            end.le64(44) // the size of the rest of the record
            end.le16(Self.unix | 45)
            end.le16(45)
            end.le32(0) // this disk
            end.le32(0) // the disk where the central directory starts
            end.le64(UInt64(count)) // entries on this disk
            end.le64(UInt64(count)) // entries in all
            end.le64(centralSize)
            end.le64(centralOffset)
            // Zip64 end of central directory locator (4.3.15).
            end.le32(0x0706_4B50)
            end.le32(0) // the disk with the zip64 end record
            end.le64(zip64EndOffset)
            end.le32(1) // disks in all
        }
        // End of central directory record (4.3.16); all-ones fields point at the zip64 record.
        end.le32(0x0605_4B50)
        end.le16(0)
        end.le16(0)
        end.le16(countNeedsZip64 ? 0xFFFF : UInt16(count))
        end.le16(countNeedsZip64 ? 0xFFFF : UInt16(count))
        end.le32(sizeNeedsZip64 ? 0xFFFF_FFFF : UInt32(centralSize))
        end.le32(offsetNeedsZip64 ? 0xFFFF_FFFF : UInt32(centralOffset))
        end.le16(0) // comment length
        try sink.write(end)
    }
}

/// Little-endian fields, as every zip record stores them.
private extension [UInt8] {
    mutating func le16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func le32(_ value: UInt32) {
        le16(UInt16(truncatingIfNeeded: value))
        le16(UInt16(truncatingIfNeeded: value >> 16))
    }

    mutating func le64(_ value: UInt64) {
        le32(UInt32(truncatingIfNeeded: value))
        le32(UInt32(truncatingIfNeeded: value >> 32))
    }
}
