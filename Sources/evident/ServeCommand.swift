import ArgumentParser
import EvidentCheck
import EvidentModel
import EvidentServe
import EvidentSite
import Foundation

/// `evident serve`: builds the site in memory, serves it on 127.0.0.1, and rebuilds when a file of
/// the content or the theme changes. For previewing while editing; the intranet gets `build`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build the site, serve it on 127.0.0.1, and rebuild when the content or templates change.")

    @OptionGroup var options: CommonOptions
    @OptionGroup var theme: ThemeOptions

    @Option(name: .long, help: "The port to listen on, on 127.0.0.1 only.")
    var port: Int = 8000

    @Option(name: .customLong("poll-interval"), help: "Seconds between looks for changed files when inotify cannot watch them, from 0.1 to 3600.")
    var pollInterval: Double = 1

    // The bounds on clients (docs/serve.md#slow-clients), hidden: tests make them short and small.
    @Option(name: .customLong("idle-timeout"), help: .hidden) var idleTimeout: Double?
    @Option(name: .customLong("write-timeout"), help: .hidden) var writeTimeout: Double?
    @Option(name: .customLong("max-connections"), help: .hidden) var maxConnections: Int?
    @Option(name: .customLong("max-event-streams"), help: .hidden) var maxStreams: Int?

    func run() throws {
        guard (1...65535).contains(port) else { throw UsageFailure("--port must be between 1 and 65535.") }
        let options = self.options
        let findings = FindingsSinceLastBuild()
        let timer = StageTimer()
        let server = try PreviewServer(port: port, pollInterval: pollInterval, content: options.content, templates: theme.templates,
                                       asOf: options.asOf, limits: (idleTimeout, writeTimeout, maxConnections, maxStreams), lap: { timer.lap($0) },
                                       warned: { for warning in $0 { sayError("evident: warning: \(warning)") } }) { result in
            if let text = findings.text(after: result, content: options.content, color: options.color(), quiet: options.quiet) {
                writeOut(text)
            }
        }
        try server.runBlocking { event in
            switch event {
            case let .listening(port):
                say("Serving \(options.content) on http://127.0.0.1:\(port)/ (Ctrl-C to stop).")
            case .watching(polling: nil):
                break
            case let .watching(polling: reason?):
                sayError("evident: inotify cannot watch the folders (\(reason)); looking for changes every \(pollInterval) s instead.")
            case let .rebuilt(seconds):
                timer.lap("findings printed, pages open in a browser rendered")
                writeOut(String(format: "Rebuilt in %.2f s.\n", seconds))
            case let .firstBuildFailed(error):
                // A template that does not parse: the browser shows the error until a save fixes it.
                sayError("evident: the site cannot be built; every page shows why until a change fixes it: \(describe(error))")
            case let .rebuildFailed(error):
                // A broken template or a vanished folder while editing: the last good site stays up.
                sayError("evident: rebuild failed, still serving the previous site: \(describe(error))")
            case let .liveReloadBlocked(page, reason):
                // A theme's policy that serve cannot widen: the page would never reload, silently.
                sayError("evident: warning: \(page) does not reload by itself: \(reason).")
            }
        }
    }
}
