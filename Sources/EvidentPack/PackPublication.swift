import Foundation
import EvidentCheck
import EvidentModel
import EvidentSite
import EvidentSupport

/// What `pack` does: check the content, render the site, and write the evidence pack, a zip
/// built from the site, the registers, the findings and the sources, signed when a key is given.
package enum PackPublication {
    /// A pack written to disk.
    package struct Outcome: Sendable {
        /// The check, with paths under the published root.
        package let result: CheckResult
        /// The zip written.
        package let zip: URL
        /// Source files left out of the pack, with why.
        package let excluded: [PackSources.Excluded]
        /// The signing key's fingerprint, when the pack is signed.
        package let fingerprint: String?
        /// The names the theme's templates read that no value had (`Theme.warnings`).
        package var templateWarnings: [Theme.Warning] = []
        /// The signing key may be read by other users (`KeyFile.exposure`).
        package var keyWarning: String?
    }

    /// Writes the pack of `content` into the folder `output` (as `EvidencePack.zipName`, through a
    /// temporary file renamed into place, so a failed run leaves no partial zip). The signing key
    /// is read first, so that a wrong key file stops the run before any work or write. `progress`
    /// hears the pages rendered, then the files packed.
    package static func write(content: String, templates: String?, output: String, asOf: Day, signingKey: String?,
                             lap: (String) -> Void = { _ in }, progress: ProgressMeter = .silent) throws -> Outcome {
        let key = try signingKey.map { path throws(KeyFile.Failure) in try KeyFile.signingKey(at: path) }
        try OutputFolder.refuseZipName(output)
        try OutputFolder.refuseInside(output, reading: [content, templates ?? SitePublication.defaultTemplates], what: "pack")
        // The digests of the files the check read: the sources packed must be those.
        let (theme, result) = try SitePublication.themeAndCheck(content: content, templates: templates, asOf: asOf, digests: true, lap: lap)
        let inputs = try PackInputs.build(result, theme: theme, progress: progress)
        lap("render")
        let sources = try PackSources.read(root: result.model.content.rootPath)
        try sources.confirm(loaded: result.model.content.digests, root: result.model.content.rootPath)
        // The pack goes to auditors: the key that signs it must not be one of its files.
        if let signingKey, let packed = packedKey(at: signingKey, sources: sources, theme: theme) {
            throw KeyFile.Failure(description: "Refusing to sign with \(signingKey): it is packed as \(packed.path) (\(packed.what)), "
                + "so the pack would hold the private key. \(packed.fix)")
        }
        var pack = EvidencePack(result: result, site: inputs.siteFiles, registers: inputs.registers, sources: sources,
                                objectivePages: inputs.objectivePages)
        pack.themeChanges = theme.changedFiles.mapValues(PackManifest.hex)
        let zip = try pack.write(to: URL(fileURLWithPath: output), signingKey: key, progress: progress)
        lap("zip and write")
        var outcome = Outcome(result: result, zip: zip, excluded: sources.excluded, fingerprint: key?.verifyingKey.fingerprint)
        outcome.templateWarnings = theme.warnings()
        outcome.keyWarning = signingKey.flatMap(KeyFile.exposure(ofPrivateKey:))
        return outcome
    }
}

extension PackPublication {
    /// Where the pack would hold the private key at `path`: an attachment that is that file (a hard
    /// link or a link to it), or one that is a copy of its bytes, or an asset of the theme (which
    /// the site carries under `site/assets/`) with its bytes; nil when the pack holds it nowhere.
    static func packedKey(at path: String, sources: PackSources, theme: Theme) -> (path: String, what: String, fix: String)? {
        if let packed = sources.packPath(ofFileAt: path) {
            return (packed, "an attachment under the content's evidence/", "Move the key out of the content folder.")
        }
        guard let key = FileManager.default.contents(atPath: path), !key.isEmpty else { return nil }
        if let packed = sources.packPath(withSHA256: PackManifest.hex(key)) {
            return (packed, "a copy of it under the content's evidence/", "Remove the copy from the content folder.")
        }
        if let asset = theme.assets.keys.sorted(by: PackPath.precedes).first(where: { theme.assets[$0] == key }) {
            return ("site/" + asset, "a copy of it among the theme's assets, which the site carries",
                    "Move the key out of the templates folder.")
        }
        return nil
    }
}

/// What the pack takes from the other stages: the built site, the registers at its root, and
/// where the site put each objective's page.
struct PackInputs {
    /// The site and the registers are deflated as each file is made: neither is held whole.
    var siteFiles: [String: PackZip.Entry]
    var registers: [String: PackZip.Entry]
    var objectivePages: [String: String] = [:]

    /// The site's README in the pack, in place of the build's, which names the build's record of
    /// what it wrote (`.evident-site.json`): a file the pack leaves out.
    static let siteReadme = """
        # site/

        The intranet site as `evident build` renders it from this pack's `content/`, as of the
        pack's date. Open `index.html` in a browser: it works offline, and every link is relative.
        A build's own folder also holds `.evident-site.json`, its record of the files it wrote;
        the pack leaves it out, since `MANIFEST.sha256` lists every file of the pack.

        """

    /// `result` is loaded under the published root (`content`): findings point at the pack's own
    /// copy of the sources, whatever the working folder.
    static func build(_ result: CheckResult, theme: Theme, progress: ProgressMeter = .silent) throws -> PackInputs {
        let deflaters = DeflaterPool()
        var site = try SiteBuilder.build(result: result, theme: theme, progress: progress) { _, bytes in
            PackZip.Entry.packed(try deflaters.pack(bytes))
        }
        site["README.md"] = .packed(try deflaters.pack(text: siteReadme))
        let report = FindingsReport(result: result)
        // One at a time, each deflated before the next is made.
        let makers: [(String, () -> String)] = [
            ("register.csv", { Registers.registerCSV(result) }),
            ("register.json", { Registers.registerJSON(result).serialized() }),
            ("metric-dictionary.csv", { Registers.metricDictionaryCSV(result) }),
            ("traceability.csv", { Registers.traceabilityCSV(result) }),
            ("history.csv", { Registers.historyCSV(result) }),
            ("findings.json", { report.json().serialized() }),
            ("findings.sarif", { report.sarif(inPack: true).serialized() }),
        ]
        var registers: [String: PackZip.Entry] = [:]
        for (name, make) in makers { registers[name] = .packed(try deflaters.pack(text: make())) }
        return PackInputs(siteFiles: site, registers: registers, objectivePages: SiteBuilder.objectivePages(result))
    }
}
