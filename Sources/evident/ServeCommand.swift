import ArgumentParser
import EvidentCheck
import EvidentServe
import EvidentSite
import Foundation

/// `evident serve`: builds the site in memory, serves it on 127.0.0.1, and rebuilds when a file of
/// the content or the theme changes. For previewing while editing; the intranet gets `build`.
/// The server is EvidentServe's `PreviewServer`; this command parses, builds and prints.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build the site, serve it on 127.0.0.1, and rebuild when the content or templates change.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Templates that override the built-in theme file by file. Default: ./templates when it exists.")
    var templates: String?

    @Option(name: .long, help: "The port to listen on, on 127.0.0.1 only.")
    var port: Int = 8000

    @Option(name: .customLong("poll-interval"), help: "Seconds between looks for changed files, from 0.1 to 3600.")
    var pollInterval: Double = 1

    func run() throws {
        guard (1...65535).contains(port) else { throw UsageFailure(message: "--port must be between 1 and 65535.") }
        let settings: ServeSettings
        do {
            settings = try ServeSettings(port: port, pollInterval: pollInterval, watched: watched())
        } catch {
            throw UsageFailure(message: error.message)
        }
        // A parent may start us with SIGINT and SIGTERM blocked (Foundation's Process does): unblock
        // them before any thread starts, so Ctrl-C and `kill` stop the server.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)

        let options = self.options, templates = self.templates, color = options.color()
        let server = PreviewServer(settings: settings) {
            let theme = try loadTheme(templates)
            let result = try options.check(published: true)
            if !options.quiet {
                writeOut(FindingsReport(result: options.shown(result)).render(.text, color: color, quiet: true))
            }
            return try SiteBuilder.build(result: result, theme: theme)
        }
        let content = options.content
        do {
            try server.runBlocking { event in
                switch event {
                case let .listening(port):
                    writeOut("Serving \(content) on http://127.0.0.1:\(port)/ (Ctrl-C to stop).\n")
                case .rebuilt:
                    writeOut("Rebuilt.\n")
                case let .rebuildFailed(error):
                    // A broken template or a vanished folder while editing: the last good site stays up.
                    FileHandle.standardError.write(Data("evident: rebuild failed, still serving the previous site: \(Self.describe(error))\n".utf8))
                }
            }
        } catch let failure as ServeFailure {
            throw UsageFailure(message: failure.message)
        }
    }

    private func watched() -> [String] {
        var folders = [options.content]
        if let templates { folders.append(templates) } else if FileManager.default.fileExists(atPath: "templates") { folders.append("templates") }
        return folders
    }

    private static func describe(_ error: any Error) -> String {
        (error as? UsageFailure)?.message ?? "\(error)"
    }
}
