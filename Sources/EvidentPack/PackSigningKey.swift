import Crypto
import Foundation

/// An Ed25519 private key in the PEM form that `openssl genpkey -algorithm ed25519` writes
/// (PKCS #8, `-----BEGIN PRIVATE KEY-----`), used by `evident pack --sign`.
package struct PackSigningKey: Sendable {
    /// The 32-byte seed. Kept as bytes because swift-crypto's key types are not `Sendable`.
    let seed: Data
    package let verifyingKey: PackVerifyingKey

    /// A fresh random key, for `evident keygen`.
    init() {
        let key = Curve25519.Signing.PrivateKey()
        seed = key.rawRepresentation
        verifyingKey = PackVerifyingKey(raw: key.publicKey.rawRepresentation)
    }

    /// Reads a PEM private key. swift-crypto has no PEM form for Curve25519, and the DER of an
    /// Ed25519 PKCS #8 key is a fixed prefix and the 32-byte seed (RFC 8410), so it is read here.
    package init(pem: String) throws {
        let der = try PEM.decode(pem, label: "PRIVATE KEY", otherLabel: "PUBLIC KEY")
        let seed: Data
        if der.count == 48, der.starts(with: Self.pkcs8Prefix) {
            seed = der.suffix(32)
        } else if der.count == 83, der.starts(with: Self.pkcs8v2Prefix),
                  der.dropFirst(48).starts(with: Self.pkcs8v2PublicTag) {
            // OneAsymmetricKey (version 1) also carries the public key; the seed alone is enough.
            seed = der.dropFirst(16).prefix(32)
        } else {
            throw KeyFailure.notEd25519("PRIVATE KEY")
        }
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw KeyFailure.notEd25519("PRIVATE KEY")
        }
        self.seed = Data(seed)
        verifyingKey = PackVerifyingKey(raw: key.publicKey.rawRepresentation)
    }

    /// PKCS #8 PEM, as `openssl genpkey -algorithm ed25519` writes it.
    var pem: String { PEM.encode(Self.pkcs8Prefix + seed, label: "PRIVATE KEY") }

    /// The raw 64-byte Ed25519 signature, what `openssl pkeyutl -sign -rawin` makes.
    package func signature(for data: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: data)
    }

    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
    static let pkcs8Prefix = Data([0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70,
                                   0x04, 0x22, 0x04, 0x20])
    static let pkcs8v2Prefix = Data([0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70,
                                     0x04, 0x22, 0x04, 0x20])
    static let pkcs8v2PublicTag = Data([0x81, 0x21, 0x00])
}
