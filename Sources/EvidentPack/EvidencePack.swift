import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSite
import EvidentSupport
import Foundation
import ZIPFoundation

/// The audit evidence pack (SPEC 7): the site, the registers, the sources, the findings, the
/// auditor's guide and a SHA-256 manifest, optionally signed, in one folder
/// `evident-pack-<organization-slug>-<as-of>/`. Built from values; only the command writes the zip.
struct EvidencePack: Sendable {
    package let result: CheckResult
    /// The built site, path inside it → its bytes (`.data`, or `.packed` as `pack` makes it); packed
    /// under `site/`.
    let siteFiles: [String: PackZip.Entry]
    /// Files for the pack's root, by name: `register.csv`, `register.json`, `metric-dictionary.csv`,
    /// `traceability.csv`, `history.csv`, `findings.json`, `findings.sarif` (`readiness.md` and
    /// `README.html` are written with the pack, from the files it holds).
    let registers: [String: PackZip.Entry]
    let sources: PackSources
    /// Objective id → its page, relative to `site/` (the site builder names them), for the guide's
    /// links. An objective without an entry is listed without a link.
    let objectivePages: [String: String]
    /// The theme's files that are not the built-in theme's (path under `templates/` → SHA-256), for
    /// the guide: the site's pages were rendered by them, and the pack does not hold them.
    var themeChanges: [String: String] = [:]

    package enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case reservedName(String)
        /// Something at the zip's path that is not a pack of the same name evident wrote.
        case notOurs(String, String)

        package var description: String {
            switch self {
            case let .notOurs(path, what):
                "Refusing to replace \(codeSpan(path)): \(what). Move it, or write the pack elsewhere with --output."
            case let .unsafePath(path): "Refusing to pack \(codeSpan(path)): paths in the pack must be relative and stay inside it."
            case let .reservedName(name): "\(codeSpan(name)) cannot be a register: the pack uses that name itself."
            }
        }
    }

    init(result: CheckResult, siteFiles: [String: Data], registers: [String: Data], sources: PackSources,
                objectivePages: [String: String] = [:]) {
        self.init(result: result, site: siteFiles.mapValues(PackZip.Entry.data), registers: registers.mapValues(PackZip.Entry.data),
                  sources: sources, objectivePages: objectivePages)
    }

    init(result: CheckResult, site: [String: PackZip.Entry], registers: [String: PackZip.Entry], sources: PackSources,
         objectivePages: [String: String] = [:]) {
        self.result = result
        self.siteFiles = site
        self.registers = registers
        self.sources = sources
        self.objectivePages = objectivePages
    }

    package var asOf: Day { result.model.asOf }

    /// `evident-pack-northwind-services-2026-11-29`: the folder inside the zip.
    var folderName: String { "evident-pack-\(Self.slug(result.model.configuration.organizationName))-\(asOf)" }

    var zipName: String { folderName + ".zip" }

    /// Every file of the pack, relative to the pack folder, the manifest and signature included,
    /// in memory (the sources read again when they were not kept).
    func contents(signingKey: PackSigningKey? = nil) throws -> [String: Data] {
        try entries(signingKey: signingKey).mapValues { try $0.bytes() }
    }

    /// Every file of the pack, relative to the pack folder: what evident made in memory, and the
    /// sources as they were read (their hashes go into the manifest without reading them again).
    func entries(signingKey: PackSigningKey? = nil) throws -> [String: PackZip.Entry] {
        // What is to be hashed here, and what came with its hash (the site and registers as `pack`
        // makes them, the sources).
        var files: [String: Data] = [:]
        var hashed: [String: PackZip.Entry] = [:]
        func add(_ entry: PackZip.Entry, at path: String) {
            if case let .data(data) = entry { files[path] = data } else { hashed[path] = entry }
        }
        for (path, entry) in siteFiles {
            guard PackPath.isSafe(path) else { throw Failure.unsafePath("site/" + path) }
            add(entry, at: "site/" + path)
        }
        for (name, entry) in registers {
            guard PackPath.isSafe(name), !name.contains("/") else { throw Failure.unsafePath(name) }
            guard !Self.reserved.contains(name) else { throw Failure.reservedName(name) }
            add(entry, at: name)
        }
        for (path, file) in sources.files {
            guard PackPath.isSafe(path), path.hasPrefix("content/") else { throw Failure.unsafePath(path) }
            hashed[path] = .file(file)
        }
        // `readiness.md` and the guide list the files that evidence each item: only those the pack holds.
        let listed = Set(files.keys).union(hashed.keys).union([Self.readinessName])
        // Both are large on a large tree (a row per objective): held deflated, as the site is.
        let deflaters = DeflaterPool()
        hashed[Self.readinessName] = .packed(try deflaters.pack(text: Registers.readinessMarkdown(result, files: listed)))
        let guide = AuditorGuide(result: result, files: listed,
                                 excluded: PackSources.leftOut(sources.excluded, unread: result.findings, holding: listed),
                                 zipName: zipName, signer: signingKey?.verifyingKey.fingerprint, objectivePages: objectivePages,
                                 themeChanges: themeChanges)
        hashed["README.html"] = .packed(try deflaters.pack(text: guide.render()))
        // A generated name and a source name cannot meet: sources are all under `content/`, which
        // no other part may use (`reserved`, and the site is under `site/`).
        let manifest = PackManifest(files: files, hashed: hashed.compactMapValues(\.sha256)).data
        files[PackManifest.fileName] = manifest
        if let signingKey {
            files[PackManifest.signatureFileName] = try signingKey.signature(for: manifest)
        }
        return files.mapValues(PackZip.Entry.data).merging(hashed) { made, _ in made }
    }

    /// The zip's bytes, in memory: every file under the pack folder.
    package func zip(signingKey: PackSigningKey? = nil) throws -> Data {
        var sink = MemorySink()
        try PackZip.write(prefixed(entries(signingKey: signingKey)), asOf: asOf, to: &sink, limits: .standard, batching: PackZip.Batching())
        return sink.data
    }

    /// Writes the zip into `folder` as `zipName`, through a temporary file renamed into place, with
    /// the sources read from disk a chunk at a time: memory does not grow with an attachment's size.
    /// Returns the zip's path.
    @discardableResult
    package func write(to folder: URL, signingKey: PackSigningKey? = nil, progress: ProgressMeter = .silent) throws -> URL {
        let target = folder.appendingPathComponent(zipName)
        try Self.checkReplaceable(target, folderName: folderName)
        Self.removeLeftovers(of: target)
        let entries = prefixed(try entries(signingKey: signingKey))
        try AtomicWriter.writeFile(to: target) { fd in
            try PackZip.write(entries, asOf: asOf, toFile: fd, path: target.path, progress: progress)
        }
        return target
    }

    /// Refuses what `write` must not replace at `target`: a link, a folder, or a file that is not
    /// a zip holding `folderName/MANIFEST.sha256` (an earlier run's pack of the same name).
    static func checkReplaceable(_ target: URL, folderName: String) throws(Failure) {
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return }
        let shown = ContentLoader.displayPath(target.path)
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw .notOurs(shown, "it is a symbolic link")
        default: throw .notOurs(shown, "it is not a file")
        }
        // Its end first: ZIPFoundation takes minutes over a large file that is not a zip.
        guard PackVerifier.endsLikeAZip(fileAt: target.path),
              let archive = try? Archive(url: target, accessMode: .read, pathEncoding: nil),
              archive[folderName + "/" + PackManifest.fileName] != nil else {
            throw .notOurs(shown, "it is not an evidence pack evident wrote")
        }
    }

    /// Removes the partial zips a killed pack of `target` left beside it: only a regular file (not a
    /// link) named `.NAME.tmp-PID-N` (NAME the zip's name), of this user, whose process is gone, and
    /// that starts as a zip does. Anything else is left. Returns the names removed.
    @discardableResult
    static func removeLeftovers(of target: URL) -> [String] {
        AtomicWriter.removeKilledRunsFiles(in: target.deletingLastPathComponent().path, of: [target.lastPathComponent],
                                           reading: 4) { start, _ in start == [0x50, 0x4B, 0x03, 0x04] }
    }

    /// The entries under the pack folder.
    private func prefixed(_ entries: [String: PackZip.Entry]) -> [String: PackZip.Entry] {
        var out: [String: PackZip.Entry] = [:]
        for (path, entry) in entries { out[folderName + "/" + path] = entry }
        return out
    }

    /// Names at the pack's root that a register may not take.
    static let reserved: Set<String> = ["README.html", readinessName, "site", "content", PackManifest.fileName, PackManifest.signatureFileName]

    /// The readiness report, written with the guide once the pack's files are known.
    static let readinessName = "readiness.md"

    /// The organisation's name in lower case ASCII, words joined by `-`: `Northwind Services` →
    /// `northwind-services`. Accents are folded without a locale, so the name never depends on the
    /// machine; a name with no ASCII letter or digit left becomes `organization`.
    static func slug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash, !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        var slug = String(out.lowercased().prefix(80))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "organization" : slug
    }
}
