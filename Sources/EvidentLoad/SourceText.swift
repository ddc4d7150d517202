import CEvidentSystem
import EvidentModel
import EvidentSupport
import Foundation

/// The text of one content file, decoded for parsing: UTF-8, BOM removed, CRLF and CR turned into LF
/// (line numbers stay those an editor shows; columns are unchanged because only line ends change).
package struct SourceText: Sendable {
    let path: String
    package let text: String

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Why a file could not be turned into text, with the place of the problem when there is one.
    package enum Failure: Error, Sendable {
        /// `bytes`: the first byte that is not UTF-8, and up to three after it.
        case invalidUTF8(line: Int, column: Int, bytes: [UInt8])
        case binary(line: Int, column: Int)
        /// UTF-16 or UTF-32 text, told by its byte-order mark (what Windows tools call "Unicode").
        case utf16
        /// UTF-16 text without a byte-order mark: a NUL in every other byte of its start.
        case utf16Unmarked
        case tooLarge(bytes: Int)
        /// A Git LFS pointer: the file was checked out without git-lfs.
        case lfsPointer
        /// A file git-crypt encrypted: the working tree is locked.
        case gitCryptEncrypted
        /// Not opened for a reason other than those below: the system's words for it.
        case unreadable(String)
        /// Not opened for want of permission: the system's words for it.
        case denied(String)
        /// A symbolic link that leads to no file: its target as the link gives it.
        case danglingLink(target: String)
        /// A symbolic link that leads back to itself, or through more links than the system follows.
        case linkLoop
        /// Listed by the walk, gone when it was opened: removed (or renamed) while evident ran.
        case vanished
        case notRegularFile
        case folder
    }

    /// Why `file` did not open, `code` its errno: a link that leads nowhere or in a circle is told
    /// apart from a permission, since "check its permissions" would send the user the wrong way.
    static func openFailure(file: String, code: Int32) -> Failure {
        switch code {
        case ELOOP: return .linkLoop
        case EACCES, EPERM: return .denied(String(cString: strerror(code)))
        case ENOENT:
            // Listed by the walk, gone at the open: a link to nothing, or a file removed meanwhile.
            var target = [CChar](repeating: 0, count: 4097)
            let n = readlink(file, &target, target.count - 1)
            guard n > 0 else { return .vanished }
            return .danglingLink(target: String(decoding: target[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        default:
            // A socket, or a device without its driver, cannot be opened at all (ENXIO): it is
            // named as what it is, as a pipe is once opened.
            var info = stat()
            if stat(file, &info) == 0, ![S_IFREG, S_IFDIR].contains(info.st_mode & S_IFMT) { return .notRegularFile }
            return .unreadable(String(cString: strerror(code)))
        }
    }

    /// Text files larger than this are refused: no real objective, policy or CSV comes near it, and
    /// reading one keeps the run fast and its memory bounded when someone drops a dump into the tree.
    static let maximumBytes = 8 * 1024 * 1024

    /// Whether `bytes` are a Git LFS pointer: under 1024 bytes, starting with its version line,
    /// as the LFS specification has it.
    package static func isLFSPointer(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count < 1024 && bytes.starts(with: "version https://git-lfs.github.com/spec/v1\n".utf8)
    }

    /// The start of a file git-crypt has encrypted, as git stores it.
    package static let gitCryptHeader = Array("\0GITCRYPT\0".utf8)

    package static func decode(_ data: Data, path: String) -> Result<SourceText, Failure> {
        if data.count > maximumBytes { return .failure(.tooLarge(bytes: data.count)) }
        return data.withUnsafeBytes { decode($0, path: path) }
    }

    /// `decode` of bytes in memory: read in place, with memchr, without a copy of the file.
    private static func decode(_ raw: UnsafeRawBufferPointer, path: String) -> Result<SourceText, Failure> {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeRawBufferPointer(rebasing: bytes[3...]) }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .success(SourceText(path: path, text: "")) }
        // What git keeps in place of a file that a checkout without git-lfs or git-crypt leaves.
        if isLFSPointer(bytes) { return .failure(.lfsPointer) }
        if bytes.starts(with: gitCryptHeader) { return .failure(.gitCryptEncrypted) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            return .failure(.utf16)
        }
        // A NUL byte never appears in text; reporting "binary" is clearer than a YAML error.
        if let nul = memchr(base, 0, bytes.count) {
            if isUnmarkedUTF16(bytes) { return .failure(.utf16Unmarked) }
            let (line, column) = position(ofByte: base.distance(to: UnsafeRawPointer(nul)), in: Array(bytes))
            return .failure(.binary(line: line, column: column))
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            let array = Array(bytes)
            let offset = firstInvalidUTF8(array)
            let (line, column) = position(ofByte: offset, in: array)
            return .failure(.invalidUTF8(line: line, column: column, bytes: Array(array[min(offset, array.count)..<min(offset + 4, array.count)])))
        }
        var text = decoded
        if memchr(base, 13, bytes.count) != nil {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(SourceText(path: path, text: text))
    }

    /// Reads the regular file at `file` (a path on disk); `path` is how messages name it. `bytes`
    /// sees the file's bytes as read, before they are decoded.
    package static func read(file: String, path: String,
                             bytes: (UnsafeRawBufferPointer) -> Void = { _ in }) -> Result<SourceText, Failure> {
        // open + fstat + read: one open per file, no FileHandle, and the type is checked on the
        // opened file so it cannot change between the check and the read. O_NONBLOCK keeps a FIFO
        // from blocking the open.
        // O_NOATIME, where allowed (on one's own files): reading should not write the inode's access
        // time back, for every file of the tree.
        var fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC | noAccessTime)
        if fd < 0 && errno == EPERM { fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(openFailure(file: file, code: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure((info.st_mode & S_IFMT) == S_IFDIR ? .folder : .notRegularFile)
        }
        let size = Int(info.st_size)
        if size > maximumBytes { return .failure(.tooLarge(bytes: size)) }
        // Read into memory of its own, not a `Data`, which is zeroed first and keeps bookkeeping
        // of its own. The text is made from it and it goes.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 1)
        defer { buffer.deallocate() }
        var filled = 0
        while filled < size, let base = buffer.baseAddress {
            let n = Foundation.read(fd, base + filled, size - filled)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            filled += n
        }
        let raw = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
        bytes(raw)
        return decode(raw, path: path)
    }

    /// Whether `bytes` (which hold a NUL) start as UTF-16 text without a byte-order mark: up to 64
    /// bytes of pairs of one printable ASCII byte and one NUL, in either order, at least two pairs.
    private static func isUnmarkedUTF16(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = min(bytes.count, 64) & ~1
        guard n >= 4 else { return false }
        func text(_ b: UInt8) -> Bool { (32..<127).contains(b) || b == 9 || b == 10 || b == 13 }
        let little = stride(from: 0, to: n, by: 2).allSatisfy { text(bytes[$0]) && bytes[$0 + 1] == 0 }
        return little || stride(from: 0, to: n, by: 2).allSatisfy { bytes[$0] == 0 && text(bytes[$0 + 1]) }
    }

    /// `O_NOATIME`, from the system headers (Swift's Glibc module leaves it out).
    private static let noAccessTime = evident_o_noatime()

    /// The line and column of the byte at `offset` as the decoded text has them: LF, CRLF and a
    /// lone CR each end a line, and a column counts characters (every byte but UTF-8's continuation
    /// bytes), so that a NUL after `日本` is at column 3, where an editor shows it.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for i in 0..<min(offset, bytes.count) {
            switch bytes[i] {
            case 10: (line, column) = (line + 1, 1)
            case 13 where i + 1 < bytes.count && bytes[i + 1] == 10: break
            case 13: (line, column) = (line + 1, 1)
            case 0x80...0xBF: break
            default: column += 1
            }
        }
        return (line, column)
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
            i += length
        }
        return bytes.count
    }
}

extension SourceText.Failure {
    /// A sentence for the user, and the place it concerns.
    func describe(path: String) -> (message: String, location: SourceLocation) {
        switch self {
        case let .invalidUTF8(line, column, bytes):
            let byte = bytes.first ?? 0
            let hex = bytes.map { String($0, radix: 16, uppercase: true) }
            if Self.isSurrogate(bytes) {
                return ("The file is not valid UTF-8 text. The bytes here, \(hex.prefix(3).joined(separator: " ")), encode half of a UTF-16 surrogate pair (CESU-8, which some Java programs and database exports write for an emoji or another character past U+FFFF); UTF-8 writes such a character as one sequence of four bytes. Save the file as standard UTF-8.",
                        SourceLocation(file: path, line: line, column: column))
            }
            if let length = Self.overlongLength(bytes) {
                return ("The file is not valid UTF-8 text. The bytes here, \(hex.prefix(length).joined(separator: " ")), are an overlong encoding: a character written in more bytes than UTF-8 allows, which no editor writes and which can pass a character such as `/` or `<` off as another. Retype the character and save the file as standard UTF-8.",
                        SourceLocation(file: path, line: line, column: column))
            }
            let advice = Self.windows1252(byte).map {
                ". The byte here, 0x\(String(byte, radix: 16, uppercase: true)), is \(codeSpan(String($0))) in Windows-1252 (what Windows calls \"ANSI\"), so the file was probably saved in that encoding. Save it as UTF-8 (\(path.lowercased().hasSuffix(".csv") ? "in Excel: Save As, CSV UTF-8" : "in Notepad: Save As, Encoding UTF-8"))."
            } ?? "; save it as UTF-8."
            return ("The file is not valid UTF-8 text" + advice, SourceLocation(file: path, line: line, column: column))
        case let .binary(line, column):
            return ("The file holds binary data (a NUL byte); content files must be UTF-8 text. Put attachments under content/evidence/.",
                    SourceLocation(file: path, line: line, column: column))
        case .utf16:
            return ("The file is UTF-16 or UTF-32 text (it starts with their byte-order mark; Windows calls UTF-16 \"Unicode\"); save it as UTF-8.",
                    SourceLocation(file: path, line: 1, column: 1))
        case .utf16Unmarked:
            return ("The file is UTF-16 text without a byte-order mark (every other byte is NUL); save it as UTF-8.",
                    SourceLocation(file: path, line: 1, column: 1))
        case let .tooLarge(bytes):
            return ("The file is \(bytes / 1_048_576) MB; evident reads content files of at most \(SourceText.maximumBytes / 1_048_576) MB. Split it or move it to content/evidence/.",
                    .wholeFile(path))
        case .lfsPointer:
            return ("The file is a Git LFS pointer, not the file: it was checked out without Git LFS. Install git-lfs and run `git lfs pull` (on GitHub Actions, `lfs: true` for actions/checkout), or keep the files evident reads out of LFS.",
                    .wholeFile(path))
        case .gitCryptEncrypted:
            return ("The file is encrypted with git-crypt: the working tree is locked. Run `git-crypt unlock` first.", .wholeFile(path))
        case let .unreadable(reason):
            return ("The file cannot be read (\(reason)).", .wholeFile(path))
        case let .denied(reason):
            return ("The file cannot be read (\(reason)); check its permissions.", .wholeFile(path))
        case let .danglingLink(target):
            return ("The file is a symbolic link to \(codeSpan(target)), which leads to no file; point the link at the file, or put the file here in its place.",
                    .wholeFile(path))
        case .linkLoop:
            return ("The file is a symbolic link that leads back to itself (a loop of links); put the file here in its place.", .wholeFile(path))
        case .vanished:
            return ("The file was removed or renamed while evident read the content folder; run evident again.", .wholeFile(path))
        case .folder:
            return ("This is a folder where a file belongs; put the file here in its place.", .wholeFile(path))
        case .notRegularFile:
            return ("This is not a regular file (a pipe, socket or device); remove it from the content tree.",
                    .wholeFile(path))
        }
    }

    /// Whether `bytes` start with a UTF-16 surrogate (U+D800–U+DFFF) written as UTF-8: ED, then
    /// A0–BF, then a continuation byte.
    static func isSurrogate(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xED && (0xA0...0xBF).contains(bytes[1]) && bytes[2] & 0xC0 == 0x80
    }

    /// The length of the overlong sequence `bytes` start with (an ASCII character in two bytes,
    /// C0 or C1 then a continuation byte; E0 then 80–9F; F0 then 80–8F), all its continuation bytes
    /// there; nil for any other bytes.
    static func overlongLength(_ bytes: [UInt8]) -> Int? {
        guard let lead = bytes.first else { return nil }
        let length: Int
        switch (lead, bytes.dropFirst().first ?? 0) {
        case (0xC0...0xC1, 0x80...0xBF): length = 2
        case (0xE0, 0x80...0x9F): length = 3
        case (0xF0, 0x80...0x8F): length = 4
        default: return nil
        }
        guard bytes.count >= length, bytes[1..<length].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return nil }
        return length
    }

    /// The character Windows-1252 gives a byte that UTF-8 cannot start with (0x80–0xFF, but for
    /// the five it leaves undefined); nil for any other byte.
    static func windows1252(_ byte: UInt8) -> Character? {
        switch byte {
        case 0xA0...0xFF: return Character(Unicode.Scalar(byte))
        case 0x80...0x9F:
            let table: [UInt32] = [0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
                                   0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178]
            return Unicode.Scalar(table[Int(byte - 0x80)]).flatMap { $0.value == 0 ? nil : Character($0) }
        default: return nil
        }
    }
}
