import Crypto
import Foundation

/// An Ed25519 public key in SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), used by
/// `evident verify --key` and by `openssl pkeyutl -verify -pubin`.
package struct PackVerifyingKey: Sendable {
    /// The 32-byte key, kept as bytes because swift-crypto's key types are not `Sendable`.
    let raw: Data

    init(raw: Data) {
        self.raw = raw
    }

    init(pem: String) throws {
        let der = try PEM.decode(pem, label: "PUBLIC KEY", otherLabel: "PRIVATE KEY")
        guard der.count == 44, der.starts(with: Self.spkiPrefix),
              (try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))) != nil else {
            throw KeyFailure.notEd25519("PUBLIC KEY")
        }
        raw = Data(der.suffix(32))
    }

    var pem: String { PEM.encode(Self.spkiPrefix + raw, label: "PUBLIC KEY") }

    /// `SHA256:` and the hex digest of the raw 32-byte key, printed in the auditor's guide so that a
    /// reader can tell which key signed the pack.
    package var fingerprint: String {
        "SHA256:" + PackManifest.hex(digest: SHA256.hash(data: raw))
    }

    func isValidSignature(_ signature: Data, for data: Data) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: data)
    }

    // SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (32 bytes) }
    static let spkiPrefix = Data([0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00])
}
