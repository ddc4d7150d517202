import Dispatch

/// Maps over an array on every core, keeping the order. Loading is a set of independent files, so
/// this is where the run's parallelism lives.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
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

/// Runs `first` and `second` at the same time, on two threads, and returns both results; when
/// both fail, `first`'s error is the one thrown. The commands read the theme while the content is
/// loaded: parsing the templates was forty milliseconds on one core before anything else began.
public func concurrently<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    // Both are set below; the default only keeps the result total.
    nonisolated(unsafe) var a: Result<A, Error> = .failure(CancellationError())
    nonisolated(unsafe) var b: Result<B, Error> = .failure(CancellationError())
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            nonisolated(unsafe) let jobs = (first, second)
            // Each iteration writes its own variable, and concurrentPerform returns after both.
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { a = Result { try jobs.0() } } else { b = Result { try jobs.1() } }
            }
        }
    }
    return (try a.get(), try b.get())
}
