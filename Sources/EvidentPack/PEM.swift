import Foundation

/// What is wrong with a key file, said so that the user knows which file to pass instead.
enum KeyFailure: Error, CustomStringConvertible, Equatable {
    case notPEM(String)
    case wrongKind(expected: String, found: String)
    case notEd25519(String)

    package var description: String {
        switch self {
        case let .notPEM(label):
            "This is not a PEM file with a `-----BEGIN \(label)-----` block. `evident keygen` or `openssl genpkey -algorithm ed25519` make one."
        case let .wrongKind(expected, found):
            expected == "PRIVATE KEY"
                ? "This is a \(found.lowercased()); signing needs the private key (`-----BEGIN \(expected)-----`)."
                : "This is a \(found.lowercased()); verifying takes the public key (`-----BEGIN \(expected)-----`). Share the public key, never the private one."
        case let .notEd25519(label):
            "This \(label.lowercased()) is not an Ed25519 key. Make one with `evident keygen` or `openssl genpkey -algorithm ed25519`."
        }
    }
}

/// The PEM armour (RFC 7468): a label line, base64 in lines of 64, an end line.
enum PEM {
    static func encode(_ der: Data, label: String) -> String {
        let base64 = der.base64EncodedString()
        var lines: [Substring] = []
        var rest = base64[...]
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }

    /// The DER inside the first `label` block. A block of `otherLabel` instead is a clear mistake
    /// (a public key passed to --sign) and gets its own message.
    /// Read as OpenSSL reads it: a byte order mark before the armour (Windows Notepad writes one)
    /// and spaces or tabs inside the base64 are skipped.
    static func decode(_ text: String, label: String, otherLabel: String) throws -> Data {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----") else {
            if lines.contains("-----BEGIN \(otherLabel)-----") {
                throw KeyFailure.wrongKind(expected: label, found: otherLabel)
            }
            throw KeyFailure.notPEM(label)
        }
        guard let end = lines[begin...].firstIndex(of: "-----END \(label)-----"),
              let der = Data(base64Encoded: lines[(begin + 1)..<end].joined().filter { $0 != " " && $0 != "\t" }) else {
            throw KeyFailure.notPEM(label)
        }
        return der
    }
}
