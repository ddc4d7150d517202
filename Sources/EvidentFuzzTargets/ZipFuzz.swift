import EvidentPack
import Foundation

/// `evident verify` on a zip's bytes, without and with a key: whatever the zip holds, a report comes
/// back (or "not a zip"), and it says the pack holds only when nothing is wrong.
enum ZipFuzz {
    /// A key made for the fuzz seeds alone (`Fuzz/make-seeds.sh` signs the seed packs with it), so
    /// that the fuzzer starts from packs whose signature checks. It signs nothing else.
    static let signingPEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINI6uvcVqhMk8mvAk6ZLC0kVKeJHxKWYad1DrcSJuFpd
        -----END PRIVATE KEY-----
        """
    static let key: PackVerifyingKey? = (try? PackSigningKey(pem: signingPEM))?.verifyingKey

    static func run(_ bytes: [UInt8]) throws(FuzzViolation) {
        let data = Data(bytes)
        for key in [nil, key] {
            guard let report = try? PackVerifier.verify(zip: data, name: "fuzz.zip", key: key) else { continue }
            let problems = report.mismatched.count + report.missing.count + report.extra.count + report.unsafe.count
                + report.duplicates.count + report.manifestProblems.count + report.layout.count + (report.overlapping ? 1 : 0)
            try require(!report.holds || problems == 0, "a pack that holds with \(problems) problems")
            try require(Set(report.duplicates).count == report.duplicates.count, "a duplicate listed twice")
            for path in report.unsafe + report.duplicates + report.extra + report.missing + report.mismatched {
                try require(!path.isEmpty || report.unsafe.contains(path), "an empty path in the report")
            }
            if key == nil, case .valid = report.signature { throw FuzzViolation("a signature checked without a key") }
            try require(report.text.hasSuffix("\n"), "the report's text does not end its last line")
        }
    }
}
