import Crypto
import EvidentModel
import EvidentSupport
import Foundation

/// The first stage: reads a content tree into a `ContentSet`. Problems with a file's content become
/// findings; only a content folder that cannot be read at all is an error (exit code 2).
package enum ContentLoader {
    package enum Failure: Error, CustomStringConvertible {
        case notADirectory(String)
        case unreadableFolder(String, String)

        package var description: String {
            switch self {
            case let .unreadableFolder(path, reason):
                "The folder \(codeSpan(TerminalText.escape(path))) cannot be read (\(reason)); its files would be left out."
            case let .notADirectory(path):
                "The content folder \(codeSpan(path)) does not exist or is not a folder. Pass --content DIR, or run `evident init` to create one."
            }
        }
    }

    /// How every output that leaves the machine (the site, the registers, the pack) names the
    /// content folder, wherever it is: so that they never hold a host path and are the same bytes
    /// from any working folder. What prints on the terminal is rebased to the folder as given.
    package static let publishedRoot = "content"

    /// Loads `directory`. Paths in findings are `directory` joined with the file's path inside it,
    /// which is relative to the current directory when `directory` is; `displayRoot` prints them
    /// under another root (a git revision read into a temporary folder prints as `content`). Files
    /// found in `cache` with the same kind, path and bytes are not parsed again; files kept in `folder`
    /// (`serve`'s cache of the last load) are not read at all. With `digests`, the content set has
    /// the SHA-256 of each file it read (not of files taken from a cache).
    package static func load(directory: String, displayRoot: String? = nil, cache: ParseCache? = nil,
                             folder: FolderCache? = nil, digests: Bool = false) throws -> ContentSet {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw Failure.notADirectory(directory)
        }
        let rootURL = URL(fileURLWithPath: directory).standardizedFileURL
        let rootReal = rootURL.resolvingSymlinksInPath().path
        let walker = ContentWalker(rootURL: rootURL, rootReal: rootReal, displayRoot: displayRoot ?? displayPath(directory))
        folder?.begin(displayRoot: walker.displayRoot)
        let (entries, walkFindings) = walker.walk(kept: folder)
        if let unreadable = walker.unreadable.first { throw Failure.unreadableFolder(unreadable.path, unreadable.reason) }
        return assemble(entries, walker: walker, findings: walkFindings, cache: cache, folder: folder, digests: digests)
    }

    /// Loads a tree held in memory (a git revision read by `evident diff`): `files` gives each path
    /// inside the content folder (with `/`), its bytes, and git's id of the bytes when known (two
    /// loads sharing `cache` parse a path with the same id once, without decoding it again); links,
    /// if any, are under `evidence/`, which is not read. Paths print under `displayRoot`;
    /// `rootPath` is the folder whose `evidence/` `monitored/evidence` looks in.
    package static func load(files: [(path: String, data: Data, object: String?)], displayRoot: String, rootPath: String,
                            undecodable: [(path: String, part: Int)] = [], cache: ParseCache? = nil) -> ContentSet {
        let rootURL = URL(fileURLWithPath: rootPath)
        let walker = ContentWalker(rootURL: rootURL, rootReal: rootPath, displayRoot: displayRoot)
        let entries = files.compactMap { file -> ContentWalker.Entry? in
            ContentWalker.kind(of: file.path).map {
                ContentWalker.Entry(kind: $0, relative: file.path, display: walker.display(file.path),
                                    path: walker.rootPath + "/" + file.path, data: file.data, object: file.object)
            }
        }
        // The order `walk` gives: folder by folder, names sorted at each level.
        let order = entries.map { ContentWalker.WalkOrder($0.relative) }
        let ordered = order.indices.sorted { order[$0] < order[$1] }.map { entries[$0] }
        let paths = files.map(\.path)
        let ignored = walker.ignored(amongst: paths.sorted()) + walker.unpacked(ordered)
            + walker.undecodable(undecodable, besides: paths)
        return assemble(ordered, walker: walker, findings: ignored, cache: cache)
    }

    /// For each file of a tree held in memory (path inside the content folder, git's id), whether
    /// `load(files:displayRoot:rootPath:undecodable:cache:)` with the same `displayRoot` and `cache`
    /// takes its parse from the cache, never reading its bytes.
    package static func cachedParses(of files: [(path: String, object: String?)], displayRoot: String,
                                     cache: ParseCache) -> [Bool] {
        files.map { file in
            guard let object = file.object, let kind = ContentWalker.kind(of: file.path), kind != .evidence else { return false }
            return cache.holds(kind, path: ContentWalker.display(file.path, under: displayRoot), object: object)
        }
    }

    private static func assemble(_ entries: [ContentWalker.Entry], walker: ContentWalker, findings: [Finding],
                                 cache: ParseCache?, folder: FolderCache? = nil, digests: Bool = false) -> ContentSet {
        var content = ContentSet(root: walker.displayRoot, rootPath: walker.rootReal,
                                 configuration: Configuration(file: walker.display("evident.yml")))
        content.loadFindings = findings
        // An objective saved with another ending is an objective file evident does not read: the
        // rules that judge the whole set wait for it, as for one that does not parse.
        let objectives = walker.display("objectives/")
        for f in findings where f.rule == SyntaxIgnoredFile.description.id && f.location.file.hasPrefix(objectives)
            && ContentSet.isObjectiveUnderAnotherEnding(f.location.file.split(separator: "/").last ?? "") {
            content.unread.objectiveFiles.append(f.location.file)
        }
        // So is a folder of objectives named in another letter case (`Objectives/`), which macOS
        // and Windows would read: reported once, at the folder, which stands for its files.
        for f in findings where f.rule == SyntaxIgnoredFile.description.id && f.location.line == nil {
            guard let name = f.location.file.split(separator: "/").last, name != "objectives", name.lowercased() == "objectives",
                  f.location.file == walker.display(String(name)) else { continue }
            content.unread.objectiveFiles.append(f.location.file)
        }
        if !entries.contains(where: { $0.kind == .configuration }) {
            if let other = ContentSet.otherName(for: "evident.yml", in: findings, display: walker.display) {
                // The configuration is there under another name: unread, not missing, so that no
                // rule asks to declare in evident.yml what that file declares.
                content.unread.configuration = true
                content.loadFindings.append(SyntaxConfig.description.finding(
                    "There is no evident.yml in the content folder, and evident does not read \(codeSpan(other)) in its place. Rename \(codeSpan(other)) to evident.yml.",
                    at: .wholeFile(walker.display("evident.yml"))))
            } else {
                content.loadFindings.append(SyntaxConfig.description.finding(
                    "There is no evident.yml in the content folder; it names the organisation, its functions and forums. `evident init` writes one.",
                    at: .wholeFile(walker.display("evident.yml"))))
            }
        }

        // Files go to the workers by position, not as entries: an entry is six strings, and each
        // copy of one counts six references.
        let files = entries.indices.filter { entries[$0].kind != .evidence }
        if let folder, let patched = patch(entries, files: files, walkFindings: findings, folder: folder, cache: cache) {
            return patched
        }
        // Where each objective, review, communication and requirement went, for `patch`.
        var slots: [String: FolderCache.Slot] = [:]
        let slices = stride(from: 0, to: files.count, by: Self.slice).map { Array(files[$0..<min($0 + Self.slice, files.count)]) }
        let parseSlice = { (k: Int) -> [ParsedFile] in
            guard let folder else { return parallelMap(slices[k]) { index in parse(entries[index], cache: cache, digest: digests) } }
            // What the folder cache kept is taken under one lock; only the rest is parsed, on every core.
            let kept = folder.parsed(entries, at: slices[k])
            let missing = zip(slices[k], kept).compactMap { index, found in found == nil ? index : nil }
            var fresh = parallelMap(missing) { index in parse(entries[index], cache: cache, folder: folder) }.makeIterator()
            return zip(slices[k], kept).map { index, found in found ?? fresh.next() ?? parse(entries[index], cache: cache, folder: folder) }
        }
        var parsed = slices.isEmpty ? [] : parseSlice(0)
        for k in slices.indices {
            // Each slice is gathered while the next is parsed, so that no core waits for the other.
            let gather = { [parsed, k] in
                for (index, item) in zip(slices[k], parsed) {
                    if folder != nil {
                        switch item.value {
                        case .objective: slots[entries[index].relative] = .objective(content.objectives.count)
                        case .review: slots[entries[index].relative] = .review(content.reviews.count)
                        case .communication: slots[entries[index].relative] = .communication(content.communications.count)
                        case .requirement: slots[entries[index].relative] = .requirement(content.requirements.count)
                        default: break
                        }
                    }
                    content.loadFindings += item.findings
                    content.unread.fields.formUnion(item.unread)
                    if let digest = item.digest { content.digests[entries[index].display] = digest }
                    switch item.value {
                    case let .configuration(c): content.configuration = c
                    case let .policy(p): content.policy = p
                    case let .risks(r): content.risks = r
                    case let .requirement(r): content.requirements.append(r)
                    case let .objective(o): content.objectives.append(o)
                    case let .measurements(file): content.measurementFiles.append(file)
                    case let .review(r): content.reviews.append(r)
                    case let .communication(c): content.communications.append(c)
                    case let .none(kind, file):
                        // A file that could not be read has its finding; rules that judge every
                        // objective, or read what evident.yml declares, must know it is missing.
                        if kind == .objective { content.unread.objectiveFiles.append(file) }
                        if kind == .review { content.unread.reviewFiles.append(file) }
                        if kind == .configuration { content.unread.configuration = true }
                    }
                }
            }
            guard k + 1 < slices.count else {
                gather()
                break
            }
            parsed = alongside({ parseSlice(k + 1) }, gather)
        }
        folder?.end(listed: files.map { entries[$0].relative }, links: files.compactMap { entries[$0].isLink ? entries[$0].relative : nil })
        content.evidenceFiles = evidenceFiles(entries)
        content.evidenceLinks = evidenceFiles(entries.filter(\.isLink))
        folder?.keep(content, slots: slots, walkFindings: findings, links: files.contains { entries[$0].isLink }, patched: false)
        return content
    }

    /// The paths of the files under `evidence/`, relative to it, but for leftovers (`LeftoverFile`),
    /// which are not evidence: no rule suggests one.
    private static func evidenceFiles(_ entries: [ContentWalker.Entry]) -> [String] {
        entries.filter { $0.kind == .evidence && LeftoverFile(path: $0.relative) == nil }
            .map { String($0.relative.dropFirst("evidence/".count)) }
    }

    /// `serve`'s load when only objectives, reviews, communications or requirements were parsed
    /// again: the last load's content with each put in its place, without gathering every file.
    /// Nil (load in full) unless the walk listed the same files, found the same, and each file
    /// parsed again is of the kind it was, read without a finding now and had none before.
    private static func patch(_ entries: [ContentWalker.Entry], files: [Int], walkFindings: [Finding],
                              folder: FolderCache, cache: ParseCache?) -> ContentSet? {
        let listed = files.map { entries[$0].relative }
        guard let (last, slots) = folder.lastContent(listed: listed, walkFindings: walkFindings) else { return nil }
        let again = folder.notKept(entries, at: files)
        let parsed = parallelMap(again) { index in parse(entries[index], cache: cache, folder: folder) }
        var content = last
        for (index, file) in zip(again, parsed) {
            let entry = entries[index]
            guard file.findings.isEmpty, file.unread.isEmpty, let slot = slots[entry.relative],
                  !last.loadFindings.contains(where: { $0.location.file == entry.display }),
                  !last.unread.fields.contains(where: { $0.mapping.file == entry.display }) else { return nil }
            switch (file.value, slot) {
            case let (.objective(o), .objective(i)): content.objectives[i] = o
            case let (.review(r), .review(i)): content.reviews[i] = r
            case let (.communication(c), .communication(i)): content.communications[i] = c
            case let (.requirement(r), .requirement(i)): content.requirements[i] = r
            default: return nil
            }
        }
        content.evidenceFiles = evidenceFiles(entries)
        content.evidenceLinks = evidenceFiles(entries.filter(\.isLink))
        folder.keep(content, slots: slots, walkFindings: walkFindings, links: false, patched: true, found: files.count - again.count)
        return content
    }

    /// How many files are parsed before their results are gathered: enough to keep every core
    /// busy, few enough that the gathering of the last slice, which nothing overlaps, is short.
    static let slice = 2048

    enum Parsed: Sendable {
        case configuration(Configuration), policy(Policy), risks(RiskRegister), requirement(RequirementSource), objective(Objective)
        case measurements(MeasurementFile), review(Review), communication(Communication)
        /// A file of this kind and display path that could not be read (its findings say why).
        case none(ContentWalker.Kind, String)
    }

    struct ParsedFile: Sendable {
        var value: Parsed
        var findings: [Finding]
        /// The fields whose values could not be read (each has a finding).
        var unread: [UnreadField] = []
        /// SHA-256 of the file's text, when asked for.
        var digest: FileDigest?
    }

    /// Parses a file the folder cache did not keep (`FolderCache.parsed(_:at:)`), and keeps it there.
    private static func parse(_ entry: ContentWalker.Entry, cache: ParseCache?, folder: FolderCache?) -> ParsedFile {
        let parsed = parse(entry, cache: cache)
        folder?.store(parsed, for: entry)
        return parsed
    }

    private static func parse(_ entry: ContentWalker.Entry, cache: ParseCache?, digest: Bool = false) -> ParsedFile {
        if let object = entry.object, let cached = cache?.parsed(entry.kind, path: entry.display, object: object) {
            return cached
        }
        // A file without git's id (a folder's) gets the one git would give its bytes.
        var object = entry.object
        let decoded: Result<SourceText, SourceText.Failure>
        if let data = entry.data {
            if object == nil, let cache { object = cache.format.blobID(data) }
            decoded = SourceText.decode(data, path: entry.display)
        } else if let cache {
            decoded = SourceText.read(file: entry.path, path: entry.display) { object = cache.format.blobID($0) }
        } else {
            decoded = SourceText.read(file: entry.path, path: entry.display)
        }
        let report = LoadReport()
        let source: SourceText
        switch decoded {
        case let .failure(failure):
            let (message, location) = failure.describe(path: entry.display)
            report.add(ContentWalker.syntaxRule(for: entry.kind), message, at: location)
            let value: Parsed = entry.kind == .measurement
                ? .measurements(MeasurementReader.unreadable(path: entry.display, line: location.line ?? 1))
                : .none(entry.kind, entry.display)
            return ParsedFile(value: value, findings: report.findings)
        case let .success(s):
            source = s
        }
        if entry.object == nil, let object, let cached = cache?.parsed(entry.kind, path: entry.display, object: object) {
            return cached
        }
        var parsed = parse(entry, source)
        if let object { cache?.store(parsed, entry.kind, path: entry.display, object: object) }
        if digest {
            // A parse reads nothing but the text (and the kind and path): equal digests, equal parses.
            var text = source.text
            parsed.digest = text.withUTF8 { FileDigest(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
        }
        return parsed
    }

    private static func parse(_ entry: ContentWalker.Entry, _ source: SourceText) -> ParsedFile {
        let report = LoadReport()
        let value: Parsed
        let unread = Parsed.none(entry.kind, entry.display)
        switch entry.kind {
        case .configuration:
            let read = ConfigurationReader.read(source, report: report)
            value = read.map(Parsed.configuration) ?? unread
        case .policy: value = FileReaders.policy(source, report: report).map(Parsed.policy) ?? unread
        case .risks: value = FileReaders.risks(source, report: report).map(Parsed.risks) ?? unread
        case .requirement: value = FileReaders.requirement(source, report: report).map(Parsed.requirement) ?? unread
        case .objective: value = FileReaders.objective(source, report: report).map(Parsed.objective) ?? unread
        case .measurement:
            value = .measurements(MeasurementReader.read(source, report: report))
        case .review: value = FileReaders.review(source, report: report).map(Parsed.review) ?? unread
        case .communication: value = FileReaders.communication(source, report: report).map(Parsed.communication) ?? unread
        case .evidence: value = unread
        }
        return ParsedFile(value: value, findings: report.findings, unread: report.unread)
    }

    /// How the content folder is printed in diagnostics: as given, without `./` or a trailing `/`;
    /// an absolute path inside the current directory becomes relative to it.
    package static func displayPath(_ directory: String) -> String {
        var path = directory
        if path.hasPrefix("/"), let cwd = WorkingDirectory.path() {
            if path == cwd { return "." }
            if path.hasPrefix(cwd + "/") { path = String(path.dropFirst(cwd.count + 1)) }
        }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        while path.count > 1 && path.hasSuffix("/") { path = String(path.dropLast()) }
        return path.isEmpty ? "." : path
    }
}
