import EvidentSupport
import Foundation
import Hummingbird

/// One build of the site for `serve`: its files, path → bytes, made when first asked for (only
/// the pages a browser shows are rendered after a rebuild), and the content's syntax findings,
/// which the page for a missing path lists (a file whose front matter broke has lost its page).
package struct SiteBuild: Sendable {
    /// The bytes at a site path, nil when the site has no file there.
    package var file: @Sendable (String) -> Data?
    package var problems: [ContentProblem]
    /// A digest of the files every page loads, the theme's assets (`PageVersion.assets`), "" for
    /// none: an open page reloads when it changes, though the page's own bytes did not.
    var assets: String
    /// Called once the build is served and the open pages are told: what is not needed to
    /// answer them (printing the findings) waits until then.
    package var served: @Sendable () -> Void

    init(file: @escaping @Sendable (String) -> Data?, problems: [ContentProblem] = [], assets: String = "",
                 served: @escaping @Sendable () -> Void = {}) {
        self.file = file
        self.problems = problems
        self.assets = assets
        self.served = served
    }

    /// A site made in full beforehand (tests).
    init(files: [String: Data], problems: [ContentProblem] = [], assets: String = "") {
        self.init(file: { files[$0] }, problems: problems, assets: assets)
    }
}

/// A finding that keeps a content file out of the site, as the terminal prints it.
package struct ContentProblem: Sendable, Equatable {
    /// `file:line:column`, as the terminal shows it.
    package var location: String
    package var rule: String
    var message: String
    /// Whether the file is the configuration (evident.yml): every page is then built without it,
    /// and every page shows the finding over it.
    var inConfiguration: Bool

    init(location: String, rule: String, message: String, inConfiguration: Bool = false) {
        self.location = location
        self.rule = rule
        self.message = message
        self.inConfiguration = inConfiguration
    }
}

/// What is served at one moment: a build made ready to answer, replaced as a whole on each
/// rebuild, so a request sees either the old site or the new one, never a mix.
struct SiteSnapshot: Sendable {
    private let store: FileStore
    /// This build's pages as served, and its files' versions; a rebuild drops them with the snapshot.
    let pages: ServedPages
    package let problems: [ContentProblem]
    /// The digest of the theme's assets, which every page's version includes (`SiteBuild.assets`).
    let assets: String
    /// The error of the last rebuild when it failed (this is then the last good build), else nil.
    package private(set) var failure: String?
    /// No build has worked yet: there are no files, and every address answers `UnbuiltPage` with `failure`.
    package private(set) var unbuilt = false

    /// `warn` is told, once per page, why live reload cannot work on it (`LivePage.Served.unreadable`).
    init(files: [String: ByteBuffer], problems: [ContentProblem] = [], assets: String = "",
         warn: @escaping @Sendable (_ page: String, _ reason: String) -> Void = { _, _ in }) {
        store = FileStore { files[$0] }
        pages = ServedPages(assets: assets, warn: warn)
        self.problems = problems
        self.assets = assets
    }

    init(_ build: SiteBuild, warn: @escaping @Sendable (_ page: String, _ reason: String) -> Void = { _, _ in }) {
        store = FileStore { path in build.file(path).map { ByteBuffer(bytes: $0) } }
        pages = ServedPages(assets: build.assets, warn: warn)
        problems = build.problems
        assets = build.assets
    }

    /// What is served when the first build failed with `message`.
    static func unbuilt(_ message: String) -> SiteSnapshot {
        var snapshot = SiteSnapshot(files: [:]).failing(message)
        snapshot.unbuilt = true
        return snapshot
    }

    /// The same site, marked as kept after a rebuild that failed with `message`.
    func failing(_ message: String) -> SiteSnapshot {
        var copy = self
        copy.failure = message
        return copy
    }

    /// What `/_evident/state` answers for a page target: the page's version, the failure, and the
    /// findings that keep the configuration from being read (one a line, as the terminal shows
    /// them), as `{"version":"…","failed":null,"configuration":null}`.
    func state(ofPage target: String) -> String {
        let configuration = problems.filter(\.inConfiguration).map { "\($0.location): \($0.message) [\($0.rule)]" }
        return JSON.object([
            ("version", .string(version(ofPage: target))),
            ("failed", .optional(failure)),
            ("configuration", configuration.isEmpty ? .null : .string(configuration.joined(separator: "\n"))),
        ]).serialized(pretty: false)
    }

    /// The bytes at a site path as built, nil when there is no file there.
    func bytes(at path: String) -> ByteBuffer? { store.bytes(at: path) }

    /// What answers a site path: a file (the path itself, then the folder's index), or nothing.
    func file(for path: String) -> (path: String, bytes: ByteBuffer)? {
        for candidate in SitePath.candidates(for: path) {
            if let bytes = store.bytes(at: candidate) { return (candidate, bytes) }
        }
        return nil
    }

    /// The version of what a page target (a browser's `location.pathname`) shows: a digest of the
    /// file's bytes as built, or of the error page when there is no such file, and of the theme's
    /// assets the page loads. Two builds give a page the same version exactly when they give it
    /// the same bytes and the same assets (up to a 64-bit collision).
    func version(ofPage target: String) -> String {
        if unbuilt, let failure { return version(of: ByteBuffer(string: UnbuiltPage.main(failure))) }
        switch SitePath.resolve(target) {
        case let .inside(path):
            if let found = file(for: path) { return pages.version(at: found.path, of: found.bytes) }
            return version(of: ByteBuffer(string: MissingPage.main(path: path, list: missingList)))
        case .outside, .malformed:
            return "none"
        }
    }

    /// What the missing page of any path says of this build's problems (`MissingPage.list`).
    var missingList: String { pages.missingList { MissingPage.list(problems) } }

    /// The version of a page with these bytes in this build.
    func version(of page: ByteBuffer) -> String {
        PageVersion.of(page, assets: assets)
    }

    /// The HTML page at a site path (`file(for:)`) as served, with live reload.
    func served(_ found: (path: String, bytes: ByteBuffer)) -> LivePage.Served {
        pages.served(at: found.path, of: found.bytes)
    }
}

/// The HTML pages of one snapshot as `serve` answers them, and the versions of its files: each
/// made at most once, when first asked for, then shared by every answer, so a request for a large
/// page costs a look-up, not a copy and a scan of it. Only the snapshot holds this, so a rebuild
/// drops it with the old site; its entries are the site's files, whatever paths requests name.
final class ServedPages: @unchecked Sendable {
    /// One path's. Made under its own lock: a second request for the path waits for the first
    /// one's work instead of doing it again, and a request for another path never waits.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var version: String?
        var served: LivePage.Served?
    }

    private let assets: String
    private let warn: @Sendable (_ page: String, _ reason: String) -> Void
    // Guards `entries` and `injected`; never held while a page is made.
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var injected = 0
    // Guards `list` and `listsMade`; held while the list is made, so it is made once.
    private let listLock = NSLock()
    private var list: String?
    private var listsMade = 0

    init(assets: String, warn: @escaping @Sendable (_ page: String, _ reason: String) -> Void) {
        self.assets = assets
        self.warn = warn
    }

    /// How many pages were injected (`LivePage.inject`): each at most once per snapshot.
    var injections: Int { lock.withLock { injected } }

    /// The missing page's list of problems, made by `make` on the first call only.
    func missingList(_ make: () -> String) -> String {
        listLock.withLock {
            if let list { return list }
            let made = make()
            list = made
            listsMade += 1
            return made
        }
    }

    /// How many times the missing page's list was made: at most once per snapshot.
    var missingListsMade: Int { listLock.withLock { listsMade } }

    /// The version of the file `bytes` at site path `path`.
    func version(at path: String, of bytes: ByteBuffer) -> String {
        let entry = entry(path)
        return entry.lock.withLock { version(entry, bytes) }
    }

    /// The HTML page `bytes` at site path `path` as served.
    func served(at path: String, of bytes: ByteBuffer) -> LivePage.Served {
        let entry = entry(path)
        return entry.lock.withLock {
            if let served = entry.served { return served }
            let served = LivePage.inject(into: bytes, version: version(entry, bytes))
            entry.served = served
            lock.withLock { injected += 1 }
            for reason in served.unreadable { warn("/" + path, reason) }
            return served
        }
    }

    private func entry(_ path: String) -> Entry {
        lock.withLock {
            if let entry = entries[path] { return entry }
            let entry = Entry()
            entries[path] = entry
            return entry
        }
    }

    /// Called with the entry's lock held.
    private func version(_ entry: Entry, _ bytes: ByteBuffer) -> String {
        if let version = entry.version { return version }
        let version = PageVersion.of(bytes, assets: assets)
        entry.version = version
        return version
    }
}

/// FNV-1a, 64 bits, in hex: deterministic across runs (Swift's `Hasher` is seeded per process),
/// so a page opened before the server restarted is compared with the new build's.
package enum PageVersion {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The page's bytes, then `assets` when there are any, then `live`: an open page keeps the
    /// live script it was served with, so a server with another one (an upgraded evident) gives
    /// every page another version and each open page reloads into the script it now serves.
    static func of(_ bytes: ByteBuffer, assets: String = "", live: String = PageVersion.live) -> String {
        var hash = basis
        bytes.withUnsafeReadableBytes { mix(&hash, $0) }
        if !assets.isEmpty { mix(&hash, assets.utf8) }
        mix(&hash, live.utf8)
        return hex(hash)
    }

    /// The digest of the live script and stylesheet this server answers at `/_evident/`.
    static let live = assets(["live.js": Data(LiveAssets.script.utf8), "live.css": Data(LiveAssets.stylesheet.utf8)])

    /// The digest of a theme's assets (path → bytes), "" for none: each path, its length and its
    /// bytes, in the order of the paths, so a file renamed, added, removed or edited changes it.
    static func assets(_ files: [String: Data]) -> String {
        guard !files.isEmpty else { return "" }
        var hash = basis
        for path in files.keys.sorted() {
            mix(&hash, path.utf8)
            let bytes = files[path] ?? Data()
            mix(&hash, String(bytes.count).utf8)
            mix(&hash, bytes)
        }
        return hex(hash)
    }

    private static func mix(_ hash: inout UInt64, _ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
    }

    private static func hex(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A build's files as the server answers them: each made once, when first asked for, then shared
/// by every answer instead of copied. Only files of the site are kept, so what it holds is bounded
/// by the site, whatever paths requests name (a miss costs a look-up, nothing to render).
private final class FileStore: @unchecked Sendable {
    private let make: @Sendable (String) -> ByteBuffer?
    // Guards `made`; not held while a file is made, so a slow page holds up no other request.
    private let lock = NSLock()
    private var made: [String: ByteBuffer] = [:]

    init(_ make: @escaping @Sendable (String) -> ByteBuffer?) {
        self.make = make
    }

    func bytes(at path: String) -> ByteBuffer? {
        if let done = lock.withLock({ made[path] }) { return done }
        guard let bytes = make(path) else { return nil }
        lock.withLock { made[path] = bytes }
        return bytes
    }
}
