import Foundation
import Hummingbird

/// Hummingbird's side of `SiteAnswer`: reads the request, writes the answer, and streams events.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: LiveSite
    let host: HostRule

    func respond(to request: Request, context: Context) async throws -> Response {
        // HTTPTypes moves the first Host field into `authority`; any other stays a field.
        let others = request.headers.filter { $0.name.canonicalName == "host" }.map(\.value)
        let hosts = (request.head.authority.map { [$0] } ?? []) + others
        let answer = SiteAnswer.answer(method: request.method.rawValue, hosts: hosts, target: request.head.path ?? "",
                                       host: host.rule, site: site.current, origins: request.headers[values: .origin],
                                       fetchSites: request.headers.filter { $0.name.canonicalName == "sec-fetch-site" }.map(\.value))
        var headers: HTTPFields = [
            .contentType: answer.contentType,
            .cacheControl: "no-store",
            .xContentTypeOptions: "nosniff",
        ]
        if let allow = answer.allow { headers[.allow] = allow }
        if let policy = answer.policy { headers[.contentSecurityPolicy] = policy }
        if let page = answer.statePage { site.asked(page) }
        if answer.stream {
            // Open until the browser goes: each event is written as it comes.
            let body = ResponseBody { [site] writer in
                try await site.stream { try await writer.write($0) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
        headers[.contentLength] = String(answer.body.readableBytes)
        // HEAD: the same head as GET, Content-Length included, and no body.
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: answer.body)
        return Response(status: .init(code: answer.status), headers: headers, body: body)
    }
}

/// The Host rule of the port actually bound, which is known only once listening when port 0 asked
/// for any free one. Set before the first connection is accepted.
final class HostRule: @unchecked Sendable {
    // Guards `current`.
    private let lock = NSLock()
    private var current: LoopbackHost

    init(port: Int) {
        current = LoopbackHost(port: port)
    }

    var rule: LoopbackHost {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
