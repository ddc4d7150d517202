/// Lowercase hexadecimal of bytes (a digest), as manifests write them.
package enum Hex {
    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        // By table, not `String(format:)`, which is slow: every file of a pack has its digest written.
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
