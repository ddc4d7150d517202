import Foundation

/// How changes are noticed: inotify when it can watch every folder, else polling (also when
/// inotify fails later, say on a new folder past the watch limit).
final class Watch: @unchecked Sendable {
    private let settings: ServeSettings
    private let inotify: Result<InotifyWatcher, WatchFailure>
    /// The poller's first stamp, taken before the first build when inotify failed.
    private let stamp: [String: String]
    private let poller: Poller

    /// `inotify` makes the watcher (tests make one that fails).
    init(settings: ServeSettings,
         inotify make: (_ roots: [String]) throws(WatchFailure) -> InotifyWatcher = { roots throws(WatchFailure) in try InotifyWatcher(roots: roots) }) {
        self.settings = settings
        do throws(WatchFailure) {
            inotify = .success(try make(settings.watched))
            stamp = [:]
        } catch {
            inotify = .failure(error)
            stamp = FolderWatcher(folders: settings.watched).stamp()
        }
        poller = Poller(interval: settings.pollInterval)
    }

    /// Starts watching; nil when inotify watches, else why it could not (and polling does).
    func start(onChange: @escaping @Sendable () -> Void, fellBack: @escaping @Sendable (WatchFailure) -> Void) -> WatchFailure? {
        let watcher = FolderWatcher(folders: settings.watched)
        switch inotify {
        case let .success(inotify):
            inotify.start(onChange: onChange) { [poller] failure in
                fellBack(failure)
                // A change may have been missed while inotify failed: rebuild once, then poll.
                let stamp = watcher.stamp()
                onChange()
                poller.start(watcher: watcher, from: stamp, onChange: onChange)
            }
            return nil
        case let .failure(failure):
            poller.start(watcher: watcher, from: stamp, onChange: onChange)
            return failure
        }
    }

    func stop() {
        if case let .success(inotify) = inotify { inotify.stop() }
        poller.stop()
    }
}
