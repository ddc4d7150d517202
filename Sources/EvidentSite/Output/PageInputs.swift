import CEvidentSystem
import Crypto
import EvidentCheck
import EvidentModel
import EvidentSupport
import Foundation

/// What each objective's page is made from, as one SHA-256 per page (`key(of:)`). A build takes a
/// page from the site it replaces, without making it, when that site's manifest lists the page as
/// made from the same inputs (`StagedDirectory.reuse`). A page is made from:
///
/// - the program: the build IDs of every object loaded (evident, libcmark-gfm, the Swift runtime);
/// - the theme's templates and assets, and the day the site is made as of;
/// - every content file that is neither an objective nor a measurement file of an objective
///   (evident.yml, the policy, requirements, risks, reviews, communications), by its text's
///   digest, and the names of the evidence files;
/// - of every objective, what other pages show or link by: its file, id, title, page, owner,
///   function, level and lifecycle; and the page frame and badges all pages share;
///
/// which make the part common to all pages; and the objective's own file, the measurement files
/// that hold rows of its id, its findings and its summary, which make each page's own part.
/// Nothing else reaches an objective's page: `PageReuseTests` edits content at random and compares
/// each build with a clean one. Without a digest of every file it needs, a page has no key and
/// is made.
struct PageInputs: Sendable {
    /// The digest of the common part; nil where the program has no identity (`program`): no page
    /// then has a key.
    private let common: [UInt8]?
    /// Per objective id: the measurement files holding rows of it, sorted.
    private let measurementFiles: [String: [String]]
    private let digests: [String: FileDigest]

    /// Bumped when what goes into a key changes, so that no page is taken on the strength of a key
    /// made another way.
    static let format = "evident page inputs 1"

    init(site: SiteIndex, theme: Theme) {
        let content = site.content
        digests = content.digests
        var files: [String: Set<String>] = [:]
        for run in site.model.measurementRuns { files[run.objectiveID, default: []].insert(run.file) }
        for file in content.measurementFiles {
            if let named = file.namedObjective { files[named, default: []].insert(file.file) }
        }
        measurementFiles = files.mapValues { PackPath.sorted(Array($0)) }

        guard let program = Self.program else {
            common = nil
            return
        }
        var key = Key()
        key.add(Self.format)
        key.add(program)
        key.add(site.model.asOf.description)
        key.add(theme.templates.count)
        for name in PackPath.sorted(Array(theme.templates.keys)) {
            key.add(name)
            key.add(theme.templates[name] ?? "")
        }
        // No page holds an asset's bytes today; a page that named one by its digest would.
        key.add(theme.assets.count)
        for name in PackPath.sorted(Array(theme.assets.keys)) {
            key.add(name)
            key.add(Array(SHA256.hash(data: theme.assets[name] ?? Data())))
        }
        // Every file read but the objectives' and their measurements', by path.
        let own = Set(content.objectives.map(\.file)).union(files.values.joined())
        let shared = PackPath.sorted(content.digests.keys.filter { !own.contains($0) })
        key.add(shared.count)
        for path in shared {
            key.add(path)
            key.add(content.digests[path]?.bytes ?? [])
        }
        key.add(content.evidenceFiles.count)
        for file in content.evidenceFiles { key.add(file) }
        key.add(site.objectives.count)
        for s in site.objectives {
            key.add(s.file)
            key.add(s.id)
            key.add(s.title)
            key.add(s.slug)
            key.add(s.owner)
            key.add(s.functionID)
            key.add(s.levelID)
            key.add(s.lifecycle.rawValue)
        }
        key.add(PageContext.page(site, section: ObjectivePage.section, root: ObjectivePage.root, title: "", [:]))
        for (name, badge) in site.shared.badges.sorted(by: { PackPath.precedes($0.key, $1.key) }) {
            key.add(name)
            key.add(badge)
        }
        common = key.finish()
    }

    /// The digest of what the page of objective `index` is made from, as lowercase hex; nil when
    /// its file or one of its measurement files has no digest.
    func key(of index: Int, in site: SiteIndex) -> String? {
        guard let common else { return nil }
        let s = site.objectives[index]
        guard let own = digests[s.file] else { return nil }
        var key = Key()
        key.add(common)
        key.add(s.file)
        key.add(own.bytes)
        let files = measurementFiles[s.id] ?? []
        key.add(files.count)
        for file in files {
            guard let digest = digests[file] else { return nil }
            key.add(file)
            key.add(digest.bytes)
        }
        key.add(s.findings.count)
        for finding in s.findings { key.add(finding) }
        key.add(s.unit)
        key.add(s.qualitative)
        key.add(s.latest.map { "\($0.period) \($0.value.map(PageContext.number) ?? "-") \($0.status.rawValue)" })
        return Hex.lowercase(key.finish())
    }

    /// The build IDs of every object loaded, sorted and hashed; nil unless the program has one.
    static let program: [UInt8]? = {
        final class Found { var ids: [[UInt8]] = [] }
        let found = Found()
        let hasOne = withExtendedLifetime(found) {
            evident_build_ids({ id, length, context in
                guard let id, let context else { return }
                Unmanaged<Found>.fromOpaque(context).takeUnretainedValue().ids.append(Array(UnsafeBufferPointer(start: id, count: length)))
            }, Unmanaged.passUnretained(found).toOpaque())
        }
        guard hasOne != 0 else { return nil }
        var key = Key()
        let ids = found.ids.sorted { $0.lexicographicallyPrecedes($1) }
        key.add(ids.count)
        for id in ids { key.add(id) }
        return key.finish()
    }()

    /// A SHA-256 of values, each written with its kind and length, so that no two sequences of
    /// values write the same bytes.
    struct Key {
        private var hasher = SHA256()

        mutating func add(_ bytes: [UInt8]) {
            add(kind: 1, count: bytes.count)
            hasher.update(data: bytes)
        }

        mutating func add(_ text: String) {
            add(kind: 2, count: text.utf8.count)
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }

        mutating func add(_ text: String?) {
            if let text { add(text) } else { add(kind: 3, count: 0) }
        }

        mutating func add(_ number: Int) { add(kind: 4, count: number) }

        mutating func add(_ flag: Bool) { add(kind: 5, count: flag ? 1 : 0) }

        /// Every field of a finding (`PageReuseTests` holds this list to `Finding`'s coding keys).
        mutating func add(_ finding: Finding) {
            add(finding.rule)
            add(finding.severity.rawValue)
            add(finding.obligation.rawValue)
            add(finding.message)
            add(finding.location.file)
            add(finding.location.line ?? -1)
            add(finding.location.column ?? -1)
            add(finding.objective)
            add(finding.item?.rawValue)
            add(finding.standards?.count ?? -1)
            for standard in finding.standards ?? [] { add(standard) }
            add(finding.unlisted)
        }

        /// A template's value, whole.
        mutating func add(_ view: View) {
            switch view {
            case let .text(text):
                add(kind: 10, count: 0)
                add(text)
            case let .html(html):
                add(kind: 11, count: html.buffer.count)
                html.buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            case let .bool(flag):
                add(kind: 12, count: flag ? 1 : 0)
            case let .int(number):
                add(kind: 13, count: number)
            case let .list(items):
                add(kind: 14, count: items.count)
                for item in items { add(item) }
            case let .rows(rows):
                add(kind: 15, count: rows.count)
                for index in 0..<rows.count { add(rows.item(index)) }
            case let .object(object):
                add(kind: 16, count: object.count)
                for (name, value) in zip(object.keys, object.values) {
                    add(name)
                    add(value)
                }
            }
        }

        private mutating func add(kind: UInt8, count: Int) {
            var header = (kind, Int64(count).littleEndian)
            withUnsafeBytes(of: &header.0) { hasher.update(bufferPointer: $0) }
            withUnsafeBytes(of: &header.1) { hasher.update(bufferPointer: $0) }
        }

        consuming func finish() -> [UInt8] { Array(hasher.finalize()) }
    }
}
