import ArgumentParser
import Dispatch
import EvidentKit
import Foundation

/// `evident serve`: builds the site in memory, serves it on 127.0.0.1, and rebuilds when a file of
/// the content or the theme changes. For previewing while editing; the intranet gets `build`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build the site, serve it on 127.0.0.1, and rebuild when the content or templates change.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Templates that override the built-in theme file by file. Default: ./templates when it exists.")
    var templates: String?

    @Option(name: .long, help: "The port to listen on, on 127.0.0.1 only.")
    var port: Int = 8000

    @Option(name: .customLong("poll-interval"), help: "Seconds between looks for changed files.")
    var pollInterval: Double = 1

    func run() throws {
        guard (1...65535).contains(port) else { throw UsageFailure(message: "--port must be between 1 and 65535.") }
        // A parent may start us with SIGINT and SIGTERM blocked (Foundation's Process does): unblock
        // them before any thread starts, so Ctrl-C and `kill` stop the server.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let site = SiteState()
        try site.rebuild(self)
        let server = try LoopbackServer(port: UInt16(port)) { path in site.file(at: path) }
        writeOut("Serving \(options.content) on http://127.0.0.1:\(port)/ (Ctrl-C to stop).\n")
        var stamp = Self.stamp(of: watched())
        Thread.detachNewThread { server.run() }
        while true {
            Thread.sleep(forTimeInterval: max(0.1, pollInterval))
            let now = Self.stamp(of: watched())
            guard now != stamp else { continue }
            stamp = now
            do {
                try site.rebuild(self)
                writeOut("Rebuilt.\n")
            } catch {
                // A broken template or a vanished folder while editing: keep serving the last good site.
                FileHandle.standardError.write(Data("evident: rebuild failed, still serving the previous site: \(error)\n".utf8))
            }
        }
    }

    private func watched() -> [String] {
        var folders = [options.content]
        if let templates { folders.append(templates) } else if FileManager.default.fileExists(atPath: "templates") { folders.append("templates") }
        return folders
    }

    /// Paths, sizes and modification times of every file under the folders: any edit changes it.
    static func stamp(of folders: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = folder + "/" + relative
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                out[path] = "\(size)@\(time)"
            }
        }
        return out
    }
}

/// The site being served, replaced as a whole on each rebuild.
final class SiteState: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]

    func rebuild(_ command: ServeCommand) throws {
        let theme = try loadTheme(command.templates)
        let result = try command.options.check()
        if !command.options.quiet {
            writeOut(FindingsReport(result: result).render(.text, color: command.options.color(), quiet: true))
        }
        let built = try SiteBuilder.build(result: result, theme: theme)
        lock.withLock { files = built }
    }

    func file(at path: String) -> Data? {
        lock.withLock { files[path] }
    }
}

/// A small HTTP/1.1 server for GET and HEAD on 127.0.0.1, one short connection per request.
final class LoopbackServer: @unchecked Sendable {
    private let socket: Int32
    private let lookup: @Sendable (String) -> Data?

    init(port: UInt16, lookup: @escaping @Sendable (String) -> Data?) throws {
        self.lookup = lookup
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw UsageFailure(message: "Cannot open a socket: \(String(cString: strerror(errno))).") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        // Loopback only: a preview server is never reachable from the network.
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(socket)
            throw UsageFailure(message: "Cannot listen on 127.0.0.1:\(port): \(reason). Choose another --port.")
        }
    }

    func run() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { continue }
            let handler = self
            DispatchQueue.global().async { handler.handle(client) }
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        // Only the request line and headers are read; requests have no body here.
        while request.count < 16_384 {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            request += buffer[0..<n]
            if Self.headersEnd(request) { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return respond(client, 400, "Bad Request", nil, head: false) }
        let method = String(line[0])
        guard method == "GET" || method == "HEAD" else { return respond(client, 405, "Method Not Allowed", nil, head: false) }
        let target = String(line[1].split(separator: "?", maxSplits: 1).first ?? "/")
        guard let path = Self.sitePath(target) else { return respond(client, 404, "Not Found", nil, head: method == "HEAD") }
        if let data = lookup(path) ?? lookup(path.isEmpty ? "index.html" : path + "/index.html") {
            let file = lookup(path) != nil ? path : (path.isEmpty ? "index.html" : path + "/index.html")
            respond(client, 200, "OK", (data, Self.contentType(file)), head: method == "HEAD")
        } else {
            respond(client, 404, "Not Found", nil, head: method == "HEAD")
        }
    }

    static func headersEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return true
        }
        return false
    }

    /// The request target as a path of the site, or nil when it tries to leave it.
    static func sitePath(_ target: String) -> String? {
        guard let decoded = target.removingPercentEncoding else { return nil }
        var parts: [Substring] = []
        for part in decoded.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last.map(String.init) ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "md", "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    private func respond(_ client: Int32, _ code: Int, _ reason: String, _ body: (Data, String)?, head: Bool) {
        let payload = body?.0 ?? Data("\(code) \(reason)\n".utf8)
        let type = body?.1 ?? "text/plain; charset=utf-8"
        var response = Data("HTTP/1.1 \(code) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n".utf8)
        if !head { response.append(payload) }
        response.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var sent = 0
            while sent < raw.count {
                let n = send(client, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
    }
}
