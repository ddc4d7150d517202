import Crypto
import Foundation

/// How git names a blob: the hash of `blob <size>\0` and the bytes, in a repository's object format.
package enum GitObjectFormat: Sendable {
    case sha1, sha256

    /// The format of the repository whose object id (a commit's, a blob's) this is: 40 or 64 hex
    /// digits; nil for any other length.
    package init?(objectID: String) {
        switch objectID.utf8.count {
        case 40: self = .sha1
        case 64: self = .sha256
        default: return nil
        }
    }

    /// The id `git hash-object` gives `bytes`, in lowercase hex.
    func blobID(_ bytes: UnsafeRawBufferPointer) -> String {
        let header = Data("blob \(bytes.count)\0".utf8)
        switch self {
        case .sha1:
            var hasher = Insecure.SHA1()
            hasher.update(data: header)
            hasher.update(bufferPointer: bytes)
            return Self.hex(hasher.finalize())
        case .sha256:
            var hasher = SHA256()
            hasher.update(data: header)
            hasher.update(bufferPointer: bytes)
            return Self.hex(hasher.finalize())
        }
    }

    package func blobID(_ data: Data) -> String { data.withUnsafeBytes { blobID($0) } }

    /// The id of the empty blob: an empty file's, known without reading it.
    package var emptyBlob: String {
        switch self {
        case .sha1: Self.emptySHA1
        case .sha256: Self.emptySHA256
        }
    }

    private static let emptySHA1 = GitObjectFormat.sha1.blobID(Data())
    private static let emptySHA256 = GitObjectFormat.sha256.blobID(Data())

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
