/// The Host rule against DNS rebinding: a page of another site whose name an attacker points at
/// 127.0.0.1 can make the browser connect here, but its requests carry the attacker's name in
/// `Host`. Only the loopback names of this server are answered, so such a page never reads the site.
struct LoopbackHost: Sendable, Equatable {
    /// The port the server listens on.
    let port: Int

    init(port: Int) {
        self.port = port
    }

    /// The names a browser writes in `Host` for a server on loopback.
    static let names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// The `Host` values this server answers, as written in messages and docs.
    var accepted: [String] {
        ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
    }

    /// Whether a `Host` header value names this server: `127.0.0.1`, `localhost` (any case) or
    /// `[::1]`, with this server's port. A value without a port means port 80 (RFC 9110 7.2), so
    /// it is accepted only when the server listens on 80.
    func accepts(_ host: String) -> Bool {
        let name: Substring
        let portText: Substring?
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            name = host[..<colon]
            portText = host[host.index(after: colon)...]
        } else {
            name = host[...]
            portText = nil
        }
        guard Self.names.contains(name.lowercased()) else { return false }
        guard let portText else { return port == 80 }
        // The port as a browser writes it: decimal, no sign, no leading zero.
        return portText == String(port)
    }
}
