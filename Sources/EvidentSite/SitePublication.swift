import Foundation
import EvidentCheck
import EvidentModel
import EvidentSupport

/// What `build` and `serve` do: check the content, lay the project's theme over the built-in one,
/// render the site. The published root `content/` is used for paths in the site, so that its
/// bytes do not depend on the working folder.
package enum SitePublication {
    /// A site written to disk.
    package struct Outcome: Sendable {
        /// The check, with paths under the published root.
        package let result: CheckResult
        /// The site's files written, by path.
        package let paths: Set<String>
        /// The objective pages among them taken as they were from the previous site: made from the
        /// same inputs (`PageInputs`).
        package let kept: Set<String>
        /// The theme's notes: overridden files whose built-in version changed since they were copied.
        package var themeNotes: [String] = []
        /// The names the theme's templates read that no value had (`Theme.warnings`).
        package var templateWarnings: [Theme.Warning] = []

        package var pageCount: Int { paths.filter { $0.hasSuffix(".html") }.count }
    }

    /// The theme folder used when none is named: `templates` in the working folder, if it is a folder.
    package static let defaultTemplates = "templates"

    /// The built-in theme with `templates` laid over it; without, `./templates` when it exists.
    package static func theme(_ templates: String?) throws -> Theme {
        try Theme.load(overridesFrom: templates ?? existingDefaultTemplates())
    }

    /// The folders to watch for a rebuild: the content and the theme folder, `./templates` without
    /// `--templates` even while it does not exist (`theme` uses it from when it does).
    package static func watchedFolders(content: String, templates: String?) -> [String] {
        [content, templates ?? defaultTemplates]
    }

    /// Checks `content` and writes its site to `output`, replacing the folder only when
    /// `OutputFolder` allows it (never the working folder, the content or the theme, nor a folder
    /// holding anything evident did not write); on any error the folder is left as it was.
    /// `alongside` runs with the result while the pages are written (the command prints the
    /// findings there); both are done when this returns. `progress` hears the pages rendered.
    /// With `seal` (`PageSeal.user()` for `evident build`), objective pages whose inputs did not
    /// change are taken from the site being replaced.
    package static func build(content: String, templates: String?, output: String, asOf: Day, seal: PageSeal? = nil,
                             lap: (String) -> Void = { _ in }, progress: ProgressMeter = .silent,
                             alongside: (CheckResult) -> Void = { _ in }) throws -> Outcome {
        // The output folder is looked at (it is only read) while the content loads; when both
        // fail, the folder's error is the one reported.
        let read = [content, templates ?? defaultTemplates]
        let guarded = [WorkingDirectory.path() ?? "."] + read
        let (previousSite, (theme, result)) = try concurrently({ try OutputFolder(output).prepare(guarding: guarded, reading: read) }, {
            // The files' digests tell which objective pages the previous site already holds.
            try themeAndCheck(content: content, templates: templates, asOf: asOf, digests: seal != nil, lap: lap)
        })
        let folder = URL(fileURLWithPath: output)
        let (written, _) = try concurrently({
            try SiteBuilder.write(result: result, theme: theme, to: folder, previousSite: previousSite, seal: seal, progress: progress)
        }, { alongside(result) })
        lap("render and write")
        var outcome = Outcome(result: result, paths: written.paths, kept: written.kept)
        outcome.themeNotes = theme.outdated
        outcome.templateWarnings = theme.warnings()
        return outcome
    }

    /// Checks `content` and renders its site in memory, path → bytes, for `serve`.
    package static func render(content: String, templates: String?, asOf: Day) throws -> (result: CheckResult, files: [String: Data]) {
        let (theme, result) = try themeAndCheck(content: content, templates: templates, asOf: asOf)
        return (result, try SiteBuilder.build(result: result, theme: theme))
    }

    /// The theme, read while the content is loaded and checked under the published root.
    package static func themeAndCheck(content: String, templates: String?, asOf: Day, digests: Bool = false,
                                      lap: (String) -> Void = { _ in }) throws -> (Theme, CheckResult) {
        try concurrently({ try Self.theme(templates) }, {
            try ContentCheck.run(content: content, asOf: asOf, published: true, digests: digests, lap: lap)
        })
    }

    private static func existingDefaultTemplates() -> String? {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: defaultTemplates, isDirectory: &isFolder)
        return exists && isFolder.boolValue ? defaultTemplates : nil
    }
}
