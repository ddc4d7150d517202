import Foundation
import Testing

/// `evident serve` as a user meets it: pages over HTTP on 127.0.0.1, nothing outside the site, and
/// a rebuild after a content file changes.
@Suite(.serialized) struct ServeCommandTests {
    /// A GET over a plain socket (no URLSession on every Linux toolchain): status code and body.
    private func get(_ port: Int, _ target: String) -> (Int, String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first else { return nil }
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let code = Int(parts[1]) else { return nil }
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (code, body)
    }

    private func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    @Test(.timeLimit(.minutes(2))) func servesTheSiteAndRebuildsOnChange() throws {
        let dir = try CLI.copyOfContent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let port = Int.random(in: 20000...40000)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--as-of", exampleAsOf, "--port", String(port), "--poll-interval", "0.2", "--quiet"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGTERM must stop the server; SIGKILL after a grace period keeps a failure from hanging the suite.
            process.terminate()
            if !waitFor(10, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let index = try #require(get(port, "/"))
        #expect(index.1.contains("Northwind Services"))
        #expect(get(port, "/register.html")?.0 == 200)
        #expect(get(port, "/reviews/")?.0 == 200)
        #expect(get(port, "/no-such-page.html")?.0 == 404)
        #expect(get(port, "/../content/evident.yml")?.0 == 404)
        #expect(get(port, "/%2e%2e/content/evident.yml")?.0 == 404)

        // Edit a title: the page shows the new one after the rebuild.
        let file = dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try text.replacingOccurrences(of: String(line), with: "title: Restore P1 incidents, edited while serving")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, "/objectives/obj-inc-01.html")?.1.contains("edited while serving") == true })

        process.terminate()
        #expect(waitFor(10) { !process.isRunning }, "the server must stop on SIGTERM")
    }
}
