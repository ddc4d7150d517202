import Hummingbird

/// What the server answers to one request, decided from the request's method, `Host` values and
/// target alone, before any HTTP type is made: the whole policy of `serve` in one function.
struct SiteAnswer: Sendable, Equatable {
    package var status: Int
    var contentType: String
    package var body: ByteBuffer
    /// The methods allowed, sent with 405.
    var allow: String?
    /// The `Content-Security-Policy` header: an HTML page's own policy, widened for live reload.
    package var policy: String?
    /// Set when the request opens the event stream (`/_evident/events`).
    var stream = false
    /// The page whose state the request asked for (`/_evident/state`).
    var statePage: String?

    /// The answer to a request. `hosts` are the values of every `Host` field it carries, `origins`
    /// those of every `Origin` field, and `fetchSites` those of every `Sec-Fetch-Site` field.
    static func answer(method: String, hosts: [String], target: String, host rule: LoopbackHost,
                              site: SiteSnapshot, origins: [String] = [], fetchSites: [String] = []) -> SiteAnswer {
        // The Host rule comes first: a request meant for another name learns nothing of the site,
        // nor of the script and events of live reload.
        guard hosts.count == 1, let host = hosts.first else {
            return .text(400, "400 Bad Request: a request names exactly one Host.\n")
        }
        guard rule.accepts(host) else {
            let names = rule.accepted.joined(separator: ", ")
            return .text(421, "421 Misdirected Request: this server answers only to Host \(names).\n")
        }
        guard method == "GET" || method == "HEAD" else {
            var answer = SiteAnswer.text(405, "405 Method Not Allowed: only GET and HEAD.\n")
            answer.allow = "GET, HEAD"
            return answer
        }
        switch SitePath.resolve(target) {
        case .malformed:
            return .text(400, "400 Bad Request: the path is not a well-formed path.\n")
        case .outside:
            return .text(404, "404 Not Found\n")
        case let .inside(path):
            // The paths of `serve` itself come before the site's (a built site has no `_evident/`).
            let own = "/" + path
            if own == LivePage.eventsPath || own == LivePage.statePath,
               !CrossOrigin.allowed(origins: origins, fetchSites: fetchSites, host: rule) {
                return .text(403, "403 Forbidden: live reload answers only the pages of this server.\n")
            }
            switch own {
            case LivePage.scriptPath:
                return SiteAnswer(status: 200, contentType: "text/javascript; charset=utf-8", body: ByteBuffer(string: LiveAssets.script))
            case LivePage.stylePath:
                return SiteAnswer(status: 200, contentType: "text/css; charset=utf-8", body: ByteBuffer(string: LiveAssets.stylesheet))
            case LivePage.eventsPath:
                return events(method: method)
            case LivePage.statePath:
                return state(target: target, site: site)
            default:
                break
            }
            if site.unbuilt, let failure = site.failure {
                // No site yet: every address shows why (500), and reloads once a build works.
                return SiteAnswer(status: 500, contentType: "text/html; charset=utf-8",
                                  body: ByteBuffer(string: UnbuiltPage.page(failure)), policy: MissingPage.policy)
            }
            if let found = site.file(for: path) {
                let type = SitePath.contentType(of: found.path)
                guard type.hasPrefix("text/html") else { return SiteAnswer(status: 200, contentType: type, body: found.bytes) }
                let served = site.served(found)
                return SiteAnswer(status: 200, contentType: type, body: served.body, policy: served.policy)
            }
            let page = MissingPage.page(path: path, list: site.missingList, stylesheet: site.bytes(at: "assets/style.css") != nil,
                                        assets: site.assets)
            return SiteAnswer(status: 404, contentType: "text/html; charset=utf-8", body: ByteBuffer(string: page), policy: MissingPage.policy)
        }
    }

    /// `/_evident/events`: GET only (a stream has no head of its own to give).
    static func events(method: String) -> SiteAnswer {
        guard method == "GET" else {
            var answer = SiteAnswer.text(405, "405 Method Not Allowed: the event stream answers GET only.\n")
            answer.allow = "GET"
            return answer
        }
        var answer = SiteAnswer(status: 200, contentType: "text/event-stream; charset=utf-8", body: ByteBuffer())
        answer.stream = true
        return answer
    }

    /// `/_evident/state?page=PATH`: the version of the page at PATH (a browser's
    /// `location.pathname`) in the build served, and the error of the last rebuild if it failed.
    static func state(target: String, site: SiteSnapshot) -> SiteAnswer {
        guard let page = Query(target)["page"], page.hasPrefix("/"), page.utf8.count <= 4096 else {
            return .text(400, "400 Bad Request: the state needs page=PATH, the path of the page.\n")
        }
        var answer = SiteAnswer(status: 200, contentType: "application/json", body: ByteBuffer(string: site.state(ofPage: page)))
        answer.statePage = page
        return answer
    }

    static func text(_ status: Int, _ text: String) -> SiteAnswer {
        SiteAnswer(status: status, contentType: "text/plain; charset=utf-8", body: ByteBuffer(string: text))
    }

    init(status: Int, contentType: String, body: ByteBuffer, allow: String? = nil, policy: String? = nil) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.allow = allow
        self.policy = policy
    }
}

/// Whether a request to live reload's channel (the event stream and the state) comes from a page
/// of this server. A page of another origin (a site on the internet, another server on this
/// machine) can make the browser open the stream and ask for states, holding a connection and
/// choosing the pages every rebuild renders, even though it cannot read the answers: a browser
/// names such a page in `Origin` (every cross-origin request of a fetch or an EventSource) and says
/// `cross-site` or `same-site` in `Sec-Fetch-Site`. A request with neither (curl, a browser that
/// sends no fetch metadata) is answered: the Host rule already keeps other names out.
enum CrossOrigin {
    static func allowed(origins: [String], fetchSites: [String], host rule: LoopbackHost) -> Bool {
        for origin in origins {
            // An origin is `http://HOST[:PORT]`, which this server answers under the Host rule.
            guard origin.hasPrefix("http://"), rule.accepts(String(origin.dropFirst(7))) else { return false }
        }
        return fetchSites.allSatisfy { $0 == "same-origin" || $0 == "none" }
    }
}

/// The query of a request target, name → value, percent-decoded; a malformed pair is left out.
struct Query {
    private var values: [String: String] = [:]

    init(_ target: String) {
        guard let mark = target.firstIndex(of: "?") else { return }
        let query = target[target.index(after: mark)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first?.removingPercentEncoding,
                  let value = (parts.count > 1 ? parts[1] : "").removingPercentEncoding else { continue }
            if values[name] == nil { values[name] = value }
        }
    }

    subscript(name: String) -> String? { values[name] }
}
