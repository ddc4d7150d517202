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
