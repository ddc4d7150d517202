import EvidentCheck
import Foundation

/// The site of one check, each file rendered when it is first asked for and then kept: `serve`
/// renders after a rebuild only the pages a browser shows. A file is made by the function that
/// `SiteBuilder.build` calls for it, from the same index, so its bytes are the whole build's.
package final class SiteRenderer: @unchecked Sendable {
    private enum Source {
        case job(SiteBuilder.Job)
        case bytes(Data)
    }

    private let site: SiteIndex
    private let theme: Theme
    private let sources: [String: Source]
    /// Every path of the site, sorted.
    package var paths: [String] { sources.keys.sorted() }
    // Guards `made`; held only to look up and to store, never while rendering.
    private let lock = NSLock()
    private var made: [String: Data] = [:]

    /// `previous`: the site of the check before, when only objective files changed since, each in
    /// its place with the same id, owner and function (`IncrementalChecker.ObjectiveEdit`): its
    /// index is reused where it holds (`SiteIndex`).
    package init(result: CheckResult, theme: Theme, reusing previous: SiteRenderer? = nil) throws {
        site = try SiteIndex(result: result, theme: theme, reusing: previous?.site)
        self.theme = theme
        if let previous, site.keptPages, previous.theme.assets == theme.assets {
            sources = previous.sources
            return
        }
        var sources: [String: Source] = [:]
        for job in SiteBuilder.jobs(site) { sources[SiteBuilder.path(of: job, site)] = .job(job) }
        for (path, data) in theme.assets { sources[path] = .bytes(data) }
        sources["README.md"] = .bytes(Data(SiteBuilder.readme.utf8))
        self.sources = sources
    }

    /// The theme's assets, site path → bytes: the stylesheet, script and images every page loads.
    package var assets: [String: Data] { theme.assets }

    /// The names the pages rendered so far read in vain, each once per theme (`Theme.newWarnings`).
    package func newWarnings() -> [Theme.Warning] { theme.newWarnings() }

    /// Whether the site has a file at `path`, without rendering it.
    func contains(_ path: String) -> Bool { sources[path] != nil }

    /// The bytes of the file at `path`, nil when the site has none. Two threads asking for the same
    /// page at once may both render it; they get the same bytes.
    package func file(_ path: String) throws -> Data? {
        guard let source = sources[path] else { return nil }
        switch source {
        case let .bytes(data):
            return data
        case let .job(job):
            if let done = lock.withLock({ made[path] }) { return done }
            let (_, file) = try SiteBuilder.make(job, site, theme: theme)
            let data = SiteBuilder.data(file)
            lock.withLock { made[path] = data }
            return data
        }
    }

    /// Every file, rendered (for tests, and to compare with `SiteBuilder.build`).
    package func all() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in paths { out[path] = try file(path) }
        return out
    }
}
