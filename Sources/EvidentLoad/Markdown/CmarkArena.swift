import CCmarkGFM
import Foundation

/// The memory cmark parses and renders one document in: a bump allocator that is emptied after
/// each document.
///
/// cmark allocates every node, every text chunk and every growing buffer on its own, and with the
/// system allocator that was a third of the time cmark took on 10,000 objective bodies. Since all
/// cmark calls run one at a time under `MarkdownRenderer`'s lock, and nothing cmark allocates
/// outlives the document (the HTML is copied out first), a single arena serves:
/// allocating is moving a pointer, freeing is nothing, and `reset` takes it all back. (cmark-gfm's
/// own arena allocator returns its slabs to the system on every reset, and zeroes 4 MB each time.)
///
/// Only touched with `MarkdownRenderer`'s lock held; hence the `nonisolated(unsafe)` state.
enum CmarkArena {
    /// Every allocation is preceded by its size, and aligned as malloc aligns.
    private static let header = 16

    nonisolated(unsafe) private static var slab = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
    nonisolated(unsafe) private static var capacity = 1 << 20
    nonisolated(unsafe) private static var used = 0
    /// Full slabs of the current document, freed by `reset`.
    nonisolated(unsafe) private static var retired: [UnsafeMutableRawPointer] = []
    /// The offset of the last allocation in `slab`, which can grow in place.
    nonisolated(unsafe) private static var last = -1

    /// The allocator to hand to cmark.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let mem = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        mem.initialize(to: cmark_mem(calloc: { count, size in CmarkArena.calloc(count, size) },
                                     realloc: { pointer, size in CmarkArena.realloc(pointer, size) },
                                     free: { pointer in CmarkArena.free(pointer) }))
        return mem
    }()

    /// Empties the arena; everything allocated since the last reset is gone.
    static func reset() {
        if !retired.isEmpty {
            // The document did not fit: next time, one slab as large as all of them, up to 4 MB
            // (the memory a very large document took is given back).
            let total = capacity + retired.count * capacity
            for old in retired { old.deallocate() }
            retired.removeAll()
            slab.deallocate()
            capacity = min(total, 1 << 22)
            slab = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
        used = 0
        last = -1
    }

    private static func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let rounded = (size + header + 15) & ~15
        if used + rounded > capacity {
            retired.append(slab)
            capacity = max(capacity * 2, rounded)
            slab = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
            used = 0
        }
        let start = slab + used
        start.storeBytes(of: size, as: Int.self)
        last = used
        used += rounded
        return start + header
    }

    private static func calloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, total < Int.max / 2, let pointer = allocate(total) else { return nil }
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        return pointer
    }

    private static func realloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return calloc(1, size) }
        guard size < Int.max / 2 else { return nil }
        let start = pointer - header
        let old = start.load(as: Int.self)
        // A buffer that grows while nothing else was allocated after it (cmark's strings) grows
        // where it is.
        if last >= 0, start == slab + last {
            let rounded = (size + header + 15) & ~15
            if last + rounded <= capacity {
                start.storeBytes(of: size, as: Int.self)
                used = last + rounded
                return pointer
            }
        }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: min(old, size))
        return moved
    }

    /// Nothing: everything goes at `reset`, after the document is done with.
    private static func free(_ pointer: UnsafeMutableRawPointer?) {}
}
