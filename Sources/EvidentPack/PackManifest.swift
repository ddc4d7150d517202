import Crypto
import EvidentSupport
import Foundation

/// `MANIFEST.sha256`: one `<sha256 hex>  <path>` line per file of the pack, paths relative to the
/// pack folder, sorted by their UTF-8 bytes, LF line ends — the format `sha256sum -c` reads.
struct PackManifest: Sendable, Equatable {
    static let fileName = "MANIFEST.sha256"
    static let signatureFileName = "MANIFEST.sha256.sig"

    /// Path → lowercase hex SHA-256, in manifest order.
    var entries: [(path: String, hash: String)]

    static func == (a: PackManifest, b: PackManifest) -> Bool {
        a.entries.map(\.path) == b.entries.map(\.path) && a.entries.map(\.hash) == b.entries.map(\.hash)
    }

    init(files: [String: Data]) {
        self.init(files: files, hashed: [:])
    }

    /// The manifest of `files`, hashed here, and of files already hashed (path → hex SHA-256).
    /// A path in both takes the hash given.
    init(files: [String: Data], hashed: [String: String]) {
        let toHash = PackPath.sorted(files.keys.filter { hashed[$0] == nil })
        // On every core: a pack can be large, and every byte of it is hashed.
        var hashes = hashed
        for (path, hash) in zip(toHash, parallelMap(toHash) { path in Self.hex(files[path] ?? Data()) }) { hashes[path] = hash }
        entries = PackPath.sorted(hashes.keys).map { ($0, hashes[$0] ?? "") }
    }

    package var text: String {
        entries.map { "\($0.hash)  \($0.path)\n" }.joined()
    }

    var data: Data { Data(text.utf8) }

    static func hex(_ data: Data) -> String {
        hex(digest: SHA256.hash(data: data))
    }

    /// Lowercase hex of a digest's bytes.
    static func hex(digest: some Sequence<UInt8>) -> String { Hex.lowercase(digest) }

    /// A line the verifier could not accept, with its 1-based number.
    struct Problem: Sendable, Equatable {
        package var line: Int
        var message: String
    }

    /// Reads a manifest. Text mode (`  `) and binary mode (` *`) lines are accepted, as
    /// `sha256sum -c` does; anything else, an unsafe path or a repeated path is a problem.
    package static func parse(_ data: Data) -> (manifest: PackManifest, problems: [Problem]) {
        var manifest = PackManifest(files: [:])
        var problems: [Problem] = []
        // A byte order mark is refused, not skipped: `sha256sum -c` reads it as part of the first
        // line, which it then skips as badly formatted, leaving that file unchecked.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (manifest, [Problem(line: 1, message: "The manifest starts with a byte order mark, with which `sha256sum -c` skips its first line.")])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return (manifest, [Problem(line: 1, message: "The manifest is not UTF-8 text.")])
        }
        var seen: Set<String> = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let bytes = Array(line.utf8)
            guard bytes.count > 66, bytes[64] == UInt8(ascii: " "),
                  bytes[65] == UInt8(ascii: " ") || bytes[65] == UInt8(ascii: "*"),
                  bytes[0..<64].allSatisfy({ Self.hexDigits.contains($0) }) else {
                problems.append(Problem(line: number, message: "Line \(number) is not `<sha256>  <path>`."))
                continue
            }
            let hash = String(decoding: bytes[0..<64], as: UTF8.self).lowercased()
            let path = String(decoding: bytes[66...], as: UTF8.self)
            guard PackPath.isSafe(path) else {
                problems.append(Problem(line: number, message: "Line \(number) names an unsafe path \(codeSpan(path))."))
                continue
            }
            guard seen.insert(path).inserted else {
                problems.append(Problem(line: number, message: "Line \(number) repeats \(codeSpan(path))."))
                continue
            }
            manifest.entries.append((path, hash))
        }
        return (manifest, problems)
    }

    private static let hexDigits = Set("0123456789abcdefABCDEF".utf8)
}
