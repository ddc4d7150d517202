import EvidentCheck
import EvidentModel
import EvidentSite
import Foundation

extension PreviewServer {
    /// A server for the site of `content` with the theme `templates` (see `SitePublication`),
    /// rebuilt when a file under either changes, as of `asOf` or, without it, the day of each
    /// build (a server left running overnight moves on with the date). `checked` gets every
    /// build's check result; its syntax findings are listed on the page for a missing path.
    package init(port: Int, pollInterval: Double, content: String, templates: String?, asOf: Day?,
                checked: @escaping @Sendable (CheckResult) -> Void) throws(ServeFailure) {
        let watched = SitePublication.watchedFolders(content: content, templates: templates)
        let settings = try ServeSettings(port: port, pollInterval: pollInterval, watched: watched)
        self.init(settings: settings) {
            let (result, files) = try SitePublication.render(content: content, templates: templates, asOf: asOf ?? Day.today())
            checked(result)
            // The findings that keep a file out of the site, with paths as the terminal shows them.
            let syntax = ContentCheck.shown(result, content: content).findings.filter { $0.obligation == .syntax }
            let problems = syntax.sorted(by: Finding.ordered).map {
                ContentProblem(location: $0.location.description, rule: $0.rule, message: $0.message)
            }
            return SiteBuild(files: files, problems: problems)
        }
    }
}
