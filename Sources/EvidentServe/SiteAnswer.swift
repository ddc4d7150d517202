import Hummingbird

/// What the server answers to one request, decided from the request's method, `Host` values and
/// target alone, before any HTTP type is made: the whole policy of `serve` in one function.
package struct SiteAnswer: Sendable, Equatable {
    package var status: Int
    package var contentType: String
    package var body: ByteBuffer
    /// The methods allowed, sent with 405.
    package var allow: String?

    /// The answer to a request. `hosts` are the values of every `Host` field it carries.
    package static func answer(method: String, hosts: [String], target: String, host rule: LoopbackHost,
                              lookup: (String) -> ByteBuffer?) -> SiteAnswer {
        // The Host rule comes first: a request meant for another name learns nothing of the site.
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
            for candidate in SitePath.candidates(for: path) {
                if let body = lookup(candidate) {
                    return SiteAnswer(status: 200, contentType: SitePath.contentType(of: candidate), body: body, allow: nil)
                }
            }
            return .text(404, "404 Not Found\n")
        }
    }

    static func text(_ status: Int, _ text: String) -> SiteAnswer {
        SiteAnswer(status: status, contentType: "text/plain; charset=utf-8", body: ByteBuffer(string: text), allow: nil)
    }
}
