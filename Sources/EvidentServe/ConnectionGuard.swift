import Dispatch
import Foundation
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// The connections open at once, bounded: at `maxConnections`, a new one closes the connection
/// that has waited longest for a request (a browser opens another when it needs one), and when
/// every connection is in the middle of an answer the new one is closed at once. So silent
/// clients cannot hold the server's descriptors and memory, and a browser still gets pages.
final class ConnectionTable: @unchecked Sendable {
    let maxConnections: Int
    // Guards `open` and `next`.
    private let lock = NSLock()
    /// Each open connection, the requests it is reading or answering, and since when it has had none.
    private var open: [Int: (channel: any Channel, answering: Int, idleSince: UInt64)] = [:]
    private var next = 0

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    /// A new connection: its id, or nil when it is refused (every open one is answering). The
    /// connection it displaces, if any, is closed outside the lock.
    func admit(_ channel: any Channel) -> Int? {
        let (id, evicted): (Int?, (any Channel)?) = lock.withLock {
            var evicted: (any Channel)?
            if open.count >= maxConnections {
                let idle = open.filter { $0.value.answering == 0 }.map { ($0.key, $0.value.idleSince) }
                guard let oldest = idle.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return (nil, nil) }
                evicted = open.removeValue(forKey: oldest.0)?.channel
            }
            let id = next
            next += 1
            open[id] = (channel, 0, DispatchTime.now().uptimeNanoseconds)
            return (id, evicted)
        }
        evicted?.close(promise: nil)
        return id
    }

    /// The connection began reading a request (`began`), or an answer's last byte went to the socket.
    func request(_ id: Int, began: Bool) {
        lock.withLock {
            guard var entry = open[id] else { return }
            entry.answering = max(0, entry.answering + (began ? 1 : -1))
            if entry.answering == 0 { entry.idleSince = DispatchTime.now().uptimeNanoseconds }
            open[id] = entry
        }
    }

    func closed(_ id: Int) {
        lock.withLock { _ = open.removeValue(forKey: id) }
    }
}

/// One connection's guard, after the HTTP codec: it enters the connection in the `ConnectionTable`
/// (or closes it when refused), tells the table when a request begins and its answer ends, and
/// closes the connection when the client has not taken what was written for `writeTimeout`
/// seconds (the channel stayed unwritable: its buffers are full). A page reader that stopped, or
/// an event stream nobody reads, is dropped; a browser's event stream connects again by itself.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let table: ConnectionTable
    private let writeTimeout: TimeAmount
    private var id: Int?
    private var entered = false
    private var stalled: Scheduled<Void>?

    init(table: ConnectionTable, writeTimeout: Double) {
        self.table = table
        self.writeTimeout = .nanoseconds(Int64(writeTimeout * 1e9))
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { enter(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        enter(context)
        context.fireChannelActive()
    }

    private func enter(_ context: ChannelHandlerContext) {
        guard !entered else { return }
        entered = true
        id = table.admit(context.channel)
        if id == nil { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        leave()
    }

    private func leave() {
        stalled?.cancel()
        stalled = nil
        if let id { table.closed(id) }
        id = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data), let id { table.request(id, began: true) }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data), let id else { return context.write(data, promise: promise) }
        // Idle once the answer's end is written to the socket, not merely queued.
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { [table] _ in table.request(id, began: false) }
        promise.map(written.futureResult.cascade(to:))
        context.write(data, promise: written)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            stalled?.cancel()
            stalled = nil
        } else if stalled == nil {
            let channel = context.channel
            stalled = context.eventLoop.scheduleTask(in: writeTimeout) { channel.close(promise: nil) }
        }
        context.fireChannelWritabilityChanged()
    }
}
