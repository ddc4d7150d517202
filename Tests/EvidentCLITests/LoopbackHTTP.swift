import Foundation

/// A minimal HTTP/1.1 client over plain sockets on 127.0.0.1 (no URLSession on every Linux
/// toolchain), able to send what a browser would not: any Host, half a request, one byte at a time.
enum LoopbackHTTP {
    struct Reply {
        var status: Int
        /// Field names lowercased.
        var headers: [String: String]
        var body: String
    }

    /// A connected socket, or nil. Reads and writes give up after `timeout` seconds. With
    /// `receiveBuffer`, the socket's receive buffer is that many bytes (a client slow to read).
    static func openConnection(_ port: Int, timeout: Double = 10, receiveBuffer: Int32? = nil) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        // Before connecting: the window offered is set then.
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Sends all of `text`; false when the peer has gone. Never raises SIGPIPE.
    @discardableResult
    static func sendText(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return send(fd, base + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    /// Reads one response: the head, then as many body bytes as Content-Length says (none for HEAD).
    static func readReply(_ fd: Int32, head: Bool = false) -> Reply? {
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        var expected = Int.max
        while bytes.count < expected {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            bytes += buffer[0..<n]
            if headEnd == nil, let end = find([13, 10, 13, 10], in: bytes) {
                headEnd = end + 4
                let text = String(decoding: bytes[0..<end], as: UTF8.self)
                // No Content-Length (a stream): read until the server closes or the read times out.
                let length = head ? 0 : fields(text)["content-length"].flatMap { Int($0) }
                expected = length.map { end + 4 + $0 } ?? Int.max
            }
        }
        guard let headEnd else { return nil }
        let headText = String(decoding: bytes[0..<(headEnd - 4)], as: UTF8.self)
        let statusParts = headText.split(separator: "\r\n").first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        return Reply(status: status, headers: fields(headText), body: String(decoding: bytes[headEnd...], as: UTF8.self))
    }

    /// Sends a whole request (given raw, line ends included) on a new connection and reads the reply.
    static func exchange(_ port: Int, _ request: String, head: Bool = false, timeout: Double = 10) -> Reply? {
        guard let fd = openConnection(port, timeout: timeout) else { return nil }
        defer { close(fd) }
        guard sendText(fd, request) else { return nil }
        return readReply(fd, head: head)
    }

    /// GET `target` with the given Host header.
    static func get(_ port: Int, _ target: String, host: String? = nil, timeout: Double = 10) -> Reply? {
        exchange(port, "GET \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n", timeout: timeout)
    }

    /// Whether the server has closed the connection, waiting at most `seconds`.
    static func isClosed(_ fd: Int32, within seconds: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(seconds * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        // Readable with nothing to read: end of stream; an error: reset.
        return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) <= 0
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for i in 0...(bytes.count - needle.count) where Array(bytes[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    private static func fields(_ head: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            out[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }
}
