import Foundation
import Dispatch

/// Maps over an array on every core, keeping the order. Loading is a set of independent files, so
/// this is where the run's parallelism lives.
package func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let buffer = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    buffer.initialize(repeating: nil)
    // Each index is written by exactly one iteration, so the writes never overlap.
    nonisolated(unsafe) let slots = buffer
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        slots[i] = transform(items[i])
    }
    // Every slot was written above, so none is nil. The slots are moved out, not copied: a copy
    // would leave a reference in the buffer, and every result of every run would leak.
    var results: [R] = []
    results.reserveCapacity(items.count)
    for i in buffer.indices {
        if let value = (buffer.baseAddress.unsafelyUnwrapped + i).move() { results.append(value) }
    }
    buffer.deallocate()
    return results
}

/// Runs `first` on this thread while `second` runs on a thread of its own, and returns `first`'s
/// result once both are done; for work that cannot fail.
package func alongside<A>(_ first: () -> A, _ second: @escaping () -> Void) -> A {
    let job = BackgroundJob(second)
    Thread.detachNewThread { job.run() }
    let value = first()
    _ = job.result()
    return value
}

/// Runs `first` on a thread of its own while `second` runs on this one, and returns both results;
/// when both fail, `first`'s error is the one thrown. The commands read the theme while the
/// content is loaded, so that parsing the templates holds up nothing else. (Not
/// `concurrentPerform`: the loading's own `concurrentPerform`, nested in it, would run on one core.)
package func concurrently<A, B>(_ first: @escaping () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    let job = BackgroundJob(first)
    Thread.detachNewThread { job.run() }
    let b = Result { try second() }
    return (try job.result().get(), try b.get())
}

/// A job run on another thread, and its result once it is done. The thread only writes `outcome`
/// before signalling, and the caller only takes it after waiting: hence `@unchecked Sendable`.
private final class BackgroundJob<A>: @unchecked Sendable {
    private var work: (() throws -> A)?
    private var outcome: Result<A, Error> = .failure(CancellationError())
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping () throws -> A) { self.work = work }

    func run() {
        if let work { outcome = Result { try work() } }
        work = nil
        done.signal()
    }

    /// The outcome, taken out: the job keeps nothing of it. The thread may release the job last,
    /// after the caller has gone on (even to exit), and must not free the caller's values there.
    func result() -> Result<A, Error> {
        done.wait()
        defer { outcome = .failure(CancellationError()) }
        return outcome
    }
}
