import EvidentCheck
import EvidentLoad
import EvidentModel
import EvidentSite
import EvidentSupport
import Foundation

extension PreviewServer {
    /// A server for the site of `content` with the theme `templates` (see `SitePublication`),
    /// rebuilt when a file under either changes, as of `asOf` or, without it, the day of each
    /// build (a server left running overnight moves on with the date). `checked` gets every
    /// build's check result once the build is served; its syntax findings are listed on the page
    /// for a missing path.
    /// `lap` is told when each stage of a build ends (and `""` when a build begins), for `EVIDENT_TIMING`.
    /// `limits` overrides the bounds on clients (`ServeSettings`): idle and write timeouts in
    /// seconds, connections and event streams; nil keeps the default.
    /// `warned` gets the theme's warnings (`Theme.newWarnings`) as the pages that find them render.
    package init(port: Int, pollInterval: Double, content: String, templates: String?, asOf: Day?,
                limits: (idleTimeout: Double?, writeTimeout: Double?, maxConnections: Int?, maxStreams: Int?) = (nil, nil, nil, nil),
                lap: @escaping @Sendable (String) -> Void = { _ in },
                warned: @escaping @Sendable ([Theme.Warning]) -> Void = { _ in },
                checked: @escaping @Sendable (CheckResult) -> Void) throws(ServeFailure) {
        // A content or templates folder that is not there is a mistyped option, not an edit to
        // wait for: refused, as `build` refuses it. Anything else a first build fails on is shown.
        if !Self.isFolder(content) { throw ServeFailure(ContentLoader.Failure.notADirectory(content).description) }
        if let templates, !Self.isFolder(templates) { throw ServeFailure(Theme.notAFolder(templates).description) }
        let watched = SitePublication.watchedFolders(content: content, templates: templates)
        let settings = try ServeSettings(port: port, pollInterval: pollInterval, watched: watched, idleTimeout: limits.idleTimeout ?? 10,
                                         maxConnections: limits.maxConnections ?? ServeSettings.defaultMaxConnections,
                                         maxStreams: limits.maxStreams ?? ServeSettings.defaultMaxStreams,
                                         writeTimeout: limits.writeTimeout ?? 30)
        let builder = LiveBuilder(content: content, templates: templates, watchedTemplates: watched.last)
        self.init(settings: settings) { changes in
            let (result, site) = try builder.build(changes, asOf: asOf ?? Day.today(), lap: lap)
            // The findings that keep a file out of the site, with paths as the terminal shows them.
            let syntax = ContentCheck.shown(result.keeping { $0.obligation == .syntax }, content: content).findings
            let shownRoot = ContentLoader.displayPath(content)
            let configuration = (shownRoot == "." ? "" : shownRoot + "/") + "evident.yml"
            let problems = syntax.sorted(by: Finding.ordered).map {
                ContentProblem(location: $0.location.description, rule: $0.rule, message: $0.message,
                               inConfiguration: $0.location.file == configuration)
            }
            // A page fails to render only when its template is missing, which loading the theme
            // already refused: there is no page to show for it.
            let file: @Sendable (String) -> Data? = { path in
                let data = try? site.file(path)
                let warnings = site.newWarnings()
                if !warnings.isEmpty { warned(warnings) }
                return data
            }
            return SiteBuild(file: file, problems: problems, assets: PageVersion.assets(site.assets),
                             served: { checked(result) })
        }
    }
}

extension PreviewServer {
    static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

/// Builds `serve`'s site again after a change, doing again only what the change touched: the
/// content files reported changed are parsed again (`FolderCache`), the theme is read again only
/// when a file of the templates folder changed, the rules judge again only the objectives
/// whose inputs changed (`IncrementalChecker`), the site's index is kept while the objectives
/// keep their places, ids and owners (`IncrementalSite`), and pages are rendered when asked for
/// (`SiteRenderer`). What is unknown (events lost, polling began, evident.yml) is read again in
/// full. Builds run one at a time (the watcher waits for each).
final class LiveBuilder: @unchecked Sendable {
    private let content: String
    private let templates: String?
    /// The content and templates folders as change reports name them.
    private let contentRoot: String
    private let templatesRoot: String?
    private let folder = FolderCache()
    private let checker = IncrementalChecker()
    // Guards `theme`.
    private let lock = NSLock()
    private var theme: Theme?
    private let sites = IncrementalSite()

    init(content: String, templates: String?, watchedTemplates: String?) {
        self.content = content
        self.templates = templates
        contentRoot = Watch.standardized(content)
        templatesRoot = watchedTemplates.map(Watch.standardized)
    }

    func build(_ changes: Changes, asOf: Day, lap: @escaping @Sendable (String) -> Void = { _ in }) throws -> (CheckResult, SiteRenderer) {
        lap("")
        let kept = lock.withLock { () -> Theme? in
            forget(changes)
            return self.theme
        }
        let (content, templates, folder, checker) = (self.content, self.templates, self.folder, self.checker)
        let (made, result): (Theme, CheckResult) = try concurrently({ try kept ?? SitePublication.theme(templates) }, {
            try ContentCheck.run(content: content, asOf: asOf, published: true, folder: folder, checker: checker, lap: lap)
        })
        lock.withLock { theme = made }
        let site = try sites.renderer(for: result, theme: made, checkedBy: checker)
        lap("index")
        return (result, site)
    }

    /// Forgets what `changes` may have made stale. Called with `lock` held.
    private func forget(_ changes: Changes) {
        guard case let .paths(paths) = changes else {
            folder.forgetAll()
            checker.forgetAll()
            theme = nil
            return
        }
        var changed: [String] = []
        for path in paths {
            if let templatesRoot, path == templatesRoot || path.hasPrefix(templatesRoot + "/") { theme = nil }
            if path == contentRoot {
                changed.append("")
            } else if path.hasPrefix(contentRoot + "/") {
                let inside = String(path.dropFirst(contentRoot.count + 1))
                // The configuration names what every other file is judged against: read all again.
                changed.append(inside == "evident.yml" ? "" : inside)
            }
        }
        folder.changed(changed)
        checker.changed(changed)
    }
}
