import ArgumentParser
import EvidentPack
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence pack against its manifest, and its signature with --key.",
        discussion: "Exit 0 when every file matches, 1 on any mismatched, missing or extra file or a bad signature, 2 when the zip or the key cannot be read.")

    @Argument(help: "The pack, a zip written by `evident pack`.")
    var pack: String

    @Option(name: .long, help: "Check the manifest's signature with this Ed25519 public key (PEM).")
    var key: String?

    func run() throws {
        let report = try PackVerifier.verify(zipAt: URL(fileURLWithPath: pack), keyFile: key)
        writeOut(report.text)
        if !report.holds { throw ExitCode(1) }
    }
}
