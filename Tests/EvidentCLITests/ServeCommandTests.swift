import Foundation
import Testing

/// `evident serve` as a user meets it: pages over HTTP on 127.0.0.1, nothing outside the site, a
/// rebuild after a content file changes, only loopback Host names answered, and slow clients that
/// neither stall the others nor stay forever.
@Suite(.serialized) struct ServeCommandTests {
    private func get(_ port: Int, _ target: String) -> (Int, String)? {
        LoopbackHTTP.get(port, target).map { ($0.status, $0.body) }
    }

    private func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    /// A running `evident serve` on a copy of the example content, stopped by `stop()`.
    private struct Server {
        let process: Process
        let port: Int
        let dir: URL

        /// What it has printed so far on stdout and stderr.
        var stdout: String { (try? String(contentsOf: dir.appendingPathComponent("stdout.txt"), encoding: .utf8)) ?? "" }
        var stderr: String { (try? String(contentsOf: dir.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? "" }
    }

    /// `user`: run it as that user id (by `setpriv`, so only as root), on a copy all can write.
    /// `files`: path under the copy → text, written before it starts (a broken theme, say).
    private func start(_ extra: [String] = [], user: Int? = nil, files: [String: String] = [:]) throws -> Server {
        let dir = try CLI.copyOfContent()
        for (path, text) in files {
            let file = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        // Below Linux's ephemeral ports (32768 and up), which the tests' own client connections take.
        let port = Int.random(in: 20000...32767)
        let process = Process()
        let arguments = ["serve", "--as-of", exampleAsOf, "--port", String(port), "--quiet"] + extra
        if let user {
            let open = try CLI.run(URL(fileURLWithPath: "/usr/bin/env"), ["chmod", "-R", "a+rwX", dir.path], in: dir)
            #expect(open.status == 0, "\(open.stderr)")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(user)", "--regid=\(user)", "--clear-groups", CLI.binary.path] + arguments
        } else {
            process.executableURL = CLI.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = dir
        // Into files beside the content (not watched), to read while it runs.
        let out = dir.appendingPathComponent("stdout.txt"), err = dir.appendingPathComponent("stderr.txt")
        try Data().write(to: out)
        try Data().write(to: err)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Server(process: process, port: port, dir: dir)
    }

    private func stop(_ server: Server) {
        // SIGTERM must stop the server; SIGKILL after a grace period keeps a failure from hanging the suite.
        server.process.terminate()
        if !waitFor(10, { !server.process.isRunning }) { kill(server.process.processIdentifier, SIGKILL) }
        server.process.waitUntilExit()
        try? FileManager.default.removeItem(at: server.dir)
    }

    @Test(.timeLimit(.minutes(5))) func servesTheSiteAndRebuildsOnChange() throws {
        let server = try start(["--poll-interval", "0.2"])
        defer { stop(server) }
        let port = server.port

        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let index = try #require(get(port, "/"))
        #expect(index.1.contains("Northwind Services"))
        #expect(get(port, "/register.html")?.0 == 200)
        #expect(get(port, "/reviews/")?.0 == 200)
        #expect(get(port, "/no-such-page.html")?.0 == 404)
        #expect(get(port, "/../content/evident.yml")?.0 == 404)
        #expect(get(port, "/%2e%2e/content/evident.yml")?.0 == 404)
        let head = try #require(LoopbackHTTP.exchange(port, "HEAD / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", head: true))
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "text/html; charset=utf-8")
        #expect(head.headers["cache-control"] == "no-store")
        #expect(head.headers["content-length"] == String(index.1.utf8.count))

        // Edit a title: the page shows the new one after the rebuild.
        let file = server.dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try text.replacingOccurrences(of: String(line), with: "title: Restore P1 incidents, edited while serving")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, "/objectives/obj-inc-01.html")?.1.contains("edited while serving") == true })

        server.process.terminate()
        #expect(waitFor(10) { !server.process.isRunning }, "the server must stop on SIGTERM")
    }

    /// DNS rebinding: a page at attacker.example, whose name now points at 127.0.0.1, reaches this
    /// port, but its requests say `Host: attacker.example:PORT`; they must never get the site.
    @Test(.timeLimit(.minutes(5))) func answersOnlyLoopbackHostNames() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })

        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", "[::1]:\(port)"] {
            let reply = LoopbackHTTP.get(port, "/", host: host)
            #expect(reply?.status == 200, "Host: \(host)")
            #expect(reply?.body.contains("Northwind Services") == true, "Host: \(host)")
        }
        let refused = ["attacker.example:\(port)", "attacker.example", "127.0.0.1.attacker.example:\(port)",
                       "localhost.attacker.example:\(port)", "127.0.0.1", "localhost", "localhost:\(port + 1)",
                       "127.0.0.1:0\(port)", "[::1]", "127.0.0.2:\(port)", "localhost:\(port)@attacker.example"]
        for host in refused {
            let reply = LoopbackHTTP.get(port, "/register.html", host: host)
            #expect(reply?.status == 421, "Host: \(host)")
            #expect(reply?.headers["content-type"] == "text/plain; charset=utf-8", "Host: \(host)")
            #expect(reply?.body.contains("Northwind") == false, "Host: \(host)")
            #expect(reply?.body.contains("127.0.0.1:\(port)") == true, "the refusal names the accepted hosts")
        }
        // No Host at all, or two of them: not a request this server can place.
        let noHost = LoopbackHTTP.exchange(port, "GET / HTTP/1.0\r\n\r\n")
        #expect(noHost?.status == 400)
        #expect(noHost?.body.contains("Northwind") == false)
        let twoHosts = LoopbackHTTP.exchange(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
        #expect(twoHosts?.status == 400)
        #expect(twoHosts?.body.contains("Northwind") == false)

        // A page of another origin open in the browser reaches 127.0.0.1 with the right Host, but
        // the browser names the page in Origin and Sec-Fetch-Site: live reload's channel refuses it.
        for target in ["/_evident/events", "/_evident/state?page=%2F"] {
            let foreign = LoopbackHTTP.exchange(port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: http://attacker.example\r\n"
                + "Sec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n")
            #expect(foreign?.status == 403, "\(target)")
            #expect(foreign?.body.contains("version") == false, "\(target)")
        }
        let own = LoopbackHTTP.exchange(port, "GET /_evident/state?page=%2F HTTP/1.1\r\nHost: localhost:\(port)\r\nOrigin: http://localhost:\(port)\r\n"
            + "Sec-Fetch-Site: same-origin\r\nConnection: close\r\n\r\n")
        #expect(own?.status == 200)
        #expect(own?.body.contains("\"version\"") == true)
    }

    /// A hundred clients that send half a request and then nothing, or one byte at a time, must not
    /// delay a normal request, and the server must close them after its idle timeout (10 s).
    @Test(.timeLimit(.minutes(5))) func slowClientsNeitherStallOthersNorStayForever() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })

        var silent: [Int32] = [], trickling: [Int32] = []
        defer { (silent + trickling).forEach { close($0) } }
        for i in 0..<100 {
            guard let fd = LoopbackHTTP.openConnection(port) else { Issue.record("cannot open connection \(i)"); return }
            LoopbackHTTP.sendText(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ")
            if i.isMultiple(of: 2) { silent.append(fd) } else { trickling.append(fd) }
        }

        let started = Date()
        let reply = LoopbackHTTP.get(port, "/register.html", timeout: 5)
        #expect(reply?.status == 200)
        #expect(Date().timeIntervalSince(started) < 3, "a normal request waited behind the slow ones")

        // Go on trickling a byte a second on half of them: they must be closed all the same.
        var open = Set(silent + trickling)
        let end = Date().addingTimeInterval(25)
        while !open.isEmpty, Date() < end {
            for fd in trickling where open.contains(fd) { LoopbackHTTP.sendText(fd, "a") }
            for fd in open where LoopbackHTTP.isClosed(fd, within: 0) { open.remove(fd) }
            Thread.sleep(forTimeInterval: 1)
        }
        #expect(open.isEmpty, "\(open.count) slow connections were still open after 25 s")
        #expect(Date().timeIntervalSince(started) > 5, "slow clients were closed before the idle timeout")
        #expect(get(port, "/")?.0 == 200)
    }

    /// Clients that connect and send nothing hold no more than `--max-connections` sockets: each
    /// new connection past it closes the one idle longest, so a browser still gets pages at once.
    @Test(.timeLimit(.minutes(5))) func connectionsPastTheLimitDisplaceTheIdleOnes() throws {
        let server = try start(["--max-connections", "8", "--max-event-streams", "2"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })

        var silent: [Int32] = []
        defer { silent.forEach { close($0) } }
        for i in 0..<40 {
            guard let fd = LoopbackHTTP.openConnection(port) else { Issue.record("cannot open connection \(i)"); return }
            silent.append(fd)
        }
        // Well before the idle timeout (10 s): all but the last few are displaced. Waited for before
        // the page is asked, so that no silent connection is still being admitted after it: on a
        // loaded machine one could be, and would displace the page's connection as the oldest idle.
        let limit = Date().addingTimeInterval(5)
        var open = silent
        while open.count > 8, Date() < limit {
            open = open.filter { !LoopbackHTTP.isClosed($0, within: 0) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(open.count <= 8, "\(open.count) of 40 silent connections still open past a limit of 8")
        let started = Date()
        #expect(LoopbackHTTP.get(port, "/register.html", timeout: 5)?.status == 200)
        #expect(Date().timeIntervalSince(started) < 3, "a page waited behind the silent connections")
    }

    /// Event streams past `--max-event-streams` end the oldest (a browser's connects again).
    @Test(.timeLimit(.minutes(5))) func eventStreamsPastTheLimitEndTheOldest() throws {
        let server = try start(["--max-connections", "8", "--max-event-streams", "2"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })

        var streams: [Int32] = []
        defer { streams.forEach { close($0) } }
        for _ in 0..<3 {
            guard let fd = LoopbackHTTP.openConnection(port, timeout: 5) else { Issue.record("cannot connect"); return }
            LoopbackHTTP.sendText(fd, "GET /_evident/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            var text = ""
            #expect(read(fd, into: &text, until: "retry: 500", seconds: 5), "the stream did not open: \(text)")
            streams.append(fd)
        }
        var first = ""
        // The oldest stream's answer ends (its last chunk), and only it.
        #expect(read(streams[0], into: &first, until: "0\r\n\r\n", seconds: 5), "the oldest stream was not ended: \(first)")
        #expect(!LoopbackHTTP.isClosed(streams[1], within: 0.3) && !LoopbackHTTP.isClosed(streams[2], within: 0), "a newer stream ended")
    }

    /// A client that asks for pages and takes none of the bytes is closed once the answer has
    /// waited `--write-timeout` on it, instead of holding the answer and its task forever.
    @Test(.timeLimit(.minutes(5))) func aClientThatReadsNothingIsDroppedAfterTheWriteTimeout() throws {
        let server = try start(["--write-timeout", "1"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let page = try #require(get(port, "/readiness.html")?.1.utf8.count)

        guard let fd = LoopbackHTTP.openConnection(port, timeout: 5, receiveBuffer: 4096) else { Issue.record("cannot connect"); return }
        defer { close(fd) }
        // More than the socket buffers hold, asked for at once, and not read.
        let requests = 400
        let request = "GET /readiness.html HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
        #expect(LoopbackHTTP.sendText(fd, String(repeating: request, count: requests)))
        Thread.sleep(forTimeInterval: 4)
        // Now read what was sent before the close: it ends well short of every answer.
        var received = 0, ended = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        let end = Date().addingTimeInterval(20)
        while Date() < end {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { ended = n == 0 || errno == ECONNRESET; break }
            received += n
        }
        #expect(ended, "the connection was still open after \(received) bytes")
        #expect(received < requests * page, "every answer was written: the client was never dropped")
        #expect(get(port, "/")?.0 == 200)
    }

    /// A first build that fails on a template is no reason to stop: the server starts, every
    /// address answers the error (file:line:column, escaped), and the save that fixes the template
    /// turns it into the site. The terminal says the same.
    @Test(.timeLimit(.minutes(5))) func aFirstBuildThatFailsIsServedAsItsError() throws {
        let server = try start(["--templates", "theme", "--poll-interval", "0.2"],
                               files: ["theme/layout.mustache": "<p>\n{{#broken}} <b>&</b>\n"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 500 }, "\(server.stderr)")
        let page = get(port, "/register.html")
        #expect(page?.0 == 500)
        #expect(page?.1.contains("<h1>The site cannot be built</h1>") == true)
        #expect(page?.1.contains("theme/layout.mustache:2:1: the template does not parse: `{{#broken}}` is never closed") == true, "\(page?.1 ?? "")")
        #expect(page?.1.contains("<script src=\"/_evident/live.js\"") == true, "it reloads once a build works")
        #expect(!(page?.1.contains(server.dir.path) ?? true), "no path of the machine beyond what was typed")
        #expect(server.stdout.hasPrefix("Serving content on http://127.0.0.1:\(port)/ (Ctrl-C to stop).\n"))
        #expect(server.stderr.contains("evident: the site cannot be built; every page shows why until a change fixes it: theme/layout.mustache:2:1: "),
                "\(server.stderr)")

        // The fix: the override goes, the built-in layout is used, and the site is served.
        try FileManager.default.removeItem(at: server.dir.appendingPathComponent("theme/layout.mustache"))
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        #expect(get(port, "/")?.1.contains("Northwind Services") == true)
        #expect(server.stdout.contains("Rebuilt in "))
    }

    /// What makes serving impossible still ends it with exit code 2 and a message: a content or
    /// templates folder that is not there, and a port in use even when the first build would fail.
    @Test(.timeLimit(.minutes(5))) func whatMakesServingImpossibleIsAUsageError() throws {
        let missingContent = try runBriefly(["serve", "--content", "no-such-folder", "--port", "1", "--quiet"])
        #expect(missingContent?.status == 2)
        #expect(missingContent?.stderr == "evident: The content folder `no-such-folder` does not exist or is not a folder. Pass --content DIR, or run `evident init` to create one.\n",
                "\(missingContent?.stderr ?? "still running")")
        let missingTemplates = try runBriefly(["serve", "--templates", "no-such-theme", "--port", "1", "--quiet"])
        #expect(missingTemplates?.status == 2)
        let notAFolder = "evident: no-such-theme: is not a folder of templates. Name the folder of your theme's templates "
            + "(`evident init --templates` writes a copy of the built-in theme), or leave out --templates for the built-in theme.\n"
        #expect(missingTemplates?.stderr == notAFolder, "\(missingTemplates?.stderr ?? "still running")")
        // `build` and `pack` say the same.
        let scratch = try CLI.scratch("no-theme")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for command in ["build", "pack"] {
            let run = try CLI.run([command, "--content", CLI.repository.appendingPathComponent("content").path,
                                   "--templates", "no-such-theme", "--quiet"], in: scratch)
            #expect(run.status == 2 && run.stderr == notAFolder, "\(command): \(run.stderr)")
        }
        #expect(CLI.listing(scratch) == [])

        let server = try start()
        defer { stop(server) }
        #expect(waitFor(30) { get(server.port, "/")?.0 == 200 })
        let theme = server.dir.appendingPathComponent("broken-theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("{{#x}}".utf8).write(to: theme.appendingPathComponent("layout.mustache"))
        let taken = try runBriefly(["serve", "--port", String(server.port), "--templates", theme.path, "--quiet"], seconds: 30)
        #expect(taken?.status == 2)
        #expect(taken?.stderr.hasPrefix("evident: Cannot listen on 127.0.0.1:\(server.port): the port is in use") == true, "\(taken?.stderr ?? "still running")")
    }

    @Test(.timeLimit(.minutes(5))) func keepsTheLastGoodSiteWhenARebuildFails() throws {
        let server = try start(["--poll-interval", "0.2"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })

        #expect(server.stdout.hasPrefix("Serving content on http://127.0.0.1:\(port)/ (Ctrl-C to stop).\n"))

        // The content folder goes away while serving: the rebuild fails, the site stays.
        let content = server.dir.appendingPathComponent("content")
        let aside = server.dir.appendingPathComponent("content-aside")
        try FileManager.default.moveItem(at: content, to: aside)
        #expect(waitFor(30) { server.stderr.contains("evident: rebuild failed, still serving the previous site: ") }, "\(server.stderr)")
        #expect(get(port, "/")?.1.contains("Northwind Services") == true)
        #expect(get(port, "/register.html")?.0 == 200)

        // Back again: the next rebuild succeeds.
        try FileManager.default.moveItem(at: aside, to: content)
        #expect(waitFor(30) { server.stdout.contains("Rebuilt in ") })
        #expect(get(port, "/")?.1.contains("Northwind Services") == true)
    }

    /// A folder that cannot be read when it comes (moved in with mode 000) fails the rebuild, and
    /// is watched once `chmod` lets it be read: one such folder must not end inotify for the rest
    /// of the session (it did: `serve` fell back to walking the whole tree every second). Run as
    /// another user, since root reads every folder.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")), .timeLimit(.minutes(5)))
    func aFolderThatCannotBeReadIsWatchedOnceItCan() throws {
        let server = try start(user: 65534)
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 }, "\(server.stderr)")

        let objective = try String(contentsOf: server.dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md"), encoding: .utf8)
        let outside = server.dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: false)
        let file = outside.appendingPathComponent("OBJ-NEW-01.md")
        try objective.replacingOccurrences(of: "OBJ-INC-01", with: "OBJ-NEW-01").write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: outside.path)
        let inside = server.dir.appendingPathComponent("content/objectives/locked")
        try FileManager.default.moveItem(at: outside, to: inside)
        #expect(waitFor(30) { server.stderr.contains("evident: rebuild failed, still serving the previous site: ") }, "\(server.stderr)")
        #expect(get(port, "/")?.0 == 200)

        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: inside.path)
        #expect(waitFor(30) { get(port, "/objectives/obj-new-01.html")?.0 == 200 }, "\(server.stderr)")
        // A save inside it is seen: the folder is watched now.
        let moved = inside.appendingPathComponent("OBJ-NEW-01.md")
        let text = try String(contentsOf: moved, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        try text.replacingOccurrences(of: String(line), with: "title: Saved once the folder could be read").write(to: moved, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, "/objectives/obj-new-01.html")?.1.contains("Saved once the folder could be read") == true })
        #expect(!server.stderr.contains("inotify cannot watch"), "\(server.stderr)")
    }

    /// What `serve` adds to a page, and only when serving: the live script, and `connect-src 'self'`
    /// in the page's policy (its `<meta>` and the header). The built site stays as it was.
    @Test(.timeLimit(.minutes(5))) func servedPagesCarryTheLiveScriptAndTheBuiltSiteDoesNot() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let served = try #require(LoopbackHTTP.get(port, "/objectives/obj-inc-01.html"))
        let strict = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'"
        #expect(served.headers["content-security-policy"] == strict + "; connect-src 'self'")
        let css = try #require(LoopbackHTTP.get(port, "/assets/style.css"))
        #expect(css.headers["content-security-policy"] == nil)
        #expect(!css.body.contains("_evident"))

        let site = server.dir.appendingPathComponent("site")
        let build = try CLI.run(["build", "--content", server.dir.appendingPathComponent("content").path, "--output", site.path,
                                 "--as-of", exampleAsOf, "--quiet"])
        #expect(build.status == 0, "\(build.stderr)")
        let disk = try String(contentsOf: site.appendingPathComponent("objectives/obj-inc-01.html"), encoding: .utf8)
        #expect(!disk.contains("_evident"), "the built site has no live reload")
        #expect(disk.contains("content=\"\(strict)\">"), "the built site keeps its strict policy")
        // The served page is the built page with the two changes, and nothing else.
        let tag = try #require(served.body.range(of: "<script src=\"/_evident/live.js\" data-version=\"[0-9a-f]{16}\" defer></script></body>", options: .regularExpression))
        let undone = served.body.replacingCharacters(in: tag, with: "</body>")
            .replacingOccurrences(of: strict.replacingOccurrences(of: "'", with: "&#39;") + "; connect-src &#39;self&#39;", with: strict)
        #expect(undone == disk)
    }

    /// The event stream gets `change` after every rebuild, and the state of a page has a new
    /// version only after one that changed the page; inotify sees the edit well before the poll
    /// interval (60 s here) would.
    @Test(.timeLimit(.minutes(5))) func aPageLearnsOfARebuildThatChangedIt() throws {
        let server = try start(["--poll-interval", "60"])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let page = try #require(LoopbackHTTP.get(port, "/objectives/obj-inc-01.html"))
        let version = try #require(page.body.range(of: "(?<=data-version=\")[0-9a-f]{16}", options: .regularExpression).map { String(page.body[$0]) })
        let state = "/_evident/state?page=%2Fobjectives%2Fobj-inc-01.html"
        let before = try #require(LoopbackHTTP.get(port, state))
        #expect(before.headers["content-type"] == "application/json")
        #expect(before.body == "{\"version\":\"\(version)\",\"failed\":null,\"configuration\":null}")

        let stream = try #require(LoopbackHTTP.openConnection(port))
        defer { close(stream) }
        LoopbackHTTP.sendText(stream, "GET /_evident/events HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n")
        var received = ""
        #expect(read(stream, into: &received, until: "retry: 500", seconds: 10))
        #expect(received.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(received.lowercased().contains("content-type: text/event-stream"))

        // The file saved with the same bytes: a rebuild, and the page's version is the same.
        let file = server.dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(read(stream, into: &received, until: "event: change", seconds: 10), "inotify did not see the save")
        #expect(get(port, state)?.1 == before.body)

        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        received = ""
        try text.replacingOccurrences(of: String(line), with: "title: Restore P1 incidents, edited while open")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(read(stream, into: &received, until: "event: change", seconds: 10), "\(received)")
        let after = try #require(LoopbackHTTP.get(port, "/objectives/obj-inc-01.html"))
        #expect(after.body.contains("edited while open"))
        #expect(get(port, state)?.1.contains(version) == false)
        #expect(after.body.contains("data-version=\"\(get(port, state)?.1.dropFirst(12).prefix(16) ?? "")\""), "the state names the version served")
    }

    /// An objective whose YAML broke has no page: its address answers with the syntax findings.
    @Test(.timeLimit(.minutes(5))) func aBrokenFilesPageListsItsFindings() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let file = server.dir.appendingPathComponent("content/objectives/process/incident/OBJ-INC-01.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\nid: OBJ-INC-01\n", with: "\nid: [OBJ-INC-01\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(10) { get(port, "/objectives/obj-inc-01.html")?.0 == 404 })
        let missing = try #require(LoopbackHTTP.get(port, "/objectives/obj-inc-01.html"))
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(missing.headers["content-security-policy"]?.hasPrefix("default-src 'none'; script-src 'self'") == true)
        #expect(missing.body.contains("<code>content/objectives/process/incident/OBJ-INC-01.md:3:6</code> <span class=\"evident-live-rule\">syntax/yaml</span>"), "\(missing.body)")
        #expect(missing.body.contains("<a href=\"/\">Go to the dashboard</a>"))
        // serve's own paths keep the Host rule.
        for target in ["/_evident/live.js", "/_evident/events", "/_evident/state?page=/objectives/obj-inc-01.html", "/objectives/obj-inc-01.html"] {
            let refused = LoopbackHTTP.get(port, target, host: "attacker.example:\(port)")
            #expect(refused?.status == 421, "\(target)")
            #expect(refused?.body.contains("OBJ-INC-01") == false)
        }
    }

    /// A configuration whose YAML broke: every page's state names the finding, until it is fixed.
    @Test(.timeLimit(.minutes(5))) func aBrokenConfigurationIsInEveryPagesState() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let state = "/_evident/state?page=%2Fregister.html"
        #expect(get(port, state)?.1.hasSuffix(",\"configuration\":null}") == true)
        let file = server.dir.appendingPathComponent("content/evident.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "broken: [unclosed\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, state)?.1.contains("\"configuration\":\"content/evident.yml:") == true }, "\(get(port, state)?.1 ?? "")")
        #expect(get(port, state)?.1.contains("[syntax/yaml]") == true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, state)?.1.hasSuffix(",\"configuration\":null}") == true })
    }

    /// Without --templates, a ./templates folder made while serving overrides the theme from then
    /// on, and the built-in theme is back once it is removed.
    @Test(.timeLimit(.minutes(5))) func aTemplatesFolderMadeWhileServingIsUsed() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let templates = server.dir.appendingPathComponent("templates")
        #expect(!FileManager.default.fileExists(atPath: templates.path))
        let footer = try String(contentsOf: CLI.repository.appendingPathComponent("templates/partials/footer.mustache"), encoding: .utf8)
        let partials = templates.appendingPathComponent("partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        try footer.replacingOccurrences(of: "</footer>", with: "<p>Overridden while serving</p></footer>")
            .write(to: partials.appendingPathComponent("footer.mustache"), atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, "/register.html")?.1.contains("Overridden while serving") == true }, "\(server.stderr)")
        try FileManager.default.removeItem(at: templates)
        #expect(waitFor(30) { get(port, "/register.html")?.1.contains("Overridden while serving") == false })
        #expect(get(port, "/register.html")?.0 == 200)
    }

    /// A misspelt name in an override is said on stderr when a page that reads it is first
    /// rendered, once however often pages are asked for; the theme read again says it again.
    @Test(.timeLimit(.minutes(5))) func aMisspeltNameInTheThemeIsSaidOncePerTheme() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        #expect(!server.stderr.contains("warning"), "\(server.stderr)")
        let partials = server.dir.appendingPathComponent("templates/partials")
        try FileManager.default.createDirectory(at: partials, withIntermediateDirectories: true)
        let footer = partials.appendingPathComponent("footer.mustache")
        try "<footer>{{site.organisation}}</footer>\n".write(to: footer, atomically: true, encoding: .utf8)
        let said = "evident: warning: templates/partials/footer.mustache:1:9: `{{site.organisation}}` writes nothing: "
            + "`site` has no `organisation`; did you mean `site.organization`?\n"
        // Pages render when asked for: ask until the rebuilt site answers.
        #expect(waitFor(30) { _ = get(port, "/"); return server.stderr.contains(said) }, "\(server.stderr)")
        _ = get(port, "/register.html")
        _ = get(port, "/owners.html")
        #expect(server.stderr.components(separatedBy: said).count == 2, "\(server.stderr)")
        try "<footer>{{site.organisation}}.</footer>\n".write(to: footer, atomically: true, encoding: .utf8)
        #expect(waitFor(30) { _ = get(port, "/"); return server.stderr.components(separatedBy: said).count == 3 }, "\(server.stderr)")
    }

    /// A theme override that writes its policy otherwise (single quotes, no quotes, capitals, the
    /// other order) still gets live reload; a policy serve cannot read is said once on stderr.
    @Test(.timeLimit(.minutes(5))) func aThemesPolicyIsWidenedHoweverItIsWritten() throws {
        let layout = try String(contentsOf: CLI.repository.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        let meta = try #require(layout.range(of: "<meta http-equiv=\"Content-Security-Policy\"[^\n]*\n", options: .regularExpression))
        let policies = "<meta content='default-src &apos;none&apos;; script-src &apos;self&apos;; style-src &apos;self&apos;' HTTP-EQUIV=Content-Security-Policy>\n"
            + "<meta http-equiv=\"content-security-policy\" content=\"img-src 'self'&semi; font-src 'self'\">\n"
        let server = try start(["--templates", "theme"], files: ["theme/layout.mustache": layout.replacingCharacters(in: meta, with: policies)])
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 }, "\(server.stderr)")
        let home = try #require(LoopbackHTTP.get(port, "/"))
        let widened = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"
        #expect(home.headers["content-security-policy"] == widened, "\(home.headers)")
        #expect(home.body.contains("<meta content=\"\(widened.replacingOccurrences(of: "'", with: "&#39;"))\" HTTP-EQUIV=Content-Security-Policy>\n"))
        #expect(home.body.contains("content=\"img-src 'self'&semi; font-src 'self'\">"), "left as the theme wrote it")
        _ = get(port, "/index.html")
        _ = get(port, "/register.html")
        let said = "evident: warning: /index.html does not reload by itself: its Content-Security-Policy <meta> holds `&semi;`, "
            + "a character reference serve does not decode.\n"
        #expect(waitFor(10) { server.stderr.contains("/register.html does not reload by itself") }, "\(server.stderr)")
        #expect(server.stderr.components(separatedBy: said).count == 2, "once: \(server.stderr)")
    }

    /// A theme's stylesheet edited while serving: no page's bytes change (each links the same
    /// `assets/style.css`), but what every page shows does, so every open page must reload.
    @Test(.timeLimit(.minutes(5))) func anOpenPageReloadsWhenTheThemesStylesheetChanges() throws {
        let server = try start()
        defer { stop(server) }
        let port = server.port
        #expect(waitFor(30) { get(port, "/")?.0 == 200 })
        let state = "/_evident/state?page=%2Fregister.html"
        let before = try #require(get(port, state)?.1)
        let page = try #require(get(port, "/register.html")?.1)
        let assets = server.dir.appendingPathComponent("templates/assets")
        try FileManager.default.createDirectory(at: assets, withIntermediateDirectories: true)
        let css = try String(contentsOf: CLI.repository.appendingPathComponent("templates/assets/style.css"), encoding: .utf8)
        try (css + "\nbody { background: #fdd; }\n").write(to: assets.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        #expect(waitFor(30) { get(port, "/assets/style.css")?.1.contains("background: #fdd") == true }, "\(server.stderr)")
        let after = try #require(get(port, state)?.1)
        #expect(after != before, "the page's version names the stylesheet it loads")
        let served = try #require(get(port, "/register.html")?.1)
        #expect(served.replacingOccurrences(of: "data-version=\"[0-9a-f]{16}\"", with: "", options: .regularExpression)
            == page.replacingOccurrences(of: "data-version=\"[0-9a-f]{16}\"", with: "", options: .regularExpression),
            "the page's own bytes are the same")
        #expect(after.contains(String(served[try #require(served.range(of: "(?<=data-version=\")[0-9a-f]{16}", options: .regularExpression))])),
                "a page loaded now has the version the state names")
    }

    /// Reads from `fd` into `text` until it contains `wanted` (true), or `seconds` pass (false).
    private func read(_ fd: Int32, into text: inout String, until wanted: String, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !text.contains(wanted) {
            let left = end.timeIntervalSinceNow
            guard left > 0 else { return false }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(left * 1000) + 1) > 0 else { return false }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { return false }
            text += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return true
    }

    @Test(.timeLimit(.minutes(5))) func aPortInUseIsAUsageError() throws {
        let server = try start()
        defer { stop(server) }
        #expect(waitFor(30) { get(server.port, "/")?.0 == 200 })
        let run = try runBriefly(["serve", "--port", String(server.port), "--quiet"], seconds: 30)
        #expect(run?.status == 2)
        #expect(run?.stderr.hasPrefix("evident: Cannot listen on 127.0.0.1:\(server.port): ") == true, "\(run?.stderr ?? "still running")")
        #expect(run?.stderr.contains("Choose another --port.") == true)
        // In words, not SwiftNIO's text of its internal call with an unbalanced parenthesis.
        #expect(run?.stderr == "evident: Cannot listen on 127.0.0.1:\(server.port): the port is in use (another program listens on it). Choose another --port.\n",
                "\(run?.stderr ?? "still running")")
    }

    /// Runs `evident` and kills it after `seconds`: a server that starts when it should have refused
    /// ends the run instead of hanging the suite.
    private func runBriefly(_ arguments: [String], seconds: Double = 10) throws -> CLIRun? {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLI.repository
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let exited = waitFor(seconds) { !process.isRunning }
        if !exited { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return exited ? CLIRun(status: process.terminationStatus, stdout: "", stderr: stderr) : nil
    }

    @Test(.timeLimit(.minutes(5))) func refusesAPollIntervalThatIsNotASanePositiveNumber() throws {
        let port = Int.random(in: 20000...32767)
        for value in ["0", "-1", "-0.5", "nan", "inf", "-inf", "1e9", "3601", "0.01"] {
            let run = try runBriefly(["serve", "--port", String(port), "--poll-interval=\(value)", "--quiet"])
            #expect(run?.status == 2, "--poll-interval=\(value) must be refused")
            #expect(run?.stderr.contains("--poll-interval takes a number of seconds from 0.1 to 3600") == true, "\(value): \(run?.stderr ?? "still running")")
        }
    }

    @Test func refusesAPortOutOfRange() throws {
        for value in ["0", "65536", "-1"] {
            let run = try CLI.run(["serve", "--port=\(value)"])
            #expect(run.status == 2)
            #expect(run.stderr.contains("--port must be between 1 and 65535"), "\(value): \(run.stderr)")
        }
    }
}
