import ArgumentParser
import EvidentDiff
import EvidentPack
import EvidentSupport
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Write an Ed25519 key pair (PEM, as OpenSSL writes it) for signing evidence packs.")

    @Option(name: .customLong("private-key"), help: "Where to write the private key; keep it secret (file mode 0600).")
    var privateKey: String = "evident-private.pem"

    @Option(name: .customLong("public-key"), help: "Where to write the public key, for auditors.")
    var publicKey: String = "evident-public.pem"

    @Flag(name: .long, help: """
        Replace key files that already exist. What is at the path is replaced, never written \
        through: a link is replaced by the new file and what it pointed to is left as it was; a \
        folder is not replaced. Without --force, anything at either path (a file, a folder, a link, \
        even one to nothing) stops keygen before a key is made.
        """)
    var force = false

    func run() throws {
        for note in KeyFile.sweepLeftovers(beside: [privateKey, publicKey]) { sayError("evident: \(note).") }
        let key = try KeyFile.generate(privateKey: privateKey, publicKey: publicKey, force: force)
        say("Wrote the private key to \(privateKey) (keep it secret) and the public key to \(publicKey).",
            "Fingerprint: \(key.verifyingKey.fingerprint)",
            "Sign:   evident pack --sign \(ShellWord.path(privateKey))",
            "Verify: evident verify PACK.zip --key \(ShellWord.path(publicKey))")
        // A key written into a repository is one `git add -A` away from being published.
        switch WorkTree.exposure(of: privateKey) {
        case let .committable(top)?:
            sayError("evident: warning: \(privateKey) is in the git working tree \(top) and not ignored, "
                + "so `git add -A` would commit the private key. Add it to .gitignore, or move it out of the repository "
                + "(keygen --private-key ~/evident-private.pem).")
        case let .unknown(top)?:
            sayError("evident: warning: \(privateKey) is in the git repository \(top), which git refuses to read for this user "
                + "(its `safe.directory` check), so evident cannot tell whether `git add -A` would commit the private key. "
                + "Make sure .gitignore covers it, or move it out of the repository (keygen --private-key ~/evident-private.pem).")
        case nil:
            break
        }
    }
}
