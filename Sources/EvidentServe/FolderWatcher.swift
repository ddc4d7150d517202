import Foundation

/// Notices edits under a few folders by their files' paths, sizes and modification times: any
/// edit, addition or removal changes the stamp, but under a hidden name. Polling works the same on every file system.
struct FolderWatcher: Sendable {
    let folders: [String]

    func stamp() -> [String: String] {
        var out: [String: String] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                // Hidden names (`.git`, an editor's swap file) are never content nor theme: not walked.
                if relative.split(separator: "/").last?.first == "." {
                    walker.skipDescendants()
                    continue
                }
                let path = folder + "/" + relative
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                out[path] = "\(size)@\(time)"
            }
        }
        return out
    }

    /// The paths whose stamp differs between `old` and `new`: edited, added or removed.
    static func difference(_ old: [String: String], _ new: [String: String]) -> Set<String> {
        var changed = Set<String>()
        for (path, stamp) in new where old[path] != stamp { changed.insert(path) }
        for path in old.keys where new[path] == nil { changed.insert(path) }
        return changed
    }
}

/// Looks at the watched folders every `interval` seconds on a thread of its own, so walking the
/// folders and rebuilding never hold one of the threads that answer requests.
final class Poller: @unchecked Sendable {
    private let interval: Double
    // Guards `stopped`, and wakes the thread when it is set.
    private let condition = NSCondition()
    private var stopped = false

    init(interval: Double) {
        self.interval = interval
    }

    func start(watcher: FolderWatcher, from first: [String: String], onChange: @escaping @Sendable (Changes) -> Void) {
        Thread.detachNewThread { [self] in
            var stamp = first
            while waitOrStop() {
                let now = watcher.stamp()
                guard now != stamp else { continue }
                let changed = FolderWatcher.difference(stamp, now)
                stamp = now
                onChange(.paths(changed))
            }
        }
    }

    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    /// Waits one interval; false once stopped.
    private func waitOrStop() -> Bool {
        let deadline = Date(timeIntervalSinceNow: interval)
        return condition.withLock {
            while !stopped, condition.wait(until: deadline) {}
            return !stopped
        }
    }
}
