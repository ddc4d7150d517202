import EvidentSupport
import Hummingbird

/// The page `serve` answers for a path the site does not have, instead of a bare 404: a file whose
/// front matter broke loses its page, and the author should see why. It lists the content's syntax
/// findings (`file:line:column`, rule, message) and links to the dashboard; live.js reloads it when
/// a rebuild changes it, so the page comes back once the file is fixed. Every value is escaped.
enum MissingPage {
    /// The policy of this page, sent in its header and its `<meta>`: its own script, styles and events.
    static let policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"

    /// What the page says of the content's problems: the same at every path of a build, so a
    /// snapshot makes it once (`ServedPages.missingList`) however many paths are asked for.
    static func list(_ problems: [ContentProblem]) -> String {
        guard !problems.isEmpty else { return "<p>The site has no page at this address.</p>\n" }
        var out = "<p>The site has no page at this address. These content files cannot be read, so their pages are missing; "
        out += "this page reloads when a file is fixed.</p>\n<ul class=\"evident-live-problems\">\n"
        for problem in problems {
            out += "<li><code>\(HTMLText.escape(problem.location))</code> <span class=\"evident-live-rule\">\(HTMLText.escape(problem.rule))</span> "
            out += "\(HTMLText.escape(problem.message))</li>\n"
        }
        out += "</ul>\n"
        return out
    }

    /// The page's `<main>` at `path`, `list` being `list(_:)` of the build's problems: what its
    /// version is computed from (the script element names the version).
    static func main(path: String, list: String) -> String {
        "<main id=\"main\" class=\"evident-live-missing\">\n<h1>No page at /\(HTMLText.escape(path))</h1>\n"
            + list + "<p><a href=\"/\">Go to the dashboard</a></p>\n</main>\n"
    }

    /// The whole page, with the live script of its version in a build whose assets are `assets`.
    static func page(path: String, list: String, stylesheet: Bool, assets: String = "") -> String {
        let main = main(path: path, list: list)
        let version = PageVersion.of(.init(string: main), assets: assets)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLText.escape(policy))\">\n"
        out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        out += "<title>No page at /\(HTMLText.escape(path)) · evident serve</title>\n"
        if stylesheet { out += "<link rel=\"stylesheet\" href=\"/assets/style.css\">\n" }
        out += "<link rel=\"stylesheet\" href=\"\(LivePage.stylePath)\">\n</head>\n<body>\n"
        out += main
        out += LivePage.scriptTag(version: version) + "\n</body>\n</html>\n"
        return out
    }
}

/// The page `serve` answers at every address while no build has worked: the first build failed (a
/// template that does not parse). It names the error as the terminal does (`file:line:column:
/// message`, paths as given on the command line, escaped), and live.js reloads it into the site
/// once a change makes a build work. Nothing but the error's text is put in it.
enum UnbuiltPage {
    /// The page's `<main>`: what its version is computed from.
    static func main(_ failure: String) -> String {
        var out = "<main id=\"main\" class=\"evident-live-missing evident-live-unbuilt\">\n<h1>The site cannot be built</h1>\n"
        out += "<pre class=\"evident-live-error\">\(HTMLText.escape(failure))</pre>\n"
        out += "<p>Fix the file and save it: this page turns into the site by itself.</p>\n</main>\n"
        return out
    }

    static func page(_ failure: String) -> String {
        let main = main(failure)
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLText.escape(MissingPage.policy))\">\n"
        out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        out += "<title>The site cannot be built · evident serve</title>\n"
        out += "<link rel=\"stylesheet\" href=\"\(LivePage.stylePath)\">\n</head>\n<body>\n"
        out += main
        out += LivePage.scriptTag(version: PageVersion.of(.init(string: main))) + "\n</body>\n</html>\n"
        return out
    }
}
